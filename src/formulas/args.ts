/**
 * Worksheet arguments as the engine reads them. Excel passes ranges as row-major matrices of
 * numbers, strings, booleans and null, and (for "any" parameters) data-type objects; messages name
 * the offending cell by its address when Excel gives the parameter's address
 * (@requiresParameterAddresses), and by its place in the argument otherwise.
 */
import { readNumberText } from '../ledger/cells';
import type { CellValue } from '../ledger/types';
import { cellAddress, parseA1Range } from '../read/address';
import { badValue } from './formulaError';

/** A range as Excel hands it to a custom function. */
export type Matrix = readonly (readonly unknown[])[];

interface RangeOrigin {
  sheet: string;
  row0: number;
  col0: number;
}

/** `台账!F17:H20`, `'My Sheet'!A1`, `[Book1]台账!A1` → sheet and top-left cell; null when unreadable. */
export function rangeOrigin(address: string | undefined): RangeOrigin | null {
  if (!address) return null;
  const bang = address.lastIndexOf('!');
  if (bang < 0) return null;
  let sheet = address.slice(0, bang).replace(/^\[[^\]]*\]/, '');
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, '');
  const box = parseA1Range(address);
  if (!box || sheet === '') return null;
  return { sheet, row0: box.top, col0: box.left };
}

/** An argument's cells, for messages. */
export class ArgumentCells {
  private readonly origin: RangeOrigin | null;
  constructor(
    /** The argument's Chinese name, as the function's help shows it. */
    readonly label: string,
    address?: string,
  ) {
    this.origin = rangeOrigin(address);
  }

  /** `台账!F17`, or `数值行第6列` / `全部得分第3行第1列` without an address. */
  at(row: number, column: number, shape: 'row' | 'column' | 'matrix' = 'matrix'): string {
    if (this.origin) return cellAddress(this.origin.sheet, this.origin.row0 + row, this.origin.col0 + column);
    if (shape === 'row') return `${this.label}第${column + 1}列`;
    if (shape === 'column') return `${this.label}第${row + 1}行`;
    return `${this.label}第${row + 1}行第${column + 1}列`;
  }

  /** The argument as a whole, for messages: its address, or its name. */
  get whole(): string {
    return this.address ?? `「${this.label}」`;
  }

  /** The argument's cell for an issue, '' when Excel did not say (the message names the field already). */
  get cell(): string {
    return this.address ?? '';
  }

  private get address(): string | undefined {
    return this.origin ? cellAddress(this.origin.sheet, this.origin.row0, this.origin.col0) : undefined;
  }
}

/** A cell's value as data. Blank text is blank; a formatted number counts by its value. */
export type ArgumentValue = { ok: true; value: CellValue } | { ok: false; shown: string };

export function argumentValue(value: unknown): ArgumentValue {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false, shown: String(value) };
  if (typeof value === 'string') return { ok: true, value: value.trim() === '' ? null : value };
  if (typeof value === 'boolean') return { ok: true, value };
  if (value instanceof Date) return { ok: true, value };
  if (typeof value === 'object') {
    // Excel data types reach "any" parameters as objects (allowCustomDataForDataTypeAny).
    const { type, basicType, basicValue } = value as { type?: unknown; basicType?: unknown; basicValue?: unknown };
    if (type === 'Empty' || basicType === 'Empty') return { ok: true, value: null };
    if (basicType === 'Double' && typeof basicValue === 'number' && Number.isFinite(basicValue)) return { ok: true, value: basicValue };
    if (basicType === 'String' && typeof basicValue === 'string') return { ok: true, value: basicValue.trim() === '' ? null : basicValue };
    if (basicType === 'Boolean' && typeof basicValue === 'boolean') return { ok: true, value: basicValue };
    return { ok: false, shown: basicValue === undefined ? '数据类型' : String(basicValue) };
  }
  return { ok: false, shown: String(value) };
}

/** The plain value of one cell, or a #VALUE! naming it. */
export function plainValue(value: unknown, where: string): CellValue {
  const read = argumentValue(value);
  if (!read.ok) throw badValue(`${where}「${read.shown}」不是数值或文字（数据类型、错误值无法读取）`);
  return read.value;
}

/** A scalar argument: one cell (a 1×1 range counts). */
export function scalar(value: unknown, cells: ArgumentCells): CellValue {
  if (Array.isArray(value)) {
    const rows = value as unknown[][];
    if (rows.length !== 1 || !Array.isArray(rows[0]) || rows[0].length !== 1) {
      throw badValue(`${cells.whole}应为单个单元格，收到 ${rows.length}×${rows[0]?.length ?? 0} 的区域`);
    }
    return plainValue(rows[0][0], cells.at(0, 0));
  }
  return plainValue(value, cells.whole);
}

export interface Located<T> {
  value: T;
  cell: string;
}

/**
 * A range's cells in row order, read as data. Where a cell is (`台账!F17`) is worked out only for a
 * message: a whole-column argument of a district-wide function is read thousands of times per
 * recalculation, and naming every cell up front would cost more than the function itself.
 */
export class CellList {
  readonly values: CellValue[] = [];
  private readonly width: number;
  private readonly shape: 'row' | 'column' | 'matrix';

  constructor(
    matrix: Matrix,
    private readonly cells: ArgumentCells,
  ) {
    this.width = matrix[0]?.length ?? 0;
    this.shape = matrix.length === 1 ? 'row' : matrix.every((r) => r.length === 1) ? 'column' : 'matrix';
    const values = this.values;
    for (let r = 0; r < matrix.length; r++) {
      const row = matrix[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        // The common cases inline; anything else through argumentValue.
        if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
        else if (v === null || v === undefined) values.push(null);
        else if (typeof v === 'string') values.push(v.trim() === '' ? null : v);
        else {
          const read = argumentValue(v);
          if (!read.ok) throw badValue(`${this.where(values.length)}「${read.shown}」不是数值或文字（数据类型、错误值无法读取）`);
          values.push(read.value);
        }
      }
    }
  }

  get length(): number {
    return this.values.length;
  }

  /** Where the i-th cell is. */
  where(i: number): string {
    const w = Math.max(1, this.width);
    return this.cells.at(Math.floor(i / w), i % w, this.shape);
  }

  located(i: number): Located<CellValue> {
    return { value: this.values[i], cell: this.where(i) };
  }
}

/** Every cell of a range, row by row. */
export function cellsOf(matrix: Matrix, cells: ArgumentCells): CellList {
  return new CellList(matrix, cells);
}

/** A one-row (or one-column) range: the analyst's list of values. */
export function vector(matrix: Matrix, cells: ArgumentCells): CellList {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  if (rows > 1 && columns > 1) {
    throw badValue(`${cells.whole}应为一行或一列，收到 ${rows} 行 ${columns} 列的区域`);
  }
  return new CellList(matrix, cells);
}

/** The hint after a text cell that reads as a number where a number was expected. */
export function textNumberHint(v: CellValue): string {
  return typeof v === 'string' && readNumberText(v) !== null ? '（文本格式的数字，请转换为数字）' : '';
}

/** How a rejected value is quoted. */
export function shown(value: CellValue): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export const isBlankValue = (v: CellValue): boolean => v === null || (typeof v === 'string' && v.trim() === '');
