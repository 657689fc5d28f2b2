/**
 * Every ruling of the spec is a named setting: the default and the alternative both tested.
 */
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { RuleSet } from '../../src/rules/vocabulary';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import type { SubsidyPolicy } from '../../src/policy/types';
import { cellOf, defaultParamRows, hasChinese, monthOf, paramCellOf, perfect, score, unitOf, unitYear } from './helpers';

const withScoring = (s: Partial<RuleSet['scoring']>): RuleSet => ({ ...HESHAN_2024, scoring: { ...HESHAN_2024.scoring, ...s } });
const withRanking = (r: Partial<RuleSet['ranking']>): RuleSet => ({ ...HESHAN_2024, ranking: { ...HESHAN_2024.ranking, ...r } });
const CEIL = withScoring({ deductionStep: 'ceil' });

describe('R1: linear vs ceil deductions', () => {
  const cases: [string, Record<string, unknown>, string, number, number][] = [
    // name, input, code, linear, ceil
    ['E1 0.1 pp short', { registeredUnemployed: 51 }, 'E1', 4.9, 4],
    ['E1 1.5 pp short', { registeredUnemployed: 65 }, 'E1', 3.5, 3],
    ['E1 exactly 1 pp short (float noise must not make it 2)', { registeredUnemployed: 60 }, 'E1', 4, 4],
    ['E3 0.1 pp short', { hardToEmploy: 31 }, 'E3', 4.9, 4],
    ['S1 0.1 pp short', { laborInfoUpdated: 849 }, 'S1', 4.95, 4.5],
    ['S3b 3.33 pp short', { jobRecommended: 29 }, 'S3b', 4 - 0.5 * (100 / 30), 2],
    ['S5b 1.43 pp short', { marketEntities: 1_000_000, platformNewEmployers: 69 }, 'S5b', 4 - 0.05 * (100 / 70), 3.9],
    ['S6a 0.1 pp short', { phoneCheckAccuracy: 0.899 }, 'S6a', 2.99, 2.9],
    ['Q1 exactly 15 pp short (float noise)', { serviceCount: 85 }, 'Q1', 7, 7],
    ['Q1 0.5 pp short', { serviceCount: 199 }, 'Q1', 9.9, 9.8],
    ['Q2a 0.1 pp short', { matchSucceeded: 599, matchedPersons: 1000 }, 'Q2a', 3.995, 3.95],
    ['Q2c 0.1 pp short', { trainingReferredTotal: 1000, trainingSubsidized: 499 }, 'Q2c', 1.995, 1.95],
    // Not percentage-point deductions: unaffected by the setting.
    ['S2 proportional', { overdueReviews: 1 }, 'S2', 2.85, 2.85],
    ['S5a counts short', { newEmployers: 4 }, 'S5a', 1.6, 1.6],
    ['S4b proportional', { gradsEmployed: 7 }, 'S4b', 2.1, 2.1],
  ];
  it.each(cases)('%s', (_name, input, code, linear, ceil) => {
    const params = code === 'Q1' && input.serviceCount === 199 ? defaultParamRows().map((p) => ({ ...p, provinceAvgServiceCount: 200 })) : undefined;
    const lin = monthOf(score([perfect(input)], { params }), 'U1', 4);
    const cei = monthOf(score([perfect(input)], { params, ruleSet: CEIL }), 'U1', 4);
    expect(lin.indicators[code]).toBeCloseTo(linear, 9);
    expect(cei.indicators[code]).toBeCloseTo(ceil, 9);
    expect(cei.total).toBeCloseTo(100 - (HESHAN_MAX[code] - ceil), 9);
  });
  it('E4b for a 村 under ceil', () => {
    const input = { type: '村', ruralLabor: 1000, ruralTransferred: 699, ruralTransferRatePrev: 0.7 };
    expect(monthOf(score([perfect(input)], { ruleSet: CEIL }), 'U1', 4).indicators.E4b).toBe(4);
  });
  it('the default rule set is linear', () => {
    expect(HESHAN_2024.scoring.deductionStep).toBe('linear');
  });
});

const HESHAN_MAX: Record<string, number> = Object.fromEntries(HESHAN_2024.indicators.map((i) => [i.code, i.max]));

describe('R2: empty base', () => {
  // Every row has all four elements: jest-each treats a missing trailing argument as a `done` callback.
  const empties: [string, Record<string, unknown>, string, Record<string, unknown> | null][] = [
    ['S2 no applications', { selfServiceApplications: 0, overdueReviews: 0 }, 'S2', null],
    ['S3b nobody to recommend', { jobRecommended: 0, jobSeekersStart: 0, newUnemployed: 0, jobRecommendedEmployed: 0 }, 'S3b', null],
    ['S3d nobody to train', { trainingRecommended: 0, trainingSeekersStart: 0, trainingSeekersNew: 0, trainingRecommendedEmployed: 0 }, 'S3d', null],
    ['S4b no graduates', { gradsRegistered: 0, gradsFollowedUp: 0, gradsServed: 0, gradsEmployed: 0 }, 'S4b', null],
    ['Q2a nobody matched', { matchSucceeded: 0, matchedPersons: 0 }, 'Q2a', null],
    ['Q1 province average 0', {}, 'Q1', { provinceAvgServiceCount: 0 }],
  ];
  it.each(empties)('%s: met with a note by default', (_n, input, code, paramOverride) => {
    const params = paramOverride ? defaultParamRows().map((p) => ({ ...p, ...paramOverride })) : undefined;
    const m = monthOf(score([perfect(input)], { params }), 'U1', 4);
    expect(m.indicators[code]).toBe(HESHAN_MAX[code]);
    expect(m.notes?.[code]).toMatch(/无基数/);
    expect(m.total).toBe(100);
  });
  it.each(empties)('%s: blocked when emptyBaseCountsAsMet is false, the rest of the row still scores', (_n, input, code, paramOverride) => {
    const params = paramOverride ? defaultParamRows().map((p) => ({ ...p, ...paramOverride })) : undefined;
    const ruleSet = withScoring({ emptyBaseCountsAsMet: false });
    const result = score([perfect(input), perfect({ unit: 'U2' })], { params, ruleSet });
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators[code]).toBeNull();
    expect(m.notes?.[code]).toBeUndefined();
    expect(m.total).toBeNull();
    for (const [c, v] of Object.entries(m.indicators)) if (c !== code) expect([c, v]).toEqual([c, c === 'P2' ? 4 : HESHAN_MAX[c]]);
    if (!paramOverride) expect(monthOf(result, 'U2', 4).total).toBe(100);
  });
  // A blocked score must be explained by a located error (spec §5: "never a silent zero"; the
  // setting's own doc: "false makes it an error instead").
  it.each(empties)('%s: emptyBaseCountsAsMet false reports a located error', (_n, input, code, paramOverride) => {
    const params = paramOverride ? defaultParamRows().map((p) => ({ ...p, ...paramOverride })) : undefined;
    const result = score([perfect(input)], { params, ruleSet: withScoring({ emptyBaseCountsAsMet: false }) });
    const errors = result.errors.filter((e) => e.month === 4 && (e.unit === 'U1' || e.unit === null));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.message.includes(code))).toBe(true);
  });
  it('the labour force is not an empty base: 0 is an error, not a met rate', () => {
    const result = score([perfect({ laborForce: 0 })]);
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators.E1).toBeNull();
    expect(m.indicators.E3).toBeNull();
    expect(m.notes).toBeUndefined();
    expect(result.errors).toHaveLength(1);
  });
});

describe('R3: province averages', () => {
  it('a month missing one average blocks that indicator for every unit that month only', () => {
    const params = defaultParamRows().map((p) => (p.month === 5 ? { ...p, provinceUpdateCoverage: null } : p));
    const rows = [4, 5].flatMap((month) => [perfect({ unit: 'A', month }), perfect({ unit: 'B', month, type: '村' })]);
    const result = score(rows, { params });
    for (const unit of ['A', 'B']) {
      const may = monthOf(result, unit, 5);
      expect(may.indicators.S1).toBeNull();
      expect(may.total).toBeNull();
      expect(may.indicators.E1).toBe(5);
      expect(may.indicators.Q1).toBe(10);
      expect(monthOf(result, unit, 4).total).toBe(100);
      expect(unitOf(result, unit).annual).toBe(100);
    }
    expect(result.errors).toHaveLength(1);
    const [e] = result.errors;
    expect(e).toMatchObject({ unit: null, month: 5, field: '全省平均劳动力信息更新覆盖率', cell: paramCellOf('provinceUpdateCoverage', 4) });
    expect(hasChinese(e.message)).toBe(true);
    expect(e.message).toContain('S1');
  });

  it('a month absent from the parameter table blocks the five indicators that need an average', () => {
    const params = defaultParamRows().filter((p) => p.month !== 6);
    const result = score([perfect({ month: 6 })], { params });
    const m = monthOf(result, 'U1', 6);
    for (const code of ['S1', 'Q1', 'Q2a', 'Q2b', 'Q2c']) expect([code, m.indicators[code]]).toEqual([code, null]);
    for (const code of ['E1', 'S2', 'S6a', 'Q3', 'P2']) expect(m.indicators[code]).not.toBeNull();
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      ['全省平均劳动力信息更新覆盖率', '全省社区(村)平均服务次数', '全省平均人岗匹配推荐成功率', '全省平均职业培训推荐覆盖率', '全省平均职业培训补贴覆盖率'].sort(),
    );
    for (const e of result.errors) expect(e.month).toBe(6);
  });

  it('a missing average is never read as 0 (which would be met)', () => {
    const params = defaultParamRows().map((p) => ({ ...p, provinceAvgMatchSuccess: undefined }));
    const m = monthOf(score([perfect({ matchSucceeded: 0 })], { params }), 'U1', 4);
    expect(m.indicators.Q2a).toBeNull();
  });

  it('an average given as a ledger column is used for that row; a blank column falls back to the 参数 sheet', () => {
    const result = score([
      perfect({ unit: 'A', provinceUpdateCoverage: 0.95 }), // 900/1000 is 5 pp short → 5 − 2.5
      perfect({ unit: 'B', provinceUpdateCoverage: null }), // 参数 0.85 → met
    ]);
    expect(monthOf(result, 'A', 4).indicators.S1).toBe(2.5);
    expect(monthOf(result, 'B', 4).indicators.S1).toBe(5);
  });

  it('an unreadable average in a ledger column is an error located at that cell', () => {
    const result = score([perfect({ provinceAvgMatchSuccess: 'abc' }), perfect({ unit: 'U2' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 4, field: '全省平均人岗匹配推荐成功率', cell: cellOf('provinceAvgMatchSuccess', 0) });
    expect(monthOf(result, 'U1', 4).indicators.Q2a).toBeNull();
    expect(monthOf(result, 'U2', 4).indicators.Q2a).toBe(4);
  });

  it('averages typed as "95%" or 95 on the 参数 sheet; 95 warns', () => {
    const asText = defaultParamRows().map((p) => ({ ...p, provinceUpdateCoverage: '95%' }));
    expect(monthOf(score([perfect()], { params: asText }), 'U1', 4).indicators.S1).toBe(2.5);
    const bare = defaultParamRows().map((p) => ({ ...p, provinceUpdateCoverage: 95 }));
    const r = score([perfect()], { params: bare });
    expect(monthOf(r, 'U1', 4).indicators.S1).toBe(2.5);
    const w = r.warnings.filter((x) => x.field === '全省平均劳动力信息更新覆盖率');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ month: 4, cell: paramCellOf('provinceUpdateCoverage', 3) });
  });

  it('an average above 100 % is an error that blocks its indicator', () => {
    const params = defaultParamRows().map((p) => ({ ...p, provinceAvgTrainingCoverage: '120%' }));
    const result = score([perfect()], { params });
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators.Q2b).toBeNull();
    expect(m.indicators.Q2c).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ month: 4, field: '全省平均职业培训推荐覆盖率', cell: paramCellOf('provinceAvgTrainingCoverage', 3) });
  });

  it('a negative province average service count is an error', () => {
    const params = defaultParamRows().map((p) => ({ ...p, provinceAvgServiceCount: -5 }));
    const result = score([perfect()], { params });
    expect(monthOf(result, 'U1', 4).indicators.Q1).toBeNull();
    expect(result.errors[0].field).toBe('全省社区(村)平均服务次数');
  });
});

describe('R4/R5: the P2 bucket and the first assessed month', () => {
  const p2 = (month: number, ruleSet?: RuleSet) =>
    monthOf(score([perfect({ month, staffTrainingMet: '否', newStaffTrained: '否' })], { ruleSet }), 'U1', month).indicators.P2;

  it('default: January–March score 4, April on assessed', () => {
    expect([1, 2, 3, 4, 5, 12].map((m) => p2(m))).toEqual([4, 4, 4, 1, 1, 1]);
  });
  it('assessedFromMonth 7: June still 4, July assessed', () => {
    const rs = withScoring({ assessedFromMonth: 7 });
    expect([4, 6, 7, 8].map((m) => p2(m, rs))).toEqual([4, 4, 1, 1]);
  });
  it('assessedFromMonth 1: January assessed', () => {
    expect(p2(1, withScoring({ assessedFromMonth: 1 }))).toBe(1);
  });
  it('an unreadable flag before the first assessed month is not read (no error)', () => {
    const result = score([perfect({ month: 3, staffTrainingMet: '不知道', newStaffTrained: null })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 3).total).toBe(100);
  });
  it('an unreadable flag from April is an error blocking P2 only', () => {
    const result = score([perfect({ month: 4, staffTrainingMet: '不知道' })]);
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators.P2).toBeNull();
    expect(m.indicators.P3).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 4, field: '年度业务培训达标' });
  });
  it('flag spellings: 是/否/无新进人员', () => {
    const v = (a: string, b: string) => monthOf(score([perfect({ staffTrainingMet: a, newStaffTrained: b })]), 'U1', 4).indicators.P2;
    expect(v('是', '无新进人员')).toBe(4);
    expect(v('否', '无新进人员')).toBe(2);
    expect(v('否', '否')).toBe(1);
    expect(v('否', '是')).toBe(2);
    expect(v('是', '否')).toBe(4);
  });
  it('无新进人员 is not an answer to the annual-training question', () => {
    const result = score([perfect({ staffTrainingMet: '无新进人员' })]);
    expect(monthOf(result, 'U1', 4).indicators.P2).toBeNull();
    expect(result.errors[0].field).toBe('年度业务培训达标');
  });
});

describe('R6 and 末位淘汰 settings', () => {
  const district = (ruleSet?: RuleSet) =>
    score(
      [
        ...unitYear('A', 80),
        ...unitYear('B', 85),
        ...unitYear('C', 88),
        ...unitYear('D', 89),
        ...unitYear('E', 91),
        ...unitYear('F', 96),
      ],
      { ruleSet },
    );
  it('default: bottom 3 below 95 are eliminated', () => {
    const r = district();
    expect(r.units.map((u) => u.bottomRank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.summary.eliminated).toEqual(['A', 'B', 'C']);
  });
  it('eliminationBottomN 5', () => {
    expect(district(withRanking({ eliminationBottomN: 5 })).summary.eliminated).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
  it('eliminationThreshold 86', () => {
    expect(district(withRanking({ eliminationThreshold: 86 })).summary.eliminated).toEqual(['A', 'B']);
  });
  it('eliminationBottomN 0 eliminates nobody', () => {
    expect(district(withRanking({ eliminationBottomN: 0 })).summary.eliminated).toEqual([]);
  });
  it('annualDecimals 1', () => {
    const r = score(unitYear('A', 92.25), { ruleSet: withRanking({ annualDecimals: 1 }) });
    expect(unitOf(r, 'A').annual).toBe(92.3);
  });
});

describe('R7/R8 settings of the subsidy policy', () => {
  const policy = (p: Partial<SubsidyPolicy>): SubsidyPolicy => ({ ...HESHAN_2024_POLICY, ...p });
  const tiered = (n: number) => Array.from({ length: n }, (_, i) => unitYear(`T${i}`, 99.5 - i * 0.25, { level: '省级' })).flat();

  it('shares and amounts of the tiers are settings', () => {
    const p = policy({ tiers: { topShare: 0.2, bottomShare: 0.5, amounts: { top: 70000, middle: 55000, bottom: 45000 }, tiesJoinHigherTier: true } });
    const r = score(tiered(10), { policy: p });
    expect(r.units.map((u) => u.subsidy.base)).toEqual([70000, 70000, 55000, 55000, 55000, 45000, 45000, 45000, 45000, 45000]);
  });
  it('groupDeduction 5000 and 0', () => {
    const rows = [
      ...unitYear('A', 80, { group: 'G', level: '区级' }),
      ...unitYear('B', 85, { group: 'H', level: '区级' }),
      ...unitYear('C', 88, { group: 'H', level: '区级' }),
      ...unitYear('D', 99, { group: 'G', level: '区级' }),
      ...unitYear('E', 99, { group: 'K', level: '区级' }),
    ];
    const r5 = score(rows, { policy: policy({ groupDeduction: 5000 }) });
    expect(unitOf(r5, 'D').subsidy).toMatchObject({ base: 30000, groupDeduction: 5000, total: 25000 });
    expect(unitOf(r5, 'E').subsidy).toMatchObject({ base: 30000, groupDeduction: 0, total: 30000 });
    const r0 = score(rows, { policy: policy({ groupDeduction: 0 }) });
    expect(unitOf(r0, 'D').subsidy).toMatchObject({ base: 30000, groupDeduction: 0, total: 30000 });
  });
  it('the Heshan defaults: 60/50/40 thousand by 0.3/0.3, −10,000 per flagged group, 10,000 startup fund', () => {
    expect(HESHAN_2024_POLICY.tiers).toMatchObject({ topShare: 0.3, bottomShare: 0.3, amounts: { top: 60000, middle: 50000, bottom: 40000 }, tiesJoinHigherTier: true });
    expect(HESHAN_2024_POLICY.groupDeduction).toBe(10000);
    expect(HESHAN_2024_POLICY.startupFund).toBe(10000);
  });
});
