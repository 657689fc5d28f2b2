/**
 * npm run docs:sheets — pictures of the sheets the task pane writes, for docs/使用说明.md.
 *
 * The bundled sample ledger is read and scored exactly as the pane does it (taskpane/paneModel.ts),
 * and the pane's own sheet plans (src/output/sheetPlans.ts) for 月度得分, 年度汇总, 问题清单 (as 数值,
 * the values the live formulas compute) and 补贴测算 are written into workbooks with the formats the
 * pane's gateway gives them in Excel: bold shaded header, frozen header row, column widths, number
 * formats, bold total rows, the red and amber conditional fills, landscape one page wide. LibreOffice
 * (headless) prints each to PDF, and pdftoppm turns its first page, cropped to what is printed, into
 * docs/screenshots/sheet-<name>.png: what a real spreadsheet application makes of those sheets, as
 * printed. Excel's chart on 年度汇总 is not drawn (exceljs writes no charts). The 海安 check's sheets
 * (其他政策) come from a small made-up person ledger.
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui), `pdftoppm` and `pdftotext` (poppler-utils); not part of the tests.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { xlsxGrids } from '../src/read/grid';
import { scorePlans, subsidyPlan, tablePlan } from '../src/output/sheetPlans';
import { haianSheets, scoreHaianLedger } from '../src/policy/haian';
import type { SheetGrid } from '../src/ledger/types';
import type { SheetPlan } from '../src/output/sheetPlan';
import { textWidth } from '../src/output/tableLayout';
import { HESHAN_2024_POLICY } from '../src/policy/presets';
import { HESHAN_2024 } from '../src/rules/heshan2024';
import { readLedger, scorePlanOptions, scoreView } from '../taskpane/paneModel';

/** The repository: the folder above this script (compiled into lib/scripts/) holding samples/. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'samples', 'heshan-2024-sample.xlsx'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`samples/heshan-2024-sample.xlsx not found above ${__dirname}`);
  }
}
const ROOT = repositoryRoot();
const OUT = path.join(ROOT, 'docs', 'screenshots');

/** The file names of the pictures, by sheet. */
const PICTURES: Readonly<Record<string, string>> = {
  月度得分: 'sheet-1-monthly', 年度汇总: 'sheet-2-annual', 问题清单: 'sheet-3-issues', 补贴测算: 'sheet-4-subsidy',
  重点群体情况一览表: 'sheet-5-haian-overview', 重点群体情况明细表: 'sheet-6-haian-details', '重点群体社区(村)汇总': 'sheet-7-haian-communities', 重点群体问题清单: 'sheet-8-haian-issues',
};

/**
 * A small made-up 海安 person ledger (其他政策 › 海安 in the pane): two towns, three communities, people
 * in every state the check knows, one cell that cannot be read.
 */
function haianLedger(): SheetGrid {
  const header = ['序号', '区镇(街道)', '社区(村)', '姓名', '身份证号码', '人员类别', '就业状态', '最近跟踪服务日期', '职业指导次数', '职业介绍次数', '技能培训次数', '应享受补贴', '已发放补贴'];
  const persons = [
    ['海安街道', '城东社区', '张一', null, '登记失业人员', '失业', '2021-12-05', 1, 3, 1, '社保补贴', '社保补贴'],
    ['海安街道', '城东社区', '张二', null, '就业困难人员', '失业', '2021-11-30', 1, 2, 1, 2, 1],
    ['海安街道', '城西社区', '张三', null, '高校毕业生', '稳定就业', '2020-12-31', null, null, null, null, null],
    ['海安街道', '城西社区', '张四', null, '返乡农民工', '灵活就业', '2021-06-30', null, null, null, '社保补贴、培训补贴', '社保补贴'],
    ['城东镇', '东方村', '李一', null, '复员转业退役军人', '无就业意愿', '2021-07-01', null, null, null, '无', null],
    ['城东镇', '东方村', '李二', null, '相对贫困群体', '未就业', null, 0, 0, 0, 1, 0],
    ['城东镇', '新民村', '李三', null, '登记失业人员', '待定', '2021-12-01', 1, 3, 1, 1, 1],
  ];
  return {
    name: '明细表',
    merges: [],
    rows: [['海安市2021年服务重点群体情况明细表'], ['填报单位：（示例）'], header, ...persons.map((p, i) => [i + 1, ...p])],
  };
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** One plan as the gateway formats it in Excel (taskpane/excelGateway.ts, formatSheet), in exceljs. */
function writePlan(workbook: ExcelJS.Workbook, plan: SheetPlan): void {
  const sheet = workbook.addWorksheet(plan.name, { views: [{ state: 'frozen', ySplit: plan.headerRows, xSplit: 0 }] });
  const width = Math.max(...plan.cells.map((row) => row.length));
  plan.columnWidths.forEach((w, k) => {
    sheet.getColumn(k + 1).width = w;
  });
  plan.cells.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === '') return;
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = typeof value === 'string' && value.startsWith('=') ? { formula: value.slice(1) } : value;
      const format = r >= plan.headerRows ? plan.numberFormats[c] : null;
      if (format) cell.numFmt = format;
    });
  });
  for (let r = 1; r <= plan.headerRows; r++) {
    for (let c = 1; c <= plan.cells[0].length; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb('#DDEBF7') } };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  // Excel grows a wrapped header's row by itself; a file read by LibreOffice needs the height written.
  const lines = Math.max(1, ...plan.cells[0].map((v, c) => Math.ceil(textWidth(v) / Math.max(1, (plan.columnWidths[c] ?? 8) - 1))));
  sheet.getRow(1).height = 15 * lines;
  for (const r of plan.boldRows) for (let c = 1; c <= width; c++) sheet.getCell(r + 1, c).font = { bold: true };
  for (const fill of plan.conditionalFills) {
    sheet.addConditionalFormatting({
      ref: fill.range,
      rules: [{
        type: 'expression', priority: 1, formulae: [fill.formula.replace(/^=/, '')],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(fill.fill) } }, ...(fill.fontColor && { font: { color: { argb: argb(fill.fontColor) } } }) },
      }],
    });
  }
  // As printed: landscape, one page wide.
  sheet.pageSetup = {
    orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

/**
 * What the picture shows: 补贴测算 whole (it is the sheet printed), 问题清单 whole, 年度汇总 up to
 * 年终补贴合计 (说明 and the chart's data to the right would shrink the page past reading), 月度得分's
 * first rows and columns (it has 35 columns and a row per unit-month).
 */
function shown(plan: SheetPlan): SheetPlan {
  const header = plan.cells[0].map((v) => String(v ?? ''));
  const upTo = (label: string) => header.indexOf(label) + 1;
  const [columns, rows] =
    plan.name === '月度得分' ? [14, 31] : plan.name === '年度汇总' ? [upTo('年终补贴合计') || header.length, plan.cells.length] : [header.length, plan.cells.length];
  return { ...plan, cells: plan.cells.slice(0, rows).map((row) => row.slice(0, columns)), columnWidths: plan.columnWidths.slice(0, columns), numberFormats: plan.numberFormats.slice(0, columns) };
}

/**
 * The PDF's first page as a PNG, cropped to what is printed on it (the words' boxes from pdftotext,
 * plus a margin) and rendered `width` pixels wide: about the sheet's width on screen at 100 %, so that
 * a wide sheet, scaled down to fit the page, is legible again.
 */
function picture(pdf: string, png: string, width: number): void {
  const boxes = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const words = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1, 5).map(Number));
  if (words.length === 0) throw new Error(`${pdf}: nothing printed on the first page`);
  const margin = 10; // points
  const left = Math.max(0, Math.min(...words.map((w) => w[0])) - margin);
  const top = Math.max(0, Math.min(...words.map((w) => w[1])) - margin);
  const right = Math.max(...words.map((w) => w[2])) + margin;
  const bottom = Math.max(...words.map((w) => w[3])) + margin;
  const dpi = Math.round(Math.max(72, Math.min(300, (width / (right - left)) * 72)));
  const px = (points: number) => Math.round((points * dpi) / 72);
  execFileSync('pdftoppm', [
    '-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile',
    '-x', String(px(left)), '-y', String(px(top)), '-W', String(px(right - left)), '-H', String(px(bottom - top)),
    pdf, png,
  ]);
}

async function main(): Promise<void> {
  const grids = await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx'));
  const view = readLedger(grids, undefined);
  const result = scoreView(view, {}, HESHAN_2024, HESHAN_2024_POLICY);
  const plans = [
    ...scorePlans(result, scorePlanOptions(view, {}, HESHAN_2024, 'values', HESHAN_2024_POLICY)).filter((p) => !p.hidden),
    subsidyPlan(result, HESHAN_2024_POLICY),
  ];
  // 其他政策 › 海安: the quarterly check's sheets, planned as the pane plans them (usePane's writeHaian).
  const haian = haianSheets(scoreHaianLedger(haianLedger(), {
    asOf: '2021-12-31',
    towns: [{ town: '海安街道', laborForce: 1000, registeredUnemployed: 30 }, { town: '城东镇', laborForce: 1000, registeredUnemployed: 31 }],
  }));
  plans.push(...[haian.overview, haian.details, haian.communities, haian.issues].map((t) => tablePlan(t)));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-sheets-'));
  try {
    for (const plan of plans) {
      const name = PICTURES[plan.name];
      if (!name) continue;
      const workbook = new ExcelJS.Workbook();
      writePlan(workbook, shown(plan));
      const xlsx = path.join(work, `${name}.xlsx`);
      await workbook.xlsx.writeFile(xlsx);
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], { stdio: 'ignore' });
      const onScreen = shown(plan).columnWidths.reduce((sum, w) => sum + w, 0) * 8; // pixels at 100 %: about 8 per character unit
      picture(path.join(work, `${name}.pdf`), path.join(OUT, name), Math.max(1000, Math.min(2800, onScreen)));
      console.log(`${plan.name} → docs/screenshots/${name}.png`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
