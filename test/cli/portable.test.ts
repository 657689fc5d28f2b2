/**
 * `hs-score score --formulas`: 数值 (the default) or 通用 (通用公式, English `portable`), and what
 * 通用公式 refuses in Chinese before writing anything — an unknown 写法, no --out, a CSV ledger or
 * several files (the formulas read the workbook's own cells), a 参数 table from another file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictCsv, writeDistrictXlsx } from '../../src/sample/writeLedger';
import { cliInProcess } from '../helpers/cliInProcess';

const cli = cliInProcess('hs-portable-cli-');
afterAll(() => cli.remove());

beforeAll(async () => {
  const district = generateDistrict({ units: 6, seed: 3, badCells: false });
  await writeDistrictXlsx(district, cli.file('ledger.xlsx'));
  await writeDistrictCsv(district, cli.file('ledger.csv'), cli.file('params.csv'));
  // The same ledger without its 参数 sheet: the averages come from params.csv.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(cli.file('ledger.xlsx'));
  wb.removeWorksheet(wb.getWorksheet('参数')!.id);
  await wb.xlsx.writeFile(cli.file('no-params.xlsx'));
});

test('通用 and portable write the same formulas; 数值 and values write numbers', async () => {
  for (const [name, formulas] of [['通用', true], ['portable', true], ['数值', false], ['values', false]] as const) {
    const run = await cli.run(['score', 'ledger.xlsx', '--formulas', name, '--out', `out-${name}.xlsx`]);
    expect({ name, status: run.status, err: run.err }).toEqual({ name, status: 0, err: '' });
    expect(run.out.includes('评分工作簿（通用公式）')).toBe(formulas);
  }
  const size = (name: string) => fs.statSync(cli.file(`out-${name}.xlsx`)).size;
  expect(Math.abs(size('通用') - size('portable'))).toBeLessThan(64); // the same sheets (timestamps aside)
});

test.each([
  [['score', 'ledger.xlsx', '--formulas', '公式', '--out', 'x.xlsx'], '--formulas 应为「数值」或「通用」'],
  [['score', 'ledger.xlsx', '--formulas', '通用'], '请同时给出 --out'],
  [['score', 'ledger.csv', '--params', 'params.csv', '--formulas', '通用', '--out', 'x.xlsx'], '只能用于一个 .xlsx 台账'],
  [['score', 'ledger.xlsx', 'ledger.xlsx', '--formulas', '通用', '--out', 'x.xlsx'], '只能用于一个 .xlsx 台账'],
  [['score', 'no-params.xlsx', '--params', 'params.csv', '--formulas', '通用', '--out', 'x.xlsx'], '通用公式只能读取写入的工作簿中的单元格'],
])('refused in Chinese, nothing written: %j', async (args, message) => {
  const run = await cli.run(args);
  expect(run.status).not.toBe(0);
  expect(run.err).toContain(message);
  expect(fs.existsSync(path.join(cli.dir, 'x.xlsx'))).toBe(false);
});
