/**
 * A ledger file (.xlsx or .csv, with an optional parameters file) → RawLedger. File access lives
 * here; the mapping itself is `ledgerFromGrids`, which the task pane reuses with grids read from
 * the open workbook.
 */
import * as path from 'node:path';
import type { FieldSet } from '../fields';
import type { RawLedger, SheetGrid } from '../ledger/types';
import { readCsvGrid, readFileHead, xlsxGrids, type CsvEncoding } from './grid';
import { ledgerFromGrids, PARAMS_SHEET } from './ledgerGrids';

export { ledgerFromGrids, type LedgerFromGridsOptions } from './ledgerGrids';

export interface ReadLedgerOptions {
  /** The ledger sheet of a workbook; by default the sheet whose header fits best. */
  sheet?: string;
  /** A parameters file (.csv, or a workbook with a 参数 sheet) holding the province averages. */
  paramsPath?: string;
  /**
   * The rule set's fields the columns are matched to, chosen once the workbook's sheets are read
   * (its own 评分细则 sheet may name them); the built-in fields by default.
   */
  fieldsFor?: (grids: readonly SheetGrid[]) => FieldSet;
}

export interface LedgerFile {
  raw: RawLedger;
  /** Every sheet's values, for what else the workbook holds (a 评分细则 sheet). */
  grids: SheetGrid[];
  /** The encoding a CSV ledger was read in; null for a workbook. */
  encoding: CsvEncoding | null;
}

export interface SheetFile {
  grids: SheetGrid[];
  encoding: CsvEncoding | null;
}

const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm']);
const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: a legacy .xls/.et, or an .xlsx with an opening password. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** Reads a ledger file, its parameters file if given, and maps them. Throws a Chinese Error for a file it cannot read. */
export async function readLedgerFile(filePath: string, opts: ReadLedgerOptions = {}): Promise<LedgerFile> {
  const ledger = await readSheetFile(filePath);
  const paramsGrid = opts.paramsPath === undefined ? undefined : await readParamsFile(opts.paramsPath);
  const fields = opts.fieldsFor?.(ledger.grids);
  const raw = ledgerFromGrids(ledger.grids, { source: filePath, sheet: opts.sheet, paramsGrid, ...(fields ? { fields } : {}) });
  return { raw, grids: ledger.grids, encoding: ledger.encoding };
}

/** A parameters file's 参数 table: its 参数 sheet, or its only sheet (a CSV). */
export async function readParamsFile(paramsPath: string): Promise<SheetGrid> {
  const params = await readSheetFile(paramsPath);
  const grid = params.grids.find((g) => g.name.trim() === PARAMS_SHEET) ?? params.grids[0];
  if (!grid) throw new Error(`无法读取文件 ${paramsPath}：文件中没有工作表`);
  return grid;
}

/**
 * A spreadsheet file as grids: .xlsx values read directly (or through exceljs's full load when the
 * workbook itself is wanted, `keepWorkbook`), .csv decoded and parsed (sheet named after the file).
 */
export async function readSheetFile(filePath: string): Promise<SheetFile> {
  const ext = path.extname(filePath).toLowerCase();
  if (!XLSX_EXTENSIONS.has(ext) && !TEXT_EXTENSIONS.has(ext)) {
    const hint = ext === '.xls' || ext === '.et' ? `不支持 ${ext}（旧版 Excel/WPS）格式，请在 Excel 中“另存为” .xlsx 后再试` : `不支持的文件类型「${ext || '无扩展名'}」，请提供 .xlsx 或 .csv 文件`;
    throw new Error(`无法读取文件 ${filePath}：${hint}`);
  }
  const head = await readFileHead(filePath, 8);
  if (startsWith(head, OLE_MAGIC)) {
    throw new Error(`无法读取文件 ${filePath}：这是旧版 .xls 文件或设置了打开密码的工作簿，请在 Excel 中取消密码并“另存为” .xlsx 后再试`);
  }
  // Trust the content over the extension: a workbook saved as .csv by mistake is still a workbook.
  if (XLSX_EXTENSIONS.has(ext) || startsWith(head, ZIP_MAGIC)) {
    // Values come from the direct reader (faster, and it keeps a formula's cached 0). An output
    // copy is made by editing the package (src/output/packageEdit.ts), never from a loaded workbook.
    return { grids: await xlsxGrids(filePath, filePath), encoding: null };
  }
  try {
    const { grid, encoding } = await readCsvGrid(filePath, path.basename(filePath, path.extname(filePath)));
    return { grids: [grid], encoding };
  } catch (err) {
    throw new Error(`无法读取文件 ${filePath}：${err instanceof Error ? err.message : String(err)}`);
  }
}
