/**
 * Spec §2: every indicator at its edges. Each case starts from a unit-month that scores 100 and
 * changes only the inputs named, so every other indicator must stay at its max.
 */
import { defaultParamRows, perfect, score, monthOf, type RowSpec } from './helpers';

const MAX: Record<string, number> = {
  E1: 5, E2: 5, E3: 5, E4a: 5, E4b: 5,
  S1: 5, S2: 3, S3a: 2, S3b: 4, S3c: 2, S3d: 4, S4a: 3, S4b: 3, S4c: 3, S5a: 2, S5b: 4, S5c: 2, S6a: 3, S6b: 3, S6c: 2,
  Q1: 10, Q2a: 4, Q2b: 4, Q2c: 2, Q3: 5,
  P1a: 2, P1b: 2, P2: 4, P3: 2,
};
const CODES_社区 = Object.keys(MAX).filter((c) => c !== 'E4b');
const CODES_村 = Object.keys(MAX).filter((c) => c !== 'E4a');

interface Case {
  name: string;
  code: string;
  input: RowSpec;
  expected: number;
  /** Other indicators the input also moves. */
  others?: Record<string, number>;
  /** Ruling R2 note expected on these indicator codes. */
  noBase?: string[];
  params?: Record<string, unknown>;
}

const village = (input: RowSpec): RowSpec => ({ type: '村', ...input });

const CASES: Case[] = [
  // E1: (laborForce − registeredUnemployed) / laborForce vs 95 %, 1 point per pp.
  { name: 'E1 exactly 95 %', code: 'E1', input: { registeredUnemployed: 50 }, expected: 5 },
  { name: 'E1 0.1 pp short', code: 'E1', input: { registeredUnemployed: 51 }, expected: 4.9 },
  { name: 'E1 2 pp short', code: 'E1', input: { registeredUnemployed: 70 }, expected: 3 },
  { name: 'E1 far short clamps at 0', code: 'E1', input: { registeredUnemployed: 200 }, expected: 0 },
  { name: 'E1 all unemployed', code: 'E1', input: { registeredUnemployed: 1000 }, expected: 0 },
  { name: 'E1 blank registeredUnemployed is 0', code: 'E1', input: { registeredUnemployed: null }, expected: 5 },
  { name: 'E1 zero registeredUnemployed', code: 'E1', input: { registeredUnemployed: 0 }, expected: 5 },

  // E2: 5 − 0.5 n.
  { name: 'E2 none', code: 'E2', input: { longTermUnemployed: 0 }, expected: 5 },
  { name: 'E2 one', code: 'E2', input: { longTermUnemployed: 1 }, expected: 4.5 },
  { name: 'E2 three', code: 'E2', input: { longTermUnemployed: 3 }, expected: 3.5 },
  { name: 'E2 ten reaches 0', code: 'E2', input: { longTermUnemployed: 10 }, expected: 0 },
  { name: 'E2 eleven clamps at 0', code: 'E2', input: { longTermUnemployed: 11 }, expected: 0 },
  { name: 'E2 blank is 0', code: 'E2', input: { longTermUnemployed: null }, expected: 5 },

  // E3: (laborForce − hardToEmploy) / laborForce vs 97 %.
  { name: 'E3 exactly 97 %', code: 'E3', input: { hardToEmploy: 30 }, expected: 5 },
  { name: 'E3 0.1 pp short', code: 'E3', input: { hardToEmploy: 31 }, expected: 4.9 },
  { name: 'E3 2 pp short', code: 'E3', input: { hardToEmploy: 50 }, expected: 3 },
  { name: 'E3 far short clamps at 0', code: 'E3', input: { hardToEmploy: 100 }, expected: 0 },
  { name: 'E3 blank is 0', code: 'E3', input: { hardToEmploy: null }, expected: 5 },

  // E4a (社区): 5 − n.
  { name: 'E4a none', code: 'E4a', input: { zeroJobHouseholdsLate: 0 }, expected: 5 },
  { name: 'E4a one', code: 'E4a', input: { zeroJobHouseholdsLate: 1 }, expected: 4 },
  { name: 'E4a five reaches 0', code: 'E4a', input: { zeroJobHouseholdsLate: 5 }, expected: 0 },
  { name: 'E4a six clamps at 0', code: 'E4a', input: { zeroJobHouseholdsLate: 6 }, expected: 0 },
  { name: 'E4a blank is 0', code: 'E4a', input: { zeroJobHouseholdsLate: null }, expected: 5 },

  // E4b (村): ruralTransferred / ruralLabor vs last year's rate.
  { name: 'E4b exactly last year', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 700, ruralTransferRatePrev: 0.7 }), expected: 5 },
  { name: 'E4b 0.1 pp short', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 699, ruralTransferRatePrev: 0.7 }), expected: 4.9 },
  { name: 'E4b 2 pp short', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 680, ruralTransferRatePrev: 0.7 }), expected: 3 },
  { name: 'E4b far short clamps at 0', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 100, ruralTransferRatePrev: 0.7 }), expected: 0 },
  { name: 'E4b blank transferred is 0', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: null, ruralTransferRatePrev: 0.7 }), expected: 0 },
  { name: 'E4b last year 0 %, nobody transferred', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 0, ruralTransferRatePrev: 0 }), expected: 5 },
  { name: 'E4b last year as "70%"', code: 'E4b', input: village({ ruralLabor: 1000, ruralTransferred: 699, ruralTransferRatePrev: '70%' }), expected: 4.9 },

  // S1: laborInfoUpdated / laborResource vs province coverage (0.85), 0.5 per pp.
  { name: 'S1 exactly province average', code: 'S1', input: { laborInfoUpdated: 850 }, expected: 5 },
  { name: 'S1 0.1 pp short', code: 'S1', input: { laborInfoUpdated: 849 }, expected: 4.95 },
  { name: 'S1 2 pp short', code: 'S1', input: { laborInfoUpdated: 830 }, expected: 4 },
  { name: 'S1 far short clamps at 0', code: 'S1', input: { laborInfoUpdated: 0 }, expected: 0 },
  { name: 'S1 blank updated is 0', code: 'S1', input: { laborInfoUpdated: null }, expected: 0 },
  { name: 'S1 all updated', code: 'S1', input: { laborInfoUpdated: 1000 }, expected: 5 },

  // S2: 3 × (apps − overdue) / apps.
  { name: 'S2 nothing overdue', code: 'S2', input: { selfServiceApplications: 20, overdueReviews: 0 }, expected: 3 },
  { name: 'S2 one in a thousand overdue', code: 'S2', input: { selfServiceApplications: 1000, overdueReviews: 1 }, expected: 2.997 },
  { name: 'S2 one in 20 overdue', code: 'S2', input: { selfServiceApplications: 20, overdueReviews: 1 }, expected: 2.85 },
  { name: 'S2 half overdue', code: 'S2', input: { selfServiceApplications: 20, overdueReviews: 10 }, expected: 1.5 },
  { name: 'S2 all overdue', code: 'S2', input: { selfServiceApplications: 20, overdueReviews: 20 }, expected: 0 },
  { name: 'S2 no applications (R2)', code: 'S2', input: { selfServiceApplications: 0, overdueReviews: 0 }, expected: 3, noBase: ['S2'] },
  { name: 'S2 blank applications (R2)', code: 'S2', input: { selfServiceApplications: null, overdueReviews: null }, expected: 3, noBase: ['S2'] },

  // S3a: 2 − 0.2 n.
  { name: 'S3a none', code: 'S3a', input: { unconfirmedRecords: 0 }, expected: 2 },
  { name: 'S3a one', code: 'S3a', input: { unconfirmedRecords: 1 }, expected: 1.8 },
  { name: 'S3a ten reaches 0', code: 'S3a', input: { unconfirmedRecords: 10 }, expected: 0 },
  { name: 'S3a eleven clamps at 0', code: 'S3a', input: { unconfirmedRecords: 11 }, expected: 0 },

  // S3b: jobRecommended / (start + new − employed) vs 100 %, 0.5 per pp.
  { name: 'S3b at 100 %', code: 'S3b', input: { jobRecommended: 1000, jobSeekersStart: 1000, newUnemployed: 0, jobRecommendedEmployed: 0 }, expected: 4 },
  { name: 'S3b 0.1 pp short', code: 'S3b', input: { jobRecommended: 999, jobSeekersStart: 1000, newUnemployed: 0, jobRecommendedEmployed: 0 }, expected: 3.95 },
  { name: 'S3b 2 pp short', code: 'S3b', input: { jobRecommended: 980, jobSeekersStart: 900, newUnemployed: 100, jobRecommendedEmployed: 0 }, expected: 3 },
  { name: 'S3b base subtracts the employed', code: 'S3b', input: { jobRecommended: 29, jobSeekersStart: 25, newUnemployed: 10, jobRecommendedEmployed: 5 }, expected: 4 - 0.5 * (100 / 30) },
  { name: 'S3b nobody recommended clamps at 0', code: 'S3b', input: { jobRecommended: 0, jobSeekersStart: 25, newUnemployed: 10, jobRecommendedEmployed: 5 }, expected: 0 },
  { name: 'S3b above 100 % is met, not an error', code: 'S3b', input: { jobRecommended: 40, jobSeekersStart: 25, newUnemployed: 10, jobRecommendedEmployed: 5 }, expected: 4 },
  { name: 'S3b empty base (R2)', code: 'S3b', input: { jobRecommended: 0, jobSeekersStart: 0, newUnemployed: 0, jobRecommendedEmployed: 0 }, expected: 4, noBase: ['S3b'] },
  { name: 'S3b base cancelled out (R2)', code: 'S3b', input: { jobRecommended: 0, jobSeekersStart: 3, newUnemployed: 2, jobRecommendedEmployed: 5 }, expected: 4, noBase: ['S3b'] },
  { name: 'S3b all blank (R2)', code: 'S3b', input: { jobRecommended: null, jobSeekersStart: null, newUnemployed: null, jobRecommendedEmployed: null }, expected: 4, noBase: ['S3b'] },

  // S3c: 2 − 0.5 n.
  { name: 'S3c none', code: 'S3c', input: { matchNotTracked: 0 }, expected: 2 },
  { name: 'S3c one', code: 'S3c', input: { matchNotTracked: 1 }, expected: 1.5 },
  { name: 'S3c four reaches 0', code: 'S3c', input: { matchNotTracked: 4 }, expected: 0 },
  { name: 'S3c five clamps at 0', code: 'S3c', input: { matchNotTracked: 5 }, expected: 0 },

  // S3d: trainingRecommended / (start + new − employed).
  { name: 'S3d at 100 %', code: 'S3d', input: { trainingRecommended: 1000, trainingSeekersStart: 990, trainingSeekersNew: 20, trainingRecommendedEmployed: 10 }, expected: 4 },
  { name: 'S3d 0.1 pp short', code: 'S3d', input: { trainingRecommended: 999, trainingSeekersStart: 990, trainingSeekersNew: 20, trainingRecommendedEmployed: 10 }, expected: 3.95 },
  { name: 'S3d half recommended', code: 'S3d', input: { trainingRecommended: 10, trainingSeekersStart: 15, trainingSeekersNew: 8, trainingRecommendedEmployed: 3 }, expected: 0 },
  { name: 'S3d 95 % recommended', code: 'S3d', input: { trainingRecommended: 19, trainingSeekersStart: 15, trainingSeekersNew: 8, trainingRecommendedEmployed: 3 }, expected: 1.5 },
  { name: 'S3d empty base (R2)', code: 'S3d', input: { trainingRecommended: 0, trainingSeekersStart: 0, trainingSeekersNew: 0, trainingRecommendedEmployed: 0 }, expected: 4, noBase: ['S3d'] },

  // S4a: 3 − 0.2 n.
  { name: 'S4a none', code: 'S4a', input: { hardUnassisted6m: 0 }, expected: 3 },
  { name: 'S4a one', code: 'S4a', input: { hardUnassisted6m: 1 }, expected: 2.8 },
  { name: 'S4a fifteen reaches 0', code: 'S4a', input: { hardUnassisted6m: 15 }, expected: 0 },
  { name: 'S4a sixteen clamps at 0', code: 'S4a', input: { hardUnassisted6m: 16 }, expected: 0 },

  // S4b: gates on follow-up and service, then 3 × employed / registered.
  { name: 'S4b all followed, served, employed', code: 'S4b', input: { gradsRegistered: 10, gradsFollowedUp: 10, gradsServed: 10, gradsEmployed: 10 }, expected: 3 },
  { name: 'S4b 70 % employed', code: 'S4b', input: { gradsRegistered: 10, gradsFollowedUp: 10, gradsServed: 10, gradsEmployed: 7 }, expected: 2.1 },
  { name: 'S4b 99.9 % employed', code: 'S4b', input: { gradsRegistered: 1000, gradsFollowedUp: 1000, gradsServed: 1000, gradsEmployed: 999 }, expected: 2.997 },
  { name: 'S4b none employed', code: 'S4b', input: { gradsRegistered: 10, gradsFollowedUp: 10, gradsServed: 10, gradsEmployed: 0 }, expected: 0 },
  { name: 'S4b gate: follow-up short', code: 'S4b', input: { gradsRegistered: 10, gradsFollowedUp: 9, gradsServed: 10, gradsEmployed: 10 }, expected: 0 },
  { name: 'S4b gate: service short', code: 'S4b', input: { gradsRegistered: 10, gradsFollowedUp: 10, gradsServed: 9, gradsEmployed: 10 }, expected: 0 },
  { name: 'S4b gate: 99.9 % followed up is still short', code: 'S4b', input: { gradsRegistered: 1000, gradsFollowedUp: 999, gradsServed: 1000, gradsEmployed: 1000 }, expected: 0 },
  { name: 'S4b no graduates (R2)', code: 'S4b', input: { gradsRegistered: 0, gradsFollowedUp: 0, gradsServed: 0, gradsEmployed: 0 }, expected: 3, noBase: ['S4b'] },
  { name: 'S4b all blank (R2)', code: 'S4b', input: { gradsRegistered: null, gradsFollowedUp: null, gradsServed: null, gradsEmployed: null }, expected: 3, noBase: ['S4b'] },

  // S4c: 3 − 0.5 n.
  { name: 'S4c none', code: 'S4c', input: { fishersPovertyIdle: 0 }, expected: 3 },
  { name: 'S4c one', code: 'S4c', input: { fishersPovertyIdle: 1 }, expected: 2.5 },
  { name: 'S4c six reaches 0', code: 'S4c', input: { fishersPovertyIdle: 6 }, expected: 0 },
  { name: 'S4c seven clamps at 0', code: 'S4c', input: { fishersPovertyIdle: 7 }, expected: 0 },

  // S5a: 2 − 0.4 × max(0, 5 − n).
  { name: 'S5a five employers', code: 'S5a', input: { newEmployers: 5 }, expected: 2 },
  { name: 'S5a four employers', code: 'S5a', input: { newEmployers: 4 }, expected: 1.6 },
  { name: 'S5a two employers', code: 'S5a', input: { newEmployers: 2 }, expected: 0.8 },
  { name: 'S5a more than five', code: 'S5a', input: { newEmployers: 9 }, expected: 2 },
  { name: 'S5a none', code: 'S5a', input: { newEmployers: 0 }, expected: 0 },
  { name: 'S5a blank is none', code: 'S5a', input: { newEmployers: null }, expected: 0 },

  // S5b: target = max(1, entities × 0.7‱); 4 − 0.05 × pp(1 − completion).
  { name: 'S5b target met (1,000,000 entities → 70)', code: 'S5b', input: { marketEntities: 1_000_000, platformNewEmployers: 70 }, expected: 4 },
  { name: 'S5b one short of 70', code: 'S5b', input: { marketEntities: 1_000_000, platformNewEmployers: 69 }, expected: 4 - 0.05 * (100 / 70) },
  { name: 'S5b 0.1 pp short (target 7000)', code: 'S5b', input: { marketEntities: 100_000_000, platformNewEmployers: 6993 }, expected: 3.995 },
  { name: 'S5b half the target', code: 'S5b', input: { marketEntities: 1_000_000, platformNewEmployers: 35 }, expected: 1.5 },
  { name: 'S5b none clamps at 0', code: 'S5b', input: { marketEntities: 1_000_000, platformNewEmployers: 0 }, expected: 0 },
  { name: 'S5b target 1.4', code: 'S5b', input: { marketEntities: 20000, platformNewEmployers: 1 }, expected: 4 - 0.05 * (100 - 100 / 1.4) },
  { name: 'S5b target floor of 1 (10,000 entities → 0.7)', code: 'S5b', input: { marketEntities: 10000, platformNewEmployers: 1 }, expected: 4 },
  { name: 'S5b no entities: target is still 1, not R2', code: 'S5b', input: { marketEntities: 0, platformNewEmployers: 0 }, expected: 0 },
  { name: 'S5b blank entities and one employer', code: 'S5b', input: { marketEntities: null, platformNewEmployers: 1 }, expected: 4 },

  // S5c: 2 − 0.1 n.
  { name: 'S5c none', code: 'S5c', input: { staleFeedback: 0 }, expected: 2 },
  { name: 'S5c one', code: 'S5c', input: { staleFeedback: 1 }, expected: 1.9 },
  { name: 'S5c twenty reaches 0', code: 'S5c', input: { staleFeedback: 20 }, expected: 0 },
  { name: 'S5c 25 clamps at 0', code: 'S5c', input: { staleFeedback: 25 }, expected: 0 },

  // S6a: 3 − 0.1 × pp(short(accuracy, 90 %)).
  { name: 'S6a exactly 90 %', code: 'S6a', input: { phoneCheckAccuracy: 0.9 }, expected: 3 },
  { name: 'S6a 0.1 pp short', code: 'S6a', input: { phoneCheckAccuracy: 0.899 }, expected: 2.99 },
  { name: 'S6a 2 pp short', code: 'S6a', input: { phoneCheckAccuracy: 0.88 }, expected: 2.8 },
  { name: 'S6a far short clamps at 0', code: 'S6a', input: { phoneCheckAccuracy: 0.5 }, expected: 0 },
  { name: 'S6a 100 %', code: 'S6a', input: { phoneCheckAccuracy: 1 }, expected: 3 },

  // S6b: 3 − inspector's deduction, clamped; blank is no deduction.
  { name: 'S6b no deduction', code: 'S6b', input: { surveyDeduction: 0 }, expected: 3 },
  { name: 'S6b 1.5 deducted', code: 'S6b', input: { surveyDeduction: 1.5 }, expected: 1.5 },
  { name: 'S6b 3 deducted', code: 'S6b', input: { surveyDeduction: 3 }, expected: 0 },
  { name: 'S6b 4 deducted clamps at 0', code: 'S6b', input: { surveyDeduction: 4 }, expected: 0 },
  { name: 'S6b blank is no deduction', code: 'S6b', input: { surveyDeduction: null }, expected: 3 },

  // S6c: 2 − 0.5 n.
  { name: 'S6c none', code: 'S6c', input: { pendingOverdue: 0 }, expected: 2 },
  { name: 'S6c one', code: 'S6c', input: { pendingOverdue: 1 }, expected: 1.5 },
  { name: 'S6c four reaches 0', code: 'S6c', input: { pendingOverdue: 4 }, expected: 0 },
  { name: 'S6c five clamps at 0', code: 'S6c', input: { pendingOverdue: 5 }, expected: 0 },

  // Q1: serviceCount / province average (100), 0.2 per pp short of 100 %.
  { name: 'Q1 exactly the average', code: 'Q1', input: { serviceCount: 100 }, expected: 10 },
  { name: 'Q1 1 pp short', code: 'Q1', input: { serviceCount: 99 }, expected: 9.8 },
  { name: 'Q1 0.1 pp short (average 1000)', code: 'Q1', input: { serviceCount: 999 }, expected: 9.98, params: { provinceAvgServiceCount: 1000 } },
  { name: 'Q1 40 pp short', code: 'Q1', input: { serviceCount: 60 }, expected: 2 },
  { name: 'Q1 50 pp short reaches 0', code: 'Q1', input: { serviceCount: 50 }, expected: 0 },
  { name: 'Q1 none clamps at 0', code: 'Q1', input: { serviceCount: 0 }, expected: 0 },
  { name: 'Q1 above the average', code: 'Q1', input: { serviceCount: 150 }, expected: 10 },
  { name: 'Q1 province average 0 (R2)', code: 'Q1', input: { serviceCount: 0 }, expected: 10, params: { provinceAvgServiceCount: 0 }, noBase: ['Q1'] },

  // Q2a: matchSucceeded / matchedPersons vs province (0.6), 0.05 per pp.
  { name: 'Q2a exactly the average', code: 'Q2a', input: { matchSucceeded: 600, matchedPersons: 1000 }, expected: 4 },
  { name: 'Q2a 0.1 pp short', code: 'Q2a', input: { matchSucceeded: 599, matchedPersons: 1000 }, expected: 3.995 },
  { name: 'Q2a 10 pp short', code: 'Q2a', input: { matchSucceeded: 500, matchedPersons: 1000 }, expected: 3.5 },
  { name: 'Q2a none succeeded: 60 pp short costs 3, not clamped', code: 'Q2a', input: { matchSucceeded: 0, matchedPersons: 1000 }, expected: 1 },
  { name: 'Q2a far short clamps at 0 (average 100 %)', code: 'Q2a', input: { matchSucceeded: 0, matchedPersons: 1000 }, expected: 0, params: { provinceAvgMatchSuccess: 1 } },
  { name: 'Q2a nobody matched (R2)', code: 'Q2a', input: { matchSucceeded: 0, matchedPersons: 0 }, expected: 4, noBase: ['Q2a'] },

  // Q2b: trainingReferredTotal / registeredUnemployedTotal vs province (0.5), 0.3 per pp.
  { name: 'Q2b exactly the average', code: 'Q2b', input: { registeredUnemployedTotal: 1000, trainingReferredTotal: 500, trainingSubsidized: 500 }, expected: 4 },
  { name: 'Q2b 0.1 pp short', code: 'Q2b', input: { registeredUnemployedTotal: 1000, trainingReferredTotal: 499, trainingSubsidized: 499 }, expected: 3.97 },
  { name: 'Q2b 2 pp short', code: 'Q2b', input: { registeredUnemployedTotal: 1000, trainingReferredTotal: 480, trainingSubsidized: 480 }, expected: 3.4 },
  { name: 'Q2b far short clamps at 0', code: 'Q2b', input: { registeredUnemployedTotal: 1000, trainingReferredTotal: 100, trainingSubsidized: 100 }, expected: 0 },
  { name: 'Q2b nobody registered (R2)', code: 'Q2b', input: { registeredUnemployedTotal: 0, trainingReferredTotal: 0, trainingSubsidized: 0 }, expected: 4, noBase: ['Q2b', 'Q2c'] },

  // Q2c: trainingSubsidized / trainingReferredTotal vs province (0.5), 0.05 per pp.
  { name: 'Q2c exactly the average', code: 'Q2c', input: { trainingReferredTotal: 1000, trainingSubsidized: 500 }, expected: 2 },
  { name: 'Q2c 0.1 pp short', code: 'Q2c', input: { trainingReferredTotal: 1000, trainingSubsidized: 499 }, expected: 1.995 },
  { name: 'Q2c 10 pp short', code: 'Q2c', input: { trainingReferredTotal: 1000, trainingSubsidized: 400 }, expected: 1.5 },
  { name: 'Q2c none subsidized clamps at 0', code: 'Q2c', input: { trainingReferredTotal: 1000, trainingSubsidized: 0 }, expected: 0 },
  { name: 'Q2c nobody referred (R2)', code: 'Q2c', input: { registeredUnemployedTotal: 0, trainingReferredTotal: 0, trainingSubsidized: 0 }, expected: 2, noBase: ['Q2b', 'Q2c'] },

  // Q3: 5 − n.
  { name: 'Q3 none', code: 'Q3', input: { validComplaints: 0 }, expected: 5 },
  { name: 'Q3 one', code: 'Q3', input: { validComplaints: 1 }, expected: 4 },
  { name: 'Q3 five reaches 0', code: 'Q3', input: { validComplaints: 5 }, expected: 0 },
  { name: 'Q3 six clamps at 0', code: 'Q3', input: { validComplaints: 6 }, expected: 0 },

  // P1a: 2 − max(0, 2 − accounts).
  { name: 'P1a both accounts', code: 'P1a', input: { realNameAccounts: 2 }, expected: 2 },
  { name: 'P1a one account', code: 'P1a', input: { realNameAccounts: 1 }, expected: 1 },
  { name: 'P1a no account', code: 'P1a', input: { realNameAccounts: 0 }, expected: 0 },
  { name: 'P1a three accounts clamps at 2', code: 'P1a', input: { realNameAccounts: 3 }, expected: 2 },
  { name: 'P1a blank is none', code: 'P1a', input: { realNameAccounts: null }, expected: 0 },

  // P1b: 2 − n.
  { name: 'P1b none idle', code: 'P1b', input: { idleAccounts: 0 }, expected: 2 },
  { name: 'P1b one idle', code: 'P1b', input: { idleAccounts: 1 }, expected: 1 },
  { name: 'P1b two idle', code: 'P1b', input: { idleAccounts: 2 }, expected: 0 },
  { name: 'P1b three idle clamps at 0', code: 'P1b', input: { idleAccounts: 3 }, expected: 0 },

  // P2 = min(4, P2a + P2b) (R4); months 1–3 score 4 (R5).
  { name: 'P2 April 是/是 capped at 4', code: 'P2', input: { month: 4, staffTrainingMet: '是', newStaffTrained: '是' }, expected: 4 },
  { name: 'P2 April 是/否 = min(4, 3 + 1)', code: 'P2', input: { month: 4, staffTrainingMet: '是', newStaffTrained: '否' }, expected: 4 },
  { name: 'P2 April 否/是 = 0 + 2', code: 'P2', input: { month: 4, staffTrainingMet: '否', newStaffTrained: '是' }, expected: 2 },
  { name: 'P2 April 否/否 = 0 + 1', code: 'P2', input: { month: 4, staffTrainingMet: '否', newStaffTrained: '否' }, expected: 1 },
  { name: 'P2 April 否/无新进人员 = 0 + 2', code: 'P2', input: { month: 4, staffTrainingMet: '否', newStaffTrained: '无新进人员' }, expected: 2 },
  { name: 'P2 April 是/无新进人员 capped at 4', code: 'P2', input: { month: 4, staffTrainingMet: '是', newStaffTrained: '无新进人员' }, expected: 4 },
  { name: 'P2 December 否/否', code: 'P2', input: { month: 12, staffTrainingMet: '否', newStaffTrained: '否' }, expected: 1 },
  { name: 'P2 January 否/否 not assessed', code: 'P2', input: { month: 1, staffTrainingMet: '否', newStaffTrained: '否' }, expected: 4 },
  { name: 'P2 March 否/否 not assessed', code: 'P2', input: { month: 3, staffTrainingMet: '否', newStaffTrained: '否' }, expected: 4 },
  { name: 'P2 March blank flags not assessed', code: 'P2', input: { month: 3, staffTrainingMet: null, newStaffTrained: null }, expected: 4 },

  // P3: inspector's points, clamped.
  { name: 'P3 full', code: 'P3', input: { publicityPoints: 2 }, expected: 2 },
  { name: 'P3 1.5', code: 'P3', input: { publicityPoints: 1.5 }, expected: 1.5 },
  { name: 'P3 zero', code: 'P3', input: { publicityPoints: 0 }, expected: 0 },
  { name: 'P3 above max clamps at 2', code: 'P3', input: { publicityPoints: 3 }, expected: 2 },
  { name: 'P3 negative clamps at 0', code: 'P3', input: { publicityPoints: -1 }, expected: 0 },
];

describe('indicator edges (spec §2)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const row = perfect(c.input);
    const params = c.params ? defaultParamRows().map((p) => ({ ...p, ...c.params })) : undefined;
    const result = score([row], { params });
    expect(result.errors).toEqual([]);
    const m = monthOf(result, 'U1', row.month as number);
    const codes = row.type === '村' ? CODES_村 : CODES_社区;
    expect(Object.keys(m.indicators).sort()).toEqual([...codes].sort());
    expect(m.indicators[c.code]).toBeCloseTo(c.expected, 9);
    // Every other indicator stays at its max unless the case says otherwise.
    let expectedTotal = 0;
    for (const code of codes) {
      const want = code === c.code ? c.expected : c.others?.[code] ?? MAX[code];
      if (code !== c.code) expect([code, m.indicators[code]]).toEqual([code, want]);
      expectedTotal += want;
    }
    expect(m.total).toBeCloseTo(expectedTotal, 9);
    // Ruling R2's note, only where the base was empty.
    const noted = Object.keys(m.notes ?? {}).sort();
    expect(noted).toEqual([...(c.noBase ?? [])].sort());
    for (const code of noted) expect(m.notes![code]).toMatch(/无基数|R2/);
  });
});

describe('E4a / E4b by unit type', () => {
  it('a 社区 reports E4a and no E4b; a 村 reports E4b and no E4a', () => {
    const result = score([
      perfect({ unit: 'C', type: '社区', zeroJobHouseholdsLate: 2, ruralTransferred: 0 }),
      perfect({ unit: 'V', type: '村', zeroJobHouseholdsLate: 2, ruralTransferred: 0 }),
    ]);
    const c = monthOf(result, 'C', 4);
    const v = monthOf(result, 'V', 4);
    expect(c.indicators.E4a).toBe(3);
    expect('E4b' in c.indicators).toBe(false);
    expect(c.total).toBe(98);
    expect(v.indicators.E4b).toBe(0);
    expect('E4a' in v.indicators).toBe(false);
    expect(v.total).toBe(95);
  });

  it('a 社区 does not need the 村 fields (blank ruralLabor, ruralTransferRatePrev)', () => {
    const result = score([perfect({ ruralLabor: null, ruralTransferRatePrev: null, ruralTransferred: 'abc' })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).total).toBe(100);
  });

  it('a 村 does not need zeroJobHouseholdsLate (even when it holds text)', () => {
    const result = score([perfect({ type: '村', zeroJobHouseholdsLate: '无' })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).total).toBe(100);
  });

  it('reports P2 as one bucket, never P2a/P2b', () => {
    const m = monthOf(score([perfect({ staffTrainingMet: '否', newStaffTrained: '否' })]), 'U1', 4);
    expect(m.indicators.P2).toBe(1);
    expect('P2a' in m.indicators).toBe(false);
    expect('P2b' in m.indicators).toBe(false);
    expect(m.total).toBe(97);
  });

  it('the perfect month scores 100 for both types', () => {
    for (const type of ['社区', '村']) expect(monthOf(score([perfect({ type })]), 'U1', 4).total).toBe(100);
  });
});
