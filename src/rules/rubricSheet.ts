/**
 * A rubric as a worksheet «评分细则», for bureaus that publish their own 评分细则: one row per
 * indicator (code, section, name, max, how the measure is read, the rule type and its parameters,
 * which unit type it applies to, the month it is assessed from, its capped group), then the 板块,
 * 封顶组 and 设置 tables, and the 字段 and 单位类型 tables of its own fields and unit types
 * (src/rules/fieldTable.ts). `rubricSheetRows` writes a RuleSet out; `readRubricSheet` reads one back
 * and refuses a bad sheet as a whole, naming the row: nothing is scored with a half-read rubric.
 *
 * Measures are written with the fields' Chinese names:
 *   字段    登记失业2年以上人数
 *   比率    已推荐岗位人数 ÷ 月初未就业有就业意愿人数 + 当月新增失业登记人数 − 有推荐记录且已就业人数
 *   补数    劳动力总数 − 期末登记失业人员人数            ((劳动力总数 − …) ÷ 劳动力总数)
 *   完成率  湘就业平台…企业数 ÷ 当地市场主体数量 × 0.00007，最低 1
 */
import { FIELD_BY_KEY } from '../fields';
import type { CellValue, SheetGrid } from '../ledger/types';
import { cellAddress } from '../read/address';
import { fieldTableRows, readFieldTables, SheetFields } from './fieldTable';
import type { Bucket, Indicator, Measure, Quantity, RuleSet, Scoring, Section, SubTarget, Target } from './vocabulary';

export const RUBRIC_SHEET = '评分细则';

export const INDICATOR_HEADER = ['代码', '板块', '指标名称', '英文名称', '满分', '计量方式', '计量', '规则类型', '目标', '每项分值', '单位', '分档', '闸门或子项', '适用类型', '自某月起考核', '封顶组'] as const;
const SECTION_HEADER = ['板块代码', '板块名称', '英文名称', '满分'] as const;
const BUCKET_HEADER = ['封顶组代码', '名称', '英文名称', '板块', '封顶'] as const;
const SETTING_HEADER = ['设置', '值', '说明'] as const;

/** Rule types as the sheet names them. */
const RULE_TYPES: Record<Scoring['kind'], string> = {
  belowTarget: '低于目标扣分',
  perCase: '按件扣分',
  proportional: '按比例',
  allOrNothing: '达标得分',
  graded: '分档得分',
  perItem: '按项加分',
  subTargets: '子项扣分',
  judged: '评分',
  judgedDeduction: '评分扣减',
};
const KIND_OF_RULE = new Map(Object.entries(RULE_TYPES).map(([k, v]) => [v, k as Scoring['kind']]));

const MEASURE_KINDS: Record<Measure['kind'], string> = { field: '字段', ratio: '比率', complement: '补数', completion: '完成率' };
const KIND_OF_MEASURE = new Map(Object.entries(MEASURE_KINDS).map(([k, v]) => [v, k as Measure['kind']]));

const SETTINGS = {
  deductionStep: { name: '扣分步长', note: '裁定R1：线性（差0.5个百分点扣0.5×分值）或取整（不足1个百分点按1个计）' },
  emptyBaseCountsAsMet: { name: '无基数视为达标', note: '裁定R2：比率的分母为0时按达标计（是/否）' },
  assessedFromMonth: { name: '自某月起考核的起始月', note: '裁定R5：标注「自某月起考核」的指标在此月之前计满分' },
  eliminationBottomN: { name: '末位淘汰名额', note: '倒数名次在此之内且低于分数线的单位列入末位淘汰' },
  eliminationThreshold: { name: '末位淘汰分数线', note: '年度得分低于此分才淘汰' },
  annualDecimals: { name: '年度得分小数位', note: '年度得分按 Excel 的 ROUND 保留的小数位数' },
} as const;

/* ---------- Writing ---------- */

const fieldName = (key: string) => FIELD_BY_KEY.get(key)?.zh ?? key;
const quantityText = (q: Quantity) => [q.plus.map(fieldName).join(' + '), ...(q.minus ?? []).map((k) => ` − ${fieldName(k)}`)].join('');
const percent = (x: number) => `${+(x * 100).toFixed(10)}%`;

function measureText(m: Measure): string {
  switch (m.kind) {
    case 'field':
      return fieldName(m.field);
    case 'ratio':
      return `${quantityText(m.num)} ÷ ${quantityText(m.den)}`;
    case 'complement':
      return `${fieldName(m.total)} − ${fieldName(m.part)}`;
    case 'completion': {
      const target = typeof m.target === 'number' ? String(m.target) : fieldName(m.target.field);
      return `${quantityText(m.value)} ÷ ${target}${m.factor !== undefined ? ` × ${m.factor}` : ''}${m.minTarget !== undefined ? `，最低 ${m.minTarget}` : ''}`;
    }
  }
}

/** A measure with its kind, for gates and sub-targets: `比率：a ÷ b`. */
const taggedMeasure = (m: Measure) => `${MEASURE_KINDS[m.kind]}：${measureText(m)}`;

function targetText(t: Target, pp: boolean): string {
  return typeof t === 'number' ? (pp ? percent(t) : String(t)) : fieldName(t.field);
}

function indicatorRow(ind: Indicator, bucketOf: Map<string, string>): CellValue[] {
  const s = ind.scoring;
  const row: Record<(typeof INDICATOR_HEADER)[number], CellValue> = {
    代码: ind.code, 板块: ind.section, 指标名称: ind.zh, 英文名称: ind.en, 满分: ind.max,
    计量方式: s.kind === 'subTargets' ? null : MEASURE_KINDS[ind.measure.kind], 计量: s.kind === 'subTargets' ? null : measureText(ind.measure),
    规则类型: RULE_TYPES[s.kind], 目标: null, 每项分值: null, 单位: null, 分档: null, 闸门或子项: null,
    适用类型: ind.appliesTo?.join('、') ?? null, 自某月起考核: ind.assessedFromMonth ? '是' : null, 封顶组: bucketOf.get(ind.code) ?? null,
  };
  switch (s.kind) {
    case 'belowTarget':
      Object.assign(row, { 目标: targetText(s.target, s.unit === 'pp'), 每项分值: s.perPoint, 单位: s.unit === 'pp' ? '百分点' : '个' });
      break;
    case 'perCase':
      row.每项分值 = s.perCase;
      break;
    case 'perItem':
      row.每项分值 = s.pointsEach;
      break;
    case 'proportional':
      if (s.gates?.length) row.闸门或子项 = s.gates.map(taggedMeasure).join('；');
      break;
    case 'allOrNothing':
      row.目标 = s.target;
      break;
    case 'graded':
      row.分档 = s.grades.map(([mark, points]) => `${mark}:${points}`).join('；');
      break;
    case 'subTargets':
      row.每项分值 = s.perFailed;
      row.闸门或子项 = s.targets.map((t) => `${taggedMeasure(t.measure)} ≥ ${t.atLeast}`).join('；');
      break;
    default:
      break;
  }
  return INDICATOR_HEADER.map((h) => row[h]);
}

/** The rubric as the rows of a 评分细则 sheet: title, indicators, then 板块, 封顶组 and 设置. */
export function rubricSheetRows(ruleSet: RuleSet): CellValue[][] {
  const bucketOf = new Map(ruleSet.buckets.flatMap((b) => b.items.map((code) => [code, b.code] as const)));
  const r = ruleSet.scoring;
  const k = ruleSet.ranking;
  return [
    [`${ruleSet.zh}（${ruleSet.id}），总分${ruleSet.total}`, ruleSet.en],
    [...INDICATOR_HEADER],
    ...ruleSet.indicators.map((ind) => indicatorRow(ind, bucketOf)),
    [],
    [...SECTION_HEADER],
    ...ruleSet.sections.map((sec) => [sec.code, sec.zh, sec.en, sec.total]),
    [],
    [...BUCKET_HEADER],
    ...ruleSet.buckets.map((b) => [b.code, b.zh, b.en, b.section, b.cap]),
    [],
    [...SETTING_HEADER],
    [SETTINGS.deductionStep.name, r.deductionStep === 'linear' ? '线性' : '取整', SETTINGS.deductionStep.note],
    [SETTINGS.emptyBaseCountsAsMet.name, r.emptyBaseCountsAsMet ? '是' : '否', SETTINGS.emptyBaseCountsAsMet.note],
    [SETTINGS.assessedFromMonth.name, r.assessedFromMonth, SETTINGS.assessedFromMonth.note],
    [SETTINGS.eliminationBottomN.name, k.eliminationBottomN, SETTINGS.eliminationBottomN.note],
    [SETTINGS.eliminationThreshold.name, k.eliminationThreshold, SETTINGS.eliminationThreshold.note],
    [SETTINGS.annualDecimals.name, k.annualDecimals, SETTINGS.annualDecimals.note],
    ...fieldTableRows(ruleSet),
  ];
}

/* ---------- Reading ---------- */

export type RubricReading = { ok: true; ruleSet: RuleSet } | { ok: false; errors: string[] };

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v instanceof Date ? v.toISOString() : v).normalize('NFKC').trim());
/** The fields the sheet being read names: its 字段 table's (reading is synchronous, one sheet at a time). */
let sheetFields = new SheetFields(null);

class RowError extends Error {}

function number(v: CellValue | undefined, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const t = text(v);
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n)) throw new RowError(`「${what}」应为数字，读到「${t}」`);
  return pct ? n / 100 : n;
}

function field(name: string): string {
  const found = sheetFields.lookup(name);
  if (!found.ok) throw new RowError(found.message);
  return found.key;
}

function quantity(expr: string): Quantity {
  const parts = expr.split(/\s*([+＋−\-])\s*/);
  const plus: string[] = [field(parts[0])];
  const minus: string[] = [];
  for (let i = 1; i < parts.length; i += 2) (parts[i] === '+' || parts[i] === '＋' ? plus : minus).push(field(parts[i + 1]));
  return minus.length ? { plus, minus } : { plus };
}

function parseMeasure(kindText: string, expr: string): Measure {
  const kind = KIND_OF_MEASURE.get(kindText);
  if (!kind) throw new RowError(`未知的计量方式「${kindText}」，可用：${Object.values(MEASURE_KINDS).join('、')}`);
  const e = expr.normalize('NFKC');
  switch (kind) {
    case 'field':
      return { kind, field: field(e) };
    case 'ratio': {
      const [num, den] = e.split('÷');
      if (den === undefined) throw new RowError(`比率应写作「分子 ÷ 分母」，读到「${expr}」`);
      return { kind, num: quantity(num), den: quantity(den) };
    }
    case 'complement': {
      const [total, part] = e.split(/\s*[−\-]\s*/);
      if (part === undefined) throw new RowError(`补数应写作「总数 − 部分」，读到「${expr}」`);
      return { kind, total: field(total), part: field(part) };
    }
    case 'completion': {
      const [main, floor] = e.split(/[，,]\s*最低\s*/);
      const [value, targetPart] = main.split('÷');
      if (targetPart === undefined) throw new RowError(`完成率应写作「完成数 ÷ 目标」，读到「${expr}」`);
      const [targetText, factorText] = targetPart.split('×').map((x) => x.trim());
      const asNumber = Number(targetText);
      const target: Target = Number.isFinite(asNumber) && targetText !== '' ? asNumber : { field: field(targetText) };
      const m: Measure = { kind, value: quantity(value), target };
      if (factorText !== undefined) m.factor = number(factorText, '系数');
      if (floor !== undefined) m.minTarget = number(floor, '最低目标');
      return m;
    }
  }
}

function taggedMeasureOf(textValue: string): Measure {
  const [kind, ...rest] = textValue.split(/[：:]/);
  if (!rest.length) throw new RowError(`「${textValue}」应写作「计量方式：计量」，如「比率：a ÷ b」`);
  return parseMeasure(kind.trim(), rest.join(':'));
}

function parseTarget(v: CellValue, pp: boolean): Target {
  const t = text(v);
  if (t === '') throw new RowError('「目标」未填写');
  const n = typeof v === 'number' ? v : Number(t.endsWith('%') ? t.slice(0, -1) : t);
  if (Number.isFinite(n)) return typeof v === 'number' || !t.endsWith('%') ? (pp && n > 1 ? n / 100 : n) : n / 100;
  return { field: field(t) };
}

function parseScoring(kind: Scoring['kind'], cell: (h: (typeof INDICATOR_HEADER)[number]) => CellValue): Scoring {
  switch (kind) {
    case 'belowTarget': {
      const unit = text(cell('单位'));
      if (unit !== '百分点' && unit !== '个') throw new RowError(`「单位」应为百分点或个，读到「${unit}」`);
      const pp = unit === '百分点';
      return { kind, target: parseTarget(cell('目标'), pp), perPoint: number(cell('每项分值'), '每项分值'), unit: pp ? 'pp' : 'count' };
    }
    case 'perCase':
      return { kind, perCase: number(cell('每项分值'), '每项分值') };
    case 'perItem':
      return { kind, pointsEach: number(cell('每项分值'), '每项分值') };
    case 'proportional': {
      const gates = text(cell('闸门或子项'));
      return gates ? { kind, gates: gates.split(/[；;]/).filter(Boolean).map(taggedMeasureOf) } : { kind };
    }
    case 'allOrNothing':
      return { kind, target: number(cell('目标'), '目标') };
    case 'graded': {
      const grades = text(cell('分档')).split(/[；;]/).filter(Boolean).map((g) => {
        const [mark, points] = g.split(/[:：]/);
        return [number(mark, '分档标准'), number(points, '分档分值')] as const;
      });
      if (!grades.length) throw new RowError('「分档」未填写，应写作「标准:分值；标准:分值」');
      return { kind, grades };
    }
    case 'subTargets': {
      const targets: SubTarget[] = text(cell('闸门或子项')).split(/[；;]/).filter(Boolean).map((item) => {
        const [m, atLeast] = item.split(/≥|>=/);
        if (atLeast === undefined) throw new RowError(`子项「${item}」应写作「计量方式：计量 ≥ 目标」`);
        return { measure: taggedMeasureOf(m.trim()), atLeast: number(atLeast, '子项目标') };
      });
      if (!targets.length) throw new RowError('子项扣分需要在「闸门或子项」中列出子项');
      return { kind, targets, perFailed: number(cell('每项分值'), '每项分值') };
    }
    case 'judged':
    case 'judgedDeduction':
      return { kind };
  }
}

/** Finds a table by its header row: the row whose first cells read as the given header. */
function findTable(rows: readonly CellValue[][], header: readonly string[], from = 0): number {
  for (let r = from; r < rows.length; r++) {
    if (header.slice(0, 2).every((h, c) => text(rows[r]?.[c]) === h)) return r;
  }
  return -1;
}

function tableRows(rows: readonly CellValue[][], headerRow: number): number[] {
  const out: number[] = [];
  for (let r = headerRow + 1; r < rows.length && rows[r]?.some((v) => text(v) !== ''); r++) out.push(r);
  return out;
}

/** Reads a 评分细则 sheet; any bad row rejects the whole rubric with a message per row. */
export function readRubricSheet(grid: SheetGrid): RubricReading {
  const rows = grid.rows;
  const errors: string[] = [];
  const where = (r: number) => cellAddress(grid.name, r, 0);
  const at = (r: number, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      errors.push(`${where(r)}：${e.message}`);
    }
  };
  const indicatorsAt = findTable(rows, INDICATOR_HEADER);
  if (indicatorsAt < 0) return { ok: false, errors: [`工作表「${grid.name}」中找不到评分细则的表头（${INDICATOR_HEADER.slice(0, 5).join('、')}…）`] };
  const columns = new Map<string, number>(rows[indicatorsAt].map((v, c) => [text(v), c]));
  const missingColumns = INDICATOR_HEADER.filter((h) => h !== '英文名称' && !columns.has(h));
  if (missingColumns.length) return { ok: false, errors: [`${where(indicatorsAt)}：评分细则缺少列 ${missingColumns.join('、')}`] };

  // The 字段 and 单位类型 tables first: the indicators' measures name the fields, 适用类型 the types.
  const declared = readFieldTables(rows, indicatorsAt + 1, (r, c, message) => errors.push(`${cellAddress(grid.name, r, c)}：${message}`));
  sheetFields = declared.fields;
  const unitTypes = declared.unitTypes.map((t) => t.name);

  const title = String(rows[0]?.[0] ?? '').trim();
  // 「名称（标识），总分100」: the last bracketed part is the id (the name may hold brackets of its own).
  const titleMatch = /^(.*?)(?:[（(]([^（）()]+)[）)])?\s*[，,]?\s*总分\s*([\d.]+)$/.exec(title) ?? /^(.*)[（(]([^（）()]+)[）)]\s*[，,]?\s*总分\s*([\d.]+)$/.exec(title);

  // 设置, 板块 and 封顶组 first: indicators are checked against them.
  const settingsAt = findTable(rows, SETTING_HEADER, indicatorsAt + 1);
  const setting = new Map<string, { value: CellValue; row: number }>();
  if (settingsAt >= 0) for (const r of tableRows(rows, settingsAt)) setting.set(text(rows[r][0]), { value: rows[r][1] ?? null, row: r });
  const sectionsAt = findTable(rows, SECTION_HEADER, indicatorsAt + 1);
  if (sectionsAt < 0) errors.push(`工作表「${grid.name}」中找不到板块表（${SECTION_HEADER.join('、')}）`);
  const sections: Section[] = [];
  for (const r of sectionsAt < 0 ? [] : tableRows(rows, sectionsAt)) {
    at(r, () => {
      const total = number(rows[r][3], '板块满分');
      if (total < 0) throw new RowError(`板块满分不能为负数：${total}`);
      sections.push({ code: text(rows[r][0]), zh: text(rows[r][1]), en: text(rows[r][2]) || text(rows[r][1]), total });
    });
  }
  const bucketsAt = findTable(rows, BUCKET_HEADER, indicatorsAt + 1);
  const buckets: Omit<Bucket, 'items'>[] = [];
  for (const r of bucketsAt < 0 ? [] : tableRows(rows, bucketsAt)) {
    at(r, () => buckets.push({ code: text(rows[r][0]), zh: text(rows[r][1]), en: text(rows[r][2]) || text(rows[r][1]), section: text(rows[r][3]), cap: number(rows[r][4], '封顶') }));
  }

  const indicators: Indicator[] = [];
  const members = new Map<string, string[]>();
  for (const r of tableRows(rows, indicatorsAt)) {
    const cell = (h: (typeof INDICATOR_HEADER)[number]) => (columns.has(h) ? (rows[r][columns.get(h)!] ?? null) : null);
    at(r, () => {
      const code = text(cell('代码'));
      if (!code) throw new RowError('「代码」未填写');
      if (indicators.some((i) => i.code === code)) throw new RowError(`指标代码「${code}」重复`);
      const max = number(cell('满分'), '满分');
      if (max < 0) throw new RowError(`指标${code}的满分不能为负数：${max}`);
      const section = text(cell('板块'));
      if (!sections.some((s) => s.code === section)) throw new RowError(`指标${code}的板块「${section}」不在板块表中`);
      const ruleText = text(cell('规则类型'));
      const kind = KIND_OF_RULE.get(ruleText);
      if (!kind) throw new RowError(`指标${code}的规则类型「${ruleText}」未知，可用：${Object.values(RULE_TYPES).join('、')}`);
      const scoring = parseScoring(kind, cell);
      const measure = kind === 'subTargets' && scoring.kind === 'subTargets' ? scoring.targets[0].measure : parseMeasure(text(cell('计量方式')), text(cell('计量')));
      const appliesTo = text(cell('适用类型')).split(/[、,，;；/\s]+/).filter(Boolean);
      const unknown = appliesTo.filter((t) => !unitTypes.includes(t));
      if (unknown.length) throw new RowError(`指标${code}的适用类型${unknown.map((t) => `「${t}」`).join('、')}不是本细则的单位类型（${unitTypes.join('、')}）`);
      const ind: Indicator = { code, section, zh: text(cell('指标名称')), en: text(cell('英文名称')) || text(cell('指标名称')), max, measure, scoring };
      if (appliesTo.length) ind.appliesTo = appliesTo;
      const fromMonth = text(cell('自某月起考核'));
      if (fromMonth === '是') ind.assessedFromMonth = true;
      else if (fromMonth !== '' && fromMonth !== '否') throw new RowError(`「自某月起考核」应填是或否，读到「${fromMonth}」`);
      const bucket = text(cell('封顶组'));
      if (bucket) {
        if (!buckets.some((b) => b.code === bucket)) throw new RowError(`指标${code}的封顶组「${bucket}」不在封顶组表中`);
        members.set(bucket, [...(members.get(bucket) ?? []), code]);
      }
      indicators.push(ind);
    });
  }
  const fullBuckets: Bucket[] = buckets.map((b) => ({ ...b, items: members.get(b.code) ?? [] }));
  if (!errors.length) declared.checkUse(indicators);

  // The maxes must add up: per section (a capped group counts as its cap) and to the stated total.
  if (!errors.length) {
    // Per unit type: E4a (社区) and E4b (村) are alternatives, each counted for its own type.
    const typesInUse = unitTypes.filter((t) => indicators.some((i) => i.appliesTo?.includes(t)));
    for (const sec of sections) {
      for (const type of typesInUse.length ? typesInUse : [null]) {
        const applies = (i: Indicator) => i.section === sec.code && (i.appliesTo === undefined || type === null || i.appliesTo.includes(type));
        const inSection = indicators.filter((i) => applies(i) && !fullBuckets.some((b) => b.items.includes(i.code)));
        const sum = inSection.reduce((n, i) => n + i.max, 0) + fullBuckets.filter((b) => b.section === sec.code).reduce((n, b) => n + b.cap, 0);
        if (Math.abs(sum - sec.total) > 1e-9) {
          errors.push(`${where(sectionsAt)}：板块${sec.code}「${sec.zh}」的指标满分合计${sum}${type ? `（${type}）` : ''}，与板块满分${sec.total}不符`);
          break;
        }
      }
    }
    const total = titleMatch ? Number(titleMatch[3]) : sections.reduce((n, s) => n + s.total, 0);
    const sectionSum = sections.reduce((n, s) => n + s.total, 0);
    if (Math.abs(sectionSum - total) > 1e-9) errors.push(`${where(0)}：各板块满分合计${sectionSum}，与总分${total}不符`);
  }

  const settingValue = <T>(key: keyof typeof SETTINGS, parse: (v: CellValue) => T, fallback: T): T => {
    const s = setting.get(SETTINGS[key].name);
    if (!s) return fallback;
    try {
      return parse(s.value);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      errors.push(`${where(s.row)}：${e.message}`);
      return fallback;
    }
  };
  const yesNo = (v: CellValue) => {
    const t = text(v);
    if (t !== '是' && t !== '否') throw new RowError(`应填是或否，读到「${t}」`);
    return t === '是';
  };
  const step = (v: CellValue): 'linear' | 'ceil' => {
    const t = text(v);
    if (t !== '线性' && t !== '取整') throw new RowError(`扣分步长应为线性或取整，读到「${t}」`);
    return t === '线性' ? 'linear' : 'ceil';
  };
  const ruleSet: RuleSet = {
    id: titleMatch?.[2] ?? grid.name,
    zh: titleMatch?.[1] ?? title ?? grid.name,
    en: text(rows[0]?.[1]) || (titleMatch?.[1] ?? grid.name),
    total: titleMatch ? Number(titleMatch[3]) : sections.reduce((n, s) => n + s.total, 0),
    sections,
    indicators,
    buckets: fullBuckets,
    fields: declared.fields.fields(),
    unitTypes: declared.unitTypes,
    scoring: {
      deductionStep: settingValue('deductionStep', step, 'linear'),
      emptyBaseCountsAsMet: settingValue('emptyBaseCountsAsMet', yesNo, true),
      provinceAveragesFrom: 'params-or-columns',
      assessedFromMonth: settingValue('assessedFromMonth', (v) => number(v, '起始月'), 1),
    },
    ranking: {
      rankScope: 'district',
      eliminationBottomN: settingValue('eliminationBottomN', (v) => number(v, '末位淘汰名额'), 3),
      eliminationThreshold: settingValue('eliminationThreshold', (v) => number(v, '末位淘汰分数线'), 95),
      annualDecimals: settingValue('annualDecimals', (v) => number(v, '小数位'), 2),
    },
  };
  return errors.length ? { ok: false, errors } : { ok: true, ruleSet };
}
