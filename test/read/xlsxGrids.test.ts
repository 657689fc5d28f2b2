import { inspect } from 'node:util';
import { gridsFromWorkbook, loadWorkbook, xlsxGrids } from '../../src/read/grid';
import { fastXlsxGrids, splitSheet, XlsxFastUnsupported } from '../../src/read/xlsxGrids';
import { putRows, workbookBytes } from './helpers';

/** The grids exceljs's full load gives: what the fast reader must reproduce exactly. */
async function slowGrids(bytes: Buffer) {
  return gridsFromWorkbook(await loadWorkbook(bytes));
}

// Invalid Date !== Invalid Date for toEqual; compare what the grids print as.
const shown = (v: unknown) => inspect(v, { depth: 10, maxArrayLength: null });

describe('fastXlsxGrids', () => {
  it('reads values, dates, formulas, links and merges as exceljs does', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('台账');
      putRows(s, [
        ['2024年台账'],
        ['单位名称', '月份', '一、就业失业情况', null, '备注'],
        [null, null, '劳动力数（人）', '期末登记失业人员人数（人）', null],
        ['桃花仑社区', 1, 1200, ' 3 ', { richText: [{ text: '带动' }, { font: { bold: true }, text: '示范' }] }],
        [null, 2, { formula: 'C4+1', result: 1201 }, { formula: 'D4*0', result: 0 }, { formula: '1/0', result: { error: '#DIV/0!' } }],
        ['会龙山村', new Date(Date.UTC(2024, 2, 1)), { formula: 'C5>0', result: true }, { error: '#N/A' }, { text: '链接', hyperlink: 'https://example.org/' }],
        ['A&B <c> "d"', 3, { formula: 'C4' }, 12.5, { text: 42 as unknown as string, hyperlink: 'https://example.org/n' }],
      ]);
      s.getCell('B6').numFmt = 'yyyy"年"m"月"';
      s.getCell('D7').numFmt = '0.0%';
      s.mergeCells('A1:E1');
      s.mergeCells('A2:A3');
      s.mergeCells('B2:B3');
      s.mergeCells('C2:D2');
      s.mergeCells('E2:E3');
      s.mergeCells('A4:A5');
      s.getCell('H12').style = { font: { bold: true } }; // styled but empty: no row
      const params = wb.addWorksheet('参数');
      params.getCell('B2').value = 0.9;
      params.mergeCells('D9:E10'); // rows down to a merge's bottom exist
    });
    const fast = await fastXlsxGrids(bytes);
    const slow = await slowGrids(bytes);
    // The one deliberate difference: exceljs drops a formula's cached 0 and shows the formula text,
    // which would turn a computed 0 into a bad cell; the direct reader keeps the 0.
    expect(slow[0].rows[4][3]).toBe('=D4*0');
    expect(fast[0].rows[4]).toEqual([null, 2, 1201, 0, '#DIV/0!']);
    slow[0].rows[4][3] = 0;
    expect(shown(fast)).toBe(shown(slow));
  });

  it('asks for the slow way when it cannot read a file as exceljs would', async () => {
    await expect(fastXlsxGrids(Buffer.from('单位名称,月份\n'))).rejects.toBeInstanceOf(XlsxFastUnsupported);
    await expect(xlsxGrids(Buffer.from('单位名称,月份\n'), '台账.xlsx')).rejects.toThrow(/^无法读取文件 台账\.xlsx：不是有效的 \.xlsx 工作簿/);
  });
});

describe('splitSheet: a worksheet read as it inflates', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>桃花仑社区${i}</t></is></c><c r="B${i + 2}"><v>${i}</v></c></row>`);
  const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"/>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>`;
  const bytes = Buffer.from(xml, 'utf8');

  async function* inChunks(size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  it.each([1, 2, 3, 7, 64, 1000, bytes.length])('gives the rows in whole pieces and the tail, whatever the chunks (%i bytes, split inside characters)', async (size) => {
    const pieces: string[] = [];
    const tail = await splitSheet(inChunks(size), (text) => void pieces.push(text), 200);
    expect(pieces.join('')).toBe(`<row r="1"/>${rows.join('')}`);
    expect(pieces.length).toBeGreaterThan(size < 200 ? 5 : 0);
    // Every piece starts at a row and ends at a row's end.
    for (const piece of pieces) expect(piece).toMatch(/^<row r="\d+"(\/>|>)[\s\S]*(<\/row>|<row r="1"\/>)$/);
    expect(tail).toBe('</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>');
  });

  it('asks for the slow way when the rows never end', async () => {
    const cut = Buffer.from(xml.slice(0, xml.indexOf('</sheetData>')), 'utf8');
    await expect(splitSheet((async function* () { yield cut; })(), () => undefined, 200)).rejects.toBeInstanceOf(XlsxFastUnsupported);
  });

  it('hands on the whole rows before saying the rows never end (their errors come first)', async () => {
    const cut = Buffer.from(xml.slice(0, xml.indexOf('</sheetData>')) + '<row r="99"><c r="A99"><v>1</v></c>', 'utf8');
    const pieces: string[] = [];
    await expect(splitSheet((async function* () { yield cut; })(), (text) => void pieces.push(text), 1_000_000)).rejects.toBeInstanceOf(XlsxFastUnsupported);
    expect(pieces.join('')).toBe(`<row r="1"/>${rows.join('')}`);
  });
});
