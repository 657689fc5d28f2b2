/**
 * Unit-months held column-wise: one Float64Array per input field, NaN where the value is
 * missing or blocked by an error. Scoring a million rows is then a few tight loops per
 * indicator instead of a million object walks.
 */
import type { UnitType } from '../fields';

/** Type codes in `UnitMonthTable.type`. */
export const TYPE_CODE: Readonly<Record<UnitType, number>> = { 社区: 0, 村: 1 };
export const UNKNOWN_TYPE = -1;

export interface UnitMonthTable {
  length: number;
  /** Index into the caller's unit list. */
  unit: Int32Array;
  /** 1–12. */
  month: Int8Array;
  /** TYPE_CODE or UNKNOWN_TYPE. */
  type: Int8Array;
  /** Field key → values; a field not present reads as all-NaN (every dependent indicator blocked). */
  columns: Map<string, Float64Array>;
}

export function createTable(length: number, fieldKeys: Iterable<string>): UnitMonthTable {
  const columns = new Map<string, Float64Array>();
  for (const key of fieldKeys) columns.set(key, new Float64Array(length));
  return {
    length,
    unit: new Int32Array(length),
    month: new Int8Array(length),
    type: new Int8Array(length),
    columns,
  };
}

export function typeCode(type: UnitType | null): number {
  return type === null ? UNKNOWN_TYPE : TYPE_CODE[type];
}
