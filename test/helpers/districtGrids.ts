/**
 * A generated district as the grids the pane reads from an open workbook: a 台账 sheet (one header
 * row, as typed by hand) and a 参数 sheet. No file I/O, so jsdom tests can use it.
 */
import type { SheetGrid } from '../../src/ledger/types';
import { generateDistrict, ledgerColumns, paramColumns, type DistrictOptions } from '../../src/sample/generateLedger';

export function districtGrids(options: DistrictOptions = {}): SheetGrid[] {
  const district = generateDistrict(options);
  const columns = ledgerColumns();
  const params = paramColumns();
  return [
    {
      name: '台账',
      rows: [columns.map((c) => c.header), ...district.rows.map((row) => columns.map((c) => row[c.key] ?? null))],
      merges: [],
    },
    {
      name: '参数',
      rows: [params.map((c) => c.header), ...district.params.map((row) => params.map((c) => row[c.key] ?? null))],
      merges: [],
    },
  ];
}
