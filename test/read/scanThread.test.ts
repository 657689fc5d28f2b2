/**
 * A large sheet's plain row data is read on a second thread (plainRows.ts, sheetScanWorker.ts) and
 * taken by the main thread in order. The grids must be exactly the ones a reading on one thread
 * gives, whatever mixture of plain and other pieces the sheet holds, with the same first error, and
 * whether or not the thread can run at all. The thread runs here from its own source, transpiled
 * (ts-jest does not compile files a Worker loads).
 */
import * as fs from 'node:fs';
import { inspect } from 'node:util';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { fastXlsxGrids, type SheetReading } from '../../src/read/xlsxGrids';
import { PLAIN_DATE, PLAIN_NUMBER, PLAIN_SHARED_STRING, plainRows } from '../../src/read/plainRows';
import { ScanThread } from '../../src/read/scanThread';
import { tempDir } from './helpers';
import { baseWorkbook, transpiledScanWorker } from './scanThreadFixtures';

const temp = tempDir();
let workerFile = '';
beforeAll(() => {
  workerFile = transpiledScanWorker(temp.dir);
});
afterAll(() => temp.cleanup());

// Invalid Date !== Invalid Date for toEqual; compare what the grids print as.
const shown = (v: unknown) => inspect(v, { depth: 10, maxArrayLength: null });

/** Pieces of a few rows each, so that one small sheet is many pieces. */
const PIECE = 400;

async function threaded(bytes: Buffer, reading: Partial<SheetReading> = {}) {
  const tally = { thread: 0, here: 0 };
  const grids = await fastXlsxGrids(bytes, '台账.xlsx', { threadFrom: 0, pieceChars: PIECE, workerFile, tally, ...reading });
  return { grids, tally };
}
const inThread = (bytes: Buffer) => fastXlsxGrids(bytes, '台账.xlsx', { threadFrom: Infinity, pieceChars: PIECE });

/** What a reading gives: its grids as printed, or its error's kind and message. */
async function outcome(read: Promise<unknown>): Promise<string> {
  try {
    return shown(await read);
  } catch (err) {
    return `${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
}

/**
 * A workbook written by exceljs (its shared strings, one of them rich text, and its styles, a date
 * format among them) whose first sheet's rows are replaced by `rows(styles)`.
 */
async function workbookWithRows(rows: (s: { date: number; percent: number }) => string, options: { date1904?: boolean; dropStyles?: boolean } = {}): Promise<Buffer> {
  const { files, sheet, styles } = await baseWorkbook(['桃花仑社区', null], options.date1904);
  expect(styles.date).not.toBe(styles.percent);
  files['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows(styles)}</sheetData>`));
  if (options.dropStyles) {
    delete files['xl/styles.xml'];
    files['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files['xl/_rels/workbook.xml.rels']).replace(/<Relationship [^>]*styles[^>]*\/>/, ''));
  }
  return Buffer.from(zipSync(files));
}

/** A ledger-like row written the plain way, with what spreadsheet programs put around it. */
const plainRow = (r: number, s: { date: number; percent: number }) =>
  `<row r="${r}" spans="1:9" x14ac:dyDescent="0.25">` +
  `<c r="A${r}" t="s"><v>0</v></c><c r="B${r}" s="${s.percent}"><v>${r * 7}</v></c><c r="C${r}" s="${s.date}"><v>${45292 + r}</v></c>` +
  `<c r="D${r}"><v>-1.5E-3</v></c><c r="E${r}" t="n"><v>0.${r}</v></c><c r="F${r}" s="${s.percent}"/><c r="G${r}" t="s"><v>1</v></c>` +
  `<c t="s"><v>0</v></c><c r="j${r}"></c><c r="$K${r}" s="${s.percent}"><v></v></c><c r="L${r}"><v>${r}</v></c></row>`;

/** Rows that are not plain, each in its own way. */
const otherRows: ((r: number, s: { date: number; percent: number }) => string)[] = [
  (r) => `<row r="${r}"><c r="A${r}"><f>1+1</f><v>2</v></c><c r="B${r}"><f t="shared" ref="B${r}:B${r + 1}" si="0">A${r}*2</f><v>4</v></c></row>`,
  (r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>内联 &amp; 文本</t></is></c></row>`,
  (r) => `<row r="${r}"><c r='A${r}' t='s'><v>0</v></c><c r="B${r}" t="b"><v>1</v></c><c r="C${r}" t="e"><v>#N/A</v></c></row>`,
  (r) => `<row r="${r}"><c r="A${r}" s="999"><v>12</v></c><c r="B${r}" t="str"><v>公式文本</v></c></row>`,
  (r, s) => `<row r="${r}">\n  <c r="A${r}" s="${s.date}">\n    <v>45352</v>\n  </c>\n</row>`,
  (r) => `<row r="${r}"/>`,
  (r) => `<row r="${r}" ht="20" customHeight="1"><c r="A${r}" t="s"><v>0</v></c></row><row r="${r}"><c r="B${r}"><v>3</v></c></row>`, // the same row twice
  (r) => `<row r="${r}"><c r="A${r}"><v>1&#46;5</v></c></row>`,
];

describe('the scan thread reads a large sheet exactly as one thread does', () => {
  it('gives the same grids for a sheet of plain and other pieces, taking most of it on the thread', async () => {
    const bytes = await workbookWithRows((s) => {
      const rows: string[] = [];
      for (let r = 1; r <= 240; r++) rows.push(r % 9 === 4 ? otherRows[(r / 9) % otherRows.length | 0](r, s) : plainRow(r, s));
      return rows.join('');
    });
    const { grids, tally } = await threaded(bytes);
    expect(shown(grids)).toBe(shown(await inThread(bytes)));
    expect(tally.thread).toBeGreaterThan(tally.here);
    expect(tally.here).toBeGreaterThan(5);
    // What a plain row reads as: numbers, shared strings (rich text joined), dates from date styles.
    expect(grids[0].rows[0]).toEqual(['桃花仑社区', 7, new Date(Date.UTC(2024, 0, 2)), -0.0015, 0.1, null, '劳动力总数', '桃花仑社区', null, null, null, 1]);
  });

  it.each([
    ['a 1904 workbook', { date1904: true }],
    ['a workbook without a styles part', { dropStyles: true }],
  ])('gives the same grids for %s', async (_name, options) => {
    const bytes = await workbookWithRows((s) => Array.from({ length: 60 }, (_x, i) => plainRow(i + 1, s)).join(''), options);
    const { grids, tally } = await threaded(bytes);
    expect(shown(grids)).toBe(shown(await inThread(bytes)));
    expect(tally.here).toBe(0);
  });

  it.each([
    ['a row past Excel’s last', (r: number) => `<row r="2000000"><c r="A2000000"><v>${r}</v></c></row>`],
    ['a column past Excel’s last', (r: number) => `<row r="${r}"><c r="XFE${r}"><v>1</v></c></row>`],
    ['a shared string that does not exist', (r: number) => `<row r="${r}"><c r="A${r}" t="s"><v>99</v></c></row>`],
    ['a reference that is not one', (r: number) => `<row r="${r}"><c r="7${r}"><v>1</v></c></row>`],
  ])('stops at the same first error: %s', async (_name, fault) => {
    const bytes = await workbookWithRows((s) => {
      const rows = Array.from({ length: 80 }, (_x, i) => plainRow(i + 1, s));
      rows[50] = fault(51);
      rows[70] = `<row r="71"><c r="XFE71"><v>1</v></c></row>`; // a later fault must not be the one reported
      return rows.join('');
    });
    const alone = await outcome(inThread(bytes));
    expect(alone).toMatch(/^(ArchiveRefused|XlsxFastUnsupported): /);
    expect(await outcome(threaded(bytes).then((read) => read.grids))).toBe(alone);
  });

  // Found by scanThreadFuzz.test.ts: a piece read here after one read on the thread may begin with
  // cells that follow a row's end tag, which exceljs's parser (and the scanner) keeps in that row.
  it.each([
    ['a cell with its reference', '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', '<c r="C1" t="s"><v>0</v></c>'],
    ['a cell without a reference', '<row r="1"><c r="A1"><v>1</v></c><c r="C1"/></row>', '<c t="n"><v>9</v></c>'],
    ['a cell of a row without values', '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3" s="1"/></row>', '<c t="n"><v>9</v></c>'],
    ['a cell of a row given twice', '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1" s="1"/></row>', '<c><v>9</v></c>'],
  ])('leaves the last row of a piece read on the thread open for the next piece: %s after </row>', async (_name, rows, after) => {
    // Each row its own piece: the cell after the end tag begins the next one, read here.
    const padding = ' '.repeat(100);
    const bytes = await workbookWithRows(() => rows.replace(/<\/row>/g, `</row>${padding}`) + after + padding + '<row r="7"><c r="A7"><v>7</v></c></row>');
    const alone = await outcome(inThread(bytes));
    expect(alone).not.toMatch(/Error|Unsupported/);
    const { grids, tally } = await threaded(bytes, { pieceChars: 60 });
    expect(shown(grids)).toBe(alone);
    expect(tally.thread).toBeGreaterThan(0);
  });

  it.each([
    ['the last of two types', '<row r="1"><c r="A1" t="s" t="n"><v>3</v></c><c r="B1" t="n" t="s"><v>0</v></c></row>'],
    ['a column past Excel’s last, counted on from the cell before', '<row r="1"><c r="XFD1"><v>1</v></c><c t="n"><v>2</v></c></row>'],
    ['a styled empty column past Excel’s last', '<row r="1"><c r="XFD1"><v>1</v></c><c s="1"/></row>'],
    // Not well-formed (an attribute without a value), but the scanner reads it: the tag ends at its first >.
    ['an attribute without a value', '<row r="1"><c r="A1" x>y="z"/><c r="B1"><v>3</v></c></row>'],
  ])('reads a cell’s attributes as the main thread does: %s', async (_name, row) => {
    const bytes = await workbookWithRows(() => row + '<row r="2"><c r="A2"><v>2</v></c></row>');
    expect(await outcome(threaded(bytes, { pieceChars: 200 }).then((read) => read.grids))).toBe(await outcome(inThread(bytes)));
  });

  it('reads every piece here when the thread fails or cannot start', async () => {
    const bytes = await workbookWithRows((s) => Array.from({ length: 60 }, (_x, i) => plainRow(i + 1, s)).join(''));
    const alone = shown(await inThread(bytes));
    const dies = temp.file('dies.js');
    fs.writeFileSync(dies, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    const throws = temp.file('throws.js');
    fs.writeFileSync(throws, "throw new Error('坏了');");
    for (const file of [dies, throws, temp.file('absent.js')]) {
      const { grids, tally } = await threaded(bytes, { workerFile: file });
      expect(shown(grids)).toBe(alone);
      expect(tally.thread).toBe(0);
    }
  });
});

describe('plainRows: a piece of row data read when it is plain throughout', () => {
  it('gives each value cell’s row, column, kind and value', () => {
    const piece = '<row r="3" spans="1:4"><c r="B3" s="2" t="s"><v>17</v></c><c r="C3" s="5"><v>45352</v></c><c r="D3"/><c t="n"><v>2.5</v></c></row><row r="9"><c r="AA9" s="1"><v>-4</v></c></row>';
    const cells = plainRows(piece, Uint8Array.from([0, 0, 0, 0, 0, 1]))!;
    expect(cells.count).toBe(4);
    expect([...cells.rows]).toEqual([2, 2, 2, 8]);
    expect([...cells.cols]).toEqual([1, 2, 4, 26]);
    expect([...cells.kinds]).toEqual([PLAIN_SHARED_STRING, PLAIN_DATE, PLAIN_NUMBER, PLAIN_NUMBER]);
    expect([...cells.values]).toEqual([17, 45352, 2.5, -4]);
    // The last row element is left open for cells after its end tag: its row, and its last cell's column.
    expect([cells.openRow, cells.openCol]).toEqual([8, 26]);
  });

  it.each([
    ['a formula', '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'],
    ['an inline string', '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'],
    ['a boolean', '<row r="1"><c r="A1" t="b"><v>1</v></c></row>'],
    ['an entity in a value', '<row r="1"><c r="A1"><v>1&#46;5</v></c></row>'],
    ['an entity in an attribute', '<row r="1"><c r="A1" t="&#115;"><v>1</v></c></row>'],
    ['single quotes', "<row r='1'><c r='A1'><v>1</v></c></row>"],
    ['a style the table does not know', '<row r="1"><c r="A1" s="6"><v>1</v></c></row>'],
    ['a shared string index that is not a whole number', '<row r="1"><c r="A1" t="s"><v>1.5</v></c></row>'],
    ['a cell before any row', '<c r="A1"><v>1</v></c></row>'],
    ['rows out of order', '<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'],
    ['a row past Excel’s last', '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'],
    ['a column past Excel’s last', '<row r="1"><c r="XFE1"><v>1</v></c></row>'],
    ['a first cell without a reference', '<row r="1"><c t="n"><v>1</v></c></row>'],
    ['whitespace inside a cell', '<row r="1"><c r="A1">\n<v>1</v></c></row>'],
    ['a comment', '<row r="1"><!-- x --><c r="A1"><v>1</v></c></row>'],
    ['a cell tag without attributes', '<row r="1"><c><v>1</v></c></row>'],
  ])('is null for %s', (_name, piece) => {
    expect(plainRows(piece, Uint8Array.from([0, 0, 0, 0, 0, 1]))).toBeNull();
  });

  it('takes no style as a date when the workbook has no styles part', () => {
    expect([...plainRows('<row r="1"><c r="A1" s="40"><v>1</v></c></row>', null)!.kinds]).toEqual([PLAIN_NUMBER]);
  });
});

describe('ScanThread', () => {
  const five = '<row r="1"><c r="A1"><v>5</v></c></row>';
  it('reads pieces on the thread into the slots it was lent', async () => {
    const thread = ScanThread.start(null, 2, 10, workerFile)!;
    try {
      const [plain, other] = await Promise.all([thread.scan(five), thread.scan('<row r="1"><c r="A1"><f>1</f></c></row>')]);
      expect(plain && [...plain.values]).toEqual([5]);
      expect(other).toBeNull();
    } finally {
      await thread.close();
    }
    await expect(thread.scan(five)).resolves.toBeNull();
  });

  it('hands a piece back when every slot is in use, or when its cells do not fit in one', async () => {
    const thread = ScanThread.start(null, 1, 1, workerFile)!;
    try {
      const first = thread.scan(five);
      await expect(thread.scan(five)).resolves.toBeNull(); // the one slot is lent
      const cells = (await first)!;
      expect([...cells.values]).toEqual([5]);
      thread.release(cells);
      await expect(thread.scan('<row r="1"><c r="A1"><v>5</v></c><c r="B1"><v>6</v></c></row>')).resolves.toBeNull();
      expect((await thread.scan(five))?.count).toBe(1); // the slot came back with the piece that did not fit
    } finally {
      await thread.close();
    }
  });

  it('cannot start from a file that is not there', () => {
    expect(ScanThread.start(null, 1, 10, temp.file('absent.js'))).toBeNull();
  });
});
