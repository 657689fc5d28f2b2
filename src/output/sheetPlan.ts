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
export function withoutSpills(cells: readonly (readonly PlanValue[])[], spills: readonly string[]): PlanValue[][] {
  const out = cells.map((row) => [...row]);
  for (const range of spills) {
    const box = parseA1Range(range);
    if (!box) continue;
    for (let r = box.top; r <= box.bottom && r < out.length; r++) {
      for (let c = box.left; c <= box.right && c < out[r].length; c++) out[r][c] = null;
    }
  }
  return out;
}

/** FNV-1a over the cells as written and as read back (formulas, values; empty as ''), to notice edits. */
export function fingerprint(cells: readonly (readonly PlanValue[])[]): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  // Trailing empty cells do not count: a used range read back ends at the last non-empty cell.
  const rows = cells.map((row) => {
    const out = row.map((v) => (v === null || v === '' ? '' : typeof v === 'number' ? String(Math.round(v * 1e9) / 1e9) : String(v)));
    while (out.length && out[out.length - 1] === '') out.pop();
    return out;
  });
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  for (const row of rows) {
    mix(row.join('\u0001'));
    mix('\u0002');
  }
  return h.toString(16).padStart(8, '0');
}
