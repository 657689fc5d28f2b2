/**
 * The scored workbook: the analyst's workbook with 月度得分, 年度汇总 and 问题清单 added (or, for a
 * CSV ledger, a new workbook holding just those three). Sheets with those names from an earlier
 * run are replaced; every other sheet is left as it was read.
 */
import { writeAtomically } from './atomicFile';
import ExcelJS from 'exceljs';
import type { ScoreResult } from '../result';
import { HESHAN_2024 } from '../rules/heshan2024';
import type { RuleSet } from '../rules/vocabulary';
import { installInternalLinks } from './internalLinks';
import { OUTPUT_SHEET_NAMES, outputSheets, type SheetTable } from './sheets';
import { columnWidth, internalLink, NUM_FMT, parseCellAddress, textWidth } from './tableLayout';

export { internalLink, parseCellAddress };

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Removes the output sheets of an earlier run, and the names that pointed into them. */
function removeOutputSheets(workbook: ExcelJS.Workbook): void {
  for (const name of OUTPUT_SHEET_NAMES) {
    const old = workbook.getWorksheet(name);
    if (old) workbook.removeWorksheet(old.id);
  }
  const names = workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  const outside = (range: string) => {
    const sheet = /^'?(.*?)'?!/.exec(range)?.[1]?.replace(/''/g, "'");
    return sheet === undefined || !OUTPUT_SHEET_NAMES.includes(sheet);
  };
  const before = names.model;
  const after = before
    // Excel's hidden filter bookkeeping: exceljs reads it without the sheet it belongs to and
    // would write it back as one workbook-wide name; Excel rebuilds it from each sheet's filter.
    .filter((d) => d.name !== '_xlnm._FilterDatabase')
    .map((d) => ({ ...d, ranges: d.ranges.filter(outside) }))
    .filter((d) => d.ranges.length > 0);
  if (JSON.stringify(after) !== JSON.stringify(before)) names.model = after;
}

/** A sheet as exceljs gives it, in a workbook held in memory or in one streamed to disk. */
type TableSheet = Pick<ExcelJS.Worksheet, 'columns' | 'getRow' | 'autoFilter'>;

function addTable(workbook: ExcelJS.Workbook, table: SheetTable, frozenColumns: number): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.name, { views: frozenViews(frozenColumns) });
  // The 单元格 column links to the cell when that cell is in this workbook.
  const linkable = new Set(workbook.worksheets.map((ws) => ws.name).filter((name) => !OUTPUT_SHEET_NAMES.includes(name)));
  fillTable(sheet, table, linkable, false);
  return sheet;
}

const frozenViews = (frozenColumns: number): Partial<ExcelJS.WorksheetView>[] => [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1, activeCell: 'A2' }];

/**
 * A table's header, rows, widths, formats and filter. Streamed, each row is committed (written out
 * and released) as soon as it is filled, so a workbook of a million rows never sits in memory.
 */
function fillTable(sheet: TableSheet, table: SheetTable, linkable: ReadonlySet<string>, streamed: boolean): void {
  const n = table.columns.length;
  sheet.columns = table.columns.map((c, k) => ({ width: columnWidth(table, k), style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));

  const header = sheet.getRow(1);
  table.columns.forEach((c, k) => {
    const cell = header.getCell(k + 1);
    cell.value = c.header;
    cell.style = {
      font: { bold: true },
      fill: HEADER_FILL,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: { bottom: { style: 'thin' } },
    };
  });
  header.height = table.columns.some((c) => c.kind === 'points' && textWidth(c.header) > 16) ? 45 : 20;
  const lastDataRow = 1 + (table.totalRow ?? table.rows.length);
  // A streamed sheet takes its filter before its rows are written out.
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, lastDataRow), column: n } };
  if (streamed) header.commit();

  table.rows.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    values.forEach((v, k) => {
      if (v === null) return;
      const cell = row.getCell(k + 1);
      const target = table.columns[k].kind === 'cell' && typeof v === 'string' ? parseCellAddress(v) : null;
      if (target && linkable.has(target.sheet)) {
        cell.value = { text: String(v), hyperlink: internalLink(target.sheet, target.cell), tooltip: `转到 ${v}` };
        cell.font = LINK_FONT;
      } else {
        cell.value = v;
      }
    });
    if (r === table.totalRow) row.font = { bold: true };
    if (streamed) row.commit();
  });
}

/**
 * Adds (or replaces) the three output sheets in `workbook` — the analyst's workbook as read —
 * or in a new workbook when it is null (a CSV ledger). Returns the workbook written into.
 */
export function addOutputSheets(result: ScoreResult, workbook: ExcelJS.Workbook | null, ruleSet: RuleSet = HESHAN_2024): ExcelJS.Workbook {
  installInternalLinks();
  const wb = workbook ?? newWorkbook();
  removeOutputSheets(wb);
  for (const [table, frozenColumns] of outputSheetList(result, ruleSet)) addTable(wb, table, frozenColumns);
  return wb;
}

/**
 * Writes tables as sheets of a new workbook (or into `workbook`, replacing sheets of those names),
 * laid out as the scoring sheets are: for the other policies' reports (海安's 一览表 and 明细表).
 */
export async function writeTablesWorkbook(outPath: string, tables: readonly SheetTable[], workbook: ExcelJS.Workbook | null = null): Promise<void> {
  installInternalLinks();
  const wb = workbook ?? newWorkbook();
  for (const table of tables) {
    const old = wb.getWorksheet(table.name);
    if (old) wb.removeWorksheet(old.id);
    addTable(wb, table, 1);
  }
  await writeWorkbookFile(wb, outPath);
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hs-score';
  wb.created = new Date();
  return wb;
}

/**
 * Writes the scored workbook to `outPath` (.xlsx). The file is written beside the target and then
 * renamed over it, so a failed write never leaves half a workbook in place of the analyst's file.
 */
export async function writeOutputWorkbook(outPath: string, result: ScoreResult, workbook: ExcelJS.Workbook | null, ruleSet: RuleSet = HESHAN_2024): Promise<void> {
  if (workbook === null) {
    // A CSV ledger: nothing of the analyst's to keep, so the new workbook is streamed to disk.
    await writeAtomically(outPath, (temp) => streamTables(temp, outputSheetList(result, ruleSet)));
    return;
  }
  await writeWorkbookFile(addOutputSheets(result, workbook, ruleSet), outPath);
}

function outputSheetList(result: ScoreResult, ruleSet: RuleSet): [SheetTable, number][] {
  const sheets = outputSheets(result, ruleSet);
  return [[sheets.monthly, 1], [sheets.annual, 1], [sheets.issues, 0]];
}

/** Tables as the sheets of a new workbook written row by row (exceljs's streaming writer): memory stays bounded. */
async function streamTables(file: string, tables: readonly [SheetTable, number][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'hs-score';
  wb.created = new Date();
  for (const [table, frozenColumns] of tables) {
    const sheet = wb.addWorksheet(table.name, { views: frozenViews(frozenColumns) });
    fillTable(sheet as unknown as TableSheet, table, new Set(), true);
    sheet.commit();
  }
  await wb.commit();
}

async function writeWorkbookFile(wb: ExcelJS.Workbook, outPath: string): Promise<void> {
  await writeAtomically(outPath, (temp) => wb.xlsx.writeFile(temp));
}
