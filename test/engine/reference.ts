/**
 * A deliberately naive reference implementation of spec §2–§4, written from the spec text
 * (heshan-2024-rubric.md), not from the engine: one function per indicator, row by row, over
 * plain numbers. It takes already-valid inputs (no parsing, no errors) and is used by the
 * property test to check scoreLedger end to end.
 */

export type RefType = '社区' | '村';
export type RefLevel = '省级' | '市级' | '区级' | null;
export type Flag = '是' | '否' | '无新进人员';

/** One unit-month's inputs, keyed by the field names of spec §2. */
export interface RefInputs {
  laborForce: number;
  registeredUnemployed: number;
  longTermUnemployed: number;
  hardToEmploy: number;
  zeroJobHouseholdsLate: number;
  ruralTransferred: number;
  ruralLabor: number;
  ruralTransferRatePrev: number;
  laborInfoUpdated: number;
  laborResource: number;
  selfServiceApplications: number;
  overdueReviews: number;
  unconfirmedRecords: number;
  jobRecommended: number;
  jobSeekersStart: number;
  newUnemployed: number;
  jobRecommendedEmployed: number;
  matchNotTracked: number;
  trainingRecommended: number;
  trainingSeekersStart: number;
  trainingSeekersNew: number;
  trainingRecommendedEmployed: number;
  hardUnassisted6m: number;
  gradsRegistered: number;
  gradsFollowedUp: number;
  gradsServed: number;
  gradsEmployed: number;
  fishersPovertyIdle: number;
  newEmployers: number;
  platformNewEmployers: number;
  marketEntities: number;
  staleFeedback: number;
  phoneCheckAccuracy: number;
  surveyDeduction: number;
  pendingOverdue: number;
  serviceCount: number;
  matchSucceeded: number;
  matchedPersons: number;
  trainingReferredTotal: number;
  registeredUnemployedTotal: number;
  trainingSubsidized: number;
  validComplaints: number;
  realNameAccounts: number;
  idleAccounts: number;
  staffTrainingMet: Flag;
  newStaffTrained: Flag;
  publicityPoints: number;
}

/** The five 全省平均 figures of one month (ruling R3). */
export interface RefParams {
  provinceUpdateCoverage: number;
  provinceAvgServiceCount: number;
  provinceAvgMatchSuccess: number;
  provinceAvgTrainingCoverage: number;
  provinceAvgSubsidyCoverage: number;
}

export interface RefSettings {
  /** R1 */
  step: 'linear' | 'ceil';
  /** R5 */
  assessedFromMonth: number;
  /** 末位淘汰 */
  bottomN: number;
  threshold: number;
}

export const REF_DEFAULTS: RefSettings = { step: 'linear', assessedFromMonth: 4, bottomN: 3, threshold: 95 };

export interface RefUnit {
  name: string;
  type: RefType;
  group: string | null;
  level: RefLevel;
  founding: boolean;
  reward: number;
  months: { month: number; inputs: RefInputs }[];
}

export interface RefMonth {
  month: number;
  indicators: Record<string, number>;
  total: number;
}

export interface RefSubsidy {
  base: number;
  groupDeduction: number;
  reward: number;
  total: number;
  startupFund: number;
}

export interface RefUnitResult {
  name: string;
  months: RefMonth[];
  annual: number | null;
  rank: number | null;
  eliminated: boolean;
  subsidy: RefSubsidy;
}

export interface RefDistrict {
  units: RefUnitResult[];
  flaggedGroups: string[];
}

// ---------------------------------------------------------------------------------------------
// §1 notation

/** x clamped to [0, m]. */
const clamp = (x: number, m: number): number => (x < 0 ? 0 : x > m ? m : x);
/** How far a falls below b. */
const short = (a: number, b: number): number => (b - a > 0 ? b - a : 0);
/** Percentage points. */
const pp = (x: number): number => x * 100;

// ---------------------------------------------------------------------------------------------
// §2 indicators

/** "max − k per percentage point short", with ruling R1's step. */
function perPointShort(max: number, k: number, shortfallPp: number, s: RefSettings): number {
  let points = shortfallPp;
  if (s.step === 'ceil') points = Math.ceil(Number(points.toFixed(9)));
  return clamp(max - k * points, max);
}

export function refMonth(type: RefType, month: number, x: RefInputs, p: RefParams, s: RefSettings): RefMonth {
  const ind: Record<string, number> = {};

  // 一、就业失业情况
  const e1Rate = (x.laborForce - x.registeredUnemployed) / x.laborForce;
  ind.E1 = perPointShort(5, 1, pp(short(e1Rate, 0.95)), s);
  ind.E2 = clamp(5 - 0.5 * x.longTermUnemployed, 5);
  const e3Rate = (x.laborForce - x.hardToEmploy) / x.laborForce;
  ind.E3 = perPointShort(5, 1, pp(short(e3Rate, 0.97)), s);
  if (type === '社区') {
    ind.E4a = clamp(5 - 1 * x.zeroJobHouseholdsLate, 5);
  } else {
    const transferRate = x.ruralTransferred / x.ruralLabor;
    ind.E4b = perPointShort(5, 1, pp(short(transferRate, x.ruralTransferRatePrev)), s);
  }

  // 二、就业服务情况
  ind.S1 = perPointShort(5, 0.5, pp(short(x.laborInfoUpdated / x.laborResource, p.provinceUpdateCoverage)), s);
  if (x.selfServiceApplications === 0) ind.S2 = 3; // R2
  else ind.S2 = clamp(3 * ((x.selfServiceApplications - x.overdueReviews) / x.selfServiceApplications), 3);
  ind.S3a = clamp(2 - 0.2 * x.unconfirmedRecords, 2);
  const s3bBase = x.jobSeekersStart + x.newUnemployed - x.jobRecommendedEmployed;
  ind.S3b = s3bBase === 0 ? 4 : perPointShort(4, 0.5, pp(short(x.jobRecommended / s3bBase, 1)), s);
  ind.S3c = clamp(2 - 0.5 * x.matchNotTracked, 2);
  const s3dBase = x.trainingSeekersStart + x.trainingSeekersNew - x.trainingRecommendedEmployed;
  ind.S3d = s3dBase === 0 ? 4 : perPointShort(4, 0.5, pp(short(x.trainingRecommended / s3dBase, 1)), s);
  ind.S4a = clamp(3 - 0.2 * x.hardUnassisted6m, 3);
  if (x.gradsRegistered === 0) {
    ind.S4b = 3; // R2
  } else {
    const followUp = x.gradsFollowedUp / x.gradsRegistered;
    const service = x.gradsServed / x.gradsRegistered;
    ind.S4b = followUp < 1 || service < 1 ? 0 : clamp(3 * (x.gradsEmployed / x.gradsRegistered), 3);
  }
  ind.S4c = clamp(3 - 0.5 * x.fishersPovertyIdle, 3);
  ind.S5a = clamp(2 - 0.4 * Math.max(0, 5 - x.newEmployers), 2);
  const s5bTarget = Math.max(1, (x.marketEntities * 0.7) / 10000); // 0.7‱
  const s5bCompletion = Math.min(1, x.platformNewEmployers / s5bTarget);
  ind.S5b = perPointShort(4, 0.05, pp(1 - s5bCompletion), s);
  ind.S5c = clamp(2 - 0.1 * x.staleFeedback, 2);
  ind.S6a = perPointShort(3, 0.1, pp(short(x.phoneCheckAccuracy, 0.9)), s);
  ind.S6b = clamp(3 - x.surveyDeduction, 3);
  ind.S6c = clamp(2 - 0.5 * x.pendingOverdue, 2);

  // 三、服务质量情况
  ind.Q1 = p.provinceAvgServiceCount === 0 ? 10 : perPointShort(10, 0.2, pp(short(x.serviceCount / p.provinceAvgServiceCount, 1)), s);
  ind.Q2a = x.matchedPersons === 0 ? 4 : perPointShort(4, 0.05, pp(short(x.matchSucceeded / x.matchedPersons, p.provinceAvgMatchSuccess)), s);
  ind.Q2b = x.registeredUnemployedTotal === 0 ? 4 : perPointShort(4, 0.3, pp(short(x.trainingReferredTotal / x.registeredUnemployedTotal, p.provinceAvgTrainingCoverage)), s);
  ind.Q2c = x.trainingReferredTotal === 0 ? 2 : perPointShort(2, 0.05, pp(short(x.trainingSubsidized / x.trainingReferredTotal, p.provinceAvgSubsidyCoverage)), s);
  ind.Q3 = clamp(5 - 1 * x.validComplaints, 5);

  // 四、平台建设情况
  ind.P1a = clamp(2 - 1 * Math.max(0, 2 - x.realNameAccounts), 2);
  ind.P1b = clamp(2 - 1 * x.idleAccounts, 2);
  let p2a: number;
  let p2b: number;
  if (month < s.assessedFromMonth) {
    p2a = 3; // R5
    p2b = 2;
  } else {
    p2a = x.staffTrainingMet === '是' ? 3 : 0;
    p2b = x.newStaffTrained === '是' || x.newStaffTrained === '无新进人员' ? 2 : 1;
  }
  ind.P2 = Math.min(4, p2a + p2b); // R4
  ind.P3 = clamp(x.publicityPoints, 2);

  let total = 0;
  for (const v of Object.values(ind)) total += v;
  return { month, indicators: ind, total };
}

// ---------------------------------------------------------------------------------------------
// §3 annual score, ranking, 末位淘汰

/**
 * Excel's ROUND, written from the spec's words: take the value as shown with 15 significant
 * digits (a decimal string), then round that decimal half away from zero.
 */
export function refExcelRound(x: number, decimals: number): number {
  const negative = x < 0;
  const shown = Math.abs(x).toPrecision(15);
  if (shown.includes('e')) throw new Error(`refExcelRound: ${shown} out of the range this reference handles`);
  const [intPart, fracPart = ''] = shown.split('.');
  if (fracPart.length <= decimals) return Number(shown) * (negative ? -1 : 1);
  const kept = BigInt(intPart + fracPart.slice(0, decimals));
  const roundUp = fracPart.charCodeAt(decimals) >= '5'.charCodeAt(0);
  const digits = (roundUp ? kept + 1n : kept).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return Number(text) * (negative ? -1 : 1);
}

// ---------------------------------------------------------------------------------------------
// §4 subsidy (赫山 2024)

const TIER_AMOUNT = [60000, 50000, 40000]; // top, middle, bottom
const DISTRICT_LEVEL_AMOUNT = 30000;
const GROUP_DEDUCTION = 10000;
const STARTUP_FUND = 10000;

export function refDistrict(units: RefUnit[], params: Map<number, RefParams>, s: RefSettings = REF_DEFAULTS): RefDistrict {
  const results: RefUnitResult[] = units.map((u) => {
    const months = [...u.months]
      .sort((a, b) => a.month - b.month)
      .map((m) => refMonth(u.type, m.month, m.inputs, params.get(m.month)!, s));
    let annual: number | null = null;
    if (months.length > 0) {
      let sum = 0;
      for (const m of months) sum += m.total;
      annual = refExcelRound(sum / months.length, 2);
    }
    return { name: u.name, months, annual, rank: null, eliminated: false, subsidy: { base: 0, groupDeduction: 0, reward: 0, total: 0, startupFund: 0 } };
  });

  // R6: RANK.EQ(score, all, 1) = 1 + number of strictly lower scores.
  for (const r of results) {
    if (r.annual === null) continue;
    let lower = 0;
    for (const o of results) if (o.annual !== null && o.annual < r.annual) lower++;
    r.rank = 1 + lower;
    r.eliminated = r.rank <= s.bottomN && r.annual < s.threshold;
  }

  // 老带新 groups with at least one eliminated member.
  const flagged = new Set<string>();
  units.forEach((u, i) => {
    if (u.group !== null && results[i].eliminated) flagged.add(u.group);
  });

  // R7: 省级/市级, not eliminated, ranked highest first; round half up of 0.3 N at each end.
  const pool = units.map((_, i) => i).filter((i) => (units[i].level === '省级' || units[i].level === '市级') && !results[i].eliminated && results[i].annual !== null);
  const n = pool.length;
  const k = Math.floor((3 * n + 5) / 10); // round(0.3 N), half up, in integers
  const sorted = [...pool].sort((a, b) => results[b].annual! - results[a].annual!);
  const positional = new Map<number, number>(); // unit index → 0 top, 1 middle, 2 bottom
  sorted.forEach((i, position) => positional.set(i, position < k ? 0 : position >= n - k ? 2 : 1));
  const tierOf = (i: number): number => {
    // A unit tied with one in a higher tier joins the higher tier.
    let best = positional.get(i)!;
    for (const j of pool) if (results[j].annual === results[i].annual) best = Math.min(best, positional.get(j)!);
    return best;
  };

  units.forEach((u, i) => {
    const r = results[i];
    let base = 0;
    if (r.eliminated) base = 0;
    else if (u.level === '省级' || u.level === '市级') base = r.annual === null ? 0 : TIER_AMOUNT[tierOf(i)];
    else if (u.level === '区级') base = DISTRICT_LEVEL_AMOUNT;
    const groupDeduction = u.group !== null && flagged.has(u.group) && !r.eliminated ? GROUP_DEDUCTION : 0;
    r.subsidy = {
      base,
      groupDeduction,
      reward: u.reward,
      total: Math.max(0, base - groupDeduction) + u.reward,
      startupFund: u.founding ? STARTUP_FUND : 0,
    };
  });

  return { units: results, flaggedGroups: [...flagged] };
}
