/**
 * A data row's mapped cells as a `{ key: { value, cell } }` record that reads the grid when a key
 * is read. Built eagerly, a record holding an object and an address string per cell cost ten times
 * the grid itself (1.6 GB for a 200,000-row ledger of forty columns, 8 GB for Excel's million
 * rows); a view is one small object per row, and the `{ value, cell }` pair exists only while it is
 * used. The view behaves as the plain record did for every reader (keys, `in`, spreading,
 * JSON), and is read-only: the ledger is what the sheet says.
 */
import type { CellValue, SheetGrid, SourcedValue } from '../ledger/types';

/** What every row of one table shares: the grid, which key reads which column, and where a merged cell's value lives. */
export interface TableColumns {
  grid: SheetGrid;
  /** Record key → 0-based grid column, in the table's column order. */
  columns: ReadonlyMap<string, number>;
  address: (row0: number, col0: number) => string;
  /** The row holding the value shown at (row0, col0): row0 itself unless a merge from above covers the cell. */
  sourceRow: (row0: number, col0: number) => number;
}

interface Target {
  table: TableColumns;
  row0: number;
}

function cellOf(target: Target, key: string | symbol): SourcedValue | undefined {
  if (typeof key !== 'string') return undefined;
  const { table, row0 } = target;
  const col = table.columns.get(key);
  if (col === undefined) return undefined;
  const r = table.sourceRow(row0, col);
  const value: CellValue = table.grid.rows[r]?.[col] ?? null;
  return { value, cell: table.address(r, col) };
}

const refuse = (): boolean => {
  throw new TypeError('台账行是只读的');
};

const handler: ProxyHandler<Target> = {
  get: (target, key) => cellOf(target, key),
  has: (target, key) => typeof key === 'string' && target.table.columns.has(key),
  ownKeys: (target) => [...target.table.columns.keys()],
  getOwnPropertyDescriptor: (target, key) => {
    const cell = cellOf(target, key);
    return cell === undefined ? undefined : { value: cell, writable: false, enumerable: true, configurable: true };
  },
  set: refuse,
  defineProperty: refuse,
  deleteProperty: refuse,
};

/** The record of `row0`'s mapped cells in `table`. */
export function rowView<K extends string>(table: TableColumns, row0: number): Partial<Record<K, SourcedValue>> {
  return new Proxy<Target>({ table, row0 }, handler) as unknown as Partial<Record<K, SourcedValue>>;
}
