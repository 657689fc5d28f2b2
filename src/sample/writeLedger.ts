/**
 * Writes a generated district the way bureaus keep it: an .xlsx ledger with a title row, a
 * two-row merged header and a 参数 sheet, or a plain .csv ledger plus a parameters .csv.
 * Streams rows, so the benchmark's 100,000-row ledgers are written without holding a workbook.
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue } from '../ledger/types';
import { columnLetter, ledgerColumns, paramColumns, type District, type LedgerColumn } from './generateLedger';

export const LEDGER_SHEET = '台账';
export const PARAM_SHEET = '参数';
/** 1-based sheet row of the first data row: title, section row, header row above it. */
export const XLSX_FIRST_DATA_ROW = 4;
/** 1-based CSV line of the first data row (one header line). */
export const CSV_FIRST_DATA_ROW = 2;

/** A fixed timestamp so the workbook's properties are the same on every run. */
const STAMP = new Date(Date.UTC(2025, 0, 1));

const NUM_FMT: Record<LedgerColumn['kind'], string | undefined> = { text: undefined, integer: '0', rate: '0.0%', decimal: '0.0#' };

/** Column letter of a ledger key in the .xlsx layout (and in the .csv, whose columns are the same). */
export function ledgerColumnLetter(key: string): string {
  const index = ledgerColumns().findIndex((c) => c.key === key);
  if (index < 0) throw new Error(`台账中没有列：${key}`);
  return columnLetter(index);
}

/** Sheet-qualified address of a district row's cell in the written .xlsx, e.g. `台账!H17`. */
export function xlsxCellAddress(row: number, key: string): string {
  return `${LEDGER_SHEET}!${ledgerColumnLetter(key)}${XLSX_FIRST_DATA_ROW + row}`;
}

/** A1 address (no sheet) of a district row's cell in the written .csv. */
export function csvCellAddress(row: number, key: string): string {
  return `${ledgerColumnLetter(key)}${CSV_FIRST_DATA_ROW + row}`;
}

const cellOf = (v: CellValue | undefined): ExcelJS.CellValue => (v === undefined ? null : v);

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  border: { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } },
};

function widthOf(column: LedgerColumn): number {
  if (column.key === 'unit') return 14;
  if (column.key === 'rewardReason') return 30;
  if (column.section === null) return 10;
  return Math.min(16, Math.max(9, Math.ceil(column.header.length * 0.9)));
}

export interface XlsxWriteOptions {
  /**
   * Cell styles (header fill and borders, percentages shown as 93.8%). Default true. exceljs
   * spends more than half its time on styles: the benchmark's 100,000-row ledgers are written
   * about 2.5 times faster without them, with the same values, merges and layout.
   */
  styles?: boolean;
}

/** The district as an .xlsx ledger (sheets 台账 and 参数). */
export async function writeDistrictXlsx(district: District, path: string, options: XlsxWriteOptions = {}): Promise<void> {
  const columns = ledgerColumns(true);
  const last = columnLetter(columns.length - 1);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: options.styles ?? true, useSharedStrings: true });
  workbook.creator = 'hs-score';
  workbook.lastModifiedBy = 'hs-score';
  workbook.created = STAMP;
  workbook.modified = STAMP;

  const sheet = workbook.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }] });
  sheet.columns = columns.map((c) => ({ width: widthOf(c) }));

  const title = sheet.getRow(1);
  title.getCell(1).value = district.title;
  title.getCell(1).style = { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } };
  title.height = 30;
  sheet.mergeCells(`A1:${last}1`);
  title.commit();

  // Two-row header: identity columns merged vertically, section titles merged over their fields.
  const sectionRow = sheet.getRow(2);
  const headerRow = sheet.getRow(3);
  headerRow.height = 60;
  columns.forEach((c, i) => {
    const top = sectionRow.getCell(i + 1);
    const bottom = headerRow.getCell(i + 1);
    top.style = HEADER_STYLE;
    bottom.style = HEADER_STYLE;
    if (c.section === null) {
      top.value = c.header;
      sheet.mergeCells(`${columnLetter(i)}2:${columnLetter(i)}3`);
    } else {
      bottom.value = c.header;
      if (i === 0 || columns[i - 1].section !== c.section) {
        top.value = c.section;
        let end = i;
        while (end + 1 < columns.length && columns[end + 1].section === c.section) end++;
        sheet.mergeCells(`${columnLetter(i)}2:${columnLetter(end)}2`);
      }
    }
  });
  sectionRow.commit();
  headerRow.commit();

  district.rows.forEach((data, r) => {
    const row = sheet.getRow(XLSX_FIRST_DATA_ROW + r);
    columns.forEach((c, i) => {
      const v = data[c.key];
      if (v === undefined || v === null) return;
      const cell = row.getCell(i + 1);
      cell.value = cellOf(v);
      const fmt = NUM_FMT[c.kind];
      if (fmt && typeof v === 'number') cell.numFmt = fmt;
    });
    row.commit();
  });
  sheet.commit();

  const params = workbook.addWorksheet(PARAM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const pcols = paramColumns();
  params.columns = pcols.map((c) => ({ width: c.key === 'month' ? 8 : 18 }));
  const ph = params.getRow(1);
  pcols.forEach((c, i) => {
    ph.getCell(i + 1).value = c.header;
    ph.getCell(i + 1).style = HEADER_STYLE;
  });
  ph.height = 45;
  ph.commit();
  district.params.forEach((p, r) => {
    const row = params.getRow(2 + r);
    pcols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellOf(p[c.key]);
      if (c.kind === 'rate') cell.numFmt = '0.0%';
    });
    row.commit();
  });
  params.commit();
  await workbook.commit();
}

function csvField(v: CellValue | undefined, kind: LedgerColumn['kind'] | 'decimal'): string {
  if (v === undefined || v === null) return '';
  let s: string;
  if (typeof v === 'number') s = kind === 'rate' ? `${Math.round(v * 1000) / 10}%` : String(v);
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(path, { encoding: 'utf8' });
  out.write('\uFEFF'); // Excel in Chinese opens UTF-8 CSV correctly only with a BOM
  for (const line of lines) {
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The district as CSV (UTF-8 with BOM, CRLF): the ledger with one header line of canonical names,
 * and, when `paramsPath` is given, the 参数 table as a second CSV.
 */
export async function writeDistrictCsv(district: District, path: string, paramsPath?: string): Promise<void> {
  const columns = ledgerColumns(false);
  function* ledgerLines(): Generator<string> {
    yield columns.map((c) => csvField(c.header, 'text')).join(',');
    for (const row of district.rows) yield columns.map((c) => csvField(row[c.key], c.kind)).join(',');
  }
  await writeLines(path, ledgerLines());
  if (paramsPath) {
    const pcols = paramColumns();
    const lines = [pcols.map((c) => c.header).join(','), ...district.params.map((p) => pcols.map((c) => csvField(p[c.key], c.kind)).join(','))];
    await writeLines(paramsPath, lines);
  }
}
