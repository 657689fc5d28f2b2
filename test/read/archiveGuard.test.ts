/**
 * Archives that would expand beyond any ledger (a zip bomb, or headers that lie about sizes) are
 * refused with status 2 and a Chinese message before a reader allocates for them: through the fast
 * reader, and through exceljs when a scored copy (--out) is asked for.
 */
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withZip } from '../../src/read/zipArchive';
import { ARCHIVE_LIMITS } from '../../src/read/archiveGuard';
import { cliInProcess } from '../helpers/cliInProcess';

const cli = cliInProcess('hs-archive-');
afterAll(() => cli.remove());

/** A ZIP of the given parts, deflated; a part's `declared` size and CRC (what the directory says) default to its true ones. */
function zipOf(parts: { name: string; data: Buffer; declared?: number; crc?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, declared = data.length, crc = zlib.crc32(data) } of parts) {
    const deflated = zlib.deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    // The local and central headers carry the same fields at different offsets.
    const header = (size: number, fields: [number, number, number, number, number, number]) => {
      const h = Buffer.alloc(size);
      const [signature, method, compressed, uncompressed, nameLength, at] = fields;
      h.writeUInt32LE(signature, 0);
      h.writeUInt16LE(method, at);
      h.writeUInt32LE(crc, at + 6);
      h.writeUInt32LE(compressed, at + 10);
      h.writeUInt32LE(uncompressed, at + 14);
      h.writeUInt16LE(nameLength, at + 18);
      return h;
    };
    const local = header(30, [0x04034b50, 8, deflated.length, declared, nameBytes.length, 8]);
    const central = header(46, [0x02014b50, 8, deflated.length, declared, nameBytes.length, 10]);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const centralPart = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralPart, end]);
}

const zipWith = (name: string, data: Buffer, declared: number) => zipOf([{ name, data, declared }]);

test.each([
  ['xl/sharedStrings.xml', ARCHIVE_LIMITS.partBytes + 1, '单个部件 512 MB'],
  // A worksheet streams, so its limit is higher: time, not memory.
  ['xl/worksheets/sheet1.xml', ARCHIVE_LIMITS.sheetBytes + 1, '单个工作表 3072 MB'],
])('a part declared larger than its limit is refused from the directory alone (%s)', async (name, declared, limit) => {
  fs.writeFileSync(cli.file('巨大.xlsx'), zipWith(name, Buffer.from('<x/>'), declared));
  const run = await cli.run(['score', '巨大.xlsx']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(new RegExp(`^hs-score：拒绝读取 .*巨大\\.xlsx：其中「${name.replace(/\./g, '\\.')}」解压后 \\d+ MB，超过${limit} 的上限`));
});

test.each([[['score', '谎报.xlsx']], [['score', '谎报.xlsx', '--out', '结果.xlsx']]])('a part whose header lies about its size is refused, not inflated (%j)', async (args) => {
  // 64 MB of zeros deflate to ~64 KB; the directory says 1,000 bytes.
  fs.writeFileSync(cli.file('谎报.xlsx'), zipWith('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024), 1000));
  const before = process.memoryUsage().rss;
  const run = await cli.run(args);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/^hs-score：拒绝读取 .*谎报\.xlsx：其中「xl\/worksheets\/sheet1\.xml」解压后超过其声明的/);
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  expect(fs.existsSync(cli.file('结果.xlsx'))).toBe(false);
});

test('a part whose content does not match its CRC-32 is refused, not read as the ledger', async () => {
  const parts = await withZip(path.join(__dirname, '../../samples/heshan-2024-sample.xlsx'), (zip) =>
    Promise.all(zip.parts().map(async (p) => ({ name: p.name, data: (await zip.bytes(p.name))! }))));
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  fs.writeFileSync(cli.file('校验.xlsx'), zipOf(parts.map((p) => (p === sheet ? { ...p, crc: (zlib.crc32(p.data) ^ 0x10) >>> 0 } : p))));
  const run = await cli.run(['score', '校验.xlsx']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/^hs-score：拒绝读取 .*校验\.xlsx：其中「xl\/worksheets\/sheet1\.xml」的内容与其校验和（CRC-32）不符/);
});

describe("beyond Excel's own sheet size", () => {
  test('a sheet with a row past 1,048,576 is refused, not read as a sparse array of two billion rows', async () => {
    // The sample workbook with one cell added far below the last row Excel allows.
    const parts = await withZip(path.join(__dirname, '../../samples/heshan-2024-sample.xlsx'), (zip) =>
      Promise.all(zip.parts().map(async (p) => ({ name: p.name, data: (await zip.bytes(p.name))! }))));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    sheet.data = Buffer.from(sheet.data.toString('utf8').replace('</sheetData>', '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row></sheetData>'));
    fs.writeFileSync(cli.file('超长.xlsx'), zipOf(parts));
    const run = await cli.run(['score', '超长.xlsx']);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(/^hs-score：拒绝读取 .*超长\.xlsx：工作表「.+」有第2000000000行，超过 Excel 的 1,048,576 行上限/);
  });

  test('a CSV with more records than Excel has rows is refused as soon as the parser passes that many', async () => {
    fs.writeFileSync(cli.file('超长.csv'), `单位名称,月份\n${'甲社区,1\n'.repeat(1_048_577)}`);
    const run = await cli.run(['score', '超长.csv']);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(/拒绝读取 .*超过 Excel 的 1,048,576 行上限.*请按月或按乡镇拆分/);
  }, 30_000);
});
