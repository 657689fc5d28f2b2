/**
 * The reader against the project's own sample writer: the ledger a bureau would keep (title row,
 * two-row merged header, units in brackets, a 参数 sheet), and the plain CSV pair. Every column
 * must map to its field with no warning, and every cell must be named where the writer put it.
 */
import { FIELDS } from '../../src/fields';
import { readLedgerFile } from '../../src/read/ledger';
import { generateDistrict } from '../../src/sample/generateLedger';
import { csvCellAddress, writeDistrictCsv, writeDistrictXlsx, xlsxCellAddress } from '../../src/sample/writeLedger';
import { tempDir } from './helpers';

describe('reading the sample ledger', () => {
  const tmp = tempDir();
  const district = generateDistrict({ units: 36 });
  afterAll(() => tmp.cleanup());

  it('maps every column of the .xlsx ledger and locates every cell', async () => {
    const file = tmp.file('sample.xlsx');
    await writeDistrictXlsx(district, file);
    const { raw } = await readLedgerFile(file);
    expect(raw.issues).toEqual([]);
    expect(raw.mapping.headerRows).toEqual([1, 2]);
    expect(raw.mapping.columns.every((c) => c.target !== null && c.confidence >= 0.9)).toBe(true);
    const ledgerFields = FIELDS.filter((f) => !f.param).map((f) => f.key).sort();
    expect(raw.mapping.columns.flatMap((c) => (c.target?.kind === 'field' ? [c.target.key] : [])).sort()).toEqual(ledgerFields);
    expect(raw.rows).toHaveLength(district.rows.length);
    for (const bad of district.badCells) {
      const row = raw.rows[bad.row];
      const source = row.fields[bad.key] ?? row.attributes[bad.key as 'month'];
      expect(source.cell).toBe(xlsxCellAddress(bad.row, bad.key));
      expect(source.value).toEqual(district.rows[bad.row][bad.key] ?? null);
    }
    expect(raw.params).toHaveLength(district.params.length);
  });

  it('reads the CSV ledger and its parameters CSV the same way', async () => {
    const file = tmp.file('台账.csv');
    const params = tmp.file('参数.csv');
    await writeDistrictCsv(district, file, params);
    const { raw, encoding } = await readLedgerFile(file, { paramsPath: params });
    expect(encoding).toBe('utf-8-bom');
    expect(raw.issues).toEqual([]);
    expect(raw.mapping.columns.every((c) => c.matchedBy === 'canonical')).toBe(true);
    expect(raw.rows).toHaveLength(district.rows.length);
    const bad = district.badCells[0];
    expect(raw.rows[bad.row].fields[bad.key].cell).toBe(`台账!${csvCellAddress(bad.row, bad.key)}`);
    expect(raw.params.map((p) => p.month.value)).toEqual(district.params.map((p) => String(p.month)));
  });
});
