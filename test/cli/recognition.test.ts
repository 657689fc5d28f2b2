/**
 * Outcomes as rubric settings, through `hs-score` and its JSON: a 认定分数线 (a recognised flag per
 * unit, separate from 末位淘汰), the 末位淘汰 line on the rubric's own scale, and 认定占比目标 per
 * unit type, measured by `hs-score share` on score's own verdicts (its JSON, or the ledger scored
 * with the rubric) and on a hand-typed table with a 类型 column. Expected figures are recomputed
 * here from the JSON's annual scores, never copied from the output.
 */
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictXlsx } from '../../src/sample/writeLedger';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { rubricSheetRows, RUBRIC_SHEET } from '../../src/rules/rubricSheet';
import type { RuleSet } from '../../src/rules/vocabulary';
import type { ScoreResult } from '../../src/result';
import type { ShareReport } from '../../src/cli/seedPolicies';

const { file, run, remove } = cliInProcess('hs-recognition-');
const json = <T = ScoreResult>(name: string): T => JSON.parse(fs.readFileSync(file(name), 'utf8'));

async function writeRubric(ruleSet: RuleSet, name: string, edit: (rows: ExcelJS.CellValue[][]) => void = () => {}): Promise<void> {
  const rows = rubricSheetRows(ruleSet) as ExcelJS.CellValue[][];
  edit(rows);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(RUBRIC_SHEET);
  for (const row of rows) sheet.addRow(row);
  await wb.xlsx.writeFile(file(name));
}

/** The line that splits the district: the median of the built-in annual scores. */
let line: number;

beforeAll(async () => {
  await writeDistrictXlsx(generateDistrict({ units: 20, seed: 11, badCells: false }), file('台账.xlsx'));
  expect((await run(['score', '台账.xlsx', '--json', 'builtin.json'])).status).toBe(0);
  const annuals = json('builtin.json').units.map((u) => u.annual!).sort((a, b) => a - b);
  line = annuals[Math.floor(annuals.length / 2)];
  await writeRubric({ ...HESHAN_2024, id: 'pass-line', ranking: { ...HESHAN_2024.ranking, recognitionLine: line, shareTargets: [{ unitType: '社区', share: 0.75 }, { unitType: '村', share: 0.4 }] } }, '认定细则.xlsx');
}, 120_000);
afterAll(remove);

describe('认定分数线', () => {
  let scored: ScoreResult;
  let out: string;
  beforeAll(async () => {
    const r = await run(['score', '台账.xlsx', '--rubric', '认定细则.xlsx', '--json', 'pass.json']);
    expect(r.status).toBe(0);
    out = r.out;
    scored = json('pass.json');
  });

  test('each unit is recognised exactly when its annual score reaches the line; scores and 末位淘汰 are unchanged', () => {
    const builtin = json('builtin.json');
    for (const u of scored.units) expect(u.recognised).toBe(u.annual! >= line);
    expect(scored.units.map((u) => [u.annual, u.eliminated])).toEqual(builtin.units.map((u) => [u.annual, u.eliminated]));
    expect(builtin.units[0].recognised).toBeUndefined(); // no line, no flag: the JSON says nothing it was not asked
    expect(builtin.recognition).toBeUndefined();
    expect(scored.recognition!.recognised).toEqual(scored.units.filter((u) => u.annual! >= line).map((u) => u.unit));
    expect(out).toContain(`认定（年度得分${line}分以上）：${scored.recognition!.recognised.length} 个`);
  });

  test('the share per unit type against the rubric’s targets, recomputed from the units', () => {
    const [community, village] = scored.recognition!.shares;
    for (const [share, type, target] of [[community, '社区', 0.75], [village, '村', 0.4]] as const) {
      const units = scored.units.filter((u) => u.type === type);
      const recognised = units.filter((u) => u.recognised).length;
      expect(share).toMatchObject({ unitType: type, units: units.length, recognised, pending: 0, target, meetsTarget: recognised / units.length >= target });
      expect(share.share).toBeCloseTo(recognised / units.length, 12);
      expect(out).toContain(`认定占比：${share.explanation}`);
    }
  });

  test('年度汇总 holds the 是否认定 column', async () => {
    expect((await run(['score', '台账.xlsx', '--rubric', '认定细则.xlsx', '--out', '评分.xlsx'])).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('评分.xlsx'));
    const sheet = wb.getWorksheet('年度汇总')!;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => (v === undefined ? '' : String(v)));
    const flag = header.indexOf('是否认定');
    expect(flag).toBe(header.indexOf('年度得分') + 1);
    const flags = scored.units.map((_, i) => sheet.getRow(i + 2).getCell(flag).value);
    expect(flags).toEqual(scored.units.map((u) => (u.recognised ? '是' : '否')));
  });

  test('`share` fed from score: its JSON, or the ledger scored with the rubric, give the same shares', async () => {
    const fromJson = await run(['share', 'pass.json', '--json', 'share1.json']);
    expect(fromJson.status).toBe(0);
    expect(json<ShareReport>('share1.json').shares).toEqual(scored.recognition!.shares);
    const fromLedger = await run(['share', '台账.xlsx', '--rubric', '认定细则.xlsx', '--json', 'share2.json']);
    expect(fromLedger.status).toBe(0);
    expect(json<ShareReport>('share2.json').shares).toEqual(scored.recognition!.shares);
    for (const s of scored.recognition!.shares) expect(fromLedger.out).toContain(s.explanation);
  });

  test('`share` on a result without a line, or a ledger with a rubric without one, is refused in Chinese', async () => {
    const r = await run(['share', 'builtin.json']);
    expect(r).toMatchObject({ status: 2, err: expect.stringMatching(/评分结果中没有认定结果：所用评分细则未设置「认定分数线」/) });
    const noLine = await run(['share', '台账.xlsx']);
    expect(noLine).toMatchObject({ status: 2, err: expect.stringMatching(/若这是台账，请用 --rubric 给出设有「认定分数线」的评分细则/) });
  });
});

test('a hand-typed table with a 类型 column: 71.43 % overall, but each type meets its own target', async () => {
  const rows = [
    ...Array.from({ length: 4 }, (_, i) => [`社区${i + 1}`, '社区', i < 3 ? '是' : '否']),
    ...Array.from({ length: 10 }, (_, i) => [`村${i + 1}`, '村', i < 7 ? '是' : '否']),
  ];
  fs.writeFileSync(file('两类.csv'), ['社区名称,类型,是否充分就业社区', ...rows.map((r) => r.join(','))].join('\n'));
  const overall = await run(['share', '两类.csv']);
  expect(overall.out).toContain('充分就业社区10个，占社区总数14个的71.43%，未达到80%以上的目标');
  const byType = await run(['share', '两类.csv', '--target', '社区 75%；村 70%', '--json', '两类.json']);
  expect(byType.status).toBe(0);
  expect(byType.out).toContain('社区：认定3个，占社区总数4个的75%，达到75%以上的目标');
  expect(byType.out).toContain('村：认定7个，占村总数10个的70%，达到70%以上的目标');
  expect(json<ShareReport>('两类.json').shares.map((s) => s.meetsTarget)).toEqual([true, true]);
  const bad = await run(['share', '两类.csv', '--target', '社区 120%']);
  expect(bad).toMatchObject({ status: 2, err: expect.stringMatching(/--target：占比目标「社区 120%」应大于0且不超过100%/) });
});

test('the 末位淘汰 line defaults to 95 % of the rubric’s own total (a 200-point rubric eliminates below 190)', async () => {
  const doubled: RuleSet = {
    ...HESHAN_2024,
    id: 'doubled',
    total: 200,
    sections: HESHAN_2024.sections.map((s) => ({ ...s, total: s.total * 2 })),
    indicators: HESHAN_2024.indicators.map((i) => ({ ...i, max: i.max * 2 })),
    buckets: HESHAN_2024.buckets.map((b) => ({ ...b, cap: b.cap * 2 })),
  };
  // The sheet leaves the line out, as a bureau's sheet may: it must not fall back to 95 points.
  await writeRubric(doubled, '二百分.xlsx', (rows) => rows.splice(rows.findIndex((r) => r[0] === '末位淘汰分数线'), 1));
  const r = await run(['score', '台账.xlsx', '--rubric', '二百分.xlsx', '--json', 'doubled.json']);
  expect(r.out).toContain('倒数排名（末位淘汰：倒数前3名且年度得分低于190分）');
  const units = json('doubled.json').units;
  const eliminated = units.filter((u) => u.bottomRank! <= 3 && u.annual! < 190).map((u) => u.unit);
  expect(units.filter((u) => u.eliminated).map((u) => u.unit)).toEqual(eliminated);
  expect(eliminated.length).toBeGreaterThan(0); // on a 95-point line none of these units (all above 100) would go
});
