/**
 * Finding the header of a sheet (spec §7): below a title row or two, one header row or a two-row
 * header whose upper row holds group titles («一、就业失业情况») merged across their columns and whose
 * identity columns (单位名称, 月份) are merged down across both rows. In a CSV there are no merges:
 * a group title is followed by blanks, which are filled forward over the columns that have a
 * sub-header below them.
 */
import type { CellValue, ColumnTarget, SheetGrid, SheetMapping } from '../ledger/types';
import { ALL_TARGETS, assignColumns, type HeaderColumn } from './columnMatch';
import { displayHeader, headerCellText } from './headerText';
import { cellAt, gridWidth, isBlankCell, isBlankRow, MergeIndex } from './sheetCells';

/** Headers sit near the top; scanning further would only let data rows compete. */
export const HEADER_SCAN_ROWS = 20;

/** A header column with where its text was read, for messages about it. */
export interface LocatedHeaderColumn extends HeaderColumn {
  /** 0-based row of the cell the header text was read from (the sub-header when there is one). */
  textRow: number;
}

export interface HeaderDetection {
  mapping: SheetMapping;
  /** Sum of the confidences of the mapped columns: how convincingly this is the sheet's header. */
  score: number;
  /** The header columns as read, with the row of their text. */
  located: LocatedHeaderColumn[];
}

/**
 * The header of a sheet: the row (or pair of rows) among the first HEADER_SCAN_ROWS whose cells
 * match the most targets, and each header column's target. An empty mapping (no header rows, no
 * columns) when nothing in the scanned rows looks like a header.
 */
export function detectHeader(grid: SheetGrid, targets: readonly ColumnTarget[] = ALL_TARGETS): SheetMapping {
  return detectHeaderScored(grid, targets).mapping;
}

/** The best header reading of a sheet's first rows, as `judge` scores the candidates. */
export interface ScannedHeader<R> {
  headerRows: number[];
  firstDataRow: number;
  located: LocatedHeaderColumn[];
  reading: R;
  score: number;
}

/**
 * Scans the first HEADER_SCAN_ROWS rows for a header: each non-blank row alone, and each row with
 * the one above it as a two-row header (group titles over sub-headers). `judge` maps a candidate's
 * columns and scores it; the best strictly positive score wins, an earlier and simpler reading
 * (one row before two) keeping a tie. Shared by every ledger this product reads (the scoring ledger,
 * 参数, 单位信息, 海安's person ledger), whose fields differ but whose headers are laid out alike.
 */
export function scanHeader<R>(grid: SheetGrid, judge: (located: LocatedHeaderColumn[]) => { reading: R; score: number }): ScannedHeader<R> | null {
  const scanRows = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  const width = gridWidth(grid, scanRows);
  const merges = new MergeIndex(grid.merges);
  let best: Omit<ScannedHeader<R>, 'firstDataRow'> | undefined;
  const consider = (headerRows: number[], located: LocatedHeaderColumn[]) => {
    const { reading, score } = judge(located);
    // Strictly better only: on a tie the earlier, simpler reading (one row before two) stays.
    if (score > 0 && (!best || score > best.score + 1e-9)) best = { headerRows, located, reading, score };
  };
  for (let r = 0; r < scanRows; r++) {
    if (isBlankRow(grid.rows[r])) continue;
    consider([r], singleRowColumns(grid, r, width));
    if (r > 0 && !isBlankRow(grid.rows[r - 1]) && couldBeSubHeader(grid.rows[r])) {
      consider([r - 1, r], twoRowColumns(grid, r - 1, r, width, merges));
    }
  }
  if (!best) return null;
  const lastHeaderRow = best.headerRows[best.headerRows.length - 1];
  // A row of column numbers (1, 2, 3 … or 甲, 乙, 丙 …) under the header is part of the header, not data.
  const firstDataRow = isColumnNumberRow(grid.rows[lastHeaderRow + 1]) ? lastHeaderRow + 2 : lastHeaderRow + 1;
  return { ...best, firstDataRow };
}

export function detectHeaderScored(grid: SheetGrid, targets: readonly ColumnTarget[] = ALL_TARGETS): HeaderDetection {
  const found = scanHeader(grid, (located) => {
    const columns = assignColumns(located, targets);
    return { reading: columns, score: columns.reduce((sum, c) => sum + c.confidence, 0) };
  });
  if (!found) return { mapping: { sheet: grid.name, headerRows: [], firstDataRow: 0, columns: [] }, score: 0, located: [] };
  return {
    mapping: { sheet: grid.name, headerRows: found.headerRows, firstDataRow: found.firstDataRow, columns: found.reading },
    score: found.score,
    located: found.located,
  };
}

/**
 * The header the analyst pointed at: `headerRows` (one row, or two with group titles above
 * sub-headers), its columns matched to the targets as detection would. Used when detection found
 * nothing or chose wrongly; a row of column numbers under it is skipped as detection skips it.
 */
export function headerAt(grid: SheetGrid, headerRows: readonly number[], targets: readonly ColumnTarget[] = ALL_TARGETS): HeaderDetection {
  const last = headerRows[headerRows.length - 1];
  const width = gridWidth(grid, Math.max(last + 1, Math.min(HEADER_SCAN_ROWS, grid.rows.length)));
  const located = headerRows.length === 2 ? twoRowColumns(grid, headerRows[0], last, width, new MergeIndex(grid.merges)) : singleRowColumns(grid, last, width);
  const columns = assignColumns(located, targets);
  const firstDataRow = isColumnNumberRow(grid.rows[last + 1]) ? last + 2 : last + 1;
  return {
    mapping: { sheet: grid.name, headerRows: [...headerRows], firstDataRow, columns },
    score: columns.reduce((sum, c) => sum + c.confidence, 0),
    located,
  };
}

function singleRowColumns(grid: SheetGrid, r: number, width: number): LocatedHeaderColumn[] {
  const columns: LocatedHeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const text = headerCellText(cellAt(grid, r, c));
    if (isBlankCell(text)) continue;
    columns.push({ column: c, header: displayHeader(text), texts: [text], textRow: r });
  }
  return columns;
}

/**
 * Columns of a two-row header. A column is read as its sub-header, as group title + sub-header
 * (`高校毕业生` + `已就业人数`), or, when the sub-header is empty (an identity column merged down),
 * as the upper cell alone; column matching keeps whichever reading fits best.
 */
function twoRowColumns(grid: SheetGrid, p: number, r: number, width: number, merges: MergeIndex): LocatedHeaderColumn[] {
  const childText = (c: number): string => {
    const merge = merges.slaveOf(r, c);
    if (merge && merge.top < r) return ''; // merged down from the upper row: the upper cell is the header
    const text = headerCellText(cellAt(grid, r, c));
    return isBlankCell(text) ? '' : text;
  };
  const columns: LocatedHeaderColumn[] = [];
  let carried = ''; // a CSV group title, carried over the blanks that follow it
  for (let c = 0; c < width; c++) {
    const child = childText(c);
    const merge = merges.rangeAt(p, c);
    let parent: string;
    let parentRow = p;
    if (merge) {
      parent = headerCellText(cellAt(grid, merge.top, merge.left));
      parentRow = merge.top;
      carried = '';
    } else {
      const own = headerCellText(cellAt(grid, p, c));
      if (!isBlankCell(own)) {
        parent = own;
        // Only a title with sub-headers under it is a group title; an identity header is not carried.
        carried = child !== '' ? own : '';
      } else if (child !== '') {
        parent = carried;
      } else {
        parent = '';
        carried = '';
      }
    }
    if (isBlankCell(parent)) parent = '';
    if (child === '' && parent === '') continue;
    if (child === '') {
      columns.push({ column: c, header: displayHeader(parent), texts: [parent], textRow: parentRow });
    } else if (parent === '') {
      columns.push({ column: c, header: displayHeader(child), texts: [child], textRow: r });
    } else {
      columns.push({ column: c, header: `${displayHeader(parent)}/${displayHeader(child)}`, texts: [child, parent + child], textRow: r });
    }
  }
  return columns;
}

/** A number, a date, a logical, or text that reads as a number or a date: what data rows hold and headers do not. */
function looksLikeData(v: CellValue): boolean {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return true;
  return typeof v === 'string' && /^[+-]?[\d,]*\.?\d+%?$|^\d{4}[-/.年]\d{1,2}/.test(v.normalize('NFKC').trim());
}

/** A data row is never a sub-header: it has numbers in it. */
function couldBeSubHeader(row: readonly CellValue[] | undefined): boolean {
  return (row ?? []).filter((v) => v !== null && looksLikeData(v)).length < 2;
}

const STEM_NUMBERS = '甲乙丙丁戊己庚辛壬癸';

/** The 栏次 row of government forms: 甲, 乙 … then 1, 2, 3 … in order, nothing else. */
function isColumnNumberRow(row: readonly CellValue[] | undefined): boolean {
  const cells = (row ?? []).filter((v) => !isBlankCell(v)).map((v) => String(v).normalize('NFKC').trim());
  if (cells.length < 3) return false;
  let stem = 0;
  let next = 1;
  for (const text of cells) {
    if (next === 1 && text === STEM_NUMBERS[stem]) {
      stem++;
      continue;
    }
    if (text !== String(next)) return false;
    next++;
  }
  return true;
}
