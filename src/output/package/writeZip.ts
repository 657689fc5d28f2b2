/**
 * Writes the new archive with fflate's streaming Zip, one entry at a time in the order given.
 * Original parts are copied as their stored (compressed) bytes with their recorded CRC and sizes:
 * nothing is inflated or deflated again, so a copied part is the same part bit for bit and copying
 * a million-row ledger sheet costs only its reading and writing. Edited parts are small buffers and
 * new sheets are streams generated as they are written; both are deflated here by Node's zlib.
 *
 * fflate writes no ZIP64 records, so an entry or an archive reaching 4 GiB is refused rather than
 * written wrong; the reader's limits (archiveGuard.ts) keep every input part well below that.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { checkedContent, DEFLATED, PartNotAsDeclared, STORED } from '../../zipPartContent';

export type OutEntry =
  /**
   * An original part, copied as stored: `open` gives its compressed bytes. `proven` when this run
   * has already inflated it and matched its CRC (provenParts.ts): it is not checked again.
   */
  | { kind: 'copy'; name: string; mtime: Date; compression: number; crc: number; size: number; compressedSize: number; proven?: boolean; open: () => Promise<Readable> }
  | { kind: 'stream'; name: string; mtime: Date; open: () => Promise<Readable> | Readable }
  | { kind: 'buffer'; name: string; mtime: Date; data: Buffer }
  | { kind: 'directory'; name: string; mtime: Date };

/**
 * The new sheets are deflated at level 2: on a 月度得分 of a million rows it is three times as fast as
 * zlib's default 6 (which made writing wait on deflate) for a sheet about a quarter larger; the
 * analyst's own parts keep the compression they came with.
 */
const LEVEL = 2;
/** The largest size or offset a ZIP without ZIP64 records can state. */
const ZIP32_LIMIT = 0xffffffff;

const tooLarge = (name?: string) => new Error(`生成的工作簿${name ? `的部件 ${name} ` : ''}超过 4 GB，超出本工具可写的 .xlsx 大小`);

/**
 * Bytes the archive may hold ahead of the disk before it waits: with the stream's default 16 KiB,
 * copying a part of hundreds of megabytes waited for every 64 KiB read to be written before the next.
 */
const WRITE_BUFFER = 8 * 1024 * 1024;

/** The sink the archive's bytes go to: a file written with back-pressure, failing once. */
class ArchiveFile {
  private readonly out: fs.WriteStream;
  private failure: Error | null = null;
  private written = 0;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { highWaterMark: WRITE_BUFFER });
    this.out.on('error', (err) => {
      this.failure ??= err;
    });
  }

  /** fflate's callback: every piece of the archive, in order. */
  readonly take = (err: Error | null, data: Uint8Array | null, final: boolean): void => {
    if (err) {
      this.failure ??= err;
      return;
    }
    if (data && data.length) {
      this.written += data.length;
      this.out.write(data);
    }
    if (final) this.out.end();
  };

  /** Waits while the file is behind; throws the first error seen. */
  async settle(): Promise<void> {
    this.check();
    if (this.out.writableNeedDrain) await once(this.out, 'drain'); // rejects on the stream's error
    this.check();
  }

  check(): void {
    if (this.failure) throw this.failure;
    if (this.written >= ZIP32_LIMIT) throw tooLarge();
  }

  async close(): Promise<void> {
    if (!this.out.writableFinished) await once(this.out, 'finish');
    this.check();
    if (!this.out.closed) await once(this.out, 'close');
  }

  destroy(): void {
    this.out.destroy();
  }
}

/** One entry as fflate takes it; its CRC and size may be set as the data passes, before the last chunk. */
function inputFile(name: string, mtime: Date, compression: number, crc = 0, size = 0): ZipInputFile {
  return { filename: name, mtime, compression, crc, size };
}

async function feed(archive: ArchiveFile, file: ZipInputFile, chunks: AsyncIterable<Buffer>): Promise<number> {
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    file.ondata!(null, chunk as Uint8Array<ArrayBuffer>, false);
    await archive.settle();
  }
  return length;
}

/**
 * Whether a copied part's stored bytes are the part recorded: drained through checkedContent from a
 * second read of the source, its size and CRC must be the ones recorded, so a damaged part is
 * reported rather than passed on. It runs beside the rest of the write rather than gating the copy
 * chunk by chunk: the archive is a temporary file renamed only once every check has passed.
 * Parts stored with a method other than deflate or none are copied unchecked, and so is a part this
 * run has already proven intact while reading it (`proven`).
 */
async function storedPartIntact(entry: Extract<OutEntry, { kind: 'copy' }>): Promise<boolean> {
  const method = entry.compression;
  if (entry.proven || (method !== STORED && method !== DEFLATED)) return true;
  try {
    for await (const chunk of checkedContent(await entry.open(), { name: entry.name, method, size: entry.size, crc: entry.crc })) void chunk;
  } catch (err) {
    if (err instanceof PartNotAsDeclared) return false;
    throw err;
  }
  return true;
}

/** Deflated output in larger pieces than zlib's 16 KiB: fewer round trips between zlib's thread and the main one for a sheet of a gigabyte. */
const DEFLATE_CHUNK = 1024 * 1024;

/** A file-system error keeps its code (the CLI explains EBUSY, EACCES, …); a ZIP or inflate error means the source is damaged. */
function copyFailure(err: unknown, damaged: Error): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code && !code.startsWith('Z_') && err instanceof Error ? err : damaged;
}

/** A stream's bytes deflated, with the CRC and size of what went in. */
async function deflatedInto(archive: ArchiveFile, file: ZipInputFile, source: Readable): Promise<void> {
  const deflate = zlib.createDeflateRaw({ level: LEVEL, chunkSize: DEFLATE_CHUNK });
  const counted = async function* (input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      file.crc = zlib.crc32(chunk, file.crc);
      file.size += chunk.length;
      if (file.size >= ZIP32_LIMIT) throw tooLarge(file.filename);
      yield chunk;
    }
  };
  const deflating = pipeline(source, counted, deflate);
  await Promise.all([deflating, feed(archive, file, deflate)]);
}

/** Writes `entries` as a ZIP archive to `file`. */
export async function writeZip(file: string, entries: readonly OutEntry[]): Promise<void> {
  const archive = new ArchiveFile(file);
  const zip = new Zip(archive.take);
  /** The copied parts' checks, each settling to the error it found or null. */
  const checks: Promise<Error | null>[] = [];
  try {
    for (const e of entries) {
      if (e.kind === 'directory') {
        const dir = inputFile(e.name, e.mtime, STORED);
        zip.add(dir);
        dir.ondata!(null, new Uint8Array(0), true);
      } else if (e.kind === 'buffer') {
        const data = zlib.deflateRawSync(e.data, { level: LEVEL });
        const part = inputFile(e.name, e.mtime, DEFLATED, zlib.crc32(e.data), e.data.length);
        zip.add(part);
        part.ondata!(null, data as Uint8Array<ArrayBuffer>, true);
      } else if (e.kind === 'copy') {
        if (e.size >= ZIP32_LIMIT || e.compressedSize >= ZIP32_LIMIT) throw tooLarge(e.name);
        const part = inputFile(e.name, e.mtime, e.compression, e.crc, e.size);
        zip.add(part);
        const damaged = new Error(`原工作簿中的部件 ${e.name} 无法读取，文件可能已损坏`);
        const check = storedPartIntact(e).then(
          (intact) => (intact ? null : damaged),
          (err: unknown) => copyFailure(err, damaged),
        );
        checks.push(check);
        let copied: number;
        try {
          copied = await feed(archive, part, await e.open());
        } catch (err) {
          throw copyFailure(err, damaged);
        }
        if (copied !== e.compressedSize) throw damaged;
        part.ondata!(null, new Uint8Array(0), true);
      } else {
        const part = inputFile(e.name, e.mtime, DEFLATED);
        zip.add(part);
        await deflatedInto(archive, part, await e.open());
        part.ondata!(null, new Uint8Array(0), true);
      }
      archive.check();
    }
    const failed = (await Promise.all(checks)).find((e) => e !== null);
    if (failed) throw failed;
    zip.end();
    await archive.close();
  } catch (err) {
    archive.destroy();
    await Promise.all(checks); // none left reading the source once the write has failed
    throw err instanceof Error ? err : new Error(String(err));
  }
}
