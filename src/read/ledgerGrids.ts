/**
 * Grids → RawLedger, with no file access: the CLI feeds it grids read from a file, the task pane
 * grids read from the open workbook. It picks the ledger sheet, the 参数 sheet and an optional
 * per-unit sheet (单位信息), maps their columns and turns every data row into sourced values
 * (`台账!F17`), so every later error can name its cell.
 */
import { someNames } from '../names';
import { ATTRIBUTES, BUILT_IN_FIELDS, type FieldSet, type UnitAttributeKey } from '../fields';
import type { CellValue, ColumnMapping, ColumnTarget, Issue, RawLedger, RawParamRow, RawRow, SheetGrid, SheetMapping, SourcedValue } from '../ledger/types';
import { addressesIn, cellAddress } from './address';
import { fieldTargets, ledgerTargets, matchHeader, sameTarget, targetName as nameOf } from './columnMatch';
import { detectHeaderScored, headerAt, HEADER_SCAN_ROWS, type HeaderDetection, type LocatedHeaderColumn } from './headerRow';
import { headerCellText } from './headerText';
import type { RecordLayout } from '../recordView';
import { rowView, tableLayout } from './rowView';
import { sheetMonth, type SheetMonth } from './sheetMonth';
import { cellAt, isBlankCell, isBlankRow, MergeIndex } from './sheetCells';

export interface LedgerFromGridsOptions {
  /** The file (or workbook) the grids came from, for messages and RawLedger.source. */
  source: string;
  /** The ledger sheet's name; by default the sheet whose header fits best. */
  sheet?: string;
  /** The 参数 table from elsewhere (a params CSV); by default the sheet named 参数. */
  paramsGrid?: SheetGrid;
  /** A mapping confirmed by the analyst (task pane), used as is instead of detecting the header. */
  mapping?: SheetMapping;
  /**
   * The header rows the analyst pointed at on `sheet` (0-based, one or two rows), read instead of
   * detected. A header without 单位名称 or 月份 is then read as it is: the analyst maps them next.
   */
  headerRows?: number[];
  /**
   * Sheets of a workbook kept one sheet per month that the analyst left out (the task pane): their
   * rows are not read, and the note listing the month sheets says so. Whether the workbook is read
   * one sheet per month is decided on all its sheets, so leaving some out never changes that.
   */
  excludeSheets?: readonly string[];
  /** The rule set's input fields, which the columns are matched to; the built-in (Heshan) fields by default. */
  fields?: FieldSet;
}

export const PARAMS_SHEET = '参数';
export const UNIT_SHEET = '单位信息';
/** Sheets this product writes or reads for other purposes: never the ledger. */
export const NOT_LEDGER_SHEETS: readonly string[] = [PARAMS_SHEET, '月度得分', '年度汇总', '问题清单', '补贴测算', '评分细则', '评分映射', UNIT_SHEET];

const attributeTarget = (key: UnitAttributeKey): ColumnTarget => ({ kind: 'attribute', key });
const paramTargetLists = new WeakMap<FieldSet, readonly ColumnTarget[]>();
/** What the 参数 sheet can hold: 月份 and the rule set's district-wide parameters (the province averages). */
export function paramTargets(fields: FieldSet = BUILT_IN_FIELDS): readonly ColumnTarget[] {
  let targets = paramTargetLists.get(fields);
  if (!targets) paramTargetLists.set(fields, (targets = fieldTargets(fields, fields.params.map((f) => f.key), [attributeTarget('month')])));
  return targets;
}
/** What a per-unit sheet can hold: the identity and per-unit attributes (no month: it is not per month). */
export const UNIT_TARGETS: readonly ColumnTarget[] = ATTRIBUTES.filter((a) => a.key !== 'month').map((a) => attributeTarget(a.key));
const PER_UNIT_KEYS: readonly UnitAttributeKey[] = ['town', 'group', 'level', 'founding', 'reward', 'rewardReason'];

const sheetKey = (name: string) => name.normalize('NFKC').trim();
const isNamed = (grid: SheetGrid, name: string) => sheetKey(grid.name) === sheetKey(name);

function columnOf(mapping: SheetMapping, key: UnitAttributeKey): ColumnMapping | undefined {
  return mapping.columns.find((c) => c.target?.kind === 'attribute' && c.target.key === key);
}
/** The identity columns (单位名称, 月份) no column of the mapping provides: without them no row can be scored. */
export function missingIdentity(mapping: SheetMapping): string[] {
  return (['unit', 'month'] as const).filter((key) => columnOf(mapping, key) === undefined).map((key) => (key === 'unit' ? '单位名称' : '月份'));
}
const hasLedgerIdentity = (m: SheetMapping) => missingIdentity(m).length === 0;

const NEEDS_IDENTITY = '需要「单位名称」「月份」列';

export function ledgerFromGrids(grids: readonly SheetGrid[], opts: LedgerFromGridsOptions): RawLedger {
  const issues: Issue[] = [];
  const fields = opts.fields ?? BUILT_IN_FIELDS;
  const chosen = opts.sheet === undefined && opts.mapping === undefined && !opts.headerRows?.length;
  const monthly = chosen ? monthSheets(grids, fields) : null;
  if (monthly) return monthlyLedger(monthly, grids, opts, issues);
  const { grid, detection } = chooseLedgerSheet(grids, opts, issues);
  const mapping = detection.mapping;
  issues.push(...headerIssues(grid, detection, '', ledgerTargets(fields), fields));
  const rows = readDataRows(grid, mapping, issues);

  const { params, unitRows } = otherTables(grids, [grid], opts, issues);
  return { source: opts.source, sheet: grid.name, mapping, rows, params, unitRows, issues };
}

/** The 参数 table and the per-unit sheet beside the ledger's sheets. */
function otherTables(grids: readonly SheetGrid[], ledger: readonly SheetGrid[], opts: LedgerFromGridsOptions, issues: Issue[]): Pick<RawLedger, 'params' | 'unitRows'> {
  const notLedger = (g: SheetGrid) => !ledger.includes(g);
  const paramsGrid = opts.paramsGrid ?? grids.find((g) => notLedger(g) && isNamed(g, PARAMS_SHEET));
  if (opts.paramsGrid && grids.some((g) => notLedger(g) && isNamed(g, PARAMS_SHEET))) {
    issues.push(warning(null, `已使用参数文件「${opts.paramsGrid.name}」中的省平均值，工作簿中的「${PARAMS_SHEET}」表未使用`));
  }
  const params = paramsGrid ? readParamsGrid(paramsGrid, issues, opts.fields) : [];
  const unitGrid = chooseUnitSheet(grids.filter((g) => notLedger(g) && g !== paramsGrid));
  const unitRows = unitGrid ? readUnitSheet(unitGrid, issues) : [];
  return { params, unitRows };
}

/* ---------- A sheet per month ---------- */

export interface MonthSheet {
  grid: SheetGrid;
  detection: HeaderDetection;
  month: SheetMonth;
}

/**
 * The sheets of a workbook kept one sheet per month: every sheet with a 单位名称 column whose name
 * or title names a month. Null when the workbook is not kept that way (fewer than two such sheets,
 * unless the one sheet has no 月份 column of its own): the one-sheet reading then stands.
 */
export function monthSheets(grids: readonly SheetGrid[], fields: FieldSet = BUILT_IN_FIELDS): MonthSheet[] | null {
  const found: MonthSheet[] = [];
  for (const grid of grids) {
    if (NOT_LEDGER_SHEETS.some((n) => isNamed(grid, n))) continue;
    const detection = detectHeaderScored(grid, ledgerTargets(fields));
    if (!columnOf(detection.mapping, 'unit')) continue;
    const month = sheetMonth(grid, detection.mapping.headerRows[0] ?? 0);
    if (month) found.push({ grid, detection, month });
  }
  if (found.length >= 2 || (found.length === 1 && !columnOf(found[0].detection.mapping, 'month'))) return found;
  return null;
}

/**
 * A ledger sheet that is one part of a ledger read from several (a sheet per month, a file per
 * community or per month), with what its name, title or file says its rows share.
 */
export interface LedgerPart {
  grid: SheetGrid;
  detection: HeaderDetection;
  /** The month every row holds when the sheet has no 月份 column. */
  month: SheetMonth | null;
  /** The unit every row is when the sheet has no 单位名称 column: from its file's name, title or folder. */
  unit: { value: string; cell: string; from: 'file' | 'title' | 'folder' } | null;
}

/**
 * A ledger kept one sheet per month, from its month sheets (as `monthSheets` finds them, or with
 * the analyst's header and mapping per sheet), without those `opts.excludeSheets` names.
 */
export function monthlyLedger(sheets: readonly MonthSheet[], grids: readonly SheetGrid[], opts: LedgerFromGridsOptions, issues: Issue[] = []): RawLedger {
  const excluded = new Set(opts.excludeSheets ?? []);
  const kept = sheets.filter((s) => !excluded.has(s.grid.name));
  const left = sheets.filter((s) => excluded.has(s.grid.name)).map((s) => s.grid);
  if (kept.length === 0) throw new Error(`按月分表的工作表${someNames(left.map((g) => `「${g.name}」`), { unit: '个工作表' })}都已设为不读取，没有可读取的台账：请至少保留一个月份的工作表`);
  issues.push(...monthSheetNotes(kept, grids, left, opts.fields));
  // A sheet left out is not read as anything else either (never taken for the 单位信息 sheet).
  return ledgerFromParts(kept.map((s) => ({ ...s, unit: null })), grids.filter((g) => !left.includes(g)), opts, issues);
}

/** One ledger from its parts, each sheet's columns mapped on their own. */
export function ledgerFromParts(parts: readonly LedgerPart[], grids: readonly SheetGrid[], opts: LedgerFromGridsOptions, issues: Issue[] = []): RawLedger {
  const rows: RawRow[] = [];
  const fields = opts.fields ?? BUILT_IN_FIELDS;
  for (const { grid, detection, month, unit } of parts) {
    const prefix = `「${grid.name}」表中`;
    issues.push(...headerIssues(grid, detection, prefix, ledgerTargets(fields), fields));
    const table = readTable(grid, detection.mapping, prefix, issues);
    // A sheet's own 月份 and 单位名称 columns say each row's; otherwise its name, title or file does.
    const constants = new Map<string, SourcedValue>();
    const sheetGivesMonth = month !== null && columnOf(detection.mapping, 'month') === undefined;
    if (sheetGivesMonth) constants.set('month', { value: month.value, cell: month.cell });
    if (unit && columnOf(detection.mapping, 'unit') === undefined) constants.set('unit', { value: unit.value, cell: unit.cell });
    for (const row of toRawRows(grid, table, constants)) rows.push({ ...row, sheet: grid.name, ...(sheetGivesMonth ? { monthFromSheet: true } : {}) });
  }
  const { params, unitRows } = otherTables(grids, parts.map((p) => p.grid), opts, issues);
  const first = parts[0];
  return {
    source: opts.source, sheet: first.grid.name, mapping: first.detection.mapping, rows, params, unitRows, issues,
    sheets: parts.map(({ grid, detection, month, unit }) => ({
      sheet: grid.name, mapping: detection.mapping, month: month?.month ?? null, monthFrom: month?.from ?? null,
      ...(unit ? { unit: unit.value, unitFrom: unit.from } : {}),
    })),
  };
}

/** What the analyst should know about a workbook read one sheet per month: which sheets, which were left, and where layouts differ. */
function monthSheetNotes(sheets: readonly MonthSheet[], grids: readonly SheetGrid[], excluded: readonly SheetGrid[] = [], fields: FieldSet = BUILT_IN_FIELDS): Issue[] {
  const fieldName = (key: string) => fields.name(key);
  const notes: Issue[] = [];
  const read = sheets.map(({ grid, month }) => `「${grid.name}」${month.month}月${month.from === 'title' ? '（取自标题）' : ''}`);
  const used = new Set([...sheets.map((s) => s.grid), ...excluded]);
  const left = grids.filter((g) => !used.has(g) && !NOT_LEDGER_SHEETS.some((n) => isNamed(g, n)) && !g.rows.every((row) => isBlankRow(row))).map((g) => `「${g.name}」`);
  const notRead = excluded.length ? `；按设置不读取：${excluded.map((g) => `「${g.name}」`).join('、')}` : '';
  notes.push(warning(null, `按月分表读取：${someNames(read, { most: 12, unit: '个工作表' })}${notRead}${left.length ? `；未作为台账读取：${left.join('、')}` : ''}`));

  const byMonth = new Map<number, string[]>();
  for (const { grid, month } of sheets) byMonth.set(month.month, [...(byMonth.get(month.month) ?? []), `「${grid.name}」`]);
  for (const [month, names] of byMonth) if (names.length > 1) notes.push(warning('月份', `工作表${names.join('、')}都是${month}月，重复的单位月份为错误`));

  // Layouts drift between months: a column added in July, one dropped. Rows of a sheet without a
  // field's column cannot be scored on it (an error per sheet when scoring), never read as blank.
  const fieldsOf = (s: MonthSheet) => new Set(s.detection.mapping.columns.flatMap((c) => (c.target?.kind === 'field' ? [c.target.key] : [])));
  const sets = sheets.map(fieldsOf);
  const all = new Set(sets.flatMap((set) => [...set]));
  for (const key of all) {
    const without = sheets.filter((_, i) => !sets[i].has(key)).map((s) => `「${s.grid.name}」`);
    if (without.length > 0) notes.push(warning(fieldName(key), `各月工作表的列不一致：${someNames(without, { unit: '个工作表' })}没有「${fieldName(key)}」列`));
  }
  return notes;
}

/* ---------- Choosing sheets ---------- */

function chooseLedgerSheet(grids: readonly SheetGrid[], opts: LedgerFromGridsOptions, issues: Issue[]): { grid: SheetGrid; detection: HeaderDetection } {
  const fields = opts.fields ?? BUILT_IN_FIELDS;
  const targets = ledgerTargets(fields);
  const names = grids.map((g) => `「${g.name}」`).join('、') || '（没有工作表）';
  const wanted = opts.mapping?.sheet ?? opts.sheet;
  if (wanted !== undefined) {
    const grid = grids.find((g) => g.name === wanted) ?? grids.find((g) => isNamed(g, wanted));
    if (!grid) throw new Error(`找不到工作表「${wanted}」：${opts.source} 中的工作表有 ${names}`);
    if (opts.mapping) return { grid, detection: { mapping: { ...opts.mapping, sheet: grid.name }, score: 0, located: locatedFromMapping(opts.mapping) } };
    if (opts.headerRows?.length) return { grid, detection: headerAt(grid, opts.headerRows, targets) };
    const detection = detectHeaderScored(grid, targets);
    if (!hasLedgerIdentity(detection.mapping)) {
      throw new Error(`找不到表头：工作表「${grid.name}」前${HEADER_SCAN_ROWS}行中没有可识别的台账表头，${NEEDS_IDENTITY}（${sheetFinding(grid, fields)}）`);
    }
    return { grid, detection };
  }

  const found = ledgerCandidates(grids, fields);
  if (found.length === 0) {
    const findings = grids.length ? `（${grids.map((g) => `「${g.name}」${sheetFinding(g, fields)}`).join('；')}）` : '';
    throw new Error(`找不到表头：${opts.source} 的工作表 ${names} 前${HEADER_SCAN_ROWS}行中都没有可识别的台账表头，${NEEDS_IDENTITY}${findings}`);
  }
  let best = found[0];
  for (const c of found) if (c.detection.score > best.detection.score + 1e-9) best = c;
  if (found.length > 1) {
    const others = found.filter((c) => c !== best).map((c) => `「${c.grid.name}」`).join('、');
    issues.push(warning(null, `有多个工作表像台账（${others}），已使用表头最完整的「${best.grid.name}」；如需其他工作表请指定工作表名`));
  }
  return best;
}

/** Every sheet whose header reads as a ledger (单位名称 and 月份 found), with its header reading. */
function ledgerCandidates(grids: readonly SheetGrid[], fields: FieldSet) {
  // A single sheet is the ledger whatever it is called (a CSV named 参数.csv is still a ledger if it has one).
  const candidates = grids.length === 1 ? grids : grids.filter((g) => !NOT_LEDGER_SHEETS.some((n) => isNamed(g, n)));
  return candidates.map((grid) => ({ grid, detection: detectHeaderScored(grid, ledgerTargets(fields)) })).filter((c) => hasLedgerIdentity(c.detection.mapping));
}

/** What a sheet's best header reading lacks, in Chinese: why it is not a ledger. */
function sheetFinding(grid: SheetGrid, fields: FieldSet): string {
  if (grid.rows.every((row) => isBlankRow(row))) return '是空表';
  const { mapping } = detectHeaderScored(grid, ledgerTargets(fields));
  const missing = missingIdentity(mapping);
  if (missing.length === 2) return `前${HEADER_SCAN_ROWS}行中既没有「单位名称」列也没有「月份」列`;
  const row = (mapping.headerRows[mapping.headerRows.length - 1] ?? 0) + 1;
  const found = missing[0] === '月份' ? '单位名称' : '月份';
  return `第${row}行的表头有「${found}」，没有「${missing[0]}」列`;
}

/** How the pane lists a workbook's sheets for the analyst to choose from. */
export type SheetKind = 'ledger' | 'params' | 'rubric' | 'units' | 'output' | 'empty' | 'other';

export interface SheetOverview {
  name: string;
  kind: SheetKind;
  /** Why it is not a ledger (for 'other' and 'empty'), in Chinese; null for the others. */
  finding: string | null;
}

/** Every sheet with what it is to this product: a ledger, 参数, 评分细则, one of the outputs, empty, or something else and why. */
export function sheetOverview(grids: readonly SheetGrid[], fields: FieldSet = BUILT_IN_FIELDS): SheetOverview[] {
  const ledgers = new Set(ledgerLikeSheets(grids, fields));
  return grids.map((grid): SheetOverview => {
    const empty = grid.rows.every((row) => isBlankRow(row));
    if (empty) return { name: grid.name, kind: 'empty', finding: '是空表' };
    if (ledgers.has(grid.name)) return { name: grid.name, kind: 'ledger', finding: null };
    if (isNamed(grid, PARAMS_SHEET)) return { name: grid.name, kind: 'params', finding: null };
    if (isNamed(grid, '评分细则')) return { name: grid.name, kind: 'rubric', finding: null };
    if (isNamed(grid, UNIT_SHEET)) return { name: grid.name, kind: 'units', finding: null };
    if (NOT_LEDGER_SHEETS.some((n) => isNamed(grid, n))) return { name: grid.name, kind: 'output', finding: null };
    return { name: grid.name, kind: 'other', finding: sheetFinding(grid, fields) };
  });
}

/** The names of the sheets that look like ledgers: more than one means some were not read. */
export function ledgerLikeSheets(grids: readonly SheetGrid[], fields: FieldSet = BUILT_IN_FIELDS): string[] {
  return ledgerCandidates(grids, fields).map((c) => c.grid.name);
}

/** A per-unit sheet: named 单位信息, or any other sheet with 单位名称 and per-unit columns but no 月份. */
function chooseUnitSheet(grids: readonly SheetGrid[]): SheetGrid | undefined {
  const others = grids.filter((g) => !NOT_LEDGER_SHEETS.some((n) => n !== UNIT_SHEET && isNamed(g, n)));
  const named = others.find((g) => isNamed(g, UNIT_SHEET));
  if (named) return named;
  let best: { grid: SheetGrid; score: number } | undefined;
  for (const grid of others) {
    const { mapping, score } = detectHeaderScored(grid);
    const perUnit = PER_UNIT_KEYS.some((key) => columnOf(mapping, key) !== undefined);
    if (columnOf(mapping, 'unit') && !columnOf(mapping, 'month') && perUnit && (!best || score > best.score)) best = { grid, score };
  }
  return best?.grid;
}

/* ---------- Header issues ---------- */

/** Columns of an analyst's mapping, located at its last header row. */
function locatedFromMapping(mapping: SheetMapping): LocatedHeaderColumn[] {
  const row = mapping.headerRows[mapping.headerRows.length - 1] ?? Math.max(0, mapping.firstDataRow - 1);
  return mapping.columns.map((c) => ({ column: c.column, header: c.header, texts: [c.header], textRow: row }));
}

/** Warnings about the header: columns that feed nothing, and columns recognised only approximately. */
function headerIssues(grid: SheetGrid, detection: HeaderDetection, tablePrefix: string, targets: readonly ColumnTarget[], fields: FieldSet = BUILT_IN_FIELDS): Issue[] {
  const targetName = (target: ColumnTarget) => nameOf(target, fields);
  const issues: Issue[] = [];
  const located = new Map(detection.located.map((l) => [l.column, l]));
  const addressOf = (column: number) => cellAddress(grid.name, located.get(column)?.textRow ?? detection.mapping.headerRows[0] ?? 0, column);
  for (const col of detection.mapping.columns) {
    const where = addressOf(col.column);
    if (col.target === null) {
      // If the column's best reading went to another column, say so: two columns claim one field.
      const texts = located.get(col.column)?.texts ?? [col.header];
      const best = texts.flatMap((t) => matchHeader(t, targets)).sort((a, b) => b.confidence - a.confidence)[0];
      const winner = best && detection.mapping.columns.find((c) => c !== col && sameTarget(c.target, best.target));
      issues.push(
        winner
          ? warning(null, `${tablePrefix}列「${col.header}」（${where}）与「${winner.header}」（${addressOf(winner.column)}）都对应「${targetName(best.target)}」，已使用后者，本列已忽略`, where)
          : warning(null, `${tablePrefix}未识别的列「${col.header}」（${where}），已忽略`, where),
      );
    } else if (col.matchedBy === 'fuzzy') {
      issues.push({
        ...warning(null, `${tablePrefix}列「${col.header}」（${where}）按相近的列名识别为「${targetName(col.target)}」（可信度 ${col.confidence.toFixed(2)}），请核对`, where),
        field: targetName(col.target),
      });
    }
  }
  return issues;
}

function warning(field: string | null, message: string, cell: string | null = null): Issue {
  return { severity: 'warning', unit: null, month: null, field, cell, message };
}

/* ---------- Rows ---------- */

/** Totals rows (合计, 总计, 小计), by their label: never data, wherever they stand. */
function isTotalsRow(value: CellValue): boolean {
  if (typeof value !== 'string') return false;
  const label = value.normalize('NFKC').replace(/\s+/g, '');
  return label.length <= 6 && /(合计|总计|小计)$/.test(label);
}

/** Notes under a table: 注：…, 填表人：…, 审核人：… The colon is required: 注滋口社区 is a unit, not a note. */
const FOOTNOTE = /^(?:注\d*|说明|备注|填表说明|填表人|填报人|填报单位|制表人|制表单位|审核人|负责人|单位负责人|联系人|联系电话|统计人|数据来源|(?:填表|填报|制表)(?:日期|时间)):/;

function firstNonBlank(row: readonly CellValue[] | undefined): CellValue {
  return row?.find((v) => !isBlankCell(v)) ?? null;
}

interface TableReading {
  /** The mapped columns. */
  mapped: ColumnMapping[];
  /** 0-based grid rows holding data. */
  rows: number[];
  address: (row0: number, col0: number) => string;
  /** The row holding the value shown at a cell: a cell merged down a column shows its top cell. */
  sourceRow: (row0: number, col0: number) => number;
}

/**
 * The data rows of a mapped table: every row from firstDataRow that is not empty, without totals
 * rows (合计, 总计, 小计: skipped wherever they stand, the rows below them still read, and listed in
 * one 提示) and without notes under the table. A cell merged down a column (a unit name merged over
 * its twelve months) gives its value to every row it covers.
 */
function readTable(grid: SheetGrid, mapping: SheetMapping, tableName: string, issues: Issue[]): TableReading {
  const mapped = mapping.columns.filter((c) => c.target !== null);
  const unitColumn = columnOf(mapping, 'unit')?.column;
  const monthColumn = columnOf(mapping, 'month')?.column;
  // Only a merge that starts among the data rows gives its value to the rows below it (header
  // merges never do), so the others need no lookup per cell.
  const dataMerges = grid.merges.filter((m) => m.top >= mapping.firstDataRow);
  const merges = dataMerges.length > 0 ? new MergeIndex(dataMerges) : null;
  const sourceRow = (r: number, c: number): number => {
    const merge = merges?.slaveOf(r, c);
    return merge && merge.left === c ? merge.top : r;
  };
  const address = addressesIn(grid.name);
  const rows: number[] = [];
  const totals: string[] = [];
  for (let r = mapping.firstDataRow; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const label = unitColumn !== undefined && !isBlankCell(cellAt(grid, r, unitColumn)) ? cellAt(grid, r, unitColumn) : firstNonBlank(row);
    if (isTotalsRow(label)) {
      totals.push(`「${headerCellText(label)}」（${address(r, 0)}）`);
      continue;
    }
    const first = firstNonBlank(row);
    const monthBlank = monthColumn === undefined || isBlankCell(cellAt(grid, r, monthColumn));
    if (monthBlank && typeof first === 'string' && FOOTNOTE.test(first.normalize('NFKC').replace(/\s+/g, ''))) continue;
    rows.push(r);
  }
  if (totals.length) {
    issues.push(warning(null, `${tableName}的合计行未计分：${someNames(totals, { unit: '行' })}；其上下的数据行都已读取`, null));
  }
  return { mapped, rows, address, sourceRow };
}

/** The columns of `table` that feed targets of one kind, as the rows' views read them. */
function columnsOf(grid: SheetGrid, table: TableReading, kind: ColumnTarget['kind'], constants?: ReadonlyMap<string, SourcedValue>): RecordLayout<SourcedValue> {
  const columns = new Map<string, number>();
  for (const c of table.mapped) if (c.target!.kind === kind) columns.set(c.target!.key, c.column);
  return tableLayout(grid, columns, table.address, table.sourceRow, constants);
}

function toRawRows(grid: SheetGrid, table: TableReading, constants?: ReadonlyMap<string, SourcedValue>): RawRow[] {
  const attributes = columnsOf(grid, table, 'attribute', constants);
  const fields = columnsOf(grid, table, 'field');
  return table.rows.map((row0) => ({
    rowRef: table.address(row0, 0),
    row: row0 + 1,
    attributes: rowView<UnitAttributeKey>(attributes, row0),
    fields: rowView(fields, row0) as Record<string, SourcedValue>,
  }));
}

function readDataRows(grid: SheetGrid, mapping: SheetMapping, issues: Issue[]): RawRow[] {
  return toRawRows(grid, readTable(grid, mapping, '台账中', issues));
}

/* ---------- 参数 and 单位信息 ---------- */

/** The 参数 table of a sheet (or of a range an HS.* formula is given): 月份 and the province averages per row. */
export function readParamsGrid(grid: SheetGrid, issues: Issue[], fields: FieldSet = BUILT_IN_FIELDS): RawParamRow[] {
  const targets = paramTargets(fields);
  const detection = detectHeaderScored(grid, targets);
  const monthColumn = columnOf(detection.mapping, 'month');
  if (!monthColumn) {
    issues.push({
      severity: 'error', unit: null, month: null, field: '月份', cell: null,
      message: `参数表「${grid.name}」前${HEADER_SCAN_ROWS}行中找不到「月份」列，省平均值未读取`,
    });
    return [];
  }
  issues.push(...headerIssues(grid, detection, '参数表中', targets, fields));
  const table = readTable(grid, detection.mapping, '参数表中', issues);
  // A few rows: plain records, which the formulas' argument readers copy and move.
  const values = columnsOf(grid, table, 'field');
  const month = columnsOf(grid, table, 'attribute');
  return table.rows.map((row0) => ({
    row: row0 + 1,
    month: rowView<'month'>(month, row0).month!,
    fields: { ...(rowView(values, row0) as Record<string, SourcedValue>) },
  }));
}

function readUnitSheet(grid: SheetGrid, issues: Issue[]): RawRow[] {
  const detection = detectHeaderScored(grid, UNIT_TARGETS);
  if (!columnOf(detection.mapping, 'unit')) {
    issues.push(warning(null, `「${grid.name}」表中找不到「单位名称」列，单位信息未读取`));
    return [];
  }
  issues.push(...headerIssues(grid, detection, `「${grid.name}」表中`, UNIT_TARGETS));
  return toRawRows(grid, readTable(grid, detection.mapping, `「${grid.name}」表中`, issues));
}
