/**
 * The task pane's output sheets as SheetPlans: 月度得分, 年度汇总 and 问题清单 after scoring, and 补贴测算
 * from the year-end subsidy wizard. With mode 'formulas' the scores are live =HS.* formulas over the
 * ledger's cells (editing the ledger rescores); with 'values' they are plain numbers, for colleagues
 * without the add-in. Both come from the same ScoreResult and the same column layout.
 */
import { reportedItems } from '../engine/compile';
import { PARAM_FIELDS } from '../fields';
import type { RawLedger, RawRow } from '../ledger/types';
import { readMonth, readText } from '../ledger/cells';
import { columnLetter, quoteSheetName } from '../read/address';
import { targetName } from '../read/columnMatch';
import type { SubsidyPolicy } from '../policy/types';
import type { ScoreResult, UnitResult } from '../result';
import type { RuleSet } from '../rules/vocabulary';
import type { PlanValue, SheetPlan } from './sheetPlan';
import { annualSheet, issuesSheet, monthlySheet, type SheetTable } from './sheets';
import { columnWidth, internalLink, NUM_FMT, parseCellAddress } from './tableLayout';

/** The add-in's hidden sheet: the analyst's column mapping as a header row, and typed-in province averages. */
export const MAPPING_SHEET = '评分映射';
export const SUBSIDY_SHEET = '补贴测算';

export type OutputMode = 'formulas' | 'values';

/** Where live formulas find the province averages. */
export type ParamsSource =
  | { kind: 'sheet'; sheet: string; rows: number; columns: number }
  | { kind: 'typed'; values: Readonly<Record<string, number>> }
  | { kind: 'none' };

export interface ScorePlanOptions {
  mode: OutputMode;
  ruleSet: RuleSet;
  ledger: RawLedger;
  /** Columns of the ledger sheet (from A), so the formulas' rows are as wide as the mapping row. */
  ledgerWidth: number;
  params: ParamsSource;
  /** Sheets of the workbook a 问题清单 cell can link to. */
  sheetNames: readonly string[];
  policy: SubsidyPolicy;
}

const ref = (sheet: string, a1: string) => `${quoteSheetName(sheet)}!${a1}`;
const abs = (col0: number, row1: number) => `$${columnLetter(col0)}$${row1}`;
const formulaText = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A SheetTable as a plan: header row, rows, its number formats and widths. */
export function tablePlan(table: SheetTable, extra: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name: table.name,
    cells: [table.columns.map((c) => c.header), ...table.rows],
    headerRows: 1,
    numberFormats: table.columns.map((c) => NUM_FMT[c.kind] ?? null),
    columnWidths: table.columns.map((_, k) => columnWidth(table, k)),
    boldRows: table.totalRow === undefined ? [] : [table.totalRow + 1],
    conditionalFills: [],
    printFitToWidth: false,
    hidden: false,
    ...extra,
  };
}

/** 问题清单's 单元格 column as links that select the cell, where the cell's sheet is in the workbook. */
function withLinks(table: SheetTable, sheetNames: readonly string[]): SheetTable {
  const k = table.columns.findIndex((c) => c.kind === 'cell');
  if (k < 0) return table;
  const rows = table.rows.map((row) => {
    const v = row[k];
    const target = typeof v === 'string' ? parseCellAddress(v) : null;
    if (!target || !sheetNames.includes(target.sheet)) return row;
    const copy = [...row];
    copy[k] = `=HYPERLINK(${formulaText(internalLink(target.sheet, target.cell))},${formulaText(String(v))})`;
    return copy;
  });
  return { ...table, rows };
}

/** 年度汇总's fills: eliminated units red, units of a flagged group amber (TRUE from live formulas, 是 from values). */
function annualFills(table: SheetTable, lastRow: number): SheetPlan['conditionalFills'] {
  const col = (header: string) => columnLetter(table.columns.findIndex((c) => c.header === header));
  const width = columnLetter(table.columns.length - 1);
  const range = `A2:${width}${lastRow}`;
  const yes = (c: string) => `=OR($${c}2=TRUE,$${c}2="是")`;
  return [
    { range, formula: yes(col('末位淘汰')), fill: '#F8CBAD', fontColor: '#9C0006' },
    { range, formula: yes(col('小组连带')), fill: '#FFE699' },
  ];
}

/**
 * The chart of annual scores with the 95-point line: its data sits in a small labelled block to the
 * right of the table (a chart takes one contiguous range; 单位名称 and 年度得分 are not adjacent).
 */
function withChart(plan: SheetPlan, result: ScoreResult, ruleSet: RuleSet, scoreColumn: number): SheetPlan {
  const units = result.units;
  const first = plan.cells[0].length + 1;
  const line = ruleSet.ranking.eliminationThreshold;
  const cells = plan.cells.map((row) => [...row]);
  const put = (r: number, values: PlanValue[]) => {
    while (cells.length <= r) cells.push([]);
    const row = cells[r];
    while (row.length < first) row.push(null);
    row.splice(first, values.length, ...values);
  };
  put(0, ['图表数据：单位', '年度得分', `${line}分线`]);
  units.forEach((u, i) => put(i + 1, [u.unit, `=${columnLetter(scoreColumn)}${i + 2}`, line]));
  const from = columnLetter(first);
  const to = columnLetter(first + 2);
  const scores = units.map((u) => u.annual).filter((a): a is number => a !== null);
  return {
    ...plan,
    cells,
    numberFormats: [...plan.numberFormats, null, null, '0.00', '0'],
    columnWidths: [...plan.columnWidths, 2, 14, 10, 8],
    chart: {
      title: `年度得分（红线为${line}分）`,
      data: `${from}1:${to}${units.length + 1}`,
      from: `${from}${units.length + 3}`,
      to: `${columnLetter(first + 12)}${units.length + 25}`,
      lineSeries: 1,
      valueAxisMin: Math.max(0, Math.floor(Math.min(line, ...scores) / 5) * 5 - 5),
    },
  };
}

/* ---------- Live formulas ---------- */

interface LiveLayout {
  headerRow: string;
  params: string | null;
  ledgerRow: (row: RawRow) => string;
}

/** The hidden mapping sheet: row 1 names each ledger column's field as the analyst mapped it; typed averages below. */
function mappingPlan(options: ScorePlanOptions): { plan: SheetPlan; layout: LiveLayout } {
  const { ledger, ledgerWidth } = options;
  const header: PlanValue[] = new Array(ledgerWidth).fill(null);
  for (const c of ledger.mapping.columns) if (c.target && c.column < ledgerWidth) header[c.column] = targetName(c.target);
  const cells: PlanValue[][] = [header];
  let params: string | null = null;
  if (options.params.kind === 'sheet') {
    params = ref(options.params.sheet, `$A$1:${abs(options.params.columns - 1, options.params.rows)}`);
  } else if (options.params.kind === 'typed') {
    const typed = options.params.values;
    const fields = PARAM_FIELDS.filter((f) => typed[f.key] !== undefined);
    cells.push([], ['月份', ...fields.map((f) => f.zh)]);
    for (let m = 1; m <= 12; m++) cells.push([m, ...fields.map((f) => typed[f.key])]);
    params = ref(MAPPING_SHEET, `$A$3:${abs(fields.length, 15)}`);
  }
  const last = columnLetter(ledgerWidth - 1);
  return {
    plan: {
      name: MAPPING_SHEET, cells, headerRows: 0, numberFormats: [], columnWidths: [], boldRows: [],
      conditionalFills: [], printFitToWidth: false, hidden: true,
    },
    layout: {
      headerRow: ref(MAPPING_SHEET, `$A$1:$${last}$1`),
      params,
      ledgerRow: (row) => ref(ledger.sheet, `$A${row.row}:$${last}${row.row}`),
    },
  };
}

/** Ledger rows in unit order (first appearance), months ascending: each unit's months are then one range. */
function rowsByUnit(ledger: RawLedger): { unit: string | null; month: number | null; row: RawRow }[] {
  const order = new Map<string, number>();
  const rows = ledger.rows.map((row) => {
    const unit = readText(row.attributes.unit?.value);
    const m = readMonth(row.attributes.month?.value ?? null);
    if (unit !== null && !order.has(unit)) order.set(unit, order.size);
    return { unit, month: m.ok ? m.month : null, row };
  });
  const rank = (u: string | null) => (u === null ? Infinity : order.get(u)!);
  return rows.sort((a, b) => rank(a.unit) - rank(b.unit) || (a.month ?? 99) - (b.month ?? 99) || a.row.row - b.row.row);
}

function liveMonthly(result: ScoreResult, options: ScorePlanOptions, layout: LiveLayout): { plan: SheetPlan; rangeOf: Map<string, string> } {
  const values = monthlySheet(result, options.ruleSet);
  const items = reportedItems(options.ruleSet);
  const totalColumn = 4 + items.length;
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  const params = layout.params ?? '';
  const rows: PlanValue[][] = [];
  const firstRow = new Map<string, number>();
  const lastRow = new Map<string, number>();
  for (const { unit, month, row } of rowsByUnit(options.ledger)) {
    const r = rows.length + 2;
    const info = unit === null ? undefined : byUnit.get(unit);
    const args = `${layout.headerRow},${layout.ledgerRow(row)},${params},$D${r},$B${r}`;
    rows.push([unit, info?.type ?? null, info?.group ?? null, month, `=HS.BREAKDOWN(${args})`, ...new Array(items.length - 1).fill(null), `=HS.MONTHSCORE(${args})`, null]);
    if (unit !== null) {
      if (!firstRow.has(unit)) firstRow.set(unit, r);
      lastRow.set(unit, r);
    }
  }
  const totals = columnLetter(totalColumn);
  const rangeOf = new Map([...firstRow].map(([unit, r]) => [unit, `月度得分!$${totals}$${r}:$${totals}$${lastRow.get(unit)}`]));
  // Each row's HS.BREAKDOWN at E spills across the other indicator columns.
  const spills = rows.length && items.length > 1 ? [`${columnLetter(5)}2:${columnLetter(3 + items.length)}${rows.length + 1}`] : [];
  return { plan: tablePlan({ ...values, rows }, { spills }), rangeOf };
}

function liveAnnual(result: ScoreResult, options: ScorePlanOptions, rangeOf: Map<string, string>): SheetPlan {
  const table = annualSheet(result);
  const col = (header: string) => table.columns.findIndex((c) => c.header === header);
  const L = (header: string) => columnLetter(col(header));
  const n = result.units.length;
  const all = (header: string) => `$${L(header)}$2:$${L(header)}$${n + 1}`;
  const policy = formulaText(options.policy.id);
  const subsidyCall = (part: string) =>
    `=HS.SUBSIDY(${all('单位名称')},${all('单位名称')},${all('年度得分')},${all('认定层级')},${all('小组')},${all('带动奖励')},${policy},${formulaText(part)})`;
  // The district-wide answers are one spilled formula per column in the first unit's row: one call
  // per column instead of one per unit (see src/formulas/districtFunctions.ts).
  const SPILLED = ['倒数排名', '末位淘汰', '小组连带', '层级补助', '小组扣减', '年终补贴合计', '说明'];
  const rows = table.rows.map((row, i) => {
    if (i === table.totalRow) {
      return row.map((v, k) => (typeof v === 'number' && k !== col('启动资金(不计入)') ? `=SUM(${columnLetter(k)}2:${columnLetter(k)}${n + 1})` : v));
    }
    const unit = result.units[i];
    const months = rangeOf.get(unit.unit);
    const copy = [...row];
    copy[col('计分月数')] = months ? `=COUNT(${months})` : 0;
    copy[col('年度得分')] = months ? `=IFERROR(HS.ANNUAL(IFERROR(${months},"")),"")` : null;
    for (const header of SPILLED) copy[col(header)] = null;
    if (i === 0) {
      copy[col('倒数排名')] = `=HS.BOTTOMRANK(${all('年度得分')},${all('年度得分')})`;
      copy[col('末位淘汰')] = `=HS.ELIMINATED(${all('年度得分')},${all('年度得分')})`;
      copy[col('小组连带')] = `=HS.GROUPFLAG(${all('小组')},${all('小组')},${all('末位淘汰')})`;
      copy[col('层级补助')] = subsidyCall('基础');
      copy[col('小组扣减')] = subsidyCall('扣减');
      copy[col('年终补贴合计')] = subsidyCall('合计');
      copy[col('说明')] = subsidyCall('说明');
    }
    return copy;
  });
  const spills = n > 1 ? SPILLED.map((header) => `${L(header)}3:${L(header)}${n + 1}`) : [];
  return tablePlan({ ...table, rows }, { spills });
}

/** 月度得分, 年度汇总 and 问题清单 (and, for live formulas, the hidden mapping sheet they read). */
export function scorePlans(result: ScoreResult, options: ScorePlanOptions): SheetPlan[] {
  const issues = tablePlan(withLinks(issuesSheet(result), options.sheetNames));
  const annualTable = annualSheet(result);
  const lastRow = result.units.length + 1;
  const scoreColumn = annualTable.columns.findIndex((c) => c.header === '年度得分');
  const decorate = (plan: SheetPlan) => withChart({ ...plan, conditionalFills: annualFills(annualTable, lastRow) }, result, options.ruleSet, scoreColumn);
  if (options.mode === 'values') {
    return [tablePlan(monthlySheet(result, options.ruleSet)), decorate(tablePlan(annualTable)), issues];
  }
  const mapping = mappingPlan(options);
  const monthly = liveMonthly(result, options, mapping.layout);
  return [mapping.plan, monthly.plan, decorate(liveAnnual(result, options, monthly.rangeOf)), issues];
}

/* ---------- 补贴测算 ---------- */

const SUBSIDY_COLUMNS = ['单位名称', '类型', '小组', '认定层级', '年度得分', '末位淘汰', '补贴档次', '基础补助', '小组扣减', '带动奖励', '年终合计', '说明'] as const;

/** 补贴测算: one line per unit with base, deduction, reward, total and how it was reached; a total line; printed landscape. */
export function subsidyPlan(result: ScoreResult, policy: SubsidyPolicy): SheetPlan {
  const row = (u: UnitResult): PlanValue[] => [
    u.unit, u.type, u.group, u.level, u.annual, u.eliminated ? '是' : '否', u.subsidy.tier,
    u.subsidy.base, u.subsidy.groupDeduction, u.subsidy.reward, u.subsidy.total, u.subsidy.explanation,
  ];
  const rows = result.units.map(row);
  const sum = (k: number) => rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  const total: PlanValue[] = ['合计', null, null, null, null, `${result.units.filter((u) => u.eliminated).length}个`, null, sum(7), sum(8), sum(9), sum(10), `${policy.zh}，共${result.units.length}个单位`];
  const table: SheetTable = {
    name: SUBSIDY_SHEET,
    columns: SUBSIDY_COLUMNS.map((header, k) => ({ header, kind: k === 4 ? 'points' : k >= 7 && k <= 10 ? 'yuan' : 'text' })),
    rows: [...rows, total],
    totalRow: rows.length,
  };
  return tablePlan(table, { printFitToWidth: true });
}
