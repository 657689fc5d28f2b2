/**
 * `hs-score score --out` on a workbook saved by a real spreadsheet application keeps the whole
 * package: test/fixtures/libreoffice-ledger.xlsx (LibreOffice Calc, made by
 * scripts/make-libreoffice-fixture.py) holds a chart, a pivot table with its cache, defined names,
 * custom document properties, a comment and a 年度汇总 sheet "from an earlier run" with a chart and
 * a comment of its own. Every part of the original except the edited four (workbook.xml, its
 * relationships, [Content_Types].xml, styles.xml — appended to only) and the earlier 年度汇总's own
 * parts must come out with identical bytes; the three sheets must read back as outputSheets gives
 * them; scoring the output again must replace them and leave nothing behind.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { installInternalLinks } from '../../src/output/internalLinks';
import { definedNameAfter } from '../../src/output/package/definedNames';
import { addOutputStyles } from '../../src/output/package/outputStyles';
import { partsToRemove } from '../../src/output/package/partGraph';
import { columnName } from '../../src/output/package/sheetXml';
import { StyleSheetText } from '../../src/output/package/styleSheet';
import { editWorkbook, readWorkbook } from '../../src/output/package/workbookXml';
import { writeSheetsIntoPackage } from '../../src/output/packageEdit';
import { writeOutputWorkbook } from '../../src/output/workbook';
import { outputSheets, type SheetTable, type SheetValue } from '../../src/output/sheets';
import { readSheetFile } from '../../src/read/ledger';
import type { ScoreResult } from '../../src/result';
import { fileFingerprint, isProvenPart } from '../../src/provenParts';
import { withZip } from '../../src/read/zipArchive';
import { PartNotAsDeclared } from '../../src/zipPartContent';
import { cliInProcess } from '../helpers/cliInProcess';

const FIXTURE = path.resolve(__dirname, '../fixtures/libreoffice-ledger.xlsx');
const cli = cliInProcess('hs-package-');
afterAll(() => cli.remove());

/** Every entry of an archive, uncompressed, in archive order. */
async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const parts = new Map<string, Buffer>();
  try {
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
    for (const e of entries) {
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(e)) chunks.push(c as Buffer);
      parts.set(e.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return parts;
}

/** An archive with some parts replaced, added (Buffer) or removed (null); optionally in ZIP64 form throughout. */
async function rezip(from: string, to: string, changes: Record<string, Buffer | null> = {}, zip64 = false): Promise<void> {
  const parts = await unzip(from);
  for (const [name, data] of Object.entries(changes)) {
    if (data === null) parts.delete(name);
    else parts.set(name, data);
  }
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) zip.addBuffer(data, name, { forceZip64Format: zip64 });
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(to);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
  zip.end({ forceZip64Format: zip64, comment: '' });
  await done;
}

const utf8 = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString('utf8');

/** The records of one list of styles.xml (`fonts` → its `<font>` elements), as written. */
function styleRecords(xml: string, list: string, record: string): string[] {
  const inner = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? '';
  return inner.match(new RegExp(`<${record}\\b[^>]*?(?:/>|>[\\s\\S]*?</${record}>)`, 'g')) ?? [];
}

const STYLE_LISTS: [string, string][] = [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellStyleXfs', 'xf'], ['cellXfs', 'xf'], ['cellStyles', 'cellStyle'], ['dxfs', 'dxf']];

/** The sheets of workbook.xml in order: name → r:id. */
function sheetList(workbookXml: string): { name: string; rId: string }[] {
  return [...workbookXml.matchAll(/<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"/g)].map((m) => ({ name: m[1], rId: m[2] }));
}

function definedNames(workbookXml: string): Record<string, { localSheetId?: string; formula: string }> {
  const out: Record<string, { localSheetId?: string; formula: string }> = {};
  for (const m of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])![1];
    const local = /\blocalSheetId="(\d+)"/.exec(m[1])?.[1];
    out[`${name}${local === undefined ? '' : `@${local}`}`] = { ...(local === undefined ? {} : { localSheetId: local }), formula: m[2] };
  }
  return out;
}

/** The worksheet part each sheet name points to, through the workbook's relationships. */
function sheetParts(parts: Map<string, Buffer>): Map<string, string> {
  const rels = utf8(parts, 'xl/_rels/workbook.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship Id="([^"]*)" Type="[^"]*" Target="([^"]*)"/g)].map((m) => [m[1], `xl/${m[2]}`]));
  return new Map(sheetList(utf8(parts, 'xl/workbook.xml')).map((s) => [s.name, target.get(s.rId)!]));
}

/** The parts of the earlier 年度汇总 in the fixture: its sheet, and the comment and chart only it uses. */
const EARLIER_SHEET_PARTS = [
  'xl/worksheets/sheet3.xml',
  'xl/worksheets/_rels/sheet3.xml.rels',
  'xl/comments3.xml',
  'xl/drawings/vmlDrawing1.vml',
  'xl/drawings/drawing1.xml',
  'xl/drawings/_rels/drawing1.xml.rels',
  'xl/charts/chart1.xml',
];
const EDITED = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'];
const OUTPUT = ['月度得分', '年度汇总', '问题清单'];

let original: Map<string, Buffer>;
let scored: Map<string, Buffer>;
let result: ScoreResult;

beforeAll(async () => {
  installInternalLinks(); // exceljs reads location-only links back only with it
  fs.copyFileSync(FIXTURE, cli.file('ledger.xlsx'));
  const run = await cli.run(['score', 'ledger.xlsx', '--out', 'scored.xlsx', '--json', 'result.json']);
  expect(run.err).toBe('');
  expect(run.status).toBe(0);
  original = await unzip(FIXTURE);
  scored = await unzip(cli.file('scored.xlsx'));
  result = JSON.parse(fs.readFileSync(cli.file('result.json'), 'utf8')) as ScoreResult;
});

describe('the LibreOffice fixture', () => {
  it('was saved by LibreOffice and has a chart, a pivot table, defined names and custom properties', () => {
    const names = [...original.keys()];
    expect(utf8(original, 'docProps/app.xml')).toMatch(/<Application>LibreOffice/);
    expect(names.filter((n) => n.startsWith('xl/charts/'))).toHaveLength(2);
    expect(names.some((n) => n.startsWith('xl/pivotTables/pivotTable'))).toBe(true);
    expect(names.some((n) => n.startsWith('xl/pivotCache/pivotCacheDefinition'))).toBe(true);
    expect(names.some((n) => n.startsWith('xl/pivotCache/pivotCacheRecords'))).toBe(true);
    expect(utf8(original, 'docProps/custom.xml')).toContain('赫山区人社局就业服务中心');
    expect(Object.keys(definedNames(utf8(original, 'xl/workbook.xml'))).sort()).toEqual(['_xlnm.Print_Area@0', '上次汇总', '单位名称列', '本表数据@3'].sort());
    expect(sheetList(utf8(original, 'xl/workbook.xml')).map((s) => s.name)).toEqual(['台账', '参数', '年度汇总', '图表', '透视']);
  });
});

describe('scoring it with --out', () => {
  it('copies every part it does not own with identical bytes', () => {
    for (const [name, bytes] of original) {
      if (EDITED.includes(name) || EARLIER_SHEET_PARTS.includes(name)) continue;
      expect({ name, same: scored.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    }
  });

  it('takes out the earlier 年度汇总 with the parts only it used, and adds just the three sheets', () => {
    for (const name of EARLIER_SHEET_PARTS) expect(scored.has(name)).toBe(false);
    const added = [...scored.keys()].filter((n) => !original.has(n));
    expect(added.sort()).toEqual([...sheetParts(scored).entries()].filter(([s]) => OUTPUT.includes(s)).map(([, part]) => part).sort());
    expect(added).toHaveLength(3);
  });

  it('lists the sheets in order, the analyst’s first, the output after them', () => {
    expect(sheetList(utf8(scored, 'xl/workbook.xml')).map((s) => s.name)).toEqual(['台账', '参数', '图表', '透视', ...OUTPUT]);
  });

  it('drops the name into the earlier 年度汇总, renumbers a sheet-local name, keeps the rest as written', () => {
    const before = definedNames(utf8(original, 'xl/workbook.xml'));
    const after = definedNames(utf8(scored, 'xl/workbook.xml'));
    expect(after).toEqual({
      '_xlnm.Print_Area@0': before['_xlnm.Print_Area@0'],
      单位名称列: before['单位名称列'],
      // 图表 was the 4th sheet (index 3) before the earlier 年度汇总 went; it is the 3rd now.
      '本表数据@2': { localSheetId: '2', formula: before['本表数据@3'].formula },
      // The new 年度汇总 (6th sheet) prints its header row and 单位名称 on every page.
      '_xlnm.Print_Titles@5': { localSheetId: '5', formula: "'年度汇总'!$A:$A,'年度汇总'!$1:$1" },
    });
  });

  it('changes workbook.xml only in its sheet list and defined names', () => {
    const outside = (xml: string) => xml.replace(/<sheets>[\s\S]*<\/sheets>/, '').replace(/<definedNames>[\s\S]*<\/definedNames>/, '');
    expect(outside(utf8(scored, 'xl/workbook.xml'))).toBe(outside(utf8(original, 'xl/workbook.xml')));
  });

  it('keeps every other relationship and content type as written', () => {
    const rels = (xml: string) => xml.match(/<Relationship [^>]*\/>/g)!;
    const oldRels = rels(utf8(original, 'xl/_rels/workbook.xml.rels'));
    const newRels = rels(utf8(scored, 'xl/_rels/workbook.xml.rels'));
    expect(newRels.filter((r) => oldRels.includes(r))).toEqual(oldRels.filter((r) => !r.includes('worksheets/sheet3.xml')));
    expect(newRels.filter((r) => !oldRels.includes(r))).toHaveLength(3);

    const types = (xml: string) => xml.match(/<(?:Default|Override) [^>]*\/>/g)!;
    const oldTypes = types(utf8(original, '[Content_Types].xml'));
    const newTypes = types(utf8(scored, '[Content_Types].xml'));
    const gone = new Set(EARLIER_SHEET_PARTS.map((p) => `/${p}`));
    expect(newTypes.filter((t) => oldTypes.includes(t))).toEqual(oldTypes.filter((t) => !gone.has(/PartName="([^"]*)"/.exec(t)?.[1] ?? '')));
    expect(newTypes.filter((t) => !oldTypes.includes(t))).toEqual(added3Overrides());
  });

  it('appends to styles.xml: every original record unchanged at its index, nothing else changed', () => {
    let before = utf8(original, 'xl/styles.xml');
    let after = utf8(scored, 'xl/styles.xml');
    for (const [list, record] of STYLE_LISTS) {
      const old = styleRecords(before, list, record);
      const now = styleRecords(after, list, record);
      expect(now.slice(0, old.length)).toEqual(old);
      if (now.length > old.length) {
        // Without the appended records (and the counts), the part is the original text.
        const appended = now.slice(old.length).join('');
        after = after.replace(appended, '');
      }
    }
    const counts = (xml: string) => xml.replace(/ count="\d+"/g, '');
    before = counts(before);
    expect(counts(after)).toBe(before);
  });

  it('writes the three sheets with the values outputSheets gives, read back by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cli.file('scored.xlsx'));
    const tables = outputSheets(result);
    for (const table of [tables.monthly, tables.annual, tables.issues]) {
      const ws = wb.getWorksheet(table.name)!;
      const read: SheetValue[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        read[r - 1] = table.columns.map((_c, k) => {
          const v = row.getCell(k + 1).value;
          if (v === null || v === undefined) return null;
          return typeof v === 'object' && 'text' in v ? String(v.text) : (v as SheetValue);
        });
      });
      expect(read).toEqual(expectedRows(table));
    }
  });

  it('reads back the same through the project’s own reader', async () => {
    const { grids } = await readSheetFile(cli.file('scored.xlsx'));
    const tables = outputSheets(result);
    for (const table of [tables.monthly, tables.annual, tables.issues]) {
      const grid = grids.find((g) => g.name === table.name)!;
      const rows = grid.rows.map((row) => table.columns.map((_c, k) => (row[k] === undefined ? null : row[k])));
      expect(rows).toEqual(expectedRows(table));
    }
    // The analyst's ledger reads as it did from the original.
    const before = (await readSheetFile(FIXTURE)).grids.find((g) => g.name === '台账')!;
    expect(grids.find((g) => g.name === '台账')).toEqual(before);
  });

  it('keeps the look: bold filled header, frozen panes, filter, formats, widths, links, bold totals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cli.file('scored.xlsx'));
    const monthly = wb.getWorksheet('月度得分')!;
    expect(monthly.getCell('A1').font?.bold).toBe(true);
    expect(monthly.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } });
    expect(monthly.getCell('A1').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(monthly.getCell('A1').border?.bottom?.style).toBe('thin');
    expect(monthly.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(monthly.getCell('E2').numFmt).toBe('0.00');
    expect(monthly.getCell('D2').numFmt).toBe('0');
    expect(monthly.getColumn(1).width).toBeGreaterThan(5);
    expect(monthly.autoFilter).toBe(`A1:${columnName(outputSheets(result).monthly.columns.length - 1)}${1 + result.summary.unitMonths}`);

    const annual = wb.getWorksheet('年度汇总')!;
    const last = annual.getRow(annual.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(1).font?.bold).toBe(true);
    expect(last.getCell(16).numFmt).toBe('#,##0');
    expect(annual.autoFilter).toBe(`A1:R${1 + result.units.length}`);

    const issues = wb.getWorksheet('问题清单')!;
    expect(issues.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = issues.getCell('E2');
    expect(first.value).toEqual({ text: result.errors[0].cell, hyperlink: `#'台账'!${result.errors[0].cell!.split('!')[1]}` });
    expect(first.font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
  });
});

describe('scoring the scored workbook again', () => {
  let rescored: Map<string, Buffer>;
  beforeAll(async () => {
    const run = await cli.run(['score', 'scored.xlsx', '--out', 'rescored.xlsx']);
    expect(run.status).toBe(0);
    rescored = await unzip(cli.file('rescored.xlsx'));
  });

  it('replaces the three sheets: no duplicates, no parts left of the first run', () => {
    expect(sheetList(utf8(rescored, 'xl/workbook.xml')).map((s) => s.name)).toEqual(['台账', '参数', '图表', '透视', ...OUTPUT]);
    const firstRun = [...sheetParts(scored).entries()].filter(([s]) => OUTPUT.includes(s)).map(([, p]) => p);
    const secondRun = [...sheetParts(rescored).entries()].filter(([s]) => OUTPUT.includes(s)).map(([, p]) => p);
    for (const p of firstRun) expect(rescored.has(p)).toBe(false);
    expect([...rescored.keys()].filter((n) => !secondRun.includes(n)).sort()).toEqual([...scored.keys()].filter((n) => !firstRun.includes(n)).sort());
    expect(utf8(rescored, '[Content_Types].xml').match(/worksheet\+xml/g)).toHaveLength(7);
  });

  it('leaves the analyst’s parts identical to the original, and styles.xml as the first run left it', () => {
    for (const [name, bytes] of original) {
      if (EDITED.includes(name) || EARLIER_SHEET_PARTS.includes(name)) continue;
      expect({ name, same: rescored.get(name)?.equals(bytes) }).toEqual({ name, same: true });
    }
    // The records the output needs are there already: reused, not appended again.
    expect(rescored.get('xl/styles.xml')!.equals(scored.get('xl/styles.xml')!)).toBe(true);
    expect(definedNames(utf8(rescored, 'xl/workbook.xml'))).toEqual(definedNames(utf8(scored, 'xl/workbook.xml')));
    // The first run's print titles went with its 年度汇总: one such name, not two.
    expect(utf8(rescored, 'xl/workbook.xml').match(/name="_xlnm\.Print_Titles"/g)).toHaveLength(1);
  });
});

describe('opening the output in LibreOffice', () => {
  it('converts every sheet (no repair, the pivot table and the three sheets intact)', () => {
    const version = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      console.log('LibreOffice (soffice) is not installed: the check that it opens the output is skipped.');
      return;
    }
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-lo-'));
    try {
      const profile = `file://${path.join(outDir, 'profile')}`;
      // 44,34,76: comma, double quote, UTF-8; the last -1 writes every sheet to its own file.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
      const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, cli.file('rescored.xlsx')], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      const csv = (sheet: string) => fs.readFileSync(path.join(outDir, `rescored-${sheet}.csv`), 'utf8').split('\n').filter((l) => l !== '');
      expect(csv('月度得分')).toHaveLength(1 + result.summary.unitMonths);
      expect(csv('月度得分')[0]).toContain('E1 登记失业人员就业率(5)');
      expect(csv('年度汇总').at(-1)).toMatch(/^合计,/);
      expect(csv('问题清单')).toHaveLength(1 + result.errors.length + result.warnings.length);
      expect(csv('透视').join('\n')).toContain('劳动力总数');
      expect(csv('图表')[1]).toMatch(/^社区,\d+$/);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('packages built for the edge cases', () => {
  const table: SheetTable = { name: '年度汇总', columns: [{ header: '单位名称', kind: 'text' }, { header: '年度得分', kind: 'points' }], rows: [['甲社区', 96.5]] };

  it('drops a calcChain that names a replaced sheet, keeps one that does not', async () => {
    const scoredFile = cli.file('scored.xlsx');
    const ids = new Map([...utf8(scored, 'xl/workbook.xml').matchAll(/<sheet name="([^"]*)" sheetId="(\d+)"/g)].map((m) => [m[1], m[2]]));
    const withChain = async (file: string, sheetId: string) => {
      const rels = utf8(scored, 'xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>');
      const types = utf8(scored, '[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>');
      const chain = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="${ids.get('图表')}"/><c r="B3"/><c r="C5" i="${sheetId}"/></calcChain>`;
      await rezip(scoredFile, file, { 'xl/_rels/workbook.xml.rels': Buffer.from(rels), '[Content_Types].xml': Buffer.from(types), 'xl/calcChain.xml': Buffer.from(chain) });
      const out = `${file}.out.xlsx`;
      await writeSheetsIntoPackage(file, out, [{ table, frozenColumns: 1 }]);
      return { input: await unzip(file), output: await unzip(out) };
    };
    const naming = await withChain(cli.file('chain-annual.xlsx'), ids.get('年度汇总')!);
    expect(naming.output.has('xl/calcChain.xml')).toBe(false);
    expect(utf8(naming.output, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(utf8(naming.output, '[Content_Types].xml')).not.toContain('calcChain');
    const notNaming = await withChain(cli.file('chain-ledger.xlsx'), ids.get('台账')!);
    expect(notNaming.output.get('xl/calcChain.xml')!.equals(notNaming.input.get('xl/calcChain.xml')!)).toBe(true);
  });

  it('reads a ZIP64 archive and keeps its parts', async () => {
    const zip64 = cli.file('zip64.xlsx');
    await rezip(FIXTURE, zip64, {}, true);
    const out = cli.file('zip64-out.xlsx');
    await writeSheetsIntoPackage(zip64, out, [{ table, frozenColumns: 1 }]);
    const written = await unzip(out);
    for (const [name, bytes] of original) {
      if (EDITED.includes(name) || EARLIER_SHEET_PARTS.includes(name)) continue;
      expect(written.get(name)?.equals(bytes)).toBe(true);
    }
  });

  it('leaves the source untouched and refuses a file that is not a workbook, in Chinese', async () => {
    const before = fs.readFileSync(FIXTURE);
    await writeSheetsIntoPackage(FIXTURE, cli.file('again.xlsx'), [{ table, frozenColumns: 1 }]);
    expect(fs.readFileSync(FIXTURE).equals(before)).toBe(true);
    const notZip = cli.file('not.xlsx');
    fs.writeFileSync(notZip, '这不是工作簿');
    await expect(writeSheetsIntoPackage(notZip, cli.file('x.xlsx'), [{ table, frozenColumns: 1 }])).rejects.toThrow('无法读取原工作簿：不是有效的 .xlsx 文件（压缩包已损坏或不完整）');
    const noWorkbook = cli.file('no-workbook.xlsx');
    await rezip(FIXTURE, noWorkbook, { 'xl/workbook.xml': null });
    await expect(writeSheetsIntoPackage(noWorkbook, cli.file('y.xlsx'), [{ table, frozenColumns: 1 }])).rejects.toThrow(/^原工作簿不是有效的 \.xlsx 文件：缺少 xl\/workbook\.xml/);
  });
});

describe('a damaged source', () => {
  it('is reported in Chinese, naming the part, and leaves no output behind (through writeOutputWorkbook)', async () => {
    // docProps/core.xml declared one byte shorter than it inflates to.
    const bytes = fs.readFileSync(FIXTURE);
    const name = Buffer.from('docProps/core.xml');
    for (let p = bytes.indexOf('PK\x01\x02'); p >= 0; p = bytes.indexOf('PK\x01\x02', p + 4)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE(bytes.readUInt32LE(p + 24) - 1, p + 24);
    }
    const damaged = cli.file('damaged.xlsx');
    fs.writeFileSync(damaged, bytes);
    const out = cli.file('damaged-out.xlsx');
    await expect(writeOutputWorkbook(out, result, damaged)).rejects.toThrow('原工作簿中的部件 docProps/core.xml 无法读取，文件可能已损坏');
    expect(fs.readdirSync(cli.dir).filter((f) => f.startsWith('.damaged-out') || f === 'damaged-out.xlsx')).toEqual([]);
  });

  it('a part whose bytes no longer match its recorded CRC is reported, though its copy reads through (the check runs beside the write)', async () => {
    const bytes = fs.readFileSync(FIXTURE);
    const name = Buffer.from('docProps/core.xml');
    let changed = 0;
    for (let p = bytes.indexOf('PK\x01\x02'); p >= 0; p = bytes.indexOf('PK\x01\x02', p + 4)) {
      if (!bytes.subarray(p + 46, p + 46 + name.length).equals(name)) continue;
      bytes.writeUInt32LE((bytes.readUInt32LE(p + 16) ^ 1) >>> 0, p + 16);
      changed++;
    }
    expect(changed).toBe(1);
    const damaged = cli.file('crc.xlsx');
    fs.writeFileSync(damaged, bytes);
    const out = cli.file('crc-out.xlsx');
    await expect(writeOutputWorkbook(out, result, damaged)).rejects.toThrow('原工作簿中的部件 docProps/core.xml 无法读取，文件可能已损坏');
    expect(fs.readdirSync(cli.dir).filter((f) => f.startsWith('.crc-out') || f === 'crc-out.xlsx')).toEqual([]);
  });
});

describe('a part proven intact while the ledger was read', () => {
  /** The fixture with docProps/core.xml's recorded CRC changed: its content no longer matches. */
  const withWrongCrc = (): Buffer => {
    const bytes = fs.readFileSync(FIXTURE);
    const name = Buffer.from('docProps/core.xml');
    for (let p = bytes.indexOf('PK\x01\x02'); p >= 0; p = bytes.indexOf('PK\x01\x02', p + 4)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE((bytes.readUInt32LE(p + 16) ^ 1) >>> 0, p + 16);
    }
    return bytes;
  };

  it('is proven only for the file as it was read: once the file is written again, the copy is checked again', async () => {
    const ledger = cli.file('proven.xlsx');
    fs.copyFileSync(FIXTURE, ledger);
    await withZip(ledger, async (zip) => void (await zip.bytes('docProps/core.xml')));
    expect(isProvenPart(await fileFingerprint(ledger), 'docProps/core.xml')).toBe(true);
    expect(isProvenPart(await fileFingerprint(ledger), 'xl/styles.xml')).toBe(false); // never read

    // The analyst saves the workbook again, damaged, between the reading and the writing.
    await new Promise((resolve) => setTimeout(resolve, 20));
    fs.writeFileSync(ledger, withWrongCrc());
    expect(isProvenPart(await fileFingerprint(ledger), 'docProps/core.xml')).toBe(false);
    const out = cli.file('proven-out.xlsx');
    await expect(writeOutputWorkbook(out, result, ledger)).rejects.toThrow('原工作簿中的部件 docProps/core.xml 无法读取，文件可能已损坏');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('is never proven when its content does not match its CRC', async () => {
    const ledger = cli.file('never-proven.xlsx');
    fs.writeFileSync(ledger, withWrongCrc());
    await expect(withZip(ledger, (zip) => zip.bytes('docProps/core.xml'))).rejects.toThrow(PartNotAsDeclared);
    expect(isProvenPart(await fileFingerprint(ledger), 'docProps/core.xml')).toBe(false);
  });
});

describe('the rules, one by one', () => {
  const replaced = new Set(OUTPUT);
  it('defined names: only into output sheets → dropped; lists lose those ranges; other formulas kept', () => {
    expect(definedNameAfter('年度汇总!$A$1:$C$3', replaced)).toEqual({ keep: false });
    expect(definedNameAfter("'年度汇总'!$A$1,'月度得分'!B2", replaced)).toEqual({ keep: false });
    expect(definedNameAfter('台账!$A$1,年度汇总!$A$1', replaced)).toEqual({ keep: true, formula: '台账!$A$1' });
    expect(definedNameAfter('SUM(台账!A1,年度汇总!A1)', replaced)).toEqual({ keep: true, formula: 'SUM(台账!A1,年度汇总!A1)' });
    expect(definedNameAfter('"年度汇总!A1"&台账!A1', replaced)).toEqual({ keep: true, formula: '"年度汇总!A1"&台账!A1' });
    expect(definedNameAfter('[1]年度汇总!A1', replaced)).toEqual({ keep: true, formula: '[1]年度汇总!A1' });
    expect(definedNameAfter("'O''Brien'!A1", replaced)).toEqual({ keep: true, formula: "'O''Brien'!A1" });
    expect(definedNameAfter('0.95', replaced)).toEqual({ keep: true, formula: '0.95' });
  });

  it('parts: what only a removed sheet used goes, what a kept part shares stays', () => {
    const links = new Map([
      ['xl/workbook.xml', ['xl/worksheets/sheet1.xml', 'xl/pivotcache/def1.xml']],
      ['xl/worksheets/sheet2.xml', ['xl/drawings/drawing2.xml', 'xl/pivottables/pt1.xml']],
      ['xl/drawings/drawing2.xml', ['xl/charts/chart2.xml', 'xl/media/image1.png']],
      ['xl/worksheets/sheet1.xml', ['xl/drawings/drawing1.xml']],
      ['xl/drawings/drawing1.xml', ['xl/media/image1.png']],
      ['xl/pivottables/pt1.xml', ['xl/pivotcache/def1.xml']],
    ]);
    const parts = new Set(['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/_rels/sheet2.xml.rels', 'xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml', 'xl/drawings/_rels/drawing2.xml.rels', 'xl/charts/chart2.xml', 'xl/media/image1.png', 'xl/pivottables/pt1.xml', 'xl/pivotcache/def1.xml', 'xl/orphan.xml']);
    expect([...partsToRemove(links, parts, ['xl/worksheets/sheet2.xml'])].sort()).toEqual(
      ['xl/worksheets/sheet2.xml', 'xl/worksheets/_rels/sheet2.xml.rels', 'xl/drawings/drawing2.xml', 'xl/drawings/_rels/drawing2.xml.rels', 'xl/charts/chart2.xml', 'xl/pivottables/pt1.xml'].sort(),
    );
  });

  it('styles: a prefixed part missing lists gets them where the schema puts them, with index 0 kept meaningful', () => {
    const xml = '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:fonts count="1"><x:font><x:sz val="9"/><x:name val="宋体"/></x:font></x:fonts><x:cellStyles count="0"/></x:styleSheet>';
    const sheet = new StyleSheetText(xml);
    const ids = addOutputStyles(sheet);
    const out = sheet.text;
    expect(out.indexOf('<x:fonts')).toBeLessThan(out.indexOf('<x:fills'));
    expect(out.indexOf('<x:borders')).toBeLessThan(out.indexOf('<x:cellStyleXfs'));
    expect(out.indexOf('<x:cellXfs')).toBeLessThan(out.indexOf('<x:cellStyles'));
    expect(styleRecords(out, 'x:fills', 'x:fill').slice(0, 2)).toEqual(['<x:fill><x:patternFill patternType="none"/></x:fill>', '<x:fill><x:patternFill patternType="gray125"/></x:fill>']);
    expect(styleRecords(out, 'x:fonts', 'x:font')[1]).toBe('<x:font><x:b/><x:sz val="9"/><x:name val="宋体"/></x:font>');
    expect(ids.header).toBeGreaterThan(0);
    expect(styleRecords(out, 'x:cellXfs', 'x:xf')[ids.body.points]).toContain('numFmtId="2"');
    // The row looks: the pane's red with dark-red text, its amber, each column kind's format kept.
    const red = styleRecords(out, 'x:cellXfs', 'x:xf')[ids.looks.eliminated.body.points];
    expect(red).toMatch(/numFmtId="2" fontId="(\d+)" fillId="(\d+)"/);
    const [, font, fill] = /fontId="(\d+)" fillId="(\d+)"/.exec(red)!.map(Number);
    expect(styleRecords(out, 'x:fonts', 'x:font')[font]).toBe('<x:font><x:color rgb="FF9C0006"/><x:sz val="9"/><x:name val="宋体"/></x:font>');
    expect(styleRecords(out, 'x:fills', 'x:fill')[fill]).toContain('<x:fgColor rgb="FFF8CBAD"/>');
    expect(styleRecords(out, 'x:cellXfs', 'x:xf')[ids.looks.flagged.body.yuan]).toMatch(/numFmtId="3" fontId="0" fillId="\d+"/);
    // Added again (a re-run), nothing new is appended.
    const again = new StyleSheetText(out);
    expect(addOutputStyles(again)).toEqual(ids);
    expect(again.text).toBe(out);
  });

  describe('print titles in workbook.xml', () => {
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const sheets = '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="年度汇总" sheetId="2" r:id="rId2"/></sheets>';
    const edit = (xml: string) => editWorkbook(xml, readWorkbook(xml), new Set(['年度汇总']), [{ name: '年度汇总', rId: 'rId9', printTitles: "'年度汇总'!$A:$A,'年度汇总'!$1:$1" }]);
    const titles = '<definedName name="_xlnm.Print_Titles" localSheetId="1">\'年度汇总\'!$A:$A,\'年度汇总\'!$1:$1</definedName>';

    it('are added after the sheets (and external references) where the workbook has no names', () => {
      expect(edit(`<workbook ${ns}>${sheets}<calcPr/></workbook>`)).toBe(`<workbook ${ns}><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="年度汇总" sheetId="3" r:id="rId9"/></sheets><definedNames>${titles}</definedNames><calcPr/></workbook>`);
      const withRefs = edit(`<workbook ${ns}>${sheets}<externalReferences><externalReference r:id="rId5"/></externalReferences><calcPr/></workbook>`);
      expect(withRefs).toContain(`</externalReferences><definedNames>${titles}</definedNames><calcPr/>`);
      expect(edit(`<workbook ${ns}>${sheets}<definedNames/></workbook>`)).toContain(`</sheets><definedNames>${titles}</definedNames></workbook>`);
    });

    it('replace the earlier run’s, even when they were the only name', () => {
      const earlier = `<workbook ${ns}>${sheets}<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">年度汇总!$A:$A,年度汇总!$1:$1</definedName></definedNames></workbook>`;
      const once = edit(earlier);
      expect(once.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
      expect(once).toContain(`<definedNames>${titles}</definedNames>`);
      const twice = edit(once);
      expect(twice.replace(/sheetId="\d+"/g, '')).toBe(once.replace(/sheetId="\d+"/g, ''));
    });
  });
});

/** A table's header and rows as a sheet holds them (header first). */
function expectedRows(table: SheetTable): SheetValue[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((r) => table.columns.map((_c, k) => r[k] ?? null))];
}

/** The Override entries the three new sheets get. */
function added3Overrides(): string[] {
  const parts = [...sheetParts(scored).entries()].filter(([s]) => OUTPUT.includes(s)).map(([, p]) => p);
  return parts.map((p) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
}
