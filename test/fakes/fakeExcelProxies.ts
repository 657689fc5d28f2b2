/**
 * The Excel API objects the add-in uses (workbook, worksheets, settings,
 * charts, ranges, formats, conditional formats, merged areas), built on the
 * mechanics in fakeExcelCore.ts and acting on the document in fakeExcelState.ts.
 *
 * Each type lists its scalar properties (get = what a load returns at that
 * point of the batch, set = what a queued assignment does at sync) and its
 * navigation properties; methods queue operations or instantiate child objects.
 */

import {
  CellValue, DEFAULT_STYLE, FakeCell, FakeCellStyle, FakeChart, FakeConditionalFormat, FakeDataValidation, FakeSheet, FakeWorkbook,
  MAX_CELLS_PER_READ, Rect, SHAPE_MISMATCH_MESSAGE, cellCount, coerceInput, contains, displayWidth, formatRect,
  intersects, normalizeColor, notImplemented, officeError, parseA1, qualifiedAddress, rectInSheet, splitSheetAddress,
  validSheetName,
} from './fakeExcelState';
import {
  Derive, FakeClientObject, FakeCollection, FakeRequestContext, FakeRuntime, ScalarSpec, defineApi, make, plainType,
} from './fakeExcelCore';

/** A fresh request context for one Excel.run. */
export function createContext(rt: FakeRuntime): FakeRequestContext {
  const ctx = make(new FakeRequestContext(rt));
  ctx.workbook = make(new WorkbookProxy(ctx, rt.workbook));
  ctx.application = make(new ApplicationProxy(ctx, rt.workbook));
  ctx.runtime = make(new RuntimeProxy(ctx, rt.workbook));
  return ctx;
}

// ---------------------------------------------------------------------------
// Helpers for host-side checks
// ---------------------------------------------------------------------------

interface RangeBound {
  sheet: FakeSheet;
  rect: Rect;
}
interface AreasBound {
  sheet: FakeSheet;
  rects: Rect[];
}

function int(v: unknown, loc: string, min = -Infinity): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw officeError('InvalidArgument', loc);
  return v;
}

function rangeAt(sheet: FakeSheet, rect: Rect, loc: string): RangeBound {
  if (!rectInSheet(rect)) throw officeError('InvalidArgument', loc);
  return { sheet, rect };
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], loc: string): T {
  if (!allowed.includes(v as T)) throw officeError('InvalidArgument', loc);
  return v as T;
}

function forEachCell(rect: Rect, fn: (row: number, col: number, r: number, c: number) => void): void {
  for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) fn(rect.row + r, rect.col + c, r, c);
}

function readGrid<T>(b: RangeBound, loc: string, read: (row: number, col: number) => T): T[][] {
  if (cellCount(b.rect) > MAX_CELLS_PER_READ) throw officeError('RangeExceedsLimit', loc);
  const out: T[][] = [];
  for (let r = 0; r < b.rect.rows; r++) {
    const line: T[] = new Array(b.rect.cols);
    for (let c = 0; c < b.rect.cols; c++) line[c] = read(b.rect.row + r, b.rect.col + c);
    out.push(line);
  }
  return out;
}

/** The one value all cells share, or null when they differ (Excel's rule for format reads). */
function uniform<T>(b: RangeBound, read: (row: number, col: number) => T): T | null {
  let first: T | undefined;
  let mixed = false;
  forEachCellUntil(b.rect, (row, col) => {
    const v = read(row, col);
    if (first === undefined) first = v;
    else if (v !== first) mixed = true;
    return mixed;
  });
  return mixed || first === undefined ? null : first;
}

function forEachCellUntil(rect: Rect, fn: (row: number, col: number) => boolean): void {
  for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) if (fn(rect.row + r, rect.col + c)) return;
}

/** Writes values / formulas / numberFormat with Excel's shape and null rules. */
function writeGrid(b: RangeBound, input: unknown, mode: 'values' | 'formulas' | 'numberFormat', loc: string): void {
  const { sheet, rect } = b;
  if (input === null || input === undefined) throw officeError('InvalidArgument', loc); // null is no valid single value
  if (sheet.lockedIn(rect)) throw officeError('AccessDenied', loc); // a locked cell of a protected sheet
  let at: (r: number, c: number) => unknown;
  if (Array.isArray(input)) {
    const grid = input as unknown[];
    if (grid.length !== rect.rows || !grid.every((row) => Array.isArray(row) && row.length === rect.cols)) {
      throw officeError('InvalidArgument', loc, SHAPE_MISMATCH_MESSAGE);
    }
    at = (r, c) => (grid as unknown[][])[r][c];
  } else {
    // A single value fills the whole range (Excel accepts it despite the typings).
    if (mode !== 'numberFormat' && cellCount(rect) > 1 && typeof input === 'string' &&
        coerceInput(input, 'General', loc).kind === 'formula') {
      throw notImplemented('one formula written to a multi-cell range (Excel shifts its relative references)');
    }
    at = () => input;
  }
  // Validate every cell first: a bad element fails the operation with nothing written.
  forEachCell(rect, (_row, _col, r, c) => {
    const v = at(r, c);
    const ok = v === null || typeof v === 'string' || (mode !== 'numberFormat' && (typeof v === 'number' || typeof v === 'boolean'));
    if (!ok) throw officeError('InvalidArgument', loc);
  });
  forEachCell(rect, (row, col, r, c) => {
    const v = at(r, c);
    if (v === null) return; // null leaves the cell unchanged
    if (mode === 'numberFormat') {
      const cell = sheet.ensureCell(row, col);
      if (v === '' || v === 'General') delete cell.numberFormat;
      else cell.numberFormat = v as string;
      sheet.pruneCell(row, col);
      return;
    }
    const current = sheet.numberFormatAt(row, col);
    const x = coerceInput(v, current, loc);
    if (x.kind === 'clear') {
      const cell = sheet.cellAt(row, col);
      if (cell) { cell.value = ''; delete cell.formula; sheet.pruneCell(row, col); }
      return;
    }
    const cell = sheet.ensureCell(row, col);
    if (x.kind === 'formula') {
      cell.value = '';
      cell.formula = x.formula;
    } else {
      cell.value = x.value;
      delete cell.formula;
      if (x.formatHint && current === 'General') cell.numberFormat = x.formatHint;
    }
  });
}

/** Uniform-or-null for a style key, without visiting empty cells one by one. */
function uniformStyle<K extends keyof FakeCellStyle>(b: RangeBound, key: K): FakeCellStyle[K] | null {
  const values = new Set<unknown>();
  const seen = b.sheet.storedCellsIn(b.rect, (_r, _c, cell) => { values.add(cell.style?.[key] ?? DEFAULT_STYLE[key]); });
  if (seen < cellCount(b.rect)) values.add(DEFAULT_STYLE[key]);
  return values.size === 1 ? ([...values][0] as FakeCellStyle[K]) : null;
}

function writeStyle<K extends keyof FakeCellStyle>(b: RangeBound, key: K, value: FakeCellStyle[K], loc = 'RangeFormat'): void {
  // A protected sheet refuses format changes unless its protection allows formatting cells.
  if (b.sheet.protection.protected && b.sheet.protection.options.allowFormatCells !== true) throw officeError('AccessDenied', loc);
  forEachCell(b.rect, (row, col) => {
    const cell = b.sheet.ensureCell(row, col);
    cell.style = { ...cell.style, [key]: value };
  });
}

function styleSpec<K extends keyof FakeCellStyle>(key: K, check: (v: unknown, loc: string) => FakeCellStyle[K]): ScalarSpec {
  return {
    get: (b: RangeBound) => uniformStyle(b, key),
    set: (b: RangeBound, v, loc) => writeStyle(b, key, check(v, loc), loc),
  };
}

const asBool = (v: unknown, loc: string): boolean => {
  if (typeof v !== 'boolean') throw officeError('InvalidArgument', loc);
  return v;
};
const asNumber = (v: unknown, loc: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw officeError('InvalidArgument', loc);
  return v;
};
const asString = (v: unknown, loc: string): string => {
  if (typeof v !== 'string') throw officeError('InvalidArgument', loc);
  return v;
};

const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#UNKNOWN!']);

function valueType(v: CellValue): string {
  if (v === '' || v === null) return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return ERROR_VALUES.has(v) ? 'Error' : 'String';
}

/** Resolves a cell argument given as a Range proxy or an address string. */
function cellArg(arg: unknown, proxy: unknown, sheet: FakeSheet, loc: string): Rect {
  if (proxy instanceof FakeClientObject) return (proxy._resolveLive(loc) as RangeBound).rect;
  if (typeof arg !== 'string') throw officeError('InvalidArgument', loc);
  const { sheet: other, ref } = splitSheetAddress(arg);
  if (other !== undefined && sheet.workbook.findSheet(other) !== sheet) throw officeError('InvalidArgument', loc);
  const rect = parseA1(ref);
  if (!rect) throw officeError('InvalidArgument', loc);
  return rect;
}

// ---------------------------------------------------------------------------
// Workbook, worksheets, settings
// ---------------------------------------------------------------------------

/** A top-level object of the context (workbook, application, runtime), bound to the workbook itself. */
class WorkbookBound extends FakeClientObject {
  constructor(ctx: FakeRequestContext, type: string, wb: FakeWorkbook) {
    super(ctx, type);
    this._bound = wb;
    this._isNull = false;
  }
}

export class WorkbookProxy extends WorkbookBound {
  constructor(ctx: FakeRequestContext, wb: FakeWorkbook) {
    super(ctx, 'Workbook', wb);
  }

  getSelectedRange(): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getSelectedRange', [], (wb: FakeWorkbook) => {
      const sheet = wb.active!;
      return { sheet, rect: { ...sheet.selection } };
    });
  }
}

/**
 * Excel.Application, for what the add-in asks of it. The fake computes a formula when its cell is
 * read, so suspending calculation changes nothing it can show; the request is counted for tests.
 */
export class ApplicationProxy extends WorkbookBound {
  constructor(ctx: FakeRequestContext, wb: FakeWorkbook) {
    super(ctx, 'Application', wb);
  }

  suspendApiCalculationUntilNextSync(): void {
    this._method('suspendApiCalculationUntilNextSync', [], (wb: FakeWorkbook) => { wb.calculationSuspensions += 1; });
  }
}

/** Excel.Runtime: whether events are raised (ExcelApi 1.8). */
export class RuntimeProxy extends WorkbookBound {
  constructor(ctx: FakeRequestContext, wb: FakeWorkbook) {
    super(ctx, 'Runtime', wb);
  }
}
defineApi(RuntimeProxy, {
  enableEvents: { get: (wb: FakeWorkbook) => wb.enableEvents, set: (wb: FakeWorkbook, v, loc) => { wb.enableEvents = asBool(v, loc); } },
});

/**
 * Worksheet.onChanged. The handler is registered when the batch runs, as in Office.js; the result's
 * remove() acts at once (the fake does not queue it).
 */
export class WorksheetChangedProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'EventHandlers', parent, (sheet: FakeSheet) => sheet);
  }

  add(handler: (event: unknown) => unknown): { remove(): void } {
    let entry: { sheet: FakeSheet; handler: (event: unknown) => unknown } | undefined;
    this._method('add', [], (sheet: FakeSheet) => {
      entry = { sheet, handler };
      sheet.workbook.changeHandlers.push(entry);
    });
    return {
      remove: () => {
        if (entry) removeWhere(entry.sheet.workbook.changeHandlers, (h) => h === entry);
      },
    };
  }
}

export class WorksheetCollectionProxy extends FakeCollection {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'WorksheetCollection', parent, (wb) => wb);
  }

  override _itemsOf(wb: FakeWorkbook): FakeSheet[] {
    return [...wb.sheets];
  }

  override _newItem(): FakeClientObject {
    return new WorksheetProxy(this.context);
  }

  getItem(key: string): WorksheetProxy {
    return this._child(new WorksheetProxy(this.context), 'getItem', [key], (wb: FakeWorkbook, [k], loc) => {
      const sheet = typeof k === 'string' ? wb.findSheet(k) : undefined;
      if (!sheet) throw officeError('ItemNotFound', loc);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return this._child(new WorksheetProxy(this.context), 'getItemOrNullObject', [key],
      (wb: FakeWorkbook, [k]) => (typeof k === 'string' ? wb.findSheet(k) ?? null : null));
  }

  add(name?: string): WorksheetProxy {
    return this._child(new WorksheetProxy(this.context), 'add', [name ?? null], (wb: FakeWorkbook, [n], loc) => {
      let sheetName = n as string | null;
      if (sheetName === null) {
        let i = wb.sheets.length + 1;
        while (wb.findSheet(`Sheet${i}`)) i++;
        sheetName = `Sheet${i}`;
      }
      if (!validSheetName(sheetName)) throw officeError('InvalidArgument', loc);
      if (wb.findSheet(sheetName)) throw officeError('ItemAlreadyExists', loc);
      return wb.addSheet(sheetName);
    });
  }

  getActiveWorksheet(): WorksheetProxy {
    return this._child(new WorksheetProxy(this.context), 'getActiveWorksheet', [], (wb: FakeWorkbook) => wb.active);
  }
}

export class WorksheetProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject | null = null, derive: Derive | null = null) {
    super(ctx, 'Worksheet', parent, derive);
  }

  delete(): void {
    this._method('delete', [], (sheet: FakeSheet, _a, loc) => {
      const wb = sheet.workbook;
      const others = wb.sheets.filter((s) => s !== sheet && s.visibility === 'Visible');
      if (others.length === 0) throw officeError('InvalidOperation', loc);
      const index = sheet.position;
      wb.sheets.splice(index, 1);
      sheet.deleted = true;
      wb.ensureVisibleActive(index);
    });
  }

  activate(): void {
    this._method('activate', [], (sheet: FakeSheet, _a, loc) => {
      if (sheet.visibility !== 'Visible') throw officeError('InvalidOperation', loc);
      sheet.workbook.active = sheet;
    });
  }

  getRange(address?: string): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getRange', [address ?? null], (sheet: FakeSheet, [a], loc) => {
      if (a === null || a === '') return { sheet, rect: { row: 0, col: 0, rows: 1048576, cols: 16384 } };
      return { sheet, rect: cellArg(a, undefined, sheet, loc) };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getRangeByIndexes', [startRow, startColumn, rowCount, columnCount],
      (sheet: FakeSheet, [r, c, rows, cols], loc) =>
        rangeAt(sheet, { row: int(r, loc, 0), col: int(c, loc, 0), rows: int(rows, loc, 1), cols: int(cols, loc, 1) }, loc));
  }

  getCell(row: number, column: number): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getCell', [row, column], (sheet: FakeSheet, [r, c], loc) =>
      rangeAt(sheet, { row: int(r, loc, 0), col: int(c, loc, 0), rows: 1, cols: 1 }, loc));
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getUsedRange', [valuesOnly ?? false], (sheet: FakeSheet, [v]) => ({
      sheet, rect: sheet.usedRect(v === true) ?? { row: 0, col: 0, rows: 1, cols: 1 },
    }));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this._child(new RangeProxy(this.context), 'getUsedRangeOrNullObject', [valuesOnly ?? false],
      (sheet: FakeSheet, [v]) => {
        const rect = sheet.usedRect(v === true);
        return rect ? { sheet, rect } : null;
      });
  }
}

export class FreezePanesProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'WorksheetFreezePanes', parent, (s) => s);
  }

  freezeRows(count = 1): void {
    this._method('freezeRows', [count], (s: FakeSheet, [n], loc) => {
      s.freezePanes.rows = int(n, loc, 0);
      s.freezePanes.columns = 0;
    });
  }

  freezeColumns(count = 1): void {
    this._method('freezeColumns', [count], (s: FakeSheet, [n], loc) => {
      s.freezePanes.columns = int(n, loc, 0);
      s.freezePanes.rows = 0;
    });
  }

  /** The cells of `range` (from A1) become the frozen top-left pane (ExcelApi 1.7). */
  freezeAt(range: RangeProxy | string): void {
    this._method('freezeAt', [range], (s: FakeSheet, _a, loc) => {
      const rect = range instanceof RangeProxy ? (range._resolveLive(loc) as RangeBound).rect : parseA1(asString(range, loc));
      if (!rect) throw officeError('InvalidArgument', loc);
      s.freezePanes.rows = rect.row + rect.rows;
      s.freezePanes.columns = rect.col + rect.cols;
    });
  }

  unfreeze(): void {
    this._method('unfreeze', [], (s: FakeSheet) => {
      s.freezePanes.rows = 0;
      s.freezePanes.columns = 0;
    });
  }
}

/** Worksheet.protection: protect with options and an optional password (none here means none). */
export class WorksheetProtectionProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'WorksheetProtection', parent, (s) => s);
  }

  protect(options?: Record<string, unknown>, password?: string): void {
    this._method('protect', [options ?? null, password ?? null], (s: FakeSheet, [o, p], loc) => {
      if (s.protection.protected) throw officeError('InvalidOperation', loc); // protected already: unprotect first
      if (o !== null && (typeof o !== 'object' || Array.isArray(o))) throw officeError('InvalidArgument', loc);
      const options = { ...(o as Record<string, unknown> | null) };
      for (const [k, v] of Object.entries(options)) {
        if (k === 'selectionMode') oneOf(v, ['Normal', 'Unlocked', 'None'] as const, loc);
        else if (!PROTECTION_OPTIONS.includes(k) || typeof v !== 'boolean') throw officeError('InvalidArgument', loc);
      }
      s.protection = { protected: true, options, password: p === null || p === '' ? null : asString(p, loc) };
    });
  }

  unprotect(password?: string): void {
    this._method('unprotect', [password ?? null], (s: FakeSheet, [p], loc) => {
      if (s.protection.password !== null && p !== s.protection.password) throw officeError('InvalidArgument', loc);
      s.protection = { protected: false, options: {}, password: null };
    });
  }
}

const PROTECTION_OPTIONS = [
  'allowAutoFilter', 'allowDeleteColumns', 'allowDeleteRows', 'allowEditObjects', 'allowEditScenarios', 'allowFormatCells',
  'allowFormatColumns', 'allowFormatRows', 'allowInsertColumns', 'allowInsertHyperlinks', 'allowInsertRows', 'allowPivotTables', 'allowSort',
];

defineApi(WorksheetProtectionProxy, {
  protected: { get: (s: FakeSheet) => s.protection.protected },
  options: { get: (s: FakeSheet) => ({ ...s.protection.options }) },
});

/** Worksheet.autoFilter (ExcelApi 1.9): the filter buttons over a range; criteria are not modelled. */
export class AutoFilterProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'AutoFilter', parent, (s) => s);
  }

  apply(range: RangeProxy | string, columnIndex?: number, criteria?: unknown): void {
    this._method('apply', [range, columnIndex ?? null, criteria ?? null], (s: FakeSheet, [, col, crit], loc) => {
      if (col !== null || crit !== null) throw notImplemented('AutoFilter.apply with criteria');
      const rect = range instanceof RangeProxy ? (range._resolveLive(loc) as RangeBound).rect : parseA1(asString(range, loc));
      if (!rect) throw officeError('InvalidArgument', loc);
      s.autoFilter = { ...rect };
    });
  }

  remove(): void {
    this._method('remove', [], (s: FakeSheet) => { s.autoFilter = null; });
  }
}
defineApi(AutoFilterProxy, {
  enabled: { get: (s: FakeSheet) => s.autoFilter !== null },
});

const PageLayoutProxy = plainType('PageLayout');
defineApi(PageLayoutProxy, {
  orientation: {
    get: (s: FakeSheet) => s.pageLayout.orientation,
    set: (s: FakeSheet, v, loc) => { s.pageLayout.orientation = oneOf(v, ['Portrait', 'Landscape'] as const, loc); },
  },
  zoom: {
    get: (s: FakeSheet) => ({ ...s.pageLayout.zoom }),
    set: (s: FakeSheet, v, loc) => {
      if (!v || typeof v !== 'object') throw officeError('InvalidArgument', loc);
      s.pageLayout.zoom = { ...(v as Record<string, number>) };
    },
  },
});

defineApi(WorksheetProxy, {
  name: {
    get: (s: FakeSheet) => s.name,
    set: (s: FakeSheet, v, loc) => {
      if (!validSheetName(v)) throw officeError('InvalidArgument', loc);
      const other = s.workbook.findSheet(v);
      if (other && other !== s) throw officeError('ItemAlreadyExists', loc);
      s.name = v;
    },
  },
  id: { get: (s: FakeSheet) => s.id },
  position: {
    get: (s: FakeSheet) => s.position,
    set: (s: FakeSheet, v, loc) => {
      const sheets = s.workbook.sheets;
      const to = int(v, loc, 0);
      if (to >= sheets.length) throw officeError('InvalidArgument', loc);
      sheets.splice(s.position, 1);
      sheets.splice(to, 0, s);
    },
  },
  visibility: {
    get: (s: FakeSheet) => s.visibility,
    set: (s: FakeSheet, v, loc) => {
      const vis = oneOf(v, ['Visible', 'Hidden', 'VeryHidden'] as const, loc);
      if (vis !== 'Visible' && !s.workbook.sheets.some((o) => o !== s && o.visibility === 'Visible')) {
        throw officeError('InvalidOperation', loc); // a workbook keeps one visible sheet
      }
      s.visibility = vis;
      s.workbook.ensureVisibleActive(s.position);
    },
  },
  tabColor: {
    get: (s: FakeSheet) => s.tabColor,
    set: (s: FakeSheet, v, loc) => { s.tabColor = v === '' ? '' : normalizeColor(v, loc); },
  },
  showGridlines: {
    get: (s: FakeSheet) => s.showGridlines,
    set: (s: FakeSheet, v, loc) => { s.showGridlines = asBool(v, loc); },
  },
}, {
  freezePanes: (self: FakeClientObject) => new FreezePanesProxy(self.context, self),
  protection: (self: FakeClientObject) => new WorksheetProtectionProxy(self.context, self),
  autoFilter: (self: FakeClientObject) => new AutoFilterProxy(self.context, self),
  onChanged: (self: FakeClientObject) => new WorksheetChangedProxy(self.context, self),
  pageLayout: (self: FakeClientObject) => new PageLayoutProxy(self.context, self, (s) => s),
  charts: (self: FakeClientObject) => new ChartCollectionProxy(self.context, self),
});

export class SettingCollectionProxy extends FakeCollection {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'SettingCollection', parent, (wb) => wb);
  }

  override _itemsOf(wb: FakeWorkbook): unknown[] {
    return [...wb.settings.keys()].map((key) => ({ wb, key }));
  }

  override _newItem(): FakeClientObject {
    return new SettingProxy(this.context);
  }

  add(key: string, value: unknown): SettingProxy {
    return this._child(new SettingProxy(this.context), 'add', [key, value], (wb: FakeWorkbook, [k, v], loc) => {
      if (typeof k !== 'string' || k === '' || v === undefined) throw officeError('InvalidArgument', loc);
      wb.settings.set(k, v); // already a JSON copy: settings hold JSON values
      return { wb, key: k };
    });
  }

  getItem(key: string): SettingProxy {
    return this._child(new SettingProxy(this.context), 'getItem', [key], (wb: FakeWorkbook, [k], loc) => {
      if (!wb.settings.has(k)) throw officeError('ItemNotFound', loc);
      return { wb, key: k };
    });
  }

  getItemOrNullObject(key: string): SettingProxy {
    return this._child(new SettingProxy(this.context), 'getItemOrNullObject', [key],
      (wb: FakeWorkbook, [k]) => (wb.settings.has(k) ? { wb, key: k } : null));
  }
}

interface SettingBound {
  wb: FakeWorkbook;
  key: string;
}

function liveSetting(b: SettingBound, loc: string): SettingBound {
  if (!b.wb.settings.has(b.key)) throw officeError('ItemNotFound', loc);
  return b;
}

export class SettingProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'Setting');
  }

  delete(): void {
    this._method('delete', [], (b: SettingBound, _a, loc) => { liveSetting(b, loc).wb.settings.delete(b.key); });
  }
}
defineApi(SettingProxy, {
  key: { get: (b: SettingBound) => b.key },
  value: {
    get: (b: SettingBound) => liveSetting(b, 'Setting.value').wb.settings.get(b.key),
    set: (b: SettingBound, v, loc) => { liveSetting(b, loc).wb.settings.set(b.key, v); },
  },
});

defineApi(WorkbookProxy, {}, {
  worksheets: (self: FakeClientObject) => new WorksheetCollectionProxy(self.context, self),
  settings: (self: FakeClientObject) => new SettingCollectionProxy(self.context, self),
});

// ---------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------

export class ChartCollectionProxy extends FakeCollection {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'ChartCollection', parent, (s) => s);
  }

  override _itemsOf(sheet: FakeSheet): FakeChart[] {
    return sheet.charts.filter((c) => !c.deleted);
  }

  override _newItem(): FakeClientObject {
    return new ChartProxy(this.context);
  }

  add(type: string, sourceData: FakeClientObject, seriesBy: string = 'Auto'): ChartProxy {
    return this._child(new ChartProxy(this.context), 'add', [type, sourceData, seriesBy], (sheet: FakeSheet, [t, , by], loc) => {
      if (!(sourceData instanceof RangeProxy)) throw officeError('InvalidArgument', loc);
      const src = sourceData._resolveLive(loc) as RangeBound;
      sheet.chartCounter += 1;
      const chart: FakeChart = {
        sheet, name: `Chart ${sheet.chartCounter}`, chartType: asString(t, loc),
        sourceAddress: qualifiedAddress(src.sheet.name, src.rect), seriesBy: oneOf(by, ['Auto', 'Columns', 'Rows'] as const, loc),
        title: '', position: null, valueAxis: { minimum: null, maximum: null }, categoryAxis: { minimum: null, maximum: null },
        seriesTypes: {}, deleted: false,
      };
      sheet.charts.push(chart);
      return chart;
    });
  }

  getItemOrNullObject(name: string): ChartProxy {
    return this._child(new ChartProxy(this.context), 'getItemOrNullObject', [name],
      (sheet: FakeSheet, [n]) => sheet.charts.find((c) => !c.deleted && c.name === n) ?? null);
  }

  getItem(name: string): ChartProxy {
    return this._child(new ChartProxy(this.context), 'getItem', [name], (sheet: FakeSheet, [n], loc) => {
      const chart = sheet.charts.find((c) => !c.deleted && c.name === n);
      if (!chart) throw officeError('ItemNotFound', loc);
      return chart;
    });
  }
}

export class ChartProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'Chart');
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    this._method('setPosition', [startCell, endCell ?? null], (chart: FakeChart, [s, e], loc) => {
      const start = cellArg(s, startCell, chart.sheet, loc);
      const end = endCell === undefined || endCell === null ? null : cellArg(e, endCell, chart.sheet, loc);
      chart.position = { startCell: formatRect(start), endCell: end ? formatRect(end) : null };
    });
  }

  delete(): void {
    this._method('delete', [], (chart: FakeChart) => { chart.deleted = true; });
  }
}

const ChartTitleProxy = plainType('ChartTitle');
defineApi(ChartTitleProxy, {
  text: { get: (c: FakeChart) => c.title, set: (c: FakeChart, v, loc) => { c.title = asString(v, loc); } },
});

const ChartAxisProxy = plainType('ChartAxis');
const axisBound = (v: unknown, loc: string): number | null => {
  if (v === '' || v === null) return null; // back to automatic
  if (typeof v !== 'number' || !Number.isFinite(v)) throw officeError('InvalidArgument', loc);
  return v;
};
defineApi(ChartAxisProxy, {
  minimum: { get: (a: FakeChart['valueAxis']) => a.minimum, set: (a: FakeChart['valueAxis'], v, loc) => { a.minimum = axisBound(v, loc); } },
  maximum: { get: (a: FakeChart['valueAxis']) => a.maximum, set: (a: FakeChart['valueAxis'], v, loc) => { a.maximum = axisBound(v, loc); } },
});

const ChartAxesProxy = plainType('ChartAxes');
defineApi(ChartAxesProxy, {}, {
  valueAxis: (self: FakeClientObject) => new ChartAxisProxy(self.context, self, (c: FakeChart) => c.valueAxis),
  categoryAxis: (self: FakeClientObject) => new ChartAxisProxy(self.context, self, (c: FakeChart) => c.categoryAxis),
});

/** One series, addressed by index: enough to draw one series as a line over the others' columns. */
interface SeriesRef {
  chart: FakeChart;
  index: number;
}
const ChartSeriesProxy = plainType('ChartSeries');
defineApi(ChartSeriesProxy, {
  chartType: {
    get: (s: SeriesRef) => s.chart.seriesTypes[s.index] ?? s.chart.chartType,
    set: (s: SeriesRef, v, loc) => { s.chart.seriesTypes[s.index] = asString(v, loc); },
  },
});

/** Series count as Excel derives it from the source: one per column (or row) after the category column. */
function seriesCount(chart: FakeChart): number {
  const rect = parseA1(chart.sourceAddress.slice(chart.sourceAddress.lastIndexOf('!') + 1));
  if (!rect) return 0;
  return Math.max(0, (chart.seriesBy === 'Rows' ? rect.rows : rect.cols) - 1);
}

class ChartSeriesCollectionProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject, derive: Derive) {
    super(ctx, 'ChartSeriesCollection', parent, derive);
  }

  getItemAt(index: number): FakeClientObject {
    return new ChartSeriesProxy(this.context, this, ((chart: FakeChart): SeriesRef => {
      if (!Number.isInteger(index) || index < 0 || index >= seriesCount(chart)) throw officeError('InvalidArgument', 'ChartSeriesCollection.getItemAt');
      return { chart, index };
    }) as Derive);
  }
}

defineApi(ChartProxy, {
  name: { get: (c: FakeChart) => c.name, set: (c: FakeChart, v, loc) => { c.name = asString(v, loc); } },
  chartType: { get: (c: FakeChart) => c.chartType, set: (c: FakeChart, v, loc) => { c.chartType = asString(v, loc); } },
}, {
  title: (self: FakeClientObject) => new ChartTitleProxy(self.context, self, (c) => c),
  axes: (self: FakeClientObject) => new ChartAxesProxy(self.context, self, (c) => c),
  series: (self: FakeClientObject) => new ChartSeriesCollectionProxy(self.context, self, (c) => c),
});

// ---------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------

export class RangeProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject | null = null, derive: Derive | null = null) {
    super(ctx, 'Range', parent, derive);
  }

  private relative(method: string, args: number[], shape: (r: Rect, a: number[], loc: string) => Rect): RangeProxy {
    return this._child(new RangeProxy(this.context), method, args, (b: RangeBound, a: unknown[], loc) =>
      rangeAt(b.sheet, shape(b.rect, a.map((x) => int(x, loc)), loc), loc));
  }

  getCell(row: number, column: number): RangeProxy {
    return this.relative('getCell', [row, column], (r, [dr, dc]) => ({ row: r.row + dr, col: r.col + dc, rows: 1, cols: 1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.relative('getResizedRange', [deltaRows, deltaColumns],
      (r, [dr, dc]) => ({ ...r, rows: r.rows + dr, cols: r.cols + dc }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.relative('getOffsetRange', [rowOffset, columnOffset],
      (r, [dr, dc]) => ({ ...r, row: r.row + dr, col: r.col + dc }));
  }

  getRow(row: number): RangeProxy {
    return this.relative('getRow', [row], (r, [i]) => ({ row: r.row + i, col: r.col, rows: 1, cols: r.cols }));
  }

  getColumn(column: number): RangeProxy {
    return this.relative('getColumn', [column], (r, [i]) => ({ row: r.row, col: r.col + i, rows: r.rows, cols: 1 }));
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return this._child(new RangeAreasProxy(this.context), 'getMergedAreasOrNullObject', [], (b: RangeBound) => {
      const rects = b.sheet.mergeRects.filter((m) => intersects(m, b.rect)).map((m) => ({ ...m }));
      return rects.length ? { sheet: b.sheet, rects } : null;
    });
  }

  clear(applyTo: string = 'All'): void {
    this._method('clear', [applyTo], (b: RangeBound, [what], loc) => {
      const mode = oneOf(what, ['All', 'Formats', 'Contents', 'Hyperlinks', 'RemoveHyperlinks'] as const, loc);
      const { sheet, rect } = b;
      sheet.storedCellsIn(rect, (row, col, cell) => {
        if (mode === 'All' || mode === 'Contents') { cell.value = ''; delete cell.formula; }
        if (mode === 'All' || mode === 'Formats') { delete cell.numberFormat; delete cell.style; }
        if (mode === 'All' || mode === 'Hyperlinks' || mode === 'RemoveHyperlinks') delete cell.hyperlink;
        if (mode === 'Hyperlinks') delete cell.style;
        sheet.pruneCell(row, col);
      });
      if (mode === 'All' || mode === 'Formats') {
        removeWhere(sheet.mergeRects, (m) => intersects(m, rect));
        removeWhere(sheet.conditionalFormats, (cf) => contains(rect, cf.rect));
      }
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9): the source's cells land at this range's top-left, sized as the
   * source. Modelled for what a copy at the same position does (formulas unchanged); a copy to another
   * position would shift relative references, which the fake does not do, so it refuses formulas there.
   */
  copyFrom(source: RangeProxy | string, copyType: string = 'All', skipBlanks = false, transpose = false): void {
    this._method('copyFrom', [source, copyType, skipBlanks, transpose], (b: RangeBound, [, what, skip, turn], loc) => {
      const mode = oneOf(what, ['All', 'Formulas', 'Values', 'Formats'] as const, loc);
      if (skip !== false || turn !== false) throw notImplemented('Range.copyFrom with skipBlanks or transpose');
      let from: RangeBound;
      if (source instanceof RangeProxy) from = source._resolveLive(loc) as RangeBound;
      else {
        const { sheet: name, ref } = splitSheetAddress(asString(source, loc));
        const sheet = name === undefined ? b.sheet : b.sheet.workbook.findSheet(name);
        const rect = parseA1(ref);
        if (!sheet || !rect) throw officeError('InvalidArgument', loc);
        from = { sheet, rect };
      }
      const dr = b.rect.row - from.rect.row;
      const dc = b.rect.col - from.rect.col;
      const target = { row: b.rect.row, col: b.rect.col, rows: from.rect.rows, cols: from.rect.cols };
      const cells: { row: number; col: number; cell: FakeCell }[] = [];
      from.sheet.storedCellsIn(from.rect, (row, col, cell) => {
        if ((dr !== 0 || dc !== 0) && cell.formula !== undefined && mode !== 'Values' && mode !== 'Formats') {
          throw notImplemented('Range.copyFrom of formulas to another position (relative references shift)');
        }
        cells.push({ row, col, cell: { ...cell, style: cell.style && { ...cell.style }, hyperlink: cell.hyperlink && { ...cell.hyperlink } } });
      });
      const values = mode === 'Values' ? cells.map((c) => from.sheet.valueAt(c.row, c.col)) : [];
      // The destination is replaced in what the copy type carries, blanks included.
      b.sheet.storedCellsIn(target, (row, col, cell) => {
        if (mode !== 'Formats') { cell.value = ''; delete cell.formula; }
        if (mode === 'All' || mode === 'Formats') { delete cell.numberFormat; delete cell.style; }
        if (mode === 'All') delete cell.hyperlink;
        b.sheet.pruneCell(row, col);
      });
      cells.forEach(({ row, col, cell }, k) => {
        const to = b.sheet.ensureCell(row + dr, col + dc);
        if (mode === 'All' || mode === 'Formulas') { to.value = cell.value; if (cell.formula !== undefined) to.formula = cell.formula; }
        if (mode === 'Values') { const v = values[k]; to.value = v === null ? '' : v; }
        if (mode === 'All' || mode === 'Formats') { if (cell.numberFormat) to.numberFormat = cell.numberFormat; if (cell.style) to.style = cell.style; }
        if (mode === 'All' && cell.hyperlink) to.hyperlink = cell.hyperlink;
        b.sheet.pruneCell(row + dr, col + dc);
      });
      if (mode === 'All' || mode === 'Formats') {
        for (const m of from.sheet.mergeRects.filter((m) => contains(from.rect, m))) b.sheet.mergeRects.push({ ...m, row: m.row + dr, col: m.col + dc });
        for (const cf of from.sheet.conditionalFormats.filter((cf) => contains(from.rect, cf.rect))) {
          b.sheet.conditionalFormats.push({ ...cf, sheet: b.sheet, rect: { ...cf.rect, row: cf.rect.row + dr, col: cf.rect.col + dc } });
        }
      }
    });
  }

  select(): void {
    this._method('select', [], (b: RangeBound, _a, loc) => {
      if (b.sheet.visibility !== 'Visible') throw officeError('InvalidOperation', loc);
      b.sheet.workbook.active = b.sheet;
      b.sheet.selection = { ...b.rect };
    });
  }

  merge(across = false): void {
    this._method('merge', [across], (b: RangeBound, [acr]) => {
      const { sheet, rect } = b;
      const areas = acr === true
        ? Array.from({ length: rect.rows }, (_, i) => ({ row: rect.row + i, col: rect.col, rows: 1, cols: rect.cols }))
        : [rect];
      for (const area of areas) {
        if (cellCount(area) === 1) continue;
        removeWhere(sheet.mergeRects, (m) => intersects(m, area));
        sheet.mergeRects.push({ ...area });
        // Excel keeps only the upper-left value of a merged area.
        sheet.storedCellsIn(area, (row, col, cell) => {
          if (row === area.row && col === area.col) return;
          cell.value = '';
          delete cell.formula;
          sheet.pruneCell(row, col);
        });
      }
    });
  }

  unmerge(): void {
    this._method('unmerge', [], (b: RangeBound) => removeWhere(b.sheet.mergeRects, (m) => intersects(m, b.rect)));
  }
}

function removeWhere<T>(list: T[], pred: (t: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) list.splice(i, 1);
}

export class RangeFormatProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'RangeFormat', parent, (b) => b);
  }

  /** Width from the longest display text, ~7 px per character plus padding, in points. */
  autofitColumns(): void {
    this._method('autofitColumns', [], (b: RangeBound) => {
      const { sheet, rect } = b;
      const widest = new Map<number, number>();
      sheet.storedCellsIn(rect, (row, col) => {
        widest.set(col, Math.max(widest.get(col) ?? 0, displayWidth(sheet.textAt(row, col))));
      });
      for (const [col, chars] of widest) {
        if (chars > 0) sheet.columnWidths.set(col, Math.round((chars * 7 + 5) * 0.75 * 100) / 100);
      }
    });
  }

  autofitRows(): void {
    this._method('autofitRows', [], () => undefined); // row heights are not modelled beyond what is set
  }
}

const RangeFontProxy = plainType('RangeFont');
defineApi(RangeFontProxy, {
  bold: styleSpec('bold', asBool),
  italic: styleSpec('italic', asBool),
  color: styleSpec('fontColor', normalizeColor),
  size: styleSpec('fontSize', asNumber),
  name: styleSpec('fontName', asString),
});

export class RangeFillProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'RangeFill', parent, (b) => b);
  }

  clear(): void {
    this._method('clear', [], (b: RangeBound) => b.sheet.storedCellsIn(b.rect, (row, col, cell) => {
      if (!cell.style) return;
      delete cell.style.fillColor;
      if (Object.keys(cell.style).length === 0) delete cell.style;
      b.sheet.pruneCell(row, col);
    }));
  }
}
defineApi(RangeFillProxy, { color: styleSpec('fillColor', normalizeColor) });

const FormatProtectionProxy = plainType('FormatProtection');
defineApi(FormatProtectionProxy, { locked: styleSpec('locked', asBool) });

defineApi(RangeFormatProxy, {
  columnWidth: {
    get: (b: RangeBound) => uniform({ ...b, rect: { ...b.rect, rows: 1 } }, (_r, col) => b.sheet.columnWidth(col)),
    set: (b: RangeBound, v, loc) => {
      const w = asNumber(v, loc);
      for (let c = 0; c < b.rect.cols; c++) b.sheet.columnWidths.set(b.rect.col + c, w);
    },
  },
  rowHeight: {
    get: (b: RangeBound) => uniform({ ...b, rect: { ...b.rect, cols: 1 } }, (row) => b.sheet.rowHeight(row)),
    set: (b: RangeBound, v, loc) => {
      const h = asNumber(v, loc);
      for (let r = 0; r < b.rect.rows; r++) b.sheet.rowHeights.set(b.rect.row + r, h);
    },
  },
  horizontalAlignment: styleSpec('horizontalAlignment', (v, loc) =>
    oneOf(v, ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'] as const, loc)),
  verticalAlignment: styleSpec('verticalAlignment', (v, loc) =>
    oneOf(v, ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'] as const, loc)),
  wrapText: styleSpec('wrapText', asBool),
}, {
  font: (self: FakeClientObject) => new RangeFontProxy(self.context, self, (b) => b),
  fill: (self: FakeClientObject) => new RangeFillProxy(self.context, self),
  protection: (self: FakeClientObject) => new FormatProtectionProxy(self.context, self, (b) => b),
});

// ---- data validation ----

const RULE_KINDS = ['wholeNumber', 'decimal', 'textLength', 'list', 'date', 'time', 'custom'];
const VALIDATION_OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo'];

/** A DataValidationRule as Excel checks it: one criterion, a known operator, Excel's length limits. */
function checkRule(v: unknown, loc: string): Record<string, Record<string, unknown>> {
  if (!v || typeof v !== 'object') throw officeError('InvalidArgument', loc);
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null);
  if (entries.length !== 1 || !RULE_KINDS.includes(entries[0][0])) throw officeError('InvalidArgument', loc);
  const [kind, body] = entries[0] as [string, Record<string, unknown>];
  if (!body || typeof body !== 'object') throw officeError('InvalidArgument', loc);
  if (kind === 'date' || kind === 'time' || kind === 'custom') throw notImplemented(`DataValidationRule.${kind}`);
  if (kind === 'list') {
    const source = body.source;
    if (typeof source !== 'string' || source === '' || source.length > 255) throw officeError('InvalidArgument', loc);
    if (body.inCellDropDown !== undefined) asBool(body.inCellDropDown, loc);
  } else {
    const op = oneOf(body.operator, VALIDATION_OPERATORS, loc);
    const formula = (f: unknown) => { if (typeof f !== 'number' && typeof f !== 'string') throw officeError('InvalidArgument', loc); };
    formula(body.formula1);
    if (op === 'Between' || op === 'NotBetween') formula(body.formula2);
  }
  return { [kind]: { ...body } };
}

function checkText(v: unknown, most: number, loc: string): string {
  const text = asString(v, loc);
  if (Array.from(text).length > most) throw officeError('InvalidArgument', loc);
  return text;
}

/** The validation entry of exactly this range, replacing those inside it; a partial overlap is not modelled. */
function validationFor(b: RangeBound): FakeDataValidation {
  const list = b.sheet.dataValidations;
  const same = list.find((v) => v.rect.row === b.rect.row && v.rect.col === b.rect.col && v.rect.rows === b.rect.rows && v.rect.cols === b.rect.cols);
  if (same) return same;
  removeWhere(list, (v) => contains(b.rect, v.rect));
  if (list.some((v) => intersects(v.rect, b.rect))) throw notImplemented('data validation over part of another validated range');
  const made: FakeDataValidation = { rect: { ...b.rect }, rule: null, prompt: null, errorAlert: null, ignoreBlanks: true };
  list.push(made);
  return made;
}

/** The entry covering the whole range, for reads; null where the range has none or several. */
function validationOf(b: RangeBound): FakeDataValidation | null {
  return b.sheet.dataValidations.find((v) => contains(v.rect, b.rect)) ?? null;
}

export class DataValidationProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'DataValidation', parent, (b) => b);
  }

  clear(): void {
    this._method('clear', [], (b: RangeBound, _a, loc) => {
      if (b.sheet.protection.protected) throw officeError('AccessDenied', loc);
      removeWhere(b.sheet.dataValidations, (v) => contains(b.rect, v.rect));
      if (b.sheet.dataValidations.some((v) => intersects(v.rect, b.rect))) throw notImplemented('clearing part of a validated range');
    });
  }
}

const validationSpec = (write: (v: FakeDataValidation, value: unknown, loc: string) => void, read: (v: FakeDataValidation) => unknown): ScalarSpec => ({
  get: (b: RangeBound) => {
    const v = validationOf(b);
    return v ? read(v) : null;
  },
  set: (b: RangeBound, value, loc) => {
    if (b.sheet.protection.protected) throw officeError('AccessDenied', loc);
    write(validationFor(b), value, loc);
  },
});

defineApi(DataValidationProxy, {
  rule: validationSpec((v, value, loc) => { v.rule = checkRule(value, loc); }, (v) => v.rule && { ...v.rule }),
  prompt: validationSpec((v, value, loc) => {
    const p = (value ?? {}) as Record<string, unknown>;
    v.prompt = { showPrompt: asBool(p.showPrompt ?? true, loc), title: checkText(p.title ?? '', 32, loc), message: checkText(p.message ?? '', 255, loc) };
  }, (v) => v.prompt && { ...v.prompt }),
  errorAlert: validationSpec((v, value, loc) => {
    const e = (value ?? {}) as Record<string, unknown>;
    v.errorAlert = {
      showAlert: asBool(e.showAlert ?? true, loc), style: oneOf(e.style ?? 'Stop', ['Stop', 'Warning', 'Information'] as const, loc),
      title: checkText(e.title ?? '', 32, loc), message: checkText(e.message ?? '', 225, loc),
    };
  }, (v) => v.errorAlert && { ...v.errorAlert }),
  ignoreBlanks: validationSpec((v, value, loc) => { v.ignoreBlanks = asBool(value, loc); }, (v) => v.ignoreBlanks),
  type: {
    get: (b: RangeBound) => {
      const v = validationOf(b);
      const types: Record<string, string> = { wholeNumber: 'WholeNumber', decimal: 'Decimal', list: 'List', textLength: 'TextLength' };
      if (v) return v.rule ? types[Object.keys(v.rule)[0]] : 'None';
      return b.sheet.dataValidations.some((x) => intersects(x.rect, b.rect)) ? 'Inconsistent' : 'None';
    },
  },
});

// ---- conditional formats ----

export class ConditionalFormatCollectionProxy extends FakeCollection {
  constructor(ctx: FakeRequestContext, parent: FakeClientObject) {
    super(ctx, 'ConditionalFormatCollection', parent, (b) => b);
  }

  override _itemsOf(b: RangeBound): FakeConditionalFormat[] {
    return b.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, b.rect));
  }

  override _newItem(): FakeClientObject {
    return new ConditionalFormatProxy(this.context);
  }

  add(type: string): ConditionalFormatProxy {
    if (type !== 'Custom') throw notImplemented(`conditional format type '${type}'`);
    return this._child(new ConditionalFormatProxy(this.context), 'add', [type], (b: RangeBound) => {
      const cf: FakeConditionalFormat = {
        sheet: b.sheet, rect: { ...b.rect }, type: 'Custom', formula: '', fillColor: null, fontColor: null, bold: null,
      };
      b.sheet.conditionalFormats.push(cf);
      return cf;
    });
  }

  clearAll(): void {
    this._method('clearAll', [], (b: RangeBound) => removeWhere(b.sheet.conditionalFormats, (cf) => intersects(cf.rect, b.rect)));
  }
}

export class ConditionalFormatProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'ConditionalFormat');
  }

  delete(): void {
    this._method('delete', [], (cf: FakeConditionalFormat) => removeWhere(cf.sheet.conditionalFormats, (x) => x === cf));
  }
}

const CustomConditionalFormatProxy = plainType('CustomConditionalFormat');
const ConditionalFormatRuleProxy = plainType('ConditionalFormatRule');
const ConditionalRangeFormatProxy = plainType('ConditionalRangeFormat');
const ConditionalRangeFillProxy = plainType('ConditionalRangeFill');
const ConditionalRangeFontProxy = plainType('ConditionalRangeFont');
const same: Derive = (b) => b;

defineApi(ConditionalFormatProxy, { type: { get: (cf: FakeConditionalFormat) => cf.type } }, {
  custom: (self: FakeClientObject) => new CustomConditionalFormatProxy(self.context, self, same),
});
defineApi(CustomConditionalFormatProxy, {}, {
  rule: (self: FakeClientObject) => new ConditionalFormatRuleProxy(self.context, self, same),
  format: (self: FakeClientObject) => new ConditionalRangeFormatProxy(self.context, self, same),
});
defineApi(ConditionalFormatRuleProxy, {
  formula: {
    get: (cf: FakeConditionalFormat) => cf.formula,
    set: (cf: FakeConditionalFormat, v, loc) => { cf.formula = asString(v, loc); },
  },
});
defineApi(ConditionalRangeFormatProxy, {}, {
  fill: (self: FakeClientObject) => new ConditionalRangeFillProxy(self.context, self, same),
  font: (self: FakeClientObject) => new ConditionalRangeFontProxy(self.context, self, same),
});
defineApi(ConditionalRangeFillProxy, {
  color: {
    get: (cf: FakeConditionalFormat) => cf.fillColor,
    set: (cf: FakeConditionalFormat, v, loc) => { cf.fillColor = normalizeColor(v, loc); },
  },
});
defineApi(ConditionalRangeFontProxy, {
  color: {
    get: (cf: FakeConditionalFormat) => cf.fontColor,
    set: (cf: FakeConditionalFormat, v, loc) => { cf.fontColor = normalizeColor(v, loc); },
  },
  bold: {
    get: (cf: FakeConditionalFormat) => cf.bold,
    set: (cf: FakeConditionalFormat, v, loc) => { cf.bold = asBool(v, loc); },
  },
});

// ---- range areas (merged areas) ----

export class RangeAreasProxy extends FakeClientObject {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'RangeAreas');
  }
}

const RangeCollectionProxy = plainType('RangeCollection', true) as unknown as new (
  ctx: FakeRequestContext, parent: FakeClientObject, derive: Derive) => FakeCollection;
RangeCollectionProxy.prototype._itemsOf = (a: AreasBound) => a.rects.map((rect) => ({ sheet: a.sheet, rect }));
RangeCollectionProxy.prototype._newItem = function (this: FakeCollection) {
  return new RangeProxy(this.context);
};

defineApi(RangeAreasProxy, {
  address: { get: (a: AreasBound) => a.rects.map((r) => qualifiedAddress(a.sheet.name, r)).join(',') },
  areaCount: { get: (a: AreasBound) => a.rects.length },
  cellCount: { get: (a: AreasBound) => a.rects.reduce((n, r) => n + cellCount(r), 0) },
}, {
  areas: (self: FakeClientObject) => new RangeCollectionProxy(self.context, self, same),
});

defineApi(RangeProxy, {
  address: { get: (b: RangeBound) => qualifiedAddress(b.sheet.name, b.rect) },
  addressLocal: { get: (b: RangeBound) => qualifiedAddress(b.sheet.name, b.rect) },
  rowIndex: { get: (b: RangeBound) => b.rect.row },
  columnIndex: { get: (b: RangeBound) => b.rect.col },
  rowCount: { get: (b: RangeBound) => b.rect.rows },
  columnCount: { get: (b: RangeBound) => b.rect.cols },
  cellCount: { get: (b: RangeBound) => cellCount(b.rect) },
  values: {
    get: (b: RangeBound) => readGrid(b, 'Range.values', (r, c) => b.sheet.valueAt(r, c)),
    set: (b: RangeBound, v, loc) => writeGrid(b, v, 'values', loc),
  },
  formulas: {
    get: (b: RangeBound) => readGrid(b, 'Range.formulas', (r, c) => b.sheet.formulaAt(r, c)),
    set: (b: RangeBound, v, loc) => writeGrid(b, v, 'formulas', loc),
  },
  numberFormat: {
    get: (b: RangeBound) => readGrid(b, 'Range.numberFormat', (r, c) => b.sheet.numberFormatAt(r, c)),
    set: (b: RangeBound, v, loc) => writeGrid(b, v, 'numberFormat', loc),
  },
  text: { get: (b: RangeBound) => readGrid(b, 'Range.text', (r, c) => b.sheet.textAt(r, c)) },
  valueTypes: { get: (b: RangeBound) => readGrid(b, 'Range.valueTypes', (r, c) => valueType(b.sheet.valueAt(r, c))) },
  hyperlink: {
    get: (b: RangeBound) => b.sheet.cellAt(b.rect.row, b.rect.col)?.hyperlink ?? null,
    set: (b: RangeBound, v, loc) => {
      if (!v || typeof v !== 'object') throw officeError('InvalidArgument', loc);
      const link = v as Record<string, unknown>;
      const clean = Object.fromEntries(
        ['address', 'documentReference', 'screenTip', 'textToDisplay']
          .filter((k) => link[k] !== undefined && link[k] !== null)
          .map((k) => [k, asString(link[k], loc)]),
      );
      forEachCell(b.rect, (row, col) => {
        const cell = b.sheet.ensureCell(row, col);
        cell.hyperlink = { ...clean };
        // Excel shows textToDisplay in the cell, or the link itself in an empty cell.
        const shown = clean.textToDisplay ?? (cell.value === '' && cell.formula === undefined ? clean.address ?? clean.documentReference : undefined);
        if (shown !== undefined) { cell.value = shown; delete cell.formula; }
      });
    },
  },
}, {
  format: (self: FakeClientObject) => new RangeFormatProxy(self.context, self),
  dataValidation: (self: FakeClientObject) => new DataValidationProxy(self.context, self),
  conditionalFormats: (self: FakeClientObject) => new ConditionalFormatCollectionProxy(self.context, self),
  worksheet: (self: FakeClientObject) => new WorksheetProxy(self.context, self, (b: RangeBound) => b.sheet),
});
