/**
 * `hs-score rubric` and `hs-score score --rubric`, in process: the built-in rubric written as an
 * editable 评分细则 workbook, a bureau's edit of it changing the scores, a 评分细则 sheet inside the
 * ledger workbook picked up by itself, and a bad rubric refused with every bad row named.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictXlsx } from '../../src/sample/writeLedger';
import type { ScoreResult } from '../../src/result';

const { file, run, remove } = cliInProcess('hs-rubric-');


const json = (name: string): ScoreResult => JSON.parse(fs.readFileSync(file(name), 'utf8'));

beforeAll(async () => {
  await writeDistrictXlsx(generateDistrict({ units: 12, seed: 3, badCells: false }), file('台账.xlsx'));
}, 60_000);
afterAll(remove);

test('writes the built-in rubric as an editable sheet, which scores exactly as the built-in one', async () => {
  expect(await run(['rubric', '--out', '评分细则.xlsx'])).toMatchObject({ status: 0, out: expect.stringMatching(/已写出评分细则：评分细则\.xlsx（赫山区2024年充分就业社区\(村\)评价体系，30项指标）/) });
  expect((await run(['score', '台账.xlsx', '--json', 'builtin.json'])).status).toBe(0);
  const scored = await run(['score', '台账.xlsx', '--rubric', '评分细则.xlsx', '--json', 'sheet.json']);
  expect(scored.status).toBe(0);
  expect(scored.out).toMatch(/规则：赫山区2024年充分就业社区\(村\)评价体系（取自 评分细则\.xlsx）/);
  expect(json('sheet.json').units).toEqual(json('builtin.json').units);
});

test('a bureau’s edit of the sheet (E1’s target 90 %) changes E1 as written', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('评分细则.xlsx'));
  const sheet = wb.getWorksheet('评分细则')!;
  const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).map(String);
  sheet.eachRow((row) => {
    if (row.getCell(1).value === 'E1') row.getCell(header.indexOf('目标')).value = '90%';
  });
  await wb.xlsx.writeFile(file('本区细则.xlsx'));
  expect((await run(['score', '台账.xlsx', '--rubric', '本区细则.xlsx', '--json', 'own.json'])).status).toBe(0);
  const before = json('builtin.json').units.flatMap((u) => u.months.map((m) => m.indicators.E1 as number));
  const after = json('own.json').units.flatMap((u) => u.months.map((m) => m.indicators.E1 as number));
  expect(after.every((e1, i) => e1 >= before[i])).toBe(true);
  expect(after.some((e1, i) => e1 > before[i])).toBe(true);
});

test('a 评分细则 sheet inside the ledger workbook is used without --rubric; a bad one is refused, nothing scored', async () => {
  const ledger = new ExcelJS.Workbook();
  await ledger.xlsx.readFile(file('台账.xlsx'));
  const rubric = new ExcelJS.Workbook();
  await rubric.xlsx.readFile(file('本区细则.xlsx'));
  const copy = ledger.addWorksheet('评分细则');
  rubric.getWorksheet('评分细则')!.eachRow((row, r) => {
    copy.getRow(r).values = row.values as ExcelJS.CellValue[];
  });
  await ledger.xlsx.writeFile(file('带细则的台账.xlsx'));
  const scored = await run(['score', '带细则的台账.xlsx', '--json', 'inside.json']);
  expect(scored.out).toMatch(/（取自台账工作簿的「评分细则」表）/);
  expect(json('inside.json').units).toEqual(json('own.json').units);

  copy.eachRow((row) => {
    if (row.getCell(1).value === 'E2') row.getCell(8).value = '酌情扣分';
    if (row.getCell(1).value === 'S1') row.getCell(5).value = -5;
  });
  await ledger.xlsx.writeFile(file('坏细则.xlsx'));
  const refused = await run(['score', '坏细则.xlsx', '--json', 'bad.json']);
  expect(refused.status).toBe(2);
  expect(refused.err).toMatch(/评分细则有误，未评分：\n {2}评分细则!H\d+：指标E2的规则类型「酌情扣分」未知/);
  expect(refused.err).toMatch(/评分细则!E\d+：指标S1的满分不能为负数：-5/);
  expect(fs.existsSync(file('bad.json'))).toBe(false);
});

test('--rubric naming neither a file nor a sheet', async () => {
  const r = await run(['score', '台账.xlsx', '--rubric', '没有这个']);
  expect(r).toMatchObject({ status: 2, err: 'hs-score：找不到评分细则「没有这个」：既不是文件，也不是台账工作簿中的工作表\n' });
});

test('rubric --rubric: a bureau’s sheet checked, written back in the same form (the identical rule set), each rule printed in words', async () => {
  const { readRubricSheet } = await import('../../src/rules/rubricSheet');
  const { readGrids } = await import('../../src/cli/inputFiles');
  const r = await run(['rubric', '--rubric', '本区细则.xlsx', '--out', '重写.xlsx']);
  expect(r.status).toBe(0);
  expect(r.out).toContain('E1 登记失业人员就业率（5分）：低于90%时，每低1个百分点扣1分，扣完为止；满分5分');
  expect(r.out).toContain('P2a 年度业务培训（3分）：为「是」得3分，否则得0分');
  const sheetOf = async (name: string) => (await readGrids(file(name), '评分细则文件')).find((g) => g.name === '评分细则')!;
  const before = readRubricSheet(await sheetOf('本区细则.xlsx'));
  const after = readRubricSheet(await sheetOf('重写.xlsx'));
  expect(before.ok && after.ok).toBe(true);
  expect(after).toEqual(before);
  const bad = await run(['rubric', '--rubric', '坏细则.xlsx', '--out', '不写.xlsx']);
  expect(bad).toMatchObject({ status: 2, err: expect.stringMatching(/评分细则有误，未写出：\n {2}评分细则!H\d+：指标E2的规则类型「酌情扣分」未知/) });
  expect(fs.existsSync(file('不写.xlsx'))).toBe(false);
});
