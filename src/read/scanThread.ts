/**
 * A second thread reading a large sheet's plain row data (plainRows.ts) while the main thread
 * inflates, decodes and cuts the next pieces: on a million-row ledger the sheet's scan is a third
 * of the run and the second core is otherwise idle. The thread is a helper, never a source of
 * errors: if it cannot be started (the compiled file is absent, as under ts-jest) or it fails,
 * every piece it has not read comes back null and the main thread reads that piece itself.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DateStyles, PlainCells } from './plainRows';
import type { ScanRequest } from './sheetScanWorker';

/** Where the compiled thread is: beside this module in lib/. */
export const SCAN_WORKER_FILE = join(__dirname, 'sheetScanWorker.js');

export class ScanThread {
  private readonly waiting = new Map<number, (cells: PlainCells | null) => void>();
  private nextId = 0;
  private broken = false;

  private constructor(private readonly worker: Worker) {
    const fail = () => {
      this.broken = true;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    worker.on('message', ({ id, cells }: { id: number; cells: PlainCells | null }) => {
      const resolve = this.waiting.get(id);
      this.waiting.delete(id);
      resolve?.(cells);
    });
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', fail);
  }

  /** The thread, told which cell styles are dates; null when it cannot be started. */
  static start(dateStyles: DateStyles, file = SCAN_WORKER_FILE): ScanThread | null {
    if (!existsSync(file)) return null;
    try {
      return new ScanThread(new Worker(file, { workerData: { dateStyles } }));
    } catch {
      return null;
    }
  }

  /** The piece's cells, or null when the main thread is to read it. */
  scan(text: string): Promise<PlainCells | null> {
    if (this.broken) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const request: ScanRequest = { id, text };
      this.worker.postMessage(request);
    });
  }

  close(): void {
    this.broken = true;
    void this.worker.terminate();
  }
}
