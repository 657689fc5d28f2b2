/**
 * Which parts go with the sheets taken out: those reachable through relationships from a removed
 * sheet (its drawings, charts, comments, tables, printer settings, …) and from no part that stays.
 * A part the analyst's own parts still use — a pivot cache a removed pivot table shared, an image
 * another drawing shows — stays; so does a part nothing refers to at all, which is not ours to
 * judge. A removed part's own `.rels` part goes with it.
 */
import { relsPartOf } from './partNames';

/** Part key → the part keys its relationships point to (internal targets only). */
export type PartLinks = ReadonlyMap<string, readonly string[]>;

function reach(links: PartLinks, from: Iterable<string>, within?: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    const part = stack.pop()!;
    for (const next of links.get(part) ?? []) {
      if (seen.has(next) || (within && !within.has(next))) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

/**
 * @param links every part's relationships, the workbook's without those to the removed sheets
 * @param parts every part key of the archive (`.rels` parts included)
 * @param removed the keys of the parts removed outright (the sheets replaced)
 */
export function partsToRemove(links: PartLinks, parts: ReadonlySet<string>, removed: readonly string[]): Set<string> {
  const candidates = new Set([...removed, ...reach(links, removed)]);
  const staying = [''].concat([...parts].filter((p) => !candidates.has(p)));
  const stillUsed = reach(links, staying, candidates);
  const out = new Set<string>();
  for (const p of candidates) {
    if (stillUsed.has(p) || !parts.has(p)) continue;
    out.add(p);
    const rels = relsPartOf(p).toLowerCase();
    if (parts.has(rels)) out.add(rels);
  }
  return out;
}
