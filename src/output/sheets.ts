/**
 * The three output sheets as plain rows: 月度得分 (one row per unit-month), 年度汇总 (one row per
 * unit plus a 合计 row) and 问题清单 (every error and warning with its cell). Pure data from a
 * ScoreResult, so the CLI's workbook writer and the task pane present the same table.
 */
import { reportedItems, type ReportedItem } from '../engine/compile';
import { formatYuan } from '../engine/subsidy';
import { PENDING, type IssueResult, type ScoreResult, type UnitResult } from '../result';
import { HESHAN_2024 } from '../rules/heshan2024';
import type { RuleSet } from '../rules/vocabulary';

export const MONTHLY_SHEET = '月度得分';
export const ANNUAL_SHEET = '年度汇总';
export const ISSUES_SHEET = '问题清单';
/** The sheets this product writes; everything else in a workbook belongs to the analyst. */
export const OUTPUT_SHEET_NAMES: readonly string[] = [MONTHLY_SHEET, ANNUAL_SHEET, ISSUES_SHEET];

/** A cell of an output sheet: text, a number, or empty. */
export type SheetValue = string | number | null;

/**
 * How a column is shown (number formats and widths are applied by the writer).
 * - text: plain text; points: 0.00; yuan: #,##0; integer: 0;
 * - cell: a sheet-qualified address (`台账!F17`) the writer may turn into a link.
 */
export type ColumnKind = 'text' | 'points' | 'yuan' | 'integer' | 'cell';

export interface SheetColumn {
  header: string;
  kind: ColumnKind;
}

export interface SheetTable {
  name: string;
  columns: SheetColumn[];
  rows: SheetValue[][];
  /** 0-based index of a closing 合计 row, if any (formatted bold by the writer). */
  totalRow?: number;
}

export interface OutputSheets {
  monthly: SheetTable;
  annual: SheetTable;
  issues: SheetTable;
}

const text = (header: string): SheetColumn => ({ header, kind: 'text' });
/** A verdict: 是, 否, or 待核实 (ruling R9) — never 否 for a verdict that is not known. */
export const verdict = (b: boolean | null): string => (b === null ? PENDING : b ? '是' : '否');
/** An amount, or 待核实 — never 0 or blank for one that is not known. */
export const amount = (n: number | null): SheetValue => n ?? PENDING;

/** `E1 登记失业人员就业率(5)`: code, name and the item's maximum points. */
export function indicatorHeader(item: Pick<ReportedItem, 'code' | 'zh' | 'max'>): string {
  return `${item.code} ${item.zh}(${item.max})`;
}

export function outputSheets(result: ScoreResult, ruleSet: RuleSet = HESHAN_2024, options: { rowsWhenRead?: boolean } = {}): OutputSheets {
  return { monthly: monthlySheet(result, ruleSet, options), annual: annualSheet(result), issues: issuesSheet(result) };
}

/**
 * 月度得分: 单位名称, 类型, 小组, 月份, every reported indicator in rubric order, 月度总分, 备注.
 * An indicator that does not apply to the unit's type (E4a for a 村) and one an error blocks are
 * both empty; 备注 names the blocked ones (their cells are in 问题清单) and ruling R2's notes.
 */
export function monthlySheet(result: ScoreResult, ruleSet: RuleSet = HESHAN_2024, options: { rowsWhenRead?: boolean } = {}): SheetTable {
  const items = reportedItems(ruleSet);
  const columns: SheetColumn[] = [
    text('单位名称'), text('类型'), text('小组'), { header: '月份', kind: 'integer' },
    ...items.map((item): SheetColumn => ({ header: indicatorHeader(item), kind: 'points' })),
    { header: `月度总分(${ruleSet.total})`, kind: 'points' },
    text('备注'),
  ];
  const unitOf: number[] = [];
  const monthOf: number[] = [];
  result.units.forEach((unit, u) => unit.months.forEach((_, k) => {
    unitOf.push(u);
    monthOf.push(k);
  }));
  const codes = items.map((item) => item.code);
  // Made once per unit-month as the writer reads it (a million of them): one array, filled in place.
  const row = (i: number): SheetValue[] => {
    const unit = result.units[unitOf[i]];
    const m = unit.months[monthOf[i]];
    const values: SheetValue[] = new Array<SheetValue>(codes.length + 6);
    values[0] = unit.unit;
    values[1] = unit.type;
    values[2] = unit.group;
    values[3] = m.month;
    let blocked: string[] | null = null;
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k];
      // Not applicable to this type: empty, and not blocked.
      const applies = code in m.indicators;
      const v = applies ? m.indicators[code] : null;
      if (applies && v === null) (blocked ??= []).push(code);
      values[4 + k] = v;
    }
    values[4 + codes.length] = m.total;
    const notes: string[] = [];
    if (blocked) notes.push(`${blocked.join('、')}有错误未能计分，见问题清单`);
    if (m.notes) for (const [code, note] of Object.entries(m.notes)) notes.push(`${code}：${note}`);
    values[5 + codes.length] = notes.length ? notes.join('；') : null;
    return values;
  };
  const rows = options.rowsWhenRead ? rowsWhenRead(unitOf.length, row) : unitOf.map((_, i) => row(i));
  return { name: MONTHLY_SHEET, columns, rows };
}

/**
 * A table's rows made when each is read, for a writer that streams them: Excel's million
 * unit-months as a million arrays would be half a gigabyte held for the whole write. Read-only.
 */
export function rowsWhenRead(length: number, row: (i: number) => SheetValue[]): SheetValue[][] {
  const index = (key: string | symbol): number => (typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : -1);
  return new Proxy<SheetValue[][]>([], {
    get: (target, key, receiver) => {
      if (key === 'length') return length;
      const i = index(key);
      return i >= 0 ? (i < length ? row(i) : undefined) : Reflect.get(target, key, receiver);
    },
    has: (target, key) => {
      const i = index(key);
      return i >= 0 ? i < length : Reflect.has(target, key);
    },
    set: () => false,
  });
}

/**
 * The unit's inputs first (带动奖励 among them), then what is worked out: with live formulas 补贴档次
 * to 说明 is one spilled HS.SUBSIDY, so those columns stay side by side.
 */
const ANNUAL_COLUMNS: readonly SheetColumn[] = [
  text('单位名称'), text('类型'), text('所属乡镇'), text('小组'), text('认定层级'),
  { header: '带动奖励', kind: 'yuan' },
  { header: '计分月数', kind: 'integer' },
  text('缺少月份'),
  { header: '年度得分', kind: 'points' },
  { header: '倒数排名', kind: 'integer' },
  text('末位淘汰'), text('小组连带'), text('补贴档次'),
  { header: '层级补助', kind: 'yuan' },
  { header: '小组扣减', kind: 'yuan' },
  { header: '年终补贴合计', kind: 'yuan' },
  text('说明'),
  { header: '启动资金(不计入)', kind: 'yuan' },
];

/** The money columns summed in the 合计 row. */
export const MONEY = ['带动奖励', '层级补助', '小组扣减', '年终补贴合计', '启动资金(不计入)'] as const;

/** 年度汇总's 认定 column, after 年度得分, in a rubric with a 认定分数线. */
export const RECOGNISED_COLUMN = '是否认定';

function annualRow(u: UnitResult, withRecognition: boolean): SheetValue[] {
  const s = u.subsidy;
  return [
    u.unit, u.type, u.town, u.group, u.level,
    amount(s.reward),
    u.scoredMonths,
    u.missingMonths.length ? u.missingMonths.map((m) => `${m}月`).join('、') : null,
    u.annual,
    ...(withRecognition ? [verdict(u.recognised ?? null)] : []),
    u.bottomRank,
    verdict(u.eliminated), verdict(u.groupFlagged),
    s.tier,
    amount(s.base), amount(s.groupDeduction), amount(s.total),
    s.explanation,
    s.startupFund,
  ];
}

/**
 * The 合计 row's words: how many units, eliminated and 待核实, and (withMoney) when the total is
 * 待核实 the part that is certain, labelled as such.
 */
export function totalNote(result: ScoreResult, withMoney = true): string {
  const { summary } = result;
  const pending = summary.undetermined.length ? `，${PENDING}${summary.undetermined.length}个` : '';
  const money = withMoney && summary.subsidyTotal === null ? `；年终补贴合计${PENDING}，已确定部分${formatYuan(summary.subsidyDeterminedTotal)}` : '';
  const recognised = result.recognition ? `，认定${result.recognition.recognised.length}个（${result.recognition.line}分以上）` : '';
  return `共${result.units.length}个单位${recognised}，末位淘汰${summary.eliminated.length}个${pending}${money}`;
}

/** A column's 合计: the sum, or 待核实 when any of its amounts is — a sum that leaves amounts out is not a total. */
export function columnTotal(rows: readonly SheetValue[][], k: number): SheetValue {
  if (rows.some((r) => r[k] === PENDING)) return PENDING;
  return rows.reduce((sum: number, r) => sum + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
}

/** 年度汇总: one row per unit in ledger order, then 合计 over the money columns. */
export function annualSheet(result: ScoreResult): SheetTable {
  const withRecognition = result.recognition !== undefined;
  const columns = [...ANNUAL_COLUMNS];
  if (withRecognition) columns.splice(columns.findIndex((c) => c.header === '年度得分') + 1, 0, text(RECOGNISED_COLUMN));
  const rows = result.units.map((u) => annualRow(u, withRecognition));
  const total: SheetValue[] = columns.map(() => null);
  total[0] = '合计';
  total[columns.findIndex((c) => c.header === '说明')] = totalNote(result);
  for (const header of MONEY) {
    const k = columns.findIndex((c) => c.header === header);
    total[k] = columnTotal(rows, k);
  }
  rows.push(total);
  return { name: ANNUAL_SHEET, columns, rows, totalRow: rows.length - 1 };
}

const issueRow = (level: '错误' | '提示') => (i: IssueResult): SheetValue[] => [level, i.unit, i.month, i.field, i.cell, i.message];

/** 问题清单: errors first, then warnings, each in the order the engine found them. */
export function issuesSheet(result: ScoreResult): SheetTable {
  return {
    name: ISSUES_SHEET,
    columns: [text('级别'), text('单位'), { header: '月份', kind: 'integer' }, text('字段'), { header: '单元格', kind: 'cell' }, text('说明')],
    rows: [...result.errors.map(issueRow('错误')), ...result.warnings.map(issueRow('提示'))],
  };
}
