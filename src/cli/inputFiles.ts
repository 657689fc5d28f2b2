/**
 * What every hs-score command does with the files it is given: shows them relative to where it was
 * run, reads a spreadsheet's sheets refusing in Chinese, and reads a bureau's rubric from a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FieldSet } from '../fields';
import type { SheetGrid } from '../ledger/types';
import { readParamsFile, readSheetFile, type LedgerFile } from '../read/ledger';
import { ledgerFilesIn, readLedgerFiles } from '../read/ledgerFiles';
import { readRubricSheet, RUBRIC_SHEET } from '../rules/rubricSheet';
import type { RuleSet } from '../rules/vocabulary';
import { CliError } from './errors';

/** A file as the user would name it: relative to the working directory when inside it. */
export function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(cwd, file);
}

const SPREADSHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.csv'];

/** An input that must be an existing file (named in messages as the user wrote it, `arg`), a spreadsheet when `spreadsheet`. */
export function checkInput(file: string, what: string, arg: string = file, spreadsheet = false): void {
  if (spreadsheet && !SPREADSHEET_EXTENSIONS.includes(path.extname(file).toLowerCase())) throw new CliError(`${what}应为 .xlsx 或 .csv 文件：${arg}`);
  if (!fs.existsSync(file)) throw new CliError(`找不到${what}：${arg}`);
  if (fs.statSync(file).isDirectory()) throw new CliError(`${what}是一个文件夹，不是文件：${arg}`);
}

/** A spreadsheet file's sheets; one that cannot be read is refused with a Chinese message. */
export async function readGrids(file: string, what: string): Promise<SheetGrid[]> {
  try {
    return (await readSheetFile(file)).grids;
  } catch (err) {
    throw readingFailure(err, `无法读取${what} ${file}`);
  }
}

/** A failure to read as the user sees it: the reader's Chinese message, or what could not be read and the cause. */
export function readingFailure(err: unknown, what: string): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(/[\u4e00-\u9fff]/.test(message) ? message : `${what}：${message}`);
}

/** The ledger files that paths (files, folders) name; a path that names none is refused in Chinese. */
export async function ledgerFilesOf(paths: readonly string[]): Promise<string[]> {
  try {
    return await ledgerFilesIn(paths);
  } catch (err) {
    throw readingFailure(err, '无法读取台账文件');
  }
}

/**
 * Several ledger files as one district, with the 参数 of `paramsPath` when given. Not one workbook
 * (its encoding is not null): a scored workbook of it is a new one, no file of the analyst's copied.
 */
export async function readSeveralLedgers(files: readonly string[], paramsPath: string | undefined, fieldsFor?: (grids: readonly SheetGrid[]) => FieldSet): Promise<LedgerFile> {
  const paramsGrid = paramsPath === undefined ? undefined : await readParamsFile(paramsPath);
  const { raw, grids } = await readLedgerFiles(files, { ...(paramsGrid ? { paramsGrid } : {}), ...(fieldsFor ? { fieldsFor } : {}) });
  return { raw, grids, encoding: 'utf-8' };
}

const isNamed = (name: string) => (g: { name: string }) => g.name.normalize('NFKC').trim() === name.normalize('NFKC').trim();

/** The sheet of `grids` named `name` (any width or spacing of its characters). */
export function sheetNamed(grids: readonly SheetGrid[], name: string): SheetGrid | undefined {
  return grids.find(isNamed(name));
}

/** A rubric file's 评分细则 sheet, or its only sheet. */
export async function rubricSheetIn(file: string, arg: string): Promise<SheetGrid> {
  const grids = await readGrids(file, '评分细则文件');
  const grid = sheetNamed(grids, RUBRIC_SHEET) ?? (grids.length === 1 ? grids[0] : undefined);
  if (!grid) throw new CliError(`评分细则文件 ${arg} 中没有「${RUBRIC_SHEET}」工作表`);
  return grid;
}

/** A 评分细则 sheet as a rule set, refused whole (every bad row listed) for what `refusedFor` says is not done. */
export function ruleSetOf(grid: SheetGrid, refusedFor: string): RuleSet {
  const reading = readRubricSheet(grid);
  if (!reading.ok) throw new CliError(`评分细则有误，${refusedFor}：\n${reading.errors.map((e) => `  ${e}`).join('\n')}`);
  return reading.ruleSet;
}
