/**
 * The task pane's output sheets as SheetPlans: 月度得分, 年度汇总 and 问题清单 after scoring, and 补贴测算
 * from the year-end subsidy wizard. With mode 'formulas' the scores are live =HS.* formulas over the
 * ledger's cells (editing the ledger rescores); with 'values' they are plain numbers, for colleagues
 * without the add-in. Both come from the same ScoreResult and the same column layout.
 */
import { reportedItems } from '../engine/compile';
import { fieldSet, MONTH_IDENTITY } from '../fields';
import type { CellValue, RawLedger, RawRow, SheetGrid, SheetMapping } from '../ledger/types';
import { readMonth, readText } from '../ledger/cells';
import { columnLetter, quoteSheetName } from '../read/address';
import { targetName } from '../read/columnMatch';
import { gridWidth } from '../read/sheetCells';
import type { SubsidyPolicy } from '../policy/types';
import { PENDING, type ScoreResult, type UnitResult } from '../result';
import type { RuleSet } from '../rules/vocabulary';
import { portableSheets, withPortableNotes } from './portable/portableSheets';
import type { PlanValue, SheetPlan } from './sheetPlan';
import { amount, annualSheet, columnTotal, issuesSheet, MONEY, MONTHLY_SHEET, monthlySheet, RECOGNISED_COLUMN, totalNote, verdict, type SheetTable } from './sheets';
import { columnWidth, internalLink, NUM_FMT, parseCellAddress } from './tableLayout';

/** The add-in's hidden sheet: the analyst's column mapping as a header row, and typed-in province averages. */
export const MAPPING_SHEET = '评分映射';
export const SUBSIDY_SHEET = '补贴测算';

/** 'portable' (通用公式): plain worksheet formulas any spreadsheet program evaluates (src/output/portable). */
export type OutputMode = 'formulas' | 'values' | 'portable';

/** Where live formulas find the province averages. */
export type ParamsSource =
  | ({ kind: 'sheet' } & SheetArea)
  | { kind: 'typed'; values: Readonly<Record<string, number>> }
  | { kind: 'none' };

export interface ScorePlanOptions {
  mode: OutputMode;
  ruleSet: RuleSet;
  ledger: RawLedger;
  /** The ledger sheet's cells: the live formulas' ranges and the size of each call are measured on it. */
  ledgerGrid: SheetGrid;
  params: ParamsSource;
  /** The workbook's 评分细则 sheet, passed to every live formula; null scores with the built-in rubric. */
  rubric: SheetArea | null;
  /** The workbook's sheets (the 参数 and 评分细则 sheets' cells count in each call's size). */
  grids?: readonly SheetGrid[];
  /** Budget of one call in bytes (default BLOCK_BYTES). */
  blockBytes?: number;
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

/**
 * 年度汇总's fills: eliminated units red; amber for units of a flagged group (TRUE from live formulas,
 * 是 from values) and for units whose 末位淘汰, group flag or total is 待核实, so none reads as settled.
 */
function annualFills(table: SheetTable, lastRow: number): SheetPlan['conditionalFills'] {
  const col = (header: string) => columnLetter(table.columns.findIndex((c) => c.header === header));
  const width = columnLetter(table.columns.length - 1);
  const range = `A2:${width}${lastRow}`;
  const yes = (c: string) => `$${c}2=TRUE,$${c}2="是"`;
  const pending = ['末位淘汰', '小组连带', '年终补贴合计'].map((h) => `$${col(h)}2="${PENDING}"`);
  return [
    { range, formula: `=OR(${yes(col('末位淘汰'))})`, fill: '#F8CBAD', fontColor: '#9C0006' },
    { range, formula: `=OR(${[yes(col('小组连带')), ...pending].join(',')})`, fill: '#FFE699' },
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
      valueAxisMin: Math.max(0, Math.floor(scores.reduce((low, x) => Math.min(low, x), line) / 5) * 5 - 5),
    },
  };
}

/* ---------- Live formulas ---------- */

/*
 * What Excel will feel. Every custom-function call crosses into JavaScript with all its arguments
 * (Excel on the web allows 5 MB per request and reports #BUSY! from a few thousand pending cells), so
 * the live sheets make few calls, each well under the limit:
 * - 月度得分 mirrors the ledger's rows in ledger order; each block of consecutive ledger rows is one
 *   =HS.MONTHSCORES(header, rows, 参数, 评分细则) spilling every item and the total, blocks sized by
 *   the bytes of their arguments and result (BLOCK_BYTES). A ledger kept one sheet per month is read
 *   sheet by sheet: each sheet's blocks read its own rows with its own mapping (a row of 评分映射 per
 *   sheet: layouts drift between months) and, where the sheet has no 月份 column, pass the month its
 *   name or title gives (HS.MONTHSCORES' month argument);
 * - 年度汇总 holds each unit's months as references to 月度得分's totals (native formulas, no calls;
 *   which row is which unit-month is fixed when the pane writes, as the list of units is), and one
 *   =HS.ANNUALS per chunk of units, one spilled call per column for rank, 末位淘汰 and group flag, and
 *   one =HS.SUBSIDY spilling 补贴档次 to 说明.
 * Every formula passes the workbook's 评分细则 range when it has one: editing the rubric rescores
 * through Excel's own dependencies.
 */

/**
 * Budget of one call's arguments and result, as JSON (what crosses into JavaScript): a fifth of Excel
 * on the web's 5 MB per request, so a 3,000-unit district is a dozen calls of under 1 MB each.
 */
export const BLOCK_BYTES = 1_000_000;

/** A sheet area read from A1: the 参数 or 评分细则 sheet. */
export interface SheetArea {
  sheet: string;
  rows: number;
  columns: number;
}

const areaRef = (a: SheetArea) => ref(a.sheet, `$A$1:${abs(a.columns - 1, a.rows)}`);

/** UTF-8 bytes of a text (the pane runs in a browser: no Buffer). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a cell value in a call's JSON. */
function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 5;
  if (typeof v === 'number') return String(v).length + 1;
  if (typeof v === 'boolean') return 6;
  if (typeof v === 'string') return utf8Length(v) + 3;
  return 24; // a date
}

const rowBytes = (row: readonly unknown[] | undefined, from: number, to: number): number => {
  let n = 2;
  for (let c = from; c <= to; c++) n += jsonBytes(row?.[c]);
  return n;
};

/** The cells every call also carries (header, 参数, 评分细则), measured from their grids. */
function sharedBytes(grids: readonly (SheetGrid | undefined)[]): number {
  let n = 0;
  for (const g of grids) if (g) for (const row of g.rows) n += rowBytes(row, 0, row.length - 1);
  return n;
}

/** Consecutive items cut where the running bytes would pass the budget, and where `breakBefore` says. */
function chunks<T>(items: readonly T[], bytesOf: (item: T) => number, budget: number, breakBefore: (prev: T, next: T) => boolean = () => false): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = bytesOf(item);
    if (current.length && (bytes + b > budget || breakBefore(current[current.length - 1], item))) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += b;
  }
  if (current.length) out.push(current);
  return out;
}

/** What a spilled formula at (row1, col0) covering rows × columns fills, without its anchor cell. */
function spillArea(row1: number, col0: number, rows: number, columns: number): string[] {
  const last = columnLetter(col0 + columns - 1);
  const out: string[] = [];
  if (columns > 1) out.push(`${columnLetter(col0 + 1)}${row1}:${last}${row1}`);
  if (rows > 1) out.push(`${columnLetter(col0)}${row1 + 1}:${last}${row1 + rows - 1}`);
  return out;
}

/** A ledger sheet as the live formulas read it: a one-sheet ledger, or one sheet of a ledger kept per month. */
interface LiveSheet {
  sheet: string;
  grid: SheetGrid;
  mapping: SheetMapping;
  /** The month every row of the sheet holds, as its name or title gives it (3, 2024年3月); null when its 月份 column says. */
  month: CellValue;
  /** The header's columns the formulas read: every column the scoring needs, and those between. */
  from: number;
  to: number;
  /** The sheet's mapping as a header row of 评分映射. */
  headerRow: string;
  headerBytes: number;
}

interface LiveLayout {
  sheets: LiveSheet[];
  params: string | null;
  rubric: string | null;
  /** Bytes every call carries besides its own rows and header: the 参数 and 评分细则 cells. */
  sharedBytes: number;
}

/** Columns the monthly scoring reads: the rubric's fields and the unit, month and type. */
function scoredColumns(mapping: SheetMapping): number[] {
  return mapping.columns.filter((c) => c.target && (c.target.kind === 'field' || MONTH_IDENTITY.has(c.target.key))).map((c) => c.column);
}

/** The sheets the ledger was read from, each with its cells, mapping and (a sheet per month) month. */
function ledgerSheets(options: ScorePlanOptions): Omit<LiveSheet, 'from' | 'to' | 'headerRow' | 'headerBytes'>[] {
  const { ledger } = options;
  if (!ledger.sheets?.length) return [{ sheet: ledger.sheet, grid: options.ledgerGrid, mapping: ledger.mapping, month: null }];
  return ledger.sheets.map((s) => {
    const grid = s.sheet === options.ledgerGrid.name ? options.ledgerGrid : options.grids?.find((g) => g.name === s.sheet);
    // Both are the pane's own doing (the workbook's grids; a sheet per month, never a file per community): not the analyst's.
    if (!grid) throw new Error(`实时公式找不到工作表「${s.sheet}」的单元格`);
    if (s.unit !== undefined) throw new Error(`实时公式需要「单位名称」列：工作表「${s.sheet}」的单位取自文件名或标题`);
    const first = ledger.rows.find((r) => r.sheet === s.sheet && r.monthFromSheet);
    return { sheet: s.sheet, grid, mapping: s.mapping, month: first?.attributes.month?.value ?? null };
  });
}

/**
 * The hidden mapping sheet: a row per ledger sheet naming each of its columns' field as the analyst
 * mapped it (one row for a one-sheet ledger; a ledger kept per month, each sheet's row labelled on
 * its right), and typed averages below.
 */
function mappingPlan(options: ScorePlanOptions): { plan: SheetPlan; layout: LiveLayout } {
  const sources = ledgerSheets(options);
  const widths = sources.map((s) => Math.max(1, gridWidth(s.grid)));
  const cells: PlanValue[][] = sources.map((s, k) => {
    const header: PlanValue[] = new Array(widths[k]).fill(null);
    for (const c of s.mapping.columns) if (c.target && c.column < widths[k]) header[c.column] = targetName(c.target, fieldSet(options.ruleSet.fields));
    return header;
  });
  if (options.ledger.sheets?.length) {
    const label = Math.max(...widths) + 1;
    cells.forEach((row, k) => {
      while (row.length < label) row.push(null);
      row.push(`←「${sources[k].sheet}」的列映射`);
    });
  }
  const typedFrom = sources.length + 2;
  let params: string | null = null;
  let paramsGrid: SheetGrid | undefined;
  if (options.params.kind === 'sheet') {
    params = areaRef(options.params);
    paramsGrid = options.grids?.find((g) => g.name === (options.params as SheetArea).sheet);
  } else if (options.params.kind === 'typed') {
    const typed = options.params.values;
    const fields = fieldSet(options.ruleSet.fields).params.filter((f) => typed[f.key] !== undefined);
    cells.push([], ['月份', ...fields.map((f) => f.zh)]);
    for (let m = 1; m <= 12; m++) cells.push([m, ...fields.map((f) => typed[f.key])]);
    params = ref(MAPPING_SHEET, `$A$${typedFrom}:${abs(fields.length, typedFrom + 12)}`);
    paramsGrid = { name: MAPPING_SHEET, rows: cells.slice(typedFrom - 1) as SheetGrid['rows'], merges: [] };
  }
  const rubricGrid = options.rubric ? options.grids?.find((g) => g.name === options.rubric!.sheet) : undefined;
  const sheets = sources.map((source, k): LiveSheet => {
    const used = scoredColumns(source.mapping);
    const from = used.length ? Math.min(...used) : 0;
    const to = used.length ? Math.max(...used) : widths[k] - 1;
    return {
      ...source, from, to,
      headerRow: ref(MAPPING_SHEET, `$${columnLetter(from)}$${k + 1}:$${columnLetter(to)}$${k + 1}`),
      headerBytes: rowBytes(cells[k], from, to),
    };
  });
  return {
    plan: {
      name: MAPPING_SHEET, cells, headerRows: 0, numberFormats: [], columnWidths: [], boldRows: [],
      conditionalFills: [], printFitToWidth: false, hidden: true,
    },
    layout: { sheets, params, rubric: options.rubric ? areaRef(options.rubric) : null, sharedBytes: sharedBytes([paramsGrid, rubricGrid]) },
  };
}

/** A formula's argument list without the trailing omitted ones. */
const argList = (args: readonly (string | null)[]): string => {
  const list = args.map((a) => a ?? '');
  while (list.length && list[list.length - 1] === '') list.pop();
  return list.join(',');
};

/** A cell value as a formula constant. */
const constant = (v: CellValue): string | null => (v === null ? null : typeof v === 'number' ? String(v) : formulaText(String(v)));

interface MonthlyLayout {
  plan: SheetPlan;
  /** 月度得分's row (1-based) of each unit-month that counts towards the year: unit → month → row. */
  rowOf: Map<string, Map<number, number>>;
}

interface KeyedRow {
  row: RawRow;
  unit: string | null;
  month: number | null;
}

function liveMonthly(result: ScoreResult, options: ScorePlanOptions, layout: LiveLayout): MonthlyLayout {
  const values = monthlySheet(result, options.ruleSet);
  const items = reportedItems(options.ruleSet);
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  const ledger = options.ledger;
  const outWidth = items.length + 1;
  const resultBytes = outWidth * 4 + 2; // points such as 4.5 or 3, with their commas
  const budget = options.blockBytes ?? BLOCK_BYTES;

  // Unit-months entered twice: scored in their rows, left out of the year (as hs-score leaves them out).
  const seen = new Map<string, RawRow[]>();
  const keyed: KeyedRow[] = ledger.rows.map((row) => {
    const unit = readText(row.attributes.unit?.value);
    const m = readMonth(row.attributes.month?.value ?? null);
    const month = m.ok ? m.month : null;
    if (unit !== null && month !== null) {
      const key = `${unit}\u0000${month}`;
      seen.set(key, [...(seen.get(key) ?? []), row]);
    }
    return { row, unit, month };
  });
  // Blocks never straddle two sheets or a gap in a sheet's rows; each is sized on its own sheet's cells.
  const sheetOf = (row: RawRow): LiveSheet => (row.sheet === undefined ? layout.sheets[0] : layout.sheets.find((s) => s.sheet === row.sheet)!);
  const runs = chunks(keyed, () => 0, Infinity, (a, b) => a.row.sheet !== b.row.sheet);
  const blocks = runs.flatMap((run) => {
    const sheet = sheetOf(run[0].row);
    const gridRows = sheet.grid.rows;
    return chunks(run, (k) => rowBytes(gridRows[k.row.row - 1], sheet.from, sheet.to) + resultBytes, budget - layout.sharedBytes - sheet.headerBytes, (a, b) => b.row.row !== a.row.row + 1)
      .map((rows) => ({ sheet, rows }));
  });

  const rows: PlanValue[][] = [];
  const spills: string[] = [];
  const rowOf = new Map<string, Map<number, number>>();
  for (const { sheet, rows: block } of blocks) {
    const top = rows.length + 2;
    const range = ref(sheet.sheet, `$${columnLetter(sheet.from)}$${block[0].row.row}:$${columnLetter(sheet.to)}$${block[block.length - 1].row.row}`);
    block.forEach(({ unit, month }, k) => {
      const info = unit === null ? undefined : byUnit.get(unit);
      const copies = unit !== null && month !== null ? seen.get(`${unit}\u0000${month}`)! : [];
      const note = copies.length > 1 ? `${unit}${month}月重复出现（${duplicatePlaces(copies)}），不计入年度得分` : null;
      const cells: PlanValue[] = [unit, info?.type ?? null, info?.group ?? null, month, ...new Array<PlanValue>(outWidth).fill(null), note];
      if (k === 0) cells[4] = `=HS.MONTHSCORES(${argList([sheet.headerRow, range, layout.params, layout.rubric, constant(sheet.month)])})`;
      if (unit !== null && month !== null && copies.length === 1) {
        if (!rowOf.has(unit)) rowOf.set(unit, new Map());
        rowOf.get(unit)!.set(month, rows.length + 2);
      }
      rows.push(cells);
    });
    spills.push(...spillArea(top, 4, block.length, outWidth));
  }
  return { plan: tablePlan({ ...values, rows }, { spills }), rowOf };
}

/** Where a unit-month entered twice is: rows of one sheet by number, of several sheets by sheet and row. */
function duplicatePlaces(copies: readonly RawRow[]): string {
  const sheets = new Set(copies.map((c) => c.sheet));
  if (sheets.size === 1) return `第${copies.map((c) => c.row).join('、')}行`;
  return copies.map((c) => `「${c.sheet}」第${c.row}行`).join('、');
}

const MONTH_HEADERS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
/** 年度汇总's columns of one spilled HS.SUBSIDY, named by their headers (its `part` argument is this header range). */
const SUBSIDY_PARTS = ['补贴档次', '层级补助', '小组扣减', '年终补贴合计', '说明'];

/** 年度汇总's money columns that live formulas fill, totalled by formula (启动资金 is a value written with the sheet). */
const LIVE_TOTALS = MONEY.filter((h) => h !== '启动资金(不计入)');

/** A live 合计: 待核实 while any amount of the column is (ruling R9), else the sum. */
const liveTotal = (letter: string, n: number): string => {
  const range = `${letter}2:${letter}${n + 1}`;
  return `=IF(COUNTIF(${range},"${PENDING}")>0,"${PENDING}",SUM(${range}))`;
};

function liveAnnual(result: ScoreResult, options: ScorePlanOptions, layout: LiveLayout, monthly: MonthlyLayout): SheetPlan {
  const base = annualSheet(result);
  const table: SheetTable = { ...base, columns: [...base.columns, ...MONTH_HEADERS.map((header) => ({ header, kind: 'points' as const }))] };
  const col = (header: string) => table.columns.findIndex((c) => c.header === header);
  const L = (header: string) => columnLetter(col(header));
  const n = result.units.length;
  const all = (header: string) => `$${L(header)}$2:$${L(header)}$${n + 1}`;
  const firstMonth = col('1月');
  const monthsOf = (row1: number, rows = 1) => `$${columnLetter(firstMonth)}$${row1}:$${columnLetter(firstMonth + 11)}$${row1 + rows - 1}`;
  const totals = columnLetter(4 + reportedItems(options.ruleSet).length);
  const partsFrom = col(SUBSIDY_PARTS[0]);
  if (SUBSIDY_PARTS.some((h, k) => col(h) !== partsFrom + k)) throw new Error('年度汇总的「补贴档次」至「说明」列须相邻，才能由一个 HS.SUBSIDY 溢出填写');

  const budget = options.blockBytes ?? BLOCK_BYTES;
  const unitChunks = chunks(result.units.map((_, i) => i), () => 12 * 8 + 4, budget - (layout.rubric ? layout.sharedBytes : 0));
  const chunkAt = new Map(unitChunks.map((c) => [c[0], c.length]));
  // HS.SUBSIDY carries the whole district's columns on every call, and answers 说明 texts of a few
  // hundred bytes per unit: a large district gets one call per chunk of units, each under budget, or
  // the district's columns and half a budget of answers when those columns alone are larger.
  const districtBytes = result.units.reduce((n, u) => n + 2 * jsonBytes(u.unit) + jsonBytes(u.annual) + jsonBytes(u.level) + jsonBytes(u.group) + jsonBytes(u.subsidy.reward), 0);
  const answerBytes = (u: (typeof result.units)[number]) => jsonBytes(u.subsidy.tier) + jsonBytes(u.subsidy.base) + jsonBytes(u.subsidy.groupDeduction) + jsonBytes(u.subsidy.total) + jsonBytes(u.subsidy.explanation) + 2;
  const subsidyChunks = chunks(result.units.map((_, i) => i), (i) => answerBytes(result.units[i]), Math.max(budget - districtBytes, budget / 2));
  const subsidyAt = new Map(subsidyChunks.map((c) => [c[0], c.length]));
  const SPILLED = ['倒数排名', '末位淘汰', '小组连带', ...SUBSIDY_PARTS];
  const scores = all('年度得分');
  const rows = table.rows.map((row, i) => {
    if (i === table.totalRow) {
      const copy: PlanValue[] = [...row, ...MONTH_HEADERS.map(() => null)];
      for (const header of LIVE_TOTALS) copy[col(header)] = liveTotal(columnLetter(col(header)), n);
      copy[col('说明')] = totalNote(result, false); // the amounts are the live cells beside it
      return copy;
    }
    const unit = result.units[i];
    const months = monthly.rowOf.get(unit.unit);
    const copy: PlanValue[] = [...row, ...MONTH_HEADERS.map((_, m) => (months?.has(m + 1) ? `=${ref(MONTHLY_SHEET, `$${totals}$${months.get(m + 1)}`)}` : null))];
    copy[col('计分月数')] = `=COUNT(${monthsOf(i + 2)})`;
    const line = options.ruleSet.ranking.recognitionLine;
    if (line !== undefined && col(RECOGNISED_COLUMN) >= 0) {
      const score = `${L('年度得分')}${i + 2}`;
      copy[col(RECOGNISED_COLUMN)] = `=IF(ISNUMBER(${score}),IF(${score}>=${line},"是","否"),"${PENDING}")`;
    }
    copy[col('年度得分')] = null;
    for (const header of SPILLED) copy[col(header)] = null;
    const chunk = chunkAt.get(i);
    if (chunk !== undefined) copy[col('年度得分')] = `=HS.ANNUALS(${argList([`IFERROR(${monthsOf(i + 2, chunk)},"")`, layout.rubric])})`;
    if (i === 0) {
      copy[col('倒数排名')] = `=HS.BOTTOMRANK(${scores},${scores})`;
      copy[col('末位淘汰')] = `=HS.ELIMINATED(${argList([scores, scores, null, null, layout.rubric])})`;
      copy[col('小组连带')] = `=HS.GROUPFLAG(${all('小组')},${all('小组')},${all('末位淘汰')})`;
    }
    const subsidyRows = subsidyAt.get(i);
    if (subsidyRows !== undefined) {
      const parts = `$${columnLetter(partsFrom)}$1:$${columnLetter(partsFrom + SUBSIDY_PARTS.length - 1)}$1`;
      const units = `$${L('单位名称')}$${i + 2}:$${L('单位名称')}$${i + 1 + subsidyRows}`;
      copy[partsFrom] = `=HS.SUBSIDY(${argList([units, all('单位名称'), scores, all('认定层级'), all('小组'), all('带动奖励'), formulaText(options.policy.id), parts, layout.rubric])})`;
    }
    return copy;
  });
  const spills = [
    ...unitChunks.flatMap((c) => spillArea(c[0] + 2, col('年度得分'), c.length, 1)),
    ...(n > 0 ? ['倒数排名', '末位淘汰', '小组连带'].flatMap((h) => spillArea(2, col(h), n, 1)) : []),
    ...subsidyChunks.flatMap((c) => spillArea(c[0] + 2, partsFrom, c.length, SUBSIDY_PARTS.length)),
  ];
  return tablePlan({ ...table, rows }, { spills });
}

/** 月度得分, 年度汇总 and 问题清单 (and, for live formulas, the hidden mapping sheet they read). */
export function scorePlans(result: ScoreResult, options: ScorePlanOptions): SheetPlan[] {
  const issues = tablePlan(withLinks(issuesSheet(result), options.sheetNames));
  const annualTable = annualSheet(result);
  const lastRow = result.units.length + 1;
  const decorate = (plan: SheetPlan, table = annualTable) =>
    withChart({ ...plan, conditionalFills: annualFills(table, lastRow) }, result, options.ruleSet, table.columns.findIndex((c) => c.header === '年度得分'));
  if (options.mode === 'values') {
    return [tablePlan(monthlySheet(result, options.ruleSet)), decorate(tablePlan(annualTable)), issues];
  }
  if (options.mode === 'portable') {
    // Typed averages (no 参数 sheet) go on the add-in's sheet, shown: the formulas read them there.
    const typedParams = options.params.kind === 'typed' ? { sheet: MAPPING_SHEET, values: options.params.values } : undefined;
    const sheets = portableSheets(result, options.ledger, { ruleSet: options.ruleSet, policy: options.policy, workbookSheets: options.sheetNames, typedParams });
    const notes = tablePlan(withLinks(issuesSheet(withPortableNotes(result, sheets.notes)), options.sheetNames));
    return [...(sheets.params ? [tablePlan(sheets.params)] : []), tablePlan(sheets.monthly), decorate(tablePlan(sheets.annual), sheets.annual), notes];
  }
  const mapping = mappingPlan(options);
  const monthly = liveMonthly(result, options, mapping.layout);
  return [mapping.plan, monthly.plan, decorate(liveAnnual(result, options, mapping.layout, monthly)), issues];
}

/* ---------- 补贴测算 ---------- */

const SUBSIDY_COLUMNS = ['单位名称', '类型', '小组', '认定层级', '年度得分', '末位淘汰', '补贴档次', '基础补助', '小组扣减', '带动奖励', '年终合计', '说明'] as const;

/**
 * 补贴测算: one line per unit with base, deduction, reward, total and how it was reached; a total line;
 * printed landscape. A 待核实 amount (ruling R9) is written as 待核实, never as a number; the 合计 of a
 * column holding one is 待核实 too, and a line below it gives the part that is certain, so labelled.
 */
export function subsidyPlan(result: ScoreResult, policy: SubsidyPolicy): SheetPlan {
  const row = (u: UnitResult): PlanValue[] => [
    u.unit, u.type, u.group, u.level, u.annual, verdict(u.eliminated), u.subsidy.tier,
    amount(u.subsidy.base), amount(u.subsidy.groupDeduction), amount(u.subsidy.reward), amount(u.subsidy.total), u.subsidy.explanation,
  ];
  const rows = result.units.map(row);
  const money = [7, 8, 9, 10];
  const { eliminated, undetermined } = result.summary;
  const total: PlanValue[] = ['合计', null, null, null, null, `${eliminated.length}个${undetermined.length ? `，${PENDING}${undetermined.length}个` : ''}`, null, ...money.map((k) => columnTotal(rows, k)), `${policy.zh}，共${result.units.length}个单位`];
  const pendingTotal = money.some((k) => total[k] === PENDING);
  // The certain part is the units whose total is certain, each column over the same units, so the line adds up.
  const settled = rows.filter((r) => typeof r[10] === 'number');
  const unpaid = rows.length - settled.length;
  const certain = (k: number) => settled.reduce((s: number, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  const determined: PlanValue[] = ['其中已确定部分', null, null, null, null, null, null, ...money.map(certain), `不含年终合计${PENDING}的${unpaid}个单位，待数据更正后重新测算`];
  const table: SheetTable = {
    name: SUBSIDY_SHEET,
    columns: SUBSIDY_COLUMNS.map((header, k) => ({ header, kind: k === 4 ? 'points' : k >= 7 && k <= 10 ? 'yuan' : 'text' })),
    rows: [...rows, total, ...(pendingTotal ? [determined] : [])],
    totalRow: rows.length,
  };
  return tablePlan(table, { printFitToWidth: true, boldRows: pendingTotal ? [rows.length + 1, rows.length + 2] : [rows.length + 1] });
}
