/**
 * An output sheet as the task pane writes it into the open workbook: cells (values or formulas),
 * formats, conditional formats, a chart, a print layout. Pure data built from a ScoreResult, so the
 * gateway that talks to Excel only executes plans and everything about their content is tested
 * without Office.
 */
import { parseA1Range } from '../read/address';

/** A cell: a number, text, empty, or a formula (text starting with '='). */
export type PlanValue = string | number | null;

export interface ConditionalFill {
  /** A1 range on the plan's sheet, e.g. `A2:R37`. */
  range: string;
  /** A formula relative to the range's top-left cell, e.g. `=$J2="是"`. */
  formula: string;
  fill: string;
  fontColor?: string;
}

export interface ChartPlan {
  title: string;
  /** A1 range of the chart's data on the plan's sheet (categories in the first column). */
  data: string;
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
  /** Index of a series drawn as a line (the 95-point line) over the columns. */
  lineSeries?: number;
  valueAxisMin?: number;
}

export interface SheetPlan {
  name: string;
  /** Row-major cells, header rows first. */
  cells: PlanValue[][];
  headerRows: number;
  /** Number format per column for the rows below the header; null leaves General. */
  numberFormats: (string | null)[];
  /** Column widths in Excel character units. */
  columnWidths: number[];
  /** 0-based rows shown bold below the header (a 合计 row). */
  boldRows: number[];
  conditionalFills: ConditionalFill[];
  chart?: ChartPlan;
  /** Landscape, fitted to one page wide. */
  printFitToWidth: boolean;
  /** Sheets the add-in needs but the analyst does not (the column mapping behind live formulas). */
  hidden: boolean;
  /**
   * Ranges (A1, on this sheet) that spilled formulas fill, without their anchor cells. Excel reads
   * those cells back as values, so checking for the analyst's edits leaves them out.
   */
  spills?: string[];
}

/** Cells with the given ranges emptied: what a spill fills is Excel's, not the analyst's or ours. */
export function withoutSpills(cells: readonly (readonly PlanValue[])[], spills: readonly string[], firstRow = 0): PlanValue[][] {
  const out = cells.map((row) => [...row]);
  for (const range of spills) {
    const box = parseA1Range(range);
    if (!box) continue;
    for (let r = Math.max(box.top, firstRow); r <= box.bottom && r - firstRow < out.length; r++) {
      const row = out[r - firstRow];
      for (let c = box.left; c <= box.right && c < row.length; c++) row[c] = null;
    }
  }
  return out;
}

/**
 * FNV-1a over the cells as written and as read back (formulas, values; empty as ''), to notice
 * edits. Fed in blocks of rows, so a sheet read in several requests is hashed as it arrives.
 */
export class Fingerprinter {
  private h = 0x811c9dc5;
  /** Empty rows seen but not yet hashed: trailing ones never are (a used range ends at its last non-empty row). */
  private pendingEmpty = 0;

  private mix(s: string): void {
    let h = this.h;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    this.h = h;
  }

  add(rows: readonly (readonly PlanValue[])[]): this {
    for (const row of rows) {
      const out = row.map((v) => (v === null || v === '' ? '' : typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : String(v)));
      // Trailing empty cells do not count: a used range read back ends at the last non-empty cell.
      while (out.length && out[out.length - 1] === '') out.pop();
      if (out.length === 0) {
        this.pendingEmpty++;
        continue;
      }
      for (; this.pendingEmpty > 0; this.pendingEmpty--) this.mix('\u0002');
      this.mix(out.join('\u0001'));
      this.mix('\u0002');
    }
    return this;
  }

  digest(): string {
    return this.h.toString(16).padStart(8, '0');
  }
}

export function fingerprint(cells: readonly (readonly PlanValue[])[]): string {
  return new Fingerprinter().add(cells).digest();
}
