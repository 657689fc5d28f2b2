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
