/**
 * `hs-score`: scores a ledger (.xlsx or .csv) with the engine every other front end uses, prints a
 * short Chinese summary, and writes the scored workbook (--out) and the JSON contract (--json).
 *
 * Exit status: 0 when the ledger was scored (bad cells are reported, not fatal); 2 for bad
 * arguments or an input that cannot be read; 1 when an output file cannot be written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, CommanderError, type Help } from 'commander';
import { countsByType, someNames } from '../names';
import { CliError } from './errors';
import { refuseOverwrites } from './outputGuard';
import { writeAtomically, writeTextAtomically } from '../output/atomicFile';
import { writeOutputWorkbook, writePortableWorkbook, writeTablesWorkbook, type PortableOutput } from '../output/workbook';
import { PORTABLE_MODE_NAMES, PortableRefusal, portableSheets, withPortableNotes } from '../output/portable/portableSheets';
import { issuesSheet } from '../output/sheets';
import { haianSheets, HaianInputError, scoreHaianLedger, toIssueResult, type HaianResult } from '../policy/haian';
import { installInternalLinks } from '../output/internalLinks';
import { mappingLines, mappingSummary } from '../output/mappingReport';
import { policyById, POLICIES } from '../policy/presets';
import type { SubsidyPolicy } from '../policy/types';
import { PENDING, type ScoreResult } from '../result';
import { readLedgerFile, type LedgerFile } from '../read/ledger';
import { RUBRIC_SHEET, rubricSheetRows } from '../rules/rubricSheet';
import { ruleText } from '../rules/explain';
import { shareTargetsText } from '../engine/recognition';
import type { RuleSet } from '../rules/vocabulary';
import ExcelJS from 'exceljs';
import { HESHAN_2024 } from '../rules/heshan2024';
import { scoreLedger } from '../score';
import { DEMO_JSON, DEMO_WORKBOOK, packageRoot, SAMPLE_LEDGER } from './paths';
import { fieldSet, type FieldSet } from '../fields';
import { FIELD_HEADER, UNIT_TYPE_HEADER } from '../rules/fieldTable';
import type { SheetGrid } from '../ledger/types';
import { TableError } from './policyTable';
import { circleReport, equipmentReport, shareFromScore, shareOption, shareReport, shareTargetsOption, subsidyLevelsText, subsidyOption, type SeedOutcome, type SeedReport } from './seedPolicies';
import { registerTemplateCommand } from './templateCommand';
import { registerMergeCommand } from './mergeCommand';
import { checkInput, ledgerFilesOf, readGrids, readingFailure, readSeveralLedgers, rubricSheetIn, ruleSetOf, sheetNamed, shown } from './inputFiles';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get cwd() {
    return process.cwd();
  },
};

export { CliError };

const LEDGER_EXTENSIONS = ['.xlsx', '.csv'];

function version(): string {
  const root = packageRoot();
  return root ? String(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version) : '0.0.0';
}

/* ---------- Chinese help and errors ---------- */

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Terminal columns a text takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, '')) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

const HELP_CONFIG: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  displayWidth,
  // commander would write `score [options] <台账文件>`: use the command's own (Chinese) usage.
  subcommandTerm: (cmd: Command) => `${cmd.name()} ${cmd.usage()}`.trim(),
};

function translateCommanderError(err: CommanderError): string {
  const m = err.message;
  const quoted = /'([^']*)'/.exec(m)?.[1] ?? '';
  const suggestion = /Did you mean (.+?)\?/.exec(m)?.[1];
  const hint = suggestion ? `（是否想输入 ${suggestion}？）` : '';
  switch (err.code) {
    case 'commander.unknownOption':
      return `未知选项：${quoted}${hint}`;
    case 'commander.unknownCommand':
      return `未知命令：${quoted}${hint}`;
    case 'commander.missingArgument':
      return `缺少参数：<${quoted}>`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted.split(/[ ,]/)[0]} 缺少取值`;
    case 'commander.excessArguments': {
      const got = /got (\d+)/.exec(m)?.[1];
      const expected = /expected (\d+)/i.exec(m)?.[1];
      return `参数过多${got ? `：收到 ${got} 个` : ''}${expected ? `，此命令只接受 ${expected} 个` : ''}（文件名中有空格时请加引号）`;
    }
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项：${quoted}`;
    default:
      return `参数有误：${m.replace(/^error:\s*/, '')}`;
  }
}

/* ---------- Summary ---------- */


const listed = (names: readonly string[]) => someNames(names, { most: 10 });
const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const points = (n: number | null) => (n === null ? '无得分' : `${n.toFixed(2)} 分`);

export interface SummaryOptions {
  ledger: string;
  /** The ledger sheet of a workbook; null for a CSV. */
  sheet: string | null;
  /** A line of advice printed after the counts, if any. */
  hint?: string;
  written: { label: string; file: string }[];
  /** How many errors to list with their cells (0: none). */
  errorsShown: number;
  cwd: string;
  policy: SubsidyPolicy;
  ruleSet: RuleSet;
  /** Where a bureau's own rubric came from, for the summary. */
  rubricSource?: string;
}

/** The Chinese summary printed after scoring. */
export function summaryText(result: ScoreResult, o: SummaryOptions): string {
  const lines: string[] = [];
  lines.push(`评分完成：${shown(o.ledger, o.cwd)}${o.sheet ? `（工作表「${o.sheet}」）` : ''}`);
  lines.push(`规则：${o.ruleSet.zh}${o.rubricSource ? `（${o.rubricSource}）` : ''}；补贴政策：${o.policy.zh}`);
  const byType = countsByType(o.ruleSet.unitTypes.map((t) => t.name), result.units.map((u) => u.type));
  lines.push(`单位 ${result.summary.units} 个（${byType}），单位月 ${result.summary.unitMonths} 个`);
  if (result.sheets) {
    lines.push(`由 ${result.sheets.length} 个工作表合成一个台账：`);
    for (const s of result.sheets) {
      const shared = [s.unit ? `${s.unit}（取自${s.unitFrom === 'title' ? '标题' : s.unitFrom === 'folder' ? '文件夹名' : '文件名'}）` : '', s.month ? `${s.month}月（取自${s.monthFrom === 'title' ? '标题' : '表名或文件名'}）` : ''].filter(Boolean).join('，');
      lines.push(`  「${s.sheet}」${shared ? `${shared}` : ''}：${mappingSummary(s.mapping)}`);
    }
  } else if (result.mapping) lines.push(mappingSummary(result.mapping));
  lines.push(`错误 ${result.errors.length} 条，提示 ${result.warnings.length} 条${result.errors.length + result.warnings.length ? '（详见问题清单）' : ''}`);
  if (o.hint) lines.push(o.hint);

  const { eliminationBottomN, eliminationThreshold } = o.ruleSet.ranking;
  const bottom = result.units
    .filter((u) => u.bottomRank !== null && u.bottomRank <= eliminationBottomN + 2)
    .sort((a, b) => a.bottomRank! - b.bottomRank! || a.unit.localeCompare(b.unit, 'zh-CN'));
  if (bottom.length) {
    lines.push(`倒数排名（末位淘汰：倒数前${eliminationBottomN}名且年度得分低于${eliminationThreshold}分）：`);
    const nameWidth = Math.max(...bottom.map((u) => displayWidth(u.unit)));
    for (const u of bottom) {
      const mark = u.eliminated === true ? '  末位淘汰' : u.eliminated === null ? `  末位淘汰${PENDING}` : '';
      lines.push(`  倒数第${u.bottomRank}名  ${padEnd(u.unit, nameWidth)}  ${points(u.annual)}${mark}`);
    }
  }
  // Ruling R9: what a missing annual score leaves 待核实 is said as such, never folded into a figure.
  const unscored = result.units.filter((u) => u.annual === null);
  if (unscored.length) lines.push(`无年度得分（其排名、末位淘汰和补贴${PENDING}）：${listed(unscored.map((u) => u.unit))}`);
  const recognition = result.recognition;
  if (recognition) {
    lines.push(`认定（年度得分${recognition.line}分以上）：${recognition.recognised.length} 个${recognition.recognised.length ? `（${listed(recognition.recognised)}）` : ''}`);
    if (recognition.undetermined.length) lines.push(`是否认定${PENDING}（无年度得分）：${listed(recognition.undetermined)}`);
    for (const share of recognition.shares) lines.push(`认定占比：${share.explanation}`);
  }
  lines.push(`末位淘汰：${result.summary.eliminated.length ? listed(result.summary.eliminated) : '无'}`);
  const undecided = result.units.filter((u) => u.annual !== null && u.eliminated === null);
  if (undecided.length) lines.push(`末位淘汰${PENDING}（取决于无年度得分单位的得分）：${listed(undecided.map((u) => u.unit))}`);
  lines.push(`连带扣减的老带新小组：${result.flaggedGroups.length ? result.flaggedGroups.join('、') : '无'}`);
  if (result.pendingGroups.length) lines.push(`是否连带${PENDING}的老带新小组：${listed(result.pendingGroups)}`);
  const startup = result.units.reduce((s, u) => s + u.subsidy.startupFund, 0);
  const total = result.summary.subsidyTotal === null
    ? `${PENDING}（已确定部分 ${yuan(result.summary.subsidyDeterminedTotal)}；${result.units.filter((u) => u.subsidy.total === null).length} 个单位的补贴${PENDING}，见问题清单）`
    : yuan(result.summary.subsidyTotal);
  lines.push(`年终补贴合计：${total}${startup > 0 ? `（另有启动资金 ${yuan(startup)}，已预拨，不计入）` : ''}`);

  if (o.errorsShown > 0 && result.errors.length > 0) {
    const first = result.errors.slice(0, o.errorsShown);
    lines.push(`前 ${first.length} 条错误：`);
    for (const e of first) {
      const where = [e.unit, e.month !== null ? `${e.month}月` : null].filter(Boolean).join(' ');
      lines.push(`  ${e.cell ?? '（无单元格）'}  ${where ? `${where}：` : ''}${e.message}`);
    }
    if (result.errors.length > first.length) lines.push(`  ……其余 ${result.errors.length - first.length} 条见问题清单`);
  }
  if (o.written.length === 0) lines.push('未指定 --out 或 --json，没有写出文件');
  for (const w of o.written) lines.push(`已写出${w.label}：${shown(w.file, o.cwd)}`);
  return `${lines.join('\n')}\n`;
}

/* ---------- Commands ---------- */

interface ScoreArgs {
  ledger: string;
  /** Further ledger files: one district read from several. */
  more?: string[];
  params?: string;
  sheet?: string;
  policy?: string;
  out?: string;
  json?: string;
  mapping?: boolean;
  rubric?: string;
  year?: string;
  /** --formulas: how --out writes 月度得分 and 年度汇总 (数值, or 通用 for 通用公式). */
  formulas?: string;
  errorsShown: number;
}




async function writeJson(file: string, result: unknown): Promise<void> {
  await writeTextAtomically(file, `${JSON.stringify(result, null, 2)}\n`);
}

function writeFailure(file: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EBUSY' || code === 'EPERM' ? '文件可能正在 Excel 中打开，请关闭后重试' :
    code === 'EACCES' ? '没有写入权限' :
    code === 'ENOENT' ? '目录不存在' :
    code === 'EISDIR' ? '这是一个文件夹，请给出文件名' :
    err instanceof Error ? err.message : String(err);
  return new CliError(`无法写入 ${file}：${why}`, 1);
}

async function scoreCommand(args: ScoreArgs, io: CliIo): Promise<number> {
  const ledger = path.resolve(io.cwd, args.ledger);
  const inputs = [ledger, ...(args.more ?? []).map((p) => path.resolve(io.cwd, p))];
  // Several files, or a folder of them: one district (a file per community, a file per month).
  const several = inputs.length > 1 || (fs.existsSync(ledger) && fs.statSync(ledger).isDirectory());
  const ext = several ? '.xlsx' : path.extname(ledger).toLowerCase();
  if (!several && !LEDGER_EXTENSIONS.includes(ext)) {
    const xls = ext === '.xls' || ext === '.et' ? '（请先在 Excel 或 WPS 中另存为 .xlsx）' : '';
    throw new CliError(`不支持的台账文件类型「${ext || '无扩展名'}」：${args.ledger}。请提供 .xlsx 或 .csv 文件${xls}`);
  }
  const ledgerFiles = several ? await ledgerFilesOf(inputs) : [ledger];
  for (const file of ledgerFiles) checkInput(file, '台账文件');
  const paramsPath = args.params === undefined ? undefined : path.resolve(io.cwd, args.params);
  if (paramsPath !== undefined) {
    if (!LEDGER_EXTENSIONS.includes(path.extname(paramsPath).toLowerCase())) throw new CliError(`参数表应为 .csv 文件（或含「参数」工作表的 .xlsx）：${args.params}`);
    checkInput(paramsPath, '参数表');
  }
  const year = args.year === undefined ? undefined : Number(args.year.normalize('NFKC').replace(/年$/, ''));
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new CliError(`--year 应为年份，如 2024：${args.year}`);
  let policy: SubsidyPolicy;
  try {
    policy = policyById(args.policy ?? 'heshan-2024');
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const out = args.out === undefined ? undefined : path.resolve(io.cwd, args.out);
  if (out !== undefined && path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out 应为 .xlsx 文件：${args.out}`);
  const portable = portableMode(args.formulas, out !== undefined, several || ext === '.csv');
  const json = args.json === undefined ? undefined : path.resolve(io.cwd, args.json);
  const rubricFile = args.rubric === undefined ? undefined : path.resolve(io.cwd, args.rubric);
  refuseOverwrites(
    [...ledgerFiles.map((file) => ({ file, what: '台账文件' })), ...(paramsPath ? [{ file: paramsPath, what: '参数表' }] : []), ...(rubricFile && fs.existsSync(rubricFile) ? [{ file: rubricFile, what: '评分细则文件' }] : [])],
    [...(out ? [{ file: out, what: '--out' }] : []), ...(json ? [{ file: json, what: '--json' }] : [])],
  );

  installInternalLinks(); // before reading, so hyperlinks inside the analyst's cells read as their text
  // Read and scored in a scope of its own: the grids (a gigabyte for Excel's million rows) are
  // released before the output is built and written.
  const { result, rubric, isWorkbook, sheet, formulaSheets } = await (async () => {
    let read: LedgerFile;
    let rubric: Rubric;
    try {
      // Values only: --out copies the workbook by editing its package, so exceljs never loads it whole.
      ({ read, rubric } = await readWithRubric(args.rubric, io, (fieldsFor) =>
        several ? readSeveralLedgers(ledgerFiles, paramsPath, fieldsFor) : readLedgerFile(ledger, { sheet: args.sheet, paramsPath, fieldsFor }),
      ));
    } catch (err) {
      throw readingFailure(err, `无法读取台账文件 ${args.ledger}`);
    }
    // Once parsed, the cells' values are not needed (the rows' addresses do not read them): the
    // grids go before scoring, so a million-row ledger's grid and its scores never coexist.
    const grids = read.grids;
    // 通用公式 reads the rows again for their cells: the grids stay until the sheets are made.
    const result = scoreLedger(read.raw, { ruleSet: rubric.ruleSet, policy, year, onParsed: portable ? undefined : () => grids.forEach((g) => (g.rows = [])) });
    const isWorkbook = read.encoding === null;
    const formulaSheets = portable ? portableOutput(result, read, { ruleSet: rubric.ruleSet, policy, year }) : null;
    return { result, rubric, isWorkbook, sheet: isWorkbook && !read.raw.sheets ? (read.raw.mapping?.sheet ?? read.raw.sheet) : null, formulaSheets };
  })();
  const ruleSet = rubric.ruleSet;

  const written: SummaryOptions['written'] = [];
  if (out !== undefined) {
    try {
      // A workbook (by its content, whatever its extension) is copied; a CSV gets a new workbook.
      if (formulaSheets) await writePortableWorkbook(out, formulaSheets, ledger);
      else await writeOutputWorkbook(out, result, isWorkbook ? ledger : null, ruleSet);
    } catch (err) {
      throw writeFailure(args.out!, err);
    }
    written.push({ label: formulaSheets ? '评分工作簿（通用公式）' : '评分工作簿', file: out });
  }
  if (json !== undefined) {
    try {
      await writeJson(json, result);
    } catch (err) {
      throw writeFailure(args.json!, err);
    }
    written.push({ label: ' JSON 结果', file: json });
  }
  const paramsMissing = ext === '.csv' && paramsPath === undefined && result.errors.some((e) => e.message.startsWith('参数表'));
  const hint = paramsMissing ? '提示：CSV 台账没有「参数」工作表，请用 --params <参数.csv> 提供每月的全省平均值' : undefined;
  io.out(summaryText(result, { ledger, sheet, hint, written, errorsShown: args.errorsShown, cwd: io.cwd, policy, ruleSet, rubricSource: rubric.source }));
  for (const { sheet: name, mapping } of result.sheets ?? (result.mapping && args.mapping ? [{ sheet: null, mapping: result.mapping }] : [])) {
    if (args.mapping) io.out(`列映射明细${name ? `（「${name}」）` : ''}：\n${mappingLines(mapping).map((l) => `  ${l}`).join('\n')}\n`);
  }
  return 0;
}

/** --formulas: false for 数值 (the default), true for 通用公式; refused where 通用公式 cannot read the ledger's cells. */
function portableMode(option: string | undefined, out: boolean, notOneWorkbook: boolean): boolean {
  if (option === undefined) return false;
  const name = option.normalize('NFKC').trim().toLowerCase();
  if (name === '数值' || name === 'values') return false;
  if (!(PORTABLE_MODE_NAMES as readonly string[]).includes(name)) throw new CliError(`--formulas 应为「数值」或「通用」（英文 values 或 portable）：${option}`);
  if (!out) throw new CliError('--formulas 通用 写的是 --out 的工作簿，请同时给出 --out <评分结果.xlsx>');
  if (notOneWorkbook) throw new CliError('--formulas 通用 的公式读取台账工作簿自己的单元格，只能用于一个 .xlsx 台账（不能是 CSV 或多个文件）');
  return true;
}

/** 月度得分, 年度汇总 and 问题清单 in 通用公式 over the workbook's own cells; a Chinese refusal when its cells are not all in it. */
function portableOutput(result: ScoreResult, read: LedgerFile, options: { ruleSet: RuleSet; policy: SubsidyPolicy; year?: number }): PortableOutput {
  try {
    const sheets = portableSheets(result, read.raw, { ...options, workbookSheets: read.grids.map((g) => g.name) });
    return { monthly: sheets.monthly, annual: sheets.annual, issues: issuesSheet(withPortableNotes(result, sheets.notes)) };
  } catch (err) {
    if (err instanceof PortableRefusal) throw new CliError(err.message);
    throw err;
  }
}

/** A rule set to score with, and where a bureau's own came from (for the summary). */
interface Rubric {
  ruleSet: RuleSet;
  source?: string;
}

/**
 * The rubric to score with: --rubric names a file (its 评分细则 sheet, or its only sheet) or a sheet of
 * the ledger workbook; without it a 评分细则 sheet in the ledger workbook is used, else Heshan 2024.
 * A rubric with any bad row is refused whole. This is the file --rubric names, read before any
 * ledger; undefined when it names none (a sheet, or no option).
 */
async function rubricFile(option: string | undefined, io: CliIo): Promise<Rubric | undefined> {
  if (option === undefined) return undefined;
  const file = path.resolve(io.cwd, option);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  return { ruleSet: ruleSetOf(await rubricSheetIn(file, option), '未评分'), source: `取自 ${shown(file, io.cwd)}` };
}

/** The rubric among the ledger workbook's sheets: the one --rubric names, else its 评分细则 sheet, else Heshan 2024. */
function rubricInWorkbook(option: string | undefined, grids: readonly SheetGrid[]): Rubric {
  const grid = option === undefined ? sheetNamed(grids, RUBRIC_SHEET) : sheetNamed(grids, option);
  if (option !== undefined && !grid) throw new CliError(`找不到评分细则「${option}」：既不是文件，也不是台账工作簿中的工作表`);
  if (!grid) return { ruleSet: HESHAN_2024 };
  return { ruleSet: ruleSetOf(grid, '未评分'), source: `取自台账工作簿的「${grid.name}」表` };
}

/**
 * A ledger read with the rubric it is scored by. The rubric comes first (a --rubric file before the
 * ledger, a sheet of the ledger workbook as soon as its sheets are read): its 字段 table says which
 * columns a ledger holds.
 */
async function readWithRubric(
  option: string | undefined,
  io: CliIo,
  readLedger: (fieldsFor: (grids: readonly SheetGrid[]) => FieldSet) => Promise<LedgerFile>,
): Promise<{ read: LedgerFile; rubric: Rubric }> {
  const fromFile = await rubricFile(option, io);
  let rubric: Rubric = fromFile ?? { ruleSet: HESHAN_2024 };
  const read = await readLedger((grids) => fieldSet((rubric = fromFile ?? rubricInWorkbook(option, grids)).ruleSet.fields));
  return { read, rubric };
}

/**
 * `hs-score rubric --out 评分细则.xlsx`: the built-in rubric as a sheet a bureau can edit; with
 * --rubric, a bureau's own sheet checked whole and written back in the same form. Either way each
 * indicator's rule is printed in words, generated from the rule data, so the analyst reads back
 * what the sheet was understood to say.
 */
async function rubricCommand(outArg: string, fromArg: string | undefined, io: CliIo): Promise<number> {
  const out = path.resolve(io.cwd, outArg);
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out 应为 .xlsx 文件：${outArg}`);
  let ruleSet = HESHAN_2024;
  if (fromArg !== undefined) {
    const from = path.resolve(io.cwd, fromArg);
    checkInput(from, '评分细则文件');
    refuseOverwrites([{ file: from, what: '评分细则文件' }], [{ file: out, what: '--out' }]);
    ruleSet = ruleSetOf(await rubricSheetIn(from, fromArg), '未写出');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(RUBRIC_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  for (const row of rubricSheetRows(ruleSet)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true, size: 12 };
  sheet.eachRow((row) => {
    const first = String(row.getCell(1).value ?? '');
    if (['代码', '板块代码', '封顶组代码', '设置', FIELD_HEADER[0], UNIT_TYPE_HEADER[0]].includes(first)) row.font = { bold: true };
  });
  sheet.columns.forEach((c, k) => (c.width = k === 6 || k === 12 ? 60 : k === 2 || k === 3 ? 24 : 12));
  try {
    await writeAtomically(out, (temp) => workbook.xlsx.writeFile(temp));
  } catch (err) {
    throw writeFailure(outArg, err);
  }
  const lines = [`已写出评分细则：${shown(out, io.cwd)}（${ruleSet.zh}，${ruleSet.indicators.length}项指标）。修改后用 hs-score score 台账.xlsx --rubric ${shown(out, io.cwd)} 评分。`];
  lines.push(`各项指标的规则：`, ...ruleSet.indicators.map((ind) => `  ${ind.code} ${ind.zh}（${ind.max}分）：${ruleText(ind, ruleSet)}`));
  const k = ruleSet.ranking;
  lines.push(`末位淘汰：倒数${k.eliminationBottomN}名且年度得分低于${k.eliminationThreshold}分${k.recognitionLine === undefined ? '；未设认定分数线' : `；认定分数线：${k.recognitionLine}分`}${k.shareTargets?.length ? `；认定占比目标：${shareTargetsText(k.shareTargets)}` : ''}`);
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

interface HaianArgs {
  ledger: string;
  asOf: string;
  towns?: string;
  sheet?: string;
  out?: string;
  json?: string;
}

/** The 海安 2021 quarterly check of the key-groups ledger: 一览表 and 明细表. */
async function haianCommand(args: HaianArgs, io: CliIo): Promise<number> {
  const ledger = path.resolve(io.cwd, args.ledger);
  if (!LEDGER_EXTENSIONS.includes(path.extname(ledger).toLowerCase())) throw new CliError(`人员台账应为 .xlsx 或 .csv 文件：${args.ledger}`);
  checkInput(ledger, '人员台账');
  const grids = await readGrids(ledger, '人员台账');
  const grid = args.sheet === undefined ? grids[0] : grids.find((g) => g.name === args.sheet);
  if (!grid) throw new CliError(`找不到工作表「${args.sheet}」：${args.ledger} 中的工作表有 ${grids.map((g) => `「${g.name}」`).join('、')}`);
  let towns;
  if (args.towns !== undefined) {
    const file = path.resolve(io.cwd, args.towns);
    checkInput(file, '劳动力表');
    towns = (await readGrids(file, '劳动力表'))[0];
  }
  const out = args.out === undefined ? undefined : path.resolve(io.cwd, args.out);
  if (out !== undefined && path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out 应为 .xlsx 文件：${args.out}`);
  const json = args.json === undefined ? undefined : path.resolve(io.cwd, args.json);
  refuseOverwrites(
    [{ file: ledger, what: '人员台账' }, ...(args.towns !== undefined ? [{ file: path.resolve(io.cwd, args.towns), what: '劳动力表' }] : [])],
    [...(out ? [{ file: out, what: '--out' }] : []), ...(json ? [{ file: json, what: '--json' }] : [])],
  );
  let result: HaianResult;
  try {
    result = scoreHaianLedger(grid, { asOf: args.asOf, towns });
  } catch (err) {
    if (err instanceof HaianInputError) throw new CliError(err.message);
    throw err;
  }
  const sheets = haianSheets(result);
  if (out !== undefined) {
    try {
      await writeTablesWorkbook(out, [sheets.overview, sheets.details, sheets.communities, sheets.issues]);
    } catch (err) {
      throw writeFailure(args.out!, err);
    }
  }
  if (json !== undefined) {
    const { header: _header, ...rest } = result;
    void _header;
    try {
      await writeJson(json, { ...rest, errors: result.errors.map(toIssueResult), warnings: result.warnings.map(toIssueResult) });
    } catch (err) {
      throw writeFailure(args.json!, err);
    }
  }
  const lines = [
    `海安重点群体台账核查：${shown(ledger, io.cwd)}（工作表「${result.sheet}」），截至${result.asOf}（${result.quarter}）`,
    `人员 ${result.total.persons} 人，其中失业 ${result.total.unemployed} 人；未按时跟踪 ${result.total.trackingLapses} 人，131服务未达标 ${result.total.service131Missing} 人，补贴未享受 ${result.total.subsidyMissing} 项，共扣 ${result.total.points} 分`,
    ...result.towns.map((t) => `  ${t.town}：扣 ${t.points} 分${t.rate ? `；${t.rate.explanation}` : t.rateNote ? `；${t.rateNote}` : ''}`),
    `错误 ${result.errors.length} 条，提示 ${result.warnings.length} 条${result.errors.length + result.warnings.length ? '（详见问题清单）' : ''}`,
  ];
  if (out !== undefined) lines.push(`已写出：${shown(out, io.cwd)}（${[sheets.overview, sheets.details, sheets.communities, sheets.issues].map((t) => `「${t.name}」`).join('、')}）`);
  io.out(`${lines.join('\n')}\n`);
  return 0;
}


/** An option read by a seed policy's rules; a bad value is refused in Chinese, naming the option. */
function seedOption<T>(option: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof TableError) throw new CliError(`${option}：${err.message}`);
    throw err;
  }
}

interface SeedArgs {
  table: string;
  json?: string;
}

/**
 * `circle`, `share` and `equipment`: one table (its first sheet with the columns wanted) → the
 * policy's figures, printed with the cells in error; --json writes the result. Bad cells are
 * listed (exit 0); a table that cannot be read is refused (exit 2).
 */
async function seedCommand<R extends SeedReport>(args: SeedArgs, what: string, compute: (grids: SheetGrid[]) => SeedOutcome<R>, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd, args.table);
  const ext = path.extname(file).toLowerCase();
  if (!LEDGER_EXTENSIONS.includes(ext)) throw new CliError(`${what}应为 .xlsx 或 .csv 文件：${args.table}`);
  return seedOutput(args, what, async () => compute(await readGrids(file, what)), io);
}

/** Computes a seed command's figures from its input file and prints them (and --json); a TableError refuses the input. */
async function seedOutput<R extends SeedReport>(args: SeedArgs, what: string, compute: () => Promise<SeedOutcome<R>>, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd, args.table);
  const ext = path.extname(file).toLowerCase();
  checkInput(file, what);
  const json = args.json === undefined ? undefined : path.resolve(io.cwd, args.json);
  if (json !== undefined) refuseOverwrites([{ file, what }], [{ file: json, what: '--json' }]);
  let outcome: SeedOutcome<R>;
  try {
    outcome = await compute();
  } catch (err) {
    if (err instanceof TableError) throw new CliError(`${what} ${shown(file, io.cwd)}：${err.message}`);
    throw err;
  }
  const { result } = outcome;
  const lines = [`${result.policy}：${shown(file, io.cwd)}${ext === '.xlsx' && result.sheet ? `（工作表「${result.sheet}」）` : ''}`, ...outcome.lines];
  for (const note of result.notes) lines.push(`注意：${note}`);
  if (result.errors.length) {
    lines.push(`错误 ${result.errors.length} 条（有误的单元格未计入）：`);
    for (const e of result.errors) lines.push(`  ${e.name}：${e.message}`);
  }
  if (json !== undefined) {
    try {
      await writeJson(json, result);
    } catch (err) {
      throw writeFailure(args.json!, err);
    }
    lines.push(`已写出 JSON 结果：${shown(json, io.cwd)}`);
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

interface ShareArgs extends SeedArgs {
  target?: string;
  top?: string;
  rubric?: string;
}

/**
 * `share`: the share of units recognised, from one of three inputs — a table with a 是否充分就业社区
 * column (typed by hand, as 山东 2010 counts it), `score`'s JSON (its 是否认定 verdicts), or a
 * ledger scored here with a rubric that sets a 认定分数线 (--rubric, or the workbook's 评分细则).
 * Targets: --target, else the rubric's 认定占比目标, else 80 %.
 */
async function shareCommand(args: ShareArgs, io: CliIo): Promise<number> {
  const targets = args.target === undefined ? undefined : seedOption('--target', () => shareTargetsOption(args.target!));
  const top = args.top === undefined ? null : seedOption('--top', () => shareOption(args.top!, '奖励比例'));
  const file = path.resolve(io.cwd, args.table);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return seedOutput(args, '评分结果', async () => shareFromScore(scoreResultIn(file, args.table), targets, top), io);
  if (!LEDGER_EXTENSIONS.includes(ext)) throw new CliError(`社区表应为 .xlsx 或 .csv 文件，或 hs-score score 写出的 JSON 结果：${args.table}`);
  const fromLedger = async () => {
    let read: LedgerFile;
    let rubric: Rubric;
    try {
      ({ read, rubric } = await readWithRubric(args.rubric, io, (fieldsFor) => readLedgerFile(file, { fieldsFor })));
    } catch (err) {
      throw readingFailure(err, `无法读取台账文件 ${args.table}`);
    }
    if (rubric.ruleSet.ranking.recognitionLine === undefined) throw new TableError(`评分细则${rubric.source ? `（${rubric.source}）` : ''}未设置「认定分数线」，无法由评分结果得出是否认定`);
    return shareFromScore(scoreLedger(read.raw, { ruleSet: rubric.ruleSet }), targets, top);
  };
  if (args.rubric !== undefined) return seedOutput(args, '台账', fromLedger, io);
  return seedOutput(args, '社区表', async () => {
    const grids = await readGrids(file, '社区表');
    try {
      return shareReport(grids, targets ?? undefined, top);
    } catch (err) {
      // No 是否充分就业社区 column: a ledger holding its own 评分细则 is scored instead.
      if (err instanceof TableError && sheetNamed(grids, RUBRIC_SHEET)) return fromLedger();
      if (err instanceof TableError) throw new TableError(`${err.message}；若这是台账，请用 --rubric 给出设有「认定分数线」的评分细则，由评分结果得出是否认定`);
      throw err;
    }
  }, io);
}

/** `score`'s JSON result, as far as `share` reads it. */
function scoreResultIn(file: string, arg: string): Pick<ScoreResult, 'units' | 'recognition' | 'ruleSet' | 'source'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`无法读取评分结果 ${arg}：${err instanceof SyntaxError ? '不是有效的 JSON' : (err as Error).message}`);
  }
  const result = parsed as Partial<ScoreResult>;
  if (!result || !Array.isArray(result.units) || typeof result.ruleSet !== 'string') throw new CliError(`${arg} 不是 hs-score score --json 写出的评分结果`);
  return { units: result.units, recognition: result.recognition, ruleSet: result.ruleSet, source: result.source ?? arg };
}

async function demoCommand(io: CliIo): Promise<number> {
  const root = packageRoot();
  if (root === null) throw new CliError('找不到 hs-score 的安装目录（package.json），无法定位示例台账', 70);
  const sample = path.join(root, SAMPLE_LEDGER);
  if (!fs.existsSync(sample)) throw new CliError(`找不到示例台账：${sample}（可运行 npm run sample 重新生成）`);
  io.out('演示：为示例台账评分（赫山区，36个社区(村)，12个月，含几处故意填错的单元格）\n\n');
  return scoreCommand({ ledger: sample, out: path.resolve(io.cwd, DEMO_WORKBOOK), json: path.resolve(io.cwd, DEMO_JSON), errorsShown: 5 }, io);
}

function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('hs-score');
  program
    .usage('<命令> [选项]')
    .description('充分就业社区(村)月度评分、年度排名、末位淘汰与年终补贴测算')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} })
    .configureHelp(HELP_CONFIG)
    .exitOverride()
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .version(version(), '-V, --version', '显示版本号')
    .showSuggestionAfterError(true)
    .addHelpText('after', `\n示例：\n  hs-score score 台账.xlsx --out 评分结果.xlsx --json 结果.json\n  hs-score score 台账.csv --params 参数.csv --policy ${POLICIES[0].id}\n  hs-score demo`);

  program
    .command('score')
    .usage('<台账文件> [选项]')
    .description('为台账评分：月度得分、年度汇总、问题清单（有错误的单元格不影响其他指标计分）')
    .argument('<台账文件...>', '台账文件（.xlsx 或 .csv，CSV 可为 UTF-8 或 GBK 编码）；可给多个文件或一个文件夹（每个社区/村一个文件、每月一个文件），合为一个区评分')
    .option('--params <参数.csv>', '全省平均参数表（CSV，或含「参数」工作表的 .xlsx，按月份）；台账工作簿有「参数」工作表时可省略')
    .option('--sheet <工作表>', '台账所在的工作表名称（默认自动识别）')
    .option('--year <年份>', '台账的年份，如 2024；默认取多数月份所写的年份，其他年份的月份报错')
    .option('--policy <政策>', `补贴政策：${POLICIES.map((p) => `${p.id}（${p.zh}）`).join('、')}；默认 ${POLICIES[0].id}`)
    .option('--out <评分结果.xlsx>', '写出评分工作簿：原工作表不变，新增或替换「月度得分」「年度汇总」「问题清单」')
    .option('--json <结果.json>', '写出 JSON 结果（UTF-8）')
    .option('--mapping', '列出每一列对应的评分字段、匹配方式与置信度')
    .option('--formulas <写法>', '--out 中「月度得分」「年度汇总」的写法：数值（默认），或 通用（通用公式：Excel、WPS 与 LibreOffice 通用的普通公式，读取台账单元格，修改台账后自动重算；英文 portable）')
    .option('--rubric <文件或工作表>', `评分细则：含「${RUBRIC_SHEET}」工作表的文件，或台账工作簿中的工作表名；默认使用台账工作簿中的「${RUBRIC_SHEET}」表，没有时用赫山区2024年细则`)
    .action(async (ledgers: string[], opts: Omit<ScoreArgs, 'ledger' | 'more' | 'errorsShown'>) => {
      done(await scoreCommand({ ledger: ledgers[0], more: ledgers.slice(1), ...opts, errorsShown: 0 }, io));
    });

  program
    .command('haian')
    .usage('<人员台账> --as-of <截止日期> [选项]')
    .description('海安2021：重点群体人员台账的季度核查（按时跟踪、131服务、补贴享受、区镇登记失业率），写出一览表和明细表')
    .argument('<人员台账>', '人员台账（.xlsx 或 .csv）')
    .requiredOption('--as-of <截止日期>', '核查截止日期，如 2021-03-31（季度末）')
    .option('--towns <劳动力表>', '各区镇劳动力人数与登记失业人数（.csv 或 .xlsx），用于核对登记失业率')
    .option('--sheet <工作表>', '人员台账所在的工作表（默认第一个）')
    .option('--out <核查结果.xlsx>', '写出一览表、明细表、社区汇总和问题清单')
    .option('--json <结果.json>', '写出 JSON 结果')
    .action(async (ledger: string, opts: Omit<HaianArgs, 'ledger'>) => {
      done(await haianCommand({ ledger, ...opts }, io));
    });

  program
    .command('circle')
    .usage('<就业圈表> [选项]')
    .description('黄山2022：按常住人口测算"三公里"就业圈的服务费和监理费，按城镇人口核对每万人总费用不高于1万元的上限')
    .argument('<就业圈表>', '就业圈表（.xlsx 或 .csv）：就业圈名称、常住人口（人），可选城镇人口（人）')
    .option('--json <结果.json>', '写出 JSON 结果（UTF-8）')
    .action(async (table: string, opts: { json?: string }) => {
      done(await seedCommand({ table, ...opts }, '就业圈表', circleReport, io));
    });

  program
    .command('share')
    .usage('<社区表|评分结果.json|台账> [选项]')
    .description('认定占比（山东2010）：充分就业社区占单位总数的比例是否达到目标（80%以上，或按类型各自的目标），还差几个；给出 --top 时列出考核排名靠前、列入奖励的社区')
    .argument('<社区表|评分结果.json|台账>', '社区表（.xlsx 或 .csv）：社区名称、是否充分就业社区（是/否），可选类型、考核得分；或 hs-score score --json 写出的结果；或台账（与 --rubric 一起，由评分得出是否认定）')
    .option('--target <比例>', '占比目标：全部单位一个比例，如 80%；或按类型，如 "社区 75%；村 70%"（需「类型」列）；默认取评分细则的认定占比目标，没有时 80%')
    .option('--top <比例>', '奖励考核排名靠前的比例，如 20%（文件未规定比例）；需要「考核得分」列，名额线上的并列一并奖励')
    .option('--rubric <文件或工作表>', '把输入当作台账评分，以评分细则的认定分数线得出是否认定（台账工作簿有「评分细则」表时可省略）')
    .option('--json <结果.json>', '写出 JSON 结果（UTF-8）')
    .action(async (table: string, opts: Omit<ShareArgs, 'table'>) => {
      done(await shareCommand({ table, ...opts }, io));
    });

  program
    .command('equipment')
    .usage('<支出表> --subsidy <金额或认定层级> [选项]')
    .description('甘肃2023：补助资金支出按第十三条使用范围逐笔归类，核对信息网络建设支出不超过补助资金的20%')
    .argument('<支出表>', '支出明细（.xlsx 或 .csv）：支出类别、金额（元）')
    .requiredOption('--subsidy <金额或认定层级>', `本社区的补助资金：金额（元），或认定层级（${subsidyLevelsText}）`)
    .option('--json <结果.json>', '写出 JSON 结果（UTF-8）')
    .action(async (table: string, opts: { subsidy: string; json?: string }) => {
      const subsidy = seedOption('--subsidy', () => subsidyOption(opts.subsidy));
      done(await seedCommand({ table, json: opts.json }, '支出表', (grids) => equipmentReport(grids, subsidy), io));
    });

  program
    .command('rubric')
    .usage('--out <评分细则.xlsx> [--rubric <本区细则.xlsx>]')
    .description('把内置的赫山区2024年评分细则写成可编辑的「评分细则」工作表；给出 --rubric 时检查本区的评分细则（列出每一处问题）并按同样格式写出，逐项列出读到的规则')
    .requiredOption('--out <评分细则.xlsx>', '写出的文件')
    .option('--rubric <本区细则.xlsx>', '要检查并重写的评分细则文件（含「评分细则」工作表）')
    .action(async (opts: { out: string; rubric?: string }) => {
      done(await rubricCommand(opts.out, opts.rubric, io));
    });

  registerTemplateCommand(program, io, done);
  registerMergeCommand(program, io, done);

  program
    .command('demo')
    .usage('[选项]')
    .description(`为自带的示例台账评分，写出 ${DEMO_WORKBOOK} 和 ${DEMO_JSON}`)
    .action(async () => {
      done(await demoCommand(io));
    });
  return program;
}

/** Runs `hs-score` with the arguments after the program name; resolves to the exit status. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') return 2; // help shown because no command was given
      io.err(`hs-score：${translateCommanderError(err)}\n运行 hs-score --help 查看用法\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.err(`hs-score：${err.message}\n`);
      return err.exitCode;
    }
    // A failure of ours, not the user's: a short message and where the details went, never a stack.
    const log = writeCrashLog(err, argv);
    io.err(`hs-score：发生意外错误，未完成（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）。${log ? `详细信息已写入 ${log}，请将此文件发给维护人员。` : ''}\n`);
    return 70;
  }
}

/** The details of an unexpected failure, for the maintainers: a log file in the temp folder, or null if even that fails. */
function writeCrashLog(err: unknown, argv: readonly string[]): string | null {
  try {
    const file = path.join(os.tmpdir(), `hs-score-错误-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
    fs.writeFileSync(file, [`hs-score ${version()}`, `参数：${argv.join(' ')}`, err instanceof Error ? err.stack ?? err.message : String(err)].join('\n'), 'utf8');
    return file;
  } catch {
    return null;
  }
}
