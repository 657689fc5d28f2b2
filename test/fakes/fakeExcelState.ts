/**
 * Host side of the fake Excel: the workbook state that a real Excel keeps on its
 * side of the wire, plus the pure helpers (A1 addresses, errors, value coercion,
 * display text) that both the state and the proxies (fakeExcelProxies.ts) use.
 *
 * Nothing here knows about proxies, queues or sync: this is "the document".
 * Tests inspect it through `fake.workbook` (see FakeWorkbook / FakeSheet below).
 *
 * Plain TypeScript, no Node APIs: the file is also bundled into a browser page.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
/** Excel refuses to read more cells than this in one get (RangeExceedsLimit). */
export const MAX_CELLS_PER_READ = 5000000;

/** Zero-based rectangle on one sheet. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** What a cell can hold. `null` only for a formula the evaluator did not compute. */
export type CellValue = string | number | boolean | null;

// ---------------------------------------------------------------------------
// Errors: shaped like OfficeExtension.Error so that gateway code that branches
// on `error.code` or reads `error.debugInfo` behaves as it would against Excel.
// ---------------------------------------------------------------------------

/** Messages as Excel documents them (Error handling with the Excel JavaScript API). */
const ERROR_MESSAGES: Record<string, string> = {
  AccessDenied: 'You cannot perform the requested operation.',
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  InvalidObjectPath:
    "The object path isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
};

export const SHAPE_MISMATCH_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

/** Stand-in for OfficeExtension.Error (also installed as `OfficeExtension.Error`). */
export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError = null;

  constructor(code: string, message?: string, errorLocation?: string) {
    const text = message ?? ERROR_MESSAGES[code] ?? code;
    super(text);
    this.code = code;
    this.debugInfo = { code, message: text, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function officeError(code: string, location?: string, message?: string): FakeOfficeError {
  return new FakeOfficeError(code, message, location);
}

/** The synchronous error Office.js throws when an unloaded property is read. */
export function propertyNotLoaded(typeName: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`,
  );
}

/** For API the add-in was not expected to use: loud, so the gap is obvious. */
export function notImplemented(what: string): Error {
  return new Error(`fake Excel: ${what} is not implemented`);
}

// ---------------------------------------------------------------------------
// A1 addresses
// ---------------------------------------------------------------------------

export function columnName(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/** Parses "A1", "A1:BH433", "$A$1", "A:C" or "2:5" (no sheet part). Null when invalid. */
export function parseA1(ref: string): Rect | null {
  const parts = ref.trim().split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const [a, b = a] = parts;
  const ca = CELL_RE.exec(a);
  const cb = CELL_RE.exec(b);
  let rect: Rect | null = null;
  if (ca && cb) {
    const r1 = Number(ca[2]) - 1;
    const r2 = Number(cb[2]) - 1;
    const c1 = columnIndex(ca[1]);
    const c2 = columnIndex(cb[1]);
    rect = { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
  } else if (parts.length === 2 && COL_RE.test(a) && COL_RE.test(b)) {
    const c1 = columnIndex(COL_RE.exec(a)![1]);
    const c2 = columnIndex(COL_RE.exec(b)![1]);
    rect = { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
  } else if (parts.length === 2 && ROW_RE.test(a) && ROW_RE.test(b)) {
    const r1 = Number(a.replace('$', '')) - 1;
    const r2 = Number(b.replace('$', '')) - 1;
    rect = { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLUMNS };
  }
  return rect && rectInSheet(rect) ? rect : null;
}

export function rectInSheet(r: Rect): boolean {
  return (
    Number.isInteger(r.row) && Number.isInteger(r.col) && Number.isInteger(r.rows) && Number.isInteger(r.cols) &&
    r.row >= 0 && r.col >= 0 && r.rows >= 1 && r.cols >= 1 &&
    r.row + r.rows <= MAX_ROWS && r.col + r.cols <= MAX_COLUMNS
  );
}

/** "A1", "A1:C3", or Excel's whole-column / whole-row forms "A:C", "2:5". */
export function formatRect(r: Rect): string {
  if (r.row === 0 && r.rows === MAX_ROWS && !(r.col === 0 && r.cols === MAX_COLUMNS)) {
    return `${columnName(r.col)}:${columnName(r.col + r.cols - 1)}`;
  }
  if (r.col === 0 && r.cols === MAX_COLUMNS) return `${r.row + 1}:${r.row + r.rows}`;
  const start = `${columnName(r.col)}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return start;
  return `${start}:${columnName(r.col + r.cols - 1)}${r.row + r.rows}`;
}

/**
 * Excel quotes a sheet name in an address unless it is a plain identifier:
 * `台账!A1`, `Sheet1!A1`, but `'My Sheet'!A1`, `'2024'!A1`, `'A1'!B2`.
 */
export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$|^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheetName: string, r: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(r)}`;
}

/** Splits "'My Sheet'!A1:B2" into sheet and reference parts. */
export function splitSheetAddress(address: string): { sheet?: string; ref: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { ref: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(bang + 1) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row && inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows && inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function cellCount(r: Rect): number {
  return r.rows * r.cols;
}

// ---------------------------------------------------------------------------
// Colours: Excel stores and reports "#RRGGBB" whatever was written.
// ---------------------------------------------------------------------------

const NAMED_COLORS: Record<string, string> = {
  black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', lime: '#00FF00', blue: '#0000FF',
  yellow: '#FFFF00', orange: '#FFA500', gray: '#808080', grey: '#808080', silver: '#C0C0C0',
  purple: '#800080', pink: '#FFC0CB', navy: '#000080', teal: '#008080', maroon: '#800000',
  lightgray: '#D3D3D3', lightgrey: '#D3D3D3', lightgreen: '#90EE90', lightblue: '#ADD8E6',
  lightyellow: '#FFFFE0', darkgreen: '#006400', darkred: '#8B0000', gold: '#FFD700',
};

/** Normalises to "#RRGGBB"; unknown names are kept as written (Excel knows more names than we do). */
export function normalizeColor(input: unknown, location: string): string {
  if (typeof input !== 'string') throw officeError('InvalidArgument', location);
  const s = input.trim();
  if (/^#[0-9a-f]{6}$/i.test(s)) return s.toUpperCase();
  if (/^#[0-9a-f]{3}$/i.test(s)) return ('#' + [...s.slice(1)].map((c) => c + c).join('')).toUpperCase();
  return NAMED_COLORS[s.toLowerCase()] ?? s;
}

// ---------------------------------------------------------------------------
// Cells and sheets
// ---------------------------------------------------------------------------

export interface FakeCellStyle {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fillColor?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  /** Range.format.protection.locked: only enforced while the sheet is protected. */
  locked?: boolean;
}

export interface FakeHyperlink {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

/** One stored cell. Constants live in `value`; a formula cell keeps `formula` and computes its value on read. */
export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  style?: FakeCellStyle;
  hyperlink?: FakeHyperlink;
}

/** Defaults Excel reports for a cell nobody formatted. */
export const DEFAULT_STYLE: Required<FakeCellStyle> = {
  bold: false,
  italic: false,
  fontColor: '#000000',
  fontSize: 11,
  fontName: 'Calibri',
  fillColor: '#FFFFFF',
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
  wrapText: false,
  locked: true,
};
export const DEFAULT_COLUMN_WIDTH = 48; // points: 8.43 characters of Calibri 11
export const DEFAULT_ROW_HEIGHT = 15;

export interface FakeConditionalFormat {
  sheet: FakeSheet;
  rect: Rect;
  type: string;
  formula: string;
  fillColor: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface FakeChart {
  sheet: FakeSheet;
  name: string;
  chartType: string;
  sourceAddress: string;
  seriesBy: string;
  title: string;
  /** Unqualified addresses given to setPosition, or null while unplaced. */
  position: { startCell: string; endCell: string | null } | null;
  valueAxis: { minimum: number | null; maximum: number | null };
  categoryAxis: { minimum: number | null; maximum: number | null };
  /** Series index → chart type where a series was given its own type (a line over columns). */
  seriesTypes: Record<number, string>;
  deleted: boolean;
}

export interface FakePageLayout {
  orientation: string;
  zoom: Record<string, number | undefined>;
}

/** What a test sees of one cell: values as Excel would report them. */
export interface FakeCellView {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  text: string;
  style: Required<FakeCellStyle>;
  hyperlink: FakeHyperlink | null;
}

/** A range's data validation (Range.dataValidation, ExcelApi 1.8), as the add-in set it. */
export interface FakeDataValidation {
  rect: Rect;
  /** One key: wholeNumber, decimal, list, textLength …, as DataValidationRule spells it; null while unset. */
  rule: Record<string, Record<string, unknown>> | null;
  prompt: { showPrompt: boolean; title: string; message: string } | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string } | null;
  ignoreBlanks: boolean;
}

/** Worksheet.protection (ExcelApi 1.2; the password from 1.7). */
export interface FakeProtection {
  protected: boolean;
  /** WorksheetProtectionOptions as given to protect(). */
  options: Record<string, unknown>;
  password: string | null;
}

export type FormulaEvaluator = (sheet: string, address: string, formula: string, workbook: FakeWorkbook) => CellValue;

const CELL_KEY_STRIDE = MAX_COLUMNS;
const cellKey = (row: number, col: number): number => row * CELL_KEY_STRIDE + col;

let sheetIdCounter = 0;

export class FakeSheet {
  readonly id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  tabColor = '';
  showGridlines = true;
  deleted = false;
  /** Sparse cells keyed row * 16384 + col. */
  readonly cells = new Map<number, FakeCell>();
  readonly mergeRects: Rect[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly charts: FakeChart[] = [];
  readonly freezePanes = { rows: 0, columns: 0 };
  readonly dataValidations: FakeDataValidation[] = [];
  protection: FakeProtection = { protected: false, options: {}, password: null };
  /** The range Worksheet.autoFilter.apply was given, or null. */
  autoFilter: Rect | null = null;
  pageLayout: FakePageLayout = { orientation: 'Portrait', zoom: { scale: 100 } };
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  selection: Rect = { row: 0, col: 0, rows: 1, cols: 1 };
  /** Bumped by every cell write or clear: a batch that changes it raises the sheet's onChanged. */
  version = 0;
  chartCounter = 0;

  constructor(readonly workbook: FakeWorkbook, name: string) {
    this.name = name;
    sheetIdCounter += 1;
    this.id = `{00000000-0001-0000-${String(sheetIdCounter).padStart(4, '0')}-000000000000}`;
  }

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  cellAt(row: number, col: number): FakeCell | undefined {
    return this.cells.get(cellKey(row, col));
  }

  ensureCell(row: number, col: number): FakeCell {
    this.version++;
    const key = cellKey(row, col);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: '' };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /**
   * Visits the stored cells inside `rect` (deleting the visited cell is safe).
   * Walks the rectangle or the map, whichever is smaller, so whole-column
   * ranges stay cheap. Returns how many stored cells were visited.
   */
  storedCellsIn(rect: Rect, fn: (row: number, col: number, cell: FakeCell) => void): number {
    let seen = 0;
    if (rect.rows * rect.cols <= this.cells.size) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = this.cells.get(cellKey(r, c));
          if (cell) { seen++; fn(r, c, cell); }
        }
      }
      return seen;
    }
    for (const [key, cell] of this.cells) {
      const row = Math.floor(key / CELL_KEY_STRIDE);
      const col = key % CELL_KEY_STRIDE;
      if (row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols) {
        seen++;
        fn(row, col, cell);
      }
    }
    return seen;
  }

  /** Drops the entry once nothing distinguishes it from a never-touched cell. */
  pruneCell(row: number, col: number): void {
    this.version++;
    const key = cellKey(row, col);
    const c = this.cells.get(key);
    if (c && c.value === '' && c.formula === undefined && c.numberFormat === undefined && !c.style && !c.hyperlink) {
      this.cells.delete(key);
    }
  }

  /** The value Excel would report: constants as stored, formulas through the evaluator. */
  valueAt(row: number, col: number): CellValue {
    const c = this.cellAt(row, col);
    if (!c) return '';
    if (c.formula !== undefined) {
      const ev = this.workbook.evaluate;
      return ev ? ev(this.name, `${columnName(col)}${row + 1}`, c.formula, this.workbook) : null;
    }
    return c.value;
  }

  formulaAt(row: number, col: number): string | number | boolean {
    const c = this.cellAt(row, col);
    if (!c) return '';
    return c.formula ?? c.value;
  }

  numberFormatAt(row: number, col: number): string {
    return this.cellAt(row, col)?.numberFormat ?? 'General';
  }

  styleAt(row: number, col: number): Required<FakeCellStyle> {
    return { ...DEFAULT_STYLE, ...(this.cellAt(row, col)?.style ?? {}) };
  }

  textAt(row: number, col: number): string {
    return formatText(this.valueAt(row, col), this.numberFormatAt(row, col));
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(row: number): number {
    return this.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  /**
   * Bounding box of the used cells. With `valuesOnly`, only cells holding a value
   * or formula count; otherwise formatted cells count too (as in Excel).
   */
  usedRect(valuesOnly = false): Rect | null {
    let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
    for (const [key, cell] of this.cells) {
      const hasValue = cell.value !== '' || cell.formula !== undefined;
      if (!hasValue && valuesOnly) continue;
      const row = Math.floor(key / CELL_KEY_STRIDE);
      const col = key % CELL_KEY_STRIDE;
      if (row < r1) r1 = row;
      if (row > r2) r2 = row;
      if (col < c1) c1 = col;
      if (col > c2) c2 = col;
    }
    return r2 < 0 ? null : { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
  }

  // ---- inspection helpers for tests (addresses are unqualified A1) ----

  private rectOf(address?: string): Rect | null {
    if (address === undefined) return this.usedRect();
    const rect = parseA1(address);
    if (!rect) throw new Error(`fake Excel: bad address '${address}'`);
    return rect;
  }

  private grid<T>(address: string | undefined, read: (row: number, col: number) => T): T[][] {
    const rect = this.rectOf(address);
    if (!rect) return [];
    const out: T[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const line: T[] = [];
      for (let c = 0; c < rect.cols; c++) line.push(read(rect.row + r, rect.col + c));
      out.push(line);
    }
    return out;
  }

  /** Values of `address` (default: the used range), formulas evaluated. */
  values(address?: string): CellValue[][] {
    return this.grid(address, (r, c) => this.valueAt(r, c));
  }

  /** Formulas of `address` (constants for non-formula cells, like Range.formulas). */
  formulas(address?: string): (string | number | boolean)[][] {
    return this.grid(address, (r, c) => this.formulaAt(r, c));
  }

  numberFormats(address?: string): string[][] {
    return this.grid(address, (r, c) => this.numberFormatAt(r, c));
  }

  cell(address: string): FakeCellView {
    const rect = this.rectOf(address)!;
    const { row, col } = rect;
    const c = this.cellAt(row, col);
    return {
      value: this.valueAt(row, col),
      formula: c?.formula ?? null,
      numberFormat: this.numberFormatAt(row, col),
      text: this.textAt(row, col),
      style: this.styleAt(row, col),
      hyperlink: c?.hyperlink ? { ...c.hyperlink } : null,
    };
  }

  /** The data validation covering a cell (`C3`), or null. */
  validation(address: string): FakeDataValidation | null {
    const { row, col } = this.rectOf(address)!;
    return this.dataValidations.find((v) => intersects(v.rect, { row, col, rows: 1, cols: 1 })) ?? null;
  }

  /** Whether a write to these cells is refused: the sheet is protected and one of them is locked. */
  lockedIn(rect: Rect): boolean {
    if (!this.protection.protected) return false;
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) if (this.styleAt(r, c).locked) return true;
    }
    return false;
  }

  /** Merged areas as unqualified addresses, e.g. ["A3:A4"]. */
  get merges(): string[] {
    return this.mergeRects.map(formatRect);
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;
  /** Workbook settings (context.workbook.settings), JSON values. */
  readonly settings = new Map<string, unknown>();
  evaluate: FormulaEvaluator | undefined;
  /** Worksheet.onChanged handlers, by sheet; called after a batch that changed the sheet's cells. */
  readonly changeHandlers: { sheet: FakeSheet; handler: (event: unknown) => unknown }[] = [];
  /** context.runtime.enableEvents: false silences every handler (the add-in's own writes). */
  enableEvents = true;
  /** Batches in which the add-in suspended calculation (Application.suspendApiCalculationUntilNextSync). */
  calculationSuspensions = 0;

  /** Case-insensitive, like Excel's sheet names. */
  findSheet(name: string): FakeSheet | undefined {
    const key = name.toLocaleUpperCase();
    return this.sheets.find((s) => s.name.toLocaleUpperCase() === key);
  }

  /** For tests: the sheet, or an Error naming the sheets that exist. */
  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`fake Excel: no sheet '${name}' (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(this, name);
    this.sheets.push(sheet);
    if (!this.active) this.active = sheet;
    return sheet;
  }

  /** After deleting or hiding the active sheet Excel moves to the nearest visible one. */
  ensureVisibleActive(previousIndex = 0): void {
    if (this.active && !this.active.deleted && this.active.visibility === 'Visible') return;
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    this.active = visible.find((s) => s.position >= previousIndex) ?? visible[visible.length - 1] ?? null;
  }
}

/** Excel's rules for a sheet name (the UI and the API reject the same names). */
export function validSheetName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length >= 1 && name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    !name.startsWith("'") && !name.endsWith("'") &&
    name.toLowerCase() !== 'history'
  );
}

// ---------------------------------------------------------------------------
// Writing: Excel parses a string written through `values`/`formulas` the way it
// parses typing. That is where real add-ins lose leading zeros or get formulas
// they did not intend, so the fake does the same.
// ---------------------------------------------------------------------------

export type CoercedInput =
  | { kind: 'clear' }
  | { kind: 'value'; value: string | number | boolean; formatHint?: string }
  | { kind: 'formula'; formula: string };

const NUMBER_RE = /^[+-]?(\d+(,\d{3})*(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/** Days since 1899-12-30, Excel's date serial. */
export function dateSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
}

export function coerceInput(raw: unknown, currentFormat: string, location: string): CoercedInput {
  if (typeof raw === 'number') return { kind: 'value', value: raw };
  if (typeof raw === 'boolean') return { kind: 'value', value: raw };
  if (typeof raw !== 'string') throw officeError('InvalidArgument', location);
  if (raw === '') return { kind: 'clear' };
  if (raw.startsWith("'")) return { kind: 'value', value: raw.slice(1) };
  if (currentFormat === '@') return { kind: 'value', value: raw };
  if (raw.length > 1 && raw.startsWith('=')) return { kind: 'formula', formula: raw };
  const t = raw.trim();
  if (NUMBER_RE.test(t)) return { kind: 'value', value: Number(t.replace(/,/g, '')) };
  if (PERCENT_RE.test(t)) {
    const decimals = t.includes('.');
    return { kind: 'value', value: Number(t.slice(0, -1)) / 100, formatHint: decimals ? '0.00%' : '0%' };
  }
  const date = ISO_DATE_RE.exec(t);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const js = new Date(Date.UTC(y, m - 1, d));
    if (js.getUTCMonth() === m - 1 && js.getUTCDate() === d) {
      return { kind: 'value', value: dateSerial(y, m, d), formatHint: 'yyyy/m/d' };
    }
  }
  if (/^(true|false)$/i.test(t)) return { kind: 'value', value: t.toLowerCase() === 'true' };
  // Typed "+x" / "-x" becomes the formula "=+x" / "=-x" in Excel.
  if (raw.length > 1 && (raw.startsWith('+') || raw.startsWith('-'))) return { kind: 'formula', formula: '=' + raw };
  return { kind: 'value', value: raw };
}

// ---------------------------------------------------------------------------
// Display text (Range.text). Covers General and the simple formats an add-in
// writes; anything fancier falls back to General.
// ---------------------------------------------------------------------------

function general(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n !== 0 && (Math.abs(n) >= 1e11 || Math.abs(n) < 1e-9)) {
    return n.toExponential(5).replace(/\.?0+e/, 'E').replace(/E([+-])(\d)$/, 'E$10$2').toUpperCase();
  }
  return String(Number(n.toPrecision(10)));
}

function grouped(n: number, decimals: number): string {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (n < 0 ? '-' : '') + withCommas + (frac ? '.' + frac : '');
}

function formatDate(serial: number, fmt: string): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  return fmt
    .replace(/yyyy/g, String(y))
    .replace(/yy/g, String(y).slice(-2))
    .replace(/mm/g, String(m).padStart(2, '0'))
    .replace(/(^|[^m])m(?!m)/g, `$1${m}`)
    .replace(/dd/g, String(day).padStart(2, '0'))
    .replace(/(^|[^d])d(?!d)/g, `$1${day}`);
}

export function formatText(value: CellValue, fmt: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const f = fmt.split(';')[0];
  let m: RegExpExecArray | null;
  if ((m = /^(#,##)?0(\.(0+))?$/.exec(f))) {
    const decimals = m[3]?.length ?? 0;
    return m[1] ? grouped(value, decimals) : value.toFixed(decimals);
  }
  if ((m = /^0(\.(0+))?%$/.exec(f))) return (value * 100).toFixed(m[2]?.length ?? 0) + '%';
  if (/^[ymd/\-.\s]+$/.test(f) && /[yd]/.test(f)) return formatDate(value, f);
  return general(value);
}

/** Rough display width in characters (CJK counts double), for autofit. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

// ---------------------------------------------------------------------------
// Seeding from plain data
// ---------------------------------------------------------------------------

export type SeedValue = string | number | boolean | null | undefined | Date;

export interface FakeSheetSeed {
  name: string;
  /** Rows of values placed at `start`; strings beginning with "=" become formulas. */
  values?: SeedValue[][];
  /** Top-left cell of `values`, default "A1". */
  start?: string;
  /** Range address → number format, applied to every cell in the range. */
  numberFormats?: Record<string, string>;
  /** Merged areas, e.g. ["A3:A4"]. */
  merges?: string[];
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor?: string;
}

export interface FakeWorkbookData {
  /** Either sheet name → rows of values (in key order), or full sheet seeds in order. */
  sheets?: Record<string, SeedValue[][]> | FakeSheetSeed[];
  /** Merged areas per sheet name (handy with the record form of `sheets`). */
  merges?: Record<string, string[]>;
  settings?: Record<string, unknown>;
  /** Name of the active sheet; default the first. */
  activeSheet?: string;
}

function seedRect(address: string): Rect {
  const rect = parseA1(address);
  if (!rect) throw new Error(`fake Excel: bad seed address '${address}'`);
  return rect;
}

function seedCellValue(sheet: FakeSheet, row: number, col: number, v: SeedValue): void {
  if (v === null || v === undefined || v === '') return;
  const cell = sheet.ensureCell(row, col);
  if (v instanceof Date) {
    cell.value = dateSerial(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    cell.numberFormat = 'yyyy/m/d';
  } else if (typeof v === 'string' && v.length > 1 && v.startsWith('=')) {
    cell.formula = v;
  } else {
    cell.value = v;
  }
}

/** Builds the host-side workbook. Seeded strings are stored as-is (text stays text). */
export function buildWorkbook(data: FakeWorkbookData = {}, evaluate?: FormulaEvaluator): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.evaluate = evaluate;
  const seeds: FakeSheetSeed[] = Array.isArray(data.sheets)
    ? data.sheets
    : Object.entries(data.sheets ?? { Sheet1: [] }).map(([name, values]) => ({ name, values }));
  if (seeds.length === 0) seeds.push({ name: 'Sheet1' });
  for (const seed of seeds) {
    if (!validSheetName(seed.name)) throw new Error(`fake Excel: invalid sheet name '${seed.name}'`);
    if (wb.findSheet(seed.name)) throw new Error(`fake Excel: duplicate sheet '${seed.name}'`);
    const sheet = wb.addSheet(seed.name);
    const origin = seedRect(seed.start ?? 'A1');
    (seed.values ?? []).forEach((line, r) =>
      line.forEach((v, c) => seedCellValue(sheet, origin.row + r, origin.col + c, v)),
    );
    for (const [address, fmt] of Object.entries(seed.numberFormats ?? {})) {
      const rect = seedRect(address);
      for (let r = 0; r < rect.rows; r++)
        for (let c = 0; c < rect.cols; c++) sheet.ensureCell(rect.row + r, rect.col + c).numberFormat = fmt;
    }
    for (const m of [...(seed.merges ?? []), ...(data.merges?.[seed.name] ?? [])]) sheet.mergeRects.push(seedRect(m));
    if (seed.visibility) sheet.visibility = seed.visibility;
    if (seed.tabColor) sheet.tabColor = normalizeColor(seed.tabColor, 'seed');
  }
  for (const name of Object.keys(data.merges ?? {})) wb.sheet(name); // typo guard
  for (const [k, v] of Object.entries(data.settings ?? {})) wb.settings.set(k, JSON.parse(JSON.stringify(v)));
  wb.active = data.activeSheet ? wb.sheet(data.activeSheet) : null;
  wb.ensureVisibleActive();
  return wb;
}
