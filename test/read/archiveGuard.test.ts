/**
 * Archives that would expand beyond any ledger (a zip bomb, or headers that lie about sizes) are
 * refused with status 2 and a Chinese message before a reader allocates for them: through the fast
 * reader, and through exceljs when a scored copy (--out) is asked for.
 */
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import { ARCHIVE_LIMITS } from '../../src/read/archiveGuard';
import { cliInProcess } from '../helpers/cliInProcess';

const cli = cliInProcess('hs-archive-');
afterAll(() => cli.remove());

/** A one-part ZIP whose directory says `declared` for a part holding `data` deflated. */
function zipWith(name: string, data: Buffer, declared: number): Buffer {
  const deflated = zlib.deflateRawSync(data);
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const localPart = Buffer.concat([local, nameBytes, deflated]);
  const centralPart = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

test('a part declared larger than the limit is refused from the directory alone', async () => {
  fs.writeFileSync(cli.file('巨大.xlsx'), zipWith('xl/worksheets/sheet1.xml', Buffer.from('<x/>'), ARCHIVE_LIMITS.partBytes + 1));
  const run = await cli.run(['score', '巨大.xlsx']);
  expect(run.status).toBe(2);
  expect(run.err).toMatch(/^hs-score：拒绝读取 .*巨大\.xlsx：其中「xl\/worksheets\/sheet1\.xml」解压后 \d+ MB，超过单个部件 512 MB 的上限/);
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
