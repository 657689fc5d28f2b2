/**
 * `hs-score template --units 单位.xlsx|csv --year 2024 [--layout 单表|按月分表] [--rubric 评分细则.xlsx] --out 台账模板.xlsx`:
 * a blank ledger for the active rubric (src/output/template.ts) written as a workbook. The unit
 * list is read with the project's readers and header matching; a list that cannot make a template
 * is refused with every bad cell named. The output never overwrites an input and is written whole
 * or not at all.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { countsByType } from '../names';
import { CliError } from './errors';
import { refuseOverwrites } from './outputGuard';
import { writeAtomically } from '../output/atomicFile';
import { RUBRIC_SHEET } from '../rules/rubricSheet';
import { checkInput, readGrids, rubricSheetIn, ruleSetOf, shown } from './inputFiles';
import { HESHAN_2024 } from '../rules/heshan2024';
import { readUnitList, TEMPLATE_LAYOUTS, templatePlan, UnitListError, type TemplateLayout } from '../output/template';
import { templateWorkbook } from '../output/template/workbook';

export interface TemplateArgs {
  units: string;
  year: string;
  layout?: string;
  rubric?: string;
  out: string;
}

interface Io {
  out(text: string): void;
  cwd: string;
}





/** `--year`: 2024 or 2024年, from 2000 to 2100. */
export function templateYear(text: string): number {
  const year = Number(text.normalize('NFKC').trim().replace(/年$/, ''));
  if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new CliError(`--year 应为2000到2100之间的年份，如 2024：${text}`);
  return year;
}

export function templateLayout(text: string | undefined): TemplateLayout {
  if (text === undefined) return '单表';
  const layout = TEMPLATE_LAYOUTS.find((l) => l === text.normalize('NFKC').trim());
  if (!layout) throw new CliError(`--layout 应为 ${TEMPLATE_LAYOUTS.join(' 或 ')}：${text}`);
  return layout;
}


export async function templateCommand(args: TemplateArgs, io: Io): Promise<number> {
  const year = templateYear(args.year);
  const layout = templateLayout(args.layout);
  const units = path.resolve(io.cwd, args.units);
  checkInput(units, '单位列表', args.units, true);
  const rubric = args.rubric === undefined ? undefined : path.resolve(io.cwd, args.rubric);
  if (rubric !== undefined) checkInput(rubric, '评分细则文件', args.rubric!, true);
  const out = path.resolve(io.cwd, args.out);
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out 应为 .xlsx 文件：${args.out}`);
  refuseOverwrites(
    [{ file: units, what: '单位列表' }, ...(rubric ? [{ file: rubric, what: '评分细则文件' }] : [])],
    [{ file: out, what: '--out' }],
  );

  const ruleSet = rubric ? ruleSetOf(await rubricSheetIn(rubric, args.rubric!), '未生成模板') : HESHAN_2024;
  let list;
  try {
    list = readUnitList(await readGrids(units, '单位列表'), shown(units, io.cwd), ruleSet.unitTypes);
  } catch (err) {
    if (err instanceof UnitListError) throw new CliError(`单位列表有误，未生成模板：\n${err.shown().map((p) => `  ${p}`).join('\n')}`);
    throw err;
  }
  const plan = templatePlan({ ruleSet, units: list.units, details: list.details, year, layout, includeRubric: rubric !== undefined });
  const workbook = await templateWorkbook(plan.sheets);
  try {
    await writeAtomically(out, (temp) => workbook.xlsx.writeFile(temp));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    const why = code === 'EBUSY' || code === 'EPERM' ? '文件可能正在 Excel 中打开，请关闭后重试' : code === 'EACCES' ? '没有写入权限' : err instanceof Error ? err.message : String(err);
    throw new CliError(`无法写入 ${args.out}：${why}`, 1);
  }
  const where = layout === '单表' ? `「${plan.ledgerSheets[0]}」表，每个单位12行` : `「${plan.ledgerSheets[0]}」至「${plan.ledgerSheets[plan.ledgerSheets.length - 1]}」12张表，每表每个单位一行`;
  io.out([
    `已写出台账模板：${shown(out, io.cwd)}（${year}年，${layout}：${where}）`,
    `规则：${ruleSet.zh}${rubric ? `（取自 ${shown(rubric, io.cwd)}，已附「${RUBRIC_SHEET}」表）` : ''}`,
    `单位 ${list.units.length} 个（${countsByType(ruleSet.unitTypes.map((t) => t.name), list.units.map((u) => u.type))}，取自 ${shown(units, io.cwd)}${path.extname(units).toLowerCase() === '.csv' ? '' : ` 的「${list.sheet}」表`}）；每月填报 ${plan.fields.length} 项，「参数」表 ${plan.params.length} 项全省平均值`,
    `填好后评分：hs-score score ${shown(out, io.cwd)}`,
  ].join('\n') + '\n');
  return 0;
}

/** Registers `template` on the program; `done` receives the exit status. */
export function registerTemplateCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('template')
    .usage('--units <单位列表> --year <年份> --out <台账模板.xlsx> [选项]')
    .description('生成待填写的空白台账模板：单位已预填，每个填报项一列（带单位和数据验证），表头锁定（无密码保护），附参数表和填写说明')
    .requiredOption('--units <单位列表>', '单位列表（.xlsx 或 .csv）：单位名称，可选类型、所属乡镇（街道）、老带新小组、认定层级、年初创建单位')
    .requiredOption('--year <年份>', '台账年份，如 2024')
    .option('--layout <版式>', `${TEMPLATE_LAYOUTS.join(' 或 ')}：单表为一张「台账」表、每个单位12行；按月分表为1月至12月各一张表；默认单表`)
    .option('--rubric <评分细则.xlsx>', '按此评分细则生成（只列细则需要的填报项，并附「评分细则」表）；默认赫山区2024年细则')
    .requiredOption('--out <台账模板.xlsx>', '写出的模板文件')
    .action(async (opts: TemplateArgs) => {
      done(await templateCommand(opts, io));
    });
}
