/**
 * A whole ledger scored: monthly points, annual scores, ranks, 末位淘汰, group flags and the
 * year-end subsidy, with every issue located. The CLI, the output sheets and the task pane all
 * call this one function.
 */
import { baseFields, compileRuleSet, notForType, type CompiledRubric, type MonthScores } from './engine/compile';
import { annualScore, eliminationVerdicts, groupVerdicts } from './engine/ranking';
import { isRecognised, recognitionShares } from './engine/recognition';
import { computeSubsidies } from './engine/subsidy';
import { buildLedger, type BuiltLedger } from './ledger/build';
import type { Issue, RawLedger } from './ledger/types';
import { HESHAN_2024_POLICY } from './policy/presets';
import type { SubsidyPolicy } from './policy/types';
import { recordLayout, recordView, type RecordLayout } from './recordView';
import { PENDING, type IssueResult, type MonthResult, type RecognitionResult, type ScoreResult, type UnitResult } from './result';
import { HESHAN_2024 } from './rules/heshan2024';
import type { RankingRulings, RuleSet } from './rules/vocabulary';

export interface ScoreOptions {
  ruleSet?: RuleSet;
  policy?: SubsidyPolicy;
  /** The year the ledger is for (`--year`); by default the year most of its dated months name. */
  year?: number;
  /**
   * Called once every cell has been parsed: after it the ledger's values are not read again (only
   * cell addresses, for messages). hs-score lets the grids go there — a gigabyte at Excel's size.
   */
  onParsed?: () => void;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const NO_BASE_NOTE = '无基数，按达标计（裁定R2）';

/** Points as reported: float noise below 1e-10 removed, so 2.9999999999999982 reads 3. */
export const tidy = (x: number): number => Math.round(x * 1e10) / 1e10;

export function scoreLedger(raw: RawLedger, options: ScoreOptions = {}): ScoreResult {
  const rubric = compileRuleSet(options.ruleSet ?? HESHAN_2024);
  const policy = options.policy ?? HESHAN_2024_POLICY;
  const built = buildLedger(raw, rubric, { year: options.year });
  options.onParsed?.();
  const scores = rubric.score(built.table);
  const monthsByUnit = collectMonths(built, rubric, scores);
  const issues: Issue[] = [...withoutMootIssues(built, rubric, scores), ...emptyBaseErrors(built, rubric, scores)];

  const totalsByUnit = rawTotalsByUnit(built, scores);
  const annuals = totalsByUnit.map((totals) => annualScore(totals, rubric.ruleSet.ranking.annualDecimals));
  const gaps = monthsByUnit.map(monthGaps);
  const verdicts = eliminationVerdicts(
    built.units.map((info, u) => ({ unit: info.name, annual: annuals[u], noScore: annuals[u] === null ? gaps[u].text : undefined })),
    rubric.ruleSet.ranking,
  );
  const groups = groupVerdicts(built.units.map((info, u) => ({ unit: info.name, group: info.group, eliminated: verdicts.eliminated[u] })));
  const subsidy = computeSubsidies(
    built.units.map((info, u) => ({
      unit: info.name, annual: annuals[u], eliminated: verdicts.eliminated[u], group: info.group,
      groupFlagged: groups.byUnit[u], levelText: info.level,
      founding: info.founding, reward: info.reward, rewardReason: info.rewardReason,
      eliminatedWhy: verdicts.why[u], groupFlaggedWhy: groups.why[u],
    })),
    policy,
  );
  for (const e of subsidy.errors) issues.push({ severity: 'error', unit: e.unit, month: null, field: '认定层级', cell: null, message: e.message });
  for (const w of subsidy.warnings) issues.push({ severity: 'warning', unit: w.unit, month: null, field: '认定层级', cell: null, message: w.message });

  const units: UnitResult[] = built.units.map((info, u) => {
    const gap = gaps[u];
    const unit: UnitResult = {
      unit: info.name, type: info.type, town: info.town, group: info.group, level: info.level,
      months: monthsByUnit[u], annual: annuals[u], scoredMonths: gap.scored, missingMonths: gap.missing, bottomRank: verdicts.ranks[u],
      eliminated: verdicts.eliminated[u], groupFlagged: groups.byUnit[u],
      subsidy: subsidy.results[u],
      pendingReason: verdicts.why[u] ?? groups.why[u] ?? subsidy.pendingWhy[u],
    };
    const warning = unitWarning(unit, gap);
    if (warning) issues.push({ severity: 'warning', unit: info.name, month: null, field: null, cell: null, message: warning });
    return unit;
  });

  const recognition = recognitionOf(units, rubric.ruleSet.ranking);

  const located = (i: Issue): IssueResult => ({ unit: i.unit, month: i.month, field: i.field, cell: i.cell, message: i.message });
  const totals = units.map((u) => u.subsidy.total);
  const determined = totals.filter((t): t is number => t !== null);
  return {
    ruleSet: rubric.ruleSet.id,
    policy: policy.id,
    source: raw.source,
    units,
    flaggedGroups: groups.flagged,
    pendingGroups: groups.pending,
    errors: issues.filter((i) => i.severity === 'error').map(located),
    warnings: issues.filter((i) => i.severity === 'warning').map(located),
    ...(recognition ? { recognition } : {}),
    mapping: raw.mapping,
    ...(raw.sheets ? { sheets: raw.sheets } : {}),
    summary: {
      units: units.length,
      unitMonths: built.table.length,
      eliminated: units.filter((u) => u.eliminated === true).map((u) => u.unit),
      subsidyTotal: determined.length === totals.length ? sum(determined) : null,
      subsidyDeterminedTotal: sum(determined),
      undetermined: units.filter(isUndetermined).map((u) => u.unit),
    },
  };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** With a 认定分数线: each unit's flag (set on the unit) and who is recognised, with the shares against the rubric's targets. */
function recognitionOf(units: UnitResult[], ranking: RankingRulings): RecognitionResult | undefined {
  const line = ranking.recognitionLine;
  if (line === undefined) return undefined;
  for (const u of units) u.recognised = isRecognised(u.annual, line);
  return {
    line,
    recognised: units.filter((u) => u.recognised === true).map((u) => u.unit),
    undetermined: units.filter((u) => u.recognised === null).map((u) => u.unit),
    shares: recognitionShares(units.map((u) => ({ unit: u.unit, type: u.type, recognised: u.recognised ?? null })), ranking.shareTargets ?? []),
  };
}

/**
 * The ledger's errors less those no score depends on: an inspectors' cell that 达标得分否则评分 reads
 * only when the target is missed may be blank in a month the target is met, and the month is
 * scored in full. An error is dropped only when every indicator it names scored for its unit-month.
 */
function withoutMootIssues(built: BuiltLedger, rubric: CompiledRubric, scores: MonthScores): Issue[] {
  const conditional = new Set(rubric.ruleSet.indicators.filter((i) => i.scoring.kind === 'metOrJudged').map((i) => i.code));
  const moot = (i: Issue) => i.severity === 'error' && i.unit !== null && i.month !== null && !!i.blocks?.length && i.blocks.every((c) => conditional.has(c));
  if (conditional.size === 0 || !built.issues.some(moot)) return built.issues;
  const rowOf = new Map<string, number>();
  for (let r = 0; r < built.table.length; r++) rowOf.set(`${built.units[built.table.unit[r]].name}\u0000${built.table.month[r]}`, r);
  return built.issues.filter((i) => {
    if (!moot(i)) return true;
    const r = rowOf.get(`${i.unit}\u0000${i.month}`);
    return r === undefined || i.blocks!.some((code) => Number.isNaN(scores.indicators.get(code)![r]));
  });
}

/** A unit whose 末位淘汰, group flag or subsidy is 待核实 (ruling R9). */
const isUndetermined = (u: UnitResult): boolean => u.eliminated === null || u.groupFlagged === null || u.subsidy.base === null || u.subsidy.total === null;

interface MonthGaps {
  scored: number;
  /** Months 1–12 without a scored total. */
  missing: number[];
  /** What is missing, in Chinese (缺少11、12月，3月有错误未能计分); '' when nothing is. */
  text: string;
}

function monthGaps(months: readonly MonthResult[]): MonthGaps {
  const scored = months.filter((m) => m.total !== null).map((m) => m.month);
  const missing = MONTHS.filter((m) => !scored.includes(m));
  const absent = missing.filter((m) => !months.some((x) => x.month === m));
  const blocked = missing.filter((m) => !absent.includes(m));
  const each = blocked.length > 1 && absent.length === 0 ? '均' : '';
  const parts = [absent.length ? `缺少${monthList(absent)}` : '', blocked.length ? `${monthList(blocked)}${each}有错误未能计分` : ''];
  return { scored: scored.length, missing, text: parts.filter(Boolean).join('，') };
}

/** Months as an analyst writes them: runs of three or more as a range (1–12月), others listed (11、12月). */
function monthList(months: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < months.length; ) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j] + 1) j++;
    if (j - i >= 2) parts.push(`${months[i]}–${months[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(months[k]));
    i = j + 1;
  }
  return `${parts.join('、')}月`;
}

/**
 * The unit's warning, if any: the months it lacks, and what ruling R9 leaves 待核实 and why. A
 * warning, not an error: errors are cells to correct, and a 待核实 verdict has no cell of its own —
 * it follows from the errors already listed (or from another unit's), and goes when they are fixed.
 */
function unitWarning(u: UnitResult, gap: MonthGaps): string | null {
  const parts: string[] = [];
  if (gap.missing.length > 0) parts.push(`${gap.text}；${u.annual !== null ? `年度得分按已计分的${gap.scored}个月平均` : '没有可计分的月份，无年度得分'}`);
  if (isUndetermined(u)) {
    const what = [u.annual === null ? '倒数排名' : '', u.eliminated === null ? '末位淘汰' : '', u.groupFlagged === null ? '小组连带' : '', u.subsidy.total === null ? '年终补贴' : ''].filter(Boolean);
    const why = u.annual === null ? '' : `：${u.pendingReason}`;
    parts.push(`${what.join('、')}${PENDING}（裁定R9）${why}`);
  }
  return parts.length ? parts.join('；') : null;
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
    const names = base.map((key) => rubric.fields.name(key)).join('、');
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
  // A month's points are a view over the score columns (src/recordView.ts): as plain records they
  // were nine tenths of a million-row result's memory.
  const layouts = new Map<number, RecordLayout<number | null>>();
  const layoutFor = (type: number): RecordLayout<number | null> => {
    let layout = layouts.get(type);
    if (!layout) {
      const reported = rubric.items.map((item, k) => ({ item, column: scores.items[k] })).filter(({ item }) => !notForType(item, type));
      layout = recordLayout(reported.map(({ item }) => item.code), (position, i) => {
        const v = reported[position].column[i];
        return Number.isNaN(v) ? null : tidy(v);
      });
      layouts.set(type, layout);
    }
    return layout;
  };
  const noBase = rubric.items.flatMap((item, k) => item.indicators.map((ind) => ({ item, code: ind.code, marks: scores.noBase.get(ind.code), points: scores.items[k] })));
  for (let i = 0; i < table.length; i++) {
    const type = table.type[i];
    const total = scores.total[i];
    const month: MonthResult = { month: table.month[i], indicators: recordView(layoutFor(type), i), total: Number.isNaN(total) ? null : tidy(total) };
    for (const { item, code, marks, points } of noBase) {
      if (!marks?.[i] || Number.isNaN(points[i]) || notForType(item, type)) continue;
      (month.notes ??= {})[code] = NO_BASE_NOTE;
    }
    byUnit[table.unit[i]].push(month);
  }
  for (const months of byUnit) months.sort((a, b) => a.month - b.month);
  return byUnit;
}
