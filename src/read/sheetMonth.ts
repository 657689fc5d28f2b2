/**
 * The month a sheet holds, when offices keep one sheet per month: in its name (`1月`, `2024年3月`,
 * `三月`, `2024.04`, `03`) or in a title row above its header (`2024年5月充分就业社区(村)考核台账`).
 */
import type { CellValue, SheetGrid } from '../ledger/types';
import { cellAddress } from './address';
import { isBlankCell } from './sheetCells';

export interface SheetMonth {
  month: number;
  year: number | null;
  /** Where it was read: the sheet's name, or a title cell. */
  from: 'name' | 'title';
  /** The title cell (`'5月'!A1`), or the sheet's first cell when the name says it. */
  cell: string;
  /** As the ledger's 月份 cell would hold it: `2024年5月`, or 5 without a year. */
  value: CellValue;
}

const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const plain = (text: string) => text.normalize('NFKC').replace(/\s/g, '');
const inRange = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;

/** A whole sheet name that is a month: 03, 3, 2024.04, 2024-4, 2024_04. */
const NAME_ONLY = /^(?:(\d{4})[.\-_/])?0?(\d{1,2})$/;
/** A month written with 月 anywhere in a text: 2024年5月, 5月, 五月, 十二月份. */
const WITH_YUE = /(?:(\d{4})年(?:度)?)?(?<!\d)(\d{1,2}|[一二三四五六七八九十]{1,3})月/;

/** The month (and year) a text names, or null. `nameOnly` also reads bare numbers, as sheet names are written. */
export function monthInText(text: string, nameOnly = false): { month: number; year: number | null } | null {
  const s = plain(text);
  if (nameOnly) {
    const m = NAME_ONLY.exec(s);
    if (m && inRange(Number(m[2]))) return { month: Number(m[2]), year: m[1] ? Number(m[1]) : null };
  }
  const m = WITH_YUE.exec(s);
  if (!m) return null;
  const month = /^\d+$/.test(m[2]) ? Number(m[2]) : (ZH_DIGITS[m[2]] ?? NaN);
  return inRange(month) ? { month, year: m[1] ? Number(m[1]) : null } : null;
}

/**
 * The month a sheet holds, from its name or else from a title row above `headerRow` (0-based), or
 * else from the name of the file it came from (`5月.xlsx`); null when none says.
 */
export function sheetMonth(grid: SheetGrid, headerRow: number, fileName?: string): SheetMonth | null {
  const shaped = (found: { month: number; year: number | null }, from: SheetMonth['from'], cell: string): SheetMonth => ({
    ...found, from, cell, value: found.year ? `${found.year}年${found.month}月` : found.month,
  });
  const byName = monthInText(grid.name, true);
  if (byName) return shaped(byName, 'name', cellAddress(grid.name, 0, 0));
  for (let r = 0; r < Math.min(headerRow, grid.rows.length); r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || isBlankCell(v)) continue;
      const found = monthInText(v);
      if (found) return shaped(found, 'title', cellAddress(grid.name, r, c));
    }
  }
  const byFile = fileName === undefined ? null : monthInText(fileName.replace(/\.(xlsx|xlsm|csv)$/i, ''), true);
  return byFile ? shaped(byFile, 'name', cellAddress(grid.name, 0, 0)) : null;
}
