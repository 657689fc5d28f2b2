/**
 * A piece of a worksheet's row data read when every tag in it is written the plain way spreadsheet
 * programs write a ledger: `<row r="7" …>`, `<c r="B7" s="3" t="s"><v>12</v></c>`, `<c r="C7" s="3"/>`,
 * `</row>`. Such a piece needs none of exceljs's reading rules beyond a number, a shared string's
 * index and a date style, so it can be read away from the main thread (sheetScanWorker.ts) into
 * typed arrays that cross threads without copying. Anything else in the piece (a formula, an inline
 * string, an entity, a type other than a number or a shared string, a style it is not told about, a
 * row out of order) makes the whole piece null: the main thread then reads it the general way, with
 * the general way's errors.
 *
 * The plainly written attribute and the column letters are read here for the main thread's scanner
 * too (xlsxGrids.ts). Imports nothing: this module is all the scan thread loads.
 */

/** How a plain cell's number is to be taken. */
export const PLAIN_NUMBER = 0;
export const PLAIN_SHARED_STRING = 1;
/** A number in a date-styled cell: the main thread turns it into a date. */
export const PLAIN_DATE = 2;

/** Arrays a piece's cells are written in, each holding as many cells as `rows.length`. */
export interface CellArrays {
  /** 0-based row of each cell; a change of row means a new <row> element. */
  rows: Int32Array;
  /** 0-based column. */
  cols: Int32Array;
  /** PLAIN_NUMBER, PLAIN_SHARED_STRING or PLAIN_DATE. */
  kinds: Uint8Array;
  /** The number, or the shared string's index. */
  values: Float64Array;
}

/** Arrays for `capacity` cells, in memory `make` gives (a SharedArrayBuffer's, to lend them to another thread). */
export function cellArrays(capacity: number, make: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes)): CellArrays {
  return {
    rows: new Int32Array(make(capacity * 4)),
    cols: new Int32Array(make(capacity * 4)),
    kinds: new Uint8Array(make(capacity)),
    values: new Float64Array(make(capacity * 8)),
  };
}

/** The first `count` cells of the arrays, and the row left open at the piece's end. */
export function viewOf(arrays: CellArrays, count: number, openRow: number, openCol: number): PlainCells {
  return { count, rows: arrays.rows.subarray(0, count), cols: arrays.cols.subarray(0, count), kinds: arrays.kinds.subarray(0, count), values: arrays.values.subarray(0, count), openRow, openCol };
}

/** The cells holding a value in a plain piece, in document order (one entry per cell). */
export interface PlainCells extends CellArrays {
  count: number;
  /**
   * The piece's last row element (0-based), -1 when it has none, and the column of its last cell
   * (-1 when it has none): cells after its end tag, at the start of the next piece, belong to it.
   */
  openRow: number;
  openCol: number;
}

/**
 * Which cell styles are date styles, by style index (1 = date); null when the workbook has no styles
 * part, so that no style is a date. A style index past the table's end makes a piece not plain.
 */
export type DateStyles = Uint8Array | null;

/** Excel's sheet limits: a row or column past them is for the general reading to refuse. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** One cell's attributes, as read by cellAttributes. */
interface Attributes {
  selfClosing: boolean;
  col: number;
  style: number;
  /** 0 for a number (no `t`, or `t="n"`), 1 for `t="s"`. */
  type: number;
}

/** Column arrays for a piece's cells: the thread's own (growing as needed), or arrays it was lent. */
class CellList {
  count = 0;

  constructor(
    private arrays: CellArrays,
    /** Lent arrays cannot grow: a piece with more cells than they hold is not read. */
    private readonly lent: boolean,
  ) {}

  /** False when lent arrays are full. */
  push(row: number, col: number, kind: number, value: number): boolean {
    if (this.count === this.arrays.rows.length) {
      if (this.lent) return false;
      this.grow();
    }
    const i = this.count++;
    const { rows, cols, kinds, values } = this.arrays;
    rows[i] = row;
    cols[i] = col;
    kinds[i] = kind;
    values[i] = value;
    return true;
  }

  private grow(): void {
    const old = this.arrays;
    const grown = cellArrays(old.rows.length * 2);
    grown.rows.set(old.rows);
    grown.cols.set(old.cols);
    grown.kinds.set(old.kinds);
    grown.values.set(old.values);
    this.arrays = grown;
  }

  /** The cells, as views of the arrays they were written in. */
  result(openRow: number, openCol: number): PlainCells {
    return viewOf(this.arrays, this.count, openRow, openCol);
  }
}

/**
 * The value cells of a piece of row data, or null when the piece is not plain throughout (or has
 * more cells than the arrays it is lent, `into`, hold).
 */
export function plainRows(text: string, dateStyles: DateStyles, into?: CellArrays): PlainCells | null {
  // A cell holding a value mostly takes at least 21 characters (<c r="A1"><v>1</v></c>).
  const cells = into ? new CellList(into, true) : new CellList(cellArrays(Math.ceil(text.length / 21) + 16), false);
  const a: Attributes = { selfClosing: false, col: -1, style: 0, type: 0 };
  let row = -1;
  let previousCol = -1;
  // A tag mostly follows the last one at once: indexOf is a call, a character comparison is not.
  for (let p = text.indexOf('<'); p >= 0; p = text.charCodeAt(p) === 60 ? p : text.indexOf('<', p)) {
    const next = text.charCodeAt(p + 1);
    if (next === 99 /* c */ && text.charCodeAt(p + 2) === 32) {
      if (row < 0) return null; // a cell before any row of this piece
      const close = cellAttributes(text, p + 3, a);
      if (close < 0) return null;
      // A reference that is not one, or a row's first cell without one.
      if (a.col === -2 || (a.col === -1 && previousCol < 0)) return null;
      const col = a.col >= 0 ? a.col : previousCol + 1;
      if (col >= MAX_COLUMNS) return null; // counted on past Excel's last column
      previousCol = col;
      const after = close + 1;
      if (a.selfClosing) {
        p = after;
        continue;
      }
      // <v>…</v></c>, or </c>, compared a character at a time (startsWith is a call per cell).
      if (text.charCodeAt(after) !== 60 /* < */) return null;
      const opened = text.charCodeAt(after + 1);
      if (opened === 47 /* / */) {
        if (text.charCodeAt(after + 2) !== 99 /* c */ || text.charCodeAt(after + 3) !== 62) return null;
        p = after + 4;
        continue;
      }
      if (opened !== 118 /* v */ || text.charCodeAt(after + 2) !== 62) return null;
      const from = after + 3;
      // The value's digits read on the way to its end (a whole number, most cells): -1 when it is not one.
      let to = from;
      let whole = 0;
      let code = text.charCodeAt(to);
      while (code >= 48 && code <= 57) {
        whole = whole * 10 + (code - 48);
        code = text.charCodeAt(++to);
      }
      if (code !== 60 /* < */) {
        whole = -1;
        to = text.indexOf('<', to);
      } else if (to - from > 15) whole = -1;
      if (to < 0 || !valueClose(text, to)) return null;
      p = to + 8;
      if (to === from) continue; // <v></v>: no value
      if (a.type === 1) {
        if (whole < 0) return null;
        if (!cells.push(row, col, PLAIN_SHARED_STRING, whole)) return null;
        continue;
      }
      let date = false;
      if (a.style > 0 && dateStyles !== null) {
        if (a.style >= dateStyles.length) return null;
        date = dateStyles[a.style] === 1;
      }
      let value = whole;
      if (whole < 0) {
        for (let i = from; i < to; i++) {
          const code = text.charCodeAt(i);
          if (code === 38 /* & */ || code === 13) return null;
        }
        value = parseFloat(text.substring(from, to));
      }
      if (!cells.push(row, col, date ? PLAIN_DATE : PLAIN_NUMBER, value)) return null;
    } else if (next === 114 /* r */ && text.startsWith('ow', p + 2)) {
      const end = text.charCodeAt(p + 4);
      if (end !== 32 && end !== 62 && end !== 47) return null;
      const close = text.indexOf('>', p + 4);
      if (close < 0) return null;
      const number = rowNumber(text, p + 4, text.charCodeAt(close - 1) === 47 ? close - 1 : close);
      if (number < 1 || number > MAX_ROWS || number - 1 <= row) return null;
      row = number - 1;
      previousCol = -1;
      p = close + 1;
    } else if (next === 47 /* / */ && text.startsWith('row>', p + 2)) {
      p += 6;
    } else {
      return null;
    }
  }
  return cells.result(row, previousCol);
}

/** Whether `</v></c>` is at `at`. */
const valueClose = (text: string, at: number): boolean =>
  text.charCodeAt(at + 1) === 47 &&
  text.charCodeAt(at + 2) === 118 &&
  text.charCodeAt(at + 3) === 62 &&
  text.charCodeAt(at + 4) === 60 &&
  text.charCodeAt(at + 5) === 47 &&
  text.charCodeAt(at + 6) === 99 &&
  text.charCodeAt(at + 7) === 62;

/** Where one plainly written attribute, name="value", lies in the text. */
export interface AttributeSpan {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** The first character at or after `i` that is not a space (at most `to`). */
export function skipSpaces(text: string, i: number, to: number): number {
  while (i < to && text.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * Reads the attribute starting at `i` (not a space) of the attribute text ending at `to`, written as
 * every spreadsheet program writes one: name="value", no entity, markup or control character in the
 * value. Where the value's closing quote ends (the caller checks what follows), or -1 when the
 * attribute is not written so.
 */
export function plainAttribute(text: string, i: number, to: number, span: AttributeSpan): number {
  span.nameStart = i;
  let code = text.charCodeAt(i);
  // A name ends at the tag's end too (a name without a value): the scanner's tag ends at its first >.
  while (i < to && code !== 61 /* = */ && code > 32 && code !== 34 && code !== 39 && code !== 62 /* > */) code = text.charCodeAt(++i);
  if (code !== 61 || text.charCodeAt(i + 1) !== 34 /* " */) return -1;
  span.nameEnd = i;
  const valueStart = i + 2;
  let end = valueStart;
  for (; end < to; end++) {
    code = text.charCodeAt(end);
    if (code === 34) break;
    if (code === 38 /* & */ || code === 60 /* < */ || code === 62 /* > */ || code < 32) return -1;
  }
  if (end >= to) return -1;
  span.valueStart = valueStart;
  span.valueEnd = end;
  return end + 1;
}

/** Whether what follows an attribute ending at `i` of attribute text ending at `to` lets another follow. */
export const attributeEnds = (text: string, i: number, to: number): boolean => i >= to || text.charCodeAt(i) === 32;

/** The one-letter name of an attribute (its character code), or 0. */
const oneLetterName = (text: string, span: AttributeSpan): number => (span.nameEnd - span.nameStart === 1 ? text.charCodeAt(span.nameStart) : 0);

const span: AttributeSpan = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/**
 * Reads a cell's attributes from `i` to its tag's end: its column (-1 when it has no reference, -2
 * when its reference is not a column within Excel's), style and type. Where the tag's `>` is, or -1
 * when the attributes are not written plainly or the type is neither a number nor a shared string.
 */
function cellAttributes(text: string, i: number, into: Attributes): number {
  into.col = -1;
  into.style = 0;
  into.type = 0;
  for (;;) {
    let code = text.charCodeAt(i);
    while (code === 32) code = text.charCodeAt(++i);
    if (code === 62 /* > */) {
      into.selfClosing = false;
      return i;
    }
    if (code === 47 /* / */) {
      into.selfClosing = true;
      return text.charCodeAt(i + 1) === 62 ? i + 1 : -1;
    }
    const quick = code === 114 /* r */ ? quickReference(text, i, into) : code === 116 /* t */ ? quickType(text, i, into) : -1;
    if (quick >= 0) i = quick;
    else {
      i = plainAttribute(text, i, text.length, span);
      if (i < 0) return -1;
    }
    code = text.charCodeAt(i);
    if (code !== 32 && code !== 62 && code !== 47) return -1;
    if (quick >= 0) continue;
    const name = oneLetterName(text, span);
    if (name === 114 /* r */) {
      const col = columnIn(text, span.valueStart, span.valueEnd);
      into.col = col < 0 ? -2 : col;
    } else if (name === 115 /* s */) {
      into.style = digits(text, span.valueStart, span.valueEnd);
      if (into.style < 0) return -1;
    } else if (name === 116 /* t */) {
      // The last `t` is the one read.
      into.type = span.valueEnd - span.valueStart === 1 ? cellTypeOf(text.charCodeAt(span.valueStart)) : -1;
      if (into.type < 0) return -1;
    }
  }
}

/**
 * `r="B7"` at `i` (capitals, then digits) read in one pass: where it ends, or -1 for cellAttributes's
 * general reading of any other reference. Most of a sheet is cells; this is most of a cell.
 */
function quickReference(text: string, i: number, into: Attributes): number {
  if (text.charCodeAt(i + 1) !== 61 || text.charCodeAt(i + 2) !== 34) return -1;
  let k = i + 3;
  let col = 0;
  let code = text.charCodeAt(k);
  while (code >= 65 && code <= 90) {
    col = col * 26 + (code - 64);
    code = text.charCodeAt(++k);
  }
  if (col === 0 || col > MAX_COLUMNS) return -1;
  while (code >= 48 && code <= 57) code = text.charCodeAt(++k);
  if (code !== 34) return -1;
  into.col = col - 1;
  return k + 1;
}

/** `t="s"` or `t="n"` at `i`: where it ends, or -1 for the general reading. */
function quickType(text: string, i: number, into: Attributes): number {
  if (text.charCodeAt(i + 1) !== 61 || text.charCodeAt(i + 2) !== 34 || text.charCodeAt(i + 4) !== 34) return -1;
  const type = cellTypeOf(text.charCodeAt(i + 3));
  if (type < 0) return -1;
  into.type = type;
  return i + 5;
}

/** Attributes.type of a one-letter `t`: 1 for `s`, 0 for `n`, -1 for a type the thread does not read. */
const cellTypeOf = (letter: number): number => (letter === 115 /* s */ ? 1 : letter === 110 /* n */ ? 0 : -1);

/** 0-based column of the A1 reference `text[from, to)`'s letters (`$` before them allowed), or -1. */
export function columnIn(text: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + (code - 64);
    else if (code >= 97 && code <= 122) col = col * 26 + (code - 96);
    else if (code === 36 && i === from) continue; // $A1
    else break;
  }
  return col > 0 && col <= MAX_COLUMNS ? col - 1 : -1;
}

/** The whole number written in `text[from, to)` (at most 15 digits), or -1. */
function digits(text: string, from: number, to: number): number {
  if (to === from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** A row's `r` from its attributes `text[from, to)`, or -1 when it has none or they are not plain. */
function rowNumber(text: string, from: number, to: number): number {
  let number = -1;
  for (let i = skipSpaces(text, from, to); i < to; i = skipSpaces(text, i, to)) {
    i = plainAttribute(text, i, to, span);
    if (i < 0 || !attributeEnds(text, i, to)) return -1;
    if (oneLetterName(text, span) === 114 /* r */) number = digits(text, span.valueStart, span.valueEnd);
  }
  return number;
}
