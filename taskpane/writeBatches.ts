/**
 * Output sheets cut into requests Excel accepts, as plain data: no Office here, so the cutting runs
 * wherever the plans are (in the pane's worker at a district's scale) and the gateway only sends
 * each request it is handed. Excel on the web refuses a request or response over 5 MB.
 */
import { fingerprint, withoutSpills, type PlanValue, type SheetPlan } from '../src/output/sheetPlan';

/** Stay well under Excel on the web's 5 MB per request/response: JSON overhead is estimated, not exact. */
export const REQUEST_BUDGET_BYTES = 3.5 * 1024 * 1024;

/** A sheet to write, without its cells: what the gateway needs to swap it in and format it. */
export interface SheetLayout extends Omit<SheetPlan, 'cells'> {
  rows: number;
  width: number;
  /** Of the cells as written, for noticing the analyst's edits next time. */
  fingerprint: string;
}

/** Rows of one sheet, padded to its width, with the number formats of the body rows among them. */
export interface WriteBlock {
  sheet: string;
  /** 0-based first row. */
  first: number;
  rows: (string | number)[][];
  formats: { column: number; format: string; first: number; count: number }[];
}

/** What one request carries. */
export type WriteRequest = WriteBlock[];

/** The sheets of a write and their requests, handed over one at a time (from a worker, or from memory). */
export interface PlanSource {
  layouts: SheetLayout[];
  totalRows: number;
  nextRequest(): Promise<WriteRequest | null>;
}

const widthOf = (plan: SheetPlan) => Math.max(1, ...plan.cells.map((r) => r.length));

export function sheetLayout(plan: SheetPlan): SheetLayout {
  const { cells, ...rest } = plan;
  return { ...rest, rows: cells.length, width: widthOf(plan), fingerprint: fingerprint(withoutSpills(cells, plan.spills ?? [])) };
}

/** Cells as Excel reads them back through `formulas`: empty is ''. */
const asWritten = (row: readonly PlanValue[], width: number): (string | number)[] => {
  const out = new Array<string | number>(width);
  for (let k = 0; k < width; k++) out[k] = row[k] ?? '';
  return out;
};

/**
 * The plans' rows in requests of at most `budget` estimated bytes, in order. Number formats travel
 * with their rows (a format per cell is as large as a short value). A row larger than the budget
 * goes alone.
 */
export function* writeRequests(plans: readonly SheetPlan[], budget = REQUEST_BUDGET_BYTES): Generator<WriteRequest> {
  let request: WriteRequest = [];
  let used = 0;
  for (const plan of plans) {
    const width = widthOf(plan);
    const formats = plan.numberFormats.map((format, column) => ({ format, column })).filter((f): f is { format: string; column: number } => f.format !== null && f.column < width);
    const formatBytesPerRow = formats.reduce((n, f) => n + f.format.length + 6, 0);
    const rowBytes = (r: number) => JSON.stringify(plan.cells[r]).length + 8 + (r >= plan.headerRows ? formatBytesPerRow : 0);
    let first = 0;
    while (first < plan.cells.length) {
      if (used > 0 && used + rowBytes(first) > budget) {
        yield request;
        request = [];
        used = 0;
      }
      let bytes = 0;
      let last = first;
      while (last < plan.cells.length) {
        const size = rowBytes(last);
        if (last > first && used + bytes + size > budget) break;
        bytes += size;
        last++;
      }
      const bodyFirst = Math.max(first, plan.headerRows);
      request.push({
        sheet: plan.name,
        first,
        rows: plan.cells.slice(first, last).map((r) => asWritten(r, width)),
        formats: last > bodyFirst ? formats.map((f) => ({ ...f, first: bodyFirst, count: last - bodyFirst })) : [],
      });
      used += bytes;
      first = last;
    }
  }
  if (request.length) yield request;
}

/** Plans held in memory as a source (tests, small writes, and the pane without a worker). */
export function planSource(plans: readonly SheetPlan[], budget = REQUEST_BUDGET_BYTES): PlanSource {
  const requests = writeRequests(plans, budget);
  return {
    layouts: plans.map(sheetLayout),
    totalRows: plans.reduce((n, p) => n + p.cells.length, 0),
    nextRequest: async () => {
      const next = requests.next();
      return next.done ? null : next.value;
    },
  };
}
