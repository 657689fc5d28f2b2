/**
 * `hs-score score --out` looks like the pane's output (issue 14, item 6): 年度汇总's eliminated units
 * red and units to look at amber, by the pane's own conditional-format rules and colours
 * (sheetPlans.ts) evaluated on each row; frozen header rows and fitted widths; 年度汇总 printable —
 * A4 landscape, one page wide, the header row and 单位名称 on every page (a `_xlnm.Print_Titles`
 * name, one per run however often the output is scored again), 第 n 页，共 m 页 at the foot.
 * LibreOffice, when installed, prints it to PDF to check the pages.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { LOOK_COLORS } from '../../src/output/package/outputStyles';
import { columnName } from '../../src/output/package/sheetXml';
import { scorePlans, type ScorePlanOptions } from '../../src/output/sheetPlans';
import { annualSheet, type SheetValue } from '../../src/output/sheets';
import { writeOutputWorkbook } from '../../src/output/workbook';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { PENDING, type ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { cliInProcess } from '../helpers/cliInProcess';

const FIXTURE = path.resolve(__dirname, '../fixtures/libreoffice-ledger.xlsx');
const cli = cliInProcess('hs-look-');
afterAll(() => cli.remove());

let result: ScoreResult;
beforeAll(async () => {
  fs.copyFileSync(FIXTURE, cli.file('ledger.xlsx'));
  const run = await cli.run(['score', 'ledger.xlsx', '--out', 'scored.xlsx', '--json', 'result.json']);
  expect(run.status).toBe(0);
  result = JSON.parse(fs.readFileSync(cli.file('result.json'), 'utf8')) as ScoreResult;
});

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** One part of an archive as text. */
async function partText(file: string, name: string): Promise<string> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === name ? resolve(e) : zip.readEntry()));
      zip.once('end', () => resolve(null));
      zip.once('error', reject);
      zip.readEntry();
    });
    if (!entry) throw new Error(`no ${name} in ${file}`);
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    zip.close();
  }
}

type Look = 'red' | 'amber' | null;

/**
 * The look the pane gives each 年度汇总 row: its conditional fills (values mode), `=OR($K2="是",…)`,
 * evaluated on the row's values; the first rule that holds wins, as in Excel.
 */
function paneLooks(r: ScoreResult): { looks: Look[]; colors: { fill: string; fontColor?: string }[] } {
  const options = { mode: 'values', ruleSet: HESHAN_2024, sheetNames: ['台账'], policy: HESHAN_2024_POLICY } as unknown as ScorePlanOptions;
  const plan = scorePlans(r, options)[1];
  expect(plan.name).toBe('年度汇总');
  const table = annualSheet(r);
  const letters = table.columns.map((_c, k) => columnName(k));
  const holds = (formula: string, row: readonly SheetValue[]) => {
    const terms = /^=OR\((.*)\)$/.exec(formula)![1].split(',');
    return terms.some((t) => {
      const m = /^\$([A-Z]+)2=(TRUE|"[^"]*")$/.exec(t)!;
      const v = row[letters.indexOf(m[1])];
      return m[2] === 'TRUE' ? (v as unknown) === true : v === JSON.parse(m[2]);
    });
  };
  const [red, amber] = plan.conditionalFills;
  const looks = table.rows.map((row, i): Look => (i === table.totalRow ? null : holds(red.formula, row) ? 'red' : holds(amber.formula, row) ? 'amber' : null));
  return { looks, colors: plan.conditionalFills };
}

/** Each 年度汇总 row's look as written: every cell of the table's width must agree. */
function writtenLooks(ws: ExcelJS.Worksheet, width: number, rows: number): Look[] {
  const out: Look[] = [];
  for (let r = 2; r <= rows + 1; r++) {
    const seen = new Set<string>();
    for (let c = 1; c <= width; c++) {
      const cell = ws.getRow(r).getCell(c);
      const fill = cell.fill && cell.fill.type === 'pattern' && cell.fill.pattern === 'solid' ? cell.fill.fgColor?.argb : undefined;
      const look = fill === LOOK_COLORS.eliminated.fill ? 'red' : fill === LOOK_COLORS.flagged.fill ? 'amber' : fill === undefined ? 'none' : `other ${fill}`;
      const font = cell.font?.color?.argb;
      seen.add(`${look}${look === 'red' ? (font === LOOK_COLORS.eliminated.font ? '' : ` font ${font}`) : ''}`);
    }
    expect({ row: r, looks: [...seen] }).toEqual({ row: r, looks: [[...seen][0]] });
    const only = [...seen][0];
    out.push(only === 'red' ? 'red' : only === 'amber' ? 'amber' : only === 'none' ? null : (only as Look));
  }
  return out;
}

describe('the rows stand out as in the pane', () => {
  it('uses the pane’s colours', () => {
    const { colors } = paneLooks(result);
    const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
    expect(colors.map((c) => ({ fill: argb(c.fill), ...(c.fontColor ? { font: argb(c.fontColor) } : {}) }))).toEqual([LOOK_COLORS.eliminated, LOOK_COLORS.flagged]);
  });

  it('fills exactly the eliminated units red and the flagged groups’ units amber, across the table', async () => {
    const { looks } = paneLooks(result);
    // The fixture has both: three eliminated units and their groups.
    expect(looks.filter((l) => l === 'red')).toHaveLength(result.summary.eliminated.length);
    expect(looks.filter((l) => l === 'red').length).toBeGreaterThan(0);
    expect(looks.filter((l) => l === 'amber').length).toBeGreaterThan(0);
    expect(result.units.filter((_u, i) => looks[i] === 'red').map((u) => u.unit)).toEqual(result.units.filter((u) => u.eliminated).map((u) => u.unit));
    expect(result.units.filter((_u, i) => looks[i] === 'amber').map((u) => u.unit)).toEqual(result.units.filter((u) => !u.eliminated && u.groupFlagged).map((u) => u.unit));

    const wb = await readBook(cli.file('scored.xlsx'));
    const annual = wb.getWorksheet('年度汇总')!;
    const width = annualSheet(result).columns.length;
    expect(writtenLooks(annual, width, result.units.length + 1)).toEqual(looks);
    // The 合计 row stays bold and unfilled; nothing right of the table is filled.
    expect(annual.getRow(result.units.length + 2).getCell(1).font?.bold).toBe(true);
    const red = result.units.findIndex((u) => u.eliminated) + 2;
    expect(annual.getRow(red).getCell(width + 1).fill).toBeUndefined();
  });

  it('keeps the number formats on the filled rows, and writes the blanks of a filled row filled', async () => {
    const wb = await readBook(cli.file('scored.xlsx'));
    const annual = wb.getWorksheet('年度汇总')!;
    const table = annualSheet(result);
    const red = result.units.findIndex((u) => u.eliminated) + 2;
    expect(annual.getRow(red).getCell(table.columns.findIndex((c) => c.header === '年度得分') + 1).numFmt).toBe('0.00');
    expect(annual.getRow(red).getCell(table.columns.findIndex((c) => c.header === '层级补助') + 1).numFmt).toBe('#,##0');
    const blank = table.columns.findIndex((c) => c.header === '缺少月份') + 1;
    const filledBlank = result.units.findIndex((u) => u.eliminated && u.missingMonths.length === 0) + 2;
    expect(annual.getRow(filledBlank).getCell(blank).value).toBeNull();
    expect(annual.getRow(filledBlank).getCell(blank).fill).toMatchObject({ fgColor: { argb: LOOK_COLORS.eliminated.fill } });
  });

  it('marks a 待核实 verdict or total amber, as the pane does; 月度得分 and 问题清单 stay unfilled', async () => {
    const pending: ScoreResult = JSON.parse(JSON.stringify(result));
    const plain = pending.units.filter((u) => !u.eliminated && !u.groupFlagged);
    plain[0].eliminated = null;
    plain[1].groupFlagged = null;
    plain[2].subsidy.total = null;
    const { looks } = paneLooks(pending);
    const out = cli.file('pending.xlsx');
    await writeOutputWorkbook(out, pending, cli.file('ledger.xlsx'));
    const wb = await readBook(out);
    const written = writtenLooks(wb.getWorksheet('年度汇总')!, annualSheet(pending).columns.length, pending.units.length + 1);
    expect(written).toEqual(looks);
    for (const u of plain.slice(0, 3)) expect(written[pending.units.indexOf(u)]).toBe('amber');
    expect(annualSheet(pending).rows[pending.units.length][annualSheet(pending).columns.findIndex((c) => c.header === '年终补贴合计')]).toBe(PENDING);

    for (const name of ['月度得分', '问题清单']) {
      const ws = wb.getWorksheet(name)!;
      const fills = new Set<string>();
      ws.eachRow((row, r) => {
        if (r > 1) row.eachCell((cell) => cell.fill?.type === 'pattern' && cell.fill.pattern !== 'none' && fills.add(JSON.stringify(cell.fill)));
      });
      expect({ name, fills: [...fills] }).toEqual({ name, fills: [] });
    }
  });
});

describe('frozen headers and widths', () => {
  it('freezes the header row of every sheet, and the unit column beside it', async () => {
    const wb = await readBook(cli.file('scored.xlsx'));
    expect(wb.getWorksheet('月度得分')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(wb.getWorksheet('年度汇总')!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(wb.getWorksheet('问题清单')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('fits widths to Chinese text: a column is as wide as its longest text (two units a character), within bounds', async () => {
    const wb = await readBook(cli.file('scored.xlsx'));
    const annual = wb.getWorksheet('年度汇总')!;
    const table = annualSheet(result);
    const width = (header: string) => annual.getColumn(table.columns.findIndex((c) => c.header === header) + 1).width!;
    const longest = Math.max(...result.units.map((u) => u.unit.length));
    expect(width('单位名称')).toBe(longest * 2 + 2);
    expect(width('启动资金(不计入)')).toBeGreaterThanOrEqual('启动资金'.length * 2 + '(不计入)'.length);
    expect(width('说明')).toBe(60); // the long explanations are capped
    expect(width('类型')).toBeGreaterThanOrEqual(6);
  });
});

describe('年度汇总 printable', () => {
  it('is set up landscape on A4, one page wide, as many down as it takes, with 单位名称 and the header on every page', async () => {
    const wb = await readBook(cli.file('scored.xlsx'));
    const annual = wb.getWorksheet('年度汇总')!;
    expect(annual.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1', printTitlesColumn: 'A:A' });
    expect(annual.pageSetup.margins).toMatchObject({ left: 0.4, right: 0.4 });
    expect(annual.headerFooter).toMatchObject({ oddHeader: '&C&A', oddFooter: '&C第 &P 页，共 &N 页' });
    // The other sheets keep Excel's defaults.
    const monthly = wb.getWorksheet('月度得分')!.pageSetup;
    expect(monthly.fitToPage).toBe(false);
    expect(monthly.orientation).not.toBe('landscape');
  });

  it('names the print titles once, local to 年度汇总, however often the output is scored again', async () => {
    const names = (xml: string) => [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].filter((m) => /name="_xlnm\.Print_Titles"/.test(m[1])).map((m) => ({ local: /localSheetId="(\d+)"/.exec(m[1])?.[1], formula: m[2] }));
    const sheets = (xml: string) => [...xml.matchAll(/<sheet\b[^>]*?name="([^"]*)"/g)].map((m) => m[1]);
    let file = cli.file('scored.xlsx');
    for (let run = 1; run <= 3; run++) {
      const xml = await partText(file, 'xl/workbook.xml');
      const at = String(sheets(xml).indexOf('年度汇总'));
      expect(names(xml)).toEqual([{ local: at, formula: "'年度汇总'!$A:$A,'年度汇总'!$1:$1" }]);
      const next = cli.file(`again${run}.xlsx`);
      const r = await cli.run(['score', path.basename(file), '--out', path.basename(next)]);
      expect(r.status).toBe(0);
      file = next;
    }
  });

  it('has its print titles in a new workbook too (a CSV ledger’s), where workbook.xml had no names', async () => {
    const out = cli.file('from-csv.xlsx');
    await writeOutputWorkbook(out, result, null);
    const xml = await partText(out, 'xl/workbook.xml');
    expect(xml).toMatch(/<\/sheets><definedNames><definedName name="_xlnm\.Print_Titles" localSheetId="1">'年度汇总'!\$A:\$A,'年度汇总'!\$1:\$1<\/definedName><\/definedNames>/);
    const annual = (await readBook(out)).getWorksheet('年度汇总')!;
    expect(annual.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesColumn: 'A:A', printTitlesRow: '1:1' });
  });

  it('prints one page wide in LibreOffice, header row and 单位名称 on every page', async () => {
    const tools = ['soffice', 'pdftotext', 'pdfinfo'].filter((t) => spawnSync(t, [t === 'soffice' ? '--version' : '-v'], { encoding: 'utf8' }).error);
    if (tools.length) {
      console.log(`${tools.join('、')} 未安装：跳过把年度汇总打印为 PDF 的检查。`);
      return;
    }
    // Four times the fixture's units (no months, no issues: only 年度汇总 spans pages), so it runs over several pages.
    const units = [1, 2, 3, 4].flatMap((k) => result.units.map((u) => ({ ...u, unit: `${u.unit}${k}`, months: [] })));
    const big: ScoreResult = { ...result, units, errors: [], warnings: [] };
    const out = cli.file('print.xlsx');
    await writeOutputWorkbook(out, big, null);
    const dir = cli.file('pdf');
    fs.mkdirSync(dir);
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const pdf = path.join(dir, 'print.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    const annualPages: { text: string; landscape: boolean }[] = [];
    for (let p = 1; p <= pages; p++) {
      const text = spawnSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' }).stdout;
      if (text.trim().split('\n')[0].trim() !== '年度汇总') continue; // the page header: the sheet's name
      const [, w, h] = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(spawnSync('pdfinfo', ['-f', String(p), '-l', String(p), pdf], { encoding: 'utf8' }).stdout)!.map(Number);
      annualPages.push({ text, landscape: w > h });
    }
    expect(annualPages.length).toBeGreaterThan(1);
    annualPages.forEach(({ text, landscape }, i) => {
      expect({ page: i + 1, landscape }).toEqual({ page: i + 1, landscape: true });
      // The first and the last column on every page: one page wide, the header row repeated.
      expect(text).toContain('单位名称');
      expect(text).toContain('启动资金(不计入)');
      expect(text).toMatch(/第 \d+ 页，共 \d+ 页/);
    });
    const all = annualPages.map((p) => p.text).join('\n');
    for (const u of units) expect(all).toContain(u.unit);
  }, 150_000);
});
