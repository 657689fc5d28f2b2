/**
 * A second thread reading a large sheet's plain row data (plainRows.ts) while the main thread
 * inflates, decodes and cuts the next pieces: on a million-row ledger the sheet's scan is a third
 * of the run and the second core is otherwise idle. The thread is a helper, never a source of
 * errors: if it cannot be started (the compiled file is absent, as under ts-jest) or it fails,
 * every piece it has not read comes back null and the main thread reads that piece itself.
 *
 * The cells come back in arrays the main thread lent the thread once, over SharedArrayBuffers, one
 * set (a slot) per piece in flight: memory the thread allocated for every piece would be freed on
 * the main thread into the thread's own malloc arena, and stay there (40 MiB more at the peak of a
 * 240,000-row run).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cellArrays, viewOf, type CellArrays, type DateStyles, type PlainCells } from './plainRows';
import type { ScanAnswer, ScanRequest, ScanStart } from './sheetScanWorker';

/** Where the compiled thread is: beside this module in lib/. */
export const SCAN_WORKER_FILE = join(__dirname, 'sheetScanWorker.js');

/**
 * The thread's own heap holds a piece or two of text (the cells are outside it): a small young
 * generation keeps it from taking the default's tens of MiB beside a ledger near its memory target.
 * A thread that runs out of its heap fails, and its pieces are read on the main thread.
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 };

/** A piece's cells, in a slot that is lent again once they are taken (`release`). */
export interface ThreadCells extends PlainCells {
  slot: number;
}

export class ScanThread {
  private readonly waiting = new Map<number, { slot: number; resolve: (cells: ThreadCells | null) => void }>();
  private readonly free: number[];
  private nextId = 0;
  private broken = false;

  private constructor(
    private readonly worker: Worker,
    private readonly slots: readonly CellArrays[],
  ) {
    this.free = slots.map((_slot, i) => i);
    const fail = () => {
      this.broken = true;
      for (const { slot, resolve } of this.waiting.values()) {
        this.free.push(slot);
        resolve(null);
      }
      this.waiting.clear();
    };
    worker.on('message', ({ id, count, openRow, openCol }: ScanAnswer) => {
      const request = this.waiting.get(id);
      if (!request) return;
      this.waiting.delete(id);
      if (count >= 0) return request.resolve({ ...viewOf(this.slots[request.slot], count, openRow, openCol), slot: request.slot });
      this.free.push(request.slot);
      request.resolve(null);
    });
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', fail);
  }

  /**
   * The thread, told which cell styles are dates, with `slots` pieces of up to `cellsPerSlot` value
   * cells in flight at once; null when it cannot be started.
   */
  static start(dateStyles: DateStyles, slots: number, cellsPerSlot: number, file = SCAN_WORKER_FILE): ScanThread | null {
    if (!existsSync(file)) return null;
    try {
      const lent = Array.from({ length: slots }, () => cellArrays(cellsPerSlot, (bytes) => new SharedArrayBuffer(bytes)));
      const start: ScanStart = { dateStyles, slots: lent };
      return new ScanThread(new Worker(file, { workerData: start, resourceLimits: THREAD_LIMITS }), lent);
    } catch {
      return null;
    }
  }

  /** The piece's cells, or null when the main thread is to read it (also when every slot is in use). */
  scan(text: string): Promise<ThreadCells | null> {
    const slot = this.broken ? undefined : this.free.pop();
    if (slot === undefined) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { slot, resolve });
      const request: ScanRequest = { id, slot, text };
      this.worker.postMessage(request);
    });
  }

  /** The cells have been taken: their slot may be lent again. */
  release(cells: ThreadCells): void {
    this.free.push(cells.slot);
  }

  /** Stops the thread; resolves once its memory is given back. */
  async close(): Promise<void> {
    this.broken = true;
    await this.worker.terminate();
  }
}
