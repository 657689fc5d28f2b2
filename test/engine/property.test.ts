/**
 * Property test: ~20 random districts (seeded), each scored by scoreLedger and by the naive
 * reference of reference.ts; they must agree on every indicator, monthly total, annual score,
 * rank, 末位淘汰 flag, flagged group and subsidy amount.
 */
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { RuleSet } from '../../src/rules/vocabulary';
import type { ScoreResult } from '../../src/result';
import { score, type RowSpec } from './helpers';
import { prng as basePrng } from '../helpers/prng';
import { REF_DEFAULTS, refDistrict, refMonth, refExcelRound, type Flag, type RefInputs, type RefParams, type RefSettings, type RefUnit } from './reference';

/** The shared generator with the rates these districts draw: a whole tenth of a percent in [lo, hi]. */
function prng(seed: number) {
  const r = basePrng(seed);
  const rate = (lo: number, hi: number) => r.int(Math.round(lo * 1000), Math.round(hi * 1000)) / 1000;
  return { ...r, rate };
}
type Rng = ReturnType<typeof prng>;

const sometimes = (r: Rng, p: number, hi: number) => (r.chance(p) ? r.int(1, hi) : 0);

function genInputs(r: Rng): RefInputs {
  const laborForce = r.int(200, 3000);
  const ruralLabor = r.int(100, 2000);
  const laborResource = r.int(200, 3000);
  const apps = r.chance(0.15) ? 0 : r.int(1, 40);
  const seekers = r.chance(0.1) ? [0, 0, 0] : [r.int(0, 50), r.int(0, 15), 0];
  seekers[2] = r.int(0, Math.min(10, seekers[0] + seekers[1]));
  const jobBase = seekers[0] + seekers[1] - seekers[2];
  const tSeekers = r.chance(0.1) ? [0, 0, 0] : [r.int(0, 40), r.int(0, 10), 0];
  tSeekers[2] = r.int(0, Math.min(8, tSeekers[0] + tSeekers[1]));
  const trainingBase = tSeekers[0] + tSeekers[1] - tSeekers[2];
  const grads = r.chance(0.3) ? 0 : r.int(1, 30);
  const marketEntities = r.pick([0, 5000, 14286, 20000, r.int(20000, 3_000_000)]);
  const s5bTarget = Math.max(1, marketEntities * 0.00007);
  const matched = r.chance(0.1) ? 0 : r.int(1, 50);
  const referred = r.chance(0.1) ? 0 : r.int(1, 150);
  return {
    laborForce,
    registeredUnemployed: Math.round(laborForce * r.rate(0, 0.08)),
    longTermUnemployed: sometimes(r, 0.3, 12),
    hardToEmploy: Math.round(laborForce * r.rate(0, 0.05)),
    zeroJobHouseholdsLate: sometimes(r, 0.2, 6),
    ruralTransferred: Math.round(ruralLabor * r.rate(0.3, 0.9)),
    ruralLabor,
    ruralTransferRatePrev: r.rate(0.3, 0.9),
    laborInfoUpdated: Math.round(laborResource * r.rate(0.6, 1)),
    laborResource,
    selfServiceApplications: apps,
    overdueReviews: apps === 0 ? 0 : sometimes(r, 0.3, Math.min(apps, 5)),
    unconfirmedRecords: sometimes(r, 0.3, 12),
    jobRecommended: jobBase === 0 ? 0 : Math.round(jobBase * r.rate(0.8, 1.2)),
    jobSeekersStart: seekers[0],
    newUnemployed: seekers[1],
    jobRecommendedEmployed: seekers[2],
    matchNotTracked: sometimes(r, 0.3, 5),
    trainingRecommended: trainingBase === 0 ? 0 : Math.round(trainingBase * r.rate(0.7, 1.1)),
    trainingSeekersStart: tSeekers[0],
    trainingSeekersNew: tSeekers[1],
    trainingRecommendedEmployed: tSeekers[2],
    hardUnassisted6m: sometimes(r, 0.3, 16),
    gradsRegistered: grads,
    gradsFollowedUp: grads > 0 && r.chance(0.15) ? grads - 1 : grads,
    gradsServed: grads > 0 && r.chance(0.15) ? grads - 1 : grads,
    gradsEmployed: r.int(0, grads),
    fishersPovertyIdle: sometimes(r, 0.3, 7),
    newEmployers: r.int(0, 8),
    platformNewEmployers: r.int(0, Math.ceil(s5bTarget * 1.2)),
    marketEntities,
    staleFeedback: sometimes(r, 0.4, 25),
    phoneCheckAccuracy: r.rate(0.6, 1),
    surveyDeduction: r.chance(0.7) ? 0 : r.int(0, 40) / 10,
    pendingOverdue: sometimes(r, 0.3, 5),
    serviceCount: r.int(0, 200),
    matchSucceeded: r.int(0, matched),
    matchedPersons: matched,
    trainingReferredTotal: referred,
    registeredUnemployedTotal: r.chance(0.1) ? 0 : r.int(1, 200),
    trainingSubsidized: r.int(0, referred),
    validComplaints: sometimes(r, 0.3, 6),
    realNameAccounts: r.int(0, 3),
    idleAccounts: sometimes(r, 0.3, 3),
    staffTrainingMet: r.chance(0.75) ? '是' : '否',
    newStaffTrained: r.pick<Flag>(['是', '是', '否', '无新进人员']),
    publicityPoints: r.chance(0.1) ? 2.5 : r.int(0, 20) / 10,
  };
}

/**
 * A month that meets every target whatever the province averages, less whole and tenth-point
 * deductions and an inspector's deduction ending in 5 thousandths: its total has three decimals
 * ending in 5, so a unit of such months has an annual exactly on a rounding half (92.285 → 92.29).
 */
function genSteadyInputs(r: Rng, gentle = false): RefInputs {
  const x: RefInputs = {
    laborForce: 1000, registeredUnemployed: 0, longTermUnemployed: r.int(0, 4), hardToEmploy: 0, zeroJobHouseholdsLate: r.int(0, 3),
    ruralTransferred: 800, ruralLabor: 800, ruralTransferRatePrev: r.rate(0.3, 0.9), laborInfoUpdated: 1000, laborResource: 1000,
    selfServiceApplications: 10, overdueReviews: 0, unconfirmedRecords: r.int(0, 5), jobRecommended: 10, jobSeekersStart: 8,
    newUnemployed: 2, jobRecommendedEmployed: 0, matchNotTracked: r.int(0, 2), trainingRecommended: 5, trainingSeekersStart: 5,
    trainingSeekersNew: 0, trainingRecommendedEmployed: 0, hardUnassisted6m: 0, gradsRegistered: 0, gradsFollowedUp: 0,
    gradsServed: 0, gradsEmployed: 0, fishersPovertyIdle: 0, newEmployers: r.int(3, 5), platformNewEmployers: 1, marketEntities: 100,
    staleFeedback: r.int(0, 9), phoneCheckAccuracy: 1, surveyDeduction: (r.int(0, 299) * 10 + 5) / 1000, pendingOverdue: 0,
    serviceCount: 100000, matchSucceeded: 10, matchedPersons: 10, trainingReferredTotal: 1000, registeredUnemployedTotal: 100,
    trainingSubsidized: 1000, validComplaints: r.int(0, 4), realNameAccounts: 2, idleAccounts: r.int(0, 1),
    staffTrainingMet: '是', newStaffTrained: '是', publicityPoints: 2,
  };
  // Gentle: only the inspector's deduction, so every total is above 97 and nobody is eliminated.
  if (gentle) Object.assign(x, { longTermUnemployed: 0, zeroJobHouseholdsLate: 0, unconfirmedRecords: 0, matchNotTracked: 0, newEmployers: 5, staleFeedback: 0, validComplaints: 0, idleAccounts: 0 });
  return x;
}

function genParams(r: Rng): RefParams {
  return {
    provinceUpdateCoverage: r.rate(0.7, 0.95),
    provinceAvgServiceCount: r.chance(0.05) ? 0 : r.chance(0.2) ? r.int(100, 3000) / 20 : r.int(50, 150),
    provinceAvgMatchSuccess: r.rate(0.4, 0.8),
    provinceAvgTrainingCoverage: r.rate(0.2, 0.6),
    provinceAvgSubsidyCoverage: r.rate(0.3, 0.7),
  };
}

interface District {
  units: RefUnit[];
  params: Map<number, RefParams>;
  settings: RefSettings;
}

function genDistrict(seed: number): District {
  const r = prng(seed);
  const n = r.int(30, 60);
  const gentle = seed % 6 === 1; // a district where the bottom 3 all score 95 or more
  const units: RefUnit[] = [];
  for (let i = 0; i < n; i++) {
    const type = r.chance(0.5) ? '社区' : '村';
    const twin = units.length > 0 && r.chance(0.15) ? r.pick(units.filter((u) => u.type === type)) : undefined;
    const steady = gentle ? genSteadyInputs(r, true) : !twin && r.chance(0.15) ? genSteadyInputs(r) : undefined;
    const months = twin
      ? twin.months.map((m) => ({ month: m.month, inputs: { ...m.inputs } }))
      : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter(() => !r.chance(0.01)).map((month) => ({ month, inputs: steady ? { ...steady } : genInputs(r) }));
    units.push({
      name: `${type === '社区' ? '社区' : '村'}${String(i + 1).padStart(2, '0')}`,
      type,
      group: r.chance(0.2) ? null : `第${Math.floor(i / 4) + 1}组`,
      level: r.pick(['省级', '市级', '区级', null] as const),
      founding: r.chance(0.5),
      reward: r.chance(0.7) ? 0 : r.int(1, 40) * 500,
      months,
    });
  }
  const params = new Map<number, RefParams>();
  for (let m = 1; m <= 12; m++) params.set(m, genParams(r));
  const settings: RefSettings = {
    step: seed % 4 === 3 ? 'ceil' : 'linear',
    assessedFromMonth: seed % 5 === 4 ? 6 : 4,
    bottomN: seed % 3 === 2 ? 5 : 3,
    threshold: seed % 3 === 2 ? 97 : 95,
  };
  return { units, params, settings };
}

// --- rendering the district as a sheet would hold it --------------------------------------

const FULL_WIDTH = (s: string) => s.replace(/[0-9.%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const RATE_FIELDS = new Set(['ruralTransferRatePrev', 'phoneCheckAccuracy', 'provinceUpdateCoverage', 'provinceAvgMatchSuccess', 'provinceAvgTrainingCoverage', 'provinceAvgSubsidyCoverage']);
const SIZE_FIELDS = new Set(['laborForce', 'laborResource', 'ruralLabor']);

/** A rate of whole tenths of a percent as one of the forms people type. */
function renderRate(r: Rng, v: number): unknown {
  const tenths = Math.round(v * 1000);
  const percent = `${Math.floor(tenths / 10)}${tenths % 10 ? `.${tenths % 10}` : ''}`;
  const form = r.next();
  if (form < 0.55) return v;
  if (form < 0.75) return `${percent}%`;
  if (form < 0.85) return FULL_WIDTH(`${percent}%`);
  return v === 0 ? 0 : Number(percent); // bare 95.3: read as a percentage with a warning
}

function renderNumber(r: Rng, key: string, v: number): unknown {
  if (v === 0 && !SIZE_FIELDS.has(key) && r.chance(0.2)) return null; // blank count = 0
  const form = r.next();
  if (form < 0.75) return v;
  if (form < 0.85) return String(v);
  if (form < 0.93) return FULL_WIDTH(String(v));
  return ` ${v} `;
}

function renderMonth(r: Rng, m: number): unknown {
  const form = r.next();
  if (form < 0.8) return m;
  if (form < 0.9) return `${m}月`;
  return `2024-${String(m).padStart(2, '0')}`;
}

function toSheet(d: District, r: Rng): { rows: RowSpec[]; params: RowSpec[] } {
  const rows: RowSpec[] = [];
  for (const u of d.units) {
    for (const m of u.months) {
      const row: RowSpec = {
        unit: u.name,
        type: u.type,
        month: renderMonth(r, m.month),
        group: u.group,
        level: u.level ?? (r.chance(0.5) ? '无' : null),
        founding: u.founding ? '是' : '否',
        reward: u.reward === 0 && r.chance(0.5) ? null : u.reward,
      };
      for (const [key, v] of Object.entries(m.inputs)) {
        if (typeof v === 'string') row[key] = v;
        else if (RATE_FIELDS.has(key)) row[key] = renderRate(r, v);
        else if (key === 'surveyDeduction' || key === 'publicityPoints') row[key] = v;
        else row[key] = renderNumber(r, key, v);
      }
      rows.push(row);
    }
  }
  // Rows in a random order: the engine must not depend on the sheet's order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const params = [...d.params].map(([month, p]) => {
    const row: RowSpec = { month };
    for (const [key, v] of Object.entries(p)) row[key] = RATE_FIELDS.has(key) ? renderRate(r, v) : v;
    return row;
  });
  return { rows, params };
}

const ruleSetFor = (s: RefSettings): RuleSet => ({
  ...HESHAN_2024,
  scoring: { ...HESHAN_2024.scoring, deductionStep: s.step, assessedFromMonth: s.assessedFromMonth },
  ranking: { ...HESHAN_2024.ranking, eliminationBottomN: s.bottomN, eliminationThreshold: s.threshold },
});

// --- the comparison -----------------------------------------------------------------------

const SEEDS = Array.from({ length: 20 }, (_, i) => 20240 + i);

interface Tally {
  unitMonths: number;
  rDeductions: number;
  eliminated: number;
  tiedAnnuals: number;
  ceilDistricts: number;
  /** Annuals where Excel's ROUND and Math.round(x * 100) / 100 differ. */
  roundingTraps: number;
  /** Units in the bottom ranks spared because they scored at least the threshold. */
  sparedBottom: number;
}
const tally: Tally = { unitMonths: 0, rDeductions: 0, eliminated: 0, tiedAnnuals: 0, ceilDistricts: 0, roundingTraps: 0, sparedBottom: 0 };

function compare(seed: number): void {
  const district = genDistrict(seed);
  const r = prng(seed ^ 0x5eed);
  const sheet = toSheet(district, r);
  const result: ScoreResult = score(sheet.rows, { params: sheet.params, ruleSet: ruleSetFor(district.settings) });
  const ref = refDistrict(district.units, district.params, district.settings);

  // Valid inputs: no errors; warnings only for bare-number rates and missing months.
  expect(result.errors).toEqual([]);
  for (const w of result.warnings) expect(w.month === null ? w.message : w.message).toMatch(/按百分比|缺少/);

  // Mismatches are collected (cheaper than one expect per value, and the report shows them all).
  const bad: string[] = [];
  const same = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: engine ${JSON.stringify(got)}, reference ${JSON.stringify(want)}`);
  };
  same('units', result.units.map((u) => u.unit).sort(), ref.units.map((u) => u.name).sort());
  for (const want of ref.units) {
    const got = result.units.find((u) => u.unit === want.name);
    const where = `seed ${seed} ${want.name}`;
    if (!got) continue;
    same(`${where} months`, got.months.map((m) => m.month), want.months.map((m) => m.month));
    want.months.forEach((wm) => {
      const gm = got.months.find((m) => m.month === wm.month);
      if (!gm) return;
      const at = `${where} month ${wm.month}`;
      same(`${at} indicator codes`, Object.keys(gm.indicators).sort(), Object.keys(wm.indicators).sort());
      for (const [code, points] of Object.entries(wm.indicators)) {
        const actual = gm.indicators[code];
        if (actual === null || actual === undefined || Math.abs(actual - points) > 1e-9) bad.push(`${at} ${code}: engine ${actual}, reference ${points}`);
      }
      if (gm.total === null || Math.abs(gm.total - wm.total) > 1e-9) bad.push(`${at} total: engine ${gm.total}, reference ${wm.total}`);
      tally.unitMonths++;
      if (wm.total < 100) tally.rDeductions++;
    });
    same(`${where} annual`, got.annual, want.annual);
    if (want.months.length > 0) {
      const mean = want.months.reduce((a, m) => a + m.total, 0) / want.months.length;
      if (Math.round(mean * 100) / 100 !== want.annual) tally.roundingTraps++;
    }
    same(`${where} rank`, got.bottomRank, want.rank);
    same(`${where} eliminated`, got.eliminated, want.eliminated);
    const s = got.subsidy;
    same(`${where} subsidy`, { base: s.base, groupDeduction: s.groupDeduction, reward: s.reward, total: s.total, startupFund: s.startupFund }, want.subsidy);
    if (want.eliminated) tally.eliminated++;
    if (!want.eliminated && want.rank !== null && want.rank <= district.settings.bottomN) tally.sparedBottom++;
  }
  same(`seed ${seed} flagged groups`, [...result.flaggedGroups].sort(), [...ref.flaggedGroups].sort());
  same(`seed ${seed} subsidy total`, result.summary.subsidyTotal, ref.units.reduce((a, u) => a + u.subsidy.total, 0));
  expect(bad.slice(0, 30)).toEqual([]);
  const annuals = ref.units.map((u) => u.annual);
  tally.tiedAnnuals += annuals.filter((a, i) => annuals.indexOf(a) !== i).length;
  if (district.settings.step === 'ceil') tally.ceilDistricts++;
}

describe('scoreLedger agrees with the reference on random districts', () => {
  it.each(SEEDS)('district seed %i', (seed) => compare(seed));

  it('the generated districts exercised shortfalls, eliminations, ties and ceil', () => {
    // Guards the generator: a test that never produces these cases proves little.
    expect(tally.unitMonths).toBeGreaterThan(20 * 30 * 11);
    expect(tally.rDeductions).toBeGreaterThan(tally.unitMonths / 2);
    expect(tally.eliminated).toBeGreaterThanOrEqual(20 * 3);
    expect(tally.tiedAnnuals).toBeGreaterThan(10);
    expect(tally.ceilDistricts).toBeGreaterThan(0);
    expect(tally.roundingTraps).toBeGreaterThan(0);
    expect(tally.sparedBottom).toBeGreaterThan(0);
  });
});

describe('the reference itself', () => {
  it('scores a perfect month 100 and rounds like Excel', () => {
    const x: RefInputs = {
      laborForce: 1000, registeredUnemployed: 50, longTermUnemployed: 0, hardToEmploy: 30, zeroJobHouseholdsLate: 0,
      ruralTransferred: 700, ruralLabor: 1000, ruralTransferRatePrev: 0.7, laborInfoUpdated: 850, laborResource: 1000,
      selfServiceApplications: 0, overdueReviews: 0, unconfirmedRecords: 0, jobRecommended: 0, jobSeekersStart: 0,
      newUnemployed: 0, jobRecommendedEmployed: 0, matchNotTracked: 0, trainingRecommended: 0, trainingSeekersStart: 0,
      trainingSeekersNew: 0, trainingRecommendedEmployed: 0, hardUnassisted6m: 0, gradsRegistered: 0, gradsFollowedUp: 0,
      gradsServed: 0, gradsEmployed: 0, fishersPovertyIdle: 0, newEmployers: 5, platformNewEmployers: 1, marketEntities: 0,
      staleFeedback: 0, phoneCheckAccuracy: 0.9, surveyDeduction: 0, pendingOverdue: 0, serviceCount: 100, matchSucceeded: 0,
      matchedPersons: 0, trainingReferredTotal: 0, registeredUnemployedTotal: 0, trainingSubsidized: 0, validComplaints: 0,
      realNameAccounts: 2, idleAccounts: 0, staffTrainingMet: '否', newStaffTrained: '否', publicityPoints: 2,
    };
    const p: RefParams = { provinceUpdateCoverage: 0.85, provinceAvgServiceCount: 100, provinceAvgMatchSuccess: 0.6, provinceAvgTrainingCoverage: 0.5, provinceAvgSubsidyCoverage: 0.5 };
    expect(refMonth('社区', 3, x, p, REF_DEFAULTS).total).toBe(100);
    expect(refMonth('村', 4, x, p, REF_DEFAULTS).total).toBe(97);
    expect(refExcelRound(92.285, 2)).toBe(92.29);
    expect(refExcelRound(92.2849999, 2)).toBe(92.28);
    expect(refExcelRound(99.995, 2)).toBe(100);
    expect(refExcelRound(0.005, 2)).toBe(0.01);
  });
});
