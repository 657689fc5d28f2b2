/**
 * The data that flows one way: sheet cells → grid → mapped raw rows → parsed table → scores.
 * Everything here is plain data so the engine, the CLI and the task pane share it.
 */
import type { UnitAttributeKey, UnitType } from '../fields';

/** One worksheet's cell values, row-major, 0-based. Values are what the cell shows as data:
 *  number, string, boolean, Date, or null for an empty cell (formulas already replaced by their result). */
export interface SheetGrid {
  name: string;
  rows: CellValue[][];
  /** Merged ranges, 0-based inclusive, as the source reports them (xlsx); empty for CSV. */
  merges: MergedRange[];
}

export type CellValue = number | string | boolean | Date | null;

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What a column of the ledger feeds: a rubric input field, or an identity/per-unit attribute. */
export type ColumnTarget = { kind: 'field'; key: string } | { kind: 'attribute'; key: UnitAttributeKey };

export interface ColumnMapping {
  /** 0-based column index in the grid. */
  column: number;
  /** The header text as read (two-row headers joined with '/'). */
  header: string;
  target: ColumnTarget | null;
  /** 0–1: 1 for the canonical header, lower for a synonym or a fuzzy match. */
  confidence: number;
  /** How the match was made, for the mapping report. */
  matchedBy: 'canonical' | 'synonym' | 'fuzzy' | 'manual' | 'none';
}

export interface SheetMapping {
  sheet: string;
  /** 0-based rows holding the header (one or two). */
  headerRows: number[];
  /** 0-based first data row. */
  firstDataRow: number;
  columns: ColumnMapping[];
}

/** A cell's value with where it came from, so every error can name its cell (`台账!F17`). */
export interface SourcedValue {
  value: CellValue;
  /** Sheet-qualified A1 address, e.g. `台账!F17`. */
  cell: string;
}

/** One ledger row after column mapping, before any parsing. */
export interface RawRow {
  /** Sheet-qualified address of the row's first cell, for row-level errors. */
  rowRef: string;
  /** 1-based sheet row number. */
  row: number;
  attributes: Partial<Record<UnitAttributeKey, SourcedValue>>;
  fields: Record<string, SourcedValue>;
  /** The sheet the row is on, when a ledger is read from several (a sheet per month). */
  sheet?: string;
  /** Its 月份 is its sheet's (named in the sheet's name or title), shared by every row there. */
  monthFromSheet?: boolean;
}

/** One row of the 参数 sheet (or params CSV): a month's province averages. */
export interface RawParamRow {
  row: number;
  month: SourcedValue;
  fields: Record<string, SourcedValue>;
}

/** A ledger as read from a file or a workbook, ready for parsing. */
export interface RawLedger {
  source: string;
  sheet: string;
  mapping: SheetMapping;
  rows: RawRow[];
  params: RawParamRow[];
  /** Optional per-unit sheet (单位名称 + per-unit attributes), read like ledger rows. */
  unitRows: RawRow[];
  /** Problems found while reading (unmapped required columns, unreadable params). */
  issues: Issue[];
  /** A ledger kept one sheet per month: each sheet read, its mapping and month (`sheet` and `mapping` are the first's). */
  sheets?: LedgerSheet[];
}

export interface LedgerSheet {
  sheet: string;
  mapping: SheetMapping;
  /** The month all its rows hold (a sheet per month); null when its 月份 column says each row's. */
  month: number | null;
  /** Where that month was read: the sheet's name or a title row. */
  monthFrom: 'name' | 'title' | null;
  /** The unit all its rows are (a file per community without a 单位名称 column), and where that was read. */
  unit?: string;
  unitFrom?: 'file' | 'title' | 'folder';
}

export type Severity = 'error' | 'warning';

/** An error or warning, located as precisely as the input allows (spec §5). Messages are Chinese. */
export interface Issue {
  severity: Severity;
  unit: string | null;
  month: number | null;
  /** The field's canonical Chinese header, or the attribute's name. */
  field: string | null;
  /** Sheet-qualified cell address, or null when no single cell is at fault. */
  cell: string | null;
  message: string;
  /** Indicator codes this issue blocks (empty for warnings and row-level problems). */
  blocks?: string[];
}

export interface UnitInfo {
  name: string;
  type: UnitType | null;
  town: string | null;
  group: string | null;
  level: string | null;
  founding: boolean | null;
  /** null when the 带动奖励 cell cannot be read as an amount: the unit's total is then 待核实. */
  reward: number | null;
  rewardReason: string | null;
}
