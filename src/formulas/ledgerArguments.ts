/**
 * A ledger's header and 参数 table as worksheet arguments, read exactly as hs-score reads the sheets
 * (spec §7's column mapping, the 参数 sheet's reader) and cached by content: the header and the 参数
 * range of a workbook's formulas are the same on every call, so they are parsed once.
 */
import { BUILT_IN_FIELDS, type FieldSet } from '../fields';
import type { CellValue, Issue, RawParamRow, SheetGrid, SheetMapping, SourcedValue } from '../ledger/types';
import { ledgerTargets } from '../read/columnMatch';
import { detectHeader } from '../read/headerRow';
import { readParamsGrid } from '../read/ledgerGrids';
import { ArgumentCells, plainValue, rangeOrigin, type Matrix } from './args';
import { ContentCache, contentKey } from './contentCache';
import { badValue } from './formulaError';

/** Caches per rule set's fields: one header is mapped differently under a rubric with fields of its own. */
const mappings = new WeakMap<FieldSet, ContentCache<SheetMapping>>();
const paramTables = new WeakMap<FieldSet, ContentCache<ParamTable>>();

function cacheOf<T>(caches: WeakMap<FieldSet, ContentCache<T>>, fields: FieldSet, size: number): ContentCache<T> {
  let cache = caches.get(fields);
  if (!cache) caches.set(fields, (cache = new ContentCache<T>(size)));
  return cache;
}

export interface ParamTable {
  rows: RawParamRow[];
  issues: Issue[];
}

function plainRows(matrix: Matrix, cells: ArgumentCells): CellValue[][] {
  return matrix.map((row, r) => row.map((v, c) => plainValue(v, cells.at(r, c))));
}

/** The header's column mapping under the rule set's fields: one row, or a two-row header (group titles over sub-headers). */
export function headerMapping(headerRow: Matrix, cells: ArgumentCells, fields: FieldSet = BUILT_IN_FIELDS): SheetMapping {
  if (headerRow.length < 1 || headerRow.length > 2) throw badValue(`${cells.whole}应为一行表头，或两行的合并表头，收到${headerRow.length}行`);
  const rows = plainRows(headerRow, cells);
  return cacheOf(mappings, fields, 32).get(contentKey(rows), () => {
    const mapping = detectHeader({ name: '表头', rows, merges: [] }, ledgerTargets(fields));
    const lastRow = rows.length - 1;
    // The header is exactly the rows given: a reading that skipped a row still maps the columns the same.
    return { ...mapping, headerRows: mapping.headerRows.length ? mapping.headerRows : [lastRow], firstDataRow: rows.length };
  });
}

/** The header's width: the widest of its rows. */
export const headerWidth = (headerRow: Matrix): number => Math.max(...headerRow.map((r) => r.length));

/** A 参数 range (月份 and the province averages, with its header) read as the 参数 sheet is. */
export function paramTable(params: Matrix | null, cells: ArgumentCells, fields: FieldSet = BUILT_IN_FIELDS): ParamTable {
  if (params === null || params.length === 0) return { rows: [], issues: [] };
  const rows = plainRows(params, cells);
  return cacheOf(paramTables, fields, 16).get(`${cells.whole}\u0003${contentKey(rows)}`, () => {
    const issues: Issue[] = [];
    const grid: SheetGrid = { name: 'P', rows, merges: [] };
    const read = readParamsGrid(grid, issues, fields);
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
