/**
 * A bureau's own rubric on the built-in ledger fields that uses every rule type of the vocabulary
 * (src/rules/vocabulary.ts), every measure kind, gates, sub-targets, a field target, a constant and
 * a derived completion target, a bucket, a 加分项 section, its own step and ruling R1 by whole points,
 * ruling R5 from March, a 认定分数线 and its own 末位淘汰 line: the 通用公式 tests score the sample
 * ledger with it written as a 评分细则 sheet, as a bureau would. `emptyBaseCountsAsMet: false` gives
 * the variant where an empty base is an error (ruling R2 the other way).
 */
import type { SheetGrid } from '../../src/ledger/types';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { RUBRIC_SHEET, rubricSheetRows } from '../../src/rules/rubricSheet';
import type { Indicator, Measure, RuleSet, Scoring } from '../../src/rules/vocabulary';

const field = (f: string): Measure => ({ kind: 'field', field: f });
const ratio = (num: string[], den: string[], minus: string[] = []): Measure => ({ kind: 'ratio', num: { plus: num }, den: { plus: den, minus } });
const ind = (code: string, section: string, zh: string, max: number, measure: Measure, scoring: Scoring, extra: Partial<Indicator> = {}): Indicator => ({ code, section, zh, en: code, max, measure, scoring, ...extra });

const INDICATORS: Indicator[] = [
  ind('K1', 'A', '登记失业人员就业率', 5, { kind: 'complement', total: 'laborForce', part: 'registeredUnemployed' }, { kind: 'belowTarget', target: 0.965, perPoint: 1, unit: 'pp', step: 0.5 }),
  ind('K2', 'A', '城镇登记失业率', 4, ratio(['registeredUnemployed'], ['laborForce']), { kind: 'aboveTarget', target: 0.03, perPoint: 2, unit: 'pp' }),
  ind('K3', 'A', '长期失业人员', 3, field('longTermUnemployed'), { kind: 'aboveTarget', target: 0, perPoint: 1, unit: 'count' }),
  ind('K4', 'A', '农村劳动力转移就业', 4, ratio(['ruralTransferred'], ['ruralLabor']), { kind: 'allOrNothing', target: { field: 'ruralTransferRatePrev' } }, { appliesTo: ['村'] }),
  ind('K5', 'A', '零就业家庭', 4, field('zeroJobHouseholdsLate'), { kind: 'atMost', target: 0 }, { appliesTo: ['社区'] }),
  ind('K6', 'A', '人岗匹配推荐率', 4, ratio(['jobRecommended'], ['jobSeekersStart', 'newUnemployed'], ['jobRecommendedEmployed']), { kind: 'metOrJudged', target: 1, judged: 'publicityPoints' }),
  ind('K7', 'A', '超期审核', 3, field('overdueReviews'), { kind: 'metOrJudged', target: 0, atMost: true, judged: 'surveyDeduction', deduction: true }),
  ind('K8', 'A', '电话抽查准确率', 3, field('phoneCheckAccuracy'), { kind: 'graded', grades: [[0.95, 3], [0.9, 2], [0.8, 1]] }),
  ind('K9', 'A', '新增岗位企业', 3, field('newEmployers'), { kind: 'perItem', pointsEach: 0.5 }),
  ind('K10', 'A', '服务与账号', 3, field('serviceCount'), { kind: 'subTargets', perFailed: 1, targets: [{ measure: field('serviceCount'), atLeast: 120 }, { measure: ratio(['matchSucceeded'], ['matchedPersons']), atLeast: 0.6 }, { measure: field('realNameAccounts'), atLeast: 2 }] }),
  ind('K11', 'A', '离校未就业高校毕业生', 3, ratio(['gradsEmployed'], ['gradsRegistered']), { kind: 'proportional', gates: [ratio(['gradsFollowedUp'], ['gradsRegistered']), ratio(['gradsServed'], ['gradsRegistered'])] }),
  ind('K12', 'A', '平台入驻企业', 4, { kind: 'completion', value: { plus: ['platformNewEmployers'] }, target: 3 }, { kind: 'belowTarget', target: 1, perPoint: 0.04, unit: 'pp' }),
  ind('K13', 'A', '市场主体覆盖', 2, { kind: 'completion', value: { plus: ['platformNewEmployers'] }, target: { field: 'marketEntities' }, factor: 0.0005, minTarget: 1 }, { kind: 'belowTarget', target: 1, perPoint: 0.1, unit: 'pp' }),
  ind('K14', 'A', '劳动力信息更新', 4, ratio(['laborInfoUpdated'], ['laborResource']), { kind: 'belowTarget', target: { field: 'provinceUpdateCoverage' }, perPoint: 0.5, unit: 'pp' }),
  ind('K15', 'A', '政策宣传', 2, field('publicityPoints'), { kind: 'judged' }),
  ind('K16', 'A', '调查扣分', 3, field('surveyDeduction'), { kind: 'judgedDeduction' }),
  ind('K17', 'A', '群众投诉', 3, field('validComplaints'), { kind: 'perCase', perCase: 1.5 }),
  ind('K18', 'A', '年度业务培训', 3, field('staffTrainingMet'), { kind: 'allOrNothing', target: 1 }, { assessedFromMonth: true }),
  ind('K19', 'A', '新进人员培训', 2, field('newStaffTrained'), { kind: 'graded', grades: [[1, 2], [0, 1]] }, { assessedFromMonth: true }),
  ind('B1', 'B', '培训补贴加分', 1, field('trainingSubsidized'), { kind: 'perItem', pointsEach: 0.05 }),
];

export function allKindsRuleSet(options: { emptyBaseCountsAsMet?: boolean } = {}): RuleSet {
  // Per unit: K4 (村) or K5 (社区), and K18 + K19 capped at 4.
  const main = INDICATORS.filter((i) => i.section === 'A' && i.code !== 'K5').reduce((n, i) => n + i.max, 0) - 1;
  return {
    ...HESHAN_2024,
    id: 'all-kinds',
    zh: '示例区全部规则类型细则',
    en: 'A rubric using every rule type',
    total: main,
    sections: [
      { code: 'A', zh: '考核指标', en: 'assessed', total: main },
      { code: 'B', zh: '加分项', en: 'bonus', total: 1, bonus: true },
    ],
    indicators: INDICATORS,
    buckets: [{ code: 'K20', section: 'A', zh: '人员培训', en: 'training', cap: 4, items: ['K18', 'K19'] }],
    scoring: { ...HESHAN_2024.scoring, deductionStep: 'ceil', assessedFromMonth: 3, emptyBaseCountsAsMet: options.emptyBaseCountsAsMet ?? true },
    ranking: { ...HESHAN_2024.ranking, eliminationBottomN: 4, eliminationThreshold: main - 6, recognitionLine: main - 8 },
  };
}

/** The sheets with the rubric added as their 评分细则 sheet (any earlier one replaced). */
export function withRubricSheet(grids: readonly SheetGrid[], ruleSet: RuleSet): SheetGrid[] {
  return [...grids.filter((g) => g.name !== RUBRIC_SHEET), { name: RUBRIC_SHEET, rows: rubricSheetRows(ruleSet), merges: [] }];
}
