/**
 * xl/styles.xml, edited only by appending: a cell refers to its style by position in cellXfs (and a
 * style to its font, fill and border by position), so records are only ever added at the end of
 * their lists — every existing style keeps its index and its content. A record identical to one
 * already there is reused instead of added again, so scoring the same workbook twice does not grow
 * the part.
 */
import { applySplices, attributes, escapeAttr, findElement, findElements, rootPrefix, setAttribute, type XmlElement } from './xml';

/** The styleSheet's lists, in the order the schema requires them. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type List = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellStyleXfs' | 'cellXfs';
const RECORD: Record<List, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellStyleXfs: 'xf', cellXfs: 'xf' };

/** Excel's built-in number formats that the output sheets use: no numFmt record needed. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

/** A part with none of the lists needs their first records: what index 0 means everywhere. */
const FIRST_RECORDS: Record<Exclude<List, 'numFmts'>, (p: string) => string> = {
  fonts: (p) => `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`,
  // Fills 0 and 1 are reserved by Excel (none, gray125).
  fills: (p) => `<${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
  borders: (p) => `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`,
  cellStyleXfs: (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`,
  cellXfs: (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
};

/** A styles part to start from when the package has none. */
export function emptyStyleSheet(mainNamespace: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${escapeAttr(mainNamespace)}"></styleSheet>`;
}

export class StyleSheetText {
  /** Prefix of the part's elements, with its colon. */
  readonly p: string;
  private xml: string;

  constructor(xml: string) {
    this.xml = xml;
    this.p = rootPrefix(xml);
  }

  get text(): string {
    return this.xml;
  }

  /** The records of a list, as written. */
  records(list: List): string[] {
    const el = this.list(list);
    if (!el || el.inner === null) return [];
    return findElements(this.xml, `${this.p}${RECORD[list]}`, el.innerStart, el.innerStart + el.inner.length).map((r) => this.xml.slice(r.start, r.end));
  }

  /** The index of `record` in `list`: an identical record's, or a new one appended at the end. */
  add(list: Exclude<List, 'numFmts'>, record: string): number {
    this.ensure(list);
    const existing = this.records(list);
    const found = existing.indexOf(record);
    if (found >= 0) return found;
    this.append(list, record, existing.length + 1);
    return existing.length;
  }

  /** The id of a number format: built in, an existing record with that code, or a new record. */
  numFmt(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let max = 163; // custom formats start at 164
    for (const r of this.records('numFmts')) {
      const a = attributes(r);
      const id = Number(a.get('numFmtId'));
      if (a.get('formatCode') === code) return id;
      if (Number.isFinite(id)) max = Math.max(max, id);
    }
    this.ensure('numFmts');
    this.append('numFmts', `<${this.p}numFmt numFmtId="${max + 1}" formatCode="${escapeAttr(code)}"/>`, this.records('numFmts').length + 1);
    return max + 1;
  }

  private list(list: List): XmlElement | null {
    const root = findElement(this.xml, `${this.p}styleSheet`);
    return root ? findElement(this.xml, `${this.p}${list}`, root.innerStart) : null;
  }

  /** Creates a missing list where the schema puts it, with the records index 0 stands for. */
  ensure(list: List): void {
    if (this.list(list)) return;
    const root = findElement(this.xml, `${this.p}styleSheet`);
    if (!root) throw new Error('工作簿的 styles.xml 缺少 styleSheet 元素');
    const open = root.inner === null ? root.startTag.replace(/\s*\/>$/, '>') : root.startTag;
    if (root.inner === null) this.xml = applySplices(this.xml, [{ start: root.start, end: root.end, text: `${open}</${this.p}styleSheet>` }]);
    const innerStart = root.start + open.length;
    const innerEnd = this.xml.indexOf(`</${this.p}styleSheet`, innerStart);
    let at = innerEnd;
    for (const later of ORDER.slice(ORDER.indexOf(list) + 1)) {
      const el = findElement(this.xml, `${this.p}${later}`, innerStart, innerEnd);
      if (el) {
        at = el.start;
        break;
      }
    }
    const first = list === 'numFmts' ? '' : FIRST_RECORDS[list](this.p);
    const count = list === 'numFmts' ? 0 : list === 'fills' ? 2 : 1;
    this.xml = applySplices(this.xml, [{ start: at, end: at, text: `<${this.p}${list} count="${count}">${first}</${this.p}${list}>` }]);
  }

  /** Appends a record at the end of a list and keeps its count attribute (if it has one) true. */
  private append(list: List, record: string, count: number): void {
    const el = this.list(list)!;
    const open = el.inner === null ? el.startTag.replace(/\s*\/>$/, '>') : el.startTag;
    const tag = attributes(open).has('count') ? setAttribute(open, 'count', String(count)) : open;
    if (el.inner === null) {
      this.xml = applySplices(this.xml, [{ start: el.start, end: el.end, text: `${tag}${record}</${this.p}${list}>` }]);
      return;
    }
    const closing = el.innerStart + el.inner.length;
    this.xml = applySplices(this.xml, [
      { start: el.start, end: el.innerStart, text: tag },
      { start: closing, end: closing, text: record },
    ]);
  }
}

/** A record's child elements without those named (e.g. drop `<b/>` from a font to make it bold anew). */
export function withoutChildren(record: string, p: string, names: readonly string[]): string {
  let out = record;
  for (const name of names) out = out.replace(new RegExp(`<${p}${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</${p}${name}>)`, 'g'), '');
  return out;
}

/** A record with children inserted right after its start tag (a self-closing record gets a body). */
export function withChildren(record: string, children: string): string {
  const m = /^<([\w.:-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/.exec(record);
  if (!m) return record;
  if (m[2] === '/') return `${m[0].replace(/\s*\/>$/, '>')}${children}</${m[1]}>`;
  return `${m[0]}${children}${record.slice(m[0].length)}`;
}
