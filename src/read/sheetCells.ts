/**
 * Reading cells out of a SheetGrid. Rows may be ragged (a reader stops each row at its last value,
 * Excel's range values are rectangular), so every access goes through `cellAt`.
 */
import type { CellValue, MergedRange, SheetGrid } from '../ledger/types';

export function cellAt(grid: SheetGrid, row0: number, col0: number): CellValue {
  return grid.rows[row0]?.[col0] ?? null;
}

/** Empty, or only spaces (including the ideographic space people type in Chinese input methods). */
export function isBlankCell(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && /^[\s\u3000]*$/.test(value));
}

export function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  return !row || row.every((v) => isBlankCell(v));
}

/** Widest row of the first `rowLimit` rows (or of all rows). */
export function gridWidth(grid: SheetGrid, rowLimit = grid.rows.length): number {
  let width = 0;
  for (let r = 0; r < Math.min(rowLimit, grid.rows.length); r++) width = Math.max(width, grid.rows[r]?.length ?? 0);
  for (const m of grid.merges) if (m.top < rowLimit) width = Math.max(width, m.right + 1);
  return width;
}

/**
 * Where each merged slave cell's value lives: its merge's top-left (master) cell. Indexed by column
 * (ranges in one column never overlap), so a merge down a whole column or across a whole row
 * costs one entry per column, not one per cell.
 */
export class MergeIndex {
  private readonly byColumn = new Map<number, MergedRange[]>();

  constructor(merges: readonly MergedRange[]) {
    for (const m of merges) {
      for (let c = m.left; c <= m.right; c++) {
        const list = this.byColumn.get(c) ?? [];
        list.push(m);
        this.byColumn.set(c, list);
      }
    }
    for (const list of this.byColumn.values()) list.sort((a, b) => a.top - b.top);
  }

  /** The merge covering a cell, if any (master included). */
  rangeAt(row0: number, col0: number): MergedRange | undefined {
    const list = this.byColumn.get(col0);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: MergedRange | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].top <= row0) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && found.bottom >= row0 ? found : undefined;
  }

  /** The merge a slave cell belongs to; undefined for a master or an unmerged cell. */
  slaveOf(row0: number, col0: number): MergedRange | undefined {
    const m = this.rangeAt(row0, col0);
    return m && (m.top !== row0 || m.left !== col0) ? m : undefined;
  }
}
