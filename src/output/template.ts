/**
 * A blank ledger to fill (issue 12, item 4): for a rule set, a unit list, a year and a layout, the
 * sheets of a 台账模板 as plain data — cells, which cells are inputs and how Excel checks them (data
 * validation with a Chinese input message and error alert), which are locked, frozen panes, filters.
 * `hs-score template` turns it into an .xlsx (src/output/template/workbook.ts), the task pane writes
 * it into the open workbook (taskpane/excelGateway.ts `writeTemplateSheets`). Pure: no file access,
 * no exceljs, no Office.
 *
 * The ledger holds only what the rule set reads: one column per input field its indicators need,
 * headed by the field's canonical name with its unit (`劳动力总数（人）`, `电话抽查信息准确率（%）`,
 * `年度业务培训达标（是/否）`), so the filled template maps every column at confidence 1 and asks
 * nothing. A cell whose unit-month the field is not scored for (a 社区-only field on a 村's row, an
 * indicator assessed from April in January) is locked and shaded. Province averages go on 参数, the
 * unit list (type, 所属乡镇, 小组, 认定层级, 年初创建单位) and the year-end 带动奖励 on 单位信息, which the
 * reader takes as the per-unit sheet.
 */
import { countsByType } from '../names';
import { blankIsZero, unitByName, type FieldDef, type UnitType } from '../fields';
import type { MergedRange } from '../ledger/types';
import { columnLetter } from '../read/address';
import { indicatorFields } from '../engine/compile';
import { rubricSheetRows, RUBRIC_SHEET } from '../rules/rubricSheet';
import type { Indicator, RuleSet } from '../rules/vocabulary';
import type { TemplateUnit, UnitDetailKey } from './template/units';

export { readUnitList, UnitListError, type TemplateUnit, type UnitList, type UnitDetailKey } from './template/units';

export type TemplateLayout = '单表' | '按月分表';
export const TEMPLATE_LAYOUTS: readonly TemplateLayout[] = ['单表', '按月分表'];

/** A cell of a template sheet. */
export type TemplateCell = string | number | null;

/** 0-based inclusive box of cells. */
export type Box = MergedRange;

/** How Excel checks an input cell. */
export type ValidationRule =
  | { kind: 'whole'; min: number }
  | { kind: 'decimal'; min: number; max?: number }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'textLength'; max: number };

export interface InputValidation {
  rule: ValidationRule;
  /** Excel's input message: a title of at most 32 characters and a text of at most 255. */
  promptTitle: string;
  prompt: string;
  /** Excel's error alert (stop): a title of at most 32 characters and a text of at most 225. */
  errorTitle: string;
  error: string;
}

/** Cells the analyst fills: unlocked, checked, formatted. */
export interface TemplateInput {
  boxes: Box[];
  validation: InputValidation;
  numberFormat: string | null;
}

export interface TemplateSheet {
  name: string;
  /** Row-major cells, title and header rows included. */
  cells: TemplateCell[][];
  /** Column widths in Excel character units. */
  columnWidths: number[];
  /** 0-based rows shown as a title (bold, larger). */
  titleRows: number[];
  /** 0-based header rows (bold, filled, wrapped). */
  headerRows: number[];
  /** Rows and columns frozen at the top left. */
  frozen: { rows: number; columns: number };
  inputs: TemplateInput[];
  /** Locked cells shaded: the prefilled identity cells, and the cells of fields not scored there. */
  fills: { boxes: Box[]; color: string }[];
  /** Number formats of locked cells (月份 shown as 1月). */
  numberFormats: { boxes: Box[]; format: string }[];
  /** Header and data rows, with Excel's filter buttons. */
  autoFilter: Box | null;
  /** Protected without a password: header and identity cells cannot be overwritten, nobody is locked out. */
  protect: boolean;
  /** Text wraps in every column (the instructions sheet). */
  wrapText?: boolean;
}

/**
 * What a protected template sheet still allows (Excel's names as exceljs spells them): selecting
 * any cell, formatting columns and rows (widths, heights), sorting and filtering.
 */
export const TEMPLATE_PROTECTION = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  sort: true,
  autoFilter: true,
} as const;

export const TEMPLATE_COLORS = {
  header: '#DDEBF7',
  /** Prefilled, locked identity cells. */
  identity: '#F2F2F2',
  /** A field not scored for that unit-month: nothing to fill. */
  notScored: '#BFBFBF',
} as const;

export const LEDGER_SHEET = '台账';
export const PARAMS_SHEET = '参数';
export const UNITS_SHEET = '单位信息';
export const GUIDE_SHEET = '填写说明';
export const monthSheetName = (month: number) => `${month}月`;
export const MONTH_FORMAT = '0"月"';

export interface TemplateOptions {
  ruleSet: RuleSet;
  units: readonly TemplateUnit[];
  /** The per-unit columns the unit list gave (prefilled and locked); the others are left to fill. */
  details?: ReadonlySet<UnitDetailKey>;
  year: number;
  layout: TemplateLayout;
  /** Add the rule set as a 评分细则 sheet (a bureau's own rubric), so the filled workbook scores by it. */
  includeRubric?: boolean;
}

export interface TemplatePlan {
  sheets: TemplateSheet[];
  /** The ledger's input fields and the 参数 sheet's, in sheet order. */
  fields: TemplateField[];
  params: TemplateField[];
  /** The sheets that hold the ledger (台账, or 1月 … 12月). */
  ledgerSheets: string[];
}

/* ---------- Fields ---------- */

export interface TemplateField {
  def: FieldDef;
  /** The column header: canonical name and unit. */
  header: string;
  /** The indicators that read the field. */
  indicators: Indicator[];
}

/** The unit a field's header carries: 人, 户, 元, %, 是/否, 分 …; null for a figure with none. */
export function fieldUnit(def: FieldDef): string | null {
  if (def.kind === 'rate') return '%';
  if (def.kind === 'flag') return '是/否';
  if (def.kind === 'points') return '分';
  if (def.kind === 'amount') return '元';
  return def.unit ?? unitByName(def.zh);
}

/** The header a template writes for a field: `劳动力总数（人）`. */
export function fieldHeader(def: FieldDef): string {
  const unit = fieldUnit(def);
  return unit ? `${def.zh}（${unit}）` : def.zh;
}

/** Whether an indicator is scored for a unit-month of this type (as src/ledger/build.ts decides). */
function scoredFor(ind: Indicator, type: UnitType, month: number, ruleSet: RuleSet): boolean {
  if (ind.assessedFromMonth && month < ruleSet.scoring.assessedFromMonth) return false;
  return ind.appliesTo === undefined || ind.appliesTo.includes(type);
}

/** The input fields a rule set reads, in the ledger's order, each with the indicators reading it. */
export function templateFields(ruleSet: RuleSet): { fields: TemplateField[]; params: TemplateField[] } {
  const usage = new Map<string, Indicator[]>();
  for (const ind of ruleSet.indicators) {
    for (const key of indicatorFields(ind)) usage.set(key, [...(usage.get(key) ?? []), ind]);
  }
  const all = ruleSet.fields.filter((d) => usage.has(d.key)).map((def) => ({ def, header: fieldHeader(def), indicators: usage.get(def.key)! }));
  return { fields: all.filter((f) => !f.def.param), params: all.filter((f) => f.def.param) };
}

function isScored(field: TemplateField, type: UnitType, month: number, ruleSet: RuleSet): boolean {
  return field.indicators.some((ind) => scoredFor(ind, type, month, ruleSet));
}

/* ---------- Input messages ---------- */

const clip = (text: string, most: number) => (Array.from(text).length <= most ? text : `${Array.from(text).slice(0, most - 1).join('')}…`);

/** The answers a yes/no field's list offers: 是, 否 and its "nothing to assess" answers. */
export function flagAnswers(def: FieldDef): string[] {
  return ['是', '否', ...(def.notApplicable ?? [])];
}

function whenScored(field: TemplateField, ruleSet: RuleSet): string {
  const everyType = field.indicators.some((i) => i.appliesTo === undefined);
  const types = new Set(field.indicators.flatMap((i) => i.appliesTo ?? []));
  const only = everyType || types.size >= ruleSet.unitTypes.length ? '' : `仅${[...types].join('、')}填写。`;
  const fromMonth = field.indicators.every((i) => i.assessedFromMonth) ? `${ruleSet.scoring.assessedFromMonth}月起考核。` : '';
  return only + fromMonth;
}

/** The rule, input message and error alert of a field's cells. */
export function fieldValidation(field: TemplateField, ruleSet: RuleSet): InputValidation {
  const { def } = field;
  const unit = fieldUnit(def);
  const whose = def.param ? '全省当月的' : '本单位当月的';
  const used = `用于：${field.indicators.map((i) => `${i.code} ${i.zh}`).join('、')}。`;
  let rule: ValidationRule;
  let how: string;
  let error: string;
  switch (def.kind) {
    case 'count':
      rule = { kind: 'whole', min: 0 };
      how = blankIsZero(def) ? `填0或正整数${unit ? `（${unit}）` : ''}，没有就填0。` : `必填，填0或正整数${unit ? `（${unit}）` : ''}。`;
      error = `「${def.zh}」应为不小于0的整数${unit ? `（${unit}）` : ''}。`;
      break;
    case 'size':
      rule = { kind: 'whole', min: 1 };
      how = `必填，填大于0的整数${unit ? `（${unit}）` : ''}。`;
      error = `「${def.zh}」应为大于0的整数${unit ? `（${unit}）` : ''}，不能为0。`;
      break;
    case 'rate':
      rule = { kind: 'decimal', min: 0, max: 1 };
      how = '必填，填0%～100%的百分比，如 95%。';
      error = `「${def.zh}」应为0%到100%之间的百分比，如 95%。`;
      break;
    case 'flag': {
      const answers = flagAnswers(def);
      rule = { kind: 'list', items: answers };
      const na = def.notApplicable?.length ? `「${def.notApplicable[0]}」等表示无须考核，按达标计。` : '';
      how = `从下拉列表选择：${answers.join('、')}。${na}`;
      error = `「${def.zh}」请从下拉列表中选择：${answers.join('、')}。`;
      break;
    }
    case 'points':
      rule = { kind: 'decimal', min: 0 };
      how = blankIsZero(def) ? '填分数（不小于0），没有就填0。' : '必填，填分数（不小于0）。';
      error = `「${def.zh}」应为不小于0的分数。`;
      break;
    case 'amount':
      rule = { kind: 'decimal', min: 0 };
      how = blankIsZero(def) ? '填金额（元，不小于0），没有就填0。' : '必填，填金额（元，不小于0）。';
      error = `「${def.zh}」应为不小于0的金额（元）。`;
      break;
    case 'average':
      rule = { kind: 'decimal', min: 0 };
      how = '必填，填不小于0的数。';
      error = `「${def.zh}」应为不小于0的数。`;
      break;
    case 'text':
      rule = { kind: 'textLength', max: 255 };
      how = '填文字说明，不计分。';
      error = `「${def.zh}」不超过255个字。`;
      break;
  }
  return {
    rule,
    promptTitle: clip(def.zh, 32),
    prompt: clip(`${whose}${def.zh}。${how}${whenScored(field, ruleSet)}${used}`, 255),
    errorTitle: clip(`${def.zh}填写有误`, 32),
    error: clip(error, 225),
  };
}

const NUMBER_FORMAT: Readonly<Record<FieldDef['kind'], string | null>> = {
  count: '0', size: '0', rate: '0.0%', flag: null, points: null, average: null, amount: '0.00', text: null,
};

/* ---------- Sheets ---------- */

/** Runs of consecutive numbers: [3, 4, 5, 9] → [[3, 5], [9, 9]]. */
function runsOf(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

const column = (c: number, rows: readonly number[]): Box[] => runsOf(rows).map(([top, bottom]) => ({ top, bottom, left: c, right: c }));

interface IdentityColumn {
  header: string;
  width: number;
  value: (row: { unit: TemplateUnit; month: number }) => TemplateCell;
  format?: string;
}

/**
 * One ledger sheet: a title row, the header, one row per unit-month given. The identity columns are
 * prefilled and locked; each field's cells are inputs where the field is scored, shaded elsewhere.
 */
function ledgerSheet(name: string, title: string, identity: readonly IdentityColumn[], rows: readonly { unit: TemplateUnit; month: number }[], fields: readonly TemplateField[], ruleSet: RuleSet): TemplateSheet {
  const first = 2; // title, header
  const last = first + rows.length - 1;
  const width = identity.length + fields.length;
  const cells: TemplateCell[][] = [[title], [...identity.map((c) => c.header), ...fields.map((f) => f.header)]];
  for (const row of rows) cells.push([...identity.map((c) => c.value(row)), ...fields.map(() => null)]);
  const inputs: TemplateInput[] = [];
  const notScored: Box[] = [];
  fields.forEach((field, k) => {
    const c = identity.length + k;
    const open: number[] = [];
    const shut: number[] = [];
    rows.forEach((row, i) => (isScored(field, row.unit.type, row.month, ruleSet) ? open : shut).push(first + i));
    if (open.length) inputs.push({ boxes: column(c, open), validation: fieldValidation(field, ruleSet), numberFormat: NUMBER_FORMAT[field.def.kind] });
    notScored.push(...column(c, shut));
  });
  const hasRows = rows.length > 0;
  return {
    name,
    cells,
    columnWidths: [...identity.map((c) => c.width), ...fields.map((f) => (f.def.kind === 'flag' ? 14 : 12))],
    titleRows: [0],
    headerRows: [1],
    frozen: { rows: first, columns: identity.length },
    inputs,
    fills: [
      ...(hasRows ? [{ boxes: [{ top: first, left: 0, bottom: last, right: identity.length - 1 }], color: TEMPLATE_COLORS.identity }] : []),
      ...(notScored.length ? [{ boxes: notScored, color: TEMPLATE_COLORS.notScored }] : []),
    ],
    numberFormats: identity.flatMap((c, k) => (c.format && hasRows ? [{ boxes: [{ top: first, left: k, bottom: last, right: k }], format: c.format }] : [])),
    autoFilter: { top: 1, left: 0, bottom: Math.max(1, last), right: width - 1 },
    protect: true,
  };
}

const NAME_COLUMN: IdentityColumn = { header: '单位名称', width: 16, value: ({ unit }) => unit.name };
const TYPE_COLUMN: IdentityColumn = { header: '类型', width: 7, value: ({ unit }) => unit.type };
const MONTH_COLUMN: IdentityColumn = { header: '月份', width: 7, value: ({ month }) => month, format: MONTH_FORMAT };

const MONTHS = Array.from({ length: 12 }, (_, k) => k + 1);

function paramsSheet(params: readonly TemplateField[], ruleSet: RuleSet): TemplateSheet {
  const cells: TemplateCell[][] = [['月份', ...params.map((p) => p.header)], ...MONTHS.map((m) => [m, ...params.map(() => null)])];
  const rows = MONTHS.map((m) => m); // sheet rows 1…12 hold months 1…12
  return {
    name: PARAMS_SHEET,
    cells,
    columnWidths: [7, ...params.map(() => 18)],
    titleRows: [],
    headerRows: [0],
    frozen: { rows: 1, columns: 1 },
    inputs: params.map((p, k) => ({ boxes: column(k + 1, rows), validation: fieldValidation(p, ruleSet), numberFormat: NUMBER_FORMAT[p.def.kind] })),
    fills: [{ boxes: [{ top: 1, left: 0, bottom: 12, right: 0 }], color: TEMPLATE_COLORS.identity }],
    numberFormats: [{ boxes: [{ top: 1, left: 0, bottom: 12, right: 0 }], format: MONTH_FORMAT }],
    autoFilter: null,
    protect: true,
  };
}

interface UnitColumn {
  header: string;
  width: number;
  value: (u: TemplateUnit) => TemplateCell;
  /** A detail the list may give; when it does not, the column is left to fill with this check. */
  detail?: UnitDetailKey;
  input?: InputValidation;
  numberFormat?: string;
}

const textInput = (title: string, prompt: string, max = 50): InputValidation => ({
  rule: { kind: 'textLength', max },
  promptTitle: title,
  prompt,
  errorTitle: `${title}太长`,
  error: `「${title}」最多${max}个字。`,
});

const UNIT_COLUMNS: readonly UnitColumn[] = [
  { header: '单位名称', width: 16, value: (u) => u.name },
  { header: '类型', width: 7, value: (u) => u.type },
  { header: '所属乡镇', width: 12, detail: 'town', value: (u) => u.town, input: textInput('所属乡镇', '本单位所属的乡镇（街道）。') },
  { header: '老带新小组', width: 12, detail: 'group', value: (u) => u.group, input: textInput('老带新小组', '本单位所在的老带新小组，如「第一组」；同组单位写法一致。末位淘汰的单位所在小组连带扣减。') },
  { header: '认定层级', width: 10, detail: 'level', value: (u) => u.level, input: textInput('认定层级', '本单位的认定层级：国家级、省级、市级、区级，没有填「无」。决定年终补贴。', 20) },
  {
    header: '年初创建单位', width: 12, detail: 'founding', value: (u) => (u.founding === null ? null : u.founding ? '是' : '否'),
    input: {
      rule: { kind: 'list', items: ['是', '否'] }, promptTitle: '年初创建单位', prompt: '本单位是否为年初确定的创建单位（享受启动资金）：从下拉列表选择是或否。',
      errorTitle: '年初创建单位填写有误', error: '「年初创建单位」请从下拉列表中选择：是、否。',
    },
  },
  {
    header: '带动奖励（元）', width: 14, value: () => null, numberFormat: '#,##0',
    input: {
      rule: { kind: 'decimal', min: 0 }, promptTitle: '带动奖励', prompt: '年终时填写本单位的带动奖励金额（元），没有就不填。计入年终补贴。',
      errorTitle: '带动奖励填写有误', error: '「带动奖励」应为不小于0的金额（元）。',
    },
  },
  { header: '奖励说明', width: 30, value: () => null, input: textInput('奖励说明', '带动奖励的理由，年终时填写。', 255) },
];

function unitsSheet(units: readonly TemplateUnit[], details: ReadonlySet<UnitDetailKey>): TemplateSheet {
  const first = 1;
  const last = first + units.length - 1;
  const rows = units.map((_, i) => first + i);
  const cells: TemplateCell[][] = [UNIT_COLUMNS.map((c) => c.header), ...units.map((u) => UNIT_COLUMNS.map((c) => c.value(u)))];
  const open = UNIT_COLUMNS.map((c, k) => ({ c, k })).filter(({ c }) => c.input && !(c.detail && details.has(c.detail)));
  const locked = UNIT_COLUMNS.map((c, k) => ({ c, k })).filter(({ c }) => !open.some((o) => o.c === c));
  return {
    name: UNITS_SHEET,
    cells,
    columnWidths: UNIT_COLUMNS.map((c) => c.width),
    titleRows: [],
    headerRows: [0],
    frozen: { rows: 1, columns: 1 },
    inputs: open.map(({ c, k }) => ({ boxes: column(k, rows), validation: c.input!, numberFormat: c.numberFormat ?? null })),
    fills: [{ boxes: locked.map(({ k }) => ({ top: first, left: k, bottom: last, right: k })), color: TEMPLATE_COLORS.identity }],
    numberFormats: [],
    autoFilter: { top: 0, left: 0, bottom: last, right: UNIT_COLUMNS.length - 1 },
    protect: true,
  };
}

function guideSheet(o: TemplateOptions, fields: readonly TemplateField[], params: readonly TemplateField[], ledgerSheets: readonly string[]): TemplateSheet {
  const where = o.layout === '单表'
    ? `「${LEDGER_SHEET}」表：每个单位12行（1月至12月），单位名称、类型、月份已填好。`
    : `「${ledgerSheets[0]}」至「${ledgerSheets[ledgerSheets.length - 1]}」表：每月一张表，每个单位一行，单位名称、类型已填好。`;
  const lines = [
    `${o.year}年充分就业社区(村)考核台账（填写说明）`,
    '',
    `本模板按「${o.ruleSet.zh}」生成：${o.units.length}个单位（${countsByType(o.ruleSet.unitTypes.map((t) => t.name), o.units.map((u) => u.type)).replace(/ /g, '')}），每月填报${fields.length}项。`,
    `一、填写位置：${where}`,
    '二、只填白色单元格。浅灰色的单位名称、类型、月份已预先填好，不能修改；深灰色单元格是该类型单位或该月份不考核的项目，不用填。',
    '三、选中单元格时会提示该项填什么、用于哪项指标。人数、条数等填整数（没有填0）；比率填百分比，如 95%；是否类的项目从下拉列表选择。填错时 Excel 会提示并拒绝。',
    params.length
      ? `四、「${PARAMS_SHEET}」表：每月的全省平均值（${params.map((p) => p.def.zh).join('、')}），由区人社局统一填写，各单位不填。`
      : `四、「${PARAMS_SHEET}」表：本细则不需要全省平均值，此表只列月份。`,
    `五、「${UNITS_SHEET}」表：单位信息；带动奖励和奖励说明在年终填写。`,
    '六、各表已设保护（没有密码），只为防止误改表头和单位。如确需修改，在「审阅」选项卡点「撤消工作表保护」即可，不需要密码。可以调整列宽、排序和筛选。',
    `七、填好后，在 Excel 加载项中点「计算得分」，或运行 hs-score score <本文件> 评分。${o.includeRubric ? `评分细则见「${RUBRIC_SHEET}」表。` : ''}`,
  ];
  return {
    name: GUIDE_SHEET,
    cells: lines.map((l) => [l]),
    columnWidths: [100],
    titleRows: [0],
    headerRows: [],
    frozen: { rows: 0, columns: 0 },
    inputs: [],
    fills: [],
    numberFormats: [],
    autoFilter: null,
    protect: true,
    wrapText: true,
  };
}

function rubricSheet(ruleSet: RuleSet): TemplateSheet {
  const cells = rubricSheetRows(ruleSet).map((row) => row.map((v): TemplateCell => (v === null || typeof v === 'number' || typeof v === 'string' ? v : String(v))));
  const width = Math.max(...cells.map((r) => r.length));
  return {
    name: RUBRIC_SHEET,
    cells,
    columnWidths: Array.from({ length: width }, (_, k) => (k === 6 || k === 12 ? 60 : k === 2 || k === 3 ? 24 : 12)),
    titleRows: [0],
    headerRows: [],
    frozen: { rows: 2, columns: 0 },
    inputs: [],
    fills: [],
    numberFormats: [],
    autoFilter: null,
    protect: true,
  };
}

/** The template's sheets: 填写说明, the ledger (台账, or 1月 … 12月), 参数, 单位信息 and, if asked, 评分细则. */
export function templatePlan(o: TemplateOptions): TemplatePlan {
  const { fields, params } = templateFields(o.ruleSet);
  const details = o.details ?? new Set<UnitDetailKey>(['town', 'group', 'level', 'founding']);
  const ledger: TemplateSheet[] = o.layout === '单表'
    ? [ledgerSheet(LEDGER_SHEET, `${o.year}年充分就业社区(村)考核台账`, [NAME_COLUMN, TYPE_COLUMN, MONTH_COLUMN], o.units.flatMap((unit) => MONTHS.map((month) => ({ unit, month }))), fields, o.ruleSet)]
    : MONTHS.map((month) => ledgerSheet(monthSheetName(month), `${o.year}年${month}月充分就业社区(村)考核台账`, [NAME_COLUMN, TYPE_COLUMN], o.units.map((unit) => ({ unit, month })), fields, o.ruleSet));
  const ledgerSheets = ledger.map((s) => s.name);
  const sheets = [guideSheet(o, fields, params, ledgerSheets), ...ledger, paramsSheet(params, o.ruleSet), unitsSheet(o.units, details)];
  if (o.includeRubric) sheets.push(rubricSheet(o.ruleSet));
  return { sheets, fields, params, ledgerSheets };
}

/** A box as an A1 range (`C3:C14`, or `C3` for one cell). */
export function boxAddress(box: Box): string {
  const at = (r: number, c: number) => `${columnLetter(c)}${r + 1}`;
  return box.top === box.bottom && box.left === box.right ? at(box.top, box.left) : `${at(box.top, box.left)}:${at(box.bottom, box.right)}`;
}
