/**
 * Part names of an Open Packaging Conventions package (.xlsx): a ZIP entry name is a part name
 * without its leading '/', part names compare case-insensitively, a part's relationships live in
 * `<folder>/_rels/<name>.rels`, and a relationship's target is a URI relative to its source's folder
 * (or absolute, from the package root).
 */
import * as path from 'node:path';

/** The key a part is looked up by: no leading '/', lower case (part names are case-insensitive). */
export function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

/** The relationships part of a part ('' is the package itself: `_rels/.rels`). */
export function relsPartOf(part: string): string {
  const dir = path.posix.dirname(part);
  const base = path.posix.basename(part);
  return part === '' ? '_rels/.rels' : `${dir === '.' ? '' : `${dir}/`}_rels/${base}.rels`;
}

/** The part whose relationships a `.rels` part holds ('' for the package), or null if it is not one. */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(?:(.*)\/)?_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return null;
  return m[1] ? `${m[1]}/${m[2]}` : m[2];
}

/** The part a relationship of `source` points to (its target decoded and resolved), without leading '/'. */
export function resolveTarget(source: string, target: string): string {
  let t = target.replace(/#.*$/, '');
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded after all: the name as written
  }
  const base = t.startsWith('/') ? '' : path.posix.dirname(source);
  return path.posix.normalize(path.posix.join('/', base === '.' ? '' : base, t)).replace(/^\/+/, '');
}

/** A target for a relationship from `source` to `part`, relative as Excel writes them. */
export function relativeTarget(source: string, part: string): string {
  const dir = path.posix.dirname(source);
  // Both rooted, so the answer never depends on the process's working folder.
  return path.posix.relative(`/${dir === '.' ? '' : dir}`, `/${part}`);
}
