/**
 * The original workbook's ZIP archive, read with yauzl: its entries in their stored order, the few
 * small parts that are edited read whole, and every other part streamed as stored (compressed)
 * straight into the new archive when its turn comes, so no large part is ever held in memory.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { fileFingerprint, isProvenPart } from '../../provenParts';
import { partKey } from './partNames';

/** The parts read whole are small XML; a larger one is not a part a spreadsheet application writes. */
const MAX_EDITED_PART = 256 * 1024 * 1024;

export class ZipSource {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** The file's fingerprint when it was opened (provenParts.ts). */
    private readonly fingerprint: string,
    /** Entries in the archive's order. */
    readonly entries: readonly yauzl.Entry[],
    private readonly byKey: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  static async open(file: string): Promise<ZipSource> {
    const fingerprint = await fileFingerprint(file);
    const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    const entries: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
    const byKey = new Map<string, yauzl.Entry>();
    for (const e of entries) if (!byKey.has(partKey(e.fileName))) byKey.set(partKey(e.fileName), e);
    return new ZipSource(zip, fingerprint, entries, byKey);
  }

  /** The entry of a part (names compare case-insensitively), if the archive has it. */
  entry(part: string): yauzl.Entry | undefined {
    return this.byKey.get(partKey(part));
  }

  /** A part's uncompressed bytes, or null when the archive lacks it. */
  async read(part: string): Promise<Buffer | null> {
    const entry = this.entry(part);
    if (!entry) return null;
    if (entry.uncompressedSize > MAX_EDITED_PART) throw new Error(`工作簿的部件 ${entry.fileName} 解压后超过 ${MAX_EDITED_PART / 1024 / 1024} MB，不像电子表格软件保存的文件`);
    const stream = await this.zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Whether this run's reading of the ledger already proved the part intact, the file unchanged since. */
  proven(entry: yauzl.Entry): boolean {
    return isProvenPart(this.fingerprint, entry.fileName);
  }

  /** A stream of a part's bytes as stored (compressed), for copying it unchanged. */
  storedStream(entry: yauzl.Entry): Promise<Readable> {
    return this.zip.openReadStreamPromise(entry, { decompress: false });
  }

  close(): void {
    this.zip.close();
  }
}
