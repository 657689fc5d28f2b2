/**
 * The consolidated ledger `hs-score merge` writes: the rows of many files (a file per community, a
 * file per month, a sheet per month) as one table, one row per unit-month under canonical headers,
 * each with a 来源 column naming the file and cell it came from, so an analyst can keep one workbook
 * from then on. Values are kept as written: the merged ledger scores exactly as its sources.
 */
import { ATTRIBUTES, BUILT_IN_FIELDS, type FieldSet, type UnitAttributeKey } from '../fields';
import type { CellValue, RawLedger, RawRow } from '../ledger/types';
import type { SheetColumn, SheetTable, SheetValue } from './sheets';

export const SOURCE_HEADER = '来源';

function asSheetValue(v: CellValue | undefined): SheetValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

const column = (header: string, kind: SheetColumn['kind'] = 'text'): SheetColumn => ({ header, kind });

/** Keys present on any of `rows`, in the order `order` gives them. */
function keysIn(rows: readonly RawRow[], order: readonly string[], of: (row: RawRow) => object): string[] {
  const present = new Set<string>();
  for (const row of rows) for (const key of Object.keys(of(row))) present.add(key);
  return order.filter((key) => present.has(key));
}

/** Where a row came from: its 单位名称 cell, or its first cell. */
const sourceOf = (row: RawRow): string => row.attributes.unit?.cell ?? row.rowRef;

/** The merged ledger's sheets; fields are named as the rule set's `fields` name them. */
export function mergedLedgerTables(raw: RawLedger, fields: FieldSet = BUILT_IN_FIELDS): SheetTable[] {
  const attributeOrder = ATTRIBUTES.map((a) => a.key);
  const attributes = keysIn(raw.rows, attributeOrder, (r) => r.attributes) as UnitAttributeKey[];
  const keys = keysIn(raw.rows, [...fields.byKey.keys()], (r) => r.fields);
  const name = (key: UnitAttributeKey) => ATTRIBUTES.find((a) => a.key === key)!.zh;
  const ledger: SheetTable = {
    name: '台账',
    columns: [...attributes.map((k) => column(name(k))), ...keys.map((k) => column(fields.name(k))), column(SOURCE_HEADER, 'cell')],
    rows: raw.rows.map((row) => [
      ...attributes.map((k) => asSheetValue(row.attributes[k]?.value)),
      ...keys.map((k) => asSheetValue(row.fields[k]?.value)),
      sourceOf(row),
    ]),
  };
  const tables = [ledger];
  if (raw.params.length > 0) {
    const params = fields.params.filter((d) => raw.params.some((p) => d.key in p.fields));
    tables.push({
      name: '参数',
      columns: [column('月份'), ...params.map((d) => column(d.zh)), column(SOURCE_HEADER, 'cell')],
      rows: raw.params.map((p) => [asSheetValue(p.month.value), ...params.map((d) => asSheetValue(p.fields[d.key]?.value)), p.month.cell]),
    });
  }
  if (raw.unitRows.length > 0) {
    const unitAttributes = keysIn(raw.unitRows, attributeOrder, (r) => r.attributes) as UnitAttributeKey[];
    tables.push({
      name: '单位信息',
      columns: [...unitAttributes.map((k) => column(name(k))), column(SOURCE_HEADER, 'cell')],
      rows: raw.unitRows.map((row) => [...unitAttributes.map((k) => asSheetValue(row.attributes[k]?.value)), sourceOf(row)]),
    });
  }
  return tables;
}
