/**
 * A `.rels` part: read its relationships, and edit it by removing some and appending others, the
 * rest of its text left as it was.
 */
import { applySplices, attributes, closingTagAt, escapeAttr, findElement, findElements, rootPrefix, type Splice } from './xml';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  start: number;
  end: number;
}

export interface NewRelationship {
  id: string;
  type: string;
  target: string;
}

export function parseRelationships(xml: string): Relationship[] {
  const p = rootPrefix(xml);
  return findElements(xml, `${p}Relationship`).map((el) => {
    const a = attributes(el.startTag);
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '', external: a.get('TargetMode') === 'External', start: el.start, end: el.end };
  });
}

/** The last segment of a relationship type: `worksheet`, `styles`, `calcChain`, … (transitional or strict URIs alike). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/** Ids not yet used in the part: rId<n> after the highest numbered one. */
export function freshIds(used: Iterable<string>, count: number): string[] {
  const taken = new Set(used);
  let n = 0;
  for (const id of taken) n = Math.max(n, Number(/^rId(\d+)$/.exec(id)?.[1] ?? 0));
  const ids: string[] = [];
  while (ids.length < count) {
    const id = `rId${++n}`;
    if (!taken.has(id)) ids.push(id);
  }
  return ids;
}

/** The part with the relationships whose ids are in `remove` taken out and `add` appended. */
export function editRelationships(xml: string, remove: ReadonlySet<string>, add: readonly NewRelationship[]): string {
  const p = rootPrefix(xml);
  const splices: Splice[] = parseRelationships(xml).filter((r) => remove.has(r.id)).map((r) => ({ start: r.start, end: r.end, text: '' }));
  if (add.length) {
    const root = findElement(xml, `${p}Relationships`);
    if (!root) throw new Error('工作簿的关系部件（.rels）缺少 Relationships 元素');
    const text = add.map((r) => `<${p}Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`).join('');
    splices.push(root.inner === null ? { start: root.start, end: root.end, text: `${root.startTag.replace(/\s*\/>$/, '>')}${text}</${p}Relationships>` } : { start: closingTagAt(root), end: closingTagAt(root), text });
  }
  return applySplices(xml, splices);
}
