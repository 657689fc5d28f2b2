/**
 * The one interpreter of the rule vocabulary. A rule set is compiled once into column passes;
 * scoring a table then runs a few typed-array loops per indicator (no per-row interpretation).
 * NaN is the engine's "blocked": it propagates through every formula, so an input error
 * blocks exactly the indicators that read it.
 */
import type { Indicator, Measure, Quantity, RuleSet, Scoring, ScoringRulings, Target } from '../rules/vocabulary';
import type { UnitType } from '../fields';
import { TYPE_CODE, UNKNOWN_TYPE, type UnitMonthTable } from './table';

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
  appliesTo?: UnitType;
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
  items: readonly ReportedItem[];
  /** The fields an indicator reads (measure, gates and field targets). */
  fieldsOf(code: string): readonly string[];
  score(table: UnitMonthTable): MonthScores;
}

type MeasureFn = (table: UnitMonthTable) => MeasureValues;
type ScoringFn = (m: Float64Array, table: UnitMonthTable, out: Float64Array) => void;

/** Shortfalls are rounded to 1e-9 before R1's ceil so 2.0000000000000018 points short stays 2. */
const ceilShortfall = (x: number): number => Math.ceil(Math.round(x * 1e9) / 1e9);

function column(table: UnitMonthTable, key: string): Float64Array {
  const col = table.columns.get(key);
  if (col) return col;
  const missing = new Float64Array(table.length).fill(NaN);
  table.columns.set(key, missing);
  return missing;
}

function quantity(table: UnitMonthTable, q: Quantity): Float64Array {
  const n = table.length;
  if (q.plus.length === 1 && !q.minus?.length) return column(table, q.plus[0]);
  const out = new Float64Array(n);
  for (const key of q.plus) {
    const c = column(table, key);
    for (let i = 0; i < n; i++) out[i] += c[i];
  }
  for (const key of q.minus ?? []) {
    const c = column(table, key);
    for (let i = 0; i < n; i++) out[i] -= c[i];
  }
  return out;
}

function ratioValues(num: Float64Array, den: Float64Array, n: number, emptyBaseMet: boolean): MeasureValues {
  const values = new Float64Array(n);
  const noBase = new Uint8Array(n);
  const empty = emptyBaseMet ? 1 : NaN;
  for (let i = 0; i < n; i++) {
    const d = den[i];
    if (d <= 0) {
      values[i] = empty;
      noBase[i] = 1;
    } else {
      values[i] = num[i] / d;
    }
  }
  return { values, noBase };
}

function compileMeasure(measure: Measure, rulings: ScoringRulings): MeasureFn {
  const met = rulings.emptyBaseCountsAsMet;
  switch (measure.kind) {
    case 'field':
      return (t) => ({ values: column(t, measure.field), noBase: null });
    case 'ratio':
      return (t) => ratioValues(quantity(t, measure.num), quantity(t, measure.den), t.length, met);
    case 'complement':
      return (t) => {
        const total = column(t, measure.total);
        const part = column(t, measure.part);
        const kept = new Float64Array(t.length);
        for (let i = 0; i < t.length; i++) kept[i] = total[i] - part[i];
        return ratioValues(kept, total, t.length, met);
      };
    case 'completion': {
      const { factor = 1, minTarget = -Infinity } = measure;
      return (t) => {
        const value = quantity(t, measure.value);
        const n = t.length;
        const target = targetColumn(t, measure.target);
        const values = new Float64Array(n);
        const noBase = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const goal = Math.max(minTarget, target[i] * factor);
          if (goal <= 0) {
            values[i] = met ? 1 : NaN;
            noBase[i] = 1;
          } else {
            values[i] = Math.min(1, value[i] / goal);
          }
        }
        return { values, noBase };
      };
    }
  }
}

function targetColumn(t: UnitMonthTable, target: Target): Float64Array {
  return typeof target === 'number' ? new Float64Array(t.length).fill(target) : column(t, target.field);
}

function compileScoring(ind: Indicator, rulings: ScoringRulings): ScoringFn {
  const max = ind.max;
  const clamp = (x: number) => Math.min(max, Math.max(0, x));
  const s: Scoring = ind.scoring;
  switch (s.kind) {
    case 'belowTarget': {
      const scale = s.unit === 'pp' ? 100 : 1;
      const ceil = s.unit === 'pp' && rulings.deductionStep === 'ceil';
      return (m, t, out) => {
        const target = targetColumn(t, s.target);
        for (let i = 0; i < out.length; i++) {
          let short = Math.max(0, target[i] - m[i]) * scale;
          if (ceil) short = ceilShortfall(short);
          out[i] = clamp(max - s.perPoint * short);
        }
      };
    }
    case 'perCase':
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = clamp(max - s.perCase * m[i]);
      };
    case 'proportional': {
      const gates = (s.gates ?? []).map((g) => compileMeasure(g, rulings));
      return (m, t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = clamp(max * m[i]);
        for (const gate of gates) {
          const g = gate(t).values;
          for (let i = 0; i < out.length; i++) {
            if (Number.isNaN(g[i])) out[i] = NaN;
            else if (g[i] < 1) out[i] = out[i] * 0; // keeps NaN from the measure, else 0
          }
        }
      };
    }
    case 'allOrNothing':
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = Number.isNaN(m[i]) ? NaN : m[i] >= s.target ? max : 0;
      };
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
          out[i] = clamp(points);
        }
      };
    }
    case 'perItem':
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = clamp(s.pointsEach * m[i]);
      };
    case 'judged':
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = clamp(m[i]);
      };
    case 'judgedDeduction':
      return (m, _t, out) => {
        for (let i = 0; i < out.length; i++) out[i] = clamp(max - m[i]);
      };
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

export function indicatorFields(ind: Indicator): string[] {
  const s = ind.scoring;
  const fromScoring =
    s.kind === 'belowTarget' && typeof s.target !== 'number'
      ? [s.target.field]
      : s.kind === 'proportional'
        ? (s.gates ?? []).flatMap(measureFields)
        : [];
  return [...new Set([...measureFields(ind.measure), ...fromScoring])];
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
      items.push({ code: ind.code, zh: ind.zh, max: ind.max, section: ind.section, appliesTo: ind.appliesTo, indicators: [ind] });
    } else if (!placed.has(bucket.code)) {
      placed.add(bucket.code);
      const members = bucket.items.map((c) => byCode.get(c)!);
      const itemMax = Math.min(bucket.cap, members.reduce((a, m) => a + m.max, 0));
      items.push({ code: bucket.code, zh: bucket.zh, max: itemMax, section: bucket.section, indicators: members, cap: bucket.cap });
    }
  }
  return items;
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRubric {
  const rulings = ruleSet.scoring;
  const compiled = ruleSet.indicators.map((ind) => ({
    ind,
    measure: compileMeasure(ind.measure, rulings),
    scoring: compileScoring(ind, rulings),
    appliesTo: ind.appliesTo === undefined ? null : TYPE_CODE[ind.appliesTo],
  }));
  const items = reportedItems(ruleSet);
  const fields = new Map(ruleSet.indicators.map((i) => [i.code, indicatorFields(i)]));

  function score(table: UnitMonthTable): MonthScores {
    const n = table.length;
    const indicators = new Map<string, Float64Array>();
    const noBase = new Map<string, Uint8Array>();
    for (const c of compiled) {
      const m = c.measure(table);
      const out = new Float64Array(n);
      c.scoring(m.values, table, out);
      if (c.ind.assessedFromMonth) {
        const from = rulings.assessedFromMonth;
        for (let i = 0; i < n; i++) if (table.month[i] < from) out[i] = c.ind.max;
      }
      if (c.appliesTo !== null) {
        // Not applicable to the other type: 0 and left out of the total; unknown type: blocked.
        for (let i = 0; i < n; i++) {
          const ty = table.type[i];
          if (ty === UNKNOWN_TYPE) out[i] = NaN;
          else if (ty !== c.appliesTo) out[i] = 0;
        }
      }
      indicators.set(c.ind.code, out);
      if (m.noBase) noBase.set(c.ind.code, m.noBase);
    }
    const total = new Float64Array(n);
    const itemValues = items.map((item) => {
      if (item.indicators.length === 1 && item.cap === undefined) return indicators.get(item.code)!;
      const out = new Float64Array(n);
      for (const member of item.indicators) {
        const v = indicators.get(member.code)!;
        for (let i = 0; i < n; i++) out[i] += v[i];
      }
      const cap = item.cap ?? Infinity;
      for (let i = 0; i < n; i++) out[i] = Math.min(cap, out[i]);
      return out;
    });
    for (const v of itemValues) for (let i = 0; i < n; i++) total[i] += v[i];
    return { indicators, items: itemValues, noBase, total };
  }

  return {
    ruleSet,
    items,
    fieldsOf: (code) => fields.get(code) ?? [],
    score,
  };
}
