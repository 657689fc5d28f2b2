/** Temp files for the reader tests: real .xlsx written by exceljs, CSVs in the encodings bureaus use. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';

export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-read-'));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gbk';

/** Rows → CSV text (quoted where needed, CRLF as Excel writes) → bytes in the given encoding. */
export function csvBytes(rows: (string | number | null)[][], encoding: Encoding): Buffer {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const utf8 = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

export async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes rows into a worksheet from A1 (row 0 → sheet row 1). */
export function putRows(sheet: ExcelJS.Worksheet, rows: ExcelJS.CellValue[][], firstRow = 1): void {
  rows.forEach((values, i) => {
    values.forEach((v, c) => {
      if (v !== null && v !== undefined) sheet.getCell(firstRow + i, c + 1).value = v;
    });
  });
}
