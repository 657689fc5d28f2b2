/**
 * Spec ruling R9 (a unit without an annual score): its rank, 末位淘汰, group flag contribution and
 * subsidy are 待核实 (null), and so is every other verdict the missing score could change — only
 * those. Checked on districts with k = 0…3 unscored units, ties at the boundary (R6), scores at the
 * threshold, group flags, the 3:4:3 pool, the money, the district with no 参数 at all, and against
 * every way the missing scores could turn out.
 */
import { eliminationVerdict } from '../../src/engine/ranking';
import { GANSU_2023_POLICY } from '../../src/policy/presets';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { score, unitOf, unitYear, type RowSpec } from './helpers';

type Spec = [name: string, total: number | null, attrs?: RowSpec];

/** A district: a null total is a unit whose 12 months are all blocked (劳动力总数 blank). */
const rowsOf = (specs: readonly Spec[]) => specs.flatMap(([name, total, attrs]) => (total === null ? unitYear(name, 90, { ...attrs, laborForce: null }) : unitYear(name, total, attrs ?? {})));
const district = (specs: readonly Spec[], options: Parameters<typeof score>[1] = {}) => score(rowsOf(specs), options);
const verdicts = (r: ScoreResult) => Object.fromEntries(r.units.map((u) => [u.unit, u.eliminated]));

const RULINGS = HESHAN_2024.ranking; // bottom 3, below 95

describe('eliminationVerdict: certain within bottomN − k, safe past bottomN or at the threshold, 待核实 between', () => {
  test.each([
    // rank, unscored, score, verdict
    [1, 0, 80, true], [3, 0, 80, true], [4, 0, 80, false],
    [2, 1, 80, true], [3, 1, 80, null], [4, 1, 80, false],
    [1, 2, 80, true], [2, 2, 80, null], [3, 2, 80, null],
    [1, 3, 80, null], [3, 3, 80, null], [4, 3, 80, false],
    [1, 3, 95, false], [1, 0, 95, false], [1, 5, 99, false],
  ])('rank %i with %i unscored, %i points → %p', (rank, k, points, want) => {
    expect(eliminationVerdict(points, rank, k, RULINGS)).toBe(want);
  });
  test('a unit without a score has no verdict', () => {
    expect(eliminationVerdict(null, null, 1, RULINGS)).toBeNull();
  });
  test('the rule set decides, not a literal: bottom 5 below 90', () => {
    const rulings = { ...RULINGS, eliminationBottomN: 5, eliminationThreshold: 90 };
    expect(eliminationVerdict(89, 3, 2, rulings)).toBe(true);
    expect(eliminationVerdict(89, 4, 2, rulings)).toBeNull();
    expect(eliminationVerdict(91, 1, 2, rulings)).toBe(false);
  });
});

describe('末位淘汰 with k units without an annual score, ranked among the scored', () => {
  const scored: Spec[] = [['A', 80], ['B', 85], ['C', 88], ['D', 90], ['E', 96]];
  const unscored = (k: number): Spec[] => Array.from({ length: k }, (_, i) => [`X${i + 1}`, null]);

  test('k = 0: the plain rule, nothing 待核实', () => {
    const r = district(scored);
    expect(verdicts(r)).toEqual({ A: true, B: true, C: true, D: false, E: false });
    expect(r.summary).toMatchObject({ eliminated: ['A', 'B', 'C'], undetermined: [] });
    expect(r.summary.subsidyTotal).toBe(r.summary.subsidyDeterminedTotal);
    expect(r.pendingGroups).toEqual([]);
  });

  test('k = 1: ranks 1–2 certain, rank 3 待核实, rank 4 safe; the unscored unit 待核实', () => {
    const r = district([...unscored(1), ...scored]);
    expect(verdicts(r)).toEqual({ X1: null, A: true, B: true, C: null, D: false, E: false });
    expect(r.units.map((u) => u.bottomRank)).toEqual([null, 1, 2, 3, 4, 5]);
    expect(r.summary.eliminated).toEqual(['A', 'B']);
    expect(r.summary.undetermined).toEqual(['X1', 'C']);
  });

  test('k = 2: rank 1 certain, ranks 2–3 待核实', () => {
    const r = district([...scored, ...unscored(2)]);
    expect(verdicts(r)).toEqual({ A: true, B: null, C: null, D: false, E: false, X1: null, X2: null });
    expect(r.summary.eliminated).toEqual(['A']);
  });

  test('k = 3: nobody certainly eliminated, the bottom three 待核实, rank 4 still safe', () => {
    const r = district([...scored, ...unscored(3)]);
    expect(verdicts(r)).toEqual({ A: null, B: null, C: null, D: false, E: false, X1: null, X2: null, X3: null });
    expect(r.summary.eliminated).toEqual([]);
    expect(r.summary.undetermined).toEqual(['A', 'B', 'C', 'X1', 'X2', 'X3']);
  });

  test('ties at the boundary count as in R6: a shared rank within 3 − k is eliminated together, at 3 − k + 1 待核实 together', () => {
    const r = district([['A', 80], ['B', 85], ['C', 85], ['D', 90], ['X', null]]);
    expect(r.units.map((u) => u.bottomRank)).toEqual([1, 2, 2, 4, null]);
    expect(verdicts(r)).toEqual({ A: true, B: true, C: true, D: false, X: null });
    const r2 = district([['A', 80], ['B', 80], ['C', 85], ['D', 85], ['X', null]]);
    expect(verdicts(r2)).toEqual({ A: true, B: true, C: null, D: null, X: null });
    const r3 = district([['A', 80], ['B', 80], ['C', 85], ['X', null], ['Y', null]]);
    expect(verdicts(r3)).toEqual({ A: true, B: true, C: null, X: null, Y: null });
  });

  test('a score at or above the threshold is always safe, whatever k', () => {
    const r = district([['A', 95], ['B', 96], ['C', 94.99], ...unscored(3)]);
    expect(verdicts(r)).toMatchObject({ A: false, B: false, C: null });
  });

  test('the reason names the unscored units, the rank among the scored and the threshold', () => {
    const r = district([['A', 80], ['B', 88.75], ['X', null], ['Y', null], ['D', 99]]);
    const b = unitOf(r, 'B');
    expect(b.pendingReason).toBe('另有2个单位（X、Y）没有年度得分，本单位在有得分的单位中倒数第2名（88.75分，低于95分），是否末位淘汰取决于这些单位的得分');
    expect(unitOf(r, 'X').pendingReason).toBe('本单位没有年度得分（1–12月均有错误未能计分）');
  });
});

describe('老带新 groups: flagged when a member certainly goes, not when all are certainly safe, else 待核实', () => {
  const r = district([
    ['A', 80, { group: 'G1', level: '区级' }],
    ['X', null, { group: 'G1', level: '区级' }],
    ['B', 99, { group: 'G1', level: '区级' }],
    ['C', 88, { group: 'G2', level: '区级' }],
    ['D', 97, { group: 'G2', level: '区级' }],
    ['E', 98, { group: 'G3', level: '区级' }],
    ['F', 99.5, { group: 'G3', level: '区级' }],
    ['Y', null, { group: 'G4' }],
    ['H', 96, { group: 'G4', level: '区级' }],
    ['I', 87, { level: '区级' }],
  ]);
  // Scored: A 80 (1), I 87 (2), C 88 (3), H 96 … with k = 2: A certain, I and C 待核实.

  test('the groups', () => {
    expect(verdicts(r)).toMatchObject({ A: true, I: null, C: null, X: null, Y: null });
    expect(r.flaggedGroups).toEqual(['G1']);
    expect(r.pendingGroups).toEqual(['G2', 'G4']);
    expect(r.units.map((u) => [u.unit, u.groupFlagged])).toEqual([
      ['A', true], ['X', true], ['B', true], ['C', null], ['D', null], ['E', false], ['F', false], ['Y', null], ['H', null], ['I', false],
    ]);
    expect(unitOf(r, 'D').pendingReason).toBe('所在老带新小组「G2」中C是否末位淘汰待核实，小组是否连带扣减随之待定');
  });

  test('the money follows what is certain', () => {
    const sub = (u: string) => unitOf(r, u).subsidy;
    expect(sub('A')).toMatchObject({ base: 0, groupDeduction: 0, total: 0 }); // certainly eliminated
    expect(sub('B')).toMatchObject({ base: 30000, groupDeduction: 10000, total: 20000 }); // certainly flagged, certainly safe
    expect(sub('E')).toMatchObject({ base: 30000, groupDeduction: 0, total: 30000 });
    expect(sub('D')).toMatchObject({ base: 30000, groupDeduction: null, total: null, tier: '区级' }); // its group 待核实
    expect(sub('C')).toMatchObject({ base: null, groupDeduction: null, total: null, tier: '待核实' }); // its own verdict 待核实
    expect(sub('I')).toMatchObject({ base: null, groupDeduction: 0, total: null });
    expect(sub('X')).toMatchObject({ base: null, total: null, tier: '待核实' });
    expect(sub('Y')).toMatchObject({ base: null, total: null });
    expect(sub('D').explanation).toBe('待核实：所在老带新小组「G2」中C是否末位淘汰待核实，小组是否连带扣减随之待定；认定区级，补助30,000元；所在老带新小组「G2」是否连带待核实，连带则扣减10,000元；年终合计待核实');
    expect(sub('X').explanation).toBe('待核实：本单位没有年度得分（1–12月均有错误未能计分），末位淘汰和补贴无法确定；年终合计待核实');
    expect(sub('C').explanation).toMatch(/^待核实：另有2个单位（X、Y）没有年度得分，本单位在有得分的单位中倒数第3名（88分，低于95分），是否末位淘汰取决于这些单位的得分；认定区级，未列入末位淘汰则补助30,000元，列入则不给予资金补助；/);
  });

  test('the summary: no total while any is 待核实, the certain part beside it', () => {
    expect(r.summary.subsidyTotal).toBeNull();
    expect(r.summary.subsidyDeterminedTotal).toBe(0 + 20000 + 30000 + 30000);
    expect(r.summary.eliminated).toEqual(['A']);
    expect(r.summary.undetermined).toEqual(['X', 'C', 'D', 'Y', 'H', 'I']);
  });

  test('each 待核实 unit has one located warning saying what is 待核实 and why', () => {
    for (const unit of r.summary.undetermined) {
      const w = r.warnings.filter((x) => x.unit === unit);
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ month: null, field: null, cell: null });
      expect(w[0].message).toMatch(/待核实（裁定R9）/);
    }
    expect(r.warnings.find((w) => w.unit === 'X')!.message).toBe('1–12月均有错误未能计分；没有可计分的月份，无年度得分；倒数排名、末位淘汰、年终补贴待核实（裁定R9）'); // G1 is certainly flagged: A goes
    expect(r.warnings.find((w) => w.unit === 'D')!.message).toBe('小组连带、年终补贴待核实（裁定R9）：所在老带新小组「G2」中C是否末位淘汰待核实，小组是否连带扣减随之待定');
    expect(r.warnings.filter((w) => w.unit === 'B')).toEqual([]);
  });

  test('no unit without an annual score has an amount', () => {
    for (const u of r.units.filter((x) => x.annual === null)) expect([u.subsidy.base, u.subsidy.total]).toEqual([null, null]);
  });
});

test('a 待核实 verdict that cannot change the money leaves it certain (no level: the reward only)', () => {
  const r = district([['A', 80], ['X', null], ['B', 85], ['C', 88, { group: 'G', reward: 2000 }], ['D', 99, { group: 'G' }]]);
  expect(unitOf(r, 'C')).toMatchObject({ eliminated: null, subsidy: { base: 0, groupDeduction: null, total: 2000 } });
  expect(unitOf(r, 'C').subsidy.explanation).toContain('是否末位淘汰待核实（另有1个单位（X）没有年度得分');
  expect(unitOf(r, 'D')).toMatchObject({ groupFlagged: null, subsidy: { base: 0, groupDeduction: null, total: 0 } });
  expect(unitOf(r, 'D').subsidy.explanation).toContain('层级补助为0，不影响年终金额');
  expect(r.summary.undetermined).toEqual(['X', 'C', 'D']); // verdicts 待核实, money certain
  expect(r.summary.subsidyTotal).toBeNull(); // X's
});

describe('R7: the 3:4:3 split only over a certain pool', () => {
  const tiered = (n: number): Spec[] => Array.from({ length: n }, (_, i) => [`T${i}`, 99.5 - i * 0.5, { level: i % 2 ? '市级' : '省级' }]);
  const low: Spec[] = [['A', 80], ['B', 81]];

  test('a 省级 unit whose 末位淘汰 is 待核实 leaves every tier 待核实', () => {
    const r = district([...low, ['C', 82, { level: '省级' }], ['X', null], ...tiered(5)]);
    expect(unitOf(r, 'C').eliminated).toBeNull();
    for (const u of r.units.filter((x) => x.unit.startsWith('T'))) {
      expect(u.subsidy).toMatchObject({ tier: '待核实', base: null, total: null });
      expect(u.subsidy.explanation).toMatch(/^待核实：3:4:3分档待核实：C是否参加分档（没有年度得分或末位淘汰待核实）尚不确定/);
    }
  });

  test('an unscored 省级 unit leaves every tier 待核实', () => {
    const r = district([...low, ['C', 82], ['X', null, { level: '市级' }], ...tiered(5)]);
    expect(r.units.filter((x) => x.unit.startsWith('T')).map((u) => u.subsidy.base)).toEqual([null, null, null, null, null]);
  });

  test('when the undecided units cannot be in the pool, the tiers are drawn', () => {
    const r = district([...low, ['C', 82, { level: '区级' }], ['X', null, { level: '区级' }], ...tiered(5)]);
    expect(r.units.filter((x) => x.unit.startsWith('T')).map((u) => u.subsidy.base)).toEqual([60000, 60000, 50000, 40000, 40000]);
    expect(unitOf(r, 'C').subsidy).toMatchObject({ base: null, total: null });
  });
});

test('no 参数 at all: every annual is missing, so every verdict and every subsidy is 待核实 and there is no total', () => {
  const specs: Spec[] = Array.from({ length: 8 }, (_, i) => [`U${i}`, 90 + i, { level: ['省级', '市级', '区级', null][i % 4], group: `G${i % 2}` }]);
  const r = district(specs, { params: [] });
  expect(r.units.every((u) => u.annual === null && u.bottomRank === null && u.eliminated === null)).toBe(true);
  expect(r.units.map((u) => u.subsidy.total)).toEqual(Array(8).fill(null));
  expect(r.units.map((u) => u.subsidy.tier)).toEqual(Array(8).fill('待核实'));
  expect(r.summary).toMatchObject({ eliminated: [], subsidyTotal: null, subsidyDeterminedTotal: 0, undetermined: specs.map(([n]) => n) });
  expect(r.flaggedGroups).toEqual([]);
  expect(r.pendingGroups).toEqual(['G0', 'G1']);
});

test('甘肃 2023 pays by level whatever 末位淘汰 says, but nothing on a missing score', () => {
  const r = district([['A', 80, { level: '市级' }], ['B', 85, { level: '市级' }], ['C', 88, { level: '国家级' }], ['X', null, { level: '市级' }]], { policy: GANSU_2023_POLICY });
  expect(verdicts(r)).toMatchObject({ A: true, B: true, C: null });
  expect(r.units.map((u) => u.subsidy.total)).toEqual([10000, 10000, 30000, null]);
});

/**
 * Soundness and tightness against every way the missing scores could turn out: each unscored unit is
 * given, in turn, each of a set of scores (below everyone, tied with each scored unit, at the
 * threshold, above everyone), every combination scored as a whole district. A certain verdict or
 * amount must be what every completion gives; a 待核实 verdict must be one some completion changes.
 */
describe('R9 against every completion of the missing scores', () => {
  const cases: { name: string; specs: Spec[] }[] = [
    { name: 'k = 1, a tie at rank 3', specs: [['A', 80, { group: 'G1', level: '区级' }], ['B', 82, { level: '省级' }], ['C', 85, { group: 'G2', level: '市级' }], ['D', 85, { group: 'G1', level: '省级' }], ['E', 96, { group: 'G2', level: '区级' }], ['F', 97, { level: '省级' }], ['X', null, { group: 'G1', level: '区级' }]] },
    { name: 'k = 2', specs: [['A', 80, { group: 'G1' }], ['B', 84, { group: 'G2', level: '区级' }], ['C', 88, { level: '省级' }], ['D', 92, { group: 'G2', level: '市级' }], ['E', 99, { group: 'G1', level: '区级', reward: 1000 }], ['X', null, { group: 'G2' }], ['Y', null, { level: '省级' }]] },
  ];
  test.each(cases)('$name', ({ specs }) => {
    const r = district(specs);
    const known = specs.filter(([, t]) => t !== null).map(([, t]) => t as number);
    const candidates = [...new Set([Math.min(...known) - 1, ...known, 95, 100])];
    const missing = specs.flatMap(([, t], i) => (t === null ? [i] : []));
    const completions: number[][] = missing.reduce<number[][]>((acc) => acc.flatMap((c) => candidates.map((v) => [...c, v])), [[]]);
    const seen = new Map<string, Set<string>>();
    for (const values of completions) {
      const filled = specs.map((s, i): Spec => (missing.includes(i) ? [s[0], values[missing.indexOf(i)], s[2]] : s));
      const full = district(filled);
      expect(full.summary.undetermined).toEqual([]);
      for (const u of full.units) {
        const mine = unitOf(r, u.unit);
        const note = (k: string, v: unknown) => seen.set(`${u.unit} ${k}`, (seen.get(`${u.unit} ${k}`) ?? new Set()).add(JSON.stringify(v)));
        if (mine.eliminated !== null) expect([u.unit, u.eliminated]).toEqual([u.unit, mine.eliminated]);
        if (mine.groupFlagged !== null) expect([u.unit, u.groupFlagged]).toEqual([u.unit, mine.groupFlagged]);
        if (mine.subsidy.total !== null) expect([u.unit, u.subsidy.total]).toEqual([u.unit, mine.subsidy.total]);
        if (mine.subsidy.base !== null) expect([u.unit, u.subsidy.base]).toEqual([u.unit, mine.subsidy.base]);
        note('eliminated', u.eliminated);
        note('groupFlagged', u.groupFlagged);
      }
    }
    // Only those: every 待核实 末位淘汰 of a scored unit is one some completion changes. (A group flag
    // follows R9's member-wise rule, which can leave a flag 待核实 that no completion changes: below.)
    for (const u of r.units) {
      if (u.annual !== null && u.eliminated === null) expect([u.unit, seen.get(`${u.unit} eliminated`)!.size]).toEqual([u.unit, 2]);
    }
    expect(r.summary.undetermined.length).toBeGreaterThan(missing.length);
  });

  test('a group flag is decided member by member, as R9 words it, not by working out the completions jointly', () => {
    // G2 holds B (倒数第2名 with k = 2: 待核实), D (safe) and X (no score). Jointly G2 is always
    // flagged — B escapes only if X scores below it, and then X goes — but no member is certainly
    // eliminated, so R9 says 待核实.
    const r = district(cases[1].specs);
    expect(verdicts(r)).toMatchObject({ B: null, D: false, X: null });
    expect(r.pendingGroups).toContain('G2');
  });
});
