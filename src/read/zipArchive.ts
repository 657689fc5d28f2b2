/**
 * An .xlsx package read with yauzl: its directory, and each part as a stream inflated on demand.
 * yauzl reads the directory without inflating anything and handles ZIP64; a part's stored bytes
 * are inflated and checked by checkedContent (src/zipPartContent.ts), which stops a part at the size
 * its header declares, so a part whose header lies fails at that point instead of filling memory,
 * and checks its CRC-32 at the end. A file (a path) is read in place, never loaded
 * whole; bytes already in memory (a test, a generated workbook) are read the same way.
 */
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { fileFingerprint, recordProvenPart } from '../provenParts';
import { checkedContent, DEFLATED, PartNotAsDeclared, STORED } from '../zipPartContent';

export interface ZipPart {
  name: string;
  /** Declared sizes, from the central directory. */
  size: number;
  compressedSize: number;
  crc32: number;
}

/** The archive could not be read as a ZIP (damaged, not a ZIP); the message is yauzl's. */
export class ZipUnreadable extends Error {}

const openFile = promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open);
const openBuffer = promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer);

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    /** The file's fingerprint when it was opened (provenParts.ts); null for bytes in memory. */
    private readonly fingerprint: string | null,
  ) {}

  /** Opens a ZIP file (path) or ZIP bytes and reads its directory. Throws ZipUnreadable. */
  static async open(source: string | Buffer): Promise<ZipArchive> {
    const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    let zip: yauzl.ZipFile;
    let fingerprint: string | null = null;
    try {
      if (typeof source === 'string') fingerprint = await fileFingerprint(source);
      zip = typeof source === 'string' ? await openFile(source, options) : await openBuffer(source, options);
    } catch (err) {
      throw new ZipUnreadable(err instanceof Error ? err.message : String(err));
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on('end', resolve);
        zip.on('error', reject);
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw new ZipUnreadable(err instanceof Error ? err.message : String(err));
    }
    return new ZipArchive(zip, entries, fingerprint);
  }

  parts(): ZipPart[] {
    return [...this.entries.values()].map((e) => ({ name: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize, crc32: e.crc32 }));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part's content as it inflates, in chunks; null when the archive has no such part. */
  async stream(name: string): Promise<AsyncIterable<Buffer> | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const open = promisify<yauzl.Entry, yauzl.ZipFileOptions, Readable>(this.zip.openReadStream.bind(this.zip));
    try {
      const method = entry.compressionMethod;
      // Other methods are yauzl's to refuse or read (it checks their sizes as they pass).
      if (method !== STORED && method !== DEFLATED) return await open(entry, {});
      const stored = await open(entry, method === DEFLATED ? { decompress: false } : {});
      return this.proving(checkedContent(stored, { name: entry.fileName, method, size: entry.uncompressedSize, crc: entry.crc32 }), entry.fileName);
    } catch (err) {
      throw new ZipUnreadable(err instanceof Error ? err.message : String(err));
    }
  }

  /** `content`, the part recorded as proven intact (provenParts.ts) once all of it has passed its check. */
  private async *proving(content: AsyncIterable<Buffer>, part: string): AsyncGenerator<Buffer> {
    yield* content;
    if (this.fingerprint !== null) recordProvenPart(this.fingerprint, part);
  }

  /** A (small) part's whole content; null when there is no such part. */
  async bytes(name: string): Promise<Buffer | null> {
    const chunks = await this.stream(name);
    if (chunks === null) return null;
    const parts: Buffer[] = [];
    try {
      for await (const chunk of chunks) parts.push(chunk);
    } catch (err) {
      if (err instanceof PartNotAsDeclared) throw err;
      throw new ZipUnreadable(err instanceof Error ? err.message : String(err));
    }
    return Buffer.concat(parts);
  }

  async text(name: string): Promise<string | null> {
    return (await this.bytes(name))?.toString('utf8') ?? null;
  }

  close(): void {
    this.zip.close();
  }
}

/** Runs `f` on the opened archive and closes it, whatever happens. */
export async function withZip<T>(source: string | Buffer, f: (zip: ZipArchive) => Promise<T>): Promise<T> {
  const zip = await ZipArchive.open(source);
  try {
    return await f(zip);
  } finally {
    zip.close();
  }
}

/** One part's content, or null when the archive has no such part (for checks of a written file). */
export function readZipPart(source: string | Buffer, name: string): Promise<Buffer | null> {
  return withZip(source, (zip) => zip.bytes(name));
}

/** Whether two archives hold the same parts with the same contents (timestamps ignored). */
export async function sameZipContent(a: string | Buffer, b: string | Buffer): Promise<boolean> {
  const keys = (zip: ZipArchive) => zip.parts().map((p) => `${p.name}\u0000${p.crc32}\u0000${p.size}`).sort();
  const ka = await withZip(a, async (zip) => keys(zip));
  const kb = await withZip(b, async (zip) => keys(zip));
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
