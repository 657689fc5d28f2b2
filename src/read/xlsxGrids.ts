/**
 * A fast, values-only .xlsx reader: workbook bytes → SheetGrid[] without building an exceljs
 * Workbook. A full `workbook.xlsx.load` builds a Row, Cell, style and value object for every
 * cell; a 100,000-row ledger with sixty columns took over 40 s and about 3 GB. Here the sheet XML
 * is scanned directly, row by row, and only the plain values are kept.
 *
 * The result is meant to be exactly what `gridsFromWorkbook(await loadWorkbook(bytes))` gives, so
 * the small parts (workbook.xml, relationships, shared strings, styles) are parsed by exceljs's
 * own parsers, and each cell follows exceljs's reading rules (its cell parser, its reconcile step
 * and its cell values) before `plainValue`. Whatever this reader does not handle (a part it cannot
 * find, XML it does not expect, a file exceljs itself would reject) throws `XlsxFastUnsupported`,
 * and the caller reads the file the slow way instead, which gives the same grids or the same error.
 */
import { StringDecoder } from 'node:string_decoder';
import { ArchiveRefused, checkDeclaredSizes, EXCEL_COLUMNS, EXCEL_ROWS, isLyingPart, refuseLyingPart } from './archiveGuard';
import type { CellValue, MergedRange, SheetGrid } from '../ledger/types';
import { ZipArchive, ZipUnreadable, type ZipPart } from './zipArchive';
import { attributeEnds, columnIn, PLAIN_DATE, PLAIN_NUMBER, plainAttribute, skipSpaces, type AttributeSpan, type DateStyles, type PlainCells } from './plainRows';
import { SCAN_WORKER_FILE, ScanThread, type ThreadCells } from './scanThread';
import { internalLinksInstalled } from '../output/internalLinks';

/** The fast reader cannot read this file exactly as exceljs would: read it with exceljs. */
export class XlsxFastUnsupported extends Error {}

const unsupported = (why: string): never => {
  throw new XlsxFastUnsupported(why);
};

/* ---------- exceljs parts (not part of its typed API) ---------- */

interface Xform<T> {
  parse(events: AsyncIterable<unknown>): Promise<T>;
  parseStream(stream: AsyncIterable<string>): Promise<T>;
}
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
}
interface WorkbookModel {
  sheets?: { name: string; id: number; rId: string; state?: string }[];
  properties?: { date1904?: boolean };
}
interface RichTextValue {
  richText: { text?: string }[];
}
interface SharedStrings extends Xform<unknown> {
  getString(index: number): string | RichTextValue | undefined;
}
interface Styles extends Xform<unknown> {
  getStyleModel(id: number): { numFmt?: string } | null;
}
interface ExcelUtils {
  xmlDecode(text: string): string;
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: unknown, date1904?: boolean): Date;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform') as new () => Xform<WorkbookModel>;
const RelationshipsXform = require('exceljs/lib/xlsx/xform/core/relationships-xform') as new () => Xform<Relationship[]>;
const SharedStringsXform = require('exceljs/lib/xlsx/xform/strings/shared-strings-xform') as new () => SharedStrings;
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform') as new () => Styles;
const utils = require('exceljs/lib/utils/utils') as ExcelUtils;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Text in 16 KiB pieces, as exceljs feeds its parsers. */
async function parsePart<T>(xform: Xform<T>, text: string): Promise<T> {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 16 * 1024) pieces.push(text.substring(i, i + 16 * 1024));
  return xform.parseStream((async function* () {
    yield* pieces;
  })());
}

/* ---------- The workbook ---------- */

/**
 * Every worksheet of an .xlsx (a file's path, or its bytes) as a grid, in workbook order; throws
 * XlsxFastUnsupported to ask for the slow way, ArchiveRefused for an archive over the limits.
 */
export async function fastXlsxGrids(source: string | Buffer, label = '工作簿', reading: Partial<SheetReading> = {}): Promise<SheetGrid[]> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(source);
  } catch (err) {
    throw err instanceof ZipUnreadable ? new XlsxFastUnsupported(err.message) : err;
  }
  try {
    return await readWorkbook(zip, label, { ...DEFAULT_READING, ...reading });
  } catch (err) {
    if (err instanceof ZipUnreadable) throw new XlsxFastUnsupported(err.message);
    throw err;
  } finally {
    zip.close();
  }
}

/** How sheets are read; tests change it to send small workbooks through the scan thread. */
export interface SheetReading {
  /** Row data is scanned in pieces of about this many characters, cut at a row's end. */
  pieceChars: number;
  /** A sheet part at least this large (inflated bytes) has its plain pieces read on the scan thread. */
  threadFrom: number;
  /** The compiled scan thread (scanThread.ts). */
  workerFile: string;
  /** Counts of the pieces of threaded sheets read there and here (the thread handed them back). */
  tally?: { thread: number; here: number };
}

export const DEFAULT_READING: SheetReading = {
  pieceChars: 4 * 1024 * 1024,
  // About 100,000 cells: below that, starting the thread costs more than it saves.
  threadFrom: 16 * 1024 * 1024,
  workerFile: SCAN_WORKER_FILE,
};

async function readWorkbook(zip: ZipArchive, label: string, reading: SheetReading): Promise<SheetGrid[]> {
  const parts = new Map<string, ZipPart>();
  for (const part of zip.parts()) {
    if (part.name.endsWith('/')) continue;
    // exceljs drops a leading slash; a name twice is not something it reads predictably.
    const name = part.name[0] === '/' ? part.name.slice(1) : part.name;
    if (parts.has(name)) unsupported(`重复的条目 ${name}`);
    parts.set(name, part);
  }
  checkDeclaredSizes([...parts.values()], label);
  const text = async (name: string): Promise<string | null> => {
    const part = parts.get(name);
    if (!part) return null;
    try {
      return await zip.text(part.name);
    } catch (err) {
      if (isLyingPart(err)) refuseLyingPart(label, part, name, err);
      throw err;
    }
  };

  const workbookXml = (await text('xl/workbook.xml')) ?? unsupported('没有 xl/workbook.xml');
  const relsXml = (await text('xl/_rels/workbook.xml.rels')) ?? unsupported('没有 xl/_rels/workbook.xml.rels');
  const workbook = await parsePart(new WorkbookXform(), workbookXml);
  const rels = new Map((await parsePart(new RelationshipsXform(), relsXml)).map((rel) => [rel.Id, rel]));

  let sharedStrings: SharedStrings | null = null;
  const sst = await text('xl/sharedStrings.xml');
  if (sst !== null) {
    sharedStrings = new SharedStringsXform();
    await parsePart(sharedStrings, sst);
  }
  let styles: Styles | null = null;
  const stylesXml = await text('xl/styles.xml');
  if (stylesXml !== null) {
    styles = new StylesXform();
    await parsePart(styles, stylesXml);
  }
  let thread: ScanThread | null | undefined;
  const context: BookContext = {
    sharedStrings,
    styles,
    date1904: workbook.properties?.date1904,
    internalLinks: internalLinksInstalled(),
    reading,
    scanThread: () => (thread === undefined ? (thread = ScanThread.start(dateStyleTable(styles), PIECES_AHEAD + 1, cellsInPiece(reading.pieceChars), reading.workerFile)) : thread),
  };

  // exceljs reads xl/worksheets/sheetN.xml parts and their xl/worksheets/_rels/sheetN.xml.rels.
  const sheetParts = new Map<string, string>(); // part name → N
  for (const name of parts.keys()) {
    const match = name.match(/xl\/worksheets\/sheet(\d+)[.]xml/);
    if (match) sheetParts.set(name, match[1]);
  }
  const relsOf = new Map<string, string>(); // N → rels part name
  for (const name of parts.keys()) {
    if (sheetParts.has(name)) continue;
    const match = name.match(/xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/);
    if (match) relsOf.set(match[1], name);
  }

  const grids: SheetGrid[] = [];
  try {
    for (const sheet of workbook.sheets ?? []) {
      const rel = rels.get(sheet.rId);
      if (!rel) continue;
      const partName = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
      const sheetNo = sheetParts.get(partName);
      if (sheetNo === undefined) continue; // a chartsheet, or a part exceljs does not read
      const relsPart = relsOf.get(sheetNo);
      const sheetRels = relsPart ? await parsePart(new RelationshipsXform(), (await text(relsPart))!) : [];
      const part = parts.get(partName)!;
      const chunks = async (): Promise<AsyncIterable<Buffer>> => (await zip.stream(part.name))!;
      try {
        grids.push(await readSheet(sheet.name, part.size, chunks, sheetRels, context));
      } catch (err) {
        if (isLyingPart(err)) refuseLyingPart(label, part, partName, err);
        throw err;
      }
    }
  } finally {
    await thread?.close();
  }
  return grids;
}

interface BookContext {
  sharedStrings: SharedStrings | null;
  styles: Styles | null;
  date1904: boolean | undefined;
  internalLinks: boolean;
  reading: SheetReading;
  /** The workbook's scan thread, started when a sheet first needs it; null when it cannot run. */
  scanThread: () => ScanThread | null;
}

/* ---------- XML text ---------- */

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data as an XML parser reports it: line ends normalised, entities replaced. */
function xmlText(raw: string): string {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (text.includes('&')) {
    // An entity this reader does not know (a DTD's): leave the file to exceljs.
    if (UNKNOWN_ENTITY.test(text)) unsupported('未知的 XML 实体');
    text = text.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      name ? NAMED[name] : String.fromCodePoint(parseInt(hex ?? dec!, hex ? 16 : 10)),
    );
  }
  return text;
}
const UNKNOWN_ENTITY = /&(?!(?:#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);)/;

/** A string kept in a grid, copied out of the large chunk it was cut from so the chunk can be freed. */
function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m; m = ATTRIBUTE.exec(source)) {
    const value = m[2] ?? m[3];
    out[m[1]] = value.includes('&') ? xmlText(value) : value;
  }
  return out;
}

interface CellAttributes {
  r?: string;
  /** Where r's value is in the text when the attributes were read plainly: `r` is made from it only when needed. */
  rFrom?: number;
  rTo?: number;
  /** The style index (NaN when it is not a number, as parseInt would say). */
  s?: number;
  t?: string;
}

/** A cell's r, s and t from any well-formed attribute text (quotes of either kind, entities, spaces around `=`). */
function parsedCellAttributes(source: string): CellAttributes {
  const a = attributes(source);
  return { r: a.r, s: a.s !== undefined ? parseInt(a.s, 10) : undefined, t: a.t };
}

/** The values of `t` every spreadsheet program writes, kept as constants so that reading one allocates nothing. */
const CELL_TYPES: ReadonlyMap<string, string> = new Map(['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd'].map((t) => [t, t]));

/**
 * A cell's r, s and t read from `text[from, to)` in one pass, when the attributes are written plainly
 * (name="value" separated by single spaces, no entities), as every spreadsheet program writes them;
 * null when they are not, for parsedCellAttributes to read. A million-row sheet has tens of millions
 * of cells: a regex, a substring per part and an object per cell are most of its reading time.
 */
function plainCellAttributes(text: string, from: number, to: number, into: CellAttributes): boolean {
  into.r = undefined;
  into.rFrom = undefined;
  into.rTo = undefined;
  into.s = undefined;
  into.t = undefined;
  for (let i = skipSpaces(text, from, to); i < to; i = skipSpaces(text, i, to)) {
    i = plainAttribute(text, i, to, span);
    if (i < 0 || !attributeEnds(text, i, to)) return false;
    if (span.nameEnd - span.nameStart !== 1) continue;
    const name = text.charCodeAt(span.nameStart);
    if (name === 114 /* r */) {
      into.rFrom = span.valueStart;
      into.rTo = span.valueEnd;
    } else if (name === 115 /* s */) into.s = styleIndex(text, span.valueStart, span.valueEnd);
    else if (name === 116 /* t */) into.t = cellType(text, span.valueStart, span.valueEnd);
  }
  return true;
}
const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** A cell's `t` from `text[from, to)`: the one-letter types without a substring. */
function cellType(text: string, from: number, to: number): string {
  if (to - from === 1) {
    const t = ONE_LETTER_TYPES[text.charCodeAt(from) - 97];
    if (t !== undefined) return t;
  }
  const t = text.substring(from, to);
  return CELL_TYPES.get(t) ?? t;
}
/** 'b', 'd', 'e', 'n' and 's' by their letter's place in the alphabet. */
const ONE_LETTER_TYPES: readonly (string | undefined)[] = Array.from({ length: 26 }, (_x, i) => CELL_TYPES.get(String.fromCharCode(97 + i)));

/** parseInt(text.substring(from, to), 10) for a style index, without the substring. */
function styleIndex(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || i - from > 9) return parseInt(text.substring(from, to), 10);
    n = n * 10 + digit;
  }
  return to > from ? n : NaN;
}

/** 0-based column of an A1 reference's letters, or -1. */
const columnOf = (ref: string): number => columnIn(ref, 0, ref.length);

/** A cell's own column, however its attributes were read; undefined when it has no reference. */
function cellColumn(text: string, a: CellAttributes): number | undefined {
  if (a.rFrom !== undefined) return columnIn(text, a.rFrom, a.rTo!);
  return a.r === undefined ? undefined : columnOf(a.r);
}

/** A cell's reference as text (for a link, a shared formula, a message); undefined when it has none. */
const cellRef = (text: string, a: CellAttributes): string | undefined => a.r ?? (a.rFrom !== undefined ? text.substring(a.rFrom, a.rTo) : undefined);

/** 0-based row and column of an A1 reference such as `B7` or `$B$7`. */
function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  const col = columnOf(m[1]);
  const row = parseInt(m[2], 10) - 1;
  return col < 0 || row < 0 ? null : { row, col };
}

/* ---------- A sheet ---------- */

/** The merges of a sheet, normalised (one-cell merges included: the caller leaves them out of the grid). */
function readMerges(tail: string): MergedRange[] {
  const merges: MergedRange[] = [];
  const block = /<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(tail);
  if (!block) return merges;
  const re = /<mergeCell\b([^>]*?)\/?>/g;
  for (let m = re.exec(block[1]); m; m = re.exec(block[1])) {
    const ref = attributes(m[1]).ref ?? unsupported('合并单元格没有 ref');
    const [a, b = a] = ref.split(':');
    const p = decodeRef(a);
    const q = decodeRef(b);
    if (!p || !q) return unsupported(`无法识别的合并区域 ${ref}`);
    merges.push({ top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) });
  }
  // exceljs refuses overlapping merges ("Cannot merge already merged cells"): let it say so.
  const byColumn = new Map<number, MergedRange[]>();
  for (const m of merges) {
    for (let c = m.left; c <= m.right; c++) {
      const list = byColumn.get(c);
      if (list) list.push(m);
      else byColumn.set(c, [m]);
    }
  }
  for (const list of byColumn.values()) {
    list.sort((x, y) => x.top - y.top);
    for (let i = 1; i < list.length; i++) if (list[i].top <= list[i - 1].bottom) unsupported('合并区域重叠');
  }
  return merges;
}

/** Cell address → hyperlink target, as exceljs's worksheet reconcile builds it. */
function readHyperlinks(tail: string, rels: readonly Relationship[], internalLinks: boolean): Map<string, string> {
  const links = new Map<string, string>();
  const block = /<hyperlinks\b[^>]*>([\s\S]*?)<\/hyperlinks>/.exec(tail);
  if (!block) return links;
  const byId = new Map(rels.map((rel) => [rel.Id, rel]));
  const re = /<hyperlink\b([^>]*?)\/?>/g;
  for (let m = re.exec(block[1]); m; m = re.exec(block[1])) {
    const a = attributes(m[1]);
    const rId = a['r:id'];
    if (rId) {
      const rel = byId.get(rId) ?? unsupported(`超链接的关系 ${rId} 不存在`);
      links.set(a.ref, rel.Target);
    } else if (internalLinks && a.location) {
      links.set(a.ref, `#${a.location}`);
    }
  }
  return links;
}

interface SheetState {
  ctx: BookContext;
  links: Map<string, string>;
  /** Shared formula id → address of its master cell. */
  formulae: Map<string, string>;
  dateStyle: Map<number, boolean>;
}

function isDateStyle(state: SheetState, styleId: number): boolean {
  let known = state.dateStyle.get(styleId);
  if (known === undefined) {
    known = styleIsDate(state.ctx.styles, styleId);
    state.dateStyle.set(styleId, known);
  }
  return known;
}

/** Whether cells of this style read as dates, as exceljs's reconcile decides it. */
function styleIsDate(styles: Styles | null, styleId: number): boolean {
  const style = styles?.getStyleModel(styleId);
  return !!style && utils.isDateFmt(style.numFmt);
}

/** Every style's isDateStyle, for the scan thread (Excel allows 64,000 cell formats). */
function dateStyleTable(styles: Styles | null): DateStyles {
  if (styles === null) return null;
  const flags: number[] = [];
  for (let id = 0; id < 65_536 && styles.getStyleModel(id) !== null; id++) flags.push(styleIsDate(styles, id) ? 1 : 0);
  return Uint8Array.from(flags);
}

/** Whether a character ends a tag's name (what a regex's `\b` after the name would say). */
const endsName = (code: number): boolean => !(code >= 48 && code <= 57) && !(code >= 65 && code <= 90) && !(code >= 97 && code <= 122) && code !== 95 && !Number.isNaN(code);

/**
 * A worksheet part read as it inflates: the rows are scanned piece by piece and never held as one
 * text (Excel's million rows are gigabytes of XML). What follows the rows (merges, hyperlinks) is
 * known only at the end; in the rare sheet with hyperlinks, whose cells read as the link's text,
 * the rows are read a second time with the links known.
 */
async function readSheet(name: string, size: number, open: () => Promise<AsyncIterable<Buffer>>, rels: readonly Relationship[], ctx: BookContext): Promise<SheetGrid> {
  const { pieceChars } = ctx.reading;
  const first = new RowScanner(name, { ctx, links: new Map(), formulae: new Map(), dateStyle: new Map() });
  const thread = size >= ctx.reading.threadFrom ? ctx.scanThread() : null;
  const tail = thread ? await scanBeside(thread, first, await open(), ctx.reading) : await splitSheet(await open(), (text) => first.scan(text), pieceChars);
  const merges = readMerges(tail);
  const links = readHyperlinks(tail, rels, ctx.internalLinks);
  let scanner = first;
  if (links.size > 0) {
    scanner = new RowScanner(name, { ctx, links, formulae: new Map(), dateStyle: new Map() });
    await splitSheet(await open(), (text) => scanner.scan(text), pieceChars);
  }
  return scanner.grid(merges);
}

/** Pieces sent to the scan thread and not yet taken: enough to keep it busy while one is taken. */
const PIECES_AHEAD = 3;
/** Room for the value cells of a piece (each takes at least 21 characters, <c r="A1"><v>1</v></c>) and a quarter more text. */
const cellsInPiece = (pieceChars: number): number => Math.ceil((pieceChars * 1.25) / 21);

/**
 * The sheet's row data read as splitSheet cuts it, each piece's plain cells read on the scan thread
 * and taken by `scanner` in the pieces' order; a piece the thread hands back is scanned here. Should
 * the part fail to inflate, the pieces before the failure are taken first: a sheet's first error is
 * the one a reading on this thread alone would give, though the inflating runs a few pieces ahead.
 */
async function scanBeside(thread: ScanThread, scanner: RowScanner, chunks: AsyncIterable<Buffer>, { pieceChars, tally }: SheetReading): Promise<string> {
  const sent: { text: string; cells: Promise<ThreadCells | null> }[] = [];
  let pieceFailed = false;
  const takeNext = async (): Promise<void> => {
    const { text, cells } = sent.shift()!;
    const plain = await cells;
    if (tally) tally[plain ? 'thread' : 'here']++;
    try {
      if (plain) {
        scanner.takePlain(plain);
        thread.release(plain);
      } else scanner.scan(text);
    } catch (err) {
      pieceFailed = true;
      throw err;
    }
  };
  let tail: string;
  try {
    tail = await splitSheet(
      chunks,
      (text) => {
        sent.push({ text, cells: thread.scan(text) });
        return sent.length > PIECES_AHEAD ? takeNext() : undefined;
      },
      pieceChars,
    );
  } catch (err) {
    if (!pieceFailed) while (sent.length > 0) await takeNext();
    throw err;
  }
  while (sent.length > 0) await takeNext();
  return tail;
}

/**
 * Feeds `onRows` the text inside <sheetData> in pieces that end at a row boundary; returns the
 * text after it (merges, hyperlinks). A sheet without <sheetData> has no rows: all of it is the tail.
 */
export async function splitSheet(chunks: AsyncIterable<Buffer>, onRows: (text: string) => void | Promise<void>, pieceChars = DEFAULT_READING.pieceChars): Promise<string> {
  const END = '</sheetData>';
  const decoder = new StringDecoder('utf8');
  let phase = 'head' as 'head' | 'rows' | 'tail';
  // Text not yet handed on, kept as the chunks came (joined only once per piece: appending to one
  // long string and searching it on every chunk would copy it again and again).
  let parts: string[] = [];
  let length = 0;
  let headChecked = false;
  /** The last characters of the rows' text, where an end tag split across chunks begins. */
  let recent = '';
  const take = (): string => {
    const text = parts.join('');
    parts = [];
    length = 0;
    return text;
  };
  const keep = (text: string) => {
    if (text === '') return;
    parts.push(text);
    length += text.length;
  };
  // The root element must be an unprefixed <worksheet> within the first 4 KB, as exceljs expects.
  const checkHead = (text: string) => {
    if (!text.substring(0, 4096).includes('<worksheet')) unsupported('带前缀的工作表 XML');
    headChecked = true;
  };
  /**
   * Whole rows cut off the front of `rows` in pieces of about pieceChars (one chunk may hold many).
   * What is left is kept for the next chunk; once the rows have ended it is the last piece; once the
   * text has ended without their end (an error follows), every whole row in it is still handed on
   * first, so that its errors come before that one.
   */
  const cutPieces = (rows: string, end: 'more' | 'rowsEnded' | 'textEnded'): string[] => {
    const pieces: string[] = [];
    const least = end === 'textEnded' ? 1 : pieceChars;
    let start = 0;
    while (rows.length - start >= least) {
      const within = rows.lastIndexOf('</row>', start + pieceChars - 6);
      const rowEnd = within >= start ? within : rows.indexOf('</row>', start);
      const cut = rowEnd >= 0 ? rowEnd + 6 : start + rowBoundary(rows.substring(start));
      if (cut <= start) break;
      pieces.push(rows.substring(start, cut));
      start = cut;
    }
    const rest = start === 0 ? rows : rows.substring(start);
    if (end !== 'rowsEnded') keep(rest);
    else if (rest !== '') pieces.push(rest);
    return pieces;
  };
  /** Takes the next text; the pieces of rows it completes. */
  const add = (text: string, final: boolean): readonly string[] => {
    if (phase === 'tail') return keep(text), NONE;
    if (phase === 'head') {
      keep(text);
      if (length < 4096 && !final && !text.includes('>')) return NONE;
      const head = take();
      const start = head.indexOf('<sheetData');
      const close = start < 0 ? -1 : head.indexOf('>', start);
      if (!headChecked && (head.length >= 4096 || close >= 0 || final)) checkHead(head);
      if (close < 0) return keep(head), NONE;
      phase = head[close - 1] === '/' ? 'tail' : 'rows'; // <sheetData/>: no rows
      text = head.substring(close + 1);
      if (phase === 'tail') return keep(text), NONE;
    }
    // Rows: the end tag may be split between the last chunk and this one (joining the two whole
    // would copy every chunk once more).
    const across = (recent + text.substring(0, END.length - 1)).indexOf(END);
    const at = across >= 0 ? across - recent.length : text.indexOf(END);
    recent = text.length >= END.length - 1 ? text.slice(-(END.length - 1)) : (recent + text).slice(-(END.length - 1));
    if (across >= 0 || at >= 0) {
      keep(text);
      const all = take();
      const end = all.length - text.length + at;
      phase = 'tail';
      keep(all.substring(end));
      return cutPieces(all.substring(0, end), 'rowsEnded');
    }
    keep(text);
    if (length < pieceChars && !final) return NONE;
    return cutPieces(take(), final ? 'textEnded' : 'more');
  };
  // onRows may ask the reading to wait (the scan thread's pieces not yet taken).
  const handOn = async (pieces: readonly string[]): Promise<void> => {
    for (const piece of pieces) {
      const wait = onRows(piece);
      if (wait) await wait;
    }
  };
  for await (const chunk of chunks) {
    const pieces = add(decoder.write(chunk), false);
    if (pieces.length > 0) await handOn(pieces);
  }
  await handOn(add(decoder.end(), true));
  if (phase === 'rows') unsupported('sheetData 未结束');
  return take();
}

const NONE: readonly string[] = [];

/** Where the text can be cut between rows: after the last </row>, or before the last row that starts. */
function rowBoundary(text: string): number {
  const end = text.lastIndexOf('</row>');
  if (end >= 0) return end + 6;
  for (let i = text.lastIndexOf('<row'); i > 0; i = text.lastIndexOf('<row', i - 1)) {
    if (/[\s>/]/.test(text[i + 4] ?? '')) return i;
  }
  return 0;
}

/** The grid of one sheet, built as its row data is scanned. */
class RowScanner {
  private readonly rows: CellValue[][] = [];
  /** Last row holding a cell exceljs counts as a value. */
  private lastRow = -1;
  private row: CellValue[] | null = null;
  private r = -1;
  private rowCounts = false;
  private previousCol = -1;
  /** Reused for every plainly written cell: readCell keeps nothing of it. */
  private readonly attributes: CellAttributes = {};

  constructor(
    private readonly name: string,
    private readonly state: SheetState,
  ) {}

  private endRow(): void {
    const row = this.row;
    if (row === null) return;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    if (this.rowCounts || row.length > 0) {
      // Filled cell by cell, the array grew to as much as twice its length; a million rows keep it.
      this.rows[this.r] = row.length > 8 ? row.slice() : row;
      if (this.r > this.lastRow) this.lastRow = this.r;
    }
    this.row = null;
  }

  scan(text: string): void {
    if (text.includes('<![CDATA[') || text.includes('<!--')) unsupported('工作表中有 CDATA 或注释');
    // The tags that matter are <row …> and <c …>; a cell's own content is taken with the cell.
    for (let p = text.indexOf('<'); p >= 0; p = text.indexOf('<', p)) {
      const next = text.charCodeAt(p + 1);
      if (next === 99 /* c */ && endsName(text.charCodeAt(p + 2))) p = this.cell(text, p);
      else if (next === 114 /* r */ && text.startsWith('ow', p + 2) && endsName(text.charCodeAt(p + 4))) p = this.rowStart(text, p);
      else p++;
    }
  }

  /** Reads `<row …>` at `p`; where scanning goes on. */
  private rowStart(text: string, p: number): number {
    const close = text.indexOf('>', p + 4);
    if (close < 0) return p + 1;
    this.endRow();
    const number = attributes(text.substring(p + 4, close)).r;
    if (number === undefined || !/^\d+$/.test(number)) unsupported('行没有行号');
    const r = parseInt(number, 10) - 1;
    if (r < 0) unsupported('行号无效');
    if (r >= EXCEL_ROWS) throw new ArchiveRefused(`拒绝读取工作簿：工作表「${this.name}」有第${number}行，超过 Excel 的 ${EXCEL_ROWS.toLocaleString('en-US')} 行上限，不是 Excel 能打开的台账`);
    this.beginRow(r);
    return close + 1;
  }

  /** A new row element, once the previous one is ended. */
  private beginRow(r: number): void {
    this.r = r;
    this.row = [];
    this.rowCounts = false;
    this.previousCol = -1;
  }

  /** A cell holding a value (not NOT_A_VALUE) in the current row. */
  private put(col: number, cell: CellValue): void {
    this.rowCounts = true;
    const current: CellValue[] = this.row!;
    if (col < current.length) current[col] = cell;
    else if (cell !== null) {
      while (current.length < col) current.push(null);
      current[col] = cell;
    }
  }

  /**
   * A piece of row data another thread has read (plainRows.ts), taken as `scan` would take its
   * text: each change of row is a new row element, each cell a value. The piece holds whole rows, so
   * each is built at its width at once rather than grown cell by cell; its last row element is left
   * open, as `scan` leaves it, for cells after its end tag at the start of the next piece.
   */
  takePlain(cells: PlainCells): void {
    if (cells.openRow < 0) return; // no row element, so no cell: nothing `scan` would change
    this.endRow();
    const { count, rows, cols, kinds, values } = cells;
    let last: CellValue[] | null = null;
    const strings = this.state.ctx.sharedStrings;
    const date1904 = this.state.ctx.date1904;
    for (let start = 0; start < count; ) {
      const r = rows[start];
      let end = start + 1;
      let width = cols[start] + 1;
      for (; end < count && rows[end] === r; end++) if (cols[end] >= width) width = cols[end] + 1;
      const row = new Array<CellValue>(width).fill(null);
      for (let i = start; i < end; i++) {
        const kind = kinds[i];
        const value = values[i];
        row[cols[i]] = kind === PLAIN_NUMBER ? value : kind === PLAIN_DATE ? utils.excelToDate(value, date1904) : strings === null ? value : sharedString(strings, value);
      }
      this.rows[r] = row;
      if (r > this.lastRow) this.lastRow = r;
      start = end;
      last = row;
    }
    // Rows increase within a piece: the last one built is the last row element's, if it holds a value.
    const open = last !== null && rows[count - 1] === cells.openRow ? last : null;
    this.beginRow(cells.openRow);
    if (open !== null) {
      this.row = open;
      this.rowCounts = true;
    }
    this.previousCol = cells.openCol;
  }

  /** Reads the cell whose tag starts at `p`, with its content; where scanning goes on. */
  private cell(text: string, p: number): number {
    const close = text.indexOf('>', p + 2);
    if (close < 0) return p + 1;
    if (this.row === null) unsupported('单元格不在行中');
    const selfClosing = close > p + 2 && text.charCodeAt(close - 1) === 47; /* / */
    const attributesEnd = selfClosing ? close - 1 : close;
    let after = close + 1;
    // The usual cell, <c r="B7" s="1" t="s"><v>12</v></c>, without a regex or a substring per part.
    let inner = '';
    let vStart = -1;
    let vEnd = -1;
    if (!selfClosing) {
      vEnd = text.startsWith('<v>', after) ? text.indexOf('<', after + 3) : -1;
      if (vEnd >= 0 && text.startsWith('</v></c>', vEnd)) {
        vStart = after + 3;
        after = vEnd + 8;
      } else {
        const end = text.indexOf('</c>', after);
        if (end < 0) unsupported('单元格未结束');
        inner = text.slice(after, end);
        after = end + 4;
      }
    }
    const a = plainCellAttributes(text, p + 2, attributesEnd, this.attributes) ? this.attributes : parsedCellAttributes(text.substring(p + 2, attributesEnd));
    // Read plainly, the reference is a place in the text: a string is made of it only where one is needed.
    const own = cellColumn(text, a);
    if (own === undefined && this.previousCol < 0) unsupported('单元格没有地址');
    const col = own ?? this.previousCol + 1;
    if (col < 0 || col >= EXCEL_COLUMNS) {
      const ref = cellRef(text, a) ?? `第${col + 1}列`;
      if (col < 0) unsupported(`无法识别的单元格地址 ${ref}`);
      throw new ArchiveRefused(`拒绝读取工作簿：工作表「${this.name}」有单元格 ${ref}，超过 Excel 的 ${EXCEL_COLUMNS.toLocaleString('en-US')} 列上限，不是 Excel 能打开的台账`);
    }
    this.previousCol = col;
    // An empty cell, styled or not, holds no value (readCell would say so) unless a hyperlink gives it one.
    if (selfClosing && this.state.links.size === 0) return after;
    const plain = vStart >= 0 ? plainValue(this.state, a, text, vStart, vEnd) : NOT_PLAIN;
    if (plain === NOT_PLAIN) a.r = cellRef(text, a); // for links and shared formulas
    const cell = plain !== NOT_PLAIN ? plain : readCell(this.state, a, inner, vStart >= 0 ? text.substring(vStart, vEnd) : undefined);
    if (cell !== NOT_A_VALUE) this.put(col, cell);
    return after;
  }

  /** The sheet's grid once every row is scanned. A merged range's slave cells hold no value; rows down to the merge's bottom exist. */
  grid(merges: readonly MergedRange[]): SheetGrid {
    this.endRow();
    const { rows } = this;
    let lastRow = this.lastRow;
    const reported: MergedRange[] = [];
    for (const m of merges) {
      if (m.top === m.bottom && m.left === m.right) continue;
      reported.push(m);
      if (m.bottom > lastRow) lastRow = m.bottom;
      for (let rr = m.top; rr <= m.bottom; rr++) {
        const values = rows[rr];
        if (!values) continue;
        for (let c = m.left; c <= m.right && c < values.length; c++) if (rr !== m.top || c !== m.left) values[c] = null;
        while (values.length > 0 && values[values.length - 1] === null) values.pop();
      }
    }
    for (let rr = 0; rr <= lastRow; rr++) rows[rr] ??= [];
    rows.length = lastRow + 1;
    reported.sort((x, y) => x.top - y.top || x.left - y.left);
    return { name: this.name, rows, merges: reported };
  }
}

/** What plainValue says of a cell it leaves to readCell. */
const NOT_PLAIN = Symbol('not plain');

/**
 * The value of the usual cell, `<v>` holding a whole number or a shared string's index, read without
 * a substring: a ledger's cells are mostly counts and names. Anything else (a decimal, a date style,
 * a hyperlinked sheet, rich text, a formula) is NOT_PLAIN, for readCell.
 */
function plainValue(state: SheetState, a: CellAttributes, text: string, from: number, to: number): CellValue | typeof NOT_PLAIN {
  const t = a.t;
  if ((t !== undefined && t !== 'n' && t !== 's') || state.links.size > 0 || to === from || to - from > 15) return NOT_PLAIN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NOT_PLAIN;
    n = n * 10 + digit;
  }
  if (t === 's') {
    const shared = state.ctx.sharedStrings?.getString(n);
    return typeof shared === 'string' ? shared : NOT_PLAIN;
  }
  return a.s && isDateStyle(state, a.s) ? NOT_PLAIN : n;
}

/** A cell exceljs keeps no value for (an empty cell, styled or not): it leaves no trace in the grid. */
const NOT_A_VALUE = Symbol('not a value');

const FORMULA = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
const VALUE = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/;
const TEXT = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
const RUN = /<r\b[^>]*>([\s\S]*?)<\/r>/g;

function richTextOf(inner: string): RichTextValue | null {
  if (!/<r\b/.test(inner)) return null;
  const runs: { text?: string }[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(inner); m; m = RUN.exec(inner)) {
    const t = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/.exec(m[1]);
    // exceljs's text parser decodes _xHHHH_ escapes in a run's text.
    const text = t ? xmlText(t[1] ?? '').replace(/_x([0-9A-F]{4})_/g, (_s, hex: string) => String.fromCharCode(parseInt(hex, 16))) : undefined;
    runs.push(text === undefined ? {} : { text: detached(text) });
  }
  return { richText: runs };
}

/**
 * One cell's plain value, following exceljs: its cell parser (cell-xform parseClose), the
 * worksheet reconcile (shared strings, date styles, shared formulas, hyperlinks), the cell's
 * value (a formula's value keeps only truthy fields) and `plainValue`.
 */
function readCell(state: SheetState, a: CellAttributes, inner: string, vText: string | undefined): CellValue | typeof NOT_A_VALUE {
  const t = a.t;
  const styleId = a.s;
  let formula: string | undefined;
  let fAttrs: Record<string, string> | null = null;
  let value: string | RichTextValue | undefined;

  if (vText !== undefined) {
    // <v> alone (the text between tags holds no markup)
    value = vText === '' ? undefined : vText.indexOf('&') < 0 && vText.indexOf('\r') < 0 ? vText : xmlText(vText);
  } else if (inner === '') {
    value = undefined;
  } else {
    const f = FORMULA.exec(inner);
    if (f) {
      fAttrs = attributes(f[1]);
      formula = f[2] ? xmlText(f[2]) : undefined;
    }
    const v = VALUE.exec(inner);
    if (v && v[1]) value = xmlText(v[1]);
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner);
    if (is) {
      if (/<rPh\b/.test(is[1])) unsupported('内联字符串带注音');
      const rich = richTextOf(is[1]);
      let plain = '';
      TEXT.lastIndex = 0;
      const withoutRuns = rich ? is[1].replace(RUN, '') : is[1];
      for (let m = TEXT.exec(withoutRuns); m; m = TEXT.exec(withoutRuns)) if (m[1]) plain += xmlText(m[1]);
      if (rich && plain !== '') unsupported('内联字符串混合');
      if (rich && (value !== undefined || t !== 'inlineStr')) unsupported('内联富文本');
      if (rich) value = rich;
      else if (plain !== '') value = (value as string | undefined ?? '') + plain;
    } else if (/<r\b/.test(inner)) {
      unsupported('单元格中有富文本');
    }
  }
  const shareType = fAttrs?.t;
  const dateStyled = !!styleId && isDateStyle(state, styleId);
  const link = a.r !== undefined ? state.links.get(a.r) : undefined;

  if (formula || shareType) {
    let result: unknown;
    if (value) {
      const text = value as string;
      if (t === 'str') result = detached(utils.xmlDecode(text));
      else if (t === 'b') result = parseInt(text, 10) !== 0;
      else if (t === 'e') result = { error: text };
      else result = parseFloat(text);
    }
    if (result !== undefined && dateStyled) result = utils.excelToDate(result, state.ctx.date1904);
    let sharedFormula: string | undefined;
    if (shareType === 'shared') {
      if (fAttrs!.ref) {
        if (a.r !== undefined) state.formulae.set(fAttrs!.si, a.r);
      } else {
        sharedFormula = state.formulae.get(fAttrs!.si);
      }
    }
    if (link !== undefined) return linkValue(result, link);
    if (formula || sharedFormula) {
      // exceljs drops a falsy cached result (0, FALSE, "") and would show the formula text; a 0 is data.
      if (result !== undefined) return formulaResult(result);
      return detached(`=${formula || sharedFormula}`);
    }
    return null;
  }

  let plain: unknown;
  if (value !== undefined) {
    switch (t) {
      case 's': {
        const index = parseInt(value as string, 10);
        plain = state.ctx.sharedStrings ? sharedString(state.ctx.sharedStrings, index) : index;
        break;
      }
      case 'str':
        plain = detached(utils.xmlDecode(value as string));
        break;
      case 'inlineStr':
        plain = typeof value === 'string' ? detached(value) : value;
        break;
      case 'b':
        plain = parseInt(value as string, 10) !== 0;
        break;
      case 'e':
        plain = { error: value };
        break;
      default:
        if (typeof value !== 'string') unsupported('数值单元格中有富文本');
        plain = parseFloat(value as string);
        if (dateStyled) plain = utils.excelToDate(plain, state.ctx.date1904);
        break;
    }
  } else if (link === undefined) {
    return NOT_A_VALUE;
  }
  if (link !== undefined) return linkValue(plain, link);
  return simpleValue(plain);
}

/** The shared string at `index`, its rich text's runs joined. */
function sharedString(strings: SharedStrings, index: number): string {
  const shared = strings.getString(index);
  if (shared === undefined || shared === null) return unsupported('共享字符串不存在');
  return typeof shared === 'string' ? shared : joinRuns(shared);
}

function joinRuns(value: RichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

function simpleValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object' && 'error' in v) return String((v as { error: unknown }).error);
  if (typeof v === 'object' && 'richText' in v) return joinRuns(v as RichTextValue);
  return null;
}

function formulaResult(result: unknown): CellValue {
  return simpleValue(result);
}

/** A hyperlinked cell: exceljs keeps its value as the link's text; text that is not text shows the link. */
function linkValue(text: unknown, hyperlink: string): CellValue {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'richText' in text) return joinRuns(text as RichTextValue);
  return hyperlink;
}
