/**
 * A data row's mapped cells as a `{ key: { value, cell } }` record read from the grid (a view:
 * see src/recordView.ts). Built eagerly, an object and an address string per cell cost ten times
 * the grid itself: 1.6 GB for a 200,000-row ledger of forty columns.
 */
import type { CellValue, SheetGrid, SourcedValue } from '../ledger/types';
import { recordLayout, recordView, type RecordLayout } from '../recordView';

/** One table's columns of one kind (fields, or attributes) as its rows' views read them. */
export function tableLayout(
  grid: SheetGrid,
  columns: ReadonlyMap<string, number>,
  address: (row0: number, col0: number) => string,
  /** The row holding the value shown at (row0, col0): row0 itself unless a merge from above covers the cell. */
  sourceRow: (row0: number, col0: number) => number,
  /** Values every row shares, read from one cell (a sheet per month: its 月份 is the sheet's). */
  constants: ReadonlyMap<string, SourcedValue> = new Map(),
): RecordLayout<SourcedValue> {
  const cols = [...columns.values()];
  const shared = [...constants.values()];
  // The value alone (peek) is what a hot loop reads; the address is made only with the whole reading.
  const valueAt = (position: number, row0: number): CellValue => {
    if (position >= cols.length) return shared[position - cols.length].value;
    const col = cols[position];
    return grid.rows[sourceRow(row0, col)]?.[col] ?? null;
  };
  const read = (position: number, row0: number): SourcedValue => {
    if (position >= cols.length) return shared[position - cols.length];
    const col = cols[position];
    return { value: valueAt(position, row0), cell: address(sourceRow(row0, col), col) };
  };
  return recordLayout([...columns.keys(), ...constants.keys()], read, valueAt);
}

/** The record of `row0`'s mapped cells. */
export function rowView<K extends string>(layout: RecordLayout<SourcedValue>, row0: number): Partial<Record<K, SourcedValue>> {
  return recordView<SourcedValue, K>(layout, row0);
}
