/**
 * Just enough XML to edit a package part in place: find an element's span, read and set a start
 * tag's attributes, escape text, splice edits. The parts edited this way (workbook.xml, its
 * relationships, [Content_Types].xml, styles.xml) are written by spreadsheet applications, flat and
 * regular; editing their text — rather than parsing and re-serialising them — leaves every byte we
 * do not mean to change as it was.
 */

/** An element found in a part: its span, its start tag and what is between its tags (null when self-closing). */
export interface XmlElement {
  start: number;
  end: number;
  startTag: string;
  inner: string | null;
  /** Offset of `inner` in the part (the end of the start tag). */
  innerStart: number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A start tag: the name, then attributes whose quoted values may hold '>'. */
const startTagRe = (qname: string) => new RegExp(`<${escapeRe(qname)}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>`, 'g');

/**
 * The elements named `qname` (prefix included) between `from` and `to`, in order. Only for
 * elements that never contain an element of their own name (sheet, definedName, font, xf, …).
 */
export function findElements(xml: string, qname: string, from = 0, to = xml.length): XmlElement[] {
  const found: XmlElement[] = [];
  const re = startTagRe(qname);
  re.lastIndex = from;
  const close = `</${qname}`;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const innerStart = m.index + m[0].length;
    if (m[1] === '/') {
      found.push({ start: m.index, end: innerStart, startTag: m[0], inner: null, innerStart });
      continue;
    }
    const closeAt = xml.indexOf(close, innerStart);
    if (closeAt < 0) throw new Error(`XML 不完整：<${qname}> 没有结束标记`);
    const end = xml.indexOf('>', closeAt) + 1;
    found.push({ start: m.index, end, startTag: m[0], inner: xml.slice(innerStart, closeAt), innerStart });
    re.lastIndex = end;
  }
  return found;
}

export function findElement(xml: string, qname: string, from = 0, to = xml.length): XmlElement | null {
  return findElements(xml, qname, from, to)[0] ?? null;
}

/** The root element's namespace prefix with its colon (`x:`), or '' for a default namespace. */
export function rootPrefix(xml: string): string {
  const m = /<(?![?!])(?:([\w.-]+):)?[\w.-]+[\s/>]/.exec(xml);
  return m?.[1] ? `${m[1]}:` : '';
}

/** The root start tag. */
export function rootTag(xml: string): string {
  return /<(?![?!])[\w.:-]+(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(xml)?.[0] ?? '';
}

/** The namespace the root declares for `prefix` (without colon; '' for the default namespace). */
export function namespaceOf(xml: string, prefix: string): string | undefined {
  const attrs = attributes(rootTag(xml));
  return attrs.get(prefix ? `xmlns:${prefix}` : 'xmlns');
}

/** The prefix (without colon) the root binds to one of `uris`, if any. */
export function prefixFor(xml: string, uris: readonly string[]): string | undefined {
  for (const [name, value] of attributes(rootTag(xml))) {
    if (name.startsWith('xmlns:') && uris.includes(value)) return name.slice(6);
  }
  return undefined;
}

/** A start tag's attributes, values unescaped, names as written (with prefix). */
export function attributes(startTag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const body = startTag.replace(/^<[\w.:-]+/, '');
  for (let m = re.exec(body); m; m = re.exec(body)) out.set(m[1], unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** A start tag with one attribute's value replaced (or the attribute added before the tag's end). */
export function setAttribute(startTag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${escapeRe(name)}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(startTag)) return startTag.replace(re, (_all, lead: string) => `${lead}"${escapeAttr(value)}"`);
  return startTag.replace(/\s*(\/?)>$/, (_all, slash: string) => ` ${name}="${escapeAttr(value)}"${slash}>`);
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (_all, hex?: string, dec?: string, named?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as 'lt'];
  });
}

/** A replacement of xml[start, end) by text. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices (in any order) to a text. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('内部错误：XML 编辑区间重叠');
    out += xml.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + xml.slice(at);
}

/** Where the closing tag of a container element starts, to insert children at its end. */
export function closingTagAt(element: XmlElement): number {
  if (element.inner === null) throw new Error('内部错误：自闭合元素没有结束标记');
  return element.innerStart + element.inner.length;
}
