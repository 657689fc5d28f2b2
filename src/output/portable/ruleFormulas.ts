/**
 * An indicator's rule as one worksheet formula over its row's input cells: a generator per
 * measure kind and per scoring kind of the vocabulary (src/rules/vocabulary.ts), each the formula
 * form of the kernel in src/engine/compile.ts that it mirrors, operation for operation, so a
 * spreadsheet gets the engine's doubles. A kind added to the vocabulary without a generator here
 * does not compile (the `never` checks).
 *
 * Blocked scores: where the engine's NaN would reach an indicator (an input that is not a number,
 * a base that ruling R2 does not count as met), the formula gives 「数据有误」. Each piece says which
 * input cells it reads unconditionally and which conditions must hold; the indicator's formula
 * checks them first, so an error shows as the marker and never as a number. A cell read only on one
 * branch (the inspectors' figure of 达标得分否则评分) is checked on that branch alone, as the engine
 * reads it only there.
 */
import { MET_TOLERANCE, stepOf } from '../../engine/compile';
import type { Indicator, Measure, Quantity, Scoring, ScoringRulings, Target } from '../../rules/vocabulary';
import { all, BAD, clamp, num, times } from './formulaText';

/** A formula piece: its text, the input cells it reads (each must hold a number), conditions that must hold. */
export interface Piece {
  expr: string;
  reads: string[];
  guards: string[];
  /** Never a score (an empty base that ruling R2 does not count as met, on a constant target). */
  blocked?: boolean;
}

/** This row's input cell of a field (`AK5`). */
export type InputRef = (field: string) => string;

const piece = (expr: string, reads: string[] = [], guards: string[] = []): Piece => ({ expr, reads, guards });
const joined = (expr: string, parts: readonly Piece[]): Piece => ({
  expr,
  reads: parts.flatMap((p) => p.reads),
  guards: parts.flatMap((p) => p.guards),
  blocked: parts.some((p) => p.blocked),
});

/** Plus and minus fields, summed left to right as the engine does. */
function quantity(q: Quantity, ref: InputRef): Piece {
  const cells = [...q.plus, ...(q.minus ?? [])].map(ref);
  const sum = [q.plus.map(ref).join('+'), ...(q.minus ?? []).map((f) => `-${ref(f)}`)].join('');
  return piece(cells.length === 1 ? cells[0] : `(${sum})`, cells);
}

function target(t: Target, ref: InputRef): Piece {
  return typeof t === 'number' ? piece(num(t)) : piece(ref(t.field), [ref(t.field)]);
}

/** num / den with ruling R2: a base ≤ 0 counts as fully met, or (R2 set to not met) blocks the score. */
function overBase(numerator: string, base: string, rulings: ScoringRulings): Pick<Piece, 'expr' | 'guards'> {
  return rulings.emptyBaseCountsAsMet
    ? { expr: `IF(${base}<=0,1,${numerator}/${base})`, guards: [] }
    : { expr: `${numerator}/${base}`, guards: [`${base}>0`] };
}

export function measurePiece(m: Measure, ref: InputRef, rulings: ScoringRulings): Piece {
  switch (m.kind) {
    case 'field':
      return piece(ref(m.field), [ref(m.field)]);
    case 'ratio': {
      const n = quantity(m.num, ref);
      const d = quantity(m.den, ref);
      const { expr, guards } = overBase(n.expr, d.expr, rulings);
      return { expr, reads: [...n.reads, ...d.reads], guards };
    }
    case 'complement': {
      const total = ref(m.total);
      const part = ref(m.part);
      const { expr, guards } = overBase(`(${total}-${part})`, total, rulings);
      return { expr, reads: [total, part], guards };
    }
    case 'completion': {
      const value = quantity(m.value, ref);
      const factor = m.factor ?? 1;
      const minTarget = m.minTarget ?? -Infinity;
      if (typeof m.target === 'number') {
        // A constant goal, worked out here as the engine does (max(minTarget, target × factor)).
        const goal = Math.max(minTarget, m.target * factor);
        if (goal > 0) return { ...value, expr: `MIN(1,${value.expr}/${num(goal)})` };
        return rulings.emptyBaseCountsAsMet ? { ...value, expr: '1' } : { ...value, expr: '1', blocked: true };
      }
      const t = ref(m.target.field);
      const scaled = factor === 1 ? t : `${t}*${num(factor)}`;
      const goal = Number.isFinite(minTarget) ? `MAX(${num(minTarget)},${scaled})` : scaled;
      const met = rulings.emptyBaseCountsAsMet;
      return {
        expr: met ? `IF(${goal}<=0,1,MIN(1,${value.expr}/${goal}))` : `MIN(1,${value.expr}/${goal})`,
        reads: [...value.reads, t],
        guards: met ? [] : [`${goal}>0`],
      };
    }
    default: {
      const unknown: never = m;
      throw new Error(`内部错误：计量方式「${(unknown as Measure).kind}」没有通用公式`);
    }
  }
}

/** Met within the engine's tolerance: at or above the target, or with `atMost` at or below it. */
const meets = (m: string, t: string, atMost: boolean): string => (atMost ? `${m}<=${t}+${num(MET_TOLERANCE)}` : `${m}>=${t}-${num(MET_TOLERANCE)}`);

/** The indicator's points as a piece over its measure (compile.ts's compileScoring, kernel by kernel). */
export function scoringPiece(ind: Indicator, ref: InputRef, rulings: ScoringRulings): Piece {
  const max = ind.max;
  const s: Scoring = ind.scoring;
  const measure = () => measurePiece(ind.measure, ref, rulings);
  switch (s.kind) {
    case 'belowTarget':
    case 'aboveTarget': {
      const m = measure();
      const t = target(s.target, ref);
      const gap = s.kind === 'belowTarget' ? `MAX(0,${t.expr}-${m.expr})` : `MAX(0,${m.expr}-${t.expr})`;
      const scaled = s.unit === 'pp' ? `${gap}*100` : gap;
      const step = stepOf(s, rulings);
      // Ruling R1 per step: the shortfall rounded to 1e-9 first, so 2.0000000000000018 steps stay 2.
      const charged = step > 0 ? `ROUNDUP(ROUND(${scaled}/${num(step)},9),0)` : scaled;
      return joined(clamp(`${num(max)}-${times(s.perPoint, charged)}`, max), [m, t]);
    }
    case 'allOrNothing':
    case 'atMost': {
      const m = measure();
      const t = target(s.target, ref);
      return joined(`IF(${meets(m.expr, t.expr, s.kind === 'atMost')},${num(max)},0)`, [m, t]);
    }
    case 'metOrJudged': {
      const m = measure();
      const t = target(s.target, ref);
      const judged = ref(s.judged);
      const missed = clamp(s.deduction ? `${num(max)}-${judged}` : judged, max);
      // The inspectors' cell is read only when the target is missed: blank in a month that meets it is no error.
      return joined(`IF(${meets(m.expr, t.expr, s.atMost === true)},${num(max)},IF(ISNUMBER(${judged}),${missed},${BAD}))`, [m, t]);
    }
    case 'perCase': {
      const m = measure();
      return joined(clamp(`${num(max)}-${times(s.perCase, m.expr)}`, max), [m]);
    }
    case 'proportional': {
      const m = measure();
      const gates = (s.gates ?? []).map((g) => measurePiece(g, ref, rulings));
      const points = clamp(times(max, m.expr), max);
      return joined(gates.length ? `IF(OR(${gates.map((g) => `${g.expr}<1`).join(',')}),0,${points})` : points, [m, ...gates]);
    }
    case 'graded': {
      const m = measure();
      const grades = [...s.grades].sort((a, b) => b[0] - a[0]);
      const chain = grades.reduceRight((otherwise, [mark, points]) => `IF(${m.expr}>=${num(mark)},${num(Math.min(max, Math.max(0, points)))},${otherwise})`, '0');
      return joined(chain, [m]);
    }
    case 'perItem': {
      const m = measure();
      return joined(clamp(times(s.pointsEach, m.expr), max), [m]);
    }
    case 'subTargets': {
      // The indicator's own measure is not read: only its sub-targets'.
      const subs = s.targets.map((t) => ({ measure: measurePiece(t.measure, ref, rulings), atLeast: t.atLeast }));
      const failed = subs.map((t) => `IF(${t.measure.expr}<${num(t.atLeast)},1,0)`).join('+');
      return joined(clamp(`${num(max)}-${times(s.perFailed, subs.length > 1 ? `(${failed})` : failed || '0')}`, max), subs.map((t) => t.measure));
    }
    case 'judged': {
      const m = measure();
      return joined(clamp(m.expr, max), [m]);
    }
    case 'judgedDeduction': {
      const m = measure();
      return joined(clamp(`${num(max)}-${m.expr}`, max), [m]);
    }
    default: {
      const unknown: never = s;
      throw new Error(`内部错误：规则类型「${(unknown as Scoring).kind}」没有通用公式`);
    }
  }
}

/**
 * The piece as a whole formula (without '='): every cell it reads checked to hold a number, then its
 * conditions, then the points; 「数据有误」 where a check fails.
 */
export function checkedFormula(p: Piece): string {
  if (p.blocked) return BAD;
  const reads = [...new Set(p.reads)];
  const guards = [...new Set(p.guards)];
  let body = p.expr;
  if (guards.length) body = `IF(${all(guards)},${body},${BAD})`;
  if (reads.length) body = `IF(${all(reads.map((r) => `ISNUMBER(${r})`))},${body},${BAD})`;
  return body;
}

/** An indicator's formula in its row: ruling R5 first (before the month it is assessed from, the max), then its rule. */
export function indicatorFormula(ind: Indicator, ref: InputRef, rulings: ScoringRulings, monthCell: string): string {
  const rule = checkedFormula(scoringPiece(ind, ref, rulings));
  return ind.assessedFromMonth ? `IF(${monthCell}<${num(rulings.assessedFromMonth)},${num(ind.max)},${rule})` : rule;
}
