/**
 * A whole ledger scored: monthly points, annual scores, ranks, 末位淘汰, group flags and the
 * year-end subsidy, with every issue located. The CLI, the output sheets and the task pane all
 * call this one function.
 */
import { baseFields, compileRuleSet, notForType, type CompiledRubric, type MonthScores } from './engine/compile';
import { fieldDef } from './fields';
import { annualScore, bottomRanks, flaggedGroups, isEliminated } from './engine/ranking';
import { computeSubsidies } from './engine/subsidy';
import { buildLedger, type BuiltLedger } from './ledger/build';
import type { Issue, RawLedger } from './ledger/types';
import { HESHAN_2024_POLICY } from './policy/presets';
import type { SubsidyPolicy } from './policy/types';
import type { IssueResult, MonthResult, ScoreResult, UnitResult } from './result';
import { HESHAN_2024 } from './rules/heshan2024';
import type { RuleSet } from './rules/vocabulary';

export interface ScoreOptions {
  ruleSet?: RuleSet;
  policy?: SubsidyPolicy;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const NO_BASE_NOTE = '无基数，按达标计（裁定R2）';

/** Points as reported: float noise below 1e-10 removed, so 2.9999999999999982 reads 3. */
export const tidy = (x: number): number => Math.round(x * 1e10) / 1e10;

export function scoreLedger(raw: RawLedger, options: ScoreOptions = {}): ScoreResult {
  const rubric = compileRuleSet(options.ruleSet ?? HESHAN_2024);
  const policy = options.policy ?? HESHAN_2024_POLICY;
  const built = buildLedger(raw, rubric);
  const scores = rubric.score(built.table);
  const monthsByUnit = collectMonths(built, rubric, scores);
  const issues: Issue[] = [...built.issues, ...emptyBaseErrors(built, rubric, scores)];

  const totalsByUnit = rawTotalsByUnit(built, scores);
  const annuals = totalsByUnit.map((totals) => annualScore(totals, rubric.ruleSet.ranking.annualDecimals));
  const ranks = bottomRanks(annuals);
  const eliminated = annuals.map((a, u) => isEliminated(a, ranks[u], rubric.ruleSet.ranking));
  const flagged = flaggedGroups(built.units.map((info, u) => ({ group: info.group, eliminated: eliminated[u] })));
  const subsidy = computeSubsidies(
    built.units.map((info, u) => ({
      unit: info.name, annual: annuals[u], eliminated: eliminated[u], group: info.group,
      groupFlagged: info.group !== null && flagged.includes(info.group), levelText: info.level,
      founding: info.founding, reward: info.reward, rewardReason: info.rewardReason,
    })),
    policy,
  );
  for (const e of subsidy.errors) issues.push({ severity: 'error', unit: e.unit, month: null, field: '认定层级', cell: null, message: e.message });

  const units: UnitResult[] = built.units.map((info, u) => {
    const months = monthsByUnit[u];
    const scored = months.filter((m) => m.total !== null).map((m) => m.month);
    const missingMonths = MONTHS.filter((m) => !scored.includes(m));
    if (missingMonths.length > 0) {
      const absent = missingMonths.filter((m) => !months.some((x) => x.month === m));
      const blocked = missingMonths.filter((m) => !absent.includes(m));
      const parts = [absent.length ? `缺少${absent.join('、')}月` : '', blocked.length ? `${blocked.join('、')}月有错误未能计分` : ''].filter(Boolean);
      const outcome = scored.length ? `年度得分按已计分的${scored.length}个月平均` : '没有可计分的月份，无年度得分';
      issues.push({ severity: 'warning', unit: info.name, month: null, field: null, cell: null, message: `${parts.join('，')}；${outcome}` });
    }
    return {
      unit: info.name, type: info.type, town: info.town, group: info.group, level: info.level,
      months, annual: annuals[u], scoredMonths: scored.length, missingMonths, bottomRank: ranks[u],
      eliminated: eliminated[u], groupFlagged: info.group !== null && flagged.includes(info.group),
      subsidy: subsidy.results[u],
    };
  });

  const located = (i: Issue): IssueResult => ({ unit: i.unit, month: i.month, field: i.field, cell: i.cell, message: i.message });
  return {
    ruleSet: rubric.ruleSet.id,
    policy: policy.id,
    source: raw.source,
    units,
    flaggedGroups: flagged,
    errors: issues.filter((i) => i.severity === 'error').map(located),
    warnings: issues.filter((i) => i.severity === 'warning').map(located),
    mapping: raw.mapping,
    summary: {
      units: units.length,
      unitMonths: built.table.length,
      eliminated: units.filter((u) => u.eliminated).map((u) => u.unit),
      subsidyTotal: units.reduce((sum, u) => sum + u.subsidy.total, 0),
    },
  };
}

/** With ruling R2 set to "not met", an empty base is an input error: say where. */
function emptyBaseErrors(built: BuiltLedger, rubric: CompiledRubric, scores: MonthScores): Issue[] {
  if (rubric.ruleSet.scoring.emptyBaseCountsAsMet) return [];
  const issues: Issue[] = [];
  for (const ind of rubric.ruleSet.indicators) {
    const noBase = scores.noBase.get(ind.code);
    const points = scores.indicators.get(ind.code)!;
    if (!noBase) continue;
    const base = baseFields(ind.measure);
    const names = base.map((key) => fieldDef(key).zh).join('、');
    for (let i = 0; i < built.table.length; i++) {
      if (!noBase[i] || !Number.isNaN(points[i])) continue;
      const origin = built.rowOrigins[i];
      issues.push({
        severity: 'error', unit: built.units[built.table.unit[i]].name, month: built.table.month[i],
        field: names || null, cell: (base.length ? origin.fields[base[0]]?.cell : undefined) ?? origin.rowRef,
        message: `指标${ind.code}${ind.zh}的基数（${names}）为0，按规则设置（裁定R2：无基数不视为达标）无法计分`, blocks: [ind.code],
      });
    }
  }
  return issues;
}

/** Each unit's scored monthly totals as computed, for the annual mean (tidying first would round twice). */
function rawTotalsByUnit(built: BuiltLedger, scores: MonthScores): number[][] {
  const totals: number[][] = built.units.map(() => []);
  for (let i = 0; i < built.table.length; i++) {
    if (!Number.isNaN(scores.total[i])) totals[built.table.unit[i]].push(scores.total[i]);
  }
  return totals;
}

function collectMonths(built: BuiltLedger, rubric: CompiledRubric, scores: MonthScores): MonthResult[][] {
  const byUnit: MonthResult[][] = built.units.map(() => []);
  const { table } = built;
  for (let i = 0; i < table.length; i++) {
    const indicators: Record<string, number | null> = {};
    const notes: Record<string, string> = {};
    rubric.items.forEach((item, k) => {
      if (notForType(item, table.type[i])) return;
      const v = scores.items[k][i];
      indicators[item.code] = Number.isNaN(v) ? null : tidy(v);
      for (const ind of item.indicators) if (scores.noBase.get(ind.code)?.[i] && !Number.isNaN(v)) notes[ind.code] = NO_BASE_NOTE;
    });
    const total = scores.total[i];
    const month: MonthResult = { month: table.month[i], indicators, total: Number.isNaN(total) ? null : tidy(total) };
    if (Object.keys(notes).length) month.notes = notes;
    byUnit[table.unit[i]].push(month);
  }
  for (const months of byUnit) months.sort((a, b) => a.month - b.month);
  return byUnit;
}
