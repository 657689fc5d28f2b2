/**
 * A ZIP part's content from its stored bytes, checked against what the archive's directory
 * declares: stopped as soon as it passes its declared size (a part whose header lies never fills
 * memory), and its size and CRC-32 compared at the end. The reader takes a sheet's content this way
 * as it scans it; `--out` drains a copied part this way to prove its copy.
 */
import { PassThrough, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';

export const STORED = 0;
export const DEFLATED = 8;

/** What the directory says of a part. */
export interface DeclaredPart {
  name: string;
  /** STORED or DEFLATED; other methods are not read here. */
  method: number;
  size: number;
  crc: number;
}

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

/** `stored` inflated (a DEFLATED part) or as it is (a STORED one), with room to run ahead of its reader. */
function contentOf(stored: Readable, method: number): Readable {
  if (method === STORED) return stored;
  if (method !== DEFLATED) throw new Error(`压缩方式 ${method} 不在此读取`);
  const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
  const ahead = new PassThrough({ highWaterMark: INFLATED_AHEAD });
  stored.on('error', (err) => inflate.destroy(err));
  inflate.on('error', (err) => ahead.destroy(err));
  ahead.on('close', () => {
    inflate.destroy();
    stored.destroy();
  });
  stored.pipe(inflate).pipe(ahead);
  return ahead;
}

/** The part's content in chunks; throws PartNotAsDeclared when it is not what `part` declares. */
export async function* checkedContent(stored: Readable, part: DeclaredPart): AsyncGenerator<Buffer> {
  const content = contentOf(stored, part.method);
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > part.size) throw new PartNotAsDeclared(part.name, 'larger');
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    content.destroy();
  }
  if (size < part.size) throw new PartNotAsDeclared(part.name, 'smaller');
  if (crc !== part.crc) throw new PartNotAsDeclared(part.name, 'crc');
}
