/**
 * npm run docs:sheets — pictures of the sheets the task pane writes, for docs/使用说明.md.
 *
 * The bundled sample ledger is read and scored exactly as the pane does it (taskpane/paneModel.ts),
 * and the pane's own sheet plans (src/output/sheetPlans.ts) for 月度得分, 年度汇总, 问题清单 (as 数值,
 * the values the live formulas compute) and 补贴测算 are written into workbooks with the formats the
 * pane's gateway gives them in Excel: bold shaded header, frozen header row, column widths, number
 * formats, bold total rows, the red and amber conditional fills, landscape one page wide where the
 * pane prints so. LibreOffice (headless) prints each to PDF, and pdftoppm turns its first page into
 * docs/screenshots/sheet-<name>.png: what a real spreadsheet application makes of those sheets, as
 * printed. Excel's chart on 年度汇总 is not drawn (exceljs writes no charts).
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `pdftoppm` (poppler-utils); not part of the tests.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { xlsxGrids } from '../src/read/grid';
import { scorePlans, subsidyPlan } from '../src/output/sheetPlans';
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
const PICTURES: Readonly<Record<string, string>> = { 月度得分: 'sheet-1-monthly', 年度汇总: 'sheet-2-annual', 问题清单: 'sheet-3-issues', 补贴测算: 'sheet-4-subsidy' };

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

async function main(): Promise<void> {
  const grids = await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx'));
  const view = readLedger(grids, undefined);
  const result = scoreView(view, {}, HESHAN_2024, HESHAN_2024_POLICY);
  const plans = [
    ...scorePlans(result, scorePlanOptions(view, {}, HESHAN_2024, 'values', HESHAN_2024_POLICY)).filter((p) => !p.hidden),
    subsidyPlan(result, HESHAN_2024_POLICY),
  ];
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
      execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', path.join(work, `${name}.pdf`), path.join(OUT, name)]);
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
