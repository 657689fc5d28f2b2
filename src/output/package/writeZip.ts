/**
 * Writes the new archive with yazl, one entry at a time in the order given: original parts are
 * streamed from the old archive (inflated, then deflated again: yazl cannot copy compressed data,
 * and the parts' uncompressed bytes are what must stay the same), edited parts are small buffers,
 * new sheets are streams generated as they are written. yazl switches to ZIP64 by itself where an
 * entry or the archive passes 4 GB.
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import yazl from 'yazl';

export type OutEntry =
  | { kind: 'stream'; name: string; mtime: Date; compress: boolean; size?: number; copied: boolean; open: () => Promise<Readable> | Readable }
  | { kind: 'buffer'; name: string; mtime: Date; data: Buffer }
  | { kind: 'directory'; name: string; mtime: Date };

export function writeZip(file: string, entries: readonly OutEntry[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const out = fs.createWriteStream(file);
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      out.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    // A file-system error keeps its code (the CLI explains EBUSY, EACCES, …); a ZIP error from
    // yauzl or yazl (a part shorter or longer than its header says) means the source is damaged.
    const damaged = (name: string) => (err: unknown) =>
      fail((err as NodeJS.ErrnoException)?.code ? err : new Error(`原工作簿中的部件 ${name} 无法读取，文件可能已损坏`));
    zip.on('error', (err: unknown) => fail((err as NodeJS.ErrnoException)?.code ? err : new Error('生成工作簿压缩包时出错：原工作簿中有部件与其记录的大小不符，文件可能已损坏')));
    out.on('error', fail);
    out.on('close', () => {
      if (!failed) resolve();
    });
    zip.outputStream.pipe(out);
    for (const e of entries) {
      if (e.kind === 'directory') {
        zip.addEmptyDirectory(e.name, { mtime: e.mtime });
      } else if (e.kind === 'buffer') {
        zip.addBuffer(e.data, e.name, { mtime: e.mtime, compress: true });
      } else {
        const options = { mtime: e.mtime, compress: e.compress, ...(e.size === undefined ? {} : { size: e.size }) };
        zip.addReadStreamLazy(e.name, options, (cb) => {
          // yazl does not listen for a source stream's errors: without this, one would crash the process.
          const onError = e.copied ? damaged(e.name) : fail;
          Promise.resolve()
            .then(e.open)
            .then((stream) => {
              stream.once('error', onError);
              cb(null, stream);
            }, onError);
        });
      }
    }
    zip.end();
  });
}
