/**
 * HS.CIRCLECOST (黄山 2022), HS.FULLSHARE and HS.TOPSHARE (山东 2010), HS.EQUIPCHECK (甘肃 2023):
 * the seeds' other policies as worksheet functions. The rules live in src/policy/; this module
 * reads the cells (naming the cell of anything it cannot read) and turns a policy's
 * PolicyInputError into #VALUE! with the cell added.
 */
import { formatYuan } from '../engine/subsidy';
import { readNumberText, readUnitType } from '../ledger/cells';
import type { CellValue } from '../ledger/types';
import { equipmentCheck, GANSU_2023_EQUIPMENT, type EquipmentCheck, type SpendingLine } from '../policy/gansuEquipment';
import { circlePurchase, HUANGSHAN_2022_CIRCLE, type CirclePurchase } from '../policy/huangshan2022';
import { PolicyInputError } from '../policy/policyInputError';
import { fullEmploymentShare, SHANDONG_2010_FULL_EMPLOYMENT, SHANDONG_2010_TOP_SHARE, topShareStanding, type FullEmploymentShare } from '../policy/shandong2010';
import { ArgumentCells, isBlankValue, plainValue, scalar, shown, textNumberHint, vector, type Matrix } from './args';
import { badValue, notAvailable, type FormulaError } from './formulaError';
import type { Addresses } from './indicatorFunctions';
import { parseShareTargets, recognitionShares, type RecognitionShare } from '../engine/recognition';
import type { RuleSet, ShareTarget } from '../rules/vocabulary';
import type { UnitTypeDef } from '../fields';

/** Runs a policy calculation; its bad-input message becomes #VALUE!, with the cell when one is known. */
export function policyCall<T>(compute: () => T, cellOf: (error: PolicyInputError) => string): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof PolicyInputError)) throw error;
    const cell = cellOf(error);
    throw badValue(cell ? `${error.message}（${cell}）` : error.message);
  }
}

/** Which result a `part` argument asks for, by its Chinese (or English) word; blank for the default. */
function partOf<P extends string>(value: unknown, address: string | undefined, words: Record<string, P>, fallback: P, listed: string): P {
  const cells = new ArgumentCells('项目', address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return fallback;
  const part = words[String(v).normalize('NFKC').replace(/\s/g, '').toLowerCase()];
  if (!part) throw badValue(`未知的项目「${shown(v)}」，可选：${listed}`);
  return part;
}

const where = (cells: ArgumentCells): string => (cells.cell ? `（${cells.cell}）` : '');

/** A cell of a range argument for a message: `是否充分就业社区中台账!C5`, or `是否充分就业社区第3行` without addresses. */
const cellOfRange = (cells: ArgumentCells, at: string): string => (cells.cell ? `${cells.label}中${at}` : at);

/** A number typed in a cell or as text ("125,000", "20%"); null for blank; anything else names the cell. */
export function numberIn(v: CellValue, label: string, at: string): { value: number; percent: boolean } | null {
  if (isBlankValue(v)) return null;
  if (typeof v === 'number') return { value: v, percent: false };
  if (typeof v === 'string') {
    const read = readNumberText(v);
    if (read) return read;
  }
  const kind = typeof v === 'boolean' ? `逻辑值 ${shown(v)}` : `「${shown(v)}」`;
  throw badValue(`「${label}」不是有效的数字：${kind}${at ? `（${at}）` : ''}`);
}

/** A proportion: 20%, 0.2 or "20%"; null for blank. Range checks are the policy's. */
export function shareArgument(value: unknown, label: string, address: string | undefined): number | null {
  const cells = new ArgumentCells(label, address);
  const read = numberIn(scalar(value, cells), label, cells.cell);
  return read === null ? null : read.value;
}

/* ---------- HS.CIRCLECOST (黄山 2022) ---------- */

export type CirclePart = 'total' | 'service' | 'supervision' | 'units' | 'ceiling' | 'over' | 'isOver' | 'payable' | 'explanation';

const CIRCLE_PARTS: Record<string, CirclePart> = {
  合计: 'total', 总额: 'total', 总费用: 'total', 购买费用: 'total', total: 'total',
  服务费: 'service', service: 'service',
  监理费: 'supervision', supervision: 'supervision',
  万人: 'units', 万人数: 'units', 人口万人: 'units', units: 'units',
  上限: 'ceiling', 费用上限: 'ceiling', ceiling: 'ceiling',
  超出: 'over', 超出金额: 'over', 超出上限: 'over', over: 'over',
  超限: 'isOver', 是否超限: 'isOver', isover: 'isOver',
  可安排: 'payable', 可安排金额: 'payable', 核定金额: 'payable', payable: 'payable',
  说明: 'explanation', explanation: 'explanation',
};
const CIRCLE_PARTS_LISTED = '合计、服务费、监理费、万人、上限、超出、是否超限、可安排、说明';

/** A population cell: people, as a number, "125,000" or "12.5万"; null for blank. */
export function populationArgument(value: unknown, label: string, address: string | undefined): number | null {
  const cells = new ArgumentCells(label, address);
  const v = scalar(value, cells);
  if (typeof v === 'string') {
    const wan = /^(.+?)万人?$/.exec(v.normalize('NFKC').replace(/[\s,]/g, ''));
    const read = wan ? readNumberText(wan[1]) : null;
    if (read && !read.percent) return Number((read.value * 10000).toFixed(6));
  }
  const read = numberIn(v, label, cells.cell);
  if (read?.percent) throw badValue(`「${label}」应为人数，不应是百分比：「${shown(v)}」${where(cells)}`);
  return read === null ? null : read.value;
}

/**
 * HS.CIRCLECOST: the purchase cost of a "三公里" circle from its 七普常住人口 (服务费 + 监理费 per 万人),
 * or another part: the ceiling from its 城镇人口, by how much the total exceeds it, the 说明.
 */
export function circleCost(population: unknown, urbanPopulation: unknown, part: unknown, addresses: Addresses = {}): number | string | boolean {
  const policy = HUANGSHAN_2022_CIRCLE;
  const wanted = partOf(part, addresses.part, CIRCLE_PARTS, 'total', CIRCLE_PARTS_LISTED);
  const residentCells = new ArgumentCells(policy.costPopulation, addresses.population);
  const resident = populationArgument(population, policy.costPopulation, addresses.population);
  if (resident === null) throw badValue(`「${policy.costPopulation}」未填写${where(residentCells)}`);
  const urban = populationArgument(urbanPopulation, policy.ceilingPopulation, addresses.urbanPopulation);
  const urbanCell = new ArgumentCells(policy.ceilingPopulation, addresses.urbanPopulation).cell;
  const cost: CirclePurchase = policyCall(
    () => circlePurchase({ residentPopulation: resident, urbanPopulation: urban }, policy),
    (e) => (e.input === 'urbanPopulation' ? urbanCell : residentCells.cell),
  );
  switch (wanted) {
    case 'total':
      return cost.total;
    case 'service':
      return cost.serviceFee;
    case 'supervision':
      return cost.supervisionFee;
    case 'units':
      return cost.units;
    case 'explanation':
      return cost.explanation;
  }
  if (cost.ceiling === null) {
    throw notAvailable(`未给出「${policy.ceilingPopulation}」，无法核对上限（每${policy.unitName}${policy.ceilingPopulation}总费用不高于${formatYuan(policy.ceilingPerUnit)}）：请填写第二个参数`);
  }
  switch (wanted) {
    case 'ceiling':
      return cost.ceiling.amount;
    case 'over':
      return cost.ceiling.over;
    case 'isOver':
      return !cost.ceiling.withinCeiling;
    case 'payable':
      return cost.ceiling.payable;
  }
}

/* ---------- HS.FULLSHARE (山东 2010 (四)) ---------- */

export type SharePart = 'share' | 'meets' | 'recognised' | 'total' | 'needed' | 'shortfall' | 'explanation';

const SHARE_PARTS: Record<string, SharePart> = {
  占比: 'share', 比例: 'share', share: 'share',
  达标: 'meets', 是否达标: 'meets', meets: 'meets',
  认定数: 'recognised', 充分就业社区数: 'recognised', 个数: 'recognised', recognised: 'recognised',
  总数: 'total', 社区总数: 'total', total: 'total',
  需要: 'needed', 至少需要: 'needed', needed: 'needed',
  还差: 'shortfall', 差额: 'shortfall', shortfall: 'shortfall',
  说明: 'explanation', explanation: 'explanation',
};
const SHARE_PARTS_LISTED = '占比、是否达标、认定数、总数、至少需要、还差、说明';

const RECOGNISED = new Set(['是', '已认定', '认定', '达标', '已达标', '充分就业社区', 'true', 'y', 'yes', '1', '√', '✓', '✔']);
const NOT_RECOGNISED = new Set(['否', '未认定', '不是', '未达标', '不达标', 'false', 'n', 'no', '0', '×', '✗', '✘']);

export function recognisedFlag(v: CellValue, at: () => string): boolean {
  if (typeof v === 'boolean') return v;
  if (isBlankValue(v)) throw badValue(`${at()}为空：每个社区都应填写是或否（社区总数按所选单元格计）`);
  const text = String(v).normalize('NFKC').replace(/\s/g, '').toLowerCase();
  if (RECOGNISED.has(text)) return true;
  if (NOT_RECOGNISED.has(text)) return false;
  throw badValue(`${at()}「${shown(v)}」应为 是/否 或 TRUE/FALSE`);
}

/**
 * HS.FULLSHARE: the share of communities that are 充分就业社区, or whether it reaches the 80 % target.
 * With `types` (each unit's type) and targets per type (`社区 75%；村 70%`, as the argument or the
 * rubric's 认定占比目标) each type is held to its own target: 是否达标 is TRUE only when every type
 * meets its own, 说明 says each, and a number part spills one row per type (类型, 数).
 */
export function fullShare(flags: Matrix, target: unknown, part: unknown, addresses: Addresses = {}, types: Matrix | null = null, ruleSet?: RuleSet): number | string | boolean | (string | number | FormulaError)[][] {
  const policy = SHANDONG_2010_FULL_EMPLOYMENT;
  const wanted = partOf(part, addresses.part, SHARE_PARTS, 'share', SHARE_PARTS_LISTED);
  const flagCells = new ArgumentCells('是否充分就业社区', addresses.flags);
  const cells = vector(flags, flagCells);
  const read = cells.values.map((v, i) => recognisedFlag(v, () => cellOfRange(flagCells, cells.where(i))));
  const targetCell = new ArgumentCells('目标占比', addresses.target).cell;
  const targets = shareTargetsArgument(target, addresses.target) ?? ruleSet?.ranking.shareTargets ?? [{ unitType: null, share: policy.targetShare }];
  if (targets.some((t) => t.unitType !== null)) return sharesByType(read, targets, types, wanted, addresses, ruleSet?.unitTypes ?? []);
  const result: FullEmploymentShare = policyCall(() => fullEmploymentShare(read, policy, targets[0].share), (e) => (e.input === 'target' ? targetCell : ''));
  switch (wanted) {
    case 'share':
      return result.share;
    case 'meets':
      return result.meetsTarget;
    case 'recognised':
      return result.recognised;
    case 'total':
      return result.total;
    case 'needed':
      return result.needed;
    case 'shortfall':
      return result.shortfall;
    case 'explanation':
      return result.explanation;
  }
}

/**
 * HS.FULLSHARE's target: a share (80%, 0.8; its range is the policy's to check), or shares per type
 * as text (社区 75%；村 70%); null for blank.
 */
function shareTargetsArgument(value: unknown, address: string | undefined): ShareTarget[] | null {
  const cells = new ArgumentCells('目标占比', address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return null;
  if (typeof v === 'string' && readNumberText(v) === null && /\d/.test(v)) {
    const parsed = parseShareTargets(v);
    if (!parsed.ok) throw badValue(`${parsed.error}${where(cells)}`);
    return parsed.targets;
  }
  return [{ unitType: null, share: shareArgument(value, '目标占比', address)! }];
}

/**
 * The types a unit may have here: the rubric's, read with their synonyms (居委会 is a 社区), and any
 * other a target names. Any other word (a misspelt 社去) is refused at its cell: left out, it would
 * shrink its type's count without a word.
 */
function shareTypes(targets: readonly ShareTarget[], unitTypes: readonly UnitTypeDef[]): UnitTypeDef[] {
  const types = [...unitTypes];
  for (const t of targets) if (t.unitType !== null && !types.some((d) => d.name === t.unitType)) types.push({ name: t.unitType, synonyms: [] });
  return types;
}

function sharesByType(flags: readonly boolean[], targets: readonly ShareTarget[], types: Matrix | null, wanted: SharePart, addresses: Addresses, unitTypes: readonly UnitTypeDef[]): number | string | boolean | (string | number | FormulaError)[][] {
  if (types === null) throw badValue('占比目标按类型设定：请给出每个单位的类型（types 参数，与是否充分就业社区等长）');
  const typeCells = new ArgumentCells('类型', addresses.types);
  const read = vector(types, typeCells);
  if (read.values.length !== flags.length) throw badValue(`「类型」有${read.values.length}个单元格，「是否充分就业社区」有${flags.length}个：应一一对应`);
  const known = shareTypes(targets, unitTypes);
  const units = read.values.map((v, i) => {
    const cell = cellOfRange(typeCells, read.where(i));
    if (isBlankValue(v)) throw badValue(`${cell}为空：按类型计算占比时每个单位都应填写类型`);
    const type = readUnitType(plainValue(v, cell), known);
    if (!type.ok) throw badValue(`${cell}「${shown(v)}」不是单位类型（${known.map((t) => t.name).join('、')}）：按类型计算占比时每个单位都应是其中之一`);
    return { unit: String(i + 1), type: type.type, recognised: flags[i] };
  });
  const shares = recognitionShares(units, targets);
  const perType = (value: (s: RecognitionShare) => number | null) => shares.map((s): (string | number | FormulaError)[] => [s.unitType ?? '全部', value(s) ?? notAvailable(s.explanation)]);
  switch (wanted) {
    case 'meets':
      return shares.every((s) => s.meetsTarget === true);
    case 'explanation':
      return shares.map((s) => s.explanation).join('；');
    case 'share':
      return perType((s) => s.share);
    case 'recognised':
      return perType((s) => s.recognised);
    case 'total':
      return perType((s) => s.units);
    case 'needed':
      return perType((s) => s.needed);
    case 'shortfall':
      return perType((s) => s.shortfall);
  }
}

/* ---------- HS.TOPSHARE (山东 2010 (二十二)) ---------- */

function scoreIn(v: CellValue, at: () => string): number | null {
  if (typeof v === 'number') return v;
  if (isBlankValue(v)) return null;
  throw badValue(`${at()}「${shown(v)}」不是数字${textNumberHint(v)}`);
}

const TIES_IN = new Set(['true', '是', '1', '奖励', '都奖励', '一并奖励', '并列都奖励']);
const TIES_OUT = new Set(['false', '否', '0', '不奖励', '都不奖励', '均不奖励', '并列都不奖励']);

/** HS.TOPSHARE: TRUE when the score ranks (highest first) within the top share rewarded. */
export function topShare(score: unknown, allScores: Matrix, share: unknown, tiesRewarded: unknown, addresses: Addresses = {}): boolean {
  const policy = SHANDONG_2010_TOP_SHARE;
  const shareCells = new ArgumentCells('奖励比例', addresses.share);
  const given = shareArgument(share, '奖励比例', addresses.share) ?? policy.share;
  if (given === null) {
    throw badValue(`「奖励比例」未填写${where(shareCells)}：山东2010年文件只规定对考核「排名靠前一定比例」的予以奖励，未规定比例，请给出（如 20%）`);
  }
  const tiesCells = new ArgumentCells('并列是否奖励', addresses.tiesRewarded);
  const tiesValue = scalar(tiesRewarded, tiesCells);
  let ties = policy.tiesRewarded;
  if (!isBlankValue(tiesValue)) {
    const text = String(tiesValue).normalize('NFKC').replace(/\s/g, '').toLowerCase();
    if (TIES_IN.has(text)) ties = true;
    else if (TIES_OUT.has(text)) ties = false;
    else throw badValue(`「并列是否奖励」应为 TRUE（名额线上的并列单位一并奖励）或 FALSE（均不奖励），读到「${shown(tiesValue)}」${where(tiesCells)}`);
  }
  const scoreCells = new ArgumentCells('得分', addresses.score);
  const own = scoreIn(scalar(score, scoreCells), () => (scoreCells.cell ? `得分${scoreCells.cell}` : '「得分」'));
  if (own === null) throw notAvailable(`${scoreCells.whole}为空：没有得分的单位不参加排名`);
  const allCells = new ArgumentCells('全部得分', addresses.allScores);
  const list = vector(allScores, allCells);
  const scores = list.values.map((v, i) => scoreIn(v, () => cellOfRange(allCells, list.where(i))));
  if (!scores.includes(own)) throw notAvailable(`得分${own}不在「全部得分」中（与 RANK.EQ 相同，得分须是所排名单之一）`);
  return policyCall(() => topShareStanding(own, scores, given, policy, ties), (e) => (e.input === 'share' ? shareCells.cell : '')).rewarded;
}

/* ---------- HS.EQUIPCHECK (甘肃 2023 第十三条（四）) ---------- */

export type EquipmentPart = 'message' | 'over' | 'isOver' | 'cap' | 'spending' | 'subsidy';

const EQUIPMENT_PARTS: Record<string, EquipmentPart> = {
  说明: 'message', 结论: 'message', message: 'message',
  超出: 'over', 超出金额: 'over', over: 'over',
  超限: 'isOver', 是否超出: 'isOver', 是否超限: 'isOver', isover: 'isOver',
  上限: 'cap', cap: 'cap',
  支出: 'spending', 信息网络建设支出: 'spending', spending: 'spending',
  补助资金: 'subsidy', 补助: 'subsidy', subsidy: 'subsidy',
};
const EQUIPMENT_PARTS_LISTED = '说明、超出、是否超出、上限、支出、补助资金';

/** The amount column's header: 金额, 支出金额, 金额（元）…; in 万元 the amounts would be misread. */
const AMOUNT_HEADER = /^(?:支出|使用)?(?:金额|数额|额度)(?:\((万?元)\))?$/;

/** A spending line's amount: yuan, as a number or "12,000" text, not blank, not a percentage, not negative; else the cell is named. */
export function spendingAmount(amount: CellValue, name: string, amountAt: string): number {
  if (isBlankValue(amount)) throw badValue(`支出「${name}」的金额未填写（${amountAt}）`);
  const read = typeof amount === 'number' ? { value: amount, percent: false } : typeof amount === 'string' ? readNumberText(amount) : null;
  if (read === null) throw badValue(`支出「${name}」的金额不是有效的数字：「${shown(amount!)}」（${amountAt}）`);
  if (read.percent) throw badValue(`支出「${name}」的金额不应是百分比：「${shown(amount!)}」（${amountAt}）`);
  if (read.value < 0) throw badValue(`支出「${name}」的金额不能为负数：${shown(amount!)}（${amountAt}）`);
  return read.value;
}

/** The 补助资金 argument: an amount in yuan (number or text) or a level's name for equipmentBase; blank or a percentage names the cell. */
export function subsidyArgument(subsidy: unknown, address: string | undefined): number | string {
  const subsidyCells = new ArgumentCells('补助资金', address);
  const subsidyValue = scalar(subsidy, subsidyCells);
  if (isBlankValue(subsidyValue)) throw badValue(`「补助资金」未填写${where(subsidyCells)}：请填写本社区的补助金额或认定层级（国家级、省级、市级）`);
  if (typeof subsidyValue === 'number') return subsidyValue;
  if (typeof subsidyValue === 'string') {
    const read = readNumberText(subsidyValue);
    if (read?.percent) throw badValue(`「补助资金」应为金额或层级，不应是百分比：「${subsidyValue}」${where(subsidyCells)}`);
    return read ? read.value : subsidyValue;
  }
  throw badValue(`「补助资金」应为金额或层级，读到「${shown(subsidyValue)}」${where(subsidyCells)}`);
}

/** HS.EQUIPCHECK: the information-network spending against 20 % of the community's subsidy, with the verdict in Chinese. */
export function equipCheck(spending: Matrix, subsidy: unknown, part: unknown, addresses: Addresses = {}): number | string | boolean {
  const policy = GANSU_2023_EQUIPMENT;
  const wanted = partOf(part, addresses.part, EQUIPMENT_PARTS, 'message', EQUIPMENT_PARTS_LISTED);
  const table = new ArgumentCells('支出明细', addresses.spending);
  const columns = spending[0]?.length ?? 0;
  if (columns !== 2 || spending.some((row) => row.length !== 2)) {
    throw badValue(`${table.whole}应为两列（支出类别、金额），收到 ${spending.length} 行 ${columns} 列的区域`);
  }
  const lines: SpendingLine[] = [];
  const rowOf: number[] = [];
  spending.forEach((row, r) => {
    const category = plainValue(row[0], table.at(r, 0));
    const amount = plainValue(row[1], table.at(r, 1));
    if (isBlankValue(category) && isBlankValue(amount)) return;
    const header = r === 0 && typeof amount === 'string' ? AMOUNT_HEADER.exec(amount.normalize('NFKC').replace(/\s/g, '')) : null;
    if (header?.[1] === '万元') throw badValue(`支出明细的金额以万元为单位（${table.at(r, 1)}）：请以元填写，补助资金和上限都按元计算`);
    if (header) return;
    if (isBlankValue(category)) throw badValue(`${cellOfRange(table, table.at(r, 0))}未填写支出类别（金额${shown(amount!)}）`);
    const name = shown(category!).trim();
    lines.push({ category: name, amount: spendingAmount(amount, name, table.at(r, 1)) });
    rowOf.push(r);
  });
  if (lines.length === 0) throw badValue(`${table.whole}中没有任何支出：请选择支出类别和金额两列`);

  const subsidyCells = new ArgumentCells('补助资金', addresses.subsidy);
  const base = subsidyArgument(subsidy, addresses.subsidy);
  const result: EquipmentCheck = policyCall(
    () => equipmentCheck(lines, base, policy),
    (e) => (e.input === 'subsidy' ? subsidyCells.cell : e.index !== undefined ? table.at(rowOf[e.index], 0) : ''),
  );
  switch (wanted) {
    case 'message':
      return result.message;
    case 'over':
      return result.over;
    case 'isOver':
      return result.isOver;
    case 'cap':
      return result.cap;
    case 'spending':
      return result.spending;
    case 'subsidy':
      return result.subsidy;
  }
}
