/**
 * One district from many files (issue 12, item 2): a folder of community files (the unit only in
 * the file's name or title, .xlsx and .csv mixed), a folder of month files, and both at once. Each
 * scores exactly as the same figures in one sheet; a unit-month given twice names both places.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/ledger/types';
import { unitInText } from '../../src/read/ledgerFiles';
import type { ScoreResult } from '../../src/result';
import { districtGrids } from '../helpers/districtGrids';
import { cliInProcess } from '../helpers/cliInProcess';

const cli = cliInProcess('hs-files-');
afterAll(() => cli.remove());

const [single, params] = districtGrids({ units: 6, seed: 5, badCells: false });
const header = single.rows[0] as string[];
const unitColumn = header.indexOf('单位名称');
const monthColumn = header.indexOf('月份');
const data = single.rows.slice(1);
const units = [...new Set(data.map((r) => r[unitColumn] as string))];

async function writeXlsx(file: string, sheets: { name: string; rows: CellValue[][] }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows.map((r) => r.map((v) => v ?? null)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}
function writeCsv(file: string, rows: CellValue[][]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `\uFEFF${rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\r\n')}\r\n`);
}
const without = (row: readonly CellValue[], column: number) => row.filter((_, c) => c !== column);

async function scored(args: string[]): Promise<{ result: ScoreResult; out: string; status: number }> {
  const json = `${Math.random().toString(36).slice(2)}.json`;
  const run = await cli.run(['score', ...args, '--json', json]);
  return { status: run.status, out: run.out + run.err, result: run.status <= 1 ? JSON.parse(fs.readFileSync(cli.file(json), 'utf8')) : null };
}
// Units in the order the files list them: compared by name.
const verdicts = (r: ScoreResult) => r.units.map((u) => [u.unit, u.annual, u.bottomRank, u.eliminated, u.subsidy.total, u.months.map((m) => m.total)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

let reference: ScoreResult;
beforeAll(async () => {
  await writeXlsx(cli.file('单表.xlsx'), [{ name: '台账', rows: single.rows }, { name: '参数', rows: params.rows }]);
  reference = (await scored(['单表.xlsx'])).result;
  expect(reference.errors).toEqual([]);
});

test('unitInText finds the unit in a file name, title or folder', () => {
  expect(unitInText('三里桥社区.xlsx')).toBe('三里桥社区');
  expect(unitInText('2024年5月-会龙山村上报.xlsx')).toBe('会龙山村');
  expect(unitInText('桃花仑社区2024年充分就业社区(村)考核台账')).toBe('桃花仑社区');
  expect(unitInText('5月.xlsx')).toBeNull();
});

test('a folder of community files, the unit only in the file name or the title, xlsx and csv mixed', async () => {
  for (const [k, unit] of units.entries()) {
    const rows = [without(header, unitColumn), ...data.filter((r) => r[unitColumn] === unit).map((r) => without(r, unitColumn))];
    if (k % 3 === 0) writeCsv(cli.file(`社区上报/${unit}.csv`), rows);
    else if (k % 3 === 1) await writeXlsx(cli.file(`社区上报/${unit}.xlsx`), [{ name: 'Sheet1', rows }]);
    // The unit named only in a title row above the header.
    else await writeXlsx(cli.file(`社区上报/上报${k}.xlsx`), [{ name: '台账', rows: [[`${unit}2024年充分就业社区(村)考核台账`], ...rows] }]);
  }
  const { result, out } = await scored(['社区上报', '--params', '单表.xlsx']);
  expect(result.errors).toEqual([]);
  expect(verdicts(result)).toEqual(verdicts(reference));
  expect(result.summary.subsidyTotal).toBe(reference.summary.subsidyTotal);
  expect(out).toMatch(/由 6 个工作表合成一个台账/);
});

test('a folder of month files, the month in the file name; a unit-month given twice names both places', async () => {
  for (let month = 1; month <= 12; month++) {
    const rows = [without(header, monthColumn), ...data.filter((r) => r[monthColumn] === month).map((r) => without(r, monthColumn))];
    await writeXlsx(cli.file(`按月上报/${month}月.xlsx`), [{ name: 'Sheet1', rows }, ...(month === 1 ? [{ name: '参数', rows: params.rows }] : [])]);
  }
  const { result } = await scored(['按月上报']);
  expect(result.errors).toEqual([]);
  expect(verdicts(result)).toEqual(verdicts(reference));

  // The same May figures again in a community's own file.
  const unit = units[0];
  const may = data.filter((r) => r[unitColumn] === unit && r[monthColumn] === 5);
  writeCsv(cli.file(`按月上报/${unit}.csv`), [without(header, unitColumn), ...may.map((r) => without(r, unitColumn))]);
  const twice = (await scored(['按月上报'])).result;
  const dup = twice.errors.filter((e) => e.field === '月份');
  expect(dup).toHaveLength(1);
  expect(dup[0].unit).toBe(unit);
  expect(dup[0].message).toMatch(new RegExp(`^${unit}5月重复出现（与'?\\[?5月\\.xlsx\\]?'?!A\\d+重复），该月不计分$`));
  expect(dup[0].cell).toMatch(new RegExp(`^'?${unit}\\.csv'?!A\\d+$`));
});

test('several files given one by one are one district; a folder without ledgers is a Chinese error', async () => {
  const files = units.map((u, k) => (k % 3 === 0 ? `社区上报/${u}.csv` : k % 3 === 1 ? `社区上报/${u}.xlsx` : `社区上报/上报${k}.xlsx`));
  const { result } = await scored([...files, '--params', '单表.xlsx']);
  expect(verdicts(result)).toEqual(verdicts(reference));
  fs.mkdirSync(cli.file('空文件夹'), { recursive: true });
  const run = await cli.run(['score', '空文件夹']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/文件夹 .*空文件夹 中没有 \.xlsx 或 \.csv 台账文件/);
});

test('merge writes one ledger, a row per unit-month with its 来源, that scores as its files', async () => {
  const run = await cli.run(['merge', '社区上报', '--params', '单表.xlsx', '--out', '合并台账.xlsx']);
  expect(run.err).toBe('');
  expect(run.status).toBe(0);
  expect(run.out).toMatch(/^已合并 6 个文件、6 个工作表：72 行，6 个单位 → 合并台账\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(cli.file('合并台账.xlsx'));
  const sheet = wb.getWorksheet('台账')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers[0]).toBe('单位名称');
  expect(headers[headers.length - 1]).toBe('来源');
  const sources = sheet.getColumn(headers.length).values.slice(2).map(String);
  expect(sources).toHaveLength(72);
  expect(sources.every((s) => /\.(csv|xlsx)/.test(s))).toBe(true);
  const { result } = await scored(['合并台账.xlsx']);
  expect(result.errors).toEqual([]);
  expect(verdicts(result)).toEqual(verdicts(reference));
  // The merged ledger is the input now: merging onto a source is refused.
  const again = await cli.run(['merge', '社区上报', '--out', `社区上报/${units[1]}.xlsx`]);
  expect(again.status).toBe(2);
});

test('a command given too many files says how many it takes, not that one ledger is scored at a time', async () => {
  const run = await cli.run(['haian', 'a.xlsx', 'b.xlsx', '--as-of', '2024-06-30']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/参数过多：收到 2 个，此命令只接受 1 个/);
});
