/**
 * One district from many files (issue 12): a file per community (社区/村 上报), a file per month, or
 * both, .xlsx and .csv mixed, given as files or a folder. Each file's sheets are named after the
 * file (`三里桥社区.xlsx`, or `[三里桥社区.xlsx]台账` for a workbook of several sheets), so every
 * message names the file and the cell. A unit-month given twice is an error naming both places.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_FIELDS, type FieldSet } from '../fields';
import type { Issue, RawLedger, SheetGrid } from '../ledger/types';
import { someNames } from '../names';
import { cellAddress } from './address';
import { ledgerTargets } from './columnMatch';
import { detectHeaderScored } from './headerRow';
import { readSheetFile } from './ledger';
import { ledgerFromParts, monthSheets, NOT_LEDGER_SHEETS, PARAMS_SHEET, type LedgerFromGridsOptions, type LedgerPart } from './ledgerGrids';
import { sheetMonth } from './sheetMonth';

const LEDGER_FILE = /\.(xlsx|xlsm|csv)$/i;

/** The ledger files a list of paths names: files as given, folders as the ledger files inside them (sorted, Excel's lock files left out). */
export async function ledgerFilesIn(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      throw new Error(`无法读取 ${p}：文件或文件夹不存在`);
    }
    if (!stat.isDirectory()) {
      files.push(p);
      continue;
    }
    const inside = (await fs.readdir(p)).filter((name) => LEDGER_FILE.test(name) && !name.startsWith('~$')).sort((a, b) => a.localeCompare(b, 'zh-CN'));
    if (inside.length === 0) throw new Error(`文件夹 ${p} 中没有 .xlsx 或 .csv 台账文件`);
    files.push(...inside.map((name) => path.join(p, name)));
  }
  return files;
}

/** A unit's name in a file name, folder or title: the text left of the year, month and words like 台账, when it ends as a unit's name does. */
export function unitInText(text: string): string | null {
  const s = text
    .normalize('NFKC')
    .replace(/\.(xlsx|xlsm|csv)$/i, '')
    .replace(/\d{4}\s*年(?:度)?|\d{4}[.\-_/]\d{1,2}|(?<!\d)\d{1,2}\s*月份?|[一二三四五六七八九十]{1,3}月份?/g, ' ')
    .replace(/充分就业社区\(村\)|充分就业(?:社区|村)?|考核|台账|上报|月报|报表|数据|汇总|评分|明细|表/g, ' ')
    .split(/[\s\-_—()（）[\]【】]+/)
    .filter(Boolean)
    .find((part) => /(社区|村|居委会|村委会)$/.test(part) && part.length >= 2);
  return s ?? null;
}

/** Where a part's rows get their unit when the sheet has no 单位名称 column: the file's name, a title row, or its folder. */
function unitOf(grid: SheetGrid, headerRow: number, file: string): LedgerPart['unit'] {
  const byName = unitInText(path.basename(file));
  if (byName) return { value: byName, cell: cellAddress(grid.name, 0, 0), from: 'file' };
  for (let r = 0; r < Math.min(headerRow, grid.rows.length); r++) {
    for (const [c, v] of (grid.rows[r] ?? []).entries()) {
      const found = typeof v === 'string' ? unitInText(v) : null;
      if (found) return { value: found, cell: cellAddress(grid.name, r, c), from: 'title' };
    }
  }
  const byFolder = unitInText(path.basename(path.dirname(path.resolve(file))));
  return byFolder ? { value: byFolder, cell: cellAddress(grid.name, 0, 0), from: 'folder' } : null;
}


/** A file's ledger parts: its month sheets, or its one ledger sheet with what the file's name or title says. */
function partsOf(file: string, grids: readonly SheetGrid[], fields: FieldSet): LedgerPart[] {
  const months = monthSheets(grids, fields);
  if (months) return months.map((m) => ({ ...m, unit: null }));
  const sheets = grids.length === 1 ? grids : grids.filter((g) => !NOT_LEDGER_SHEETS.some((n) => g.name.endsWith(`]${n}`)));
  let best: LedgerPart | null = null;
  let bestScore = 0;
  for (const grid of sheets) {
    const detection = detectHeaderScored(grid, ledgerTargets(fields));
    const has = (key: string) => detection.mapping.columns.some((c) => c.target?.kind === 'attribute' && c.target.key === key);
    const headerRow = detection.mapping.headerRows[0] ?? 0;
    const month = has('month') ? null : sheetMonth(grid, headerRow, path.basename(file));
    const unit = has('unit') ? null : unitOf(grid, headerRow, file);
    if ((!has('month') && !month) || (!has('unit') && !unit)) continue;
    if (detection.score > bestScore) {
      best = { grid, detection, month, unit };
      bestScore = detection.score;
    }
  }
  if (!best) {
    throw new Error(`找不到台账：${file} 中没有可识别的台账表头（需要「单位名称」列，或文件名、标题中写明单位；需要「月份」列，或表名、文件名、标题中写明月份）`);
  }
  return [best];
}

/** The grids of one file, named after it so every address names the file. */
function namedAfter(file: string, grids: readonly SheetGrid[]): SheetGrid[] {
  const base = path.basename(file);
  return grids.map((g) => ({ ...g, name: grids.length === 1 ? base : `[${base}]${g.name}` }));
}

export interface ReadLedgerFilesOptions {
  paramsGrid?: SheetGrid;
  /** The rule set's fields, chosen once every file's sheets are read (one may hold the 评分细则); built-in by default. */
  fieldsFor?: (grids: readonly SheetGrid[]) => FieldSet;
}

/** Reads every ledger file as part of one district. */
export async function readLedgerFiles(paths: readonly string[], opts: ReadLedgerFilesOptions = {}): Promise<{ raw: RawLedger; grids: SheetGrid[]; files: string[] }> {
  const files = await ledgerFilesIn(paths);
  const issues: Issue[] = [];
  const parts: LedgerPart[] = [];
  const all: SheetGrid[] = [];
  const byFile: SheetGrid[][] = [];
  for (const file of files) {
    const grids = namedAfter(file, (await readSheetFile(file)).grids);
    all.push(...grids);
    byFile.push(grids);
  }
  const fields = opts.fieldsFor?.(all) ?? BUILT_IN_FIELDS;
  // A 参数 sheet in any file serves all: the first one found.
  const params = opts.paramsGrid ?? all.find((g) => g.name.endsWith(`]${PARAMS_SHEET}`));
  files.forEach((file, k) => parts.push(...partsOf(file, byFile[k].filter((g) => !g.name.endsWith(`]${PARAMS_SHEET}`)), fields)));
  const described = parts.map(({ grid, month, unit }) => `「${grid.name}」${[unit ? `${unit.value}` : '', month ? `${month.month}月` : ''].filter(Boolean).join('，')}`);
  issues.push({ severity: 'warning', unit: null, month: null, field: null, cell: null, message: `读取${files.length}个文件：${someNames(described, { most: 20, unit: '个表' })}` });
  const options: LedgerFromGridsOptions = { source: files.length === 1 ? files[0] : `${files.length}个文件`, fields, ...(params ? { paramsGrid: params } : {}) };
  return { raw: ledgerFromParts(parts, all.filter((g) => g !== params), options, issues), grids: all, files };
}
