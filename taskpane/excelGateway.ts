/**
 * The one module that talks to Excel. Everything else in the pane works on plain data: grids read
 * from the workbook, SheetPlans to write, settings to keep.
 *
 * Office.js queues every call until `context.sync()`, and each sync is a round trip (to a server on
 * Excel on the web, where one request or response may not exceed 5 MB). So reads and writes are
 * batched by size, never per row: a 36-unit district is read in 3 syncs and written in 4, and a
 * large one in as many more as its megabytes need (figures in the README, measured against the fake
 * workbook in test/fakes/).
 */
import type { CellValue, SheetGrid, MergedRange } from '../src/ledger/types';
import { Fingerprinter, withoutSpills, type PlanValue, type SheetPlan } from '../src/output/sheetPlan';
import { planSource, REQUEST_BUDGET_BYTES, type PlanSource, type SheetLayout } from './writeBatches';

export { REQUEST_BUDGET_BYTES };
import { columnLetter, parseA1Range } from '../src/read/address';
import { TEMPLATE_COLORS, TEMPLATE_PROTECTION, type Box as TemplateBox, type TemplateCell, type TemplateSheet, type ValidationRule } from '../src/output/template';

/** Rough size of one cell in a response (a number or short text with JSON punctuation). */
const READ_BYTES_PER_CELL = 24;

const SETTINGS_KEY = 'hs.addin';
const OUTPUTS_KEY = 'hs.outputs';

export interface Progress {
  done: number;
  total: number;
  /** What is being done, in Chinese, for the pane's progress line. */
  label: string;
}

export interface GatewayOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Thrown when the analyst cancels between two batches; nothing after that batch was written. */
export class Cancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'Cancelled';
  }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}

/* ---------- Reading ---------- */

/** The manifest asks for ExcelApi 1.9; merged areas came in 1.13. */
function canReadMerges(): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', '1.13');
  } catch {
    return false;
  }
}

function cellValue(v: unknown): CellValue {
  if (v === '' || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** A used range whose cells are to be read. */
interface Box {
  key: string;
  range: Excel.Range;
}

/**
 * Reads the boxes' cells (`values` or `formulas`) in blocks of rows, as many blocks per sync as fit
 * the response budget. The size of a cell is measured on the first block and the blocks after it are
 * sized from that, so a sheet of small numbers takes few round trips and one of long texts stays under
 * the limit. Returns each box's rows in order.
 */
async function readBoxes(
  context: Excel.RequestContext, boxes: readonly Box[], property: 'values' | 'formulas', options: GatewayOptions, label: string,
  /** Takes each block as it arrives instead of collecting them. */
  onRows?: (key: string, rows: unknown[][]) => Promise<void>,
): Promise<Map<string, unknown[][]>> {
  const out = new Map<string, unknown[][]>(boxes.map((b) => [b.key, []]));
  const total = boxes.reduce((n, b) => n + b.range.rowCount, 0);
  let bytesPerCell = READ_BYTES_PER_CELL;
  let done = 0;
  const cursor = boxes.map(() => 0);
  let current = 0;
  while (current < boxes.length) {
    const pending: { box: Box; range: Excel.Range }[] = [];
    let budget = 0;
    while (current < boxes.length) {
      const box = boxes[current];
      const width = Math.max(1, box.range.columnCount);
      const left = box.range.rowCount - cursor[current];
      if (left <= 0) {
        current++;
        continue;
      }
      const fit = Math.floor((REQUEST_BUDGET_BYTES - budget) / (bytesPerCell * width));
      if (fit < 1 && pending.length) break;
      const count = Math.min(left, Math.max(1, fit));
      const range = box.range.getRow(cursor[current]).getResizedRange(count - 1, 0);
      range.load(property);
      pending.push({ box, range });
      cursor[current] += count;
      budget += count * width * bytesPerCell;
    }
    checkCancelled(options.signal);
    await context.sync();
    let bytes = 0;
    let cells = 0;
    for (const p of pending) {
      const rows = p.range[property] as unknown[][];
      if (onRows) await onRows(p.box.key, rows);
      else for (const row of rows) out.get(p.box.key)!.push(row);
      done += rows.length;
      bytes += JSON.stringify(rows).length;
      cells += rows.length * (rows[0]?.length ?? 0);
    }
    // Measured size, with room for rows longer than those seen so far.
    if (cells > 0) bytesPerCell = Math.max(4, (bytes / cells) * 1.5);
    options.onProgress?.({ done, total, label });
    await yieldToPane();
  }
  return out;
}

/**
 * Every visible sheet's values as grids positioned as in the sheet (row 0 is row 1), with merged
 * ranges. Sheets listed in `skip` (the add-in's own output) are not read.
 */
export async function readWorkbookGrids(skip: readonly string[], options: GatewayOptions = {}): Promise<SheetGrid[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await context.sync();
    const wanted = sheets.items.filter((s) => s.visibility === 'Visible' && !skip.includes(s.name));

    // Sync 2: where each sheet's data is.
    const used = wanted.map((s) => ({ key: s.name, range: s.getUsedRangeOrNullObject(true) }));
    for (const u of used) u.range.load('rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    const boxes: Box[] = used.filter((u) => !u.range.isNullObject);

    // The merges travel with the first block of values. Reading them needs ExcelApi 1.13; without
    // it a two-row header is read as a CSV's is (a group title carried over the blanks after it).
    const merges = canReadMerges()
      ? boxes.map((b) => {
          const areas = b.range.getMergedAreasOrNullObject();
          areas.load('areas/items/address');
          return areas;
        })
      : [];
    const cells = await readBoxes(context, boxes, 'values', options, '读取工作表');
    const grids: SheetGrid[] = wanted.map((s) => ({ name: s.name, rows: [], merges: [] }));
    boxes.forEach((b, i) => {
      const grid = grids.find((g) => g.name === b.key)!;
      const top = b.range.rowIndex;
      const pad = new Array<CellValue>(b.range.columnIndex).fill(null);
      cells.get(b.key)!.forEach((row, r) => {
        grid.rows[top + r] = [...pad, ...row.map(cellValue)];
      });
      for (let r = 0; r < top; r++) grid.rows[r] = [];
      const areas = merges[i];
      if (areas && !areas.isNullObject) grid.merges = areas.areas.items.map((a) => parseA1Range(a.address)).filter((m): m is MergedRange => m !== null);
    });
    return grids;
  });
}

/* ---------- Settings ---------- */

/** What the pane keeps in the workbook (mapping, province averages typed in the pane, policy…). */
export async function loadSettings<T>(): Promise<T | null> {
  return Excel.run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    item.load('value');
    await context.sync();
    return item.isNullObject ? null : (item.value as T);
  });
}

export async function saveSettings<T>(value: T): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.settings.add(SETTINGS_KEY, value as unknown as string);
    await context.sync();
  });
}

/* ---------- Writing ---------- */

export interface WriteResult {
  /** Output sheets the analyst edited since the add-in wrote them: not written until confirmed. */
  edited: string[];
  written: string[];
}

interface WriteOptions extends GatewayOptions {
  /** Replace output sheets even when the analyst edited them (after the pane asked). */
  replaceEdited?: boolean;
}

/** What the add-in last wrote to each output sheet: a fingerprint of its cells, and where formulas spill. */
type Recorded = Record<string, { fingerprint: string; spills: string[] } | string>;
const recordOf = (r: Recorded[string] | undefined) => (r === undefined ? undefined : typeof r === 'string' ? { fingerprint: r, spills: [] } : r);


/** Rows of a read-back output sheet hashed between two pauses for the pane (a few milliseconds' work). */
const HASH_ROWS_PER_SLICE = 2000;

/** Hidden sheets a write fills before anything is swapped in; a name the analyst would not choose. */
export const STAGING_PREFIX = '加载项写入中·';
const stagingName = (name: string) => `${STAGING_PREFIX}${name}`.slice(0, 31);
const isStaging = (name: string) => name.startsWith(STAGING_PREFIX);

/** Lets the pane handle a click (取消) between two batches: a sync alone may resolve without yielding. */
const yieldToPane = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Writes the plans' sheets so that a write never half-happens. The cells go first into hidden
 * staging sheets, batch by batch, with calculation suspended (the functions run once, on the real
 * sheets); only when every batch has arrived are the output sheets replaced, in one request: each
 * is cleared and the staging cells copied in at the same place, then the staging sheet deleted.
 * A cancel or a failure before that deletes the staging sheets and leaves the output sheets as
 * they were. The output sheets are cleared and refilled, not deleted and renamed, so that the
 * analyst's formulas pointing into them keep working.
 *
 * A sheet whose content differs from what the add-in last wrote there was edited by the analyst:
 * it is reported in `edited` and nothing is written unless `replaceEdited`.
 */
export async function writeSheets(input: PlanSource | readonly SheetPlan[], options: WriteOptions = {}): Promise<WriteResult> {
  const source = 'layouts' in input ? input : planSource(input);
  const plans = source.layouts;
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const recordedSetting = context.workbook.settings.getItemOrNullObject(OUTPUTS_KEY);
    recordedSetting.load('value');
    await context.sync();
    const recorded: Recorded = recordedSetting.isNullObject ? {} : ((recordedSetting.value as unknown as Recorded) ?? {});
    // A write the host interrupted (Excel closed mid-write) may have left staging sheets: they are ours.
    for (const leftover of sheets.items.filter((s) => isStaging(s.name))) leftover.delete();
    const existing = new Set(sheets.items.filter((s) => !isStaging(s.name)).map((s) => s.name));

    const edited = await editedSheets(context, plans.filter((p) => existing.has(p.name)), recorded, options);
    if (edited.length && !options.replaceEdited) {
      await context.sync();
      return { edited, written: [] };
    }

    // Output sheets that do not exist yet are created empty first, so that formulas referring to
    // them (年度汇总 → 月度得分) are written as references, not as links to another file.
    const created = plans.filter((p) => !existing.has(p.name)).map((p) => sheets.add(p.name));
    const staging = new Map<string, Excel.Worksheet>();
    for (const p of plans) {
      const sheet = sheets.add(stagingName(p.name));
      sheet.visibility = Excel.SheetVisibility.hidden;
      staging.set(p.name, sheet);
    }
    const targets = plans.map((plan) => ({ plan, sheet: sheets.getItem(plan.name) }));
    // The add-in's own writes raise no change events: only the analyst's edits mark a sheet changed.
    context.runtime.enableEvents = false;
    try {
      await fillStaging(context, source, staging, options);
      for (const t of targets) {
        t.sheet.load('id');
        t.sheet.charts.load('items/name');
      }
      checkCancelled(options.signal);
      await context.sync();
    } catch (error) {
      // Nothing of this write reaches the output sheets.
      for (const sheet of [...staging.values(), ...created]) sheet.delete();
      return abandon(context, error);
    }

    // The swap: one request, after which no cancel is taken.
    for (const { plan, sheet } of targets) {
      sheet.getRange().clear();
      sheet.getRange().conditionalFormats.clearAll();
      for (const chart of sheet.charts.items) chart.delete();
      const from = staging.get(plan.name)!;
      if (plan.rows) sheet.getRangeByIndexes(0, 0, plan.rows, plan.width).copyFrom(from.getRangeByIndexes(0, 0, plan.rows, plan.width), Excel.RangeCopyType.all);
      from.delete();
      formatSheet(sheet, plan, plan.width);
    }
    const written: Recorded = { ...recorded };
    for (const p of plans) written[p.name] = { fingerprint: p.fingerprint, spills: p.spills ?? [] };
    context.workbook.settings.add(OUTPUTS_KEY, written as unknown as string);
    await context.sync().catch((error) => abandon(context, error));
    // Events back on only after the swap has been applied, then the written sheets watched.
    context.runtime.enableEvents = true;
    watchWritten(targets.map((t) => ({ sheet: t.sheet, fingerprint: t.plan.fingerprint })));
    await context.sync();
    options.onProgress?.({ done: source.totalRows, total: source.totalRows, label: '已写入' });
    return { edited, written: plans.map((p) => p.name) };
  });
}

/** A write given up: events back on (with whatever clean-up is queued), then the failure passed on. */
async function abandon(context: Excel.RequestContext, error: unknown): Promise<never> {
  context.runtime.enableEvents = true;
  await context.sync().catch(() => undefined);
  throw error;
}

/**
 * Output sheets whose content is not what the add-in last wrote there (a sheet of that name it never
 * wrote counts when not empty). Each is hashed block by block as its rows arrive.
 */
async function editedSheets(context: Excel.RequestContext, present: readonly SheetLayout[], recorded: Recorded, options: GatewayOptions): Promise<string[]> {
  const current = present.map((p) => {
    const sheet = context.workbook.worksheets.getItem(p.name);
    sheet.load('id');
    const used = sheet.getUsedRangeOrNullObject();
    used.load('rowCount,columnCount');
    return { plan: p, sheet, used };
  });
  if (!current.length) return [];
  await context.sync();
  const hashes = new Map(current.map((c) => [c.plan.name, new Fingerprinter()]));
  const seen = new Map(current.map((c) => [c.plan.name, 0]));
  // A sheet this pane has watched since it wrote it, with no change seen, is as written: not read back.
  const trusted = new Set(current.filter((c) => isUnchangedSinceWrite(c.sheet.id, recordOf(recorded[c.plan.name])?.fingerprint)).map((c) => c.plan.name));
  const boxes = current.filter((c) => !c.used.isNullObject && recordOf(recorded[c.plan.name]) && !trusted.has(c.plan.name)).map((c) => ({ key: c.plan.name, range: c.used }));
  await readBoxes(context, boxes, 'formulas', options, '检查输出表', async (key, rows) => {
    // Hashed a slice at a time with the pane free in between: a response holds ~150,000 cells.
    for (let k = 0; k < rows.length; k += HASH_ROWS_PER_SLICE) {
      const first = seen.get(key)!;
      const slice = rows.slice(k, k + HASH_ROWS_PER_SLICE) as PlanValue[][];
      hashes.get(key)!.add(withoutSpills(slice, recordOf(recorded[key])!.spills, first));
      seen.set(key, first + slice.length);
      await yieldToPane();
    }
  });
  return current
    .filter((c) => {
      const before = recordOf(recorded[c.plan.name]);
      if (!before) return !c.used.isNullObject;
      if (trusted.has(c.plan.name)) return false;
      return hashes.get(c.plan.name)!.digest() !== before.fingerprint;
    })
    .map((c) => c.plan.name);
}

/* ---------- Watching the output sheets between writes ---------- */

/**
 * Output sheets this pane wrote and has watched since (Worksheet.onChanged, ExcelApi 1.7), by
 * worksheet id: the fingerprint written, and whether any change was seen since. Held in memory
 * only: a pane opened afresh knows nothing and reads the sheets back. A sheet deleted and made
 * again has a new id, so it is never taken for the one watched.
 */
const watched = new Map<string, { fingerprint: string; changed: boolean }>();

function isUnchangedSinceWrite(sheetId: string, fingerprint: string | undefined): boolean {
  const w = watched.get(sheetId);
  return w !== undefined && !w.changed && w.fingerprint === fingerprint;
}

/** After a write: the sheets as written, watched for the analyst's changes from now on. */
function watchWritten(written: readonly { sheet: Excel.Worksheet; fingerprint: string }[]): void {
  for (const { sheet, fingerprint } of written) {
    const known = watched.has(sheet.id);
    watched.set(sheet.id, { fingerprint, changed: false });
    if (!known) {
      sheet.onChanged.add(async (event) => {
        const w = watched.get(event.worksheetId);
        if (w) w.changed = true;
      });
    }
  }
}

/** The requests into the staging sheets, one sync each, yielding to the pane between them. */
async function fillStaging(context: Excel.RequestContext, source: PlanSource, staging: ReadonlyMap<string, Excel.Worksheet>, options: GatewayOptions): Promise<void> {
  let done = 0;
  for (let request = await source.nextRequest(); request; request = await source.nextRequest()) {
    for (const block of request) {
      const sheet = staging.get(block.sheet)!;
      sheet.getRangeByIndexes(block.first, 0, block.rows.length, block.rows[0]?.length ?? 1).formulas = block.rows;
      for (const f of block.formats) sheet.getRangeByIndexes(f.first, f.column, f.count, 1).numberFormat = new Array(f.count).fill([f.format]);
      done += block.rows.length;
    }
    await yieldToPane();
    checkCancelled(options.signal);
    context.application.suspendApiCalculationUntilNextSync();
    await context.sync();
    options.onProgress?.({ done, total: source.totalRows, label: '写入输出表' });
  }
}

/** Formats, conditional fills, chart and print layout: a few small operations per sheet, queued with the last block. */
function formatSheet(sheet: Excel.Worksheet, plan: SheetLayout, width: number): void {
  const lastColumn = columnLetter(width - 1);
  if (plan.headerRows > 0) {
    const header = sheet.getRange(`A1:${lastColumn}${plan.headerRows}`);
    header.format.font.bold = true;
    header.format.fill.color = '#DDEBF7';
    header.format.wrapText = true;
    sheet.freezePanes.freezeRows(plan.headerRows);
  }
  plan.columnWidths.forEach((w, k) => {
    // Excel measures column width in points; a character unit is about 7 points in the default font.
    sheet.getRangeByIndexes(0, k, 1, 1).format.columnWidth = Math.round(w * 7);
  });
  for (const r of plan.boldRows) sheet.getRange(`A${r + 1}:${lastColumn}${r + 1}`).format.font.bold = true;
  for (const c of plan.conditionalFills) {
    const format = sheet.getRange(c.range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    format.custom.rule.formula = c.formula;
    format.custom.format.fill.color = c.fill;
    if (c.fontColor) format.custom.format.font.color = c.fontColor;
  }
  if (plan.chart) {
    const chart = sheet.charts.add(Excel.ChartType.columnClustered, sheet.getRange(plan.chart.data), Excel.ChartSeriesBy.columns);
    chart.title.text = plan.chart.title;
    if (plan.chart.lineSeries !== undefined) chart.series.getItemAt(plan.chart.lineSeries).chartType = Excel.ChartType.line;
    chart.setPosition(plan.chart.from, plan.chart.to);
    if (plan.chart.valueAxisMin !== undefined) chart.axes.valueAxis.minimum = plan.chart.valueAxisMin;
  }
  if (plan.printFitToWidth) {
    sheet.pageLayout.orientation = Excel.PageOrientation.landscape;
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  }
  // Shown again when a plan says so: 通用公式 shows the typed averages on the sheet 实时公式 hid.
  sheet.visibility = plan.hidden ? Excel.SheetVisibility.hidden : Excel.SheetVisibility.visible;
}

/** Selects a cell the analyst asked to see (a 问题清单 entry). */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/* ---------- A template to fill (issue 12, item 4) ---------- */

/** The template's sheets exist in the workbook already: nothing was written. */
export class TemplateSheetsExist extends Error {
  constructor(readonly sheets: readonly string[]) {
    super(`工作簿中已有同名工作表${sheets.map((s) => `「${s}」`).join('')}，台账模板未写入：请先把这些工作表改名或删除，或在新建的空白工作簿中生成模板`);
    this.name = 'TemplateSheetsExist';
  }
}

/** Text Excel would read as a number, a date, a percentage or a formula is written as text. */
const asText = (v: TemplateCell): string | number | null =>
  typeof v === 'string' && (/^[=+\-'@]/.test(v) || /^[\s\d.,:%/-]+$/.test(v) || /^(true|false)$/i.test(v)) ? `'${v}` : v;

const boxRange = (sheet: Excel.Worksheet, b: TemplateBox) => sheet.getRangeByIndexes(b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1);
const fillArray = <T>(b: TemplateBox, v: T): T[][] => Array.from({ length: b.bottom - b.top + 1 }, () => new Array<T>(b.right - b.left + 1).fill(v));

/** Excel's DataValidationRule for an input's rule. */
function validationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.kind) {
    case 'whole':
      return { wholeNumber: { formula1: rule.min, operator: 'GreaterThanOrEqualTo' } };
    case 'decimal':
      return rule.max === undefined
        ? { decimal: { formula1: rule.min, operator: 'GreaterThanOrEqualTo' } }
        : { decimal: { formula1: rule.min, formula2: rule.max, operator: 'Between' } };
    case 'list':
      return { list: { inCellDropDown: true, source: rule.items.join(',') } };
    case 'textLength':
      return { textLength: { formula1: rule.max, operator: 'LessThanOrEqualTo' } };
  }
}

/** Formats, inputs (unlocked, validated), frozen panes, filter, then the protection: one sheet's finishing, queued. */
function finishTemplateSheet(sheet: Excel.Worksheet, s: TemplateSheet, width: number): void {
  s.columnWidths.forEach((w, k) => {
    sheet.getRangeByIndexes(0, k, 1, 1).format.columnWidth = Math.round(w * 7);
  });
  for (const r of s.titleRows) {
    const title = sheet.getRangeByIndexes(r, 0, 1, 1).format;
    title.font.bold = true;
    title.font.size = 14;
  }
  for (const r of s.headerRows) {
    const header = sheet.getRangeByIndexes(r, 0, 1, width).format;
    header.font.bold = true;
    header.fill.color = TEMPLATE_COLORS.header;
    header.wrapText = true;
    header.horizontalAlignment = 'Center';
    header.verticalAlignment = 'Center';
    header.rowHeight = 48;
  }
  if (s.wrapText) sheet.getRangeByIndexes(0, 0, s.cells.length, width).format.wrapText = true;
  for (const f of s.fills) for (const b of f.boxes) boxRange(sheet, b).format.fill.color = f.color;
  for (const n of s.numberFormats) for (const b of n.boxes) boxRange(sheet, b).numberFormat = fillArray(b, n.format);
  for (const input of s.inputs) {
    const v = input.validation;
    const rule = validationRule(v.rule);
    for (const b of input.boxes) {
      const range = boxRange(sheet, b);
      range.format.protection.locked = false;
      if (input.numberFormat) range.numberFormat = fillArray(b, input.numberFormat);
      range.dataValidation.rule = rule;
      range.dataValidation.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
      range.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle, message: v.error };
      range.dataValidation.ignoreBlanks = true;
    }
  }
  const { rows, columns } = s.frozen;
  if (rows && columns) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, columns));
  else if (rows) sheet.freezePanes.freezeRows(rows);
  else if (columns) sheet.freezePanes.freezeColumns(columns);
  if (s.autoFilter) sheet.autoFilter.apply(boxRange(sheet, s.autoFilter));
  // Last: once protected, the sheet refuses changes to its locked cells. No password, so anyone can
  // lift it (审阅 → 撤消工作表保护); what stays allowed is TEMPLATE_PROTECTION's.
  if (s.protect) {
    sheet.protection.protect({
      allowFormatColumns: TEMPLATE_PROTECTION.formatColumns,
      allowFormatRows: TEMPLATE_PROTECTION.formatRows,
      allowSort: TEMPLATE_PROTECTION.sort,
      allowAutoFilter: TEMPLATE_PROTECTION.autoFilter,
      selectionMode: 'Normal',
    });
  }
}

/**
 * Writes a template's sheets (src/output/template.ts) into the open workbook as new sheets after the
 * analyst's, which are never touched: when a sheet of the same name exists, nothing is written
 * (TemplateSheetsExist). Cells go in requests under the size budget; the formats, validations,
 * frozen panes, filters and protections in one more; a failure on the way deletes the sheets added.
 */
export async function writeTemplateSheets(sheets: readonly TemplateSheet[], options: GatewayOptions = {}): Promise<{ written: string[] }> {
  return Excel.run(async (context) => {
    const all = context.workbook.worksheets;
    all.load('items/name');
    await context.sync();
    const existing = new Set(all.items.map((w) => w.name.toLowerCase()));
    const taken = sheets.filter((s) => existing.has(s.name.toLowerCase())).map((s) => s.name);
    if (taken.length) throw new TemplateSheetsExist(taken);

    const added = sheets.map((s) => all.add(s.name));
    try {
      const total = sheets.reduce((n, s) => n + s.cells.length, 0);
      let done = 0;
      let budget = 0;
      for (const [k, s] of sheets.entries()) {
        const width = Math.max(1, ...s.cells.map((r) => r.length));
        for (let first = 0; first < s.cells.length; ) {
          const rows: (string | number | null)[][] = [];
          for (; first < s.cells.length && (rows.length === 0 || budget < REQUEST_BUDGET_BYTES); first++) {
            const row = Array.from({ length: width }, (_, c) => asText(s.cells[first][c] ?? null));
            budget += JSON.stringify(row).length;
            rows.push(row);
          }
          added[k].getRangeByIndexes(first - rows.length, 0, rows.length, width).values = rows as Excel.Range['values'];
          done += rows.length;
          if (budget >= REQUEST_BUDGET_BYTES) {
            checkCancelled(options.signal);
            await context.sync();
            budget = 0;
            options.onProgress?.({ done, total, label: '写入台账模板' });
          }
        }
      }
      for (const [k, s] of sheets.entries()) finishTemplateSheet(added[k], s, Math.max(1, ...s.cells.map((r) => r.length)));
      added[0].activate();
      checkCancelled(options.signal);
      await context.sync();
    } catch (error) {
      // Nothing half-written stays: the sheets this call added go again.
      for (const sheet of added) sheet.delete();
      await context.sync().catch(() => undefined);
      throw error;
    }
    options.onProgress?.({ done: 1, total: 1, label: '已写入台账模板' });
    return { written: sheets.map((s) => s.name) };
  });
}
