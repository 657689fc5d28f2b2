/**
 * How an output table is laid out, whoever writes it (exceljs for hs-score --out, the task pane's
 * gateway for the open workbook): number formats, column widths, in-workbook links.
 */
import type { ColumnKind, SheetTable, SheetValue } from './sheets';

export const NUM_FMT: Partial<Record<ColumnKind, string>> = { points: '0.00', yuan: '#,##0', integer: '0' };

/** A sheet-qualified A1 address as the engine reports it (`台账!F17`, `'my sheet'!F17`). */
export function parseCellAddress(address: string): { sheet: string; cell: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], cell: `${m[3].toUpperCase()}${m[4]}` };
}

/** The in-workbook hyperlink target of a cell: `#'台账'!F17`. */
export function internalLink(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** Display width of a text in Excel's character units: CJK and full-width characters count two. */
export function textWidth(v: SheetValue): number {
  if (v === null) return 0;
  const s = typeof v === 'number' ? v.toFixed(2) : v;
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function columnWidth(table: SheetTable, k: number): number {
  const { header, kind } = table.columns[k];
  if (kind === 'points') return Math.max(9, Math.min(16, Math.ceil(textWidth(header) / 2) + 1)); // header wraps onto two lines
  let width = textWidth(header);
  for (let r = 0; r < Math.min(table.rows.length, 500); r++) {
    const v = table.rows[r][k];
    // A formula (通用公式) shows its result, not its text: the header and values size the column
    // (a 单元格 link's formula is about as wide as the address it shows).
    if (kind !== 'cell' && typeof v === 'string' && v.startsWith('=')) continue;
    width = Math.max(width, textWidth(v));
  }
  return Math.max(6, Math.min(kind === 'text' ? 60 : 20, width + 2));
}

