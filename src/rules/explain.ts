/**
 * An indicator's rule and a score under it, in Chinese words generated from the rule data itself:
 * `hs-score rubric` lists a bureau's sheet this way so the analyst reads back what was understood,
 * and the README's worked examples are these texts (a test holds them equal), so the words can
 * never drift from what the interpreter does.
 */
import { fieldSet } from '../fields';
import { formatNumber } from '../policy/policyInputError';
import type { Indicator, Measure, Quantity, RuleSet, Scoring, Target } from './vocabulary';

/** 0.929 → "92.9%"; at most two decimals of a percentage point. */
const pct = (x: number): string => `${Number((x * 100).toFixed(2))}%`;
const num = (x: number): string => formatNumber(Number(x.toFixed(6)));
const pts = (x: number): string => `${num(x)}分`;

function kindOf(m: Measure, ruleSet: RuleSet): 'rate' | 'flag' | 'number' {
  if (m.kind !== 'field') return 'rate';
  const kind = fieldSet(ruleSet.fields).byKey.get(m.field)?.kind;
  return kind === 'rate' ? 'rate' : kind === 'flag' ? 'flag' : 'number';
}

interface Words {
  /** A field's Chinese name. */
  field(key: string): string;
  /** A target as written: 95%, 5户, 是, or the field it comes from. */
  target(t: Target): string;
  /** A measured value as written: 92.9%, 3人, 是/否. */
  value(x: number): string;
  /** What one of the measure counts (人, 户 …), or `fallback` when it is not a count with a unit. */
  each(fallback: string): string;
  flag: boolean;
}

function wordsFor(ind: Indicator, ruleSet: RuleSet): Words {
  const fields = fieldSet(ruleSet.fields);
  const kind = kindOf(ind.measure, ruleSet);
  const unit = ind.measure.kind === 'field' ? fields.byKey.get(ind.measure.field)?.unit : undefined;
  const value = (x: number) => (kind === 'rate' ? pct(x) : kind === 'flag' ? (x >= 1 ? '是' : '否') : `${num(x)}${unit ?? ''}`);
  return {
    field: (key) => fields.name(key),
    target: (t) => (typeof t === 'number' ? value(t) : `「${fields.name(t.field)}」`),
    value,
    each: (fallback) => unit ?? fallback,
    flag: kind === 'flag',
  };
}

/** The unit a bound's gap is counted in, and its step: `个百分点`, `0.5个百分点`, `家`. */
function gapUnit(s: Extract<Scoring, { kind: 'belowTarget' | 'aboveTarget' }>, ruleSet: RuleSet, w: Words): { step: number; each: string; rounded: boolean } {
  const unit = s.unit === 'pp' ? '个百分点' : w.each('个');
  const step = s.step ?? 1;
  const rounded = s.step !== undefined || (s.unit === 'pp' && ruleSet.scoring.deductionStep === 'ceil');
  return { step, each: `${step === 1 ? '1' : num(step)}${unit}`, rounded };
}

/** The rule in words: 「低于95%时，每低1个百分点扣1分，扣完为止」. */
export function ruleText(ind: Indicator, ruleSet: RuleSet): string {
  const s = ind.scoring;
  const w = wordsFor(ind, ruleSet);
  const max = pts(ind.max);
  switch (s.kind) {
    case 'belowTarget':
    case 'aboveTarget': {
      const { each, rounded } = gapUnit(s, ruleSet, w);
      const [side, per] = s.kind === 'belowTarget' ? ['低于', '每低'] : ['高于', '每高'];
      return `${side}${w.target(s.target)}时，${per}${each}扣${pts(s.perPoint)}${rounded ? `（不足${each}按${each}计）` : ''}，扣完为止；满分${max}`;
    }
    case 'perCase':
      return `每1${w.each('件')}扣${pts(s.perCase)}，扣完为止；满分${max}`;
    case 'perItem':
      return `每1${w.each('项')}得${pts(s.pointsEach)}，最高${max}`;
    case 'proportional': {
      const gates = s.gates?.length ? `；${s.gates.map((g) => measureWords(g, w)).join('、')}未达100%时不得分` : '';
      return `按完成比例得分（${max}×比例）${gates}`;
    }
    case 'allOrNothing':
      return w.flag && s.target === 1 ? `为「是」得${max}，否则得0分` : `达到${w.target(s.target)}得${max}，未达到得0分`;
    case 'atMost':
      return `不高于${w.target(s.target)}得${max}，高于得0分`;
    case 'metOrJudged': {
      const met = s.atMost ? `不高于${w.target(s.target)}` : `达到${w.target(s.target)}`;
      const judged = s.deduction ? `按检查组扣分（「${w.field(s.judged)}」）从${max}中扣减` : `按检查组评分（「${w.field(s.judged)}」），0至${max}`;
      return `${met}得${max}；${s.atMost ? '高于' : '未达到'}时${judged}`;
    }
    case 'graded':
      return `${[...s.grades].sort((a, b) => b[0] - a[0]).map(([mark, p]) => (w.flag ? `为「${w.value(mark)}」得${pts(p)}` : `达到${w.value(mark)}得${pts(p)}`)).join('，')}，否则0分`;
    case 'subTargets':
      return `子项${s.targets.map((t) => `${measureWords(t.measure, w)}≥${num(t.atLeast)}`).join('、')}，每有1项未达到扣${pts(s.perFailed)}；满分${max}`;
    case 'judged':
      return `按检查组评分，0至${max}`;
    case 'judgedDeduction':
      return `${max}减去检查组扣分，扣完为止`;
  }
}

function measureWords(m: Measure, w: Words): string {
  const quantity = (q: Quantity) => `「${q.plus.map(w.field).join('+')}${(q.minus ?? []).map((k) => `−${w.field(k)}`).join('')}」`;
  switch (m.kind) {
    case 'field':
      return `「${w.field(m.field)}」`;
    case 'ratio':
      return `${quantity(m.num)}÷${quantity(m.den)}`;
    case 'complement':
      return `1−「${w.field(m.part)}」÷「${w.field(m.total)}」`;
    case 'completion': {
      const goal = typeof m.target === 'number' ? num(m.target) : `「${w.field(m.target.field)}」`;
      return `${quantity(m.value)}÷${goal}${m.factor !== undefined ? `×${num(m.factor)}` : ''}${m.minTarget !== undefined ? `（最低${num(m.minTarget)}）` : ''}的完成率`;
    }
  }
}

/** What the engine read and gave for one unit-month: the measure, the points, and where the rule reads them the target's value and the inspectors' figure. */
export interface ScoreReading {
  measured: number;
  points: number;
  /** The target's value when it comes from a field (a province average, last year's rate). */
  target?: number;
  judged?: number;
}

/**
 * A score under the rule, in words: 「登记失业人员就业率92.9%，低于95%共2.1个百分点，扣2.1分，得2.9分」.
 */
export function scoreText(ind: Indicator, ruleSet: RuleSet, r: ScoreReading): string {
  const s = ind.scoring;
  const w = wordsFor(ind, ruleSet);
  const what = w.flag ? `${ind.zh}：${w.value(r.measured)}` : `${ind.zh}${w.value(r.measured)}`;
  const got = `得${pts(r.points)}`;
  const lost = ind.max - r.points;
  /** A target as said with a score: its value, and the field it came from. */
  const goal = (t: Target) => (typeof t === 'number' ? w.value(t) : `${w.target(t)}${r.target === undefined ? '' : w.value(r.target)}`);
  switch (s.kind) {
    case 'belowTarget':
    case 'aboveTarget': {
      const target = typeof s.target === 'number' ? s.target : (r.target ?? NaN);
      const gap = Math.abs(r.measured - target) * (s.unit === 'pp' ? 100 : 1);
      const unit = s.unit === 'pp' ? '个百分点' : w.each('个');
      const [missedWord, metWord] = s.kind === 'belowTarget' ? ['低于', '不低于'] : ['高于', '不高于'];
      if (lost === 0) return `${what}，${metWord}${goal(s.target)}，${got}`;
      return `${what}，${missedWord}${goal(s.target)}共${num(gap)}${unit}，扣${pts(lost)}，${got}`;
    }
    case 'perCase':
      return `${ind.zh}${num(r.measured)}${w.each('件')}，${lost > 0 ? `扣${pts(lost)}，` : ''}${got}`;
    case 'perItem':
      return `${ind.zh}${num(r.measured)}${w.each('项')}，${got}`;
    case 'proportional':
    case 'graded':
      return `${what}，${got}`;
    case 'allOrNothing':
    case 'atMost':
      if (w.flag) return `${what}，${got}`;
      return `${what}，${r.points === ind.max ? '达标' : '未达标'}（${s.kind === 'atMost' ? '不高于' : '达到'}${goal(s.target)}），${got}`;
    case 'metOrJudged': {
      const rule = `${s.atMost ? '不高于' : '达到'}${goal(s.target)}`;
      if (r.judged === undefined) return `${what}，达标（${rule}），${got}`;
      return `${what}，未达标（${rule}），检查组${s.deduction ? '扣' : '评'}${pts(r.judged)}，${got}`;
    }
    case 'subTargets':
      return `${ind.zh}${lost > 0 ? `有${num(lost / s.perFailed)}项子项未达到，扣${pts(lost)}` : '各子项均达到'}，${got}`;
    case 'judged':
      return `${ind.zh}检查组评${pts(r.measured)}，${got}`;
    case 'judgedDeduction':
      return `${ind.zh}检查组扣${pts(r.measured)}，${got}`;
  }
}
