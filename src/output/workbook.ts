/**
 * The scored workbook: the analyst's workbook with 月度得分, 年度汇总 and 问题清单 added (or, for a
 * CSV ledger, a new workbook holding just those three). Sheets with those names from an earlier
 * run are replaced; every other part of the analyst's workbook is copied byte for byte by editing
 * its package (packageEdit.ts), never loaded into exceljs and written back.
 */
import { writeAtomically } from './atomicFile';
import ExcelJS from 'exceljs';
import type { ScoreResult } from '../result';
import { HESHAN_2024 } from '../rules/heshan2024';
import type { RuleSet } from '../rules/vocabulary';
import { writeSheetsIntoPackage, type NewSheet } from './packageEdit';
import { outputSheets, type SheetTable } from './sheets';
import { columnWidth, internalLink, NUM_FMT, parseCellAddress, textWidth } from './tableLayout';

export { internalLink, parseCellAddress };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A sheet as exceljs's streaming writer gives it. */
type TableSheet = Pick<ExcelJS.Worksheet, 'columns' | 'getRow' | 'autoFilter'>;

const frozenViews = (frozenColumns: number): Partial<ExcelJS.WorksheetView>[] => [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1, activeCell: 'A2' }];

/**
 * A table's header, rows, widths, formats and filter, each row committed (written out and
 * released) as soon as it is filled, so a workbook of a million rows never sits in memory. A new
 * workbook has no sheet of the analyst's to link to, so 单元格 addresses stay text.
 */
function fillTable(sheet: TableSheet, table: SheetTable): void {
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
  header.commit();

  table.rows.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    values.forEach((v, k) => {
      if (v !== null) row.getCell(k + 1).value = v;
    });
    if (r === table.totalRow) row.font = { bold: true };
    row.commit();
  });
}

/**
 * Writes tables as the sheets of a new workbook, laid out as the scoring sheets are: for the other
 * policies' reports (海安's 一览表 and 明细表). Streamed, like a CSV ledger's scored workbook.
 */
export async function writeTablesWorkbook(outPath: string, tables: readonly SheetTable[]): Promise<void> {
  await writeAtomically(outPath, (temp) => streamTables(temp, tables.map((table) => ({ table, frozenColumns: 1 }))));
}

/**
 * Writes the scored workbook to `outPath` (.xlsx): a copy of the .xlsx ledger `source` with the
 * three sheets, or for a CSV ledger (`source` null) a new workbook. The file is written beside the
 * target and then renamed over it, so a failed write never leaves half a workbook in place of the
 * analyst's file; the source is only read.
 */
export async function writeOutputWorkbook(outPath: string, result: ScoreResult, source: string | null, ruleSet: RuleSet = HESHAN_2024): Promise<void> {
  const sheets = outputSheetList(result, ruleSet);
  if (source === null) {
    await writeAtomically(outPath, (temp) => streamTables(temp, sheets));
    return;
  }
  await writeAtomically(outPath, (temp) => writeSheetsIntoPackage(source, temp, sheets));
}

/** The three output sheets in order, 月度得分 and 年度汇总 with the unit column frozen. */
function outputSheetList(result: ScoreResult, ruleSet: RuleSet): NewSheet[] {
  const sheets = outputSheets(result, ruleSet);
  return [
    { table: sheets.monthly, frozenColumns: 1 },
    { table: sheets.annual, frozenColumns: 1 },
    { table: sheets.issues, frozenColumns: 0 },
  ];
}

/** Tables as the sheets of a new workbook written row by row (exceljs's streaming writer): memory stays bounded. */
async function streamTables(file: string, tables: readonly NewSheet[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'hs-score';
  wb.created = new Date();
  for (const { table, frozenColumns } of tables) {
    const sheet = wb.addWorksheet(table.name, { views: frozenViews(frozenColumns) });
    fillTable(sheet as unknown as TableSheet, table);
    sheet.commit();
  }
  await wb.commit();
}
