/**
 * The small tables the seed-policy commands read (就业圈, 社区, 支出): the header found as every
 * ledger's is (detectFieldHeader over the policy's own fields), then one row per non-blank data
 * row with each field's value and cell (`就业圈!C4`), so a message can name the cell it is about.
 */
import type { SheetGrid, SourcedValue } from '../ledger/types';
import { detectFieldHeader, type HeaderFieldDef } from '../read/fieldHeader';
import { addressesIn } from '../read/address';
import { cellAt, isBlankCell } from '../read/sheetCells';

export interface TableField<K extends string> extends HeaderFieldDef<K> {
  /** Without this column the table cannot be read. */
  required?: boolean;
}

export interface TableRow<K extends string> {
  /** 1-based sheet row. */
  row: number;
  /** Each field's cell; null for a field whose column the table lacks. */
  cells: Record<K, SourcedValue | null>;
}

export interface PolicyTable<K extends string> {
  sheet: string;
  /** Each mapped field's header as written, with its cell. */
  headers: Partial<Record<K, { text: string; cell: string }>>;
  rows: TableRow<K>[];
  /** Things the reader did that the user should know: a total row left out, a column read by a close wording. */
  notes: string[];
}

/** A table that cannot be read at all (no sheet with the required columns). */
export class TableError extends Error {}

const TOTAL_WORDS = new Set(['合计', '总计', '小计', '累计']);

/**
 * The first sheet whose header has every required field, read into rows. Blank rows are skipped,
 * and so is a total row (合计, 总计 … in the first field, which names the row).
 */
export function readPolicyTable<K extends string>(grids: readonly SheetGrid[], fields: readonly TableField<K>[], what: string): PolicyTable<K> {
  const required = fields.filter((f) => f.required);
  const quoted = (list: readonly TableField<K>[]) => list.map((f) => `「${f.zh}」`).join('、');
  let closest: { sheet: string; missing: TableField<K>[] } | null = null;
  for (const grid of grids) {
    const header = detectFieldHeader(grid, fields);
    const columnOf = new Map(header.columns.filter((c) => c.key !== null).map((c) => [c.key as K, c]));
    const missing = required.filter((f) => !columnOf.has(f.key));
    if (header.headerRows.length === 0 || missing.length > 0) {
      if (header.headerRows.length > 0 && (!closest || missing.length < closest.missing.length)) closest = { sheet: grid.name, missing };
      continue;
    }
    const address = addressesIn(grid.name);
    const headerRow = header.headerRows[header.headerRows.length - 1];
    const headers: PolicyTable<K>['headers'] = {};
    const notes: string[] = [];
    for (const [key, c] of columnOf) {
      headers[key] = { text: c.header, cell: address(headerRow, c.column) };
      const zh = fields.find((f) => f.key === key)!.zh;
      if (c.matchedBy === 'fuzzy') notes.push(`列「${c.header}」（${address(headerRow, c.column)}）按相近名称识别为「${zh}」，请核对`);
    }
    const rows: TableRow<K>[] = [];
    for (let r = header.firstDataRow; r < grid.rows.length; r++) {
      const cells = {} as Record<K, SourcedValue | null>;
      for (const f of fields) {
        const c = columnOf.get(f.key);
        cells[f.key] = c ? { value: cellAt(grid, r, c.column), cell: address(r, c.column) } : null;
      }
      const present = Object.values<SourcedValue | null>(cells).filter((s): s is SourcedValue => s !== null);
      if (present.every((s) => isBlankCell(s.value))) continue;
      const first = cells[fields[0].key];
      const label = first && typeof first.value === 'string' ? first.value.normalize('NFKC').replace(/[\s\u3000]+/g, '') : '';
      if (TOTAL_WORDS.has(label)) {
        notes.push(`第${r + 1}行「${label}」是合计行，未计入`);
        continue;
      }
      rows.push({ row: r + 1, cells });
    }
    if (rows.length === 0) throw new TableError(`工作表「${grid.name}」的表头下没有任何${what}数据`);
    return { sheet: grid.name, headers, rows, notes };
  }
  const optional = fields.filter((f) => !f.required);
  const expected = `应有${quoted(required)}列${optional.length ? `（${quoted(optional)}可选）` : ''}`;
  if (closest) throw new TableError(`工作表「${closest.sheet}」缺少${quoted(closest.missing)}列，无法读取${what}：${expected}`);
  throw new TableError(`未找到${what}的表头：${expected}`);
}

/** A cell's text, trimmed; null when blank. */
export function cellText(cell: SourcedValue | null): string | null {
  if (cell === null || isBlankCell(cell.value)) return null;
  const v = cell.value;
  return (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();
}
