/**
 * HS.MONTHSCORES: a block of ledger rows scored in one call, spilling every reported item and the
 * month's total for each row. This is how the task pane writes 月度得分: a district of 3,000 units
 * is a dozen calls instead of one or two per row, each within Excel's request limits.
 *
 * The block goes through the same reading as hs-score (the header's column mapping, the 参数 table,
 * buildLedger's parsing and validation of every cell, the compiled rubric), once for all its rows.
 * Each row is scored as its own unit-month, as HS.MONTHSCORE scores it, so a row's answer never
 * depends on where a block starts or ends; whether a unit-month is entered twice is a question
 * about the whole year, answered where the year is (HS.ANNUALS' month columns and 问题清单).
 * A bad cell blocks only the items that read it, as that row's error value naming the cell; a
 * row that cannot be a unit-month (no unit, no readable month) is an error in every cell of its
 * row; an empty row is an empty row.
 *
 * A ledger kept one sheet per month has no 月份 column: the sheet's month is the call's `month`
 * argument (as its name or title says it, `3` or `2024年3月`, or the title cell itself), shared by
 * every row of the block.
 */
import { buildLedger } from '../ledger/build';
import { notForType, type CompiledRubric } from '../engine/compile';
import type { CellValue, ColumnMapping, Issue, RawRow, SheetMapping, SourcedValue } from '../ledger/types';
import { readMonth, readText } from '../ledger/cells';
import { fieldSet, MONTH_IDENTITY } from '../fields';
import { monthInText } from '../read/sheetMonth';
import type { RuleSet } from '../rules/vocabulary';
import { tidy } from '../score';
import { argumentValue, ArgumentCells, isBlankValue, scalar, shown, type Matrix } from './args';
import { badValue, FormulaError } from './formulaError';
import type { Addresses } from './indicatorFunctions';
import { headerMapping, headerWidth, paramTable, type ParamTable } from './ledgerArguments';
import { argumentLedger, blockingError, compiledFor } from './oneRow';

export interface BlockArgs {
  /** The ledger's header: one row, or two rows of a merged header. */
  headerRows: Matrix;
  /** The block of ledger rows, as wide as the header. */
  rows: Matrix;
  /** The 参数 table (月份 and the province averages, with its header), or null. */
  params: Matrix | null;
  /** The month of every row (a sheet per month), or null/undefined to read each row's 月份 column. */
  month?: unknown;
}

export type BlockCell = number | string | FormulaError;

/** A cell whose address is worked out only when a message needs it (most cells never do). */
class LazyCell implements SourcedValue {
  constructor(
    readonly value: CellValue,
    private readonly cells: ArgumentCells,
    private readonly row0: number,
    private readonly col0: number,
  ) {}
  get cell(): string {
    return this.cells.at(this.row0, this.col0);
  }
}

/** A cell as the ledger reader sees it; a data type or error that is not data reads as its text, so the row's own check names it. */
function cellValue(v: unknown): CellValue {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  const read = argumentValue(v);
  return read.ok ? read.value : read.shown;
}

const isEmptyRow = (row: readonly unknown[]): boolean => row.every((v) => cellValue(v) === null);

/** The block's rows as the engine's raw rows; each named unit gets a key of its own row (see the module comment). */
function rawRows(blockRows: Matrix, from: number, to: number, mappingColumns: readonly ColumnMapping[], cells: ArgumentCells, month: SourcedValue | null) {
  const rows: RawRow[] = [];
  const blockRowOf = new Map<RawRow, number>();
  const names = new Map<string, string>();
  for (let r = from; r < to; r++) {
    const values = blockRows[r];
    if (isEmptyRow(values)) continue;
    const row: RawRow = { rowRef: cells.at(r, 0), row: r + 1, attributes: {}, fields: {} };
    for (const column of mappingColumns) {
      const target = column.target;
      // A month is scored from its row alone: per-unit columns (小组, 认定层级 …) are the year's business.
      if (!target || (target.kind === 'attribute' && !MONTH_IDENTITY.has(target.key))) continue;
      const cell = new LazyCell(cellValue(values[column.column]), cells, r, column.column);
      if (target.kind === 'attribute') row.attributes[target.key] = cell;
      else row.fields[target.key] = cell;
    }
    if (month) row.attributes.month = month;
    const unit = row.attributes.unit;
    const name = readText(unit?.value ?? null);
    if (unit && name !== null) {
      const key = `${r}`;
      names.set(key, name);
      row.attributes.unit = { value: key, cell: unit.cell };
    }
    rows.push(row);
    blockRowOf.set(row, r);
  }
  return { rows, blockRowOf, names };
}

/** HS.MONTHSCORES: one row of answers per block row: the reported items in rubric order, then the total. */
export function monthScores(args: BlockArgs, ruleSet: RuleSet, addresses: Addresses = {}): BlockCell[][] {
  const headerCells = new ArgumentCells('表头行', addresses.headerRows);
  const rowCells = new ArgumentCells('数据行', addresses.rows);
  const mapping = headerMapping(args.headerRows, headerCells, fieldSet(ruleSet.fields));
  const width = headerWidth(args.headerRows);
  const wrong = args.rows.findIndex((row) => row.length !== width);
  if (wrong >= 0) throw badValue(`${rowCells.whole}应与表头行同宽：表头行${width}列，数据行${args.rows[wrong].length}列`);
  const month = blockMonth(args.month, new ArgumentCells('月份', addresses.month));
  const has = (key: 'unit' | 'month') => mapping.columns.some((c) => c.target?.kind === 'attribute' && c.target.key === key);
  if (!has('unit')) throw badValue(`${headerCells.whole}中没有「单位名称」列：HS.MONTHSCORES 从每行的「单位名称」列读取单位`);
  if (!has('month') && !month) throw badValue(`${headerCells.whole}中没有「月份」列：请给出「月份」参数（按月分表时为该表的月份），或让表头行包含「月份」列`);

  const rubric = compiledFor(ruleSet, 'all', (r) => r);
  const params = paramTable(args.params, new ArgumentCells('参数表', addresses.params), fieldSet(ruleSet.fields));
  const provided = mapping.columns.flatMap((c) => (c.target?.kind === 'field' ? [c.target.key] : []));
  const out: BlockCell[][] = args.rows.map(() => new Array<BlockCell>(rubric.items.length + 1).fill(''));
  // Rows are read and scored a slice at a time: what one slice allocates dies young, so the garbage
  // collector never has to walk the host's heap for it (in a formula engine holding the workbook in
  // the same heap, whole-block garbage made 10× the rows cost 30× the time).
  for (let from = 0; from < args.rows.length; from += SLICE_ROWS) {
    scoreSlice(args.rows, from, Math.min(args.rows.length, from + SLICE_ROWS), { mapping, rowCells, rubric, params, provided, out, givenMonth: month });
  }
  return out;
}

/**
 * The block's month from the `month` argument: a month as a 月份 cell holds it (3, 三月, 2024年3月),
 * or a text naming one (a sheet's title, 2024年3月充分就业社区(村)考核台账); null when omitted.
 */
function blockMonth(value: unknown, cells: ArgumentCells): SourcedValue | null {
  const v = scalar(value, cells);
  if (isBlankValue(v)) return null;
  if (readMonth(v).ok) return { value: v, cell: cells.cell };
  const named = typeof v === 'string' ? monthInText(v) : null;
  if (named) return { value: named.year ? `${named.year}年${named.month}月` : named.month, cell: cells.cell };
  const where = cells.cell ? `（${cells.cell}）` : '';
  throw badValue(`「月份」参数读到「${shown(v)}」${where}，不是月份：应为1–12，或写有月份的文字（如「2024年3月」、表的标题）`);
}

/** Rows scored together: short enough that their objects die in the young generation. */
const SLICE_ROWS = 256;

interface SliceContext {
  mapping: SheetMapping;
  rowCells: ArgumentCells;
  rubric: CompiledRubric;
  params: ParamTable;
  provided: string[];
  out: BlockCell[][];
  /** The `month` argument, the month of every row; null to read each row's 月份 column. */
  givenMonth: SourcedValue | null;
}

function scoreSlice(blockRows: Matrix, from: number, to: number, { mapping, rowCells, rubric, params, provided, out, givenMonth }: SliceContext): void {
  const ruleSet = rubric.ruleSet;
  const { rows, blockRowOf, names } = rawRows(blockRows, from, to, mapping.columns, rowCells, givenMonth);
  const built = buildLedger(argumentLedger(rows, params.rows, provided, rubric), rubric);
  const scores = rubric.score(built.table);

  // Issues by block row: a row's own, plus those of its month (参数) and of the whole block (a missing column).
  const own = new Map<string, Issue[]>();
  const byMonth = new Map<number, Issue[]>();
  const everywhere: Issue[] = [];
  for (const issue of [...built.issues, ...params.issues]) {
    if (issue.severity !== 'error') continue;
    if (issue.unit !== null && names.has(issue.unit)) push(own, issue.unit, issue);
    else if (issue.unit === null && issue.month !== null) push(byMonth, issue.month, issue);
    else if (issue.unit === null && issue.blocks) everywhere.push(issue);
  }
  const outWidth = rubric.items.length + 1;
  const scoredRows = new Set<number>();
  const allCodes = ruleSet.indicators.map((i) => i.code);

  for (let i = 0; i < built.table.length; i++) {
    const origin = built.rowOrigins[i];
    const r = blockRowOf.get(origin)!;
    scoredRows.add(r);
    const key = String(origin.attributes.unit!.value);
    const month = built.table.month[i];
    const issues = [...(own.get(key) ?? []), ...(byMonth.get(month) ?? []), ...everywhere];
    const prefix = `${names.get(key)}${month}月：`;
    const type = built.table.type[i];
    const row = out[r];
    rubric.items.forEach((item, k) => {
      if (notForType(item, type)) return; // empty, as in 月度得分 written as values
      const v = scores.items[k][i];
      row[k] = Number.isNaN(v) ? blockingError(issues, item.indicators.map((ind) => ind.code), prefix) : tidy(v);
    });
    // The total as computed, not tidied: HS.ANNUALS then averages exactly what hs-score averages.
    const total = scores.total[i];
    row[outWidth - 1] = Number.isNaN(total) ? blockingError(issues, allCodes, prefix) : total;
  }
  // Rows that are not a unit-month: the reason, in every cell of the row.
  for (const row of rows) {
    const r = blockRowOf.get(row)!;
    if (scoredRows.has(r)) continue;
    const key = readText(row.attributes.unit?.value ?? null);
    const issues = key !== null ? (own.get(key) ?? []) : built.issues.filter((i) => i.unit === null && i.month === null && i.cell === (row.attributes.unit?.cell ?? row.rowRef));
    const error = blockingError(issues, [], key !== null ? `${names.get(key)}：` : '');
    out[r].fill(error);
  }
}

function push<K>(map: Map<K, Issue[]>, key: K, issue: Issue): void {
  const list = map.get(key);
  if (list) list.push(issue);
  else map.set(key, [issue]);
}
