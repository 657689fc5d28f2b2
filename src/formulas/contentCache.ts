/**
 * Small caches keyed by the content of a worksheet argument. Excel hands a custom function fresh
 * arrays on every call, so identity never repeats; the same header row, 参数 table or 评分细则 does,
 * and is parsed once instead of once per call.
 */
import type { CellValue } from '../ledger/types';

/** A map by content key; cleared when full (a workbook holds a handful of distinct headers or rubrics). */
export class ContentCache<T> {
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

const cellKey = (v: unknown): string => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : `${typeof v === 'string' ? 's' : 'v'}${String(v)}`);

/** A key for a range's values: equal keys mean equal cells (text "1" and the number 1 differ). */
export function contentKey(rows: readonly (readonly (CellValue | unknown)[])[]): string {
  return rows.map((row) => row.map(cellKey).join('\u0001')).join('\u0002');
}
