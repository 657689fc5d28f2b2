/**
 * HS.MONTHSCORE and HS.BREAKDOWN: a whole unit-month read from a ledger row by its headers, the
 * column mapping hs-score uses (spec §7). Header mappings and 参数 tables are cached by content, so
 * the 12 × N formulas of a district map the header once, not once per cell.
 */
import type { CellValue, Issue, RawParamRow, RawRow, SheetGrid, SheetMapping, SourcedValue } from '../ledger/types';
import { detectHeader } from '../read/headerRow';
import { readParamsGrid } from '../read/ledgerGrids';
import type { RuleSet } from '../rules/vocabulary';
import { tidy } from '../score';
import { ArgumentCells, cellsOf, isBlankValue, plainValue, rangeOrigin, scalar, type Matrix } from './args';
import { badValue, FormulaError } from './formulaError';
import type { Addresses } from './indicatorFunctions';
import { blockingError, compiledFor, scoreOneRow, type ScoredRow } from './oneRow';

/** A small cache by content key; cleared when full (a workbook holds a handful of distinct headers). */
class ContentCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, make: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make();
      this.entries.set(key, value);
    }
    return value;
  }
}

const contentKey = (rows: readonly (readonly CellValue[])[]): string =>
  rows.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('\u0001')).join('\u0002');

const mappings = new ContentCache<SheetMapping>(32);
const paramTables = new ContentCache<{ rows: RawParamRow[]; issues: Issue[] }>(16);

function plainRows(matrix: Matrix, cells: ArgumentCells): CellValue[][] {
  return matrix.map((row, r) => row.map((v, c) => plainValue(v, cells.at(r, c))));
}

/** The header's column mapping: one row, or a two-row header (group titles over sub-headers). */
function headerMapping(headerRow: Matrix, cells: ArgumentCells): SheetMapping {
  if (headerRow.length < 1 || headerRow.length > 2) throw badValue(`${cells.whole}应为一行表头，或两行的合并表头，收到${headerRow.length}行`);
  const rows = plainRows(headerRow, cells);
  return mappings.get(contentKey(rows), () => {
    const mapping = detectHeader({ name: '表头', rows, merges: [] });
    const lastRow = rows.length - 1;
    // The header is exactly the rows given: a reading that skipped a row still maps the columns the same.
    return { ...mapping, headerRows: mapping.headerRows.length ? mapping.headerRows : [lastRow], firstDataRow: rows.length };
  });
}

/** A 参数 range (月份 and the province averages, with its header) read as the 参数 sheet is. */
function paramRows(params: Matrix | null, cells: ArgumentCells): { rows: RawParamRow[]; issues: Issue[] } {
  if (params === null || params.length === 0) return { rows: [], issues: [] };
  const rows = plainRows(params, cells);
  return paramTables.get(`${cells.whole}\u0003${contentKey(rows)}`, () => {
    const issues: Issue[] = [];
    const grid: SheetGrid = { name: 'P', rows, merges: [] };
    const read = readParamsGrid(grid, issues);
    // Cells come back as P!B3 (positions in the range): say where they are in the workbook.
    const relocate = (cell: string | null): string => {
      const at = rangeOrigin(cell ?? undefined);
      return at ? cells.at(at.row0, at.col0) : (cell ?? '');
    };
    const moved = (v: SourcedValue): SourcedValue => ({ value: v.value, cell: relocate(v.cell) });
    return {
      rows: read.map((r) => ({ row: r.row, month: moved(r.month), fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, moved(v)])) })),
      issues: issues.map((i) => ({ ...i, cell: i.cell === null ? null : relocate(i.cell), message: i.message.replace(/「P」/g, cells.whole) })),
    };
  });
}

interface MonthArgs {
  headerRow: Matrix;
  valueRow: Matrix;
  params: Matrix | null;
  month: unknown;
  unitType: unknown;
}

interface ScoredMonth {
  scored: ScoredRow;
  prefix: string;
}

function scoreMonth(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses): ScoredMonth {
  const headerCells = new ArgumentCells('表头行', addresses.headerRow);
  const valueCells = new ArgumentCells('数值行', addresses.valueRow);
  const mapping = headerMapping(args.headerRow, headerCells);
  if (args.valueRow.length !== 1) throw badValue(`${valueCells.whole}应为一行，收到${args.valueRow.length}行`);
  const width = Math.max(...args.headerRow.map((r) => r.length));
  if (args.valueRow[0].length !== width) {
    throw badValue(`${valueCells.whole}应与表头行同宽：表头行${width}列，数值行${args.valueRow[0].length}列`);
  }
  const list = cellsOf(args.valueRow, valueCells);
  const values = list.values.map((_, i) => list.located(i));
  const row: RawRow = { rowRef: values[0]?.cell ?? '', row: 1, attributes: {}, fields: {} };
  const provided: string[] = [];
  for (const column of mapping.columns) {
    if (!column.target) continue;
    const cell = values[column.column];
    if (column.target.kind === 'attribute') row.attributes[column.target.key] = cell;
    else {
      row.fields[column.target.key] = cell;
      provided.push(column.target.key);
    }
  }
  const unitNamed = row.attributes.unit !== undefined && !isBlankValue(row.attributes.unit.value);
  if (!unitNamed) row.attributes.unit = { value: '本行', cell: row.rowRef };
  const override = (label: string, value: unknown, address: string | undefined): SourcedValue | undefined => {
    const cells = new ArgumentCells(label, address);
    const given = scalar(value, cells);
    return isBlankValue(given) ? undefined : { value: given, cell: cells.cell };
  };
  row.attributes.month = override('月份', args.month, addresses.month) ?? row.attributes.month ?? missing('月份', '给出「月份」参数，或让表头行包含「月份」列');
  row.attributes.type = override('类型', args.unitType, addresses.unitType) ?? row.attributes.type ?? missing('类型', '给出「类型」参数（社区或村），或让表头行包含「类型」列');

  const params = paramRows(args.params, new ArgumentCells('参数表', addresses.params));
  const rubric = compiledFor(ruleSet, 'all', (r) => r);
  const scored = scoreOneRow(rubric, row, params.rows, provided);
  scored.built.issues.push(...params.issues);
  const month = scored.built.table.length === 1 ? `${scored.built.table.month[0]}月` : '';
  const prefix = unitNamed ? `${String(row.attributes.unit!.value).trim()}${month}：` : month ? `${month}：` : '';
  return { scored, prefix };
}

function missing(field: string, hint: string): never {
  throw badValue(`缺少「${field}」：请${hint}`);
}

/** HS.MONTHSCORE: the unit-month's total, or #VALUE! naming the cell that blocks it. */
export function monthScore(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses = {}): number {
  const { scored, prefix } = scoreMonth(args, ruleSet, addresses);
  const total = scored.scores?.total[0] ?? NaN;
  if (Number.isNaN(total)) throw blockingError(scored, ruleSet.indicators.map((i) => i.code), prefix);
  return tidy(total);
}

/**
 * HS.BREAKDOWN: every reported item's points in rubric order (E4a and E4b both have a place: the
 * one that does not apply to the unit's type is empty text). A blocked item is an error value in
 * its own cell, so one bad input does not hide the other indicators.
 */
export function breakdown(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses = {}): (number | string | FormulaError)[][] {
  const { scored, prefix } = scoreMonth(args, ruleSet, addresses);
  const rubric = compiledFor(ruleSet, 'all', (r) => r);
  if (scored.scores === null) throw blockingError(scored, [], prefix);
  const scores = scored.scores;
  const unitType = scored.built.units[0]?.type ?? null;
  return [
    rubric.items.map((item, k) => {
      if (item.appliesTo !== undefined && unitType !== null && item.appliesTo !== unitType) return '';
      const v = scores.items[k][0];
      if (!Number.isNaN(v)) return tidy(v);
      return blockingError(scored, item.indicators.map((i) => i.code), prefix);
    }),
  ];
}

/** The codes of HS.BREAKDOWN's columns, for a header above the spill. */
export function breakdownCodes(ruleSet: RuleSet): string[] {
  return compiledFor(ruleSet, 'all', (r) => r).items.map((item) => item.code);
}

