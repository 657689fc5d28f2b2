/**
 * The one interpreter of the rule vocabulary. A rule set is compiled once into column passes;
 * scoring a table then runs a few typed-array loops per indicator (no per-row interpretation).
 * NaN is the engine's "blocked": it propagates through every formula, so an input error
 * blocks exactly the indicators that read it.
 */
import type { Indicator, Measure, Quantity, RuleSet, Scoring, ScoringRulings, Target } from '../rules/vocabulary';
import { fieldSet, type FieldSet, type UnitType } from '../fields';
import { UNKNOWN_TYPE, type UnitMonthTable } from './table';

export interface MeasureValues {
  values: Float64Array;
  /** 1 where a rate's base was empty and ruling R2 counted it as met; null when the measure has no base. */
  noBase: Uint8Array | null;
}

/** What a month's result reports: an indicator, or a bucket standing in for its items (R4). */
export interface ReportedItem {
  code: string;
  zh: string;
  max: number;
  section: string;
  appliesTo?: readonly UnitType[];
  /** appliesTo as the table's type codes (indexes into the rule set's unitTypes). */
  typeCodes?: readonly number[];
  /** The indicators it is made of (itself, or a bucket's items). */
  indicators: readonly Indicator[];
  cap?: number;
}

export interface MonthScores {
  /** Points per indicator code (bucket items included), NaN where blocked. */
  indicators: Map<string, Float64Array>;
  /** Points per reported item, aligned with CompiledRubric.items. */
  items: Float64Array[];
  noBase: Map<string, Uint8Array>;
  /** Sum of the applicable reported items; NaN when any of them is blocked. */
  total: Float64Array;
}

export interface CompiledRubric {
  ruleSet: RuleSet;
  /** The rule set's input fields, indexed. */
  fields: FieldSet;
  items: readonly ReportedItem[];
  /** A unit type's code in the table's `type` column: its index in the rule set's unitTypes; UNKNOWN_TYPE for null. */
  typeCode(type: UnitType | null): number;
  /** The fields an indicator reads (measure, gates and field targets). */
  fieldsOf(code: string): readonly string[];
  score(table: UnitMonthTable): MonthScores;
}

type MeasureFn = (table: UnitMonthTable, scratch: Scratch) => MeasureValues;
type ScoringFn = (m: Float64Array, table: UnitMonthTable, out: Float64Array, scratch: Scratch) => void;

/**
 * Temporary columns reused from one indicator to the next: fresh 8 MB arrays per indicator
 * cost more in page faults than the arithmetic does on a million rows.
 */
class Scratch {
  private pool: Float64Array[] = [];
  private used = 0;
  constructor(private readonly length: number) {}
  /** A column with stale contents: the caller writes every element. */
  take(): Float64Array {
    if (this.used === this.pool.length) this.pool.push(new Float64Array(this.length));
    return this.pool[this.used++];
  }
  release(): void {
    this.used = 0;
  }
}

/** Shortfalls are rounded to 1e-9 before R1's ceil so 2.0000000000000018 points short stays 2. */
const ceilShortfall = (x: number): number => Math.ceil(Math.round(x * 1e9) / 1e9);

function column(table: UnitMonthTable, key: string): Float64Array {
  const col = table.columns.get(key);
  if (col) return col;
  const missing = new Float64Array(table.length).fill(NaN);
  table.columns.set(key, missing);
  return missing;
}

function addInto(acc: Float64Array, v: Float64Array): void {
  for (let i = 0; i < acc.length; i++) acc[i] += v[i];
}

function subtractInto(acc: Float64Array, v: Float64Array): void {
  for (let i = 0; i < acc.length; i++) acc[i] -= v[i];
}

function quantity(table: UnitMonthTable, q: Quantity, scratch: Scratch): Float64Array {
  if (q.plus.length === 1 && !q.minus?.length) return column(table, q.plus[0]);
  const out = scratch.take();
  out.set(column(table, q.plus[0]));
  for (const key of q.plus.slice(1)) addInto(out, column(table, key));
  for (const key of q.minus ?? []) subtractInto(out, column(table, key));
  return out;
}

/** num / den; a base ≤ 0 counts as met (ruling R2) and is marked in noBase. NaN stays NaN. */
function ratioKernel(num: Float64Array, den: Float64Array, values: Float64Array, noBase: Uint8Array, empty: number): void {
  for (let i = 0; i < values.length; i++) {
    const d = den[i];
    if (Number.isNaN(num[i])) {
      values[i] = NaN; // an error in the numerator blocks even when the base is empty
    } else if (d <= 0) {
      values[i] = empty;
      noBase[i] = 1;
    } else {
      values[i] = num[i] / d;
    }
  }
}

function ratio(num: Float64Array, den: Float64Array, scratch: Scratch, met: boolean): MeasureValues {
  const values = scratch.take();
  const noBase = new Uint8Array(values.length);
  ratioKernel(num, den, values, noBase, met ? 1 : NaN);
  return { values, noBase };
}

function completionKernel(value: Float64Array, goals: Float64Array, factor: number, minTarget: number, values: Float64Array, noBase: Uint8Array, empty: number): void {
  for (let i = 0; i < values.length; i++) {
    const goal = Math.max(minTarget, goals[i] * factor);
    if (Number.isNaN(value[i])) {
      values[i] = NaN;
    } else if (goal <= 0) {
      values[i] = empty;
      noBase[i] = 1;
    } else {
      values[i] = Math.min(1, value[i] / goal);
    }
  }
}

function constantColumn(t: UnitMonthTable, scratch: Scratch, value: number): Float64Array {
  return scratch.take().fill(value, 0, t.length);
}

function compileMeasure(measure: Measure, rulings: ScoringRulings): MeasureFn {
  const met = rulings.emptyBaseCountsAsMet;
  switch (measure.kind) {
    case 'field':
      return (t) => ({ values: column(t, measure.field), noBase: null });
    case 'ratio':
      return (t, scratch) => ratio(quantity(t, measure.num, scratch), quantity(t, measure.den, scratch), scratch, met);
    case 'complement':
      return (t, scratch) => {
        const total = column(t, measure.total);
        const kept = scratch.take();
        kept.set(total);
        subtractInto(kept, column(t, measure.part));
        return ratio(kept, total, scratch, met);
      };
    case 'completion': {
      const { factor = 1, minTarget = -Infinity, target } = measure;
      return (t, scratch) => {
        const value = quantity(t, measure.value, scratch);
        const goals = typeof target === 'number' ? constantColumn(t, scratch, target) : column(t, target.field);
        const values = scratch.take();
        const noBase = new Uint8Array(t.length);
        completionKernel(value, goals, factor, minTarget, values, noBase, met ? 1 : NaN);
        return { values, noBase };
      };
    }
  }
}

/*
 * Kernels: small top-level loops over typed arrays, so V8 optimises each once and keeps it
 * monomorphic whichever indicator calls it. Clamping uses Math.min/max, which keeps NaN.
 */

/**
 * A bound missed by `gap` (goal − measure below a lower bound, measure − goal above an upper one,
 * so `sign` is +1 or −1), scaled to points (×100 for percentage points) and charged perPoint per
 * whole step of `step` rounded up, or linearly when step is 0.
 */
function boundKernel(m: Float64Array, goals: Float64Array, out: Float64Array, sign: number, scale: number, step: number, perPoint: number, max: number): void {
  for (let i = 0; i < out.length; i++) {
    const gap = Math.max(0, sign * (goals[i] - m[i])) * scale;
    const charged = step > 0 ? ceilShortfall(gap / step) : gap;
    out[i] = Math.min(max, Math.max(0, max - perPoint * charged));
  }
}

/**
 * Whether a measure meets its target: at or above it, or with `atMost` at or below it. A measure
 * that equals its target in decimal (19/20 against 95 %) may differ from it in the last bit, so
 * equal within 1e-9 is met. NaN is neither met nor missed: it stays NaN.
 */
export const MET_TOLERANCE = 1e-9;

function metKernel(m: Float64Array, goals: Float64Array, out: Float64Array, atMost: boolean, max: number): void {
  for (let i = 0; i < out.length; i++) {
    const v = m[i];
    const met = atMost ? v <= goals[i] + MET_TOLERANCE : v >= goals[i] - MET_TOLERANCE;
    out[i] = Number.isNaN(v) || Number.isNaN(goals[i]) ? NaN : met ? max : 0;
  }
}

/**
 * 达标得分否则评分: met scores max (the inspectors' cell is not read, blank or not); missed scores the
 * inspectors' points (sign +1, offset 0) or max less their deduction (sign −1, offset max), clamped.
 */
function metOrJudgedKernel(m: Float64Array, goals: Float64Array, judged: Float64Array, out: Float64Array, atMost: boolean, offset: number, sign: number, max: number): void {
  for (let i = 0; i < out.length; i++) {
    const v = m[i];
    if (Number.isNaN(v) || Number.isNaN(goals[i])) {
      out[i] = NaN;
      continue;
    }
    const met = atMost ? v <= goals[i] + MET_TOLERANCE : v >= goals[i] - MET_TOLERANCE;
    out[i] = met ? max : Math.min(max, Math.max(0, offset + sign * judged[i]));
  }
}

function linearKernel(m: Float64Array, out: Float64Array, offset: number, slope: number, max: number): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.min(max, Math.max(0, offset + slope * m[i]));
}

function capInPlace(v: Float64Array, cap: number): void {
  for (let i = 0; i < v.length; i++) v[i] = Math.min(cap, v[i]);
}

function setBeforeMonth(out: Float64Array, month: Int8Array, from: number, value: number): void {
  for (let i = 0; i < out.length; i++) if (month[i] < from) out[i] = value;
}

/** Not applicable to the unit's type (`applies[type]` 0): 0 and so left out of the total; unknown type: blocked. */
function maskByType(out: Float64Array, type: Int8Array, applies: Uint8Array): void {
  for (let i = 0; i < out.length; i++) {
    const ty = type[i];
    if (ty === UNKNOWN_TYPE) out[i] = NaN;
    else if (applies[ty] === 0) out[i] = 0;
  }
}

/** The codes of the unit types an indicator applies to (undefined: every type). */
function typeCodesOf(appliesTo: readonly UnitType[] | undefined, ruleSet: RuleSet): number[] | undefined {
  return appliesTo?.map((t) => ruleSet.unitTypes.findIndex((u) => u.name === t));
}

/** A target as a column: a constant repeated, or the field's own column. */
function targetColumn(target: Target, t: UnitMonthTable, scratch: Scratch): Float64Array {
  return typeof target === 'number' ? constantColumn(t, scratch, target) : column(t, target.field);
}

/**
 * The step a bound is charged by: the indicator's own, else ruling R1 (whole percentage points
 * when it says 'ceil'; counts are whole already), else linear (0).
 */
export function stepOf(s: { unit: 'pp' | 'count'; step?: number }, rulings: ScoringRulings): number {
  if (s.step !== undefined) return s.step;
  return s.unit === 'pp' && rulings.deductionStep === 'ceil' ? 1 : 0;
}

function compileScoring(ind: Indicator, rulings: ScoringRulings): ScoringFn {
  const max = ind.max;
  const s: Scoring = ind.scoring;
  switch (s.kind) {
    case 'belowTarget':
    case 'aboveTarget': {
      const sign = s.kind === 'belowTarget' ? 1 : -1;
      const scale = s.unit === 'pp' ? 100 : 1;
      const step = stepOf(s, rulings);
      return (m, t, out, scratch) => boundKernel(m, targetColumn(s.target, t, scratch), out, sign, scale, step, s.perPoint, max);
    }
    case 'allOrNothing':
    case 'atMost':
      return (m, t, out, scratch) => metKernel(m, targetColumn(s.target, t, scratch), out, s.kind === 'atMost', max);
    case 'metOrJudged': {
      const [offset, sign] = s.deduction ? [max, -1] : [0, 1];
      return (m, t, out, scratch) => metOrJudgedKernel(m, targetColumn(s.target, t, scratch), column(t, s.judged), out, s.atMost === true, offset, sign, max);
    }
    case 'perCase':
      return (m, _t, out) => linearKernel(m, out, max, -s.perCase, max);
    case 'proportional': {
      const gates = (s.gates ?? []).map((g) => compileMeasure(g, rulings));
      return (m, t, out, scratch) => {
        linearKernel(m, out, 0, max, max);
        for (const gate of gates) {
          const g = gate(t, scratch).values;
          for (let i = 0; i < out.length; i++) {
            if (Number.isNaN(g[i])) out[i] = NaN;
            else if (g[i] < 1) out[i] = out[i] * 0; // keeps NaN from the measure, else 0
          }
        }
      };
    }
    case 'graded': {
      const grades = [...s.grades].sort((a, b) => b[0] - a[0]);
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) {
          const v = m[i];
          if (Number.isNaN(v)) {
            out[i] = NaN;
            continue;
          }
          let points = 0;
          for (const [mark, p] of grades) {
            if (v >= mark) {
              points = p;
              break;
            }
          }
          out[i] = Math.min(max, Math.max(0, points));
        }
      };
    }
    case 'perItem':
      return (m, _t, out) => linearKernel(m, out, 0, s.pointsEach, max);
    case 'subTargets': {
      const targets = s.targets.map((t) => ({ measure: compileMeasure(t.measure, rulings), atLeast: t.atLeast }));
      return (_m, t, out, scratch) => {
        const failed = scratch.take().fill(0, 0, t.length);
        for (const target of targets) {
          const v = target.measure(t, scratch).values;
          for (let i = 0; i < out.length; i++) failed[i] += Number.isNaN(v[i]) ? NaN : v[i] < target.atLeast ? 1 : 0;
        }
        linearKernel(failed, out, max, -s.perFailed, max);
      };
    }
    case 'judged':
      return (m, _t, out) => linearKernel(m, out, 0, 1, max);
    case 'judgedDeduction':
      return (m, _t, out) => linearKernel(m, out, max, -1, max);
  }
}

function measureFields(m: Measure): string[] {
  const q = (x: Quantity) => [...x.plus, ...(x.minus ?? [])];
  const t = (x: Target) => (typeof x === 'number' ? [] : [x.field]);
  switch (m.kind) {
    case 'field':
      return [m.field];
    case 'ratio':
      return [...q(m.num), ...q(m.den)];
    case 'complement':
      return [m.total, m.part];
    case 'completion':
      return [...q(m.value), ...t(m.target)];
  }
}

/** The fields that make a measure's base (the denominator or target), for ruling R2's messages. */
export function baseFields(m: Measure): string[] {
  switch (m.kind) {
    case 'field':
      return [];
    case 'ratio':
      return [...m.den.plus, ...(m.den.minus ?? [])];
    case 'complement':
      return [m.total];
    case 'completion':
      return typeof m.target === 'number' ? [] : [m.target.field];
  }
}

/** The fields a scoring reads besides its indicator's measure: a target field, gates, sub-targets, the inspectors' cell. */
function scoringFields(s: Scoring): string[] {
  const target = 'target' in s && typeof s.target !== 'number' ? [s.target.field] : [];
  switch (s.kind) {
    case 'proportional':
      return (s.gates ?? []).flatMap(measureFields);
    case 'subTargets':
      return s.targets.flatMap((t) => measureFields(t.measure));
    case 'metOrJudged':
      return [...target, s.judged];
    default:
      return target;
  }
}

export function indicatorFields(ind: Indicator): string[] {
  const own = ind.scoring.kind === 'subTargets' ? [] : measureFields(ind.measure);
  return [...new Set([...own, ...scoringFields(ind.scoring)])];
}

/**
 * Whether an indicator is scored for a unit-month of this type and month: the fields it reads are
 * needed there (the ledger's reading and 通用公式's both ask).
 */
export function indicatorApplies(ind: Indicator, type: number, month: number, rubric: CompiledRubric): boolean {
  if (ind.assessedFromMonth && month < rubric.ruleSet.scoring.assessedFromMonth) return false;
  if (ind.appliesTo === undefined) return true;
  return type !== UNKNOWN_TYPE && ind.appliesTo.some((t) => rubric.typeCode(t) === type);
}

/**
 * An item for the other unit type (E4a for a 村): not reported for the row, not a blocked 0. A row whose
 * type is unknown (UNKNOWN_TYPE) reports every item, blocked where the type matters.
 */
export function notForType(item: ReportedItem, typeCode: number): boolean {
  return item.typeCodes !== undefined && typeCode !== UNKNOWN_TYPE && !item.typeCodes.includes(typeCode);
}

/** Indicators not in a bucket, and each bucket at the place of its first item, in rubric order. */
export function reportedItems(ruleSet: RuleSet): ReportedItem[] {
  const byCode = new Map(ruleSet.indicators.map((i) => [i.code, i]));
  const bucketOf = new Map<string, RuleSet['buckets'][number]>();
  for (const b of ruleSet.buckets) for (const code of b.items) bucketOf.set(code, b);
  const items: ReportedItem[] = [];
  const placed = new Set<string>();
  for (const ind of ruleSet.indicators) {
    const bucket = bucketOf.get(ind.code);
    if (!bucket) {
      const typed = ind.appliesTo ? { appliesTo: ind.appliesTo, typeCodes: typeCodesOf(ind.appliesTo, ruleSet) } : {};
      items.push({ code: ind.code, zh: ind.zh, max: ind.max, section: ind.section, ...typed, indicators: [ind] });
    } else if (!placed.has(bucket.code)) {
      placed.add(bucket.code);
      const members = bucket.items.map((c) => byCode.get(c)!);
      const itemMax = Math.min(bucket.cap, members.reduce((a, m) => a + m.max, 0));
      items.push({ code: bucket.code, zh: bucket.zh, max: itemMax, section: bucket.section, indicators: members, cap: bucket.cap });
    }
  }
  return items;
}

/** A measure's values over a table (HS.JOBRATE's rate is E1's measure), through the same kernels as scoring. */
export function evaluateMeasure(measure: Measure, rulings: ScoringRulings, table: UnitMonthTable): MeasureValues {
  const { values, noBase } = compileMeasure(measure, rulings)(table, new Scratch(table.length));
  return { values: Float64Array.from(values), noBase }; // the scratch column is not the caller's to keep
}

/** Type code → 1 when the indicator applies (the table's codes fit an Int8Array, so 128 entries cover them). */
function typeMask(codes: readonly number[]): Uint8Array {
  const applies = new Uint8Array(128);
  for (const code of codes) if (code >= 0) applies[code] = 1;
  return applies;
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRubric {
  const rulings = ruleSet.scoring;
  const compiled = ruleSet.indicators.map((ind) => ({
    ind,
    measure: compileMeasure(ind.measure, rulings),
    scoring: compileScoring(ind, rulings),
    applies: ind.appliesTo === undefined ? null : typeMask(typeCodesOf(ind.appliesTo, ruleSet)!),
  }));
  const items = reportedItems(ruleSet);
  const fields = new Map(ruleSet.indicators.map((i) => [i.code, indicatorFields(i)]));

  function score(table: UnitMonthTable): MonthScores {
    const n = table.length;
    const indicators = new Map<string, Float64Array>();
    const noBase = new Map<string, Uint8Array>();
    const scratch = new Scratch(n);
    for (const c of compiled) {
      const m = c.measure(table, scratch);
      const out = new Float64Array(n);
      c.scoring(m.values, table, out, scratch);
      scratch.release();
      if (c.ind.assessedFromMonth) setBeforeMonth(out, table.month, rulings.assessedFromMonth, c.ind.max);
      if (c.applies !== null) maskByType(out, table.type, c.applies);
      indicators.set(c.ind.code, out);
      if (m.noBase) noBase.set(c.ind.code, m.noBase);
    }
    const total = new Float64Array(n);
    const itemValues = items.map((item) => {
      if (item.indicators.length === 1 && item.cap === undefined) return indicators.get(item.code)!;
      const out = new Float64Array(n);
      for (const member of item.indicators) addInto(out, indicators.get(member.code)!);
      if (item.cap !== undefined) capInPlace(out, item.cap);
      return out;
    });
    for (const v of itemValues) addInto(total, v);
    return { indicators, items: itemValues, noBase, total };
  }

  const typeCodes = new Map(ruleSet.unitTypes.map((t, code) => [t.name, code]));
  return {
    ruleSet,
    fields: fieldSet(ruleSet.fields),
    items,
    typeCode: (type) => (type === null ? UNKNOWN_TYPE : (typeCodes.get(type) ?? UNKNOWN_TYPE)),
    fieldsOf: (code) => fields.get(code) ?? [],
    score,
  };
}
