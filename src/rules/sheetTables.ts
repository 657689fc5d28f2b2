/**
 * The tables a 评分细则 sheet holds one below another (指标, 板块, 封顶组, 设置, 字段, 单位类型):
 * each starts at its header row and runs to the first empty row.
 */
import type { CellValue } from '../ledger/types';

/** A cell as the rubric's tables compare it: NFKC, trimmed, blank as ''. */
export const cellText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? '' : String(v instanceof Date ? v.toISOString() : v).normalize('NFKC').trim();

/** The row of a table's header, from `from` on: the row whose first two cells read as the header's; -1 when none. */
export function findTable(rows: readonly CellValue[][], header: readonly string[], from = 0): number {
  for (let r = from; r < rows.length; r++) {
    if (header.slice(0, 2).every((h, c) => cellText(rows[r]?.[c]) === h)) return r;
  }
  return -1;
}

/** The rows of the table whose header is at `headerRow`, down to the first empty row. */
export function tableRows(rows: readonly CellValue[][], headerRow: number): number[] {
  const out: number[] = [];
  for (let r = headerRow + 1; r < rows.length && rows[r]?.some((v) => cellText(v) !== ''); r++) out.push(r);
  return out;
}

/** Headers a bureau may add beside a table's columns for its own notes: never read. */
const NOTE_HEADERS = ['备注', '说明'];

/**
 * A header cell that is none of the table's columns, as a problem at its column: a column written
 * otherwise (不超过 for 不大于, 适用范围 for 适用类型) would otherwise be left unread without a word,
 * and the rows' values in it with it. Blank header cells and note columns (备注, 说明) are not read.
 */
export function unknownColumns(headerRow: readonly CellValue[], known: readonly string[], table: string): { column: number; message: string }[] {
  const out: { column: number; message: string }[] = [];
  headerRow.forEach((v, column) => {
    const header = cellText(v);
    if (header === '' || known.includes(header) || NOTE_HEADERS.includes(header)) return;
    out.push({ column, message: `${table}的列「${header}」未知，可用：${known.join('、')}（另加的说明列请以「${NOTE_HEADERS.join('」或「')}」为表头）` });
  });
  return out;
}
