/**
 * `hs-score merge <files or folder…> --out 台账.xlsx [--params 参数.csv] [--rubric 评分细则.xlsx]`: the ledgers of many files
 * (a file per community, a file per month, a sheet per month) written as one consolidated ledger,
 * one row per unit-month with a 来源 column naming the file and cell (src/output/mergedLedger.ts),
 * so an analyst can keep one workbook from then on. A bureau's rubric says which fields its ledgers
 * hold (its 字段 table). Inputs are never overwritten.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { CliError } from './errors';
import { refuseOverwrites } from './outputGuard';
import { checkInput, ledgerFilesOf, readingFailure, readSeveralLedgers, rubricSheetIn, ruleSetOf } from './inputFiles';
import { BUILT_IN_FIELDS, fieldSet } from '../fields';
import { mergedLedgerTables } from '../output/mergedLedger';
import { writeTablesWorkbook } from '../output/workbook';
import { readMonth, readText, unitNameKey } from '../ledger/cells';

export interface MergeArgs {
  out: string;
  params?: string;
  rubric?: string;
}

interface Io {
  out(text: string): void;
  cwd: string;
}

export async function mergeCommand(inputs: readonly string[], args: MergeArgs, io: Io): Promise<number> {
  const out = path.resolve(io.cwd, args.out);
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out 应为 .xlsx 文件：${args.out}`);
  const paramsPath = args.params === undefined ? undefined : path.resolve(io.cwd, args.params);
  const files = await ledgerFilesOf(inputs.map((p) => path.resolve(io.cwd, p)));
  const rubricPath = args.rubric === undefined ? undefined : path.resolve(io.cwd, args.rubric);
  refuseOverwrites(
    [...files.map((file) => ({ file, what: '台账文件' })), ...(paramsPath ? [{ file: paramsPath, what: '参数表' }] : []), ...(rubricPath ? [{ file: rubricPath, what: '评分细则文件' }] : [])],
    [{ file: out, what: '--out' }],
  );
  if (rubricPath) checkInput(rubricPath, '评分细则文件', args.rubric, true);
  const fields = rubricPath ? fieldSet(ruleSetOf(await rubricSheetIn(rubricPath, args.rubric!), '未合并').fields) : BUILT_IN_FIELDS;
  let read;
  try {
    read = await readSeveralLedgers(files, paramsPath, () => fields);
  } catch (err) {
    throw readingFailure(err, '无法读取台账文件');
  }
  const { raw } = read;
  // A unit-month given twice is kept as written (both rows, each with its 来源) and said here: scoring the merged ledger reports it too.
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const row of raw.rows) {
    const unit = readText(row.attributes.unit?.value ?? null);
    const month = readMonth(row.attributes.month?.value ?? null);
    if (unit === null || !month.ok) continue;
    const key = `${unitNameKey(unit)}\u0000${month.month}`;
    const where = row.attributes.unit?.cell ?? row.rowRef;
    const earlier = seen.get(key);
    if (earlier) twice.push(`${unit}${month.month}月（${earlier} 与 ${where}）`);
    else seen.set(key, where);
  }
  try {
    await writeTablesWorkbook(out, mergedLedgerTables(raw, fields));
  } catch (err) {
    throw new CliError(`无法写入 ${args.out}：${err instanceof Error ? err.message : String(err)}`, 1);
  }
  const units = new Set(raw.rows.map((r) => readText(r.attributes.unit?.value ?? null)).filter((u) => u !== null)).size;
  io.out(`已合并 ${files.length} 个文件、${raw.sheets?.length ?? 1} 个工作表：${raw.rows.length} 行，${units} 个单位 → ${args.out}\n`);
  for (const issue of raw.issues) io.out(`提示：${issue.message}\n`);
  if (twice.length) io.out(`错误：${twice.length} 个单位月份出现两次（两行都已写出，评分时为错误）：${twice.slice(0, 10).join('；')}${twice.length > 10 ? ' 等' : ''}\n`);
  return twice.length ? 1 : 0;
}

/** Registers `merge` on the program; `done` receives the exit status. */
export function registerMergeCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('merge')
    .usage('<台账文件或文件夹...> --out <台账.xlsx> [选项]')
    .description('把多个文件（每个社区/村一个文件、每月一个文件或按月分表）合并为一个台账：每个单位每月一行，「来源」列写明出自哪个文件哪个单元格')
    .argument('<台账文件...>', '台账文件（.xlsx 或 .csv）或文件夹')
    .requiredOption('--out <台账.xlsx>', '写出的合并台账')
    .option('--params <参数.csv>', '全省平均参数表；文件中有「参数」工作表时可省略')
    .option('--rubric <评分细则.xlsx>', '评分细则：按其「字段」表识别各台账的列；默认用赫山区2024年细则的字段')
    .action(async (inputs: string[], opts: MergeArgs) => {
      done(await mergeCommand(inputs, opts, io));
    });
}
