/**
 * The package editor's formula cells (for 通用公式): a sheet marked `formulas` writes text starting
 * with '=' as a formula without a cached value, escaped for XML, and the workbook is set to be
 * calculated in full when opened (calcPr fullCalcOnLoad, on the workbook's own calcPr or one added
 * in the schema's place); an unmarked sheet writes the same text as text, and leaves calcPr alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { writeSheetsIntoPackage } from '../../src/output/packageEdit';
import type { SheetTable } from '../../src/output/sheets';

const table: SheetTable = {
  name: '月度得分',
  columns: [{ header: '单位名称', kind: 'text' }, { header: '得分', kind: 'points' }],
  rows: [['甲社区', '=IF(台账!B2<0,"数据有误",MIN(5,台账!B2))'], ['乙社区', 3]],
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-formula-cells-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function source(withCalcPr: boolean): Promise<string> {
  const file = path.join(dir, `source-${withCalcPr}.xlsx`);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['单位名称', '劳动力']);
  await wb.xlsx.writeFile(file);
  if (!withCalcPr) {
    const files = unzipSync(fs.readFileSync(file));
    files['xl/workbook.xml'] = Buffer.from(Buffer.from(files['xl/workbook.xml']).toString('utf8').replace(/<calcPr[^>]*\/>/, ''));
    fs.writeFileSync(file, zipSync(files));
  }
  return file;
}

async function written(withCalcPr: boolean, formulas: boolean): Promise<{ sheet: string; workbook: string }> {
  const out = path.join(dir, `out-${withCalcPr}-${formulas}.xlsx`);
  await writeSheetsIntoPackage(await source(withCalcPr), out, [{ table, frozenColumns: 1, formulas }]);
  const files = unzipSync(fs.readFileSync(out));
  const sheetName = Object.keys(files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && Buffer.from(files[n]).toString('utf8').includes('甲社区'))!;
  return { sheet: Buffer.from(files[sheetName]).toString('utf8'), workbook: Buffer.from(files['xl/workbook.xml']).toString('utf8') };
}

test('a formula sheet: <f> without a value, escaped; the workbook calculated when opened', async () => {
  const { sheet, workbook } = await written(true, true);
  expect(sheet).toContain('<f>IF(台账!B2&lt;0,"数据有误",MIN(5,台账!B2))</f></c>');
  expect(sheet).not.toMatch(/<f>[^<]*<\/f><v>/);
  expect(workbook).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  expect(workbook.match(/<calcPr/g)).toHaveLength(1);
});

test('a workbook without calcPr gets one after its sheets and defined names', async () => {
  const { workbook } = await written(false, true);
  expect(workbook).toMatch(/<\/sheets>(<definedNames>[\s\S]*<\/definedNames>)?<calcPr fullCalcOnLoad="1"\/>/);
});

test('a sheet not marked: the same text is text, and calcPr is left as it was', async () => {
  const { sheet, workbook } = await written(true, false);
  expect(sheet).not.toContain('<f>');
  expect(sheet).toContain('t="inlineStr"><is><t>=IF(台账!B2&lt;0');
  expect(workbook).not.toContain('fullCalcOnLoad');
});

test('a formula copied down a column is written once, as a shared formula the cells below name', async () => {
  const out = path.join(dir, 'shared.xlsx');
  const copied: SheetTable = { ...table, rows: [['甲', '=台账!B2*2'], ['乙', '=台账!B3*2'], ['丙', '=台账!B4*2'], ['丁', '=台账!B9*2']] };
  await writeSheetsIntoPackage(await source(true), out, [{ table: copied, frozenColumns: 1, formulas: true }]);
  const files = unzipSync(fs.readFileSync(out));
  const sheet = Object.keys(files).map((n) => Buffer.from(files[n]).toString('utf8')).find((x) => x.includes('甲'))!;
  expect(sheet).toMatch(/<c r="B2"[^>]*><f t="shared" ref="B2:B4" si="(\d+)">台账!B2\*2<\/f><\/c>/);
  expect(sheet).toMatch(/<c r="B3"[^>]*><f t="shared" si="\d+"\/><\/c>/);
  expect(sheet).toMatch(/<c r="B5"[^>]*><f>台账!B9\*2<\/f><\/c>/);
});
