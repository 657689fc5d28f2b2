/**
 * `hs-score circle`, `share` and `equipment`: the seeds' other policies (黄山 2022, 山东 2010,
 * 甘肃 2023) over a small table. The rules are the policy modules'; cells are read with the
 * worksheet functions' helpers (src/formulas/seedPolicyFunctions.ts), so a bad cell gets the same
 * Chinese message, naming the cell (`就业圈!C4`), in Excel and here. A bad cell stops only what
 * depends on it: its own row for 就业圈 and 支出, the share or the ranking for 社区.
 */
import { excelRound } from '../engine/excelRound';
import { formatYuan } from '../engine/subsidy';
import { badValue, FormulaError } from '../formulas/formulaError';
import { numberIn, policyCall, populationArgument, recognisedFlag, shareArgument, spendingAmount, subsidyArgument } from '../formulas/seedPolicyFunctions';
import type { SheetGrid } from '../ledger/types';
import { parseShareTargets, recognitionShares, type RecognitionShare } from '../engine/recognition';
import { PENDING, type ScoreResult } from '../result';
import type { ShareTarget } from '../rules/vocabulary';
import { classifyUse, equipmentBase, equipmentCheck, GANSU_2023_EQUIPMENT, type EquipmentCheck, type SpendingLine } from '../policy/gansuEquipment';
import { circlePurchase, HUANGSHAN_2022_CIRCLE, type CirclePurchase } from '../policy/huangshan2022';
import { formatNumber, formatPercent, PolicyInputError } from '../policy/policyInputError';
import { checkShare, fullEmploymentShare, rewardedPlaces, SHANDONG_2010_FULL_EMPLOYMENT, SHANDONG_2010_TOP_SHARE, topShareStanding, type FullEmploymentShare } from '../policy/shandong2010';
import { cellText, readPolicyTable, TableError, type PolicyTable, type TableField } from './policyTable';

/** A cell that could not be used, and what it blocked. */
export interface RowIssue {
  /** 1-based sheet row. */
  row: number;
  /** The row's name (就业圈、社区、支出类别), or 第N行. */
  name: string;
  cell: string;
  message: string;
}

/** What every seed command reports besides its own figures. */
export interface SeedReport {
  policy: string;
  sheet: string;
  errors: RowIssue[];
  notes: string[];
}

export interface SeedOutcome<R extends SeedReport> {
  result: R;
  /** The figures, in Chinese, for the summary. */
  lines: string[];
}

/** A bad cell's or option's Chinese message; anything else is a bug and goes on up. */
function inputMessage(err: unknown): string {
  if (err instanceof FormulaError || err instanceof PolicyInputError) return err.message;
  throw err;
}

/** Runs `read` for an option or a whole table; bad input becomes a TableError (the command refuses it). */
export function refusedInput<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof TableError) throw err;
    throw new TableError(inputMessage(err));
  }
}

/** A population or amount column headed in 万 (常住人口(万人), 金额(万元)) would be misread by 10,000. */
function refuseTenThousands<K extends string>(table: PolicyTable<K>, keys: readonly K[], unit: string): void {
  for (const k of keys) {
    const h = table.headers[k];
    if (h && /万/.test(h.text.normalize('NFKC'))) throw new TableError(`列「${h.text}」以万为单位（${h.cell}）：请以${unit}为单位填写`);
  }
}

/* ---------- 黄山 2022: 就业圈购买服务 ---------- */

type CircleKey = 'name' | 'resident' | 'urban';

const CIRCLE_FIELDS: readonly TableField<CircleKey>[] = [
  { key: 'name', zh: '就业圈名称', synonyms: ['就业圈', '名称', '试点名称', '试点就业圈', '就业圈(试点)名称', '试点地区', '社区名称', '社区'], required: true },
  { key: 'resident', zh: '常住人口', synonyms: ['七普常住人口', '常住人口数', '常住人口(七普)', '第七次人口普查常住人口', '人口', '人口数'], required: true },
  { key: 'urban', zh: '城镇人口', synonyms: ['服务城镇人口', '城镇人口数', '城镇常住人口'] },
];

export interface CircleLine extends CirclePurchase {
  row: number;
  name: string;
  residentPopulation: number;
  urbanPopulation: number | null;
}

export interface CircleReport extends SeedReport {
  circles: CircleLine[];
  total: { circles: number; serviceFee: number; supervisionFee: number; total: number; overCeiling: number; over: number };
}

/** Each circle's service and supervision fees and ceiling (黄山 2022), and their totals. */
export function circleReport(grids: readonly SheetGrid[]): SeedOutcome<CircleReport> {
  const policy = HUANGSHAN_2022_CIRCLE;
  const table = readPolicyTable(grids, CIRCLE_FIELDS, '就业圈');
  refuseTenThousands(table, ['resident', 'urban'], '人');
  const circles: CircleLine[] = [];
  const errors: RowIssue[] = [];
  for (const { row, cells } of table.rows) {
    const name = cellText(cells.name) ?? `第${row}行`;
    const residentCell = cells.resident!.cell;
    let blamed = residentCell;
    try {
      const resident = populationArgument(cells.resident!.value, policy.costPopulation, residentCell);
      if (resident === null) throw badValue(`「${policy.costPopulation}」未填写（${residentCell}）`);
      blamed = cells.urban?.cell ?? residentCell;
      const urban = cells.urban ? populationArgument(cells.urban.value, policy.ceilingPopulation, cells.urban.cell) : null;
      const cost = policyCall(
        () => circlePurchase({ residentPopulation: resident, urbanPopulation: urban }, policy),
        (e) => (blamed = e.input === 'urbanPopulation' && cells.urban ? cells.urban.cell : residentCell),
      );
      circles.push({ row, name, residentPopulation: resident, urbanPopulation: urban, ...cost });
    } catch (err) {
      errors.push({ row, name, cell: blamed, message: inputMessage(err) });
    }
  }
  const sum = (f: (c: CircleLine) => number) => excelRound(circles.reduce((s, c) => s + f(c), 0), policy.amountDigits);
  const overs = circles.filter((c) => c.ceiling !== null && !c.ceiling.withinCeiling);
  const total = {
    circles: circles.length,
    serviceFee: sum((c) => c.serviceFee),
    supervisionFee: sum((c) => c.supervisionFee),
    total: sum((c) => c.total),
    overCeiling: overs.length,
    over: sum((c) => c.ceiling?.over ?? 0),
  };
  const lines = [`每${policy.unitName}${policy.costPopulation}服务费${formatYuan(policy.serviceFeePerUnit)}、监理费${formatYuan(policy.supervisionFeePerUnit)}；每${policy.unitName}${policy.ceilingPopulation}总费用不高于${formatYuan(policy.ceilingPerUnit)}`];
  for (const c of circles) {
    const ceiling =
      c.ceiling === null ? `未给出${policy.ceilingPopulation}，未核对上限`
      : c.ceiling.withinCeiling ? `上限${formatYuan(c.ceiling.amount)}，未超出`
      : c.ceiling.over > 0 ? `上限${formatYuan(c.ceiling.amount)}，超出${formatYuan(c.ceiling.over)}`
      : `上限${formatYuan(c.ceiling.amount)}，等于上限（须低于上限）`;
    lines.push(`  ${c.name}：${formatNumber(c.residentPopulation)}人（${formatNumber(c.units)}${policy.unitName}），服务费${formatYuan(c.serviceFee)}，监理费${formatYuan(c.supervisionFee)}，合计${formatYuan(c.total)}；${ceiling}`);
  }
  const left = errors.length ? `（不含有误的 ${errors.length} 行）` : '';
  lines.push(
    `合计${left}：就业圈 ${total.circles} 个，服务费${formatYuan(total.serviceFee)}，监理费${formatYuan(total.supervisionFee)}，合计${formatYuan(total.total)}；` +
      (overs.length ? `超出上限 ${overs.length} 个（${overs.map((c) => c.name).join('、')}），共超出${formatYuan(total.over)}` : '无超出上限的就业圈'),
  );
  return { result: { policy: policy.zh, sheet: table.sheet, circles, total, errors, notes: table.notes }, lines };
}

/* ---------- 山东 2010: 充分就业社区占比、考核排名奖励 ---------- */

type ShareKey = 'name' | 'flag' | 'score' | 'type';

const SHARE_FIELDS: readonly TableField<ShareKey>[] = [
  { key: 'name', zh: '社区名称', synonyms: ['社区', '社区(村)', '社区(村)名称', '单位名称', '名称', '社区名'], required: true },
  { key: 'flag', zh: '是否充分就业社区', synonyms: ['充分就业社区', '是否为充分就业社区', '是否认定为充分就业社区', '是否认定', '是否已认定', '认定情况', '是否达标'], required: true },
  { key: 'score', zh: '考核得分', synonyms: ['得分', '考核分数', '分数', '总分', '年度得分', '综合得分', '绩效考核得分', '考核成绩'] },
  { key: 'type', zh: '类型', synonyms: ['单位类型', '社区/村', '社区或村', '类别'] },
];

/** --target or --top: 80%, 0.8 or "80 %", above 0 and at most 1. */
export function shareOption(text: string, label: string): number {
  return refusedInput(() => {
    const value = shareArgument(text, label, undefined);
    if (value === null) throw new PolicyInputError(`「${label}」未填写`);
    return checkShare(value, label, label);
  });
}

/** --target: one share for every unit (80%), or one per unit type (社区 75%；村 70%, 社区=75%,村=70%). */
export function shareTargetsOption(text: string): ShareTarget[] {
  const read = parseShareTargets(text);
  if (!read.ok) throw new TableError(read.error);
  return read.targets;
}

export interface ShareCommunity {
  row: number;
  name: string;
  /** The unit type, when the table has a 类型 column or the flags come from `score`. */
  type: string | null;
  /** null when the cell could not be read, or (from `score`) the unit has no annual score: 待核实. */
  recognised: boolean | null;
  score: number | null;
  /** With --top: the rank (tied communities share it) and whether it is rewarded; null when not ranked. */
  rank: number | null;
  rewarded: boolean | null;
}

export interface ShareReport extends SeedReport {
  communities: ShareCommunity[];
  /** Every community against one target, as 山东 2010 counts it; null when a flag could not be read, or with targets per type. */
  share: FullEmploymentShare | null;
  /** Each target (all units, or one unit type), 待核实 where a flag is; empty when a flag could not be read. */
  shares: RecognitionShare[];
  /** With --top; null without it, or when a score could not be read (the ranking needs every score). */
  top: { share: number; ranked: number; places: number; tiesRewarded: boolean; rewarded: string[] } | null;
}

/** Where the communities and their flags came from, for the report. */
interface ShareSource {
  policy: string;
  sheet: string;
  communities: ShareCommunity[];
  errors: RowIssue[];
  notes: string[];
  /** Cells that could not be read, by column: a flag or type error stops the share, a score error the ranking. */
  flagErrors: number;
  scoreErrors: number;
}

/** The share of 充分就业社区 against the target(s) and, given a top share, the communities rewarded (山东 2010). */
export function shareReport(grids: readonly SheetGrid[], targets?: readonly ShareTarget[], top: number | null = null): SeedOutcome<ShareReport> {
  const fields = SHARE_FIELDS.map((f) => (f.key === 'score' ? { ...f, required: top !== null } : f.key === 'type' ? { ...f, required: targets?.some((t) => t.unitType !== null) } : f));
  const table = readPolicyTable(grids, fields, '社区');
  const errors: RowIssue[] = [];
  let flagErrors = 0;
  let scoreErrors = 0;
  const communities: ShareCommunity[] = table.rows.map(({ row, cells }) => {
    const name = cellText(cells.name) ?? `第${row}行`;
    const flag = cells.flag!;
    let recognised: boolean | null = null;
    try {
      if (cellText(flag) === null) throw badValue(`「是否充分就业社区」未填写（${flag.cell}）：每个社区都应填写是或否`);
      recognised = recognisedFlag(flag.value, () => flag.cell);
    } catch (err) {
      errors.push({ row, name, cell: flag.cell, message: inputMessage(err) });
      flagErrors++;
    }
    const type = cells.type ? cellText(cells.type) : null;
    if (cells.type && type === null && targets?.some((t) => t.unitType !== null)) {
      errors.push({ row, name, cell: cells.type.cell, message: `「类型」未填写（${cells.type.cell}）：按类型计算占比时每个单位都应填写类型` });
      flagErrors++;
    }
    let score: number | null = null;
    const s = cells.score;
    if (s) {
      try {
        const read = numberIn(s.value, '考核得分', s.cell);
        if (read?.percent) throw badValue(`「考核得分」应为分数，不应是百分比：「${cellText(s)}」（${s.cell}）`);
        score = read === null ? null : read.value;
      } catch (err) {
        errors.push({ row, name, cell: s.cell, message: inputMessage(err) });
        scoreErrors++;
      }
    }
    return { row, name, type, recognised, score, rank: null, rewarded: null };
  });
  return shareOutcome({ policy: SHANDONG_2010_FULL_EMPLOYMENT.zh, sheet: table.sheet, communities, errors, notes: table.notes, flagErrors, scoreErrors }, targets, top);
}

/**
 * The share from `score`'s own verdicts rather than typed flags: each unit's 是否认定 under the
 * rubric's 认定分数线, its type and annual score; the targets are the rubric's 认定占比目标 unless given.
 */
export function shareFromScore(result: Pick<ScoreResult, 'units' | 'recognition' | 'ruleSet' | 'source'>, targets?: readonly ShareTarget[], top: number | null = null): SeedOutcome<ShareReport> {
  if (!result.recognition) throw new TableError('评分结果中没有认定结果：所用评分细则未设置「认定分数线」，请在评分细则的设置表中填写后重新评分，或改用填有「是否充分就业社区」列的社区表');
  const communities: ShareCommunity[] = result.units.map((u, i) => ({ row: i + 1, name: u.unit, type: u.type, recognised: u.recognised ?? null, score: u.annual, rank: null, rewarded: null }));
  const ruleTargets = result.recognition.shares.map((s) => ({ unitType: s.unitType, share: s.target }));
  const chosen = targets ?? (ruleTargets.length ? ruleTargets : [{ unitType: null, share: SHANDONG_2010_FULL_EMPLOYMENT.targetShare }]);
  const notes = result.recognition.undetermined.length ? [`${result.recognition.undetermined.length}个单位没有年度得分，是否认定${PENDING}：${result.recognition.undetermined.join('、')}`] : [];
  // Units without an annual score are 待核实 in the share and left out of the ranking: not errors of this table.
  return shareOutcome({ policy: `认定占比（${result.ruleSet}，认定分数线${result.recognition.line}分）`, sheet: '', communities, errors: [], notes, flagErrors: 0, scoreErrors: 0 }, chosen, top);
}

function shareOutcome(source: ShareSource, targets: readonly ShareTarget[] | undefined, top: number | null): SeedOutcome<ShareReport> {
  const { communities, flagErrors, scoreErrors } = source;
  const lines: string[] = [];
  let share: FullEmploymentShare | null = null;
  let shares: RecognitionShare[] = [];
  const typed = targets?.some((t) => t.unitType !== null) ?? false;
  if (flagErrors > 0) {
    lines.push(`占比未计算：${flagErrors} 个社区的「是否充分就业社区」${typed ? '或「类型」' : ''}有误，社区总数和充分就业社区数都要逐个核对后才能计算`);
  } else {
    const all = targets ?? [{ unitType: null, share: SHANDONG_2010_FULL_EMPLOYMENT.targetShare }];
    shares = recognitionShares(communities.map((c) => ({ unit: c.name, type: c.type, recognised: c.recognised })), all);
    const certain = communities.every((c) => c.recognised !== null);
    if (!typed && certain) {
      share = fullEmploymentShare(communities.map((c) => c.recognised!), SHANDONG_2010_FULL_EMPLOYMENT, all[0].share);
      lines.push(share.explanation);
    } else {
      for (const s of shares) lines.push(s.explanation);
    }
  }

  let topResult: ShareReport['top'] = null;
  if (top !== null) {
    const ranking = SHANDONG_2010_TOP_SHARE;
    const scores = communities.map((c) => c.score);
    const ranked = communities.filter((c) => c.score !== null);
    if (scoreErrors > 0) {
      lines.push(`考核排名未计算：${scoreErrors} 个社区的「考核得分」有误，排名和奖励名额取决于每个得分`);
    } else if (ranked.length === 0) {
      lines.push('考核排名未计算：没有任何社区填写「考核得分」');
    } else {
      for (const c of ranked) {
        const standing = topShareStanding(c.score!, scores, top, ranking);
        c.rank = standing.rank;
        c.rewarded = standing.rewarded;
      }
      const places = rewardedPlaces(ranked.length, top, ranking);
      const rewarded = ranked.filter((c) => c.rewarded).sort((a, b) => a.rank! - b.rank! || a.row - b.row);
      topResult = { share: top, ranked: ranked.length, places, tiesRewarded: ranking.tiesRewarded, rewarded: rewarded.map((c) => c.name) };
      const tie = rewarded.length > places ? `（名额线上有并列，${ranking.tiesRewarded ? '一并奖励' : '均不奖励'}）` : '';
      lines.push(`考核排名前${formatPercent(top)}奖励：参加排名 ${ranked.length} 个，奖励名额 ${places} 个，列入奖励 ${rewarded.length} 个${tie}`);
      for (const c of rewarded) {
        const tied = ranked.filter((o) => o.score === c.score).length;
        lines.push(`  第${c.rank}名  ${c.name}  ${formatNumber(c.score!)}分${tied > 1 ? `（${tied}个并列）` : ''}`);
      }
      const unranked = communities.filter((c) => c.score === null);
      if (unranked.length) lines.push(`无考核得分、未参加排名：${unranked.map((c) => c.name).join('、')}`);
    }
  }
  const policy = top === null ? source.policy : `${source.policy}；${SHANDONG_2010_TOP_SHARE.zh}`;
  return { result: { policy, sheet: source.sheet, communities, share, shares, top: topResult, errors: source.errors, notes: source.notes }, lines };
}

/* ---------- 甘肃 2023: 信息网络建设支出上限 ---------- */

type SpendingKey = 'category' | 'amount';

const SPENDING_FIELDS: readonly TableField<SpendingKey>[] = [
  { key: 'category', zh: '支出类别', synonyms: ['类别', '支出项目', '项目', '支出内容', '用途', '支出用途', '资金用途', '项目名称', '支出事项', '内容', '摘要'], required: true },
  { key: 'amount', zh: '金额', synonyms: ['支出金额', '使用金额', '支出数额', '数额', '支出'], required: true },
];

/** The levels --subsidy may name, with what each is paid: 国家级 30,000元、省级 20,000元、市级 10,000元. */
export const subsidyLevelsText = GANSU_2023_EQUIPMENT.subsidyPolicy.levels.map((l) => `${l.level} ${formatYuan(l.amount)}`).join('、');

/** --subsidy: yuan (50000, 50,000) or a level (国家级、省级、市级), checked as the policy reads it. */
export function subsidyOption(text: string): number | string {
  return refusedInput(() => {
    const base = subsidyArgument(text, undefined);
    equipmentBase(base, GANSU_2023_EQUIPMENT);
    return base;
  });
}

export interface EquipmentLine extends SpendingLine {
  row: number;
  /** The use of 第十三条 the line falls under. */
  use: { code: string; name: string };
}

export interface EquipmentReport extends SeedReport {
  lines: EquipmentLine[];
  /** null when no line could be counted. */
  check: EquipmentCheck | null;
  /** false when some lines were left out for errors: the verdict covers the lines read. */
  complete: boolean;
}

/** Each spending line's use (第十三条) and the information-network spending against 20 % of the subsidy (甘肃 2023). */
export function equipmentReport(grids: readonly SheetGrid[], subsidy: number | string): SeedOutcome<EquipmentReport> {
  const policy = GANSU_2023_EQUIPMENT;
  const table = readPolicyTable(grids, SPENDING_FIELDS, '支出');
  refuseTenThousands(table, ['amount'], '元');
  const read: EquipmentLine[] = [];
  const errors: RowIssue[] = [];
  for (const { row, cells } of table.rows) {
    const categoryCell = cells.category!.cell;
    const category = cellText(cells.category);
    const name = category ?? `第${row}行`;
    let blamed = categoryCell;
    try {
      if (category === null) throw badValue(`支出类别未填写（${categoryCell}）`);
      blamed = cells.amount!.cell;
      const amount = spendingAmount(cells.amount!.value, category, cells.amount!.cell);
      blamed = categoryCell;
      const use = policyCall(() => classifyUse(category, policy), () => categoryCell);
      read.push({ row, category, amount, use: { code: use.code, name: use.name } });
    } catch (err) {
      errors.push({ row, name, cell: blamed, message: inputMessage(err) });
    }
  }
  const check = read.length ? equipmentCheck(read, subsidy, policy) : null;
  const short = (code: string) => policy.uses.find((u) => u.code === code)!.short;
  const lines = read.map((l) => `  ${l.category}：${formatYuan(l.amount)}，第十三条（${l.use.code}）${short(l.use.code)}`);
  if (check === null) {
    lines.push('未核对：没有可计入的支出');
  } else {
    const spent = check.byUse.filter((u) => u.amount > 0).map((u) => `（${u.code}）${short(u.code)}${formatYuan(u.amount)}`);
    lines.push(`按使用范围：${spent.length ? spent.join('；') : '无支出'}`);
    lines.push(check.message + (errors.length ? `（另有 ${errors.length} 行有误，未计入，请更正后复核）` : ''));
  }
  return { result: { policy: policy.zh, sheet: table.sheet, lines: read, check, complete: errors.length === 0, errors, notes: table.notes }, lines };
}
