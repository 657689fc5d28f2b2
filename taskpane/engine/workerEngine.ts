/**
 * The engine in a Web Worker (engineWorker.js, a bundle of its own beside taskpane.js). The grids
 * cross in blocks of rows, so no single copy blocks the pane; everything after that crosses as
 * the small answers the pane shows and one write request at a time.
 */
import type { CellValue, MergedRange, SheetGrid } from '../../src/ledger/types';
import { EngineError, type PaneEngine } from './engineCore';

/** Rows per message when the grids cross: a few hundred kilobytes, copied in a few milliseconds. */
const ROWS_PER_MESSAGE = 2000;

export function workerEngine(worker: Worker): PaneEngine {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.onmessage = (event: MessageEvent<{ id: number; value?: unknown; error?: string }>) => {
    const call = pending.get(event.data.id);
    if (!call) return;
    pending.delete(event.data.id);
    if (event.data.error !== undefined) call.reject(new EngineError(event.data.error));
    else call.resolve(event.data.value);
  };
  worker.onerror = (event) => {
    // The worker itself failed (not a call): every waiting call fails with it.
    for (const call of pending.values()) call.reject(new EngineError(`计算进程出错：${event.message}`));
    pending.clear();
  };
  const call = <T>(method: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });

  return {
    load: async (grids: readonly SheetGrid[], saved) => {
      await call('reset');
      for (const grid of grids) {
        const start = grid.rows.findIndex((row) => row !== undefined);
        if (start < 0 || grid.rows.length === 0) await call<void>('addRows', grid.name, 0, [] as CellValue[][], grid.merges as MergedRange[]);
        for (let first = Math.max(0, start); first < grid.rows.length; first += ROWS_PER_MESSAGE) {
          await call<void>('addRows', grid.name, first, grid.rows.slice(first, first + ROWS_PER_MESSAGE), first === Math.max(0, start) ? grid.merges : []);
        }
      }
      return call('load', saved);
    },
    choose: (choice) => call('choose', choice),
    setColumnTarget: (column, target) => call('setColumnTarget', column, target),
    score: (request) => call('score', request),
    subsidyResult: (typed, policyId) => call('subsidyResult', typed, policyId),
    subsidyWrite: (typed, policyId) => call('subsidyWrite', typed, policyId),
    nextRequest: (id) => call('nextRequest', id),
  };
}
