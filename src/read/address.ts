/**
 * A1 addresses qualified by sheet name, written the way Excel writes them, so an analyst can paste
 * an address from an error message into the Name Box and land on the cell.
 */

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(col0: number): string {
  let letters = '';
  for (let n = col0 + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Column letters → 0-based index: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * An A1 cell or range, with or without a sheet (`A3`, `$A$3:C4`, `'台账'!A3:C4`), as a 0-based box;
 * null when it is not one. The sheet part, if any, is not returned: see the callers that need it.
 */
export function parseA1Range(address: string): { top: number; left: number; bottom: number; right: number } | null {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local.trim());
  if (!m) return null;
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? columnIndex(m[3]) : left };
}

/** Names Excel would read as a cell or R1C1 reference must be quoted even though they are all letters and digits. */
const LOOKS_LIKE_REFERENCE = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*|[Cc]\d*)$/;
/** Letters (any script, so 台账 stays bare), digits and underscores, not starting with a digit. */
const BARE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A sheet name as it appears before `!` in a reference: `台账`, `'My Sheet'`, `'O''Brien'`. */
export function quoteSheetName(sheet: string): string {
  if (BARE_NAME.test(sheet) && !LOOKS_LIKE_REFERENCE.test(sheet)) return sheet;
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** A1 address without sheet, from 0-based row and column. */
export function a1(row0: number, col0: number): string {
  return `${columnLetter(col0)}${row0 + 1}`;
}

/** Sheet-qualified A1 address from 0-based row and column: `cellAddress('台账', 16, 5)` → `台账!F17`. */
export function cellAddress(sheet: string, row0: number, col0: number): string {
  return `${quoteSheetName(sheet)}!${a1(row0, col0)}`;
}

/**
 * `cellAddress` for many cells of one sheet: the quoted sheet name and column letters are joined
 * once per column, which matters for a 100,000-row ledger with sixty columns.
 */
export function addressesIn(sheet: string): (row0: number, col0: number) => string {
  const prefix = `${quoteSheetName(sheet)}!`;
  const columnPrefix: string[] = [];
  return (row0, col0) => (columnPrefix[col0] ??= prefix + columnLetter(col0)) + (row0 + 1);
}
