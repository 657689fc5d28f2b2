/**
 * A generated district as the RawLedger a reader would produce from the written .xlsx (canonical
 * mapping, real addresses `台账!H17`), without reading a file: for the pure output-sheet tests.
 */
import { ATTRIBUTES, FIELD_BY_KEY, PARAM_FIELDS, type UnitAttributeKey } from '../../src/fields';
import type { CellValue, ColumnMapping, RawLedger, RawParamRow, RawRow, SheetGrid, SourcedValue } from '../../src/ledger/types';
import { columnLetter, ledgerColumns, type District } from '../../src/sample/generateLedger';
import { LEDGER_SHEET, PARAM_SHEET, XLSX_FIRST_DATA_ROW } from '../../src/sample/writeLedger';

export function districtLedger(district: District): RawLedger {
  const columns = ledgerColumns(true);
  const mapping: ColumnMapping[] = columns.map((c, column) => {
    const attr = ATTRIBUTES.find((a) => a.key === c.key);
    return {
      column,
      header: c.section ? `${c.section}/${c.header}` : c.header,
      target: attr ? { kind: 'attribute', key: attr.key } : { kind: 'field', key: c.key },
      confidence: 1,
      matchedBy: 'canonical',
    };
  });
  const rows: RawRow[] = district.rows.map((data, r) => {
    const sheetRow = XLSX_FIRST_DATA_ROW + r;
    const attributes: RawRow['attributes'] = {};
    const fields: Record<string, SourcedValue> = {};
    columns.forEach((c, i) => {
      const v = data[c.key];
      const sourced: SourcedValue = { value: v === undefined ? null : v, cell: `${LEDGER_SHEET}!${columnLetter(i)}${sheetRow}` };
      if (FIELD_BY_KEY.has(c.key)) fields[c.key] = sourced;
      else attributes[c.key as UnitAttributeKey] = sourced;
    });
    return { rowRef: `${LEDGER_SHEET}!A${sheetRow}`, row: sheetRow, attributes, fields };
  });
  const params: RawParamRow[] = district.params.map((p, r) => {
    const fields: Record<string, SourcedValue> = {};
    PARAM_FIELDS.forEach((f, i) => {
      fields[f.key] = { value: p[f.key] ?? null, cell: `${PARAM_SHEET}!${columnLetter(i + 1)}${r + 2}` };
    });
    return { row: r + 2, month: { value: p.month ?? null, cell: `${PARAM_SHEET}!A${r + 2}` }, fields };
  });
  return {
    source: 'generated',
    sheet: LEDGER_SHEET,
    mapping: { sheet: LEDGER_SHEET, headerRows: [1, 2], firstDataRow: XLSX_FIRST_DATA_ROW - 1, columns: mapping },
    rows,
    params,
    unitRows: [],
    issues: [],
  };
}

/** The ledger sheet's cells a RawLedger was read from: each raw row's mapped values at its sheet row. */
export function ledgerGridOf(ledger: RawLedger): SheetGrid {
  const rows: CellValue[][] = [];
  for (let r = 0; r < ledger.mapping.firstDataRow; r++) rows.push(ledger.mapping.columns.map((c) => (ledger.mapping.headerRows.includes(r) ? c.header : null)));
  for (const row of ledger.rows) {
    rows[row.row - 1] = ledger.mapping.columns.map((c) => {
      if (!c.target) return null;
      const source = c.target.kind === 'field' ? row.fields[c.target.key] : row.attributes[c.target.key];
      return source?.value ?? null;
    });
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { name: ledger.sheet, rows, merges: [] };
}
