/**
 * The scored workbook: the analyst's workbook with 月度得分, 年度汇总 and 问题清单 added (or, for a
 * CSV ledger, a new workbook holding just those three). Sheets with those names from an earlier
 * run are replaced; every other part of the analyst's workbook is copied byte for byte by editing
 * its package (packageEdit.ts), never loaded into exceljs and written back.
 */
import { promises as fs } from 'node:fs';
import { writeAtomically } from './atomicFile';
import ExcelJS from 'exceljs';
import { PENDING, type ScoreResult } from '../result';
import { HESHAN_2024 } from '../rules/heshan2024';
import type { RuleSet } from '../rules/vocabulary';
import { writeSheetsIntoPackage, type NewSheet } from './packageEdit';
import type { RowLook } from './package/sheetXml';
import { outputSheets, type SheetTable, type SheetValue } from './sheets';
import { internalLink, parseCellAddress } from './tableLayout';

export { internalLink, parseCellAddress };

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

/** 月度得分, 年度汇总 (in 通用公式: formulas, src/output/portable) and 问题清单. */
export interface PortableOutput {
  monthly: SheetTable;
  annual: SheetTable;
  issues: SheetTable;
}

/**
 * Writes the scored copy of the .xlsx ledger `source` with 月度得分 and 年度汇总 in 通用公式: their
 * formulas are written without results and the workbook set to be calculated when opened, by
 * whichever program opens it. No row colours: a verdict is known only once calculated.
 */
export async function writePortableWorkbook(outPath: string, sheets: PortableOutput, source: string): Promise<void> {
  const list: NewSheet[] = [
    { table: sheets.monthly, frozenColumns: 1, formulas: true },
    { table: sheets.annual, frozenColumns: 1, formulas: true, print: { titleColumns: 1 } },
    { table: sheets.issues, frozenColumns: 0 },
  ];
  await writeAtomically(outPath, (temp) => writeSheetsIntoPackage(source, temp, list));
}

/**
 * The three output sheets in order, 月度得分 and 年度汇总 with the unit column frozen; 年度汇总 with
 * the pane's row colours and set up for printing, 单位名称 on every page.
 */
function outputSheetList(result: ScoreResult, ruleSet: RuleSet): NewSheet[] {
  // Written as a stream: 月度得分's rows are made as the writer reads them.
  const sheets = outputSheets(result, ruleSet, { rowsWhenRead: true });
  return [
    { table: sheets.monthly, frozenColumns: 1 },
    { table: sheets.annual, frozenColumns: 1, rowLook: verdictLook(sheets.annual), print: { titleColumns: 1 } },
    { table: sheets.issues, frozenColumns: 0 },
  ];
}

/**
 * 年度汇总's rows as the pane colours them (sheetPlans.ts, annualFills, whose first rule wins where
 * both hold): 末位淘汰 是 red; amber where 小组连带 is 是 or any of 末位淘汰, 小组连带 and 年终补贴合计
 * is 待核实, so no unit reads as settled. Read from the row's own cells, by the columns' headers.
 */
export function verdictLook(table: SheetTable): (row: readonly SheetValue[]) => RowLook | null {
  const col = (header: string) => table.columns.findIndex((c) => c.header === header);
  const eliminated = col('末位淘汰');
  const grouped = col('小组连带');
  const pending = [eliminated, grouped, col('年终补贴合计')].filter((k) => k >= 0);
  return (row) => {
    if (eliminated >= 0 && row[eliminated] === '是') return 'eliminated';
    if ((grouped >= 0 && row[grouped] === '是') || pending.some((k) => row[k] === PENDING)) return 'flagged';
    return null;
  };
}

/**
 * Tables as the sheets of a new workbook: a seed workbook holding only empty sheets of those names
 * (exceljs writes it: a few kilobytes), whose sheets the package editor then replaces, streaming
 * them row block by row block. One writer for every scored workbook, copy or new.
 */
async function streamTables(file: string, tables: readonly NewSheet[]): Promise<void> {
  const seed = `${file}.seed.xlsx`;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hs-score';
  wb.created = new Date();
  for (const { table } of tables) wb.addWorksheet(table.name);
  try {
    await wb.xlsx.writeFile(seed);
    await writeSheetsIntoPackage(seed, file, tables);
  } finally {
    await fs.rm(seed, { force: true });
  }
}
