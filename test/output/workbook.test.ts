/**
 * The scored workbook (src/output/workbook.ts): the analyst's sheets kept cell for cell, the three
 * output sheets added with formats, filters and links into the ledger, replaced (and nothing else)
 * on a re-run; and in-workbook links written as Excel writes them. (The package-level guarantees —
 * every original part byte for byte — are in packageEdit.test.ts.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { installInternalLinks } from '../../src/output/internalLinks';
import { internalLink, parseCellAddress, writeOutputWorkbook } from '../../src/output/workbook';
import { GANSU_2023_POLICY } from '../../src/policy/presets';
import { generateDistrict } from '../../src/sample/generateLedger';
import { writeDistrictXlsx, xlsxCellAddress } from '../../src/sample/writeLedger';
import { readZipPart } from '../../src/read/zipArchive';
import { scoreLedger } from '../../src/score';
import { districtLedger } from './districtLedger';
import { loadWorkbook, snapshot } from '../helpers/workbook';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-workbook-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const district = generateDistrict();
const result = scoreLedger(districtLedger(district));
const ledgerFile = path.join(dir, 'ledger.xlsx');



/** The XML of a sheet, found by name through workbook.xml and its relationships. */
async function sheetXml(file: string, name: string): Promise<{ xml: string; rels: string }> {
  const book = (await readZipPart(file, 'xl/workbook.xml'))!.toString('utf8');
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(book)![1];
  const bookRels = (await readZipPart(file, 'xl/_rels/workbook.xml.rels'))!.toString('utf8');
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(bookRels)?.[1]
    ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(bookRels)![1];
  const sheetPath = `xl/${target.replace(/^\/?xl\//, '')}`;
  const relsPath = sheetPath.replace(/worksheets\//, 'worksheets/_rels/') + '.rels';
  const text = (b: Buffer | null) => (b ? b.toString('utf8').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : '');
  return { xml: text(await readZipPart(file, sheetPath)), rels: text(await readZipPart(file, relsPath)) };
}

beforeAll(async () => {
  // exceljs reads Excel's in-workbook links (a location, no relationship) only with this override;
  // the writer no longer goes through exceljs, so the test installs it for reading back.
  installInternalLinks();
  await writeDistrictXlsx(district, ledgerFile);
});

describe('cell addresses', () => {
  it('parses sheet-qualified addresses, quoted or not', () => {
    expect(parseCellAddress('台账!F17')).toEqual({ sheet: '台账', cell: 'F17' });
    expect(parseCellAddress("'My Sheet'!$AB$3")).toEqual({ sheet: 'My Sheet', cell: 'AB3' });
    expect(parseCellAddress("'O''Brien'!A1")).toEqual({ sheet: "O'Brien", cell: 'A1' });
    expect(parseCellAddress('F17')).toBeNull();
    expect(parseCellAddress('台账!A1:B2')).toBeNull();
  });
  it('makes exceljs in-workbook hyperlinks', () => {
    expect(internalLink('台账', 'F17')).toBe("#'台账'!F17");
    expect(internalLink("O'Brien", 'A1')).toBe("#'O''Brien'!A1");
  });
});

describe('scored copy of an .xlsx ledger', () => {
  const out = path.join(dir, 'scored.xlsx');
  let original: ExcelJS.Workbook;
  let written: ExcelJS.Workbook;

  beforeAll(async () => {
    original = await loadWorkbook(ledgerFile);
    await writeOutputWorkbook(out, result, ledgerFile);
    written = await loadWorkbook(out);
  });

  it('keeps the analyst sheets first and unchanged, and adds the three sheets after them', () => {
    expect(written.worksheets.map((ws) => ws.name)).toEqual(['台账', '参数', '月度得分', '年度汇总', '问题清单']);
    for (const name of ['台账', '参数']) expect(snapshot(written.getWorksheet(name)!)).toEqual(snapshot(original.getWorksheet(name)!));
  });

  it('formats the output sheets: bold frozen header, filter, number formats, widths', () => {
    for (const name of ['月度得分', '年度汇总', '问题清单']) {
      const ws = written.getWorksheet(name)!;
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
    }
    const monthly = written.getWorksheet('月度得分')!;
    expect(monthly.getRow(1).getCell(5).value).toBe('E1 登记失业人员就业率(5)');
    expect(monthly.getRow(2).getCell(5).numFmt).toBe('0.00');
    expect(monthly.rowCount).toBe(1 + result.summary.unitMonths);
    const annual = written.getWorksheet('年度汇总')!;
    const header = annual.getRow(1).values as ExcelJS.CellValue[];
    const total = header.indexOf('年终补贴合计');
    expect(annual.getRow(2).getCell(total).numFmt).toBe('#,##0');
    expect(annual.getRow(2).getCell(header.indexOf('年度得分')).numFmt).toBe('0.00');
    const last = annual.getRow(annual.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(total).value).toBe(result.summary.subsidyTotal);
    expect(last.getCell(1).font?.bold).toBe(true);
    expect(annual.autoFilter).toBe(`A1:R${1 + result.units.length}`); // the 合计 row stays out of sorting
  });

  it('links each 问题清单 cell address to that cell of the ledger', () => {
    const issues = written.getWorksheet('问题清单')!;
    const links = new Map<string, string>();
    issues.eachRow((row, r) => {
      if (r === 1) return;
      const v = row.getCell(5).value;
      if (v && typeof v === 'object' && 'hyperlink' in v) links.set(String(v.text), v.hyperlink);
    });
    for (const bad of district.badCells) {
      const address = xlsxCellAddress(bad.row, bad.key);
      expect(links.get(address)).toBe(`#'台账'!${address.split('!')[1]}`);
    }
    const first = issues.getRow(2).getCell(5);
    expect(first.font?.underline).toBe(true);
  });

  it('writes the links as Excel does: a location, no relationship', async () => {
    const { xml, rels } = await sheetXml(out, '问题清单');
    const address = xlsxCellAddress(district.badCells[0].row, district.badCells[0].key).split('!')[1];
    expect(xml).toMatch(new RegExp(`<hyperlink ref="E\\d+" location="'台账'!${address}"`));
    expect(xml).not.toMatch(/<hyperlink[^>]*r:id=/);
    expect(xml).not.toMatch(/location="#/);
    expect(rels).not.toMatch(/hyperlink/);
  });

  it('on a re-run replaces the three sheets and nothing else', async () => {
    const again = await loadWorkbook(out);
    again.addWorksheet('我的备注').getCell('A1').value = '分析员自己的工作表';
    const edited = path.join(dir, 'edited.xlsx'); // the analyst added a sheet after the scored one
    await again.xlsx.writeFile(edited);
    const gansu = scoreLedger(districtLedger(district), { policy: GANSU_2023_POLICY });
    const rerun = path.join(dir, 'rerun.xlsx');
    await writeOutputWorkbook(rerun, gansu, edited);
    const wb = await loadWorkbook(rerun);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['台账', '参数', '我的备注', '月度得分', '年度汇总', '问题清单']);
    for (const name of ['台账', '参数']) expect(snapshot(wb.getWorksheet(name)!)).toEqual(snapshot(original.getWorksheet(name)!));
    expect(wb.getWorksheet('我的备注')!.getCell('A1').value).toBe('分析员自己的工作表');
    const annual = wb.getWorksheet('年度汇总')!;
    expect(annual.getRow(annual.rowCount).getCell(16).value).toBe(gansu.summary.subsidyTotal ?? '待核实');
    expect(gansu.summary.subsidyTotal).not.toBe(result.summary.subsidyTotal);
    expect(wb.getWorksheet('月度得分')!.rowCount).toBe(1 + result.summary.unitMonths);
  });

  it('writing over the input file itself works (written beside it, then renamed)', async () => {
    const copy = path.join(dir, 'inplace.xlsx');
    fs.copyFileSync(out, copy);
    await writeOutputWorkbook(copy, result, copy);
    const wb = await loadWorkbook(copy);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['台账', '参数', '月度得分', '年度汇总', '问题清单']);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('scored workbook of a .csv ledger', () => {
  it('is a new workbook with just the three sheets, addresses as text (no sheet to link to)', async () => {
    const file = path.join(dir, 'csv-scored.xlsx');
    await writeOutputWorkbook(file, result, null);
    const wb = await loadWorkbook(file);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['月度得分', '年度汇总', '问题清单']);
    const issues = wb.getWorksheet('问题清单')!;
    expect(typeof issues.getRow(2).getCell(5).value).toBe('string');
  });
});

describe('in-workbook links of the analyst survive the copy', () => {
  it('reads and writes back a location-only hyperlink, and leaves external links alone', async () => {
    installInternalLinks();
    const wb = new ExcelJS.Workbook();
    const toc = wb.addWorksheet('目录');
    wb.addWorksheet('台账').getCell('A1').value = 'x';
    toc.getCell('A1').value = { text: '去台账', hyperlink: "#'台账'!A1" };
    toc.getCell('A2').value = { text: '人社局', hyperlink: 'https://example.org/' };
    const file = path.join(dir, 'links.xlsx');
    await wb.xlsx.writeFile(file);
    const { xml, rels } = await sheetXml(file, '目录');
    expect(xml).toMatch(/<hyperlink ref="A1" location="'台账'!A1"/);
    expect(rels).toMatch(/Target="https:\/\/example.org\/"/);
    const copy = path.join(dir, 'links-copy.xlsx');
    await writeOutputWorkbook(copy, result, file);
    const back = await loadWorkbook(copy);
    expect(back.getWorksheet('目录')!.getCell('A1').value).toEqual({ text: '去台账', hyperlink: "#'台账'!A1" });
    expect(back.getWorksheet('目录')!.getCell('A2').value).toEqual({ text: '人社局', hyperlink: 'https://example.org/' });
  });
});
