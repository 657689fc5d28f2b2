/**
 * The scored copy of an .xlsx workbook, made by editing its package (the ZIP of XML parts) rather
 * than by loading it into exceljs and writing it back. A round trip through exceljs loses what
 * exceljs does not model (charts, drawings, pivot tables, custom document properties, …) and, for
 * a 200,000-row ledger, takes gigabytes of memory. Here every part of the original that is not the
 * add-in's own is copied with identical uncompressed bytes; the only edits are the ones adding or
 * replacing sheets needs (see package/plan.ts), and the new sheets are streamed as they are written.
 */
import type { NewSheet } from './package/plan';
import { planPackage } from './package/plan';
import { writeZip } from './package/writeZip';
import { ZipSource } from './package/zipSource';

export type { NewSheet };

/**
 * Writes to `targetFile` a copy of the workbook `sourceFile` with `sheets` added after its own,
 * replacing any sheets of the same names (and their drawings, comments and other parts of their own).
 * The source is only read.
 */
export async function writeSheetsIntoPackage(sourceFile: string, targetFile: string, sheets: readonly NewSheet[]): Promise<void> {
  let source: ZipSource;
  try {
    source = await ZipSource.open(sourceFile);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? '无法读取原工作簿：文件不存在' :
      code === 'EACCES' || code === 'EPERM' ? '无法读取原工作簿：没有读取权限' :
      '无法读取原工作簿：不是有效的 .xlsx 文件（压缩包已损坏或不完整）',
    );
  }
  try {
    await writeZip(targetFile, await planPackage(source, sheets));
  } finally {
    source.close();
  }
}
