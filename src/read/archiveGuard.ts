/**
 * An .xlsx is a ZIP archive, and a small one can expand to gigabytes (a "zip bomb", or just a
 * damaged file whose headers lie). Before anything is inflated for real, the archive's directory is
 * checked against stated limits, and each part is inflated into a counter (no buffer kept) to prove
 * its size; an archive over a limit is refused with a Chinese message, never an out-of-memory crash.
 */
import * as zlib from 'node:zlib';
import { zipEntries, type ZipEntry } from '../sample/zip';

/** What a ledger workbook may expand to: far above any real district (36,000 rows are ~10 MB of XML). */
export const ARCHIVE_LIMITS = {
  /** All parts together, uncompressed. */
  expandedBytes: 1024 * 1024 * 1024,
  /** One part (a sheet's XML, the shared strings), uncompressed. */
  partBytes: 512 * 1024 * 1024,
};

/** Excel's own sheet size: a ledger beyond it is not one Excel could have saved. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/** Refused before reading: the message says why, in Chinese. */
export class ArchiveRefused extends Error {}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
/** ZIP64 marks a size it cannot hold in 32 bits with 0xFFFFFFFF: 4 GB or more. */
const ZIP64 = 0xffffffff;

function refuse(label: string, why: string): never {
  throw new ArchiveRefused(`拒绝读取 ${label}：${why}。这不像一个台账工作簿（可能已损坏，或是解压后异常巨大的文件）；如确为台账，请在 Excel 中另存为新的 .xlsx 后重试`);
}

/** The directory's declared sizes against the limits. Not a ZIP at all is left to the reader, which says so. */
export function checkDeclaredSizes(bytes: Buffer, label: string): ZipEntry[] | null {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return null;
  }
  let total = 0;
  for (const e of entries) {
    if (e.size === ZIP64 || e.compressedSize === ZIP64) refuse(label, `其中「${e.name}」解压后超过 4 GB`);
    if (e.size > ARCHIVE_LIMITS.partBytes) refuse(label, `其中「${e.name}」解压后 ${mib(e.size)}，超过单个部件 ${mib(ARCHIVE_LIMITS.partBytes)} 的上限`);
    total += e.size;
  }
  if (total > ARCHIVE_LIMITS.expandedBytes) refuse(label, `解压后共 ${mib(total)}，超过 ${mib(ARCHIVE_LIMITS.expandedBytes)} 的上限`);
  return entries;
}

/**
 * Proves every part inflates to no more than its declared size (and the limits), streaming into a
 * counter: a part whose header lies is refused before a reader allocates for it.
 */
export async function checkArchive(bytes: Buffer, label: string): Promise<void> {
  const entries = checkDeclaredSizes(bytes, label);
  if (!entries) return;
  for (const e of entries) {
    if (e.method !== 8 || e.name.endsWith('/')) continue;
    const p = e.localHeaderOffset;
    if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) return; // damaged: the reader says so
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const limit = Math.min(e.size, ARCHIVE_LIMITS.partBytes);
    const inflated = await countInflated(bytes.subarray(start, start + e.compressedSize), limit);
    if (inflated > limit) refuse(label, `其中「${e.name}」解压后超过其声明的 ${mib(e.size)}`);
  }
}

/** Bytes a raw-deflate stream expands to, counting without keeping them; stops past `limit` (returns limit + 1). */
function countInflated(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw();
    let count = 0;
    let done = false;
    const finish = (n: number) => {
      if (done) return;
      done = true;
      resolve(n);
    };
    inflate.on('data', (chunk: Buffer) => {
      count += chunk.length;
      if (count > limit) {
        inflate.destroy();
        finish(limit + 1);
      }
    });
    inflate.on('end', () => finish(count));
    inflate.on('error', () => finish(count)); // a damaged stream: the reader reports it
    inflate.end(data);
  });
}
