/**
 * Seeded differential fuzz of the scan thread: random worksheets mixing plain rows (what the thread
 * reads, plainRows.ts) with every odd construct the main thread's scanner handles (cells without a
 * reference, duplicate and out-of-order rows, self-closing rows and cells, empty values, numbers
 * parseFloat reads, missing or rich shared strings, style ids past the table, other types, formulas,
 * entities, whitespace, cells after a row's end tag…), each read through the thread in small pieces
 * and on the main thread alone. The grids, or the first error's class and message, must be the same.
 * splitSheet is fuzzed beside it: whatever the chunks, its pieces start at a row start and together
 * are the rows' text.
 *
 * Each run draws a new seed and prints it on failure; FUZZ_SEED=<seed> replays a run,
 * FUZZ_SEED=<seed> FUZZ_CASE=<n> one case of it, FUZZ_CASES=<n> sets the number of cases.
 */
import { inspect } from 'node:util';
import { strFromU8, strToU8, zipSync } from 'fflate';
import { fastXlsxGrids, splitSheet } from '../../src/read/xlsxGrids';
import { prng } from '../helpers/prng';
import { tempDir } from './helpers';
import { baseWorkbook, transpiledScanWorker } from './scanThreadFixtures';
import { fuzzSeeds } from '../helpers/fuzzSeeds';

type Rng = ReturnType<typeof prng>;

const { runSeed: RUN_SEED, onlyCase: ONLY_CASE, cases: CASES, caseSeed } = fuzzSeeds(150);
const replay = (n: number) => `FUZZ_SEED=${RUN_SEED} FUZZ_CASE=${n}`;

const temp = tempDir();
let workerFile = '';

/** The base workbooks' parts (exceljs-written: shared strings, one rich; styles, a date and a percent). */
type Base = { files: Record<string, Uint8Array>; sheet: string };
const bases: Record<string, Base> = {};
let styles = { date: 0, percent: 0, count: 0 };
const STRINGS = ['桃花仑社区', null, '会龙山村', 'A&B', '就业'];

beforeAll(async () => {
  workerFile = transpiledScanWorker(temp.dir);
  for (const date1904 of [false, true]) {
    const base = await baseWorkbook(STRINGS, date1904);
    styles = base.styles;
    bases[date1904 ? '1904' : 'plain'] = { files: base.files, sheet: base.sheet };
  }
  const dropPart = (base: Base, part: string, rel: RegExp): Base => {
    const files = { ...base.files };
    delete files[part];
    files['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files['xl/_rels/workbook.xml.rels']).replace(rel, ''));
    return { files, sheet: base.sheet };
  };
  bases.noStyles = dropPart(bases.plain, 'xl/styles.xml', /<Relationship [^>]*styles[^>]*\/>/);
  bases.noStrings = dropPart(bases.plain, 'xl/sharedStrings.xml', /<Relationship [^>]*sharedStrings[^>]*\/>/);
  expect(styles.count).toBeGreaterThan(Math.max(styles.date, styles.percent));
});
afterAll(() => temp.cleanup());

const shown = (v: unknown) => inspect(v, { depth: 10, maxArrayLength: null });

async function outcome(read: Promise<unknown>): Promise<string> {
  try {
    return shown(await read);
  } catch (err) {
    return `${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
}

/**
 * The base workbook with `rows` in its first sheet, whose rows may never end (no </sheetData>), or
 * whose part may not match its CRC-32 (a byte after the rows changed: the part fails at its end).
 */
function workbookWith(base: Base, rows: string, fault: 'unended' | 'crc' | null): Buffer {
  const files = { ...base.files };
  files['xl/worksheets/sheet1.xml'] = strToU8(base.sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, () => `<sheetData>${rows}${fault === 'unended' ? '' : '</sheetData>'}`));
  const bytes = Buffer.from(zipSync(files, { level: 0 }));
  if (fault === 'crc') bytes[bytes.indexOf('pageMargins') + 10] ^= 1;
  return bytes;
}

/* ---------- Random sheet data ---------- */

const letters = (col: number): string => {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/**
 * Where a sheet may be odd. A case turns on a few kinds only, so that a piece holding an odd thing
 * is often plain otherwise: the thread then reads it, or must hand it back.
 */
const ODD_KINDS = [
  'ref', 'type', 'style', 'attr', 'order', 'spacing', 'number', 'shared', 'content',
  'rowNumber', 'rowTag', 'rowOrder', 'colOrder', 'selfClosingRow', 'openRow', 'stray',
] as const;
type OddKind = (typeof ODD_KINDS)[number];
type Odd = (kind: OddKind, scale?: number) => boolean;

function oddness(r: Rng): { odd: Odd; described: string } {
  const rate = r.pick([0.02, 0.05, 0.1, 0.3]);
  const kinds = new Set<OddKind>(r.chance(0.15) ? ODD_KINDS : Array.from({ length: r.pick([0, 1, 1, 1, 2, 3]) }, () => r.pick(ODD_KINDS)));
  return { odd: (kind, scale = 1) => kinds.has(kind) && r.chance(rate * scale), described: `${[...kinds].join('+') || 'none'} at ${rate}` };
}

/** A number as a <v> may hold it, plain or one parseFloat must read. */
function numberText(r: Rng, odd: Odd): string {
  if (!odd('number')) return r.pick([String(r.int(0, 99)), String(r.int(0, 1e6)), String(r.int(40000, 47000)), `${r.int(0, 999)}.${r.int(0, 99)}`]);
  return r.pick([
    '999999999999999', '1234567890123456', '12345678901234567890', '0000000000000007', '-' + r.int(1, 500), '-0', '1.5E-3', '2e5', '1e400',
    ' 12', '12 ', '\t3', '\n4', 'abc', '12abc', '.5', '+5', '0x1A', 'NaN', 'Infinity', '-', '1,5', '1>2', '007', '',
  ]);
}

/** One cell of row `row` at column `col` (0-based): the text and the cell's column. */
function cell(r: Rng, row: number, col: number, odd: Odd, previousCol: number): { text: string; col: number } {
  // The reference.
  let ref: string | null = `${letters(col)}${row}`;
  if (previousCol >= 16382) (ref = null), (col = previousCol + 1); // on past Excel’s last column
  else if (odd('ref')) {
    const kind = r.int(0, 10);
    if (kind <= 1 && previousCol >= 0) (ref = null), (col = previousCol + 1);
    else if (kind === 2) ref = `${letters(col).toLowerCase()}${row}`;
    else if (kind === 3) ref = `$${letters(col)}$${row}`;
    else if (kind === 4) ref = letters(col);
    else if (kind === 5) ref = r.pick(['', `7${row}`, `XFE${row}`, '$', 'A1B', `AAAA${row}`]);
    else if (kind === 6) ref = `${letters(col)}${row + r.int(1, 3)}`; // a reference to another row
    else if (kind >= 9) (col = r.int(16382, 16383)), (ref = `${letters(col)}${row}`);
    else if (kind === 7) ref = `${letters(col)}0${row}`;
  }
  // Type and style.
  const attrs: string[] = [];
  let type: 's' | 'n' | 'other' = r.chance(0.35) ? 's' : 'n';
  if (type === 's') attrs.push('t="s"');
  else if (r.chance(0.1)) attrs.push('t="n"');
  if (odd('type')) {
    const t = r.pick(['t="s" t="n"', 't="n" t="s"', 't="s" t="s"', 't="b"', 't="e"', 't="str"', 't="d"', 't=""', 't="N"', "t='s'", 't="&#115;"', 't="inlineStr"']);
    attrs.length = 0;
    attrs.push(t);
    type = t === 't="s" t="n"' ? 'n' : t === 't="n" t="s"' || t === 't="s" t="s"' ? 's' : 'other';
  }
  if (r.chance(0.5)) {
    const s = odd('style') ? r.pick(['999', String(styles.count), String(styles.count - 1), '', 'x', '01', '-1', '0', `0${styles.date}`, '1.5', '00000000001']) : String(r.pick([0, styles.date, styles.date, styles.percent]));
    attrs.push(`s="${s}"`);
  }
  if (odd('attr')) attrs.push(r.pick(['x14ac:dyDescent="0.25"', 'cm="1"', 'vm="&amp;"', 'a="<"', "q='1'", 'rr="B9"', 'tt="s"', 'ss="7"', 'x', 'x y="z"', 'x>y="z"', 'x="a>b"', 'x=""']));
  if (ref !== null) attrs.unshift(`r="${ref}"`);
  if (odd('order')) attrs.sort(() => r.next() - 0.5);
  if (odd('order') && ref !== null) attrs.push(r.pick([`r="${letters(col + 1)}${row}"`, 'r="7"', 'r="$A1"', 'r="a1"']));
  const gap = odd('spacing') ? r.pick(['  ', '\n', '\t']) : ' ';
  const open = attrs.length === 0 ? '<c' : `<c${gap}${attrs.join(odd('spacing') ? '  ' : ' ')}${odd('spacing') ? ' ' : ''}`;
  // The content.
  const value =
    type === 's'
      ? odd('shared') ? r.pick(['99', '1.5', '-1', ' 1', '0000000000000001', '12345678901234567', '', String(STRINGS.length), '1e0']) : String(r.int(0, STRINGS.length - 1))
      : type === 'n' ? numberText(r, odd) : r.pick(['1', '0', '#N/A', '文本', '2024-03-01T00:00:00Z']);
  const k = r.int(0, 99);
  let text: string;
  if (k < 8) text = `${open}/>`;
  else if (k < 11) text = `${open} />`;
  else if (k < 14) text = `${open}></c>`;
  else if (k < 17) text = `${open}><v></v></c>`;
  else if (odd('content')) {
    text = r.pick([
      `${open}><f>1+1</f><v>${value}</v></c>`,
      `${open}><f t="shared" ref="A1:A9" si="0">B1</f><v>${value}</v></c>`,
      `${open}><f t="shared" si="0"/><v>${value}</v></c>`,
      `${open} t="inlineStr"><is><t>内联</t></is></c>`,
      `${open}>\n<v>${value}</v>\n</c>`,
      `${open}><v>1&#46;5</v></c>`,
      `${open}><v>1\r\n</v></c>`,
      `${open}><v/></c>`,
      `${open}><v>${value}</v><extLst/></c>`,
      `${open}><v xml:space="preserve">${value}</v></c>`,
      `${open}><!-- x --><v>1</v></c>`,
      `${open}><v><![CDATA[1]]></v></c>`,
      `${open}><v>${value}</v></c >`,
    ]);
  } else text = `${open}><v>${value}</v></c>`;
  return { text, col };
}

/** The rows of a sheet: mostly plain, odd where `odd` says. */
function sheetRows(r: Rng, odd: Odd): string {
  const out: string[] = [];
  let row = r.int(1, 3);
  const rows = r.int(1, 50);
  for (let i = 0; i < rows; i++) {
    if (i > 0) {
      if (odd('rowOrder')) row = Math.max(1, r.pick([row, row - r.int(1, 3), row + 1]));
      else row += r.chance(0.2) ? r.int(2, 5) : 1;
    }
    let rowNumber = String(row);
    if (odd('rowNumber', 0.3)) rowNumber = r.pick(['0', '1048577', '', 'x', `0${row}`, `${row}.0`, ' 1', '1048576', '10000000000000000']);
    const attrs = r.pick(['', ' spans="1:9"', ' spans="1:9" x14ac:dyDescent="0.25"', ' ht="20" customHeight="1"']);
    let open = `<row r="${rowNumber}"${attrs}>`;
    if (odd('rowTag')) {
      open = r.pick([
        `<row  r="${rowNumber}" >`, `<row r='${rowNumber}'>`, `<row${attrs} r="${rowNumber}">`, `<row r="${rowNumber}" r="${row}">`,
        `<row r="x" r="${rowNumber}">`, `<row\nr="${rowNumber}">`, `<row r="${rowNumber}"x="1">`, `<row r="&#49;">`, '<row>', `<row r = "${rowNumber}">`,
        `<row x r="${rowNumber}">`, `<row r="${rowNumber}" x>`,
      ]);
    }
    if (odd('selfClosingRow')) {
      out.push(`<row r="${rowNumber}"${attrs}/>`);
      if (r.chance(0.7)) continue;
      open = ''; // cells after a self-closing row belong to it
    }
    const cells: string[] = [];
    let col = r.int(0, 3);
    let previousCol = -1;
    const width = r.int(0, 9);
    for (let c = 0; c < width; c++) {
      if (c > 0) {
        if (odd('colOrder')) col = Math.max(0, r.pick([col, col - r.int(1, 3), col + 1]));
        else col += r.chance(0.3) ? r.int(2, 4) : 1;
      }
      const made = cell(r, row, col, odd, previousCol);
      cells.push(made.text);
      previousCol = col = made.col;
    }
    const between = () => (r.chance(0.1) ? r.pick(['\n', '\r\n  ', ' ']) : '');
    let text = open + cells.map((c) => between() + c).join('') + between();
    text += odd('openRow') ? '' : '</row>'; // a row left open
    if (odd('stray')) {
      // Cells after the row's end tag (exceljs's parser keeps them in that row), or other stray markup.
      const after = r.pick([
        () => cell(r, row, previousCol + 1, () => false, previousCol).text,
        () => `<c t="n"><v>${r.int(1, 9)}</v></c>`,
        () => `<c s="${styles.date}"/>`,
        () => '<c r="B1" t="s"><v>0</v></c><c><v>3</v></c>',
        () => '</row>',
        () => '<!-- 备注 -->',
        () => '<rowBreaks/>',
        () => 'text',
        () => '<v>5</v>',
        () => '</c>',
      ])();
      text += after;
    }
    if (r.chance(0.1)) text += r.pick(['\n', '\r\n', '  ']);
    out.push(text);
  }
  return out.join('');
}

/* ---------- The runs ---------- */

describe('the scan thread against the main thread alone, on random sheets', () => {
  it(`gives the same grids or the same first error (seed ${RUN_SEED})`, async () => {
    const failures: string[] = [];
    let tally = { thread: 0, here: 0 };
    const cases = ONLY_CASE !== null ? [ONLY_CASE] : Array.from({ length: CASES }, (_x, n) => n);
    for (const n of cases) {
      const r = prng(caseSeed(n));
      const { odd, described } = oddness(r);
      const baseName = r.pick(['plain', 'plain', 'plain', '1904', 'noStyles', 'noStrings']);
      const rows = sheetRows(r, odd);
      // Mostly pieces of a few rows (a slot holds the cells of 1.25 pieceChars of text), some of one cell.
      const pieceChars = r.pick([r.int(1, 100), r.int(100, 600), r.int(100, 600), r.int(600, 3000)]);
      const fault = r.chance(0.1) ? r.pick(['unended', 'crc'] as const) : null;
      const bytes = workbookWith(bases[baseName], rows, fault);
      const caseTally = { thread: 0, here: 0 };
      const alone = await outcome(fastXlsxGrids(bytes, '台账.xlsx', { threadFrom: Infinity, pieceChars }));
      const beside = await outcome(fastXlsxGrids(bytes, '台账.xlsx', { threadFrom: 0, pieceChars, workerFile, tally: caseTally }));
      tally = { thread: tally.thread + caseTally.thread, here: tally.here + caseTally.here };
      if (beside !== alone) {
        failures.push(`#${n} (${replay(n)}; ${baseName}, pieces of ${pieceChars}, odd: ${described}${fault ? `, ${fault}` : ''})\n  rows: ${JSON.stringify(rows)}\n  alone:  ${alone.slice(0, 1500)}\n  thread: ${beside.slice(0, 1500)}`);
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} case(s) differ, run seed ${RUN_SEED}:\n${failures.slice(0, 5).join('\n')}`);
    // The thread must have read pieces, and handed some back.
    if (ONLY_CASE === null) {
      expect(tally.thread).toBeGreaterThan(CASES);
      expect(tally.here).toBeGreaterThan(CASES / 10);
    }
  }, Math.max(60_000, CASES * 100));
});

describe('splitSheet on random chunks', () => {
  it(`cuts pieces at row starts that together are the rows (seed ${RUN_SEED})`, async () => {
    const failures: string[] = [];
    const cases = ONLY_CASE !== null ? [ONLY_CASE] : Array.from({ length: CASES * 4 }, (_x, n) => n);
    for (const n of cases) {
      const r = prng(caseSeed(n) ^ 0x5bd1e995);
      const rows = sheetRows(r, oddness(r).odd) + r.pick(['', '\n', '\u6f22\u5b57']);
      const head = `<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1"/><sheetData>`;
      const tail = r.pick(['</worksheet>', '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>']);
      const bytes = Buffer.from(`${head}${rows}</sheetData>${tail}`, 'utf8');
      // Chunks of any size, so that the end tag and multi-byte characters are split between them.
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; ) {
        const size = r.pick([1, r.int(1, 13), r.int(1, 200), r.int(100, 5000)]);
        chunks.push(bytes.subarray(i, i + size));
        i += size;
      }
      const pieceChars = r.pick([r.int(1, 60), r.int(60, 400), r.int(400, 3000)]);
      const pieces: string[] = [];
      const got = await splitSheet((async function* () { yield* chunks; })(), (piece) => void pieces.push(piece), pieceChars);
      const problems: string[] = [];
      if (got !== `</sheetData>${tail}`) problems.push(`tail ${JSON.stringify(got)}`);
      if (pieces.join('') !== rows) problems.push('the pieces are not the rows');
      pieces.forEach((piece, i) => {
        if (piece === '') problems.push(`piece ${i} is empty`);
        const before = pieces.slice(0, i).join('');
        if (i > 0 && !before.endsWith('</row>') && !/^<row[\s>/]/.test(piece)) problems.push(`piece ${i} starts within a row: ${JSON.stringify(piece.slice(0, 40))}`);
      });
      if (problems.length > 0) failures.push(`#${n} (${replay(n)}; pieces of ${pieceChars}): ${problems.join('; ')}\n  rows: ${JSON.stringify(rows.slice(0, 400))}`);
    }
    if (failures.length > 0) throw new Error(`${failures.length} case(s) failed, run seed ${RUN_SEED}:\n${failures.slice(0, 5).join('\n')}`);
  }, Math.max(60_000, CASES * 100));
});
