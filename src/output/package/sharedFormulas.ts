/**
 * Shared formulas: a run of cells down a column whose formulas are the same but for their relative
 * row references (E2's IF(ISNUMBER(AN2),…) above E3's IF(ISNUMBER(AN3),…)) is written once, in the
 * run's first cell, as SpreadsheetML's shared formula; the others name it. Excel writes columns of
 * copied formulas this way, and LibreOffice keeps one compiled formula for the run instead of one
 * per cell: for 通用公式, whose every column is such a run, the file is a fraction of the size and
 * opens in a fraction of the time and memory.
 */
import type { SheetValue } from '../sheets';

/** A cell's part in a shared formula: the run's first cell carries the text and the run's range. */
export type SharedCell = { si: number; ref: string } | { si: number; ref?: undefined };

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
/** A character that may continue a name: a letter, digit, '_', '.' or '$' (so `LOG10` or `X.A1` is no reference). */
const isNameChar = (c: number) => isDigit(c) || isUpper(c) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 36;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/**
 * Whether the digits at `i` are the row of an A1 reference (`AN2`, `$B$7`, `B$7`), and if so whether
 * that row is absolute: a column of one to three capitals before them (a '$' between for an
 * absolute row), nothing name-like before the column, and neither a name character nor '(' after.
 */
function rowAt(s: string, i: number): 'relative' | 'absolute' | null {
  let k = i - 1;
  const absolute = s.charCodeAt(k) === 36;
  if (absolute) k--;
  let letters = 0;
  while (k >= 0 && isUpper(s.charCodeAt(k)) && letters < 4) {
    k--;
    letters++;
  }
  if (letters < 1 || letters > 3) return null;
  if (k >= 0 && s.charCodeAt(k) === 36) k--; // an absolute column
  if (k >= 0 && isNameChar(s.charCodeAt(k))) return null;
  let end = i;
  while (end < s.length && isDigit(s.charCodeAt(end))) end++;
  const after = end < s.length ? s.charCodeAt(end) : -1;
  if (after >= 0 && (isNameChar(after) || after === 40)) return null;
  return absolute ? 'absolute' : 'relative';
}

/**
 * Whether `next`, one row below `prev`, is `prev` copied down: equal character for character outside
 * references, every relative row one more, every absolute row the same. Strings and quoted sheet
 * names are compared as they are.
 */
export function copiedDown(prev: string, next: string): boolean {
  let i = 0;
  let j = 0;
  let quote = 0;
  while (i < prev.length && j < next.length) {
    const a = prev.charCodeAt(i);
    if (quote === 0 && isDigit(a) && i > 0 && !isDigit(prev.charCodeAt(i - 1))) {
      const kind = rowAt(prev, i);
      if (kind !== null) {
        let ei = i;
        let above = 0;
        for (let c = prev.charCodeAt(ei); isDigit(c); c = prev.charCodeAt(++ei)) above = above * 10 + c - 48;
        let ej = j;
        let below = 0;
        for (let c = next.charCodeAt(ej); isDigit(c); c = next.charCodeAt(++ej)) below = below * 10 + c - 48;
        if (ej === j || below - above !== (kind === 'relative' ? 1 : 0)) return false;
        i = ei;
        j = ej;
        continue;
      }
    }
    if (a !== next.charCodeAt(j)) return false;
    // Doubled quotes inside a string toggle twice, so a plain toggle tracks strings and quoted names.
    if (a === DOUBLE_QUOTE || a === SINGLE_QUOTE) quote = quote === 0 ? a : quote === a ? 0 : quote;
    i++;
    j++;
  }
  return i === prev.length && j === next.length;
}

interface Run {
  start: number;
  end: number;
  si: number;
}

/**
 * The shared formulas of a table's rows (sheet row = index + firstRow): runs of two or more formula
 * cells down a column, each copied down from the one above. `letters` names the columns. Read row
 * by row, once (a long table's rows may be made as they are read), and kept as runs per column (a
 * million cells are a few thousand runs), looked up as the rows are written.
 */
export function sharedFormulas(rows: readonly (readonly SheetValue[])[], letters: readonly string[], firstRow: number): (row: number, col: number) => SharedCell | null {
  const runs: Run[][] = letters.map(() => []);
  const start: number[] = letters.map(() => -1);
  const above: string[] = letters.map(() => '');
  let si = 0;
  for (let r = 0; r <= rows.length; r++) {
    const row = r < rows.length ? rows[r] : null;
    for (let k = 0; k < letters.length; k++) {
      const v = row?.[k];
      const formula = typeof v === 'string' && v.startsWith('=') ? v : null;
      if (formula !== null && start[k] >= 0 && copiedDown(above[k], formula)) {
        above[k] = formula;
        continue;
      }
      if (start[k] >= 0 && r - start[k] >= 2) runs[k].push({ start: start[k], end: r, si: si++ });
      start[k] = formula === null ? -1 : r;
      above[k] = formula ?? '';
    }
  }
  return (row, col) => {
    const list = runs[col];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = list[mid];
      if (row < run.start) hi = mid - 1;
      else if (row >= run.end) lo = mid + 1;
      else return row === run.start ? { si: run.si, ref: `${letters[col]}${run.start + firstRow}:${letters[col]}${run.end - 1 + firstRow}` } : { si: run.si };
    }
    return null;
  };
}
