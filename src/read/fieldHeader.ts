/**
 * Header detection and column matching for a table whose fields are given by the caller (海安's
 * person ledger and per-town table, the seed policies' tables of `hs-score circle|share|equipment`).
 * The header is found by scanHeader (src/read/headerRow.ts), as every ledger's is; matching scores as
 * src/read/columnMatch.ts does (normalised text, canonical name 1, synonym 0.9, close wording ≤ 0.8,
 * best-first global assignment), over the caller's field list instead of the Heshan rubric's.
 */
import type { SheetGrid } from '../ledger/types';
import { CONFIDENCE, diceCoefficient } from './columnMatch';
import { normalizeHeader, withoutBrackets } from './headerText';
import { scanHeader } from './headerRow';

export interface HeaderFieldDef<K extends string> {
  key: K;
  /** Canonical Chinese header. */
  zh: string;
  synonyms: readonly string[];
  /** Several columns may feed this field (跟踪服务日期 under 1月, 2月, 3月). */
  multi?: boolean;
}

export type MatchedBy = 'canonical' | 'synonym' | 'fuzzy' | 'manual' | 'none';

export interface MappedColumn<K extends string> {
  /** 0-based column. */
  column: number;
  /** The header as read; a two-row header as `上/下`. */
  header: string;
  key: K | null;
  confidence: number;
  matchedBy: MatchedBy;
}

export interface FieldHeader<K extends string> {
  sheet: string;
  /** 0-based header rows (none when no header was found). */
  headerRows: number[];
  /** 0-based first data row. */
  firstDataRow: number;
  columns: MappedColumn<K>[];
  /** Sum of the mapped columns' confidences. */
  score: number;
}

/** Column overrides from the analyst: field → 0-based column, or null to leave the field unmapped. */
export type ColumnOverrides<K extends string> = Partial<Record<K, number | null>>;

interface Candidate<K extends string> {
  key: K;
  confidence: number;
  matchedBy: Exclude<MatchedBy, 'manual' | 'none'>;
}

interface NameEntry<K extends string> {
  key: K;
  canonical: boolean;
  normalized: string;
  bare: string;
}

const nameCache = new WeakMap<readonly HeaderFieldDef<string>[], NameEntry<string>[]>();
function namesOf<K extends string>(defs: readonly HeaderFieldDef<K>[]): NameEntry<K>[] {
  let names = nameCache.get(defs) as NameEntry<K>[] | undefined;
  if (!names) {
    names = defs.flatMap((d) =>
      [d.zh, ...d.synonyms].map((text, i) => {
        const normalized = normalizeHeader(text);
        return { key: d.key, canonical: i === 0, normalized, bare: withoutBrackets(normalized) };
      }),
    );
    nameCache.set(defs, names as NameEntry<string>[]);
  }
  return names;
}

/** Every field a header text could feed, best first, one entry per field. */
export function matchHeaderText<K extends string>(text: string, defs: readonly HeaderFieldDef<K>[]): Candidate<K>[] {
  const normalized = normalizeHeader(text);
  if (normalized === '') return [];
  const bare = withoutBrackets(normalized);
  const best = new Map<K, Candidate<K>>();
  const offer = (c: Candidate<K>) => {
    const current = best.get(c.key);
    if (!current || c.confidence > current.confidence) best.set(c.key, c);
  };
  for (const name of namesOf(defs)) {
    const by = name.canonical ? 'canonical' : 'synonym';
    if (normalized === name.normalized) {
      offer({ key: name.key, confidence: name.canonical ? CONFIDENCE.canonical : CONFIDENCE.synonym, matchedBy: by });
    } else if (bare !== '' && bare === name.bare) {
      offer({ key: name.key, confidence: name.canonical ? CONFIDENCE.canonicalWithoutBrackets : CONFIDENCE.synonymWithoutBrackets, matchedBy: by });
    } else if (bare !== '' && name.bare !== '') {
      const confidence = Math.round(CONFIDENCE.fuzzyScale * diceCoefficient(bare, name.bare) * 1000) / 1000;
      if (confidence >= CONFIDENCE.fuzzyThreshold) offer({ key: name.key, confidence, matchedBy: 'fuzzy' });
    }
  }
  const order = new Map(defs.map((d, i) => [d.key, i]));
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || order.get(a.key)! - order.get(b.key)!);
}

interface HeaderColumn {
  column: number;
  header: string;
  /** Readings of the column: the sub-header, group title + sub-header, or the title alone. */
  texts: readonly string[];
}

/** Best-first global assignment: each field to one column (several for a multi field), each column to one field. */
function assign<K extends string>(columns: HeaderColumn[], defs: readonly HeaderFieldDef<K>[]): MappedColumn<K>[] {
  const order = new Map(defs.map((d, i) => [d.key, i]));
  const candidates = columns.map((col) => {
    const best = new Map<K, Candidate<K>>();
    for (const text of col.texts) {
      for (const c of matchHeaderText(text, defs)) {
        const current = best.get(c.key);
        if (!current || c.confidence > current.confidence) best.set(c.key, c);
      }
    }
    return [...best.values()];
  });
  const offers = candidates.flatMap((list, position) => list.map((c) => ({ position, c })));
  offers.sort((a, b) => b.c.confidence - a.c.confidence || a.position - b.position || order.get(a.c.key)! - order.get(b.c.key)!);
  const chosen = new Map<number, Candidate<K>>();
  const taken = new Set<K>();
  for (const { position, c } of offers) {
    if (chosen.has(position) || taken.has(c.key)) continue;
    chosen.set(position, c);
    taken.add(c.key);
  }
  // A multi field also takes the columns left over that read as it by name (not by a close wording).
  const multi = new Set(defs.filter((d) => d.multi).map((d) => d.key));
  candidates.forEach((list, position) => {
    if (chosen.has(position)) return;
    const c = list.find((m) => multi.has(m.key) && m.confidence >= CONFIDENCE.synonymWithoutBrackets);
    if (c) chosen.set(position, c);
  });
  return columns.map((col, position) => {
    const c = chosen.get(position);
    return c
      ? { column: col.column, header: col.header, key: c.key, confidence: c.confidence, matchedBy: c.matchedBy }
      : { column: col.column, header: col.header, key: null, confidence: 0, matchedBy: 'none' };
  });
}

/**
 * The header among the first rows (below title rows) that maps the most fields, and each column's
 * field; then the analyst's overrides. No header (no rows, no columns) when fewer than two columns
 * match anything.
 */
export function detectFieldHeader<K extends string>(
  grid: SheetGrid,
  defs: readonly HeaderFieldDef<K>[],
  overrides: ColumnOverrides<K> = {},
): FieldHeader<K> {
  // The header is found as every ledger's is (src/read/headerRow.ts); only the fields differ. A
  // two-row column may also be named by its group title alone (人员类别 over its sub-columns).
  const found = scanHeader(grid, (located) => {
    const columns = assign(located.map(withGroupTitle), defs);
    const mapped = columns.filter((c) => c.key !== null);
    return { reading: columns, score: mapped.length >= 2 ? mapped.reduce((s, c) => s + c.confidence, 0) : 0 };
  });
  if (!found) return withOverrides({ sheet: grid.name, headerRows: [], firstDataRow: 0, columns: [], score: 0 }, overrides);
  return withOverrides({ sheet: grid.name, headerRows: found.headerRows, firstDataRow: found.firstDataRow, columns: found.reading, score: found.score }, overrides);
}

/** A two-row column's texts are [sub-header, title + sub-header]; add the title alone. */
function withGroupTitle(column: HeaderColumn): HeaderColumn {
  if (column.texts.length !== 2) return column;
  const [child, joined] = column.texts;
  return { ...column, texts: [...column.texts, joined.slice(0, joined.length - child.length)] };
}

function withOverrides<K extends string>(header: FieldHeader<K>, overrides: ColumnOverrides<K>): FieldHeader<K> {
  const entries = Object.entries(overrides) as [K, number | null | undefined][];
  if (entries.length === 0) return header;
  const columns = header.columns.map((c) => ({ ...c }));
  for (const [key, column] of entries) {
    if (column === undefined) continue;
    for (const c of columns) {
      if (c.key === key) Object.assign(c, { key: null, confidence: 0, matchedBy: 'none' as const });
    }
    if (column === null) continue;
    const existing = columns.find((c) => c.column === column);
    if (existing) Object.assign(existing, { key, confidence: 1, matchedBy: 'manual' as const });
    else columns.push({ column, header: '', key, confidence: 1, matchedBy: 'manual' });
  }
  columns.sort((a, b) => a.column - b.column);
  return { ...header, columns, score: columns.reduce((s, c) => s + c.confidence, 0) };
}

/** The column of a field (the first, for a multi field); null when the field is not mapped. */
export function columnOf<K extends string>(header: FieldHeader<K>, key: K): number | null {
  return header.columns.find((c) => c.key === key)?.column ?? null;
}

/** Every column of a field, left to right. */
export function columnsOf<K extends string>(header: FieldHeader<K>, key: K): number[] {
  return header.columns.filter((c) => c.key === key).map((c) => c.column);
}
