/**
 * An .xlsx is a ZIP archive, and a small one can expand to gigabytes (a "zip bomb", or just a
 * damaged file whose headers lie). The archive's directory is checked against stated limits
 * before anything is inflated; while a part inflates, it is stopped at the size its header
 * declared (src/zipPartContent.ts). An archive over a limit is refused with a Chinese message, never an out-of-memory crash.
 */
import { PartNotAsDeclared } from '../zipPartContent';
import { withZip, ZipUnreadable, type ZipArchive, type ZipPart } from './zipArchive';

const MB = 1024 * 1024;

/** What a ledger workbook may expand to. */
export const ARCHIVE_LIMITS = {
  /**
   * One worksheet, inflated as a stream and read row by row, so its size costs time, not memory:
   * Excel's 1,048,576 rows of a forty-column ledger are about 1.7 GB of XML.
   */
  sheetBytes: 3 * 1024 * MB,
  /** Any other part (shared strings, styles, the workbook's directory), inflated into memory. */
  partBytes: 512 * MB,
  /** All parts together. */
  expandedBytes: 6 * 1024 * MB,
  /**
   * A workbook read by exceljs's full load (one the streaming reader cannot read exactly as
   * exceljs would): that load holds about ten times the XML in memory.
   */
  fullLoadBytes: 256 * MB,
};

/** Excel's own sheet size: a ledger beyond it is not one Excel could have saved. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/** Refused before reading: the message says why, in Chinese. */
export class ArchiveRefused extends Error {}

const mib = (n: number) => `${Math.round(n / MB)} MB`;

function refuse(label: string, why: string): never {
  throw new ArchiveRefused(`拒绝读取 ${label}：${why}。这不像一个台账工作簿（可能已损坏，或是解压后异常巨大的文件）；如确为台账，请在 Excel 中另存为新的 .xlsx 后重试`);
}

/** A part exceljs reads as a worksheet (and the streaming reader streams). */
export const isWorksheetPart = (name: string): boolean => /^\/?xl\/worksheets\/sheet\d+\.xml$/.test(name);

/** The directory's declared sizes against the limits. */
export function checkDeclaredSizes(parts: readonly ZipPart[], label: string): void {
  let total = 0;
  for (const p of parts) {
    const [limit, what] = isWorksheetPart(p.name) ? [ARCHIVE_LIMITS.sheetBytes, '单个工作表'] : [ARCHIVE_LIMITS.partBytes, '单个部件'];
    if (p.size > limit) refuse(label, `其中「${p.name}」解压后 ${mib(p.size)}，超过${what} ${mib(limit)} 的上限`);
    total += p.size;
  }
  if (total > ARCHIVE_LIMITS.expandedBytes) refuse(label, `解压后共 ${mib(total)}，超过 ${mib(ARCHIVE_LIMITS.expandedBytes)} 的上限`);
}

/** A part that inflated to other than its header declares (our check, or yauzl's size check on a part stored uncompressed). */
export function isLyingPart(err: unknown): boolean {
  return err instanceof PartNotAsDeclared || (err instanceof Error && /too many bytes in the stream|expected \d+\. got/i.test(err.message));
}

export function refuseLyingPart(label: string, part: ZipPart | undefined, name: string, err?: unknown): never {
  const how = err instanceof PartNotAsDeclared ? err.how : 'larger';
  if (how === 'crc') return refuse(label, `其中「${name}」的内容与其校验和（CRC-32）不符`);
  if (how === 'smaller') return refuse(label, `其中「${name}」解压后不足其声明的 ${mib(part?.size ?? 0)}`);
  return refuse(label, `其中「${name}」解压后超过其声明的 ${mib(part?.size ?? 0)}`);
}

/**
 * Before exceljs loads a workbook whole: the declared sizes within what that load can hold, and
 * every part inflated into a counter (nothing kept) to prove its size. A file that is not a ZIP is
 * left to exceljs, which says so.
 */
export async function checkFullLoad(source: string | Buffer, label: string): Promise<void> {
  try {
    await withZip(source, async (zip) => {
      const parts = zip.parts();
      checkDeclaredSizes(parts, label);
      const total = parts.reduce((n, p) => n + p.size, 0);
      if (total > ARCHIVE_LIMITS.fullLoadBytes) {
        refuse(label, `解压后共 ${mib(total)}，其中有本程序的快速读取器无法按原样读取的内容，而完整读取这样大的工作簿需要 ${mib(total * 10)} 以上内存`);
      }
      for (const p of parts) await countPart(zip, p, label);
    });
  } catch (err) {
    if (err instanceof ZipUnreadable) return;
    throw err;
  }
}

async function countPart(zip: ZipArchive, part: ZipPart, label: string): Promise<void> {
  if (part.name.endsWith('/')) return;
  try {
    const chunks = await zip.stream(part.name);
    if (chunks) for await (const chunk of chunks) void chunk;
  } catch (err) {
    if (isLyingPart(err)) refuseLyingPart(label, part, part.name, err);
    if (err instanceof ArchiveRefused) throw err;
    // Damaged otherwise: exceljs reports it.
  }
}
