import ExcelJS from 'exceljs';
import { readCsvGrid, xlsxGrids } from '../../src/read/grid';
import { csvBytes, putRows, tempDir, workbookBytes } from './helpers';
import * as fs from 'node:fs';
import * as iconv from 'iconv-lite';

describe('xlsxGrids', () => {
  it('turns every kind of exceljs cell into a plain value', async () => {
    const date = new Date(Date.UTC(2024, 2, 1));
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('台账');
      s.getCell('A1').value = 42;
      s.getCell('B1').value = '文本';
      s.getCell('C1').value = true;
      s.getCell('D1').value = date;
      s.getCell('E1').value = { formula: 'A1*2', result: 84 };
      s.getCell('F1').value = { richText: [{ text: '劳动力' }, { font: { bold: true }, text: '总数' }] };
      s.getCell('G1').value = { text: '桃花仑社区', hyperlink: 'https://example.org/' };
      s.getCell('H1').value = { error: '#DIV/0!' };
      s.getCell('I1').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      s.getCell('J1').value = { formula: 'A1+1' }; // never calculated: no cached result
      s.getCell('A3').value = '第三行';
    });
    const [grid] = await xlsxGrids(bytes);
    expect(grid.name).toBe('台账');
    expect(grid.rows[0]).toEqual([42, '文本', true, date, 84, '劳动力总数', '桃花仑社区', '#DIV/0!', '#DIV/0!', '=A1+1']);
    expect(grid.rows[1]).toEqual([]); // an empty row keeps its place
    expect(grid.rows[2]).toEqual(['第三行']);
    expect(grid.merges).toEqual([]);
  });

  it('reports merges 0-based inclusive and leaves merged slave cells empty', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('台账');
      putRows(s, [['标题'], ['单位名称', '一、就业失业情况'], [null, '劳动力总数', '劳动力资源总数']]);
      s.mergeCells('A1:C1');
      s.mergeCells('A2:A3');
      s.mergeCells('B2:C2');
      wb.addWorksheet('参数').getCell('B2').value = 0.9;
    });
    const grids = await xlsxGrids(bytes);
    expect(grids.map((g) => g.name)).toEqual(['台账', '参数']);
    const [grid, params] = grids;
    expect(grid.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 1, right: 2 },
    ]);
    expect(grid.rows[0]).toEqual(['标题']);
    expect(grid.rows[1]).toEqual(['单位名称', '一、就业失业情况']);
    expect(grid.rows[2]).toEqual([null, '劳动力总数', '劳动力资源总数']);
    expect(params.rows).toEqual([[], [null, 0.9]]);
  });

  it('reads from a path as from bytes', async () => {
    const tmp = tempDir();
    try {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('My Sheet').getCell('A1').value = '单位名称';
      await wb.xlsx.writeFile(tmp.file('a.xlsx'));
      const grids = await xlsxGrids(tmp.file('a.xlsx'));
      expect(grids[0]).toEqual({ name: 'My Sheet', rows: [['单位名称']], merges: [] });
    } finally {
      tmp.cleanup();
    }
  });

  it('says in Chinese when a file is missing or is not a workbook', async () => {
    const tmp = tempDir();
    try {
      fs.writeFileSync(tmp.file('fake.xlsx'), '单位名称,月份\n');
      await expect(xlsxGrids(tmp.file('missing.xlsx'))).rejects.toThrow(`无法读取文件 ${tmp.file('missing.xlsx')}：文件不存在`);
      await expect(xlsxGrids(tmp.file('fake.xlsx'))).rejects.toThrow(/^无法读取文件 .*fake\.xlsx：不是有效的 \.xlsx 工作簿/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('readCsvGrid', () => {
  const rows = [
    ['单位名称', '类型', '月份', '劳动力总数（人）'],
    ['桃花仑社区', '社区', '3', ' 1,200 '],
    ['会龙山村', '村', '2024-03', null],
  ];
  const expected = [
    ['单位名称', '类型', '月份', '劳动力总数（人）'],
    ['桃花仑社区', '社区', '3', ' 1,200 '], // kept as typed: cell parsing reads the spaces and the comma
    ['会龙山村', '村', '2024-03'], // an empty last cell is no cell
  ];

  it.each([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8-bom'],
    ['gbk', 'gb18030'],
  ] as const)('reads %s', async (encoding, detected) => {
    const { grid, encoding: found } = await readCsvGrid(csvBytes(rows, encoding), '台账');
    expect(found).toBe(detected);
    expect(grid).toEqual({ name: '台账', rows: expected, merges: [] });
  });

  it('keeps quoted commas and line breaks in one cell and empty lines as empty rows', async () => {
    const text = '单位名称,奖励说明\r\n\r\n桃花仑社区,"带动, 示范\n成效好"\r\n,\r\n';
    const { grid } = await readCsvGrid(Buffer.from(text, 'utf8'), 'x');
    expect(grid.rows).toEqual([['单位名称', '奖励说明'], [], ['桃花仑社区', '带动, 示范\n成效好'], []]);
  });

  it('keeps each repeated text exactly as written, leading zeros and all', async () => {
    const cells = ['7', '07', '007', '0007', '00007', '9999', '09999', '0', '00', '1.5', '1e3', ' 7', '7 ', '-7', '７'];
    const text = `${cells.join(',')}\r\n${cells.join(',')}\r\n`;
    const { grid } = await readCsvGrid(Buffer.from(text, 'utf8'), 'x');
    expect(grid.rows).toEqual([cells, cells]);
  });

  it('reads tab-separated UTF-16 text, which Excel saves as "Unicode 文本"', async () => {
    const text = '单位名称\t月份\r\n桃花仑社区\t3\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    const { grid, encoding } = await readCsvGrid(bytes, 'x');
    expect(encoding).toBe('utf-16le');
    expect(grid.rows).toEqual([['单位名称', '月份'], ['桃花仑社区', '3']]);
  });

  it.each(['utf16le', 'utf16be'] as const)('reads %s saved without a BOM (its zero bytes give it away)', async (enc) => {
    const text = '单位名称,类型,月份,劳动力总数\r\n桃花仑社区,社区,3,1200\r\n会龙山村,村,3,905\r\n';
    const bytes = enc === 'utf16le' ? iconv.encode(text, 'utf16le') : Buffer.from(iconv.encode(text, 'utf16le')).swap16();
    const { grid, encoding } = await readCsvGrid(bytes, 'x');
    expect(encoding).toBe(enc === 'utf16le' ? 'utf-16le' : 'utf-16be');
    expect(grid.rows[1]).toEqual(['桃花仑社区', '社区', '3', '1200']);
  });

  it('tells GB18030 from UTF-8 only by whether the bytes are valid UTF-8', async () => {
    expect(await readCsvGrid(iconv.encode('单位名称', 'gb18030'), 'x')).toEqual({ grid: { name: 'x', rows: [['单位名称']], merges: [] }, encoding: 'gb18030' });
    expect(await readCsvGrid(Buffer.from('unit,month', 'utf8'), 'x')).toEqual({ grid: { name: 'x', rows: [['unit', 'month']], merges: [] }, encoding: 'utf-8' });
    // Valid UTF-8 for its first megabyte, GB18030 after: the whole file is read again as GB18030.
    const late = Buffer.concat([Buffer.from(`单位名称,月份\n${'a,1\n'.repeat(400_000)}`, 'utf8'), iconv.encode('桃花仑社区,2\n', 'gb18030')]);
    const read = await readCsvGrid(late, 'x');
    expect(read.encoding).toBe('gb18030');
    expect(read.grid.rows[read.grid.rows.length - 1]).toEqual(['桃花仑社区', '2']);
  });

  it('reads a quoted cell and a line break that straddle the pieces the file is read in', async () => {
    const MB = 1024 * 1024;
    // Cut inside a character, after the opening quote, inside the cell's \r\n, before and inside the row's.
    for (const cut of [1, 17, 20, 24, 32, 33]) {
      // The first megabyte ends `cut` bytes into the tail.
      const tail = '桃花仑社区,"带动\r\n示范"\r\n会龙山村,2\r\n';
      const fillerRow = 'a,1\r\n';
      const rowsBefore = Math.floor((MB - cut - 'x\r\n'.length) / fillerRow.length);
      const pad = 'x'.repeat(MB - cut - rowsBefore * fillerRow.length - 2) + '\r\n';
      const text = pad + fillerRow.repeat(rowsBefore) + tail;
      const { grid } = await readCsvGrid(Buffer.from(text, 'utf8'), 'x');
      expect(grid.rows.length).toBe(rowsBefore + 3);
      expect(grid.rows.slice(-2)).toEqual([['桃花仑社区', '带动\r\n示范'], ['会龙山村', '2']]);
    }
  });

  it('reads back any grid written as CSV, quotes, commas and line breaks in cells included, wherever the pieces are cut', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['村', '社区', '1', '0.95', ',', '"', '\n', '\r\n', ' ', 'a', '三里桥', ''];
    const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    for (const lineBreak of ['\r\n', '\n']) {
      const rows: string[][] = [];
      let size = 0;
      while (size < 2.5 * 1024 * 1024) {
        const row = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
        rows.push(row);
        size += row.join(',').length + 4;
      }
      const text = rows.map((r) => r.map(quote).join(',')).join(lineBreak) + lineBreak;
      const { grid } = await readCsvGrid(Buffer.from(text, 'utf8'), 'x');
      const expected = rows.map((r) => {
        const cells: (string | null)[] = r.map((c) => (c === '' ? null : c));
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        return cells;
      });
      expect(grid.rows.length).toBe(expected.length);
      expect(grid.rows).toEqual(expected);
    }
  });

  it('fails in Chinese, naming the row, on a closing quote followed by more text', async () => {
    await expect(readCsvGrid(Buffer.from('单位名称,月份\n桃花仑社区,3\n"会龙山村"村,4\n', 'utf8'), 'x')).rejects.toThrow(/^CSV 格式有误第3行附近.*引号后面多了字符/);
  });

  it('fails in Chinese on a quote that is never closed', async () => {
    await expect(readCsvGrid(Buffer.from('单位名称,月份\n"桃花仑社区,3\n', 'utf8'), 'x')).rejects.toThrow(/^CSV 格式有误/);
  });
});
