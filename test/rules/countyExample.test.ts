/**
 * The README's second rubric (清河县, an example county), end to end: its tables are read from the
 * README itself, written to a workbook as an analyst would type them (台账 and 评分细则), scored by
 * `hs-score`, and the scores, verdicts and summary lines must be the ones the README states by hand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';
import type { ScoreResult } from '../../src/result';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = README.slice(README.indexOf('### A second rubric, end to end'), README.indexOf('`hs-score score 台账.xlsx --rubric <file|sheet>`'));

type Cell = string | number | null;
/** The markdown tables of the section, in order, as rows of cells (the |---| line left out). */
function tables(text: string): Cell[][][] {
  const out: Cell[][][] = [];
  let current: Cell[][] | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    if (/^\|[-|]+\|$/.test(line)) continue;
    const cells = line.slice(1, -1).split('|').map((c): Cell => {
      const t = c.trim();
      return t === '' ? null : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
    });
    if (!current) out.push((current = []));
    current.push(cells);
  }
  return out;
}

const { file, run, remove } = cliInProcess('hs-county-');
afterAll(remove);

test('the README’s example county scores as the README says', async () => {
  const [indicators, sections, settings, fields, unitTypes, ledger, expected] = tables(section);
  const title = /\*\*评分细则\*\*, A1: `([^`]+)`/.exec(section)![1];
  const rubric: Cell[][] = [[title], ...indicators, [], ...sections, [], ...settings, [], ...fields, [], ...unitTypes];
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of [['台账', ledger], ['评分细则', rubric]] as const) {
    const sheet = wb.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  await wb.xlsx.writeFile(file('清河.xlsx'));

  const r = await run(['score', '清河.xlsx', '--json', '清河.json']);
  expect(r.err).toBe('');
  expect(r.status).toBe(0);
  const result: ScoreResult = JSON.parse(fs.readFileSync(file('清河.json'), 'utf8'));
  expect(result.ruleSet).toBe('qinghe-2025');
  expect(result.errors).toEqual([]);

  const [header, ...rows] = expected;
  const codes = header.slice(1, -2) as string[];
  for (const row of rows) {
    const unit = result.units.find((u) => u.unit === row[0])!;
    const month = unit.months[0];
    const points = Object.fromEntries(codes.map((code, k) => [code, row[k + 1]]).filter(([, v]) => v !== null));
    expect(month.indicators).toEqual(points);
    expect(month.total).toBe(row[row.length - 2]);
    expect(unit.recognised).toBe(row[row.length - 1] === '是');
  }
  const printed = /prints, among its lines:\n\n```\n([\s\S]*?)```/.exec(section)![1].trim().split('\n');
  for (const line of printed) expect(r.out).toContain(line);
});
