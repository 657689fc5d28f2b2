/**
 * A rubric as a worksheet «评分细则», for bureaus that publish their own 评分细则: one row per
 * indicator (code, section, name, max, how the measure is read, the rule type and its parameters,
 * which unit types it applies to, the month it is assessed from, its capped group), then the 板块,
 * 封顶组 and 设置 tables, and the 字段 and 单位类型 tables of its own fields and unit types
 * (src/rules/fieldTable.ts). `rubricSheetRows` writes a RuleSet out; `readRubricSheet` reads one back
 * and checks the sheet whole, naming the cell of every problem it finds: nothing is scored with a
 * half-read rubric, and an analyst fixes every problem in one pass.
 *
 * Measures are written with the fields' Chinese names:
 *   字段    登记失业2年以上人数
 *   比率    已推荐岗位人数 ÷ 月初未就业有就业意愿人数 + 当月新增失业登记人数 − 有推荐记录且已就业人数
 *   补数    劳动力总数 − 期末登记失业人员人数            ((劳动力总数 − …) ÷ 劳动力总数)
 *   完成率  湘就业平台…企业数 ÷ 当地市场主体数量 × 0.00007，最低 1
 */
import type { CellValue, SheetGrid } from '../ledger/types';
import { parseShareTargets, shareTargetsText } from '../engine/recognition';
import { cellAddress } from '../read/address';
import { fieldTableRows, kindWord, readFieldTables, SheetFields } from './fieldTable';
import type { Bucket, Indicator, Measure, Quantity, RankingRulings, RuleSet, Scoring, Section, ShareTarget, SubTarget, Target } from './vocabulary';
import { cellText, findTable, tableRows, unknownColumns } from './sheetTables';

export const RUBRIC_SHEET = '评分细则';

export const INDICATOR_HEADER = ['代码', '板块', '指标名称', '英文名称', '满分', '计量方式', '计量', '规则类型', '目标', '每项分值', '单位', '分档', '闸门或子项', '适用类型', '自某月起考核', '封顶组', '步长', '评分字段'] as const;
type IndicatorColumn = (typeof INDICATOR_HEADER)[number];
/**
 * Columns a sheet must have; the others (英文名称 and each rule type's parameters) a bureau may
 * leave out when no row needs them — a row whose rule type does need one says so at that row.
 */
const REQUIRED_COLUMNS: readonly IndicatorColumn[] = ['代码', '板块', '指标名称', '满分', '计量方式', '计量', '规则类型'];
const SECTION_HEADER = ['板块代码', '板块名称', '英文名称', '满分', '类别'] as const;
const BUCKET_HEADER = ['封顶组代码', '名称', '英文名称', '板块', '封顶'] as const;
const SETTING_HEADER = ['设置', '值', '说明'] as const;
/** The 类别 of a 板块 whose items add to the total (RuleSet.total leaves it out). */
const BONUS_SECTION = '加分项';

/** Rule types as the sheet names them. */
const RULE_TYPES: Record<Scoring['kind'], string> = {
  belowTarget: '低于目标扣分',
  aboveTarget: '高于目标扣分',
  perCase: '按件扣分',
  proportional: '按比例',
  allOrNothing: '达标得分',
  atMost: '不高于目标得分',
  metOrJudged: '达标得分否则评分',
  graded: '分档得分',
  perItem: '按项加分',
  subTargets: '子项扣分',
  judged: '评分',
  judgedDeduction: '评分扣减',
};
/** 达标得分，未达标酌情扣分: metOrJudged whose inspectors' figure is a deduction from the max. */
const MET_OR_DEDUCTED = '达标得分否则扣分';
const ruleTypeName = (s: Scoring): string => (s.kind === 'metOrJudged' && s.deduction ? MET_OR_DEDUCTED : RULE_TYPES[s.kind]);
const KIND_OF_RULE = new Map<string, Scoring['kind']>([...Object.entries(RULE_TYPES).map(([k, v]) => [v, k as Scoring['kind']] as const), [MET_OR_DEDUCTED, 'metOrJudged']]);
const RULE_TYPE_NAMES = [...KIND_OF_RULE.keys()].join('、');

const MEASURE_KINDS: Record<Measure['kind'], string> = { field: '字段', ratio: '比率', complement: '补数', completion: '完成率' };
const KIND_OF_MEASURE = new Map(Object.entries(MEASURE_KINDS).map(([k, v]) => [v, k as Measure['kind']]));

/** A setting the 设置 table may hold: its row name, what it means, and how its value is read and written. */
interface SettingSpec<T> {
  name: string;
  note: string;
  write(ruleSet: RuleSet): CellValue;
  read(v: CellValue, context: SettingContext): T;
}

/** What a setting's value may depend on: the rubric's total (a line written as 95 %) and its unit types. */
interface SettingContext {
  total: number;
  /** The highest score a unit can reach: the total plus every 加分项 section. */
  highest: number;
  unitTypes: readonly string[];
}

/* ---------- Writing ---------- */

/** The Chinese names a sheet writes fields with, and their kinds: the rubric's own fields. */
interface FieldNames {
  name(key: string): string;
  /** The field's key by its name; a RowError naming the field when the rubric has none of that name. */
  key(name: string): string;
  isRate(key: string): boolean;
  /** The 字段类型 word of a field that is not an inspectors' 得分 field; null for one that is. */
  notPoints(key: string): string | null;
}

function fieldNamesOf(fields: SheetFields): FieldNames {
  return {
    name: (key) => fields.name(key),
    key: (name) => {
      const found = fields.lookup(name);
      if (!found.ok) throw new RowError(found.message);
      return found.key;
    },
    isRate: (key) => fields.isRate(key),
    notPoints: (key) => {
      const def = fields.def(key);
      return def === undefined || def.kind === 'points' ? null : kindWord(def);
    },
  };
}

const percent = (x: number) => `${+(x * 100).toFixed(10)}%`;

/** Whether a measure is a proportion (its targets are written as percentages). */
function isRateMeasure(m: Measure, names: FieldNames): boolean {
  return m.kind !== 'field' || names.isRate(m.field);
}

function measureText(m: Measure, names: FieldNames): string {
  const quantityText = (q: Quantity) => [q.plus.map(names.name).join(' + '), ...(q.minus ?? []).map((k) => ` − ${names.name(k)}`)].join('');
  switch (m.kind) {
    case 'field':
      return names.name(m.field);
    case 'ratio':
      return `${quantityText(m.num)} ÷ ${quantityText(m.den)}`;
    case 'complement':
      return `${names.name(m.total)} − ${names.name(m.part)}`;
    case 'completion': {
      const target = typeof m.target === 'number' ? String(m.target) : names.name(m.target.field);
      return `${quantityText(m.value)} ÷ ${target}${m.factor !== undefined ? ` × ${m.factor}` : ''}${m.minTarget !== undefined ? `，最低 ${m.minTarget}` : ''}`;
    }
  }
}

function targetText(t: Target, asPercent: boolean, names: FieldNames): string {
  return typeof t === 'number' ? (asPercent ? percent(t) : String(t)) : names.name(t.field);
}

/** The cells of an indicator row that carry its scoring's parameters. */
function scoringCells(ind: Indicator, names: FieldNames): Partial<Record<IndicatorColumn, CellValue>> {
  const s = ind.scoring;
  const tagged = (m: Measure) => `${MEASURE_KINDS[m.kind]}：${measureText(m, names)}`;
  const rate = isRateMeasure(ind.measure, names);
  switch (s.kind) {
    case 'belowTarget':
    case 'aboveTarget':
      return { 目标: targetText(s.target, s.unit === 'pp', names), 每项分值: s.perPoint, 单位: s.unit === 'pp' ? '百分点' : '个', 步长: s.step ?? null };
    case 'perCase':
      return { 每项分值: s.perCase };
    case 'perItem':
      return { 每项分值: s.pointsEach };
    case 'proportional':
      return s.gates?.length ? { 闸门或子项: s.gates.map(tagged).join('；') } : {};
    case 'allOrNothing':
    case 'atMost':
      return { 目标: targetText(s.target, rate, names) };
    case 'metOrJudged':
      return { 目标: `${s.atMost ? '≤' : ''}${targetText(s.target, rate, names)}`, 评分字段: names.name(s.judged) };
    case 'graded':
      return { 分档: s.grades.map(([mark, points]) => `${rate ? percent(mark) : mark}:${points}`).join('；') };
    case 'subTargets':
      return { 每项分值: s.perFailed, 闸门或子项: s.targets.map((t) => `${tagged(t.measure)} ≥ ${t.atLeast}`).join('；') };
    case 'judged':
    case 'judgedDeduction':
      return {};
  }
}

function indicatorRow(ind: Indicator, bucketOf: Map<string, string>, names: FieldNames): CellValue[] {
  const ownMeasure = ind.scoring.kind !== 'subTargets';
  const row: Partial<Record<IndicatorColumn, CellValue>> = {
    代码: ind.code, 板块: ind.section, 指标名称: ind.zh, 英文名称: ind.en, 满分: ind.max,
    计量方式: ownMeasure ? MEASURE_KINDS[ind.measure.kind] : null, 计量: ownMeasure ? measureText(ind.measure, names) : null,
    规则类型: ruleTypeName(ind.scoring), ...scoringCells(ind, names),
    适用类型: ind.appliesTo?.length ? ind.appliesTo.join('、') : null, 自某月起考核: ind.assessedFromMonth ? '是' : null, 封顶组: bucketOf.get(ind.code) ?? null,
  };
  return INDICATOR_HEADER.map((h) => row[h] ?? null);
}

/** 设置 rows: the spec's rulings and the rubric's outcomes, each with what it means. */
const SETTINGS = {
  deductionStep: {
    name: '扣分步长', note: '裁定R1：线性（差0.5个百分点扣0.5×分值）或取整（不足1个百分点按1个计）；指标填了「步长」时按指标的',
    write: (r) => (r.scoring.deductionStep === 'linear' ? '线性' : '取整'),
    read: (v) => oneOf(v, { 线性: 'linear', 取整: 'ceil' } as const, '扣分步长'),
  } satisfies SettingSpec<'linear' | 'ceil'>,
  emptyBaseCountsAsMet: {
    name: '无基数视为达标', note: '裁定R2：比率的分母为0时按达标计（是/否）',
    write: (r) => (r.scoring.emptyBaseCountsAsMet ? '是' : '否'),
    read: (v) => oneOf(v, { 是: true, 否: false } as const, '无基数视为达标'),
  } satisfies SettingSpec<boolean>,
  assessedFromMonth: {
    name: '自某月起考核的起始月', note: '裁定R5：标注「自某月起考核」的指标在此月之前计满分',
    write: (r) => r.scoring.assessedFromMonth,
    read: (v) => wholeNumber(v, '起始月', 1, 12),
  } satisfies SettingSpec<number>,
  eliminationBottomN: {
    name: '末位淘汰名额', note: '倒数名次在此之内且低于末位淘汰分数线的单位列入末位淘汰；0为不实行末位淘汰',
    write: (r) => r.ranking.eliminationBottomN,
    read: (v) => wholeNumber(v, '末位淘汰名额', 0, Infinity),
  } satisfies SettingSpec<number>,
  eliminationThreshold: {
    name: '末位淘汰分数线', note: '年度得分低于此分才淘汰；可写分数，或总分的百分比（95%）；不填时为总分的95%',
    write: (r) => r.ranking.eliminationThreshold,
    read: (v, c) => scoreLine(v, '末位淘汰分数线', c),
  } satisfies SettingSpec<number>,
  annualDecimals: {
    name: '年度得分小数位', note: '年度得分按 Excel 的 ROUND 保留的小数位数',
    write: (r) => r.ranking.annualDecimals,
    read: (v) => wholeNumber(v, '年度得分小数位', 0, 10),
  } satisfies SettingSpec<number>,
  recognitionLine: {
    name: '认定分数线', note: '年度得分达到此分的单位认定为充分就业社区(村)，与末位淘汰无关；可写分数或总分的百分比；无则填「无」',
    write: (r) => r.ranking.recognitionLine ?? '无',
    read: (v, c) => (isNone(v) ? undefined : scoreLine(v, '认定分数线', c)),
  } satisfies SettingSpec<number | undefined>,
  shareTargets: {
    name: '认定占比目标', note: '认定单位占单位总数的目标：全部单位一个比例（80%），或按类型（社区 75%；村 70%）；需有认定分数线；无则填「无」',
    write: (r) => (r.ranking.shareTargets?.length ? shareTargetsText(r.ranking.shareTargets) : '无'),
    read: (v, c) => (isNone(v) ? undefined : readShareTargets(v, c)),
  } satisfies SettingSpec<readonly ShareTarget[] | undefined>,
} as const;
type SettingKey = keyof typeof SETTINGS;
const SETTING_NAMES = Object.values(SETTINGS).map((s) => s.name).join('、');

/** The rubric's title: `名称（标识），总分100`, the 加分项 said after it. */
function titleText(ruleSet: RuleSet): string {
  const bonus = ruleSet.sections.filter((s) => s.bonus).reduce((n, s) => n + s.total, 0);
  const id = ruleSet.id === ruleSet.zh ? '' : `（${ruleSet.id}）`;
  return `${ruleSet.zh}${id}，总分${ruleSet.total}${bonus > 0 ? `（另设加分项，最多加${bonus}分）` : ''}`;
}

/** The rubric as the rows of a 评分细则 sheet: title, indicators, then 板块, 封顶组 and 设置. */
export function rubricSheetRows(ruleSet: RuleSet): CellValue[][] {
  const bucketOf = new Map(ruleSet.buckets.flatMap((b) => b.items.map((code) => [code, b.code] as const)));
  const names = fieldNamesOf(new SheetFields(ruleSet.fields));
  return [
    [titleText(ruleSet), ruleSet.en],
    [...INDICATOR_HEADER],
    ...ruleSet.indicators.map((ind) => indicatorRow(ind, bucketOf, names)),
    [],
    [...SECTION_HEADER],
    ...ruleSet.sections.map((sec) => [sec.code, sec.zh, sec.en, sec.total, sec.bonus ? BONUS_SECTION : null]),
    [],
    [...BUCKET_HEADER],
    ...ruleSet.buckets.map((b) => [b.code, b.zh, b.en, b.section, b.cap]),
    [],
    [...SETTING_HEADER],
    ...Object.values(SETTINGS).map((s) => [s.name, s.write(ruleSet), s.note]),
    ...fieldTableRows(ruleSet),
  ];
}

/* ---------- Reading ---------- */

export type RubricReading = { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] };

const text = cellText;

/** A problem with one cell; `column` names the cell's column when it is not the one being read. */
class RowError extends Error {
  constructor(message: string, readonly column?: IndicatorColumn) {
    super(message);
  }
}

const isNone = (v: CellValue): boolean => ['', '无', '不设', '否'].includes(text(v));

function number(v: CellValue | undefined, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const t = text(v);
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n)) throw new RowError(`「${what}」应为数字，读到「${t}」`);
  return pct ? n / 100 : n;
}

/** A number that must be more than 0: a per-point, per-case or per-item value, a cap, a step. */
function positive(v: CellValue | undefined, what: string, why: string): number {
  const n = number(v, what);
  if (n < 0) throw new RowError(`「${what}」不能为负数：${n}（${why}，写正数）`);
  if (n === 0) throw new RowError(`「${what}」为0：${why}，为0时规则不起作用`);
  return n;
}

function wholeNumber(v: CellValue, what: string, min: number, max: number): number {
  const n = number(v, what);
  if (!Number.isInteger(n) || n < min || n > max) throw new RowError(`「${what}」应为${min}${max === Infinity ? '或以上' : `到${max}`}的整数，读到${n}`);
  return n;
}

function oneOf<T>(v: CellValue, options: Record<string, T>, what: string): T {
  const t = text(v);
  if (!Object.hasOwn(options, t)) throw new RowError(`「${what}」应为${Object.keys(options).join('或')}，读到「${t}」`);
  return options[t];
}

/** Float noise off a line computed as a share of the total (0.95 × 260). */
const tidyLine = (x: number): number => Math.round(x * 1e9) / 1e9;

/** A score line: points, or a percentage of the rubric's total; above 0 and reachable. */
function scoreLine(v: CellValue, what: string, c: SettingContext): number {
  const t = text(v);
  const n = number(v, what);
  const line = t.endsWith('%') ? tidyLine(n * c.total) : n;
  if (line <= 0) throw new RowError(`「${what}」应大于0，读到${t}`);
  if (line > c.highest) throw new RowError(`「${what}」${line}分高于可得的最高分${c.highest}分，没有单位能达到`);
  return line;
}

function readShareTargets(v: CellValue, c: SettingContext): ShareTarget[] {
  const read = parseShareTargets(text(v), c.unitTypes);
  if (!read.ok) throw new RowError(read.error);
  return read.targets;
}

function quantity(expr: string, names: FieldNames): Quantity {
  const parts = expr.split(/\s*([+＋−\-])\s*/);
  const plus: string[] = [];
  const minus: string[] = [];
  const unknown: string[] = [];
  const add = (list: string[], name: string) => {
    try {
      list.push(names.key(name));
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      unknown.push(name.trim());
    }
  };
  add(plus, parts[0]);
  for (let i = 1; i < parts.length; i += 2) add(parts[i] === '+' || parts[i] === '＋' ? plus : minus, parts[i + 1]);
  if (unknown.length === 1) names.key(unknown[0]); // throws the one field's message
  if (unknown.length) throw new RowError(`未知的输入字段${unknown.map((u) => `「${u}」`).join('、')}（应为台账字段的标准名称，如「劳动力总数」）`);
  return minus.length ? { plus, minus } : { plus };
}

function parseMeasure(kindText: string, expr: string, names: FieldNames): Measure {
  const kind = KIND_OF_MEASURE.get(kindText);
  if (!kind) throw new RowError(`未知的计量方式「${kindText}」，可用：${Object.values(MEASURE_KINDS).join('、')}`, '计量方式');
  const e = expr.normalize('NFKC');
  switch (kind) {
    case 'field':
      return { kind, field: names.key(e) };
    case 'ratio': {
      const [num, den, extra] = e.split('÷');
      if (den === undefined) throw new RowError(`比率应写作「分子 ÷ 分母」，读到「${expr}」`);
      if (extra !== undefined) throw new RowError(`比率应写作「分子 ÷ 分母」（只有一个 ÷），读到「${expr}」`);
      return { kind, num: quantity(num, names), den: quantity(den, names) };
    }
    case 'complement': {
      const [total, part, extra] = e.split(/\s*[−\-]\s*/);
      if (part === undefined) throw new RowError(`补数应写作「总数 − 部分」，读到「${expr}」`);
      if (extra !== undefined) throw new RowError(`补数应写作「总数 − 部分」（只有一个部分），读到「${expr}」`);
      return { kind, total: names.key(total), part: names.key(part) };
    }
    case 'completion': {
      const [main, floor] = e.split(/[，,]\s*最低\s*/);
      const [value, targetPart, extra] = main.split('÷');
      if (targetPart === undefined) throw new RowError(`完成率应写作「完成数 ÷ 目标」，读到「${expr}」`);
      const [goal, factorText, extraFactor] = targetPart.split('×').map((x) => x.trim());
      if (extra !== undefined || extraFactor !== undefined) throw new RowError(`完成率应写作「完成数 ÷ 目标」或「完成数 ÷ 目标 × 系数」（只有一个 ÷ 和一个 ×），读到「${expr}」`);
      const asNumber = Number(goal);
      const target: Target = Number.isFinite(asNumber) && goal !== '' ? asNumber : { field: names.key(goal) };
      const m: Measure = { kind, value: quantity(value, names), target };
      if (factorText !== undefined) m.factor = number(factorText, '系数');
      if (floor !== undefined) m.minTarget = number(floor, '最低目标');
      return m;
    }
  }
}

function taggedMeasureOf(textValue: string, names: FieldNames): Measure {
  const [kind, ...rest] = textValue.split(/[：:]/);
  if (!rest.length) throw new RowError(`「${textValue}」应写作「计量方式：计量」，如「比率：a ÷ b」`);
  return parseMeasure(kind.trim(), rest.join(':'), names);
}

/**
 * A target: a number, a percentage, or a field's name (a province average, a county's rate). For a
 * rate a number above 1 is a percentage written without its sign (95 → 95 %), and above 100 % is refused.
 */
function parseTarget(v: CellValue, rate: boolean, names: FieldNames): Target {
  const t = text(v);
  if (t === '') throw new RowError('「目标」未填写');
  const written = typeof v === 'number' ? v : Number(t.endsWith('%') ? t.slice(0, -1) : t);
  if (!Number.isFinite(written)) return { field: names.key(t) };
  const n = typeof v !== 'number' && t.endsWith('%') ? written / 100 : rate && written > 1 ? written / 100 : written;
  if (rate && (n < 0 || n > 1)) throw new RowError(`「目标」${t}不是0到100%之间的比率`);
  if (n < 0) throw new RowError(`「目标」不能为负数：${t}`);
  return n;
}

/** The cells of one indicator row, read one by one: a bad cell is noted and the others are still read. */
class RowReader {
  readonly problems: { column: IndicatorColumn; message: string }[] = [];
  constructor(private readonly cells: (h: IndicatorColumn) => CellValue) {}
  cell(h: IndicatorColumn): CellValue {
    return this.cells(h);
  }
  /** The cell read by `parse`; on a problem, noted against the cell, and undefined. */
  read<T>(h: IndicatorColumn, parse: (v: CellValue) => T): T | undefined {
    try {
      return parse(this.cells(h));
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      this.problems.push({ column: e.column ?? h, message: e.message });
      return undefined;
    }
  }
  problem(h: IndicatorColumn, message: string): void {
    this.problems.push({ column: h, message });
  }
}

/** A scoring from its row's cells; undefined when a cell is wrong (the reader holds why). */
function parseScoring(kind: Scoring['kind'], row: RowReader, measure: Measure | undefined, max: number | undefined, names: FieldNames): Scoring | undefined {
  const before = row.problems.length;
  const rate = measure !== undefined && isRateMeasure(measure, names);
  const done = (s: Scoring): Scoring | undefined => (row.problems.length === before ? s : undefined);
  switch (kind) {
    case 'belowTarget':
    case 'aboveTarget': {
      const unit = row.read('单位', (v) => oneOf(v, { 百分点: 'pp', 个: 'count' } as const, '单位'));
      const target = row.read('目标', (v) => parseTarget(v, unit === 'pp', names));
      const perPoint = row.read('每项分值', (v) => positive(v, '每项分值', kind === 'belowTarget' ? '每低一个单位扣的分' : '每高一个单位扣的分'));
      const step = row.read('步长', (v) => (text(v) === '' ? undefined : positive(v, '步长', '差距按此步长取整')));
      return done({ kind, target: target!, perPoint: perPoint!, unit: unit!, ...(step !== undefined ? { step } : {}) });
    }
    case 'perCase': {
      const perCase = row.read('每项分值', (v) => positive(v, '每项分值', '按件扣分每件扣的分'));
      return done({ kind, perCase: perCase! });
    }
    case 'perItem': {
      const pointsEach = row.read('每项分值', (v) => positive(v, '每项分值', '按项加分每项加的分'));
      return done({ kind, pointsEach: pointsEach! });
    }
    case 'proportional': {
      const gates = row.read('闸门或子项', (v) => text(v).split(/[；;]/).filter(Boolean).map((g) => taggedMeasureOf(g, names)));
      return done(gates?.length ? { kind, gates } : { kind });
    }
    case 'allOrNothing':
    case 'atMost': {
      const target = row.read('目标', (v) => parseTarget(v, rate, names));
      return done({ kind, target: target! });
    }
    case 'metOrJudged': {
      const deduction = text(row.cell('规则类型')) === MET_OR_DEDUCTED;
      const atMost = /^(≤|<=)/.test(text(row.cell('目标')));
      const target = row.read('目标', (v) => parseTarget(text(v).replace(/^(≤|<=|≥|>=)\s*/, ''), rate, names));
      const judged = row.read('评分字段', (v) => {
        if (text(v) === '') throw new RowError(`「评分字段」未填写：${RULE_TYPES.metOrJudged}须给出未达标时检查组${deduction ? '扣分' : '评分'}的字段`);
        const key = names.key(text(v));
        const kind = names.notPoints(key);
        if (kind !== null) throw new RowError(`「评分字段」「${text(v)}」的字段类型为${kind}，应为得分（检查组评的分或扣的分）`);
        return key;
      });
      return done({ kind, target: target!, judged: judged!, ...(atMost ? { atMost } : {}), ...(deduction ? { deduction } : {}) });
    }
    case 'graded': {
      const grades = row.read('分档', (v) => {
        const list = text(v).split(/[；;]/).filter(Boolean).map((g) => {
          const [mark, points, extra] = g.split(/[:：]/);
          if (extra !== undefined) throw new RowError(`分档「${g}」应写作「标准:分值」`);
          const p = number(points, '分档分值');
          if (p < 0) throw new RowError(`分档「${g}」的分值不能为负数`);
          if (max !== undefined && p > max) throw new RowError(`分档「${g}」的分值${p}高于满分${max}，达不到`);
          const m = number(mark, '分档标准');
          // A rate's marks are percentages: 95 is 95 % unless written 0.95 or 95%.
          return [rate && !text(mark).endsWith('%') && m > 1 ? m / 100 : m, p] as const;
        });
        if (!list.length) throw new RowError('「分档」未填写，应写作「标准:分值；标准:分值」');
        return list;
      });
      return done({ kind, grades: grades! });
    }
    case 'subTargets': {
      const targets = row.read('闸门或子项', (v) => {
        const list: SubTarget[] = text(v).split(/[；;]/).filter(Boolean).map((item) => {
          const [m, atLeast] = item.split(/≥|>=/);
          if (atLeast === undefined) throw new RowError(`子项「${item}」应写作「计量方式：计量 ≥ 目标」`);
          return { measure: taggedMeasureOf(m.trim(), names), atLeast: number(atLeast, '子项目标') };
        });
        if (!list.length) throw new RowError('子项扣分需要在「闸门或子项」中列出子项');
        return list;
      });
      const perFailed = row.read('每项分值', (v) => positive(v, '每项分值', '每个未达到的子项扣的分'));
      return done({ kind, targets: targets!, perFailed: perFailed! });
    }
    case 'judged':
    case 'judgedDeduction':
      return { kind };
  }
}

/** What the title says: the rubric's name, its id (an ASCII tag in brackets) and its total, in any common wording. */
interface Title {
  zh: string;
  id: string;
  /** null when the title states no total. */
  total: number | null;
  /** Why a total the title mentions could not be read. */
  problem?: string;
}

/** `总分100`, `总分：100分`, `满分100`, `总分为100分（另设加分项）`, `百分制`; full-width digits too. */
const TOTAL_IN_TITLE = /(?:总分|满分|总计)\s*(?:为|是)?\s*[:：]?\s*([\d０-９]+(?:[.．][\d０-９]+)?)\s*分?/;
const ID_IN_BRACKETS = /[（(]\s*([A-Za-z0-9][\w.-]*)\s*[）)]\s*$/;

/** What the title says, read from it as written (the name keeps its own brackets and widths). */
export function readTitle(title: string): Title {
  const t = title.trim();
  const m = TOTAL_IN_TITLE.exec(t);
  const total: number | null = m ? Number(m[1].normalize('NFKC')) : /百分制/.test(t) ? 100 : null;
  const problem = total === null && /总分|满分/.test(t) ? `标题「${title}」写了总分，但读不出分数（应写作「总分100」）` : undefined;
  const before = (m ? t.slice(0, m.index) : t).replace(/[\s,，、;；:：]+$/, '');
  const id = ID_IN_BRACKETS.exec(before);
  const zh = (id ? before.slice(0, id.index) : before).trim() || t;
  return { zh, id: id ? id[1] : zh, total, ...(problem ? { problem } : {}) };
}

/** Reads a 评分细则 sheet; every problem found is reported, each at its cell, and any rejects the whole rubric. */
export function readRubricSheet(grid: SheetGrid): RubricReading {
  const rows = grid.rows;
  const errors: string[] = [];
  const at = (r: number, c: number, message: string) => errors.push(`${cellAddress(grid.name, r, c)}：${message}`);
  const attempt = <T>(r: number, c: number, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      at(r, c, e.message);
      return undefined;
    }
  };
  const indicatorsAt = findTable(rows, INDICATOR_HEADER);
  if (indicatorsAt < 0) return { ok: false, errors: [`工作表「${grid.name}」中找不到评分细则的表头（${INDICATOR_HEADER.slice(0, 5).join('、')}…）`] };
  const columns = new Map<string, number>(rows[indicatorsAt].map((v, c) => [text(v), c]));
  const missingColumns = REQUIRED_COLUMNS.filter((h) => !columns.has(h));
  if (missingColumns.length) return { ok: false, errors: [`${cellAddress(grid.name, indicatorsAt, 0)}：评分细则缺少列 ${missingColumns.join('、')}`] };
  for (const unknown of unknownColumns(rows[indicatorsAt], INDICATOR_HEADER, '指标表')) at(indicatorsAt, unknown.column, unknown.message);
  // The 字段 and 单位类型 tables first: the indicators' measures name the fields, 适用类型 the types.
  const declared = readFieldTables(rows, indicatorsAt + 1, at);
  const names = fieldNamesOf(declared.fields);
  const unitTypes = declared.unitTypes.map((t) => t.name);

  const title = readTitle(String(rows[0]?.[0] ?? '').trim());
  if (title.problem) at(0, 0, title.problem);

  // 板块 and 封顶组 first: indicators are checked against them.
  const sectionsAt = findTable(rows, SECTION_HEADER, indicatorsAt + 1);
  if (sectionsAt < 0) errors.push(`工作表「${grid.name}」中找不到板块表（${SECTION_HEADER.slice(0, 4).join('、')}）`);
  const sections: Section[] = [];
  const sectionRows: number[] = [];
  for (const r of sectionsAt < 0 ? [] : tableRows(rows, sectionsAt)) {
    const code = text(rows[r][0]);
    const category = text(rows[r][4]);
    const bonus = category === BONUS_SECTION;
    if (category !== '' && !bonus) at(r, 4, `板块的「类别」应为空（计入总分）或「${BONUS_SECTION}」，读到「${category}」`);
    if (sections.some((s) => s.code === code)) at(r, 0, `板块代码「${code}」重复`);
    const total = attempt(r, 3, () => {
      const n = number(rows[r][3], '板块满分');
      if (n < 0) throw new RowError(`板块满分不能为负数：${n}`);
      return n;
    });
    sections.push({ code, zh: text(rows[r][1]), en: text(rows[r][2]) || text(rows[r][1]), total: total ?? NaN, ...(bonus ? { bonus } : {}) });
    sectionRows.push(r);
  }
  const bucketsAt = findTable(rows, BUCKET_HEADER, indicatorsAt + 1);
  const buckets: (Omit<Bucket, 'items'> & { row: number })[] = [];
  for (const r of bucketsAt < 0 ? [] : tableRows(rows, bucketsAt)) {
    const code = text(rows[r][0]);
    const section = text(rows[r][3]);
    if (buckets.some((b) => b.code === code)) at(r, 0, `封顶组代码「${code}」重复`);
    if (!sections.some((s) => s.code === section)) at(r, 3, `封顶组${code}的板块「${section}」不在板块表中`);
    const cap = attempt(r, 4, () => positive(rows[r][4], '封顶', '封顶组的最高分'));
    if (cap !== undefined) buckets.push({ code, zh: text(rows[r][1]), en: text(rows[r][2]) || text(rows[r][1]), section, cap, row: r });
  }

  const indicators: Indicator[] = [];
  const members = new Map<string, string[]>();
  let indicatorProblems = false;
  for (const r of tableRows(rows, indicatorsAt)) {
    const row = new RowReader((h) => (columns.has(h) ? (rows[r][columns.get(h)!] ?? null) : null));
    const ind = readIndicator(row, indicators, sections, buckets, names, unitTypes);
    for (const p of row.problems) at(r, columns.get(p.column) ?? 0, columns.has(p.column) ? p.message : `${p.message}（表头中没有「${p.column}」列）`);
    if (row.problems.length || !ind) {
      indicatorProblems = true;
      continue;
    }
    const bucket = text(row.cell('封顶组'));
    if (bucket) members.set(bucket, [...(members.get(bucket) ?? []), ind.code]);
    indicators.push(ind);
  }
  const fullBuckets: Bucket[] = buckets.map(({ row: _row, ...b }) => ({ ...b, items: members.get(b.code) ?? [] }));
  if (!indicatorProblems) checkBuckets(buckets, fullBuckets, indicators, (r, c, m) => at(r, c, m));
  if (!indicatorProblems) declared.checkUse(indicators);
  // Sums over rows that could not all be read would only add noise to the problems already named.
  if (!errors.length && sectionsAt >= 0) checkTotals(title, sections, indicators, fullBuckets, unitTypes, (k, m) => at(sectionRows[k], 3, m), (m) => at(0, 0, m));

  const total = title.total ?? sections.filter((s) => !s.bonus).reduce((n, s) => n + s.total, 0);
  const highest = total + sections.filter((s) => s.bonus).reduce((n, s) => n + s.total, 0);
  const settingsAt = findTable(rows, SETTING_HEADER, indicatorsAt + 1);
  const settings = readSettings(rows, settingsAt, { total, highest, unitTypes }, at);
  const ranking: RankingRulings = {
    rankScope: 'district',
    eliminationBottomN: settings.eliminationBottomN ?? 3,
    eliminationThreshold: settings.eliminationThreshold ?? tidyLine(0.95 * total),
    annualDecimals: settings.annualDecimals ?? 2,
    ...(settings.recognitionLine !== undefined ? { recognitionLine: settings.recognitionLine } : {}),
    ...(settings.shareTargets !== undefined ? { shareTargets: settings.shareTargets } : {}),
  };
  const ruleSet: RuleSet = {
    id: title.id || grid.name,
    zh: title.zh || grid.name,
    en: text(rows[0]?.[1]) || title.zh || grid.name,
    total,
    sections,
    indicators,
    buckets: fullBuckets,
    fields: declared.fields.fields(),
    unitTypes: declared.unitTypes,
    scoring: {
      deductionStep: settings.deductionStep ?? 'linear',
      emptyBaseCountsAsMet: settings.emptyBaseCountsAsMet ?? true,
      provinceAveragesFrom: 'params-or-columns',
      assessedFromMonth: settings.assessedFromMonth ?? 1,
    },
    ranking,
  };
  return errors.length ? { ok: false, errors } : { ok: true, ruleSet };
}

/** One indicator row; undefined when a cell is wrong (the row reader holds every problem found). */
function readIndicator(
  row: RowReader,
  earlier: readonly Indicator[],
  sections: readonly Section[],
  buckets: readonly Omit<Bucket, 'items'>[],
  names: FieldNames,
  unitTypes: readonly string[],
): Indicator | undefined {
  const code = text(row.cell('代码'));
  if (!code) row.problem('代码', '「代码」未填写');
  else if (earlier.some((i) => i.code === code)) row.problem('代码', `指标代码「${code}」重复`);
  const label = `指标${code}`;
  const max = row.read('满分', (v) => {
    const n = number(v, '满分');
    if (n < 0) throw new RowError(`${label}的满分不能为负数：${n}`);
    return n;
  });
  const section = text(row.cell('板块'));
  if (!sections.some((s) => s.code === section)) row.problem('板块', `${label}的板块「${section}」不在板块表中`);
  const ruleText = text(row.cell('规则类型'));
  const kind = KIND_OF_RULE.get(ruleText);
  if (!kind) row.problem('规则类型', `${label}的规则类型「${ruleText}」未知，可用：${RULE_TYPE_NAMES}`);
  const measure = kind === 'subTargets' ? undefined : row.read('计量', (v) => parseMeasure(text(row.cell('计量方式')), text(v), names));
  const scoring = kind === undefined ? undefined : parseScoring(kind, row, measure, max, names);
  const appliesTo = row.read('适用类型', (v) => {
    const list = text(v).split(/[、,，;；/\s]+/).filter(Boolean);
    const unknown = list.filter((t) => !unitTypes.includes(t));
    if (unknown.length) throw new RowError(`${label}的适用类型${unknown.map((t) => `「${t}」`).join('、')}不是本细则的单位类型（${unitTypes.join('、')}）`);
    return list;
  });
  const fromMonth = row.read('自某月起考核', (v) => (text(v) === '' ? false : oneOf(v, { 是: true, 否: false } as const, '自某月起考核')));
  const bucket = text(row.cell('封顶组'));
  if (bucket && !buckets.some((b) => b.code === bucket)) row.problem('封顶组', `${label}的封顶组「${bucket}」不在封顶组表中`);
  if (row.problems.length || !scoring || max === undefined) return undefined;
  const ownMeasure = scoring.kind === 'subTargets' ? scoring.targets[0].measure : measure!;
  const ind: Indicator = { code, section, zh: text(row.cell('指标名称')), en: text(row.cell('英文名称')) || text(row.cell('指标名称')), max, measure: ownMeasure, scoring };
  if (appliesTo?.length) ind.appliesTo = appliesTo;
  if (fromMonth) ind.assessedFromMonth = true;
  return ind;
}

/**
 * A capped group must be able to reach its cap (members' maxes adding up to at least it), hold
 * at least one indicator, and keep its members in its own 板块.
 */
function checkBuckets(rowsOf: readonly { code: string; row: number }[], buckets: readonly Bucket[], indicators: readonly Indicator[], at: (r: number, c: number, m: string) => void): void {
  for (const b of buckets) {
    const r = rowsOf.find((x) => x.code === b.code)!.row;
    const members = indicators.filter((i) => b.items.includes(i.code));
    if (!members.length) {
      at(r, 0, `封顶组${b.code}没有指标（指标行的「封顶组」列未填${b.code}）`);
      continue;
    }
    const reachable = members.reduce((n, i) => n + i.max, 0);
    if (reachable < b.cap - 1e-9) at(r, 4, `封顶组${b.code}的封顶${b.cap}分高于其指标（${members.map((i) => i.code).join('、')}）满分合计${reachable}分，达不到`);
    const elsewhere = members.filter((i) => i.section !== b.section);
    if (elsewhere.length) at(r, 3, `封顶组${b.code}在板块${b.section}，其指标${elsewhere.map((i) => `${i.code}（板块${i.section}）`).join('、')}不在该板块`);
  }
}

/**
 * The maxes must add up: each 板块's items (a capped group counting as its cap), per unit type
 * where items apply to some types only, to the 板块's total; and the 板块 (加分项 left out) to
 * the total the title states. Every unit type of the rubric is checked then, a type no item is
 * written for too (镇 beside 社区's E4a and 村's E4b would score out of 95).
 */
function checkTotals(title: Title, sections: readonly Section[], indicators: readonly Indicator[], buckets: readonly Bucket[], unitTypes: readonly string[], atSection: (index: number, m: string) => void, atTitle: (m: string) => void): void {
  const someTypesOnly = indicators.some((i) => i.appliesTo !== undefined);
  sections.forEach((sec, k) => {
    for (const type of someTypesOnly ? unitTypes : [null]) {
      const applies = (i: Indicator) => i.section === sec.code && (i.appliesTo === undefined || type === null || i.appliesTo.includes(type));
      const inSection = indicators.filter((i) => applies(i) && !buckets.some((b) => b.items.includes(i.code)));
      const sum = inSection.reduce((n, i) => n + i.max, 0) + buckets.filter((b) => b.section === sec.code).reduce((n, b) => n + b.cap, 0);
      if (Math.abs(sum - sec.total) > 1e-9) {
        atSection(k, `板块${sec.code}「${sec.zh}」的指标满分合计${sum}${type ? `（${type}）` : ''}，与板块满分${sec.total}不符`);
        break;
      }
    }
  });
  const sectionSum = sections.filter((s) => !s.bonus).reduce((n, s) => n + s.total, 0);
  if (title.total !== null && Math.abs(sectionSum - title.total) > 1e-9) {
    const bonus = sections.some((s) => s.bonus) ? '（不含加分项）' : '';
    atTitle(`各板块${bonus}满分合计${sectionSum}，与标题所写总分${title.total}不符`);
  }
}

type Settings = { -readonly [K in SettingKey]?: ReturnType<(typeof SETTINGS)[K]['read']> };

/** The 设置 table: each known row read, an unknown or repeated one refused with the names that are known. */
function readSettings(rows: readonly CellValue[][], settingsAt: number, context: SettingContext, at: (r: number, c: number, m: string) => void): Settings {
  const settings: Settings = {};
  const byName = new Map(Object.entries(SETTINGS).map(([key, spec]) => [spec.name, key as SettingKey]));
  const seen = new Set<SettingKey>();
  const rowOf = new Map<SettingKey, number>();
  for (const r of settingsAt < 0 ? [] : tableRows(rows, settingsAt)) {
    const name = text(rows[r][0]);
    const key = byName.get(name);
    if (!key) {
      at(r, 0, `未知的设置「${name}」，可用：${SETTING_NAMES}`);
      continue;
    }
    if (seen.has(key)) {
      at(r, 0, `设置「${name}」写了两次`);
      continue;
    }
    seen.add(key);
    rowOf.set(key, r);
    try {
      (settings as Record<string, unknown>)[key] = SETTINGS[key].read(rows[r][1] ?? null, context);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      at(r, 1, e.message);
    }
  }
  const lineRow = rowOf.get('recognitionLine');
  if (settings.shareTargets !== undefined && (lineRow === undefined || isNone(rows[lineRow][1] ?? null))) {
    at(rowOf.get('shareTargets')!, 1, `「${SETTINGS.shareTargets.name}」按认定的单位计算，须同时设置「${SETTINGS.recognitionLine.name}」`);
  }
  return settings;
}
