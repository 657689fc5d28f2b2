/**
 * Spec §3–§4: annual score, RANK.EQ, 末位淘汰, the 3:4:3 tiers, 老带新 group deduction, rewards,
 * and the 甘肃 2023 preset.
 */
import { excelRound } from '../../src/engine/excelRound';
import { GANSU_2023_POLICY, HESHAN_2024_POLICY } from '../../src/policy/presets';
import { monthOf, perfect, score, unitOf, unitYear, inputsForTotal, type RowSpec } from './helpers';

const district = (specs: [name: string, total: number, attrs?: RowSpec][], options: Parameters<typeof score>[1] = {}) =>
  score(specs.flatMap(([name, total, attrs]) => unitYear(name, total, attrs ?? {})), options);

describe('annual score = Excel ROUND(mean of monthly totals, 2)', () => {
  it('excelRound rounds the shown value half away from zero', () => {
    // The traps: the double nearest 92.285 lies below it, and 1.005 × 100 is 100.49999999999999.
    expect((92.285).toFixed(2)).toBe('92.28');
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(excelRound(92.285, 2)).toBe(92.29);
    expect(excelRound(-92.285, 2)).toBe(-92.29);
    expect(excelRound(1.005, 2)).toBe(1.01);
    expect(excelRound(2.675, 2)).toBe(2.68);
    expect(excelRound(92.2849, 2)).toBe(92.28);
    expect(excelRound(0.3 * 5, 0)).toBe(2);
    expect(excelRound(0.3 * 15, 0)).toBe(5);
  });

  it('12 months of 92.285 give 92.29', () => {
    const r = score(unitYear('A', 92.285));
    expect(monthOf(r, 'A', 6).total).toBe(92.285);
    expect(unitOf(r, 'A').annual).toBe(92.29);
  });

  it('92.28 and 92.29 average to 92.285 → 92.29', () => {
    const r = score([perfect({ unit: 'A', month: 1, ...inputsForTotal(92.28) }), perfect({ unit: 'A', month: 2, ...inputsForTotal(92.29) })]);
    expect(unitOf(r, 'A').annual).toBe(92.29);
  });

  it('a mean just below the half rounds down', () => {
    const r = score([perfect({ unit: 'A', month: 1, ...inputsForTotal(92.28) }), perfect({ unit: 'A', month: 2, ...inputsForTotal(92.289) })]);
    expect(unitOf(r, 'A').annual).toBe(92.28);
  });

  it('the mean of unequal months', () => {
    const rows = [100, 99.9, 99.9].map((t, i) => perfect({ unit: 'A', month: i + 1, ...inputsForTotal(t) }));
    expect(unitOf(score(rows), 'A').annual).toBe(99.93);
  });

  it('the annual is the mean over the months a unit has, with a warning naming the missing ones', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((month) => perfect({ unit: 'A', month, ...inputsForTotal(month <= 5 ? 90 : 100) }));
    rows.push(...unitYear('B', 99));
    const r = score(rows);
    const a = unitOf(r, 'A');
    expect(a.annual).toBe(95);
    expect(a.scoredMonths).toBe(10);
    expect(a.missingMonths).toEqual([11, 12]);
    const w = r.warnings.filter((x) => x.unit === 'A');
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('11、12');
    expect(r.warnings.filter((x) => x.unit === 'B')).toEqual([]);
    expect(unitOf(r, 'B').missingMonths).toEqual([]);
  });

  it('a unit with no scored month has no annual and no rank, and its 末位淘汰 is 待核实 (ruling R9)', () => {
    const rows = [perfect({ unit: 'X', month: 4, laborForce: null }), ...unitYear('A', 80), ...unitYear('B', 85), ...unitYear('C', 88), ...unitYear('D', 90)];
    const r = score(rows);
    const x = unitOf(r, 'X');
    expect(x).toMatchObject({ annual: null, bottomRank: null, eliminated: null, scoredMonths: 0 });
    expect(r.units.filter((u) => u.unit !== 'X').map((u) => u.bottomRank)).toEqual([1, 2, 3, 4]);
    // X could score below C: C (third among the scored) is 待核实, A and B are eliminated either way.
    expect(r.summary.eliminated).toEqual(['A', 'B']);
    expect(r.summary.undetermined).toEqual(['X', 'C']);
  });
});

describe('R6: RANK.EQ ascending over the whole district', () => {
  it('ties share a rank and the next rank skips', () => {
    const r = district([['A', 90], ['B', 90, { type: '村' }], ['C', 85], ['D', 95, { type: '村' }], ['E', 99]]);
    expect(r.units.map((u) => [u.unit, u.bottomRank])).toEqual([['A', 2], ['B', 2], ['C', 1], ['D', 4], ['E', 5]]);
  });
  it('社区 and 村 are ranked together', () => {
    const r = district([['C1', 99], ['V1', 80, { type: '村' }], ['C2', 70], ['V2', 98, { type: '村' }]]);
    expect(r.units.map((u) => u.bottomRank)).toEqual([4, 2, 1, 3]);
  });
});

describe('末位淘汰', () => {
  it('the bottom 3 below 95 are eliminated', () => {
    const r = district([['A', 80], ['B', 81], ['C', 82], ['D', 83], ['E', 99]]);
    expect(r.summary.eliminated).toEqual(['A', 'B', 'C']);
    expect(r.units.map((u) => u.eliminated)).toEqual([true, true, true, false, false]);
  });
  it('ties at the boundary are all eliminated (more than 3)', () => {
    const r = district([['A', 80], ['B', 85], ['C', 85], ['D', 85], ['E', 99], ['F', 99.5]]);
    expect(r.units.map((u) => u.bottomRank)).toEqual([1, 2, 2, 2, 5, 6]);
    expect(r.summary.eliminated).toEqual(['A', 'B', 'C', 'D']);
  });
  it('a tie at rank 3 takes both', () => {
    const r = district([['A', 80], ['B', 81], ['C', 82], ['D', 82], ['E', 99]]);
    expect(r.summary.eliminated).toEqual(['A', 'B', 'C', 'D']);
  });
  it('a tie just above rank 3 is safe', () => {
    const r = district([['A', 80], ['B', 81], ['C', 82], ['D', 83], ['E', 83]]);
    expect(r.summary.eliminated).toEqual(['A', 'B', 'C']);
  });
  it('the bottom 3 at or above 95 are not eliminated', () => {
    expect(district([['A', 95], ['B', 96], ['C', 97], ['D', 98], ['E', 99]]).summary.eliminated).toEqual([]);
  });
  it('only the bottom-3 units below 95 go', () => {
    expect(district([['A', 94.99], ['B', 95], ['C', 95.5], ['D', 96]]).summary.eliminated).toEqual(['A']);
  });
  it('with fewer than 3 units, all below 95 go', () => {
    expect(district([['A', 70], ['B', 99]]).summary.eliminated).toEqual(['A']);
  });
});

describe('R7: the 3:4:3 split of 省级/市级 units', () => {
  /** n tiered units, all ≥ 95 so nobody is eliminated, distinct unless `scores` given. */
  const tiered = (scores: number[], level = '省级') => district(scores.map((s, i) => [`T${i}`, s, { level: i % 2 ? '市级' : level }] as [string, number, RowSpec]));
  const bases = (scores: number[]) => tiered(scores).units.map((u) => u.subsidy.base);
  const desc = (n: number) => Array.from({ length: n }, (_, i) => 99.75 - i * 0.25);

  it('N = 0: no tiers; 区级 30,000 and no level 0', () => {
    const r = district([['A', 99, { level: '区级' }], ['B', 98], ['C', 97, { level: '无' }]]);
    expect(r.units.map((u) => u.subsidy.base)).toEqual([30000, 0, 0]);
    expect(r.errors).toEqual([]);
  });
  it('N = 1: round(0.3) = 0, the unit is in the middle tier', () => {
    expect(bases([99])).toEqual([50000]);
  });
  it('N = 2: round(0.6) = 1 top, 1 bottom', () => {
    expect(bases(desc(2))).toEqual([60000, 40000]);
  });
  it('N = 5: round(1.5) = 2 (half up)', () => {
    expect(bases(desc(5))).toEqual([60000, 60000, 50000, 40000, 40000]);
  });
  it('N = 7: 2 / 3 / 2', () => {
    expect(bases(desc(7))).toEqual([60000, 60000, 50000, 50000, 50000, 40000, 40000]);
  });
  it('N = 10: 3 / 4 / 3', () => {
    expect(bases(desc(10))).toEqual([60000, 60000, 60000, 50000, 50000, 50000, 50000, 40000, 40000, 40000]);
  });
  it('N = 10 listed in any order: tiers follow the score, not the row order', () => {
    const scores = [97, 99.5, 96, 98.5, 95.5, 99, 97.5, 96.5, 98, 95];
    const want = scores.map((s) => (s >= 98.5 ? 60000 : s >= 96.5 ? 50000 : 40000));
    expect(bases(scores)).toEqual(want);
  });
  it('a tie across the top/middle boundary joins the top', () => {
    const s = desc(10);
    s[3] = s[2];
    expect(bases(s)).toEqual([60000, 60000, 60000, 60000, 50000, 50000, 50000, 40000, 40000, 40000]);
  });
  it('a tie across the middle/bottom boundary joins the middle', () => {
    const s = desc(10);
    s[7] = s[6];
    expect(bases(s)).toEqual([60000, 60000, 60000, 50000, 50000, 50000, 50000, 50000, 40000, 40000]);
  });
  it('all tied: all top', () => {
    expect(bases(Array(10).fill(97))).toEqual(Array(10).fill(60000));
  });
  it('eliminated 省级/市级 units get 0 and are not counted in N', () => {
    const r = district([
      ['E1', 80, { level: '省级' }],
      ['E2', 81, { level: '市级' }],
      ['E3', 82, { level: '省级' }],
      ...desc(10).map((s, i) => [`T${i}`, s, { level: i % 2 ? '市级' : '省级' }] as [string, number, RowSpec]),
    ]);
    expect(r.summary.eliminated).toEqual(['E1', 'E2', 'E3']);
    expect(r.units.slice(0, 3).map((u) => u.subsidy.base)).toEqual([0, 0, 0]);
    expect(r.units.slice(3).map((u) => u.subsidy.base)).toEqual([60000, 60000, 60000, 50000, 50000, 50000, 50000, 40000, 40000, 40000]);
  });
  it('区级 units are not in the pool', () => {
    const r = district([['A', 99.5, { level: '区级' }], ['B', 99, { level: '省级' }], ['C', 98, { level: '市级' }]]);
    // N = 2 (B, C): 1 top, 1 bottom; A stays at 30,000.
    expect(r.units.map((u) => u.subsidy.base)).toEqual([30000, 60000, 40000]);
  });
  it('an unknown level is an error that leaves the unit\'s subsidy 待核实, and the 3:4:3 pool it might join', () => {
    const r = district([['A', 99, { level: '国家级' }], ['B', 98, { level: '省级' }], ['C', 97, { level: '区级' }]]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ unit: 'A', field: '认定层级' });
    expect(r.errors[0].message).toMatch(/无法识别「国家级」.*该单位补助待核实$/);
    expect(unitOf(r, 'A').subsidy).toMatchObject({ base: null, total: null, tier: '待核实' });
    expect(unitOf(r, 'A').subsidy.explanation).toMatch(/^待核实：认定层级有误/);
    expect(unitOf(r, 'B').subsidy.base).toBeNull(); // A might be 省级 or 市级: B's tier depends on it
    expect(unitOf(r, 'C').subsidy.total).toBe(30000);
  });
  it('县级 read as 区级, and several levels, are said (提示), not assumed silently', () => {
    const r = district([['A', 99, { level: '县级' }], ['B', 98, { level: '省级、市级' }]]);
    expect(unitOf(r, 'A').subsidy.base).toBe(30000);
    expect(r.warnings.filter((w) => w.field === '认定层级').map((w) => [w.unit, w.message])).toEqual([
      ['A', '「认定层级」「县级」按「区级」计，请核对'],
      ['B', '「认定层级」列出多个层级（省级、市级），按赫山区2024年补贴政策取可获补助的最高层级，请核对'],
    ]);
  });
});

describe('R8: 老带新 group deduction, rewards, startup fund', () => {
  const r = district([
    ['A', 80, { group: 'G1', level: '省级', reward: 3000 }],
    ['B', 99, { group: 'G1', level: '区级' }],
    ['C', 98, { group: 'G1', level: '省级' }],
    ['D', 97, { group: 'G1', reward: 5000, rewardReason: '带动新建' }],
    ['E', 81, { group: 'G2', level: '区级' }],
    ['F', 82, { group: 'G2', level: '市级' }],
    ['G', 99.5, { group: 'G2', level: '区级', reward: 2000 }],
    ['H', 96, { group: 'G3', level: '区级', founding: '是' }],
    ['I', 96.5, { level: '区级', founding: '否' }],
  ]);
  const sub = (u: string) => unitOf(r, u).subsidy;

  it('flags every group with an eliminated member', () => {
    expect(r.summary.eliminated).toEqual(['A', 'E', 'F']);
    expect([...r.flaggedGroups].sort()).toEqual(['G1', 'G2']);
    expect(r.units.map((u) => [u.unit, u.groupFlagged])).toEqual([
      ['A', true], ['B', true], ['C', true], ['D', true], ['E', true], ['F', true], ['G', true], ['H', false], ['I', false],
    ]);
  });
  it('deducts 10,000 from each other member', () => {
    expect(sub('B')).toMatchObject({ base: 30000, groupDeduction: 10000, total: 20000 });
    // C is the only tiered unit left (N = 1): middle tier.
    expect(sub('C')).toMatchObject({ base: 50000, groupDeduction: 10000, total: 40000 });
  });
  it('once per group even with two eliminated members', () => {
    expect(sub('G')).toMatchObject({ base: 30000, groupDeduction: 10000, reward: 2000, total: 22000 });
  });
  it('never below zero, and the reward is added after the floor', () => {
    expect(sub('D')).toMatchObject({ base: 0, reward: 5000, total: 5000, rewardReason: '带动新建' });
  });
  it('eliminated members are not deducted; they get no level amount', () => {
    for (const u of ['A', 'E', 'F']) expect(sub(u)).toMatchObject({ base: 0, groupDeduction: 0 });
    // The engine adds the analyst's reward even to an eliminated unit (spec §4's formula).
    expect(sub('A').total).toBe(3000);
    expect(sub('E').total).toBe(0);
  });
  it('unflagged groups and ungrouped units are untouched', () => {
    expect(sub('H')).toMatchObject({ base: 30000, groupDeduction: 0, total: 30000 });
    expect(sub('I')).toMatchObject({ base: 30000, groupDeduction: 0, total: 30000 });
  });
  it('the startup fund is reported for 创建单位 only and is not part of the year-end amount', () => {
    expect(sub('H').startupFund).toBe(10000);
    expect(sub('I').startupFund).toBe(0);
    expect(sub('H').total).toBe(30000);
  });
  it('explanations are Chinese and the summary adds up', () => {
    for (const u of r.units) expect(u.subsidy.explanation).toMatch(/[\u4e00-\u9fff]/);
    expect(r.summary.subsidyTotal).toBe(r.units.reduce((s, u) => s + u.subsidy.total!, 0));
    expect(r.summary.subsidyTotal).toBe(0 + 20000 + 40000 + 5000 + 3000 + 0 + 0 + 22000 + 30000 + 30000);
  });
  it('a large deduction floors at zero', () => {
    const r2 = district([['A', 80, { group: 'G' }], ['B', 99, { group: 'G', level: '区级', reward: 100 }]], { policy: { ...HESHAN_2024_POLICY, groupDeduction: 50000 } });
    expect(unitOf(r2, 'B').subsidy).toMatchObject({ base: 30000, groupDeduction: 50000, total: 100 });
  });
  it('per-unit attributes can come from a separate unit sheet', () => {
    const rows = [...unitYear('A', 80), ...unitYear('B', 99)];
    const r2 = score(rows, {
      unitRows: [
        { unit: 'A', group: 'G' },
        { unit: 'B', group: 'G', level: '区级', reward: '1,000' },
      ],
    });
    expect(unitOf(r2, 'B').subsidy).toMatchObject({ base: 30000, groupDeduction: 10000, reward: 1000, total: 21000 });
  });
  it('a negative, unreadable or impossible reward is an error that blocks the unit\'s total (待核实), never a silent 0', () => {
    const r2 = district([['A', 99, { level: '区级', reward: -500 }], ['B', 99, { level: '区级', reward: '很多' }], ['C', 99, { level: '区级', reward: 1e308 }], ['D', 99, { level: '区级', reward: 2_000_000 }]]);
    expect(r2.errors.map((e) => [e.unit, e.field])).toEqual([['A', '带动奖励'], ['B', '带动奖励'], ['C', '带动奖励']]);
    expect(r2.errors[2].message).toMatch(/超过10000万元，不可能是一个单位的奖励，该单位年终金额待核实/);
    expect(r2.units.map((u) => [u.subsidy.reward, u.subsidy.total])).toEqual([[null, null], [null, null], [null, null], [2_000_000, 2_030_000]]);
    expect(r2.units[0].subsidy.explanation).toMatch(/^待核实：带动奖励有误（见问题清单），年终金额无法确定/);
    expect(r2.summary.subsidyTotal).toBeNull();
    expect(r2.summary.undetermined).toEqual(['A', 'B', 'C']);
    expect(r2.warnings.find((w) => w.unit === 'D' && w.field === '带动奖励')?.message).toBe('「带动奖励」2000000元超过100万元，金额异常大，请核对');
  });
});

describe('甘肃 2023 preset', () => {
  const r = district(
    [
      ['N', 96, { level: '国家级、省级' }],
      ['P90', 90, { level: '省级' }],
      ['P89', 89.99, { level: '省级' }],
      ['PC', 85, { level: '省级、市级' }],
      ['C', 70, { level: '市级' }],
      ['X', 99],
      ['G1', 60, { level: '市级', group: 'K' }],
      ['G2', 99, { level: '市级', group: 'K' }],
    ],
    { policy: GANSU_2023_POLICY },
  );
  const base = (u: string) => unitOf(r, u).subsidy.base;
  it('highest level only', () => expect(base('N')).toBe(30000));
  it('省级 needs ≥ 90', () => {
    expect(base('P90')).toBe(20000);
    expect(base('P89')).toBe(0);
  });
  it('a unit also recognised 市级 falls back to it below 90 (engine resolution)', () => expect(base('PC')).toBe(10000));
  it('市级 10,000 with no score requirement, even when eliminated; no group deduction', () => {
    expect(unitOf(r, 'C').eliminated).toBe(true);
    expect(base('C')).toBe(10000);
    expect(unitOf(r, 'G2').subsidy).toMatchObject({ base: 10000, groupDeduction: 0, total: 10000 });
  });
  it('no level, nothing', () => expect(base('X')).toBe(0));
  it('no startup fund, no tiers', () => {
    expect(r.units.every((u) => u.subsidy.startupFund === 0)).toBe(true);
    expect(GANSU_2023_POLICY.tiers).toBeNull();
  });
});
