/**
 * An .xlsx package read with yauzl: its directory, and each part as a stream inflated on demand.
 * yauzl reads the directory without inflating anything, handles ZIP64, and checks while it
 * inflates that no part expands past the size its header declares, so a part whose header lies
 * fails at that point instead of filling memory. A file (a path) is read in place, never loaded
 * whole; bytes already in memory (a test, a generated workbook) are read the same way.
 */
import { PassThrough, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { fileFingerprint, recordProvenPart } from '../provenParts';

export interface ZipPart {
  name: string;
  /** Declared sizes, from the central directory. */
  size: number;
  compressedSize: number;
  crc32: number;
}

/** The archive could not be read as a ZIP (damaged, not a ZIP); the message is yauzl's. */
export class ZipUnreadable extends Error {}

/** A part that inflated to more or fewer bytes than its directory entry declares, or to other content than its CRC-32 says. */
export class PartNotAsDeclared extends Error {
  constructor(
    readonly part: string,
    readonly how: 'larger' | 'smaller' | 'crc',
  ) {
    super(`${part}: ${how}`);
  }
}

/**
 * Inflated output in pieces of a megabyte rather than zlib's 16 KiB: each piece is a round trip
 * between zlib's thread and the main one, and with small pieces the main thread, scanning a sheet
 * of a gigabyte, spent a fifth of its time waiting on them.
 */
const INFLATE_CHUNK = 1024 * 1024;
/** How far inflating may run ahead of the reader: it goes on while the reader scans a piece of text. */
const INFLATED_AHEAD = 8 * 1024 * 1024;

/**
 * A deflated part's stored bytes inflated, stopped as soon as it passes its declared size (a part
 * whose header lies never fills memory) and checked against its declared size and CRC at the end.
 */
async function* inflatedPart(stored: Readable, entry: yauzl.Entry, onIntact: () => void): AsyncGenerator<Buffer> {
  const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
  const ahead = new PassThrough({ highWaterMark: INFLATED_AHEAD });
  stored.on('error', (err) => inflate.destroy(err));
  inflate.on('error', (err) => ahead.destroy(err));
  ahead.on('close', () => {
    inflate.destroy();
    stored.destroy();
  });
  stored.pipe(inflate).pipe(ahead);
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of ahead as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.uncompressedSize) throw new PartNotAsDeclared(entry.fileName, 'larger');
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    ahead.destroy();
  }
  if (size < entry.uncompressedSize) throw new PartNotAsDeclared(entry.fileName, 'smaller');
  if (crc !== entry.crc32) throw new PartNotAsDeclared(entry.fileName, 'crc');
  onIntact();
}

const DEFLATE = 8;

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
      // Other methods are yauzl's to refuse or read (it checks their sizes as they pass).
      if (entry.compressionMethod !== DEFLATE) return await open(entry, {});
      const { fingerprint } = this;
      return inflatedPart(await open(entry, { decompress: false }), entry, () => fingerprint !== null && recordProvenPart(fingerprint, entry.fileName));
    } catch (err) {
      throw new ZipUnreadable(err instanceof Error ? err.message : String(err));
    }
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
