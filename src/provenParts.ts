/**
 * Parts of a workbook file already proven intact in this run: inflated in full as they were read,
 * their content matching the CRC-32 the archive records. `--out` copies the analyst's parts as they
 * are stored and checks each by inflating it again; a part the reader has just proven (the ledger's
 * sheet, a gigabyte for Excel's million rows) need not be inflated a second time, as long as the file
 * is still the one that was read: the same file (device and inode), size and times.
 */
import { promises as fs } from 'node:fs';

const proven = new Map<string, Set<string>>();

/** What identifies a file's content for this purpose; it changes when the file is written or replaced. */
export async function fileFingerprint(file: string): Promise<string> {
  const st = await fs.stat(file, { bigint: true });
  return `${file}\u0000${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

export function recordProvenPart(fingerprint: string, part: string): void {
  let parts = proven.get(fingerprint);
  if (!parts) proven.set(fingerprint, (parts = new Set()));
  parts.add(part);
}

export function isProvenPart(fingerprint: string, part: string): boolean {
  return proven.get(fingerprint)?.has(part) ?? false;
}
