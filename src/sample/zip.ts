/**
 * Just enough of the ZIP format to look inside an .xlsx: list its entries (name, CRC-32, size) and
 * inflate one. Used to tell whether a regenerated sample differs from the committed one in
 * anything but the archive's timestamps, and by tests that check the sheet XML itself.
 */
import * as zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  crc32: number;
  size: number;
  compressedSize: number;
  method: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 ZIP 文件（找不到中央目录）');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('ZIP 中央目录损坏');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      crc32: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed content of one entry, or null when the archive has no such entry. */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  const entry = zipEntries(zip).find((e) => e.name === name);
  if (!entry) return null;
  const p = entry.localHeaderOffset;
  if (zip.readUInt32LE(p) !== LOCAL) throw new Error('ZIP 本地文件头损坏');
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data);
}

/** Whether two archives hold the same entries with the same contents (timestamps ignored). */
export function sameZipContent(a: Buffer, b: Buffer): boolean {
  const key = (e: ZipEntry) => `${e.name}\u0000${e.crc32}\u0000${e.size}`;
  const ka = zipEntries(a).map(key).sort();
  const kb = zipEntries(b).map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
