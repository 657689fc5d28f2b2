/**
 * The rubric as a 评分细则 sheet (src/rules/rubricSheet.ts): the built-in Heshan rubric written out and
 * read back is the identical rule set and scores the same to the cent; every rule type reads; a bad
 * sheet is refused as a whole with a Chinese message naming the row.
 */
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { readRubricSheet, rubricSheetRows, RUBRIC_SHEET, INDICATOR_HEADER } from '../../src/rules/rubricSheet';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { RuleSet } from '../../src/rules/vocabulary';
import { generateDistrict } from '../../src/sample/generateLedger';
import { scoreLedger } from '../../src/score';
import { districtLedger } from '../output/districtLedger';

const grid = (rows: CellValue[][]): SheetGrid => ({ name: RUBRIC_SHEET, rows, merges: [] });
const read = (ruleSet: RuleSet) => readRubricSheet(grid(rubricSheetRows(ruleSet)));
const ok = (reading: ReturnType<typeof readRubricSheet>): RuleSet => {
  if (!reading.ok) throw new Error(reading.errors.join('\n'));
  return reading.ruleSet;
};

test('Heshan 2024 written out and read back is the identical rule set', () => {
  expect(ok(read(HESHAN_2024))).toEqual(HESHAN_2024);
});

test('…and scores a district the same to the cent', () => {
  const ledger = districtLedger(generateDistrict({ units: 60, seed: 5 }));
  const a = scoreLedger(ledger, { ruleSet: HESHAN_2024 });
  const b = scoreLedger(ledger, { ruleSet: ok(read(HESHAN_2024)) });
  expect(b.units).toEqual(a.units);
});

test('a bureau’s own rubric: a changed target and a changed setting change the scores as written', () => {
  const rows = rubricSheetRows(HESHAN_2024);
  const header = rows[1] as string[];
  const e1 = rows.findIndex((r) => r[0] === 'E1');
  rows[e1][header.indexOf('目标')] = '90%';
  const step = rows.findIndex((r) => r[0] === '扣分步长');
  rows[step][1] = '取整';
  const ruleSet = ok(readRubricSheet(grid(rows)));
  const e1Rule = ruleSet.indicators.find((i) => i.code === 'E1')!.scoring;
  expect(e1Rule).toEqual({ kind: 'belowTarget', target: 0.9, perPoint: 1, unit: 'pp' });
  expect(ruleSet.scoring.deductionStep).toBe('ceil');
});

/** A small rubric with every rule type, written by hand as a bureau would. */
function everyRuleType(): CellValue[][] {
  const H = [...INDICATOR_HEADER];
  const row = (values: Partial<Record<(typeof INDICATOR_HEADER)[number], CellValue>>) => H.map((h) => values[h] ?? null);
  return [
    ['某区2025年评分细则（demo-2025），总分38'],
    H,
    row({ 代码: 'A1', 板块: 'A', 指标名称: '就业率', 满分: 5, 计量方式: '补数', 计量: '劳动力总数 − 期末登记失业人员人数', 规则类型: '低于目标扣分', 目标: '95%', 每项分值: 1, 单位: '百分点' }),
    row({ 代码: 'A2', 板块: 'A', 指标名称: '长期失业', 满分: 5, 计量方式: '字段', 计量: '登记失业2年以上人数', 规则类型: '按件扣分', 每项分值: 0.5 }),
    row({ 代码: 'A3', 板块: 'A', 指标名称: '登记', 满分: 3, 计量方式: '补数', 计量: '自助就业失业登记申请总条数 − 超期审核条数', 规则类型: '按比例' }),
    row({ 代码: 'A4', 板块: 'A', 指标名称: '培训达标', 满分: 3, 计量方式: '字段', 计量: '年度业务培训达标', 规则类型: '达标得分', 目标: 1 }),
    row({ 代码: 'A5', 板块: 'A', 指标名称: '新进培训', 满分: 2, 计量方式: '字段', 计量: '新进人员1个月内参加培训', 规则类型: '分档得分', 分档: '1:2；0:1' }),
    row({ 代码: 'B1', 板块: 'B', 指标名称: '新增企业', 满分: 5, 计量方式: '字段', 计量: '社区新增发布有效岗位的企业数', 规则类型: '按项加分', 每项分值: 1 }),
    row({ 代码: 'B2', 板块: 'B', 指标名称: '131服务', 满分: 3, 规则类型: '子项扣分', 每项分值: 1, 闸门或子项: '字段：各项就业服务次数 ≥ 1；字段：已推荐岗位人数 ≥ 3；字段：已推荐培训人数 ≥ 1' }),
    row({ 代码: 'B3', 板块: 'B', 指标名称: '宣传', 满分: 2, 计量方式: '字段', 计量: '政策宣传得分', 规则类型: '评分' }),
    row({ 代码: 'B4', 板块: 'B', 指标名称: '调查', 满分: 10, 计量方式: '字段', 计量: '基层平台就业情况调查扣分', 规则类型: '评分扣减' }),
    [],
    ['板块代码', '板块名称', '英文名称', '满分'],
    ['A', '就业', null, 18],
    ['B', '服务', null, 20],
    [],
    ['封顶组代码', '名称', '英文名称', '板块', '封顶'],
    [],
    ['设置', '值', '说明'],
    ['自某月起考核的起始月', 1, null],
  ];
}

test('every rule type reads, and each scores at its edges', () => {
  const ruleSet = ok(readRubricSheet(grid(everyRuleType())));
  expect(ruleSet.id).toBe('demo-2025');
  expect(ruleSet.indicators.map((i) => i.scoring.kind)).toEqual(['belowTarget', 'perCase', 'proportional', 'allOrNothing', 'graded', 'perItem', 'subTargets', 'judged', 'judgedDeduction']);
  // B2: 131 service, one point per sub-target missed: 0 services (≥1 missed), 3 recommended (met), 0 training (missed) → 3 − 2 = 1.
  const ledger = districtLedger(generateDistrict({ units: 4, seed: 1, badCells: false }));
  const row = ledger.rows[0];
  row.fields.serviceCount.value = 0;
  row.fields.jobRecommended.value = 3;
  row.fields.trainingRecommended.value = 0;
  const result = scoreLedger(ledger, { ruleSet });
  const month = result.units[0].months.find((m) => m.month === Number(row.attributes.month!.value))!;
  expect(month.indicators.B2).toBe(1);
  // B1: credit per item, capped at the max of 5.
  row.fields.newEmployers.value = 9;
  expect(scoreLedger(ledger, { ruleSet }).units[0].months.find((m) => m.month === month.month)!.indicators.B1).toBe(5);
});

describe('a bad rubric is refused as a whole, each problem naming its row', () => {
  const errorsOf = (edit: (rows: CellValue[][]) => void): string[] => {
    const rows = everyRuleType();
    edit(rows);
    const reading = readRubricSheet(grid(rows));
    expect(reading.ok).toBe(false);
    return reading.ok ? [] : reading.errors;
  };
  const col = (h: string) => (INDICATOR_HEADER as readonly string[]).indexOf(h);

  test('an unknown rule type', () => {
    expect(errorsOf((r) => (r[3][col('规则类型')] = '看情况'))).toEqual([expect.stringMatching(/^评分细则!A4：指标A2的规则类型「看情况」未知，可用：低于目标扣分、按件扣分/)]);
  });
  test('maxes that do not add up to the section or the stated total', () => {
    expect(errorsOf((r) => (r[2][col('满分')] = 6))).toEqual([expect.stringMatching(/板块A「就业」的指标满分合计19，与板块满分18不符/)]);
    expect(errorsOf((r) => (r[0][0] = '某区2025年评分细则（demo-2025），总分40'))).toEqual(['评分细则!A1：各板块满分合计38，与总分40不符']);
  });
  test('an input field no ledger column can provide', () => {
    expect(errorsOf((r) => (r[3][col('计量')] = '失业三年以上人数'))).toEqual([expect.stringMatching(/^评分细则!A4：未知的输入字段「失业三年以上人数」：不是内置字段，请在「字段」表中列出/)]);
  });
  test('a negative max', () => {
    expect(errorsOf((r) => (r[4][col('满分')] = -3))[0]).toBe('评分细则!A5：指标A3的满分不能为负数：-3');
  });
  test('several problems are all reported', () => {
    expect(errorsOf((r) => {
      r[3][col('规则类型')] = '看情况';
      r[5][col('计量')] = '某字段';
    })).toHaveLength(2);
  });
  test('a sheet without the header', () => {
    const reading = readRubricSheet(grid([['随便什么']]));
    expect(reading).toEqual({ ok: false, errors: [expect.stringMatching(/找不到评分细则的表头/)] });
  });
});
