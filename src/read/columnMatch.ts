/**
 * Header text → the field or attribute it feeds, with a confidence (spec §7). Exact names score
 * highest, then synonyms, then a fuzzy score; columns are then assigned globally so that each
 * target goes to the one column that fits it best (劳动力资源总数 to laborResource even though it also
 * resembles 劳动力总数).
 */
import { ATTRIBUTES, BUILT_IN_FIELDS, type FieldSet } from '../fields';
import type { ColumnMapping, ColumnTarget } from '../ledger/types';
import { normalizeHeader, withoutBrackets } from './headerText';

export type MatchedBy = 'canonical' | 'synonym' | 'fuzzy';

export interface TargetMatch {
  target: ColumnTarget;
  confidence: number;
  matchedBy: MatchedBy;
}

/** Confidence for each way of matching. Bracket-insensitive matches rank just below exact ones so
 *  that a header matching with its brackets wins a contest against one matching without. */
export const CONFIDENCE = {
  canonical: 1,
  canonicalWithoutBrackets: 0.95,
  synonym: 0.9,
  synonymWithoutBrackets: 0.85,
  /** Fuzzy confidence = this × Dice coefficient, so a fuzzy match never outranks a synonym. */
  fuzzyScale: 0.8,
  /** Below this a fuzzy match is no match (a Dice coefficient of 0.75). */
  fuzzyThreshold: 0.6,
} as const;

interface TargetName {
  target: ColumnTarget;
  targetIndex: number;
  canonical: boolean;
  normalized: string;
  bare: string;
  bigrams: Map<string, number>;
}

const ATTRIBUTE_TARGETS: readonly ColumnTarget[] = ATTRIBUTES.map((a): ColumnTarget => ({ kind: 'attribute', key: a.key }));
const ledgerTargetLists = new WeakMap<FieldSet, readonly ColumnTarget[]>();
/** The fields a target list made by ledgerTargets or fieldTargets names; any other list is read with the built-in ones. */
const fieldsOfTargets = new WeakMap<readonly ColumnTarget[], FieldSet>();

/**
 * Every target a ledger column can feed under a rule set's fields: the identity/per-unit
 * attributes, then the input fields. One list per field set, which its matching index knows by.
 */
export function ledgerTargets(fields: FieldSet = BUILT_IN_FIELDS): readonly ColumnTarget[] {
  let targets = ledgerTargetLists.get(fields);
  if (!targets) {
    targets = [...ATTRIBUTE_TARGETS, ...fields.list.map((f): ColumnTarget => ({ kind: 'field', key: f.key }))];
    ledgerTargetLists.set(fields, targets);
    fieldsOfTargets.set(targets, fields);
  }
  return targets;
}

/** The targets of the built-in (Heshan) fields. */
export const ALL_TARGETS: readonly ColumnTarget[] = ledgerTargets(BUILT_IN_FIELDS);

/** Targets of some of a field set's fields (the 参数 sheet's), matched by those fields' names. */
export function fieldTargets(fields: FieldSet, keys: readonly string[], attributes: readonly ColumnTarget[] = []): readonly ColumnTarget[] {
  const targets = [...attributes, ...keys.map((key): ColumnTarget => ({ kind: 'field', key }))];
  fieldsOfTargets.set(targets, fields);
  return targets;
}

export function sameTarget(a: ColumnTarget | null, b: ColumnTarget | null): boolean {
  return a !== null && b !== null && a.kind === b.kind && a.key === b.key;
}

/** The target's canonical Chinese name (the header the spec or the rubric's 字段 table gives it). */
export function targetName(target: ColumnTarget, fields: FieldSet = BUILT_IN_FIELDS): string {
  if (target.kind === 'attribute') return ATTRIBUTES.find((a) => a.key === target.key)?.zh ?? target.key;
  return fields.name(target.key);
}

function namesOf(target: ColumnTarget, fields: FieldSet): { canonical: string; synonyms: readonly string[] } {
  const def = target.kind === 'attribute' ? ATTRIBUTES.find((a) => a.key === target.key) : fields.byKey.get(target.key);
  if (!def) throw new Error(`未知的列目标：${target.kind}/${target.key}`);
  return { canonical: def.zh, synonyms: def.synonyms };
}

/** Character bigrams with multiplicity; a one-character string is its own single "bigram". */
function bigramsOf(s: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = Array.from(s);
  if (chars.length === 1) grams.set(chars[0], 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

function gramCount(grams: Map<string, number>): number {
  let n = 0;
  for (const c of grams.values()) n += c;
  return n;
}

/** Sørensen–Dice coefficient over character bigrams: 2|A∩B| / (|A|+|B|). */
export function diceCoefficient(a: string, b: string): number {
  return diceOfGrams(bigramsOf(a), bigramsOf(b));
}

function diceOfGrams(a: Map<string, number>, b: Map<string, number>): number {
  const total = gramCount(a) + gramCount(b);
  if (total === 0) return 0;
  let common = 0;
  for (const [g, n] of a) common += Math.min(n, b.get(g) ?? 0);
  return (2 * common) / total;
}

/**
 * The last character says what a header measures: a rate (率), a count (数), an amount (额), points (分).
 * Two headers that differ only there (人岗匹配成功率 / 人岗匹配成功人数) are different columns, however
 * alike they look, so a fuzzy match across measures is refused.
 */
const MEASURE_ENDINGS = new Set(['率', '数', '额', '分']);
function sameMeasure(a: string, b: string): boolean {
  const ea = a.slice(-1);
  const eb = b.slice(-1);
  return !(MEASURE_ENDINGS.has(ea) && MEASURE_ENDINGS.has(eb) && ea !== eb);
}

/**
 * Words that change what a figure is about: last year's rate is not this month's, a province
 * average is not the unit's own figure, 农村劳动力 is not all labour, training is not jobs. A fuzzy
 * match where only one side has such a word is refused (农村劳动力转移就业率 ≠ 上年同期转移就业率).
 */
const QUALIFIERS = ['上年', '全省', '累计', '长期', '农村', '月初', '当月', '培训', '岗位', '补贴', '毕业生', '平台'];
function sameQualifiers(a: string, b: string): boolean {
  return QUALIFIERS.every((q) => a.includes(q) === b.includes(q));
}

const MATCH_CACHE_LIMIT = 20_000;

/** Normalised names of a set of targets, computed once per target list. */
class TargetIndex {
  readonly names: TargetName[] = [];
  private readonly cache = new Map<string, TargetMatch[]>();

  constructor(readonly targets: readonly ColumnTarget[], fields: FieldSet) {
    targets.forEach((target, targetIndex) => {
      const { canonical, synonyms } = namesOf(target, fields);
      for (const [text, isCanonical] of [[canonical, true], ...synonyms.map((s) => [s, false] as const)] as const) {
        const normalized = normalizeHeader(text);
        const bare = withoutBrackets(normalized);
        this.names.push({ target, targetIndex, canonical: isCanonical, normalized, bare, bigrams: bigramsOf(bare) });
      }
    });
  }

  /** All targets the header text could feed, best first (one entry per target). */
  match(text: string): TargetMatch[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const result = this.compute(text);
    // Header scans also look at the first data rows; a long-lived task pane must not grow without bound.
    if (this.cache.size >= MATCH_CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, result);
    return result;
  }

  private compute(text: string): TargetMatch[] {
    const normalized = normalizeHeader(text);
    if (normalized === '') return [];
    const bare = withoutBrackets(normalized);
    const grams = bigramsOf(bare);
    const best = new Map<number, TargetMatch>();
    const offer = (name: TargetName, confidence: number, matchedBy: MatchedBy) => {
      const current = best.get(name.targetIndex);
      if (!current || confidence > current.confidence) best.set(name.targetIndex, { target: name.target, confidence, matchedBy });
    };
    for (const name of this.names) {
      const by: MatchedBy = name.canonical ? 'canonical' : 'synonym';
      if (normalized === name.normalized) {
        offer(name, name.canonical ? CONFIDENCE.canonical : CONFIDENCE.synonym, by);
      } else if (bare !== '' && bare === name.bare) {
        offer(name, name.canonical ? CONFIDENCE.canonicalWithoutBrackets : CONFIDENCE.synonymWithoutBrackets, by);
      } else if (sameMeasure(bare, name.bare) && sameQualifiers(bare, name.bare)) {
        const confidence = round3(CONFIDENCE.fuzzyScale * diceOfGrams(grams, name.bigrams));
        if (confidence >= CONFIDENCE.fuzzyThreshold) offer(name, confidence, 'fuzzy');
      }
    }
    return [...best.entries()]
      .sort(([ia, a], [ib, b]) => b.confidence - a.confidence || ia - ib)
      .map(([, m]) => m);
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const indexes = new WeakMap<readonly ColumnTarget[], TargetIndex>();
function indexFor(targets: readonly ColumnTarget[]): TargetIndex {
  let index = indexes.get(targets);
  if (!index) {
    index = new TargetIndex(targets, fieldsOfTargets.get(targets) ?? BUILT_IN_FIELDS);
    indexes.set(targets, index);
  }
  return index;
}

/** Every target one header text could feed, best first. */
export function matchHeader(text: string, targets: readonly ColumnTarget[] = ALL_TARGETS): TargetMatch[] {
  return indexFor(targets).match(text);
}

/** A header column to assign: what to show, and the texts it may be read as (child, parent+child, parent). */
export interface HeaderColumn {
  column: number;
  header: string;
  texts: readonly string[];
}

/** The best reading of a column over its alternative texts, per target. */
function candidatesOf(col: HeaderColumn, index: TargetIndex): TargetMatch[] {
  const best = new Map<string, TargetMatch>();
  for (const text of col.texts) {
    for (const m of index.match(text)) {
      const key = `${m.target.kind}:${m.target.key}`;
      const current = best.get(key);
      if (!current || m.confidence > current.confidence) best.set(key, m);
    }
  }
  return [...best.values()];
}

/**
 * Assigns targets to columns globally, highest confidence first: each target goes to at most one
 * column and each column to at most one target. Ties go to the leftmost column, then to the target
 * listed first. Columns left without a target come back with `target: null` and confidence 0.
 */
export function assignColumns(columns: readonly HeaderColumn[], targets: readonly ColumnTarget[] = ALL_TARGETS): ColumnMapping[] {
  const index = indexFor(targets);
  const order = new Map(targets.map((t, i) => [`${t.kind}:${t.key}`, i]));
  const offers = columns.flatMap((col, position) =>
    candidatesOf(col, index).map((m) => ({ position, match: m, targetOrder: order.get(`${m.target.kind}:${m.target.key}`)! })),
  );
  offers.sort((a, b) => b.match.confidence - a.match.confidence || a.position - b.position || a.targetOrder - b.targetOrder);

  const chosen = new Map<number, TargetMatch>();
  const taken = new Set<number>();
  for (const offer of offers) {
    if (chosen.has(offer.position) || taken.has(offer.targetOrder)) continue;
    chosen.set(offer.position, offer.match);
    taken.add(offer.targetOrder);
  }
  return columns.map((col, position): ColumnMapping => {
    const m = chosen.get(position);
    return m
      ? { column: col.column, header: col.header, target: m.target, confidence: m.confidence, matchedBy: m.matchedBy }
      : { column: col.column, header: col.header, target: null, confidence: 0, matchedBy: 'none' };
  });
}
