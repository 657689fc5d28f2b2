/**
 * The rule types a bureau's rubric needs beyond Heshan's, each at its edges through the whole path
 * (ledger cells → buildLedger → the one interpreter): upper bounds (城镇登记失业率 ≤ 3 %, 零就业家庭
 * = 0) all-or-nothing and per point, linear or per step; 达标得分 against a field; 达标得分否则评分
 * (and 否则扣分), whose inspectors' cell is read only when the target is missed; 加分项 sections.
 * Each expected score is worked out by hand in the comment beside it.
 */
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { Indicator, Measure, RuleSet, Scoring } from '../../src/rules/vocabulary';
import { cellOf, monthOf, score, perfect, type RowSpec } from '../engine/helpers';

/** 城镇登记失业率: registered unemployed ÷ labour force (the test ledger's 劳动力总数 is 1000). */
const unemploymentRate: Measure = { kind: 'ratio', num: { plus: ['registeredUnemployed'] }, den: { plus: ['laborForce'] } };
const employmentRate: Measure = { kind: 'complement', total: 'laborForce', part: 'registeredUnemployed' };

/** A one-indicator rubric (section A holding just it) on the built-in fields. */
function rubricOf(scoring: Scoring, measure: Measure, max = 5, extra: Partial<RuleSet> = {}): RuleSet {
  const ind: Indicator = { code: 'X1', section: 'A', zh: '测试指标', en: 'test', max, measure, scoring };
  return { ...HESHAN_2024, id: 'rule-test', total: max, sections: [{ code: 'A', zh: '测试', en: 'test', total: max }], indicators: [ind], buckets: [], ...extra };
}

/** X1's points for one unit-month with these inputs (null when blocked), and the result's errors. */
function pointsOf(ruleSet: RuleSet, overrides: RowSpec): { points: number | null; errors: string[] } {
  const result = score([perfect(overrides)], { ruleSet });
  return { points: monthOf(result, 'U1', 4).indicators.X1, errors: result.errors.map((e) => `${e.cell}：${e.message}`) };
}
const points = (ruleSet: RuleSet, overrides: RowSpec) => pointsOf(ruleSet, overrides).points;

describe('高于目标扣分: an upper bound charged per point above it', () => {
  // 失业率 ≤ 3 %, 1 point per percentage point above, max 5.
  const linear = rubricOf({ kind: 'aboveTarget', target: 0.03, perPoint: 1, unit: 'pp' }, unemploymentRate);
  test.each([
    [30, 5], // exactly 3 %: no excess (30/1000 is 0.03 to the last bit only by luck; the bound holds anyway)
    [29, 5], // 2.9 %: below the bound
    [35, 4.5], // 3.5 %: 0.5 pp above → 5 − 0.5
    [45, 3.5], // 4.5 %: 1.5 pp → 5 − 1.5
    [200, 0], // 20 %: 17 pp above, clamped at 0
  ])('%i unemployed of 1000 → %p', (unemployed, expected) => {
    expect(points(linear, { registeredUnemployed: unemployed })).toBeCloseTo(expected, 10);
  });
  test('per step: each started percentage point costs a whole point (步长 1)', () => {
    const stepped = rubricOf({ kind: 'aboveTarget', target: 0.03, perPoint: 1, unit: 'pp', step: 1 }, unemploymentRate);
    expect(points(stepped, { registeredUnemployed: 31 })).toBe(4); // 3.1 %: 0.1 pp → one step
    expect(points(stepped, { registeredUnemployed: 40 })).toBe(4); // 4.0 %: exactly one step
    expect(points(stepped, { registeredUnemployed: 41 })).toBe(3); // 4.1 %: 1.1 pp → two steps
  });
  test('per half step: 每高0.5个百分点扣0.5分', () => {
    const half = rubricOf({ kind: 'aboveTarget', target: 0.03, perPoint: 0.5, unit: 'pp', step: 0.5 }, unemploymentRate);
    expect(points(half, { registeredUnemployed: 33 })).toBe(4.5); // 0.3 pp → 1 step of 0.5
    expect(points(half, { registeredUnemployed: 36 })).toBe(4); // 0.6 pp → 2 steps
  });
  test('counts: 零就业家庭 = 0, 2 points per household', () => {
    const households = rubricOf({ kind: 'aboveTarget', target: 0, perPoint: 2, unit: 'count' }, { kind: 'field', field: 'zeroJobHouseholdsLate' });
    expect(points(households, { zeroJobHouseholdsLate: 0 })).toBe(5);
    expect(points(households, { zeroJobHouseholdsLate: 2 })).toBe(1);
    expect(points(households, { zeroJobHouseholdsLate: 3 })).toBe(0);
  });
  test('a rubric-wide ruling R1 of whole points applies where the indicator gives no step', () => {
    const ceil = { ...linear, scoring: { ...linear.scoring, deductionStep: 'ceil' as const } };
    expect(points(ceil, { registeredUnemployed: 31 })).toBe(4); // 0.1 pp → 1 whole point
  });
});

describe('不高于目标得分: full marks at or below the bound, else 0', () => {
  const rule = rubricOf({ kind: 'atMost', target: 0.03 }, unemploymentRate);
  test.each([
    [0, 5],
    [30, 5], // exactly 3 %
    [31, 0], // 3.1 %
  ])('%i unemployed of 1000 → %p', (unemployed, expected) => {
    expect(points(rule, { registeredUnemployed: unemployed })).toBe(expected);
  });
  test('a measure that equals the bound in decimal but not in binary is at the bound', () => {
    // 新增企业 ÷ (市场主体 × 7 %): 7 ÷ (100 × 0.07) is 7 ÷ 7.000000000000001 = 0.9999999999999999 in binary.
    expect(7 / (100 * 0.07)).toBeLessThan(1);
    const completion: Measure = { kind: 'completion', value: { plus: ['newEmployers'] }, target: { field: 'marketEntities' }, factor: 0.07 };
    expect(points(rubricOf({ kind: 'allOrNothing', target: 1 }, completion), { newEmployers: 7, marketEntities: 100 })).toBe(5);
    expect(points(rubricOf({ kind: 'atMost', target: 0.99 }, completion), { newEmployers: 7, marketEntities: 100 })).toBe(0);
    expect(points(rubricOf({ kind: 'atMost', target: 1 }, completion), { newEmployers: 6, marketEntities: 100 })).toBe(5);
  });
  test('零就业家庭 = 0: one household loses the item', () => {
    const zero = rubricOf({ kind: 'atMost', target: 0 }, { kind: 'field', field: 'zeroJobHouseholdsLate' });
    expect(points(zero, { zeroJobHouseholdsLate: 0 })).toBe(5);
    expect(points(zero, { zeroJobHouseholdsLate: 1 })).toBe(0);
  });
  test('a bad input blocks it, never 0 or full marks', () => {
    expect(pointsOf(rule, { registeredUnemployed: '许多' })).toMatchObject({ points: null, errors: [expect.stringContaining(cellOf('registeredUnemployed', 0))] });
  });
});

describe('达标得分 with its target from a field (a county’s rate)', () => {
  // 就业率 ≥ the province's 劳动力信息更新覆盖率 parameter (the 参数 sheet gives 85 %).
  const rule = rubricOf({ kind: 'allOrNothing', target: { field: 'provinceUpdateCoverage' } }, employmentRate);
  test('met, exactly met and missed', () => {
    expect(points(rule, { registeredUnemployed: 100 })).toBe(5); // 90 % ≥ 85 %
    expect(points(rule, { registeredUnemployed: 150 })).toBe(5); // 85 % = 85 %
    expect(points(rule, { registeredUnemployed: 151 })).toBe(0); // 84.9 %
  });
  test('a missing target blocks it', () => {
    const result = score([perfect()], { ruleSet: rule, params: [{ month: 4 }] });
    expect(monthOf(result, 'U1', 4).indicators.X1).toBeNull();
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/全省平均劳动力信息更新覆盖率/)]);
  });
});

describe('达标得分否则评分: met → full marks; missed → the inspectors’ figure, clamped', () => {
  // 就业率 ≥ 95 %; otherwise the 政策宣传得分 cell (an inspectors' points field, blank is an error).
  const rule = rubricOf({ kind: 'metOrJudged', target: 0.95, judged: 'publicityPoints' }, employmentRate);
  test('met: full marks whatever the inspectors wrote', () => {
    expect(points(rule, { registeredUnemployed: 50, publicityPoints: 1 })).toBe(5); // 95 %
  });
  test('missed: the inspectors’ points, clamped to [0, max]', () => {
    expect(points(rule, { registeredUnemployed: 60, publicityPoints: 3.5 })).toBe(3.5);
    expect(points(rule, { registeredUnemployed: 60, publicityPoints: 9 })).toBe(5);
    expect(points(rule, { registeredUnemployed: 60, publicityPoints: -2 })).toBe(0);
  });
  test('a blank inspectors’ cell: full marks when met (no error, the month scored); an error naming the cell when missed', () => {
    const met = score([perfect({ registeredUnemployed: 10, publicityPoints: null })], { ruleSet: rule });
    expect(monthOf(met, 'U1', 4)).toMatchObject({ indicators: { X1: 5 }, total: 5 });
    expect(met.errors).toEqual([]);
    const missed = pointsOf(rule, { registeredUnemployed: 60, publicityPoints: null });
    expect(missed).toEqual({ points: null, errors: [`${cellOf('publicityPoints', 0)}：「政策宣传得分」未填写，指标X1无法计分`] });
  });
  test('a blank inspectors’ cell when met leaves the whole month’s total standing among other indicators', () => {
    const two: RuleSet = {
      ...rule,
      total: 10,
      sections: [{ code: 'A', zh: '测试', en: 'test', total: 10 }],
      indicators: [...rule.indicators, { code: 'X2', section: 'A', zh: '长期失业', en: 'long-term', max: 5, measure: { kind: 'field', field: 'longTermUnemployed' }, scoring: { kind: 'perCase', perCase: 1 } }],
    };
    const result = score([perfect({ publicityPoints: null, longTermUnemployed: 2 })], { ruleSet: two });
    expect(monthOf(result, 'U1', 4).total).toBe(8);
    expect(result.errors).toEqual([]);
  });
  test('否则扣分: missed → max less the inspectors’ deduction; with ≤ an upper bound', () => {
    const deduct = rubricOf({ kind: 'metOrJudged', target: 0.03, atMost: true, judged: 'surveyDeduction', deduction: true }, unemploymentRate);
    expect(points(deduct, { registeredUnemployed: 30, surveyDeduction: 4 })).toBe(5); // 3 % ≤ 3 %: met
    expect(points(deduct, { registeredUnemployed: 31, surveyDeduction: 1.5 })).toBe(3.5); // missed: 5 − 1.5
    expect(points(deduct, { registeredUnemployed: 31, surveyDeduction: 8 })).toBe(0);
  });
  test('a bad measure blocks it even when the inspectors gave points', () => {
    expect(points(rule, { laborForce: 0, publicityPoints: 5 })).toBeNull();
  });
});

describe('加分项: a bonus section adds to the total beyond the rubric’s total, capped by a 封顶组', () => {
  const bonus: RuleSet = {
    ...HESHAN_2024,
    id: 'bonus-test',
    total: 5,
    sections: [{ code: 'A', zh: '基本', en: 'base', total: 5 }, { code: 'J', zh: '加分项', en: 'bonus', total: 3, bonus: true }],
    indicators: [
      { code: 'A1', section: 'A', zh: '长期失业', en: 'x', max: 5, measure: { kind: 'field', field: 'longTermUnemployed' }, scoring: { kind: 'perCase', perCase: 1 } },
      { code: 'J1', section: 'J', zh: '新增企业', en: 'x', max: 4, measure: { kind: 'field', field: 'newEmployers' }, scoring: { kind: 'perItem', pointsEach: 1 } },
      { code: 'J2', section: 'J', zh: '年度培训', en: 'x', max: 2, measure: { kind: 'field', field: 'staffTrainingMet' }, scoring: { kind: 'allOrNothing', target: 1 } },
    ],
    buckets: [{ code: 'J0', section: 'J', zh: '加分项合计', en: 'bonus', cap: 3, items: ['J1', 'J2'] }],
  };
  test('a unit at full base marks scores above the total, up to the cap', () => {
    const month = (o: RowSpec) => monthOf(score([perfect(o)], { ruleSet: bonus }), 'U1', 4);
    expect(month({ newEmployers: 0, staffTrainingMet: '否' })).toMatchObject({ indicators: { A1: 5, J0: 0 }, total: 5 });
    expect(month({ newEmployers: 1, staffTrainingMet: '否' })).toMatchObject({ indicators: { J0: 1 }, total: 6 });
    expect(month({ newEmployers: 4, staffTrainingMet: '是' })).toMatchObject({ indicators: { J0: 3 }, total: 8 }); // 4 + 2 capped at 3
  });
});
