/**
 * HS.BOTTOMRANK, HS.ELIMINATED, HS.GROUPFLAG and HS.SUBSIDY: the district-wide rulings, one cell at a
 * time. Excel calls each cell's formula with the whole columns, so a cell's work can be no less
 * than one pass over them; it is kept to that one pass:
 * - a rank is 1 + the number of strictly lower scores (RANK.EQ), counted without sorting;
 * - the subsidy needs the whole district (3:4:3 tiers sort it, group flags join it), so the
 *   district is computed once per distinct set of columns and each cell looks up its unit; the
 *   columns are compared with the cached ones element by element, which is one pass again.
 * Better still, each function takes a whole column as its first argument and spills a column of
 * answers (=HS.BOTTOMRANK(H2:H37,H2:H37)): one call per column instead of one per unit, which is how
 * the task pane writes 年度汇总.
 *
 * Ruling R9: a blank score is a unit without an annual score. A verdict or an amount it could change
 * is the text 待核实 — as hs-score's JSON has null there — never FALSE and never 0: text, not an error
 * value, because it is an answer (the 说明 of HS.SUBSIDY says why), HS.GROUPFLAG reads it back from
 * the 末位淘汰 column, and SUM leaves it out (年度汇总's 合计 says 待核实 when a column holds one).
 */
import { eliminationVerdict, eliminationVerdicts, groupVerdicts } from '../engine/ranking';
import { computeSubsidies } from '../engine/subsidy';
import { readNumberText, readText } from '../ledger/cells';
import type { CellValue } from '../ledger/types';
import { POLICIES, HESHAN_2024_POLICY } from '../policy/presets';
import type { SubsidyPolicy } from '../policy/types';
import { PENDING, type SubsidyResult } from '../result';
import type { RankingRulings, RuleSet } from '../rules/vocabulary';
import { ArgumentCells, isBlankValue, scalar, shown, textNumberHint, vector, type CellList, type Matrix } from './args';
import { badValue, FormulaError, notAvailable } from './formulaError';
import type { Addresses } from './indicatorFunctions';

/** A column of answers, one per cell of the first argument; a cell's error stays in its cell. */
export type Spilled<T> = (T | FormulaError)[][];

/** The first argument as one cell (a value or a 1×1 range), or as a range of several cells. */
function firstArgument(value: unknown, label: string, address: string | undefined): { single: CellValue; cells: ArgumentCells } | { list: CellList; rows: number; columns: number } {
  const cells = new ArgumentCells(label, address);
  if (Array.isArray(value) && (value.length > 1 || (value[0] as unknown[] | undefined)?.length !== 1)) {
    const matrix = value as unknown[][];
    return { list: vector(matrix, cells), rows: matrix.length, columns: matrix[0]?.length ?? 0 };
  }
  return { single: scalar(value, cells), cells };
}

/** Applies `one` to every cell of a range argument, shaped as the range, errors kept in their cells. */
function spill<T>(list: CellList, rows: number, columns: number, one: (value: CellValue, where: () => string) => T): Spilled<T> {
  const out: Spilled<T> = [];
  for (let r = 0; r < rows; r++) {
    const row: (T | FormulaError)[] = [];
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      try {
        row.push(one(list.values[i], () => list.where(i)));
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        row.push(error);
      }
    }
    out.push(row);
  }
  return out;
}

/** A score cell: a number; blank is "no score"; anything else names its cell. */
function scoreOf(v: CellValue, where: () => string, what: string): number | null {
  if (typeof v === 'number') return v;
  if (isBlankValue(v)) return null;
  throw badValue(`${what}中${where()}「${shown(v)}」不是数字${textNumberHint(v)}`);
}

/** The scores of a column; i-th entry null for a blank cell. */
function scoresOf(list: CellList, what: string): (number | null)[] {
  const out: (number | null)[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = scoreOf(list.values[i], () => list.where(i), what);
  return out;
}

function scoreList(allScores: Matrix, addresses: Addresses): (number | null)[] {
  return scoresOf(vector(allScores, new ArgumentCells('全部得分', addresses.allScores)), '全部得分');
}

function ownScore(score: CellValue, addresses: Addresses): number {
  const cells = new ArgumentCells('得分', addresses.score);
  const n = scoreOf(score, () => cells.whole, '得分');
  if (n === null) throw notAvailable(`${cells.whole}为空：没有年度得分的单位不参加排名`);
  return n;
}

/** RANK.EQ(score, allScores, 1): 1 + how many scores are strictly lower; #N/A when score is not among them. */
function rankAmong(score: number, scores: readonly (number | null)[]): number {
  let lower = 0;
  let found = false;
  for (const s of scores) {
    if (s === null) continue;
    if (s < score) lower++;
    else if (s === score) found = true;
  }
  if (!found) throw notAvailable(`得分${score}不在「全部得分」中（与 RANK.EQ 相同，得分须是所排名单之一）`);
  return lower + 1;
}

/** The scores ascending, for ranking a whole column at once. */
function ranker(scores: readonly (number | null)[]): (score: number) => number {
  const sorted = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  return (score) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < score) lo = mid + 1;
      else hi = mid;
    }
    if (sorted[lo] !== score) throw notAvailable(`得分${score}不在「全部得分」中（与 RANK.EQ 相同，得分须是所排名单之一）`);
    return lo + 1;
  };
}

/**
 * HS.BOTTOMRANK: the ascending rank, ties sharing a rank (ruling R6). Given a column of scores, a
 * column of ranks; a unit without a score is not ranked (an empty cell in the column).
 */
export function bottomRank(score: unknown, allScores: Matrix, addresses: Addresses = {}): number | Spilled<number | string> {
  const first = firstArgument(score, '得分', addresses.score);
  if ('single' in first) return rankAmong(ownScore(first.single, addresses), scoreList(allScores, addresses));
  const rank = ranker(scoreList(allScores, addresses));
  return spill(first.list, first.rows, first.columns, (v, where) => {
    const s = scoreOf(v, where, '得分');
    return s === null ? '' : rank(s);
  });
}

function positiveInteger(value: unknown, label: string, address: string | undefined, fallback: number): number {
  const cells = new ArgumentCells(label, address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw badValue(`${cells.whole}应为不小于0的整数，读到「${shown(v)}」`);
  return v;
}

function numberOr(value: unknown, label: string, address: string | undefined, fallback: number): number {
  const cells = new ArgumentCells(label, address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return fallback;
  if (typeof v !== 'number') throw badValue(`${cells.whole}应为数字，读到「${shown(v)}」`);
  return v;
}

/** A verdict as a cell shows it: TRUE, FALSE, or 待核实 (ruling R9). */
type Verdict = boolean | typeof PENDING;
const shownVerdict = (v: boolean | null): Verdict => (v === null ? PENDING : v);

/**
 * HS.ELIMINATED: 末位淘汰, bottom rank within bottomN and score below the threshold (defaults from the
 * rule set). Given a column of scores, a column of answers. A blank in allScores is a unit without an
 * annual score (ruling R9): its own answer is 待核实, and so is every answer it could change.
 */
export function eliminated(score: unknown, allScores: Matrix, bottomN: unknown, threshold: unknown, ruleSet: RuleSet, addresses: Addresses = {}): Verdict | Spilled<Verdict> {
  const rulings: RankingRulings = {
    ...ruleSet.ranking,
    eliminationBottomN: positiveInteger(bottomN, '末位名额', addresses.bottomN, ruleSet.ranking.eliminationBottomN),
    eliminationThreshold: numberOr(threshold, '分数线', addresses.threshold, ruleSet.ranking.eliminationThreshold),
  };
  const all = scoreList(allScores, addresses);
  const unscored = all.filter((s) => s === null).length;
  const first = firstArgument(score, '得分', addresses.score);
  if ('single' in first) {
    const own = scoreOf(first.single, () => first.cells.whole, '得分');
    return shownVerdict(own === null ? null : eliminationVerdict(own, rankAmong(own, all), unscored, rulings));
  }
  const rank = ranker(all);
  return spill(first.list, first.rows, first.columns, (v, where) => {
    const s = scoreOf(v, where, '得分');
    return shownVerdict(s === null ? null : eliminationVerdict(s, rank(s), unscored, rulings));
  });
}

const TRUE_WORDS = new Set(['true', '是', '1', 'y', 'yes', '√', '淘汰', '末位淘汰']);
const FALSE_WORDS = new Set(['false', '否', '0', 'n', 'no', '×', '']);

/** A 末位淘汰 cell: true, false, null for 待核实 (what HS.ELIMINATED answers for it), undefined when blank. */
function flagOf(v: CellValue, where: () => string): boolean | null | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  const text = String(v).normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  if (text === PENDING) return null;
  throw badValue(`末位淘汰标记中${where()}「${shown(v)}」应为 TRUE/FALSE、是/否 或 ${PENDING}`);
}

/** Each group's flag, the columns checked as they are read: true, or null (待核实) when no member is certainly eliminated but one may be. */
function groupFlags(groups: Matrix, eliminatedFlags: Matrix, addresses: Addresses): Map<string, boolean | null> {
  const groupCells = vector(groups, new ArgumentCells('全部小组', addresses.groups));
  const flagCells = vector(eliminatedFlags, new ArgumentCells('末位淘汰标记', addresses.eliminatedFlags));
  if (groupCells.length !== flagCells.length) {
    throw badValue(`「全部小组」有${groupCells.length}个单元格，「末位淘汰标记」有${flagCells.length}个，应一一对应`);
  }
  const members: { unit: string; group: string | null; eliminated: boolean | null }[] = [];
  for (let i = 0; i < groupCells.length; i++) {
    const name = readText(groupCells.values[i]);
    const flag = flagOf(flagCells.values[i], () => flagCells.where(i));
    if (name === null) continue;
    if (flag === undefined) throw badValue(`小组「${name}」的成员${flagCells.where(i)}末位淘汰标记为空`);
    members.push({ unit: String(i), group: name, eliminated: flag }); // the unit's name only words a reason, not asked for here
  }
  const verdicts = groupVerdicts(members);
  const flags = new Map<string, boolean | null>();
  for (const g of verdicts.flagged) flags.set(g, true);
  for (const g of verdicts.pending) flags.set(g, null);
  return flags;
}

/**
 * HS.GROUPFLAG: the 老带新 group has an eliminated member; 待核实 when none certainly is but a
 * member's 末位淘汰 is 待核实 (ruling R9). A unit without a group is never flagged. Given a column of
 * groups, a column of answers.
 */
export function groupFlag(group: unknown, groups: Matrix, eliminatedFlags: Matrix, addresses: Addresses = {}): Verdict | Spilled<Verdict> {
  const first = firstArgument(group, '小组', addresses.group);
  const flags = groupFlags(groups, eliminatedFlags, addresses);
  const flagOfGroup = (v: CellValue): Verdict => {
    const own = readText(v);
    const flag = own === null ? undefined : flags.get(own); // null is a 待核实 group, undefined an unflagged one
    return flag === undefined ? false : shownVerdict(flag);
  };
  if ('single' in first) return flagOfGroup(first.single);
  return spill(first.list, first.rows, first.columns, flagOfGroup);
}

/* ---------- HS.SUBSIDY ---------- */

export type SubsidyPart = 'total' | 'base' | 'groupDeduction' | 'reward' | 'explanation' | 'tier';

/** Part names, including 年度汇总's and 补贴测算's headers, so a formula can name its parts by the header row above it. */
const PART_WORDS: Record<string, SubsidyPart> = {
  合计: 'total', 总额: 'total', 年终合计: 'total', 年终补贴合计: 'total', total: 'total',
  基础: 'base', 基础补助: 'base', 层级补助: 'base', 补助: 'base', base: 'base',
  扣减: 'groupDeduction', 小组扣减: 'groupDeduction', deduction: 'groupDeduction', groupdeduction: 'groupDeduction',
  奖励: 'reward', 带动奖励: 'reward', reward: 'reward',
  档次: 'tier', 补贴档次: 'tier', tier: 'tier',
  说明: 'explanation', explanation: 'explanation',
};
const PART_CHOICES = '合计、基础、扣减、奖励、档次、说明';

/** The part, or parts: a row of part names (a header row) gives a column of answers per part. */
function partsOf(value: unknown, address: string | undefined): SubsidyPart[] {
  const cells = new ArgumentCells('项目', address);
  const one = (v: CellValue, where: string): SubsidyPart => {
    if (isBlankValue(v)) return 'total';
    const part = PART_WORDS[String(v).normalize('NFKC').trim().toLowerCase()];
    if (!part) throw badValue(`${where}未知的项目「${shown(v)}」，可选：${PART_CHOICES}`);
    return part;
  };
  if (Array.isArray(value) && (value.length > 1 || (value[0] as unknown[] | undefined)?.length !== 1)) {
    const list = vector(value as Matrix, cells);
    return list.values.map((v, i) => one(v, list.where(i)));
  }
  return [one(scalar(value, cells), '')];
}

function policyOf(value: unknown, address: string | undefined): SubsidyPolicy {
  const cells = new ArgumentCells('补贴政策', address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return HESHAN_2024_POLICY;
  const text = String(v).normalize('NFKC').replace(/\s/g, '').toLowerCase();
  const found = POLICIES.find((p) => p.id === text || p.zh.replace(/\s/g, '') === text || p.zh.startsWith(text) || text.startsWith(p.zh.slice(0, 2)) && text.includes(p.id.split('-')[1]));
  if (!found) throw badValue(`未知的补贴政策「${shown(v)}」，可选：${POLICIES.map((p) => `${p.id}（${p.zh}）`).join('、')}`);
  return found;
}

interface DistrictColumns {
  units: CellValue[];
  scores: CellValue[];
  levels: CellValue[];
  groups: CellValue[];
  rewards: CellValue[];
  policy: SubsidyPolicy;
  ranking: RankingRulings;
  /** Where the columns are: messages cached with the district name these cells. */
  where: string;
}

type UnitOutcome = { ok: true; result: SubsidyResult } | { ok: false; message: string };

interface District {
  columns: DistrictColumns;
  byUnit: Map<string, UnitOutcome>;
}

/** The last few districts computed; a sheet of subsidy formulas asks about the same one every time. */
const districts: District[] = [];
const DISTRICTS_KEPT = 4;

const sameValues = (a: readonly CellValue[], b: readonly CellValue[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

function sameColumns(a: DistrictColumns, b: DistrictColumns): boolean {
  return a.policy === b.policy && a.ranking === b.ranking && a.where === b.where && sameValues(a.scores, b.scores) && sameValues(a.units, b.units) && sameValues(a.levels, b.levels) && sameValues(a.groups, b.groups) && sameValues(a.rewards, b.rewards);
}

interface DistrictArgs {
  units: Matrix;
  scores: Matrix;
  levels: Matrix;
  groups: Matrix;
  rewards: Matrix | null;
}

/** Reads and checks the columns; the district's outcome for every unit is computed (or found) once. */
function districtFor(args: DistrictArgs, policy: SubsidyPolicy, ranking: RankingRulings, addresses: Addresses): District {
  const unitCells = vector(args.units, new ArgumentCells('全部单位', addresses.units));
  const columns = (m: Matrix | null, label: string, address: string | undefined): CellList | null => {
    if (m === null) return null;
    const cells = vector(m, new ArgumentCells(label, address));
    if (cells.length !== unitCells.length) throw badValue(`「${label}」有${cells.length}个单元格，「全部单位」有${unitCells.length}个，应一一对应`);
    return cells;
  };
  const scoreCells = columns(args.scores, '全部得分', addresses.scores)!;
  const levelCells = columns(args.levels, '认定层级', addresses.levels)!;
  const groupCells = columns(args.groups, '全部小组', addresses.groups)!;
  const rewardCells = columns(args.rewards, '带动奖励', addresses.rewards);
  const wanted: DistrictColumns = {
    units: unitCells.values, scores: scoreCells.values, levels: levelCells.values, groups: groupCells.values,
    rewards: rewardCells?.values ?? [], policy, ranking,
    where: [addresses.units, addresses.scores, addresses.levels, addresses.groups, addresses.rewards].join('\u0001'),
  };
  const cached = districts.find((d) => sameColumns(d.columns, wanted));
  if (cached) return cached;

  const names = unitCells.values.map((v) => readText(v));
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === null) return;
    const earlier = seen.get(name);
    if (earlier !== undefined) throw badValue(`「全部单位」中「${name}」出现两次（${unitCells.where(earlier)}、${unitCells.where(i)}）`);
    seen.set(name, i);
  });
  const rows = names.flatMap((name, i) => (name === null ? [] : [i]));
  const allAnnuals = scoresOf(scoreCells, '全部得分');
  const annuals = rows.map((i) => allAnnuals[i]);
  const rewards = rows.map((i) => {
    const v = rewardCells?.values[i] ?? null;
    if (isBlankValue(v)) return 0;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? readNumberText(v)?.value : undefined;
    if (n === undefined || n < 0) throw badValue(`带动奖励中${rewardCells!.where(i)}「${shown(v)}」应为不小于0的金额`);
    return n;
  });
  const groups = rows.map((i) => readText(groupCells.values[i]));
  const verdicts = eliminationVerdicts(rows.map((i, k) => ({ unit: names[i]!, annual: annuals[k] })), ranking);
  const flags = groupVerdicts(rows.map((i, k) => ({ unit: names[i]!, group: groups[k], eliminated: verdicts.eliminated[k] })));
  const subsidy = computeSubsidies(
    rows.map((i, k) => ({
      unit: names[i]!, annual: annuals[k], eliminated: verdicts.eliminated[k], group: groups[k],
      groupFlagged: flags.byUnit[k], levelText: readText(levelCells.values[i]),
      founding: null, reward: rewards[k], rewardReason: null,
      eliminatedWhy: verdicts.why[k], groupFlaggedWhy: flags.why[k],
    })),
    policy,
  );
  const byUnit = new Map<string, UnitOutcome>();
  rows.forEach((i, k) => byUnit.set(names[i]!, { ok: true, result: subsidy.results[k] }));
  for (const e of subsidy.errors) {
    const i = seen.get(e.unit)!;
    byUnit.set(e.unit, { ok: false, message: `${e.unit}：${e.message}（${levelCells.where(i)}）` });
  }
  const district = { columns: wanted, byUnit };
  districts.unshift(district);
  districts.length = Math.min(districts.length, DISTRICTS_KEPT);
  return district;
}

export interface SubsidyArgs extends DistrictArgs {
  unit: unknown;
  policy: unknown;
  part: unknown;
}

/**
 * HS.SUBSIDY: the unit's year-end amount (or one part of it, or its 说明) under the policy. Given a
 * column of units, a column of answers from the one district computation.
 */
export function subsidy(args: SubsidyArgs, ruleSet: RuleSet, addresses: Addresses = {}): number | string | Spilled<number | string> {
  const parts = partsOf(args.part, addresses.part);
  const first = firstArgument(args.unit, '单位', addresses.unit);
  const district = districtFor(args, policyOf(args.policy, addresses.policy), ruleSet.ranking, addresses);
  const outcomeOf = (value: CellValue, where: () => string): SubsidyResult => {
    const unit = readText(value);
    if (unit === null) throw badValue(`${where()}未填写单位名称`);
    const outcome = district.byUnit.get(unit);
    if (!outcome) throw notAvailable(`「全部单位」中没有「${unit}」`);
    if (!outcome.ok) throw badValue(outcome.message);
    return outcome.result;
  };
  // An amount that is null is 待核实 (ruling R9), never an empty cell that reads as 0; a unit without a tier has none.
  const valueOf = (result: SubsidyResult, part: SubsidyPart): number | string => result[part] ?? (part === 'tier' || part === 'explanation' ? '' : PENDING);
  if (parts.length === 1) {
    const part = parts[0];
    const answer = (value: CellValue, where: () => string) => valueOf(outcomeOf(value, where), part);
    if ('single' in first) return answer(first.single, () => first.cells.whole);
    return spill(first.list, first.rows, first.columns, answer);
  }
  // Several parts: one row per unit, one column per part (a unit's error fills its row).
  const units = 'single' in first ? [{ value: first.single, where: () => first.cells.whole }] : first.list.values.map((value, i) => ({ value, where: () => first.list.where(i) }));
  return units.map(({ value, where }) => {
    try {
      const result = outcomeOf(value, where);
      return parts.map((part) => valueOf(result, part));
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      return parts.map(() => error);
    }
  });
}
