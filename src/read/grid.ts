/**
 * Files → SheetGrid: .xlsx through exceljs, .csv through papaparse after working out the encoding
 * (Excel in Chinese saves CSV as GB18030/GBK unless told to use UTF-8, which it writes with a BOM).
 * Cells become plain values: a formula becomes its cached result, rich text and hyperlinks their
 * text, an error value its code (`#DIV/0!`) so that it reads as a located error, not a blank.
 */
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import type { CellValue, MergedRange, SheetGrid } from '../ledger/types';
import { fastXlsxGrids, XlsxFastUnsupported } from './xlsxGrids';
import { ArchiveRefused, checkFullLoad, EXCEL_ROWS } from './archiveGuard';

/* ---------- Files ---------- */

/** A file's bytes, or an Error with a Chinese message naming the file. */
export async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    throw new Error(`无法读取文件 ${path}：${fileErrorReason(err)}`);
  }
}

/** A file's first `n` bytes (fewer when it is shorter), or an Error with a Chinese message naming the file. */
export async function readFileHead(path: string, n: number): Promise<Buffer> {
  try {
    const file = await fs.open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(n), 0, n, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (err) {
    throw new Error(`无法读取文件 ${path}：${fileErrorReason(err)}`);
  }
}

function fileErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EBUSY':
      return '文件正被其他程序占用，请关闭后再试';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/* ---------- .xlsx ---------- */

/** Loads an .xlsx workbook; a file that is not one gets a Chinese message naming `label` (the cause appended). */
export async function loadWorkbook(input: Buffer | string, label = typeof input === 'string' ? input : '工作簿'): Promise<ExcelJS.Workbook> {
  await checkFullLoad(input, label);
  const bytes = typeof input === 'string' ? await readFileBytes(input) : input;
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    throw new Error(`无法读取文件 ${label}：不是有效的 .xlsx 工作簿（文件可能已损坏、设置了打开密码，或是改了扩展名的其他格式）。原因：${cause}`);
  }
  return workbook;
}

/**
 * Every worksheet of an .xlsx (a file's path, or its bytes) as a grid, values only, without
 * building a Workbook: the file is read in place and each sheet as it inflates (much faster and
 * lighter for a large ledger). A file the fast reader does not read exactly as exceljs would (or
 * cannot read at all) is loaded with exceljs, which gives the same grids or its Chinese error.
 */
export async function xlsxGrids(input: Buffer | string, label = typeof input === 'string' ? input : '工作簿'): Promise<SheetGrid[]> {
  try {
    return await fastXlsxGrids(input, label);
  } catch (err) {
    if (err instanceof ArchiveRefused) throw new ArchiveRefused(err.message.replace('拒绝读取工作簿', `拒绝读取 ${label}`));
    if (!(err instanceof XlsxFastUnsupported)) throw err;
    return gridsFromWorkbook(await loadWorkbook(input, label));
  }
}

/** Every worksheet of a loaded workbook as a grid, in workbook order (no file access). */
export function gridsFromWorkbook(workbook: ExcelJS.Workbook): SheetGrid[] {
  return workbook.worksheets.map(gridFromWorksheet);
}

export function gridFromWorksheet(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: CellValue[][] = [];
  // Merges are read off the cells (a slave cell knows its master) rather than from exceljs's
  // private merge table; the bounding box of a master and its slaves is the merged range.
  const merges = new Map<string, MergedRange>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      if (cell.type === ExcelJS.ValueType.Merge) {
        const master = cell.master;
        const key = master.address;
        const m = merges.get(key) ?? { top: Number(master.row) - 1, left: Number(master.col) - 1, bottom: Number(master.row) - 1, right: Number(master.col) - 1 };
        m.bottom = Math.max(m.bottom, r);
        m.right = Math.max(m.right, c);
        m.top = Math.min(m.top, r);
        m.left = Math.min(m.left, c);
        merges.set(key, m);
        return; // a slave cell holds no value of its own
      }
      const value = plainValue(cell.value);
      if (value === null) return;
      while (values.length < c) values.push(null);
      values[c] = value;
    });
    while (rows.length < r) rows.push([]);
    rows[r] = values;
  });
  return { name: sheet.name, rows, merges: [...merges.values()].sort((a, b) => a.top - b.top || a.left - b.left) };
}

/** An exceljs cell value as data: what the cell shows, never an object. */
export function plainValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('error' in value) return String(value.error); // #DIV/0!, #N/A …
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result !== undefined && result !== null) return plainValue(result as ExcelJS.CellValue);
    // No cached result (a file written by a program that never calculated it): show the formula, so
    // the cell reads as a located error instead of a silent blank.
    const formula = 'formula' in value ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
    return formula ? `=${formula}` : null;
  }
  if ('hyperlink' in value) {
    const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) return plainValue(text as ExcelJS.CellRichTextValue);
    return (value as ExcelJS.CellHyperlinkValue).hyperlink ?? null;
  }
  return null;
}

/* ---------- .csv ---------- */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Human label of an encoding, for messages. */
export const ENCODING_LABEL: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  'utf-16le': 'UTF-16LE（Unicode 文本）',
  'utf-16be': 'UTF-16BE',
  'gb18030': 'GB18030/GBK',
};

/**
 * UTF-16 saved without a BOM: text in it has a zero byte beside every ASCII character (commas, digits,
 * line breaks), at odd offsets in little-endian and even ones in big-endian. Text in UTF-8 or GB18030
 * has no zero bytes at all.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const pairs = n / 2;
  if (odd > pairs * 0.2 && even < pairs * 0.02) return 'utf-16le';
  if (even > pairs * 0.2 && odd < pairs * 0.02) return 'utf-16be';
  return null;
}

/** Comma, unless the first lines hold more tabs than commas (Excel's "Unicode 文本" is tab-separated). */
function delimiterOf(text: string): ',' | '\t' {
  const head = text.slice(0, 4096);
  const tabs = head.split('\t').length - 1;
  const commas = head.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

/** What the first bytes of a text file say about its encoding; 'utf-8' until the bytes prove otherwise. */
function encodingFromHead(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return utf16WithoutBom(head) ?? 'utf-8';
}

const DECODER_LABEL: Readonly<Record<CsvEncoding, string>> = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', gb18030: 'gb18030' };
const CHUNK_BYTES = 1024 * 1024;

/** A CSV's bytes in pieces: a file read from disk as it is parsed, or bytes already in memory. */
async function* csvChunks(source: Uint8Array | string): AsyncIterable<Uint8Array> {
  if (typeof source !== 'string') {
    for (let i = 0; i < source.length; i += CHUNK_BYTES) yield source.subarray(i, i + CHUNK_BYTES);
    return;
  }
  yield* createReadStream(source, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>;
}

async function headOf(source: Uint8Array | string): Promise<Uint8Array> {
  return typeof source === 'string' ? readFileHead(source, 4096) : source.subarray(0, 4096);
}

/** Bytes that are not UTF-8 after all: read again as GB18030. */
class NotUtf8 extends Error {}

/**
 * A CSV (a file's path, or its bytes) as one grid named `name`, and the encoding it was read in.
 * The file is decoded and parsed as it is read, never held whole. Cells stay strings as typed (no
 * trimming: cell parsing decides what spaces mean); empty cells are null. One record per grid row,
 * empty lines included, so row numbers match what Excel shows. More records than Excel has rows
 * is no ledger Excel wrote: refused as soon as the parser passes that many.
 */
export async function readCsvGrid(source: Uint8Array | string, name: string): Promise<{ grid: SheetGrid; encoding: CsvEncoding }> {
  const head = await headOf(source);
  const encoding = encodingFromHead(head);
  try {
    return { grid: await parseCsv(source, head, encoding, name), encoding };
  } catch (err) {
    // Text that is valid UTF-8 is UTF-8; anything else is taken as GB18030 (a superset of GBK and GB2312).
    if (!(err instanceof NotUtf8)) throw err;
    return { grid: await parseCsv(source, head, 'gb18030', name), encoding: 'gb18030' };
  }
}

/** A quoted cell or a row longer than this, still open, is no ledger: a quote left unclosed would otherwise carry the rest of the file. */
const MAX_OPEN_ROW_CHARS = 16 * 1024 * 1024;

/** The line break the file uses: the first one outside quotes (a quoted cell may hold another kind). */
function lineBreakOf(text: string): '\r\n' | '\n' | '\r' {
  const unquoted = text.slice(0, 1024 * 1024).replace(/"[^"]*"/g, '');
  const at = unquoted.search(/[\r\n]/);
  if (at < 0 || unquoted[at] === '\n') return '\n';
  return unquoted[at + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Parsed with papaparse's push parser, one decoded piece at a time: the rows complete in a piece are
 * taken, the one still open is carried into the next. A malformed quote is an error, as Excel would
 * not have written it.
 */
async function parseCsv(source: Uint8Array | string, head: Uint8Array, encoding: CsvEncoding, name: string): Promise<SheetGrid> {
  const fatal = encoding === 'utf-8';
  const decode = (decoder: TextDecoder, bytes?: Uint8Array): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch (err) {
      if (fatal) throw new NotUtf8();
      throw err;
    }
  };
  const label = DECODER_LABEL[encoding];
  const headText = new TextDecoder(label).decode(head);
  const newline = lineBreakOf(headText);
  const parser = new Papa.Parser({ delimiter: delimiterOf(headText), newline, quoteChar: '"' });
  const rows: CellValue[][] = [];
  const strings = new StringPool();
  const badFormat = (where: string, why: string) => new Error(`CSV 格式有误${where}（${ENCODING_LABEL[encoding]}）：${why}`);
  const take = (text: string, final: boolean): string => {
    const result = parser.parse(text, 0, !final) as Papa.ParseResult<string[]>;
    // The row left open is parsed again with the next piece: what it looked like cut short (a closing
    // quote before half a \r\n) is no error yet.
    const quoteError = result.errors.find((e) => e.type === 'Quotes' && (final || (e.row ?? 0) < result.data.length));
    // The end of the file after its last line break is no row (Excel writes one after every row).
    const last = result.data[result.data.length - 1];
    if (final && last?.length === 1 && last[0] === '' && text.endsWith(newline)) result.data.pop();
    if (quoteError) {
      const line = rows.length + (quoteError.row ?? 0) + 1;
      throw badFormat(`第${line}行附近`, quoteError.code === 'MissingQuotes' ? '引号未闭合' : '引号后面多了字符（右引号之后应是分隔符或换行）');
    }
    for (const record of result.data) {
      if (rows.length >= EXCEL_ROWS) throw new ArchiveRefused(`拒绝读取 ${name}：超过 Excel 的 ${EXCEL_ROWS.toLocaleString('en-US')} 行上限，不是 Excel 能打开的台账；请按月或按乡镇拆分后再评分`);
      const row: CellValue[] = new Array(record.length);
      for (let i = 0; i < record.length; i++) row[i] = record[i] === '' ? null : strings.get(record[i]);
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
      rows.push(row);
    }
    const open = final ? '' : text.substring(result.meta.cursor);
    if (open.length > MAX_OPEN_ROW_CHARS) throw badFormat(`第${rows.length + 1}行附近`, '一行超过 1600 万个字符，多半是引号未闭合');
    return open;
  };
  const decoder = new TextDecoder(label, { fatal });
  let open = '';
  for await (const chunk of csvChunks(source)) open = take(open + decode(decoder, chunk), false);
  take(open + decode(decoder), true);
  return { name, rows, merges: [] };
}

/** Where the texts of each number of digits start among the pool's digit slots ("7" and "07" apart). */
const DIGIT_OFFSET = [0, 0, 10, 110, 1110];
const DIGIT_SLOTS = 11110;

/**
 * One string object for each short text that repeats: a CSV's cells are all text, and a ledger
 * repeats its names, types and small counts row after row. Forty million cells as forty million
 * strings would take over a gigabyte; pooled, each repeat is a reference.
 */
class StringPool {
  private readonly pool = new Map<string, string>();
  /** Texts of one to four digits (most of a ledger's cells), by their length and value: no hashing. */
  private readonly digits: (string | undefined)[] = new Array<string | undefined>(DIGIT_SLOTS);

  get(text: string): string {
    const length = text.length;
    if (length <= 4 && length > 0) {
      let value = 0;
      let i = 0;
      for (; i < length; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      if (i === length) return (this.digits[DIGIT_OFFSET[length] + value] ??= text);
    }
    if (length > 24) return text;
    const known = this.pool.get(text);
    if (known !== undefined) return known;
    if (this.pool.size < 1_000_000) this.pool.set(text, text);
    return text;
  }
}
