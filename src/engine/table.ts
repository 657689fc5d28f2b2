/**
 * Unit-months held column-wise: one Float64Array per input field, NaN where the value is
 * missing or blocked by an error. Scoring a million rows is then a few tight loops per
 * indicator instead of a million object walks.
 */
/** `UnitMonthTable.type` of a row whose unit type is unknown; a known one is its index in the rule set's `unitTypes`. */
export const UNKNOWN_TYPE = -1;

export interface UnitMonthTable {
  length: number;
  /** Index into the caller's unit list. */
  unit: Int32Array;
  /** 1–12. */
  month: Int8Array;
  /** The unit type's index in the rule set's `unitTypes`, or UNKNOWN_TYPE. */
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
