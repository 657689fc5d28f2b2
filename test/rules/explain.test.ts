/**
 * The words of a rule and of a score are generated from the rule data (src/rules/explain.ts), and
 * the README's 评分细则 table shows them: each worked example below is scored by the engine, put
 * into words, and must appear in the README exactly, so the documentation cannot drift from what
 * the interpreter does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { ruleText, scoreText } from '../../src/rules/explain';
import type { Indicator, Measure, RuleSet, Scoring } from '../../src/rules/vocabulary';
import { monthOf, perfect, score, type RowSpec } from '../engine/helpers';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const field = (key: string): Measure => ({ kind: 'field', field: key });
const ratio = (num: string, den: string): Measure => ({ kind: 'ratio', num: { plus: [num] }, den: { plus: [den] } });

interface Example {
  zh: string;
  max: number;
  measure: Measure;
  scoring: Scoring;
  /** The unit-month's inputs (over a perfect Heshan row). */
  inputs: RowSpec;
  /** The measure's value for those inputs, worked out by hand. */
  measured: number;
  target?: number;
  judged?: number;
  /** The points, worked out by hand (the engine must agree). */
  points: number;
}

const EXAMPLES: Example[] = [
  { zh: '登记失业人员就业率', max: 5, measure: { kind: 'complement', total: 'laborForce', part: 'registeredUnemployed' }, scoring: { kind: 'belowTarget', target: 0.95, perPoint: 1, unit: 'pp' }, inputs: { registeredUnemployed: 71 }, measured: 0.929, points: 2.9 },
  { zh: '城镇登记失业率', max: 5, measure: ratio('registeredUnemployed', 'laborForce'), scoring: { kind: 'aboveTarget', target: 0.03, perPoint: 1, unit: 'pp', step: 0.5 }, inputs: { registeredUnemployed: 42 }, measured: 0.042, points: 2 },
  { zh: '长期登记失业人员', max: 5, measure: field('longTermUnemployed'), scoring: { kind: 'perCase', perCase: 0.5 }, inputs: { longTermUnemployed: 3 }, measured: 3, points: 3.5 },
  { zh: '就业失业登记', max: 3, measure: { kind: 'complement', total: 'selfServiceApplications', part: 'overdueReviews' }, scoring: { kind: 'proportional' }, inputs: { overdueReviews: 2 }, measured: 0.9, points: 2.7 },
  { zh: '转移就业率', max: 5, measure: ratio('ruralTransferred', 'ruralLabor'), scoring: { kind: 'allOrNothing', target: { field: 'ruralTransferRatePrev' } }, inputs: { type: '村', ruralTransferred: 540, ruralLabor: 800, ruralTransferRatePrev: 0.7 }, measured: 0.675, target: 0.7, points: 0 },
  { zh: '零就业家庭', max: 5, measure: field('zeroJobHouseholdsLate'), scoring: { kind: 'atMost', target: 0 }, inputs: { zeroJobHouseholdsLate: 0 }, measured: 0, points: 5 },
  { zh: '就业困难人员就业率', max: 5, measure: { kind: 'complement', total: 'laborForce', part: 'hardToEmploy' }, scoring: { kind: 'metOrJudged', target: 0.97, judged: 'publicityPoints' }, inputs: { hardToEmploy: 40, publicityPoints: 3.5 }, measured: 0.96, judged: 3.5, points: 3.5 },
  { zh: '城镇登记失业率', max: 5, measure: ratio('registeredUnemployed', 'laborForce'), scoring: { kind: 'metOrJudged', target: 0.03, atMost: true, judged: 'surveyDeduction', deduction: true }, inputs: { registeredUnemployed: 35, surveyDeduction: 1.5 }, measured: 0.035, judged: 1.5, points: 3.5 },
  { zh: '电话抽查准确率', max: 5, measure: field('phoneCheckAccuracy'), scoring: { kind: 'graded', grades: [[0.9, 5], [0.8, 3], [0.6, 1]] }, inputs: { phoneCheckAccuracy: 0.85 }, measured: 0.85, points: 3 },
  { zh: '新增岗位企业', max: 5, measure: field('newEmployers'), scoring: { kind: 'perItem', pointsEach: 1 }, inputs: { newEmployers: 3 }, measured: 3, points: 3 },
  { zh: '年度业务培训', max: 3, measure: field('staffTrainingMet'), scoring: { kind: 'allOrNothing', target: 1 }, inputs: { staffTrainingMet: '是' }, measured: 1, points: 3 },
  { zh: '政策宣传', max: 2, measure: field('publicityPoints'), scoring: { kind: 'judged' }, inputs: { publicityPoints: 1.5 }, measured: 1.5, points: 1.5 },
  { zh: '基层平台就业情况调查', max: 3, measure: field('surveyDeduction'), scoring: { kind: 'judgedDeduction' }, inputs: { surveyDeduction: 1 }, measured: 1, points: 2 },
];

const indicatorOf = (e: Example): Indicator => ({ code: 'X1', section: 'A', zh: e.zh, en: e.zh, max: e.max, measure: e.measure, scoring: e.scoring });
const rubricOf = (ind: Indicator): RuleSet => ({ ...HESHAN_2024, id: 'example', total: ind.max, sections: [{ code: 'A', zh: '例', en: 'example', total: ind.max }], indicators: [ind], buckets: [] });

test.each(EXAMPLES.map((e) => [e.zh, e] as const))('%s: the engine scores the example as worked out, and the README says the rule and the score in these words', (_zh, e) => {
  const ind = indicatorOf(e);
  const ruleSet = rubricOf(ind);
  const result = score([perfect(e.inputs)], { ruleSet });
  expect(result.errors).toEqual([]);
  expect(monthOf(result, 'U1', 4).indicators.X1).toBeCloseTo(e.points, 10);
  const words = `${ruleText(ind, ruleSet)}：${scoreText(ind, ruleSet, { measured: e.measured, points: e.points, target: e.target, judged: e.judged })}`;

  expect(README).toContain(words);
});

test('the words of a score follow the rule: a missed bound says by how much, a met one does not', () => {
  const [e1] = EXAMPLES;
  const ind = indicatorOf(e1);
  expect(scoreText(ind, rubricOf(ind), { measured: 0.95, points: 5 })).toBe('登记失业人员就业率95%，不低于95%，得5分');
  expect(ruleText(indicatorOf(EXAMPLES[1]), rubricOf(indicatorOf(EXAMPLES[1])))).toBe('高于3%时，每高0.5个百分点扣1分（不足0.5个百分点按0.5个百分点计），扣完为止；满分5分');
});

test('a gate or sub-target is said as its measure reads: a numerator’s minus and a completion’s target too', () => {
  const gates: Measure[] = [
    { kind: 'ratio', num: { plus: ['selfServiceApplications'], minus: ['overdueReviews'] }, den: { plus: ['selfServiceApplications'] } },
    { kind: 'completion', value: { plus: ['platformNewEmployers'] }, target: { field: 'marketEntities' }, factor: 0.00007, minTarget: 1 },
  ];
  const ind: Indicator = { code: 'X1', section: 'A', zh: '登记', en: 'x', max: 3, measure: gates[0], scoring: { kind: 'proportional', gates } };
  expect(ruleText(ind, rubricOf(ind))).toBe(
    '按完成比例得分（3分×比例）；「自助就业失业登记申请总条数−超期审核条数」÷「自助就业失业登记申请总条数」、「湘就业平台新增入驻发布有效岗位的企业数」÷「当地市场主体数量」×0.00007（最低1）的完成率未达100%时不得分',
  );
});
