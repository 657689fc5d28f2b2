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

describe('a bad rubric is refused as a whole, each problem naming its cell', () => {
  const errorsOf = (edit: (rows: CellValue[][]) => void): string[] => {
    const rows = everyRuleType();
    edit(rows);
    const reading = readRubricSheet(grid(rows));
    expect(reading.ok).toBe(false);
    return reading.ok ? [] : reading.errors;
  };
  const col = (h: string) => (INDICATOR_HEADER as readonly string[]).indexOf(h);

  test('an unknown rule type', () => {
    expect(errorsOf((r) => (r[3][col('规则类型')] = '看情况'))).toEqual([expect.stringMatching(/^评分细则!H4：指标A2的规则类型「看情况」未知，可用：低于目标扣分、高于目标扣分、按件扣分/)]);
  });
  test('maxes that do not add up to the section or the stated total', () => {
    expect(errorsOf((r) => (r[2][col('满分')] = 6))).toEqual([expect.stringMatching(/板块A「就业」的指标满分合计19，与板块满分18不符/)]);
    expect(errorsOf((r) => (r[0][0] = '某区2025年评分细则（demo-2025），总分40'))).toEqual(['评分细则!A1：各板块满分合计38，与标题所写总分40不符']);
  });
  test('an input field no ledger column can provide', () => {
    expect(errorsOf((r) => (r[3][col('计量')] = '失业三年以上人数'))).toEqual([expect.stringMatching(/^评分细则!G4：未知的输入字段「失业三年以上人数」/)]);
  });
  test('a negative max', () => {
    expect(errorsOf((r) => (r[4][col('满分')] = -3))[0]).toBe('评分细则!E5：指标A3的满分不能为负数：-3');
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

/** The rule types a bureau's rubric needs beyond Heshan's, written as an analyst would (37 + a 3-point 加分项). */
function newRuleTypes(): CellValue[][] {
  const H = [...INDICATOR_HEADER];
  const row = (values: Partial<Record<(typeof INDICATOR_HEADER)[number], CellValue>>) => H.map((h) => values[h] ?? null);
  return [
    ['某县2025年充分就业社区考核细则（county-2025），总分：30分（另设加分项，最多加3分）'],
    H,
    row({ 代码: 'U1', 板块: 'U', 指标名称: '城镇登记失业率', 满分: 10, 计量方式: '比率', 计量: '期末登记失业人员人数 ÷ 劳动力总数', 规则类型: '高于目标扣分', 目标: '3%', 每项分值: 1, 单位: '百分点', 步长: 0.5 }),
    row({ 代码: 'U2', 板块: 'U', 指标名称: '零就业家庭', 满分: 5, 计量方式: '字段', 计量: '认定后1个月内未援助退出的零就业家庭户数', 规则类型: '不高于目标得分', 目标: 0, 适用类型: '社区' }),
    row({ 代码: 'U3', 板块: 'U', 指标名称: '转移就业', 满分: 5, 计量方式: '比率', 计量: '农村劳动力转移就业总人数 ÷ 农村劳动力资源总数', 规则类型: '达标得分', 目标: '上年同期转移就业率', 适用类型: '村' }),
    row({ 代码: 'U4', 板块: 'U', 指标名称: '就业率', 满分: 10, 计量方式: '补数', 计量: '劳动力总数 − 期末就业困难人员人数', 规则类型: '达标得分否则评分', 目标: 95, 评分字段: '政策宣传得分' }),
    row({ 代码: 'U5', 板块: 'U', 指标名称: '失业率上限', 满分: 5, 计量方式: '比率', 计量: '期末登记失业人员人数 ÷ 劳动力总数', 规则类型: '达标得分否则扣分', 目标: '≤3%', 评分字段: '基层平台就业情况调查扣分' }),
    row({ 代码: 'J1', 板块: 'J', 指标名称: '新增企业', 满分: 2, 计量方式: '字段', 计量: '社区新增发布有效岗位的企业数', 规则类型: '按项加分', 每项分值: 1, 封顶组: 'JX' }),
    row({ 代码: 'J2', 板块: 'J', 指标名称: '培训达标', 满分: 2, 计量方式: '字段', 计量: '年度业务培训达标', 规则类型: '达标得分', 目标: 1, 封顶组: 'JX' }),
    [],
    ['板块代码', '板块名称', '英文名称', '满分', '类别'],
    ['U', '就业', null, 30, null],
    ['J', '加分项', null, 3, '加分项'],
    [],
    ['封顶组代码', '名称', '英文名称', '板块', '封顶'],
    ['JX', '加分合计', null, 'J', 3],
    [],
    ['设置', '值', '说明'],
    ['认定分数线', 27, null],
    ['认定占比目标', '社区 75%；村 70%', null],
  ];
}

describe('the new rule types and outcomes read from a sheet as written', () => {
  const ruleSet = ok(readRubricSheet(grid(newRuleTypes())));
  test('rules, bonus section, title and outcomes', () => {
    expect(ruleSet).toMatchObject({ id: 'county-2025', zh: '某县2025年充分就业社区考核细则', total: 30 });
    expect(ruleSet.indicators.map((i) => i.scoring)).toEqual([
      { kind: 'aboveTarget', target: 0.03, perPoint: 1, unit: 'pp', step: 0.5 },
      { kind: 'atMost', target: 0 },
      { kind: 'allOrNothing', target: { field: 'ruralTransferRatePrev' } },
      { kind: 'metOrJudged', target: 0.95, judged: 'publicityPoints' }, // 95 for a rate is 95 %
      { kind: 'metOrJudged', target: 0.03, atMost: true, judged: 'surveyDeduction', deduction: true },
      { kind: 'perItem', pointsEach: 1 },
      { kind: 'allOrNothing', target: 1 },
    ]);
    expect(ruleSet.sections.find((s) => s.code === 'J')).toEqual({ code: 'J', zh: '加分项', en: '加分项', total: 3, bonus: true });
    expect(ruleSet.ranking).toMatchObject({ recognitionLine: 27, eliminationThreshold: 28.5, shareTargets: [{ unitType: '社区', share: 0.75 }, { unitType: '村', share: 0.7 }] });
  });
  test('the elimination line defaults to 95 % of the rubric’s own total, and may be written as a share of it', () => {
    expect(ok(readRubricSheet(grid(everyRuleType()))).ranking.eliminationThreshold).toBe(36.1); // 95 % of 38
    const rows = newRuleTypes();
    rows.push(['末位淘汰分数线', '90%', null]);
    expect(ok(readRubricSheet(grid(rows))).ranking.eliminationThreshold).toBe(27);
  });
});

describe('round trip: every rubric written out and read back is the identical rule set', () => {
  test.each([
    ['Heshan 2024', HESHAN_2024],
    ['every Heshan rule type', ok(readRubricSheet(grid(everyRuleType())))],
    ['the new rule types, a bonus section, a pass line and share targets', ok(readRubricSheet(grid(newRuleTypes())))],
    ['Heshan with a recognition line, one share target and R1 whole points', { ...HESHAN_2024, scoring: { ...HESHAN_2024.scoring, deductionStep: 'ceil' as const }, ranking: { ...HESHAN_2024.ranking, recognitionLine: 85, shareTargets: [{ unitType: null, share: 0.8 }] } }],
  ])('%s', (_name, ruleSet) => {
    expect(ok(read(ruleSet))).toEqual(ruleSet);
  });
});

describe('a sheet is checked whole: each validation rule', () => {
  const errorsIn = (rows: CellValue[][]): string[] => {
    const reading = readRubricSheet(grid(rows));
    return reading.ok ? [] : reading.errors;
  };
  const edited = (edit: (rows: CellValue[][]) => void, base = everyRuleType) => {
    const rows = base();
    edit(rows);
    return errorsIn(rows);
  };
  const col = (h: string) => (INDICATOR_HEADER as readonly string[]).indexOf(h);

  test.each(['总分100分', '总分：100', '满分100', '总分100（另设加分项）', '总分为100分', '百分制'])('a title total written 「%s」 is read and checked against the items (38)', (total) => {
    expect(edited((r) => (r[0][0] = `某区2025年评分细则（demo-2025），${total}`))).toEqual(['评分细则!A1：各板块满分合计38，与标题所写总分100不符']);
  });
  test.each(['总分38分', '满分：38', '总分38（另设加分项）'])('「%s」 matching the items is accepted', (total) => {
    expect(edited((r) => (r[0][0] = `某区2025年评分细则（demo-2025），${total}`))).toEqual([]);
  });
  test('a title that mentions a total it does not give', () => {
    expect(edited((r) => (r[0][0] = '某区评分细则，总分见附件'))).toEqual(['评分细则!A1：标题「某区评分细则，总分见附件」写了总分，但读不出分数（应写作「总分100」）']);
  });
  test('a negative or zero 每项分值 is refused (按件扣分 at −15 would give points for a failure)', () => {
    expect(edited((r) => (r[3][col('每项分值')] = -15))).toEqual(['评分细则!J4：「每项分值」不能为负数：-15（按件扣分每件扣的分，写正数）']);
    expect(edited((r) => (r[2][col('每项分值')] = 0))).toEqual(['评分细则!J3：「每项分值」为0：每低一个单位扣的分，为0时规则不起作用']);
  });
  test('a capped group its members cannot reach is refused', () => {
    expect(edited((r) => {
      r[5][col('封顶组')] = 'C1';
      r[6][col('封顶组')] = 'C1';
      r.splice(r.findIndex((x) => x[0] === '封顶组代码') + 1, 0, ['C1', '培训', null, 'A', 9]);
    })).toEqual(['评分细则!E18：封顶组C1的封顶9分高于其指标（A4、A5）满分合计5分，达不到']);
  });
  test('a grade above the max is refused', () => {
    expect(edited((r) => (r[6][col('分档')] = '1:3；0:1'))).toEqual(['评分细则!L7：分档「1:3」的分值3高于满分2，达不到']);
  });
  test('an unknown setting row is refused with the settings there are', () => {
    const errors = edited((r) => r.push(['末位淘汰线', 90, null]));
    expect(errors).toEqual([expect.stringMatching(/^评分细则!A21：未知的设置「末位淘汰线」，可用：扣分步长、无基数视为达标、自某月起考核的起始月、末位淘汰名额、末位淘汰分数线、年度得分小数位、认定分数线、认定占比目标$/)]);
  });
  test('outcome settings: a line no unit can reach, a share target without a line, a type the rubric has not', () => {
    expect(edited((r) => r.push(['认定分数线', 40, null]))).toEqual(['评分细则!B21：「认定分数线」40分高于可得的最高分38分，没有单位能达到']);
    expect(edited((r) => r.push(['认定占比目标', '80%', null]))).toEqual(['评分细则!B21：「认定占比目标」按认定的单位计算，须同时设置「认定分数线」']);
    expect(edited((r) => r.push(['认定分数线', 30, null], ['认定占比目标', '街道 80%', null]))).toEqual([expect.stringMatching(/^评分细则!B22：占比目标的类型「街道」不是单位类型/)]);
  });
  test('several problems of one row are each reported at its cell', () => {
    const errors = edited((r) => {
      r[3][col('满分')] = '五分';
      r[3][col('计量')] = '某字段';
      r[3][col('规则类型')] = '看情况';
      r[3][col('封顶组')] = 'Z9';
    });
    expect(errors).toEqual([
      '评分细则!E4：「满分」应为数字，读到「五分」',
      expect.stringMatching(/^评分细则!H4：指标A2的规则类型「看情况」未知/),
      expect.stringMatching(/^评分细则!G4：未知的输入字段「某字段」/),
      '评分细则!P4：指标A2的封顶组「Z9」不在封顶组表中',
    ]);
  });
  test('a unit type no item is written for: its items must still add up to each 板块 (镇 has neither E4a nor E4b)', () => {
    const rows = rubricSheetRows(HESHAN_2024);
    const types = rows.findIndex((r) => r[0] === '单位类型');
    rows.splice(types + 3, 0, ['镇', null]);
    expect(errorsIn(rows)).toEqual(['评分细则!D35：板块E「就业失业情况」的指标满分合计15（镇），与板块满分20不符']);
  });
  test('an indicator column whose header is written otherwise is refused (P2a and P2b would be assessed from January)', () => {
    const rows = rubricSheetRows(HESHAN_2024);
    rows[1][col('自某月起考核')] = '自某月起考核(是/否)';
    expect(errorsIn(rows)).toEqual([
      `评分细则!O2：指标表的列「自某月起考核(是/否)」未知，可用：${INDICATOR_HEADER.join('、')}（另加的说明列请以「备注」或「说明」为表头）`,
    ]);
    rows[1][col('自某月起考核')] = '说明';
    expect(errorsIn(rows)).toEqual([]);
  });
  test('a measure with more parts than its kind has is refused, not read in part', () => {
    expect(edited((r) => (r[2][col('计量')] = '劳动力总数 − 期末登记失业人员人数 − 期末就业困难人员人数'))).toEqual([
      '评分细则!G3：补数应写作「总数 − 部分」（只有一个部分），读到「劳动力总数 − 期末登记失业人员人数 − 期末就业困难人员人数」',
    ]);
    expect(edited((r) => {
      r[2][col('计量方式')] = '比率';
      r[2][col('计量')] = '期末登记失业人员人数 ÷ 劳动力总数 ÷ 劳动力资源总数';
    })).toEqual(['评分细则!G3：比率应写作「分子 ÷ 分母」（只有一个 ÷），读到「期末登记失业人员人数 ÷ 劳动力总数 ÷ 劳动力资源总数」']);
  });
  test('the 评分字段 of 达标得分否则评分 must be an inspectors’ 得分 field: a count read blank as 0 would score a missed target without a word', () => {
    const rows = newRuleTypes();
    const u4 = rows.findIndex((r) => r[0] === 'U4');
    rows[u4][col('评分字段')] = '登记失业2年以上人数';
    expect(errorsIn(rows)).toEqual([`评分细则!R${u4 + 1}：「评分字段」「登记失业2年以上人数」的字段类型为人数，应为得分（检查组评的分或扣的分）`]);
  });
  test('a grade written with more than mark and points is refused, not read in part', () => {
    expect(edited((r) => (r[6][col('分档')] = '1:2:1；0:1'))).toEqual(['评分细则!L7：分档「1:2:1」应写作「标准:分值」']);
  });
  test('a section total or bucket that is not a number, a bad 类别, each at its cell', () => {
    const errors = edited((r) => {
      const at = r.findIndex((x) => x[0] === '板块代码');
      r[at + 1][3] = '十八';
      r[at + 2][4] = '附加';
    });
    expect(errors).toEqual(['评分细则!D14：「板块满分」应为数字，读到「十八」', '评分细则!E15：板块的「类别」应为空（计入总分）或「加分项」，读到「附加」']);
  });
});
