/**
 * The pane's logic on plain data, apart from React and Office: reading the open workbook's grids
 * into a ledger with the analyst's column mapping, what that mapping leaves out, the province
 * averages typed in the pane, and scoring. The components only display this and call it.
 */
import { compileRuleSet } from '../src/engine/compile';
import { BUILT_IN_FIELDS, fieldSet, type FieldSet } from '../src/fields';
import type { ColumnMapping, ColumnTarget, RawLedger, RawParamRow, SheetGrid, SheetMapping } from '../src/ledger/types';
import { ledgerTargets, sameTarget, targetName } from '../src/read/columnMatch';
import { ledgerFromGrids, ledgerLikeSheets, missingIdentity, monthlyLedger, monthSheets, NOT_LEDGER_SHEETS, PARAMS_SHEET, sheetOverview, type MonthSheet, type SheetOverview } from '../src/read/ledgerGrids';
import { someNames } from '../src/names';
import { MAPPING_SHEET, SUBSIDY_SHEET, type OutputMode, type ParamsSource, type ScorePlanOptions, type SheetArea } from '../src/output/sheetPlans';
import { gridWidth } from '../src/read/sheetCells';
import { detectHeader, detectHeaderScored, headerAt, HEADER_SCAN_ROWS, type HeaderDetection } from '../src/read/headerRow';
import { sheetMonth } from '../src/read/sheetMonth';
import { parseCellAddress } from '../src/output/tableLayout';
import type { SubsidyPolicy } from '../src/policy/types';
import { PENDING, type ScoreResult } from '../src/result';
import { formatYuan } from '../src/engine/subsidy';
import type { RuleSet } from '../src/rules/vocabulary';
import { scoreLedger } from '../src/score';
import { readRubricSheet, RUBRIC_SHEET } from '../src/rules/rubricSheet';

const rubricGrid = (grids: readonly SheetGrid[]) => grids.find((g) => g.name.normalize('NFKC').trim() === RUBRIC_SHEET);

/** The workbook's own 评分细则 sheet, if it has one: its rule set, or why it was refused. */
export function workbookRubric(grids: readonly SheetGrid[]): { ruleSet: RuleSet } | { errors: string[] } | null {
  const grid = rubricGrid(grids);
  if (!grid) return null;
  const reading = readRubricSheet(grid);
  return reading.ok ? { ruleSet: reading.ruleSet } : { errors: reading.errors };
}

/** Sheets the pane writes (never read as the analyst's data). */
export const PANE_SHEETS: readonly string[] = [...NOT_LEDGER_SHEETS.filter((s) => s !== PARAMS_SHEET && s !== '单位信息' && s !== RUBRIC_SHEET), MAPPING_SHEET, SUBSIDY_SHEET];

/** What the pane keeps in the workbook's settings. */
export interface PaneSettings {
  version: 1;
  /** The mapping the analyst confirmed, for the sheet it was made on. */
  mapping?: SheetMapping;
  /** Province averages typed in the pane (field key → value), used when the workbook has no 参数 sheet. */
  typedParams?: Record<string, number>;
  mode?: OutputMode;
  policy?: string;
  /** A ledger kept one sheet per month: each sheet's mapping and the sheets left out (`mapping` is then the one 列映射 showed). */
  monthSheets?: SavedMonthSheets;
}

export interface SavedMonthSheets {
  mappings: SheetMapping[];
  excluded: string[];
}

/** What a workbook's saved settings say about reading its ledger. */
export type SavedReading = Pick<PaneSettings, 'mapping' | 'monthSheets'>;

export interface LedgerView {
  grids: SheetGrid[];
  ledger: RawLedger;
  /** The ledger sheet's width, for live formulas. */
  width: number;
  /** The 参数 sheet, if the workbook has one. */
  paramsSheet: SheetGrid | null;
  /** A ledger kept one sheet per month, as the analyst set it; null for a one-sheet ledger. */
  monthly?: MonthlyReading | null;
  /** The rule set's fields its columns were matched to (the workbook's 评分细则 may have its own). */
  fields: FieldSet;
}

/** A workbook kept one sheet per month, as the pane reads it. */
export interface MonthlyReading {
  /** Every month sheet of the workbook, in its order, each with its header and mapping (the analyst's where changed). */
  sheets: MonthSheet[];
  /** The month sheets the analyst left out: their rows are not read. */
  excluded: string[];
  /** The sheet whose mapping 列映射 shows and edits. */
  editing: string;
}

/** The sheet and header rows the analyst pointed at, when detection found none or the wrong one. */
export interface LedgerChoice {
  sheet: string;
  /** 0-based: one row, or two (group titles above sub-headers); by default the sheet's detected header, else its first row with text. */
  headerRows?: number[];
}

/** The header rows a chosen sheet is read with: the analyst's, else the detected header, else its first row with text. */
function headerRowsOf(grids: readonly SheetGrid[], choice: LedgerChoice, fields: FieldSet): number[] {
  if (choice.headerRows?.length) return choice.headerRows;
  const grid = grids.find((g) => g.name === choice.sheet);
  if (!grid) return [0];
  const detected = detectHeader(grid, ledgerTargets(fields)).headerRows;
  if (detected.length) return detected;
  const first = grid.rows.findIndex((row) => row?.some((v) => v !== null && v !== ''));
  return [Math.max(0, first)];
}

/**
 * The ledger of the open workbook: on the analyst's chosen sheet and header rows when given, else
 * with the saved mapping when it still fits the sheet, else as detected (which throws, in Chinese,
 * when no sheet has a ledger header). Columns are matched to `fields`, the rule set's.
 */
export function readLedger(grids: SheetGrid[], savedReading: SavedReading | undefined, choice?: LedgerChoice, fields: FieldSet = BUILT_IN_FIELDS): LedgerView {
  if (!choice) {
    const monthly = monthlyReading(grids, savedReading, fields);
    if (monthly) return monthlyView(grids, monthly, fields);
  }
  // A mapping saved for a sheet of a ledger kept per month is not a one-sheet mapping.
  const saved = savedReading?.monthSheets ? undefined : savedReading?.mapping;
  const usable = !choice && saved && grids.some((g) => g.name === saved.sheet) ? saved : undefined;
  const headerRows = choice ? headerRowsOf(grids, choice, fields) : undefined;
  const ledger = ledgerFromGrids(grids, { source: '当前工作簿', mapping: usable, sheet: choice?.sheet, headerRows, fields });
  const grid = grids.find((g) => g.name === ledger.sheet)!;
  const paramsSheet = grids.find((g) => g.name !== ledger.sheet && g.name.normalize('NFKC').trim() === PARAMS_SHEET) ?? null;
  return { grids, ledger, width: gridWidth(grid), paramsSheet, fields };
}

/* ---------- A sheet per month ---------- */

const headerKey = (m: SheetMapping) => m.columns.map((c) => `${c.column}\u0000${c.header}`).join('\u0001');

/** A sheet's header read at the given rows, once per sheet and rows. */
function headerReader(fields: FieldSet) {
  const cache = new Map<string, HeaderDetection>();
  return (grid: SheetGrid, rows: readonly number[]): HeaderDetection => {
    const key = `${grid.name}\u0000${rows.join(',')}`;
    if (!cache.has(key)) cache.set(key, headerAt(grid, rows, ledgerTargets(fields)));
    return cache.get(key)!;
  };
}

/** A month sheet read with a mapping made on it or on a sheet with the same header: the sheet's own header cells, its month as its name or title says. */
function withMapping(sheet: MonthSheet, mapping: SheetMapping, header: HeaderDetection): MonthSheet {
  const month = sheetMonth(sheet.grid, mapping.headerRows[0] ?? 0) ?? sheet.month;
  return { ...sheet, month, detection: { mapping: { ...mapping, sheet: sheet.grid.name }, score: header.score, located: header.located } };
}

/**
 * The workbook's month sheets with the saved reading: each sheet with its own saved mapping while
 * its header is still the one mapped, else with any saved mapping whose header it has (same texts in
 * the same columns), else as detected. Null when the workbook is not kept one sheet per month, or
 * when the analyst saved a one-sheet mapping of another sheet.
 */
function monthlyReading(grids: readonly SheetGrid[], saved: SavedReading | undefined, fields: FieldSet): MonthlyReading | null {
  const found = monthSheets(grids, fields);
  if (!found) return null;
  const names = new Set(found.map((s) => s.grid.name));
  const single = saved?.mapping;
  if (!saved?.monthSheets && single && !names.has(single.sheet) && grids.some((g) => g.name === single.sheet)) return null;
  const pool = [...(saved?.monthSheets?.mappings ?? []), ...(single ? [single] : [])];
  const read = headerReader(fields);
  const sheets = found.map((s) => {
    const ordered = [...pool.filter((m) => m.sheet === s.grid.name), ...pool.filter((m) => m.sheet !== s.grid.name)];
    for (const m of ordered) {
      const header = read(s.grid, m.headerRows);
      if (headerKey(header.mapping) === headerKey(m)) return withMapping(s, m, header);
      // The same header at other rows (title rows above it on this sheet only): the sheet's own rows.
      const own = s.detection.mapping;
      if (headerKey(own) === headerKey(m)) return withMapping(s, { ...m, headerRows: own.headerRows, firstDataRow: own.firstDataRow }, s.detection);
    }
    return s;
  });
  const excluded = (saved?.monthSheets?.excluded ?? []).filter((n) => names.has(n));
  const kept = excluded.length < sheets.length ? excluded : [];
  const firstKept = sheets.find((s) => !kept.includes(s.grid.name))!.grid.name;
  return { sheets, excluded: kept, editing: single && names.has(single.sheet) ? single.sheet : firstKept };
}

function monthlyView(grids: SheetGrid[], monthly: MonthlyReading, fields: FieldSet): LedgerView {
  const ledger = monthlyLedger(monthly.sheets, grids, { source: '当前工作簿', excludeSheets: monthly.excluded, fields });
  const grid = grids.find((g) => g.name === ledger.sheet)!;
  const months = new Set(monthly.sheets.map((s) => s.grid.name));
  const paramsSheet = grids.find((g) => !months.has(g.name) && g.name.normalize('NFKC').trim() === PARAMS_SHEET) ?? null;
  return { grids, ledger, width: gridWidth(grid), paramsSheet, monthly, fields };
}

/**
 * The analyst's sheet (and header rows): with a ledger kept one sheet per month, a month sheet
 * becomes the one 列映射 shows (read at those header rows when given) and the others stay read;
 * any other sheet is read alone.
 */
export function chooseSheet(grids: SheetGrid[], current: LedgerView | null, choice: LedgerChoice, fields: FieldSet = current?.fields ?? BUILT_IN_FIELDS): LedgerView {
  const monthly = current?.monthly ?? monthlyReading(grids, undefined, fields);
  const chosen = monthly?.sheets.find((s) => s.grid.name === choice.sheet);
  if (!monthly || !chosen) return readLedger(grids, undefined, choice, fields);
  const sheets = choice.headerRows?.length
    ? monthly.sheets.map((s) => {
        if (s !== chosen) return s;
        const header = headerAt(s.grid, choice.headerRows!, ledgerTargets(fields));
        return withMapping(s, header.mapping, header);
      })
    : monthly.sheets;
  return monthlyView(grids, { ...monthly, sheets, editing: choice.sheet }, fields);
}

/**
 * One column's target changed by the analyst: on a one-sheet ledger, its mapping; with a sheet per
 * month, the shown sheet's and every other month sheet's whose header has the same text in that
 * column (a sheet whose header differs there keeps its own).
 */
export function withViewColumnTarget(view: LedgerView, column: number, target: ColumnTarget | null): LedgerView {
  const monthly = view.monthly;
  if (!monthly) return readLedger(view.grids, { mapping: withColumnTarget(view.ledger.mapping, column, target) }, undefined, view.fields);
  const textAt = (m: SheetMapping) => m.columns.find((c) => c.column === column)?.header;
  const text = textAt(monthly.sheets.find((s) => s.grid.name === monthly.editing)!.detection.mapping);
  const sheets = monthly.sheets.map((s): MonthSheet => {
    const mapping = s.detection.mapping;
    const applies = s.grid.name === monthly.editing || (text !== undefined && textAt(mapping) === text);
    return applies ? { ...s, detection: { ...s.detection, mapping: withColumnTarget(mapping, column, target) } } : s;
  });
  return monthlyView(view.grids, { ...monthly, sheets }, view.fields);
}

/** A month sheet read or left out; the last one read is never left out. */
export function withSheetIncluded(view: LedgerView, sheet: string, included: boolean): LedgerView {
  const monthly = view.monthly;
  if (!monthly || !monthly.sheets.some((s) => s.grid.name === sheet)) throw new Error(`「${sheet}」不是按月分表台账的工作表`);
  const excluded = included ? monthly.excluded.filter((n) => n !== sheet) : [...new Set([...monthly.excluded, sheet])];
  if (excluded.length >= monthly.sheets.length) throw new Error('至少要读取一个月份的工作表');
  return monthlyView(view.grids, { ...monthly, excluded }, view.fields);
}

/** A month sheet as the 列映射 step lists it. */
export interface ViewSheet {
  sheet: string;
  month: number;
  year: number | null;
  /** Where its month was read: its name, or a title row above the header. */
  monthFrom: 'name' | 'title';
  included: boolean;
  /** How its header differs from the shown sheet's, in Chinese; null when it is the same (a mapping change applies to it too). */
  differs: string | null;
  mapping: SheetMapping;
}

/** A sheet of a workbook kept per month that is read as nothing, and why (in Chinese). */
export interface UnreadSheet {
  sheet: string;
  why: string;
}

/** How one header differs from another, in a few words: `多「新增列」列；少「…」列` or `列的位置不同`. */
function headerDifference(shown: SheetMapping, other: SheetMapping): string | null {
  if (headerKey(shown) === headerKey(other)) return null;
  const texts = (m: SheetMapping) => m.columns.map((c) => c.header);
  const a = texts(shown);
  const b = texts(other);
  const more = b.filter((h) => !a.includes(h));
  const fewer = a.filter((h) => !b.includes(h));
  const parts = [
    ...(more.length ? [`多${someNames(more, { quoted: true, most: 3 })}列`] : []),
    ...(fewer.length ? [`少${someNames(fewer, { quoted: true, most: 3 })}列`] : []),
  ];
  const moved = a.filter((h) => b.includes(h)).some((h) => shown.columns.find((c) => c.header === h)!.column !== other.columns.find((c) => c.header === h)!.column);
  if (moved || !parts.length) parts.push('列的位置不同');
  return parts.join('，');
}

/** Why a sheet beside month sheets was not read as one of them. */
function unreadReason(grid: SheetGrid, fields: FieldSet): string {
  if (grid.rows.every((row) => !row || row.every((v) => v === null || v === ''))) return '空表';
  const mapping = detectHeaderScored(grid, ledgerTargets(fields)).mapping;
  const missing = missingIdentity(mapping);
  if (missing.length === 0) return '是有「月份」列的单表台账，按月分表时不读取（可在「台账工作表」中改选此表单独读取）';
  if (!missing.includes('单位名称')) return '表名和表头上方的标题中都没有月份';
  return `前${HEADER_SCAN_ROWS}行中没有「单位名称」列，不是台账`;
}

/** The sheet 列映射 shows and, for a ledger kept per month, every month sheet and the sheets read as nothing. */
export function viewSheets(view: LedgerView): { sheet: string; mapping: SheetMapping; sheets: ViewSheet[] | null; unreadSheets: UnreadSheet[] } {
  const monthly = view.monthly;
  if (!monthly) return { sheet: view.ledger.sheet, mapping: view.ledger.mapping, sheets: null, unreadSheets: [] };
  const shown = monthly.sheets.find((s) => s.grid.name === monthly.editing)!.detection.mapping;
  const sheets = monthly.sheets.map(({ grid, month, detection }): ViewSheet => ({
    sheet: grid.name, month: month.month, year: month.year, monthFrom: month.from, included: !monthly.excluded.includes(grid.name),
    differs: grid.name === monthly.editing ? null : headerDifference(shown, detection.mapping), mapping: detection.mapping,
  }));
  const months = new Set(sheets.map((s) => s.sheet));
  const unitSheet = view.ledger.unitRows.length ? parseCellAddress(view.ledger.unitRows[0].rowRef)?.sheet : undefined;
  const unreadSheets = view.grids
    .filter((g) => !months.has(g.name) && g.name !== unitSheet && g !== view.paramsSheet && !NOT_LEDGER_SHEETS.some((n) => g.name.normalize('NFKC').trim() === n))
    .map((g) => ({ sheet: g.name, why: unreadReason(g, view.fields) }));
  return { sheet: monthly.editing, mapping: shown, sheets, unreadSheets };
}

/** Every sheet with what it is to the product; a month sheet (no 月份 column needed) is a ledger sheet. */
export function paneSheetOverview(grids: readonly SheetGrid[], fields: FieldSet = BUILT_IN_FIELDS): SheetOverview[] {
  const months = new Set(monthSheets(grids, fields)?.map((s) => s.grid.name) ?? []);
  return sheetOverview(grids, fields).map((o) => (months.has(o.name) ? { ...o, kind: 'ledger', finding: null } : o));
}

/** The identity columns the shown sheet lacks: a month sheet needs no 月份 column, its name or title says it. */
export function identityMissing(view: { mapping: SheetMapping; sheets?: readonly ViewSheet[] | null }): string[] {
  const missing = missingIdentity(view.mapping);
  return view.sheets?.some((s) => s.sheet === view.mapping.sheet) ? missing.filter((n) => n !== '月份') : missing;
}


/** The first rows of a sheet as text, for the pane's preview (at most `rows` × `columns`). */
export function previewRows(grid: SheetGrid, rows: number, columns: number): string[][] {
  const width = Math.min(columns, gridWidth(grid, rows));
  return Array.from({ length: Math.min(rows, grid.rows.length) }, (_, r) =>
    Array.from({ length: width }, (_, c) => {
      const v = grid.rows[r]?.[c];
      return v === null || v === undefined ? '' : String(v);
    }),
  );
}

/** The mapping with one column's target changed by the analyst; a target taken from another column leaves it. */
export function withColumnTarget(mapping: SheetMapping, column: number, target: ColumnTarget | null): SheetMapping {
  const columns = mapping.columns.map((c): ColumnMapping => {
    if (c.column === column) return { ...c, target, confidence: target ? 1 : 0, matchedBy: target ? 'manual' : 'none' };
    if (target && sameTarget(c.target, target)) return { ...c, target: null, confidence: 0, matchedBy: 'none' };
    return c;
  });
  return { ...mapping, columns };
}

export interface MissingField {
  key: string;
  name: string;
  /** Indicators that cannot be scored without it. */
  indicators: string[];
  /** A province average: may come from the 参数 sheet or be typed in the pane instead. */
  param: boolean;
}

/** Indicator codes with their names, for the analyst: `E1（登记失业人员就业率）、E3（就业困难人员就业率）`. */
export function indicatorList(codes: readonly string[], ruleSet: RuleSet): string {
  const names = new Map(ruleSet.indicators.map((i) => [i.code, i.zh]));
  return codes.map((code) => (names.has(code) ? `${code}（${names.get(code)}）` : code)).join('、');
}

/** Fields the rubric reads that no column provides (province averages count as provided by a 参数 table or typed values). */
export function missingFields(mapping: SheetMapping, ruleSet: RuleSet, paramsProvided: ReadonlySet<string>): MissingField[] {
  const rubric = compileRuleSet(ruleSet);
  const mapped = new Set(mapping.columns.flatMap((c) => (c.target?.kind === 'field' ? [c.target.key] : [])));
  const needs = new Map<string, string[]>();
  for (const ind of ruleSet.indicators) {
    for (const key of rubric.fieldsOf(ind.code)) needs.set(key, [...(needs.get(key) ?? []), ind.code]);
  }
  return [...needs]
    .filter(([key]) => !mapped.has(key) && !paramsProvided.has(key))
    .map(([key, indicators]) => ({ key, name: rubric.fields.name(key), indicators, param: rubric.fields.byKey.get(key)?.param === true }));
}

/** The fields the view's mapping leaves out, province averages counting as provided by its 参数 sheet or the pane. */
export function missingFieldsOf(view: { mapping: SheetMapping; paramsFromSheet: readonly string[] }, typed: Readonly<Record<string, number>>, ruleSet: RuleSet): MissingField[] {
  return missingFields(view.mapping, ruleSet, new Set([...view.paramsFromSheet, ...Object.keys(typed)]));
}

/** Province averages the workbook's 参数 sheet provides (its columns), as field keys. */
export function paramsFromSheet(ledger: RawLedger): Set<string> {
  return new Set(ledger.params.flatMap((p) => Object.keys(p.fields)));
}

/** Typed averages (the rule set's 参数 fields) as 参数 rows for every month, located in the pane for messages. */
export function typedParamRows(values: Readonly<Record<string, number>>, params: FieldSet = BUILT_IN_FIELDS): RawParamRow[] {
  const fields = Object.fromEntries(
    params.params.filter((f) => values[f.key] !== undefined).map((f) => [f.key, { value: values[f.key], cell: `任务窗格「${f.zh}」` }]),
  );
  return Array.from({ length: 12 }, (_, i) => ({ row: i + 1, month: { value: i + 1, cell: '任务窗格' }, fields }));
}

/** Where live formulas read the province averages. */
export function paramsSource(view: LedgerView, typed: Readonly<Record<string, number>>): ParamsSource {
  if (view.paramsSheet) return { kind: 'sheet', sheet: view.paramsSheet.name, rows: view.paramsSheet.rows.length, columns: gridWidth(view.paramsSheet) };
  if (Object.keys(typed).length) return { kind: 'typed', values: typed };
  return { kind: 'none' };
}

/** Where live formulas read the rule set: the workbook's 评分细则 sheet from A1, or none (the built-in rubric). */
export function rubricSource(grids: readonly SheetGrid[]): SheetArea | null {
  const grid = rubricGrid(grids);
  return grid ? { sheet: grid.name, rows: grid.rows.length, columns: gridWidth(grid) } : null;
}

/** How 计算得分 writes the output sheets for this workbook: its ledger, 参数 and 评分细则 sheets as the formulas read them. */
export function scorePlanOptions(view: LedgerView, typed: Readonly<Record<string, number>>, ruleSet: RuleSet, mode: OutputMode, policy: SubsidyPolicy): ScorePlanOptions {
  return {
    mode, ruleSet, policy,
    ledger: view.ledger, ledgerGrid: view.grids.find((g) => g.name === view.ledger.sheet)!, grids: view.grids,
    params: paramsSource(view, typed), rubric: rubricSource(view.grids), sheetNames: view.grids.map((g) => g.name),
  };
}

/** Scores the ledger as read, with typed averages where the workbook has no 参数 sheet. */
export function scoreView(view: LedgerView, typed: Readonly<Record<string, number>>, ruleSet: RuleSet, policy: SubsidyPolicy): ScoreResult {
  const params = view.paramsSheet || Object.keys(typed).length === 0 ? view.ledger.params : typedParamRows(typed, fieldSet(ruleSet.fields));
  return scoreLedger({ ...view.ledger, params }, { ruleSet, policy });
}

/** What 计算得分 reports: green only when the result is whole. */
export interface ScoreSummary {
  text: string;
  /** success: everything scored; warning: some scores are missing; error: the year's figures cannot be trusted. */
  intent: 'success' | 'warning' | 'error';
}

const listed = (names: readonly string[]) => someNames(names, { quoted: true });

/**
 * The banner after 计算得分: what was written, and whatever was not scored — units without an annual
 * score, fields no column provides, ledger-like sheets that were not read — so that a green banner
 * never stands over a year that is missing or wrong.
 */
export function scoreSummary(result: ScoreResult, view: LedgerView, typed: Readonly<Record<string, number>>, ruleSet: RuleSet): ScoreSummary {
  const { undetermined } = result.summary;
  const pendingCount = undetermined.length ? `，${PENDING}${undetermined.length}个` : '';
  const head = `已写出月度得分、年度汇总和问题清单：${result.units.length}个单位，${result.summary.unitMonths}个单位月，错误${result.errors.length}条，末位淘汰${result.summary.eliminated.length}个${pendingCount}。`;
  const problems: string[] = [];
  let intent: ScoreSummary['intent'] = result.errors.length > 0 ? 'warning' : 'success';
  // A month sheet the analyst left out is said as such; only sheets nobody chose are an error.
  const excluded = view.monthly?.excluded ?? [];
  const read = new Set([view.ledger.sheet, ...(view.ledger.sheets ?? []).map((s) => s.sheet), ...excluded]);
  const unread = ledgerLikeSheets(view.grids, view.fields).filter((name) => !read.has(name));
  if (unread.length) {
    const which = view.ledger.sheets ? `${view.ledger.sheets.length}个按月分表的工作表` : `工作表「${view.ledger.sheet}」`;
    problems.push(`只计算了${which}，工作簿中还有像台账的工作表${listed(unread)}未读取，年度得分和补贴不完整`);
    intent = 'error';
  }
  if (excluded.length) {
    problems.push(`按设置未读取工作表${listed(excluded)}，其月份不计入年度得分`);
    if (intent === 'success') intent = 'warning';
  }
  const unscored = result.units.filter((u) => u.annual === null).map((u) => u.unit);
  if (result.units.length > 0 && unscored.length === result.units.length) {
    problems.push('没有任何单位得出年度得分，末位淘汰和补贴无法确定');
    intent = 'error';
  } else if (unscored.length) {
    problems.push(`${unscored.length}个单位没有年度得分（${listed(unscored)}），其末位淘汰和补贴${PENDING}`);
    if (intent === 'success') intent = 'warning';
  }
  // Ruling R9: scored units whose verdict or money a missing score could change are named too.
  const unscoredSet = new Set(unscored);
  const affected = undetermined.filter((u) => !unscoredSet.has(u));
  if (affected.length) {
    problems.push(`${affected.length}个有得分的单位的末位淘汰、小组连带或补贴因此${PENDING}（${listed(affected)}）`);
    if (intent === 'success') intent = 'warning';
  }
  // A sheet per month: a field is missing when no sheet read has it (a sheet lacking it is said in 问题清单).
  const columns = view.ledger.sheets ? view.ledger.sheets.flatMap((s) => s.mapping.columns) : view.ledger.mapping.columns;
  const missing = missingFieldsOf({ mapping: { ...view.ledger.mapping, columns }, paramsFromSheet: [...paramsFromSheet(view.ledger)] }, typed, ruleSet);
  if (missing.length) {
    const indicators = [...new Set(missing.flatMap((m) => m.indicators))];
    problems.push(`缺少字段${listed(missing.map((m) => m.name))}，指标${indicatorList(indicators, ruleSet)}无法计分`);
    if (intent === 'success') intent = 'warning';
  }
  const attention = problems.length ? `注意：${problems.join('；')}。` : result.errors.length ? '有错误的单元格所涉指标未计分。' : '';
  return { text: `${head}${attention}${attention ? '详见问题清单。' : ''}`, intent };
}

/**
 * What writing 补贴测算 reports. A 待核实 total (ruling R9) is said as such with the part that is
 * certain, in amber: the sheet holds 待核实 there, never an amount.
 */
export function subsidySummary(result: Pick<ScoreResult, 'summary'>, policy: SubsidyPolicy): ScoreSummary {
  const head = `已写出补贴测算（${policy.zh}）`;
  const { subsidyTotal, subsidyDeterminedTotal, undetermined } = result.summary;
  if (subsidyTotal !== null && undetermined.length === 0) return { text: `${head}，年终补贴合计${formatYuan(subsidyTotal)}。`, intent: 'success' };
  const total = subsidyTotal === null ? `年终补贴合计${PENDING}（已确定部分${formatYuan(subsidyDeterminedTotal)}）` : `年终补贴合计${formatYuan(subsidyTotal)}`;
  return { text: `${head}，${total}。注意：${undetermined.length}个单位按${PENDING}写出（${listed(undetermined)}），数据更正后请重新测算。`, intent: 'warning' };
}

/** The 待核实 units not yet confirmed by the analyst: 补贴测算 is written only when there are none. */
export function unconfirmedUnits(result: Pick<ScoreResult, 'summary'>, confirmed: readonly string[]): string[] {
  const done = new Set(confirmed);
  return result.summary.undetermined.filter((u) => !done.has(u));
}

export interface TargetOption {
  target: ColumnTarget;
  label: string;
}
const targetOptionLists = new WeakMap<FieldSet, readonly TargetOption[]>();

/** Every target a column can be mapped to under a rule set's fields, for the searchable dropdown. */
export function targetOptions(fields: FieldSet): readonly TargetOption[] {
  let options = targetOptionLists.get(fields);
  if (!options) targetOptionLists.set(fields, (options = ledgerTargets(fields).map((target) => ({ target, label: targetName(target, fields) }))));
  return options;
}
