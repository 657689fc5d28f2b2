/**
 * A county's rubric with its own fields and unit types (test/helpers/bureauRubric.ts) through
 * hs-score, in process: a ledger workbook holding its 评分细则 sheet scores as worked out by hand; a
 * CSV ledger scores the same with --rubric naming the rubric's file (its 字段 table says which
 * columns the CSV has); merge reads the bureau's columns with --rubric; and `hs-score rubric --out`
 * writes the 字段 table, which reads back as the built-in fields.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { FIELDS } from '../../src/fields';
import type { CellValue } from '../../src/ledger/types';
import type { ScoreResult } from '../../src/result';
import { FIELD_HEADER } from '../../src/rules/fieldTable';
import { cliInProcess } from '../helpers/cliInProcess';
import { BUREAU_ANNUAL, BUREAU_EXPECTED, bureauLedgerRows, bureauRubricRows } from '../helpers/bureauRubric';

const { file, run, remove } = cliInProcess('hs-bureau-');
afterAll(remove);

async function workbook(name: string, sheets: Record<string, CellValue[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    for (const row of rows) ws.addRow(row);
  }
  await wb.xlsx.writeFile(file(name));
}

const json = (name: string): ScoreResult => JSON.parse(fs.readFileSync(file(name), 'utf8'));
const scored = (result: ScoreResult) => result.units.flatMap((u) => u.months.map((m) => ({ unit: u.unit, month: m.month, indicators: m.indicators, total: m.total })));

beforeAll(async () => {
  await workbook('示例县台账.xlsx', { 台账: bureauLedgerRows(), 评分细则: bureauRubricRows() });
  await workbook('示例县细则.xlsx', { 评分细则: bureauRubricRows() });
  const csv = bureauLedgerRows().map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n');
  fs.writeFileSync(file('示例县台账.csv'), `${csv}\n`);
}, 60_000);

test('a ledger workbook with the county’s 评分细则: its own fields and 街道/镇 scored as worked out by hand', async () => {
  const r = await run(['score', '示例县台账.xlsx', '--json', 'inside.json']);
  expect(r.status).toBe(0);
  expect(r.out).toMatch(/规则：示例县2025年充分就业社区考核细则（取自台账工作簿的「评分细则」表）/);
  expect(r.out).toMatch(/单位 2 个（街道 1 个，镇 1 个）/);
  const result = json('inside.json');
  expect(scored(result)).toEqual(BUREAU_EXPECTED);
  expect(Object.fromEntries(result.units.map((u) => [u.unit, u.annual]))).toEqual(BUREAU_ANNUAL);
  expect(result.errors).toEqual([]);
});

test('a CSV ledger with --rubric naming the rubric’s file scores the same; without it the columns are not known', async () => {
  expect((await run(['score', '示例县台账.csv', '--rubric', '示例县细则.xlsx', '--json', 'csv.json'])).status).toBe(0);
  expect(scored(json('csv.json'))).toEqual(BUREAU_EXPECTED);
  const plain = await run(['score', '示例县台账.csv', '--json', 'plain.json', '--mapping']);
  expect(plain.out).toMatch(/4050人员数 → 未识别，已忽略/);
});

test('a bad 字段 table is refused before anything is scored, naming its cells', async () => {
  const rows = bureauRubricRows();
  rows.find((r) => r[0] === '是否建立援助机制')![2] = '按0计';
  await workbook('坏细则台账.xlsx', { 台账: bureauLedgerRows(), 评分细则: rows });
  const r = await run(['score', '坏细则台账.xlsx', '--json', 'bad.json']);
  expect(r.status).toBe(2);
  expect(r.err).toMatch(/评分细则有误，未评分：\n {2}评分细则!C\d+：字段「是否建立援助机制」的字段类型为是否，空白不能按0计/);
  expect(fs.existsSync(file('bad.json'))).toBe(false);
});

test('merge --rubric reads the county’s columns and writes them under the 字段 table’s names', async () => {
  expect((await run(['merge', '示例县台账.csv', '--rubric', '示例县细则.xlsx', '--out', '合并.xlsx'])).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('合并.xlsx'));
  const header = (wb.getWorksheet('台账')!.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(['单位名称', '类型', '月份', '4050人员', '已就业的4050人员', '新生劳动力', '已培训的新生劳动力', '是否建立援助机制', '未就业的农村低收入家庭劳动力', '自主创业人数', '工作台账检查得分', '备注', '来源']);
});

test('a template for the county’s rubric asks for its own fields, its units’ types read from their names, and scores once filled', async () => {
  fs.writeFileSync(file('单位.csv'), '单位名称\n城关街道\n马营镇\n');
  const made = await run(['template', '--units', '单位.csv', '--year', '2025', '--rubric', '示例县细则.xlsx', '--out', '模板.xlsx']);
  expect(made.status).toBe(0);
  expect(made.out).toMatch(/单位 2 个（街道 1 个，镇 1 个/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('模板.xlsx'));
  const ledger = wb.getWorksheet('台账')!;
  let headerRow = 0;
  ledger.eachRow((row, r) => {
    if (!headerRow && row.getCell(1).value === '单位名称') headerRow = r;
  });
  const header = (ledger.getRow(headerRow).values as unknown[]).slice(1).map(String);
  expect(header).toEqual(expect.arrayContaining(['4050人员（人）', '已就业的4050人员（人）', '是否建立援助机制（是/否）', '工作台账检查得分（分）']));
  expect(header.join()).not.toMatch(/劳动力总数|备注/);
  // Fill March as the county's ledger says, and score the template.
  const filled = new Map(bureauLedgerRows().slice(1).filter((r) => r[2] === 3).map((r) => [r[0], r]));
  ledger.eachRow((row, r) => {
    if (r <= headerRow) return;
    const source = filled.get(String(row.getCell(1).value));
    if (row.getCell(header.indexOf('月份') + 1).value !== 3 || !source) return;
    header.forEach((h, c) => {
      const at = ['4050人员（人）', '已就业的4050人员（人）', '新生劳动力（人）', '已培训的新生劳动力（人）', '是否建立援助机制（是/否）', '未就业的农村低收入家庭劳动力（人）', '自主创业人数（人）', '工作台账检查得分（分）'].indexOf(h);
      if (at >= 0 && source[3 + at] !== null) row.getCell(c + 1).value = source[3 + at] as ExcelJS.CellValue;
    });
  });
  await wb.xlsx.writeFile(file('模板已填.xlsx'));
  expect((await run(['score', '模板已填.xlsx', '--json', 'template.json'])).status).toBe(0);
  const march = scored(json('template.json')).filter((m) => m.month === 3);
  expect(march).toEqual(BUREAU_EXPECTED.filter((e) => e.month === 3));
});

test('hs-score rubric --out writes the 字段 table of every built-in field', async () => {
  expect((await run(['rubric', '--out', '赫山细则.xlsx'])).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('赫山细则.xlsx'));
  const names: string[] = [];
  let inTable = false;
  wb.getWorksheet('评分细则')!.eachRow((row) => {
    const first = String(row.getCell(1).value ?? '');
    if (first === FIELD_HEADER[0]) inTable = true;
    else if (inTable && first === '单位类型') inTable = false;
    else if (inTable) names.push(first);
  });
  expect(names).toEqual(FIELDS.map((f) => f.zh));
});
