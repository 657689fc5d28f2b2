/**
 * The Heshan 2024 rubric (spec §2, seed 000 附件1), one line per indicator.
 * Rulings R1–R6 are the named settings at the bottom; R7–R8 live in the subsidy policy.
 */
import { FIELDS, HESHAN_UNIT_TYPES } from '../fields';
import type { Indicator, Measure, Quantity, RuleSet } from './vocabulary';

const q = (...plus: string[]): Quantity => ({ plus });
const field = (name: string): Measure => ({ kind: 'field', field: name });
const ratio = (num: Quantity, den: Quantity): Measure => ({ kind: 'ratio', num, den });
const pp = (target: number | string, perPoint: number) =>
  ({ kind: 'belowTarget', target: typeof target === 'string' ? { field: target } : target, perPoint, unit: 'pp' }) as const;
const perCase = (n: number) => ({ kind: 'perCase', perCase: n }) as const;

type Row = Omit<Indicator, 'section'>;
const section = (code: string, rows: Row[]): Indicator[] => rows.map((r) => ({ ...r, section: code }));

const INDICATORS: Indicator[] = [
  ...section('E', [
    { code: 'E1', zh: '登记失业人员就业率', en: 'Employment rate of the registered unemployed', max: 5, measure: { kind: 'complement', total: 'laborForce', part: 'registeredUnemployed' }, scoring: pp(0.95, 1) },
    { code: 'E2', zh: '长期登记失业人员动态清零', en: 'Long-term registered unemployed cleared', max: 5, measure: field('longTermUnemployed'), scoring: perCase(0.5) },
    { code: 'E3', zh: '就业困难人员就业率', en: 'Employment rate of the hard-to-employ', max: 5, measure: { kind: 'complement', total: 'laborForce', part: 'hardToEmploy' }, scoring: pp(0.97, 1) },
    { code: 'E4a', zh: '零就业家庭就业援助', en: 'Zero-job households assisted', max: 5, measure: field('zeroJobHouseholdsLate'), scoring: perCase(1), appliesTo: ['社区'] },
    { code: 'E4b', zh: '农村劳动力转移就业', en: 'Rural labour transfer', max: 5, measure: ratio(q('ruralTransferred'), q('ruralLabor')), scoring: pp('ruralTransferRatePrev', 1), appliesTo: ['村'] },
  ]),
  ...section('S', [
    { code: 'S1', zh: '劳动力信息采集更新', en: 'Labour records updated', max: 5, measure: ratio(q('laborInfoUpdated'), q('laborResource')), scoring: pp('provinceUpdateCoverage', 0.5) },
    { code: 'S2', zh: '就业失业登记', en: 'Registrations reviewed on time', max: 3, measure: { kind: 'complement', total: 'selfServiceApplications', part: 'overdueReviews' }, scoring: { kind: 'proportional' } },
    { code: 'S3a', zh: '动态确认', en: 'Monthly status confirmation', max: 2, measure: field('unconfirmedRecords'), scoring: perCase(0.2) },
    { code: 'S3b', zh: '人岗匹配推荐率', en: 'Job recommendation rate', max: 4, measure: ratio(q('jobRecommended'), { plus: ['jobSeekersStart', 'newUnemployed'], minus: ['jobRecommendedEmployed'] }), scoring: pp(1, 0.5) },
    { code: 'S3c', zh: '人岗匹配跟踪', en: 'Job matches followed up', max: 2, measure: field('matchNotTracked'), scoring: perCase(0.5) },
    { code: 'S3d', zh: '职业培训推荐率', en: 'Training recommendation rate', max: 4, measure: ratio(q('trainingRecommended'), { plus: ['trainingSeekersStart', 'trainingSeekersNew'], minus: ['trainingRecommendedEmployed'] }), scoring: pp(1, 0.5) },
    { code: 'S4a', zh: '就业困难人员援助', en: 'Hard-to-employ assisted', max: 3, measure: field('hardUnassisted6m'), scoring: perCase(0.2) },
    {
      code: 'S4b', zh: '离校未就业高校毕业生', en: 'Unemployed graduates', max: 3,
      measure: ratio(q('gradsEmployed'), q('gradsRegistered')),
      scoring: { kind: 'proportional', gates: [ratio(q('gradsFollowedUp'), q('gradsRegistered')), ratio(q('gradsServed'), q('gradsRegistered'))] },
    },
    { code: 'S4c', zh: '退捕渔民和脱贫劳动力', en: 'Ex-fishers and ex-poor labour', max: 3, measure: field('fishersPovertyIdle'), scoring: perCase(0.5) },
    { code: 'S5a', zh: '社区新增岗位企业', en: 'New local employers', max: 2, measure: field('newEmployers'), scoring: { kind: 'belowTarget', target: 5, perPoint: 0.4, unit: 'count' } },
    { code: 'S5b', zh: '平台新增入驻企业', en: 'New employers on the platform', max: 4, measure: { kind: 'completion', value: q('platformNewEmployers'), target: { field: 'marketEntities' }, factor: 0.00007, minTarget: 1 }, scoring: pp(1, 0.05) },
    { code: 'S5c', zh: '岗位信息更新', en: 'Job information kept current', max: 2, measure: field('staleFeedback'), scoring: perCase(0.1) },
    { code: 'S6a', zh: '电话抽查准确率', en: 'Phone spot-check accuracy', max: 3, measure: field('phoneCheckAccuracy'), scoring: pp(0.9, 0.1) },
    { code: 'S6b', zh: '基层平台就业情况调查', en: 'Grass-roots employment survey', max: 3, measure: field('surveyDeduction'), scoring: { kind: 'judgedDeduction' } },
    { code: 'S6c', zh: '待确认数据处理', en: 'Pending data handled', max: 2, measure: field('pendingOverdue'), scoring: perCase(0.5) },
  ]),
  ...section('Q', [
    { code: 'Q1', zh: '就业服务覆盖', en: 'Service coverage', max: 10, measure: { kind: 'completion', value: q('serviceCount'), target: { field: 'provinceAvgServiceCount' } }, scoring: pp(1, 0.2) },
    { code: 'Q2a', zh: '推荐成功率', en: 'Recommendation success rate', max: 4, measure: ratio(q('matchSucceeded'), q('matchedPersons')), scoring: pp('provinceAvgMatchSuccess', 0.05) },
    { code: 'Q2b', zh: '职业培训推荐覆盖率', en: 'Training referral coverage', max: 4, measure: ratio(q('trainingReferredTotal'), q('registeredUnemployedTotal')), scoring: pp('provinceAvgTrainingCoverage', 0.3) },
    { code: 'Q2c', zh: '职业培训补贴覆盖率', en: 'Training subsidy coverage', max: 2, measure: ratio(q('trainingSubsidized'), q('trainingReferredTotal')), scoring: pp('provinceAvgSubsidyCoverage', 0.05) },
    { code: 'Q3', zh: '群众满意度', en: 'Public satisfaction', max: 5, measure: field('validComplaints'), scoring: perCase(1) },
  ]),
  ...section('P', [
    { code: 'P1a', zh: '实名制账号', en: 'Real-name accounts', max: 2, measure: field('realNameAccounts'), scoring: { kind: 'belowTarget', target: 2, perPoint: 1, unit: 'count' } },
    { code: 'P1b', zh: '账号活跃', en: 'Accounts in use', max: 2, measure: field('idleAccounts'), scoring: perCase(1) },
    { code: 'P2a', zh: '年度业务培训', en: 'Annual staff training', max: 3, measure: field('staffTrainingMet'), scoring: { kind: 'allOrNothing', target: 1 }, assessedFromMonth: true },
    { code: 'P2b', zh: '新进人员培训', en: 'New staff training', max: 2, measure: field('newStaffTrained'), scoring: { kind: 'graded', grades: [[1, 2], [0, 1]] }, assessedFromMonth: true },
    { code: 'P3', zh: '政策宣传', en: 'Policy publicity', max: 2, measure: field('publicityPoints'), scoring: { kind: 'judged' } },
  ]),
];

/**
 * The questions every bureau answers differently are settings with the spec's defaults.
 * Q1's completion is "serviceCount / avg" uncapped, then the shortfall below 100 %:
 * a completion above 1 simply has no shortfall, which `completion`'s min(1, …) also gives.
 */
export const HESHAN_2024: RuleSet = {
  id: 'heshan-2024',
  zh: '赫山区2024年充分就业社区(村)评价体系',
  en: 'Heshan 2024 full-employment community rubric',
  total: 100,
  sections: [
    { code: 'E', zh: '就业失业情况', en: 'Employment and unemployment', total: 20 },
    { code: 'S', zh: '就业服务情况', en: 'Employment services', total: 45 },
    { code: 'Q', zh: '服务质量情况', en: 'Service quality', total: 25 },
    { code: 'P', zh: '平台建设情况', en: 'Platform building', total: 10 },
  ],
  indicators: INDICATORS,
  buckets: [{ code: 'P2', section: 'P', zh: '人员配置及培训', en: 'Staffing and training', cap: 4, items: ['P2a', 'P2b'] }],
  fields: FIELDS,
  unitTypes: HESHAN_UNIT_TYPES,
  scoring: {
    deductionStep: 'linear',
    emptyBaseCountsAsMet: true,
    provinceAveragesFrom: 'params-or-columns',
    assessedFromMonth: 4,
  },
  ranking: {
    rankScope: 'district',
    eliminationBottomN: 3,
    eliminationThreshold: 95,
    annualDecimals: 2,
  },
};
