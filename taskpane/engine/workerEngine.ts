/**
 * The engine in a Web Worker (engineWorker.js, a bundle of its own beside taskpane.js). The grids
 * cross in blocks of rows, so no single copy blocks the pane; everything after that crosses as
 * the small answers the pane shows and one write request at a time.
 */
import type { CellValue, MergedRange, SheetGrid } from '../../src/ledger/types';
import { EngineError, inPageEngine, type PaneEngine } from './engineCore';

/** The worker could not run at all (its script refused or failed): the page takes over. */
class WorkerFailed extends Error {}

/** Rows per message when the grids cross: a few hundred kilobytes, copied in a few milliseconds. */
const ROWS_PER_MESSAGE = 2000;

export function workerEngine(worker: Worker, fallback: () => PaneEngine = inPageEngine): PaneEngine {
  let nextId = 1;
  let local: PaneEngine | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.onmessage = (event: MessageEvent<{ id: number; value?: unknown; error?: string }>) => {
    const call = pending.get(event.data.id);
    if (!call) return;
    pending.delete(event.data.id);
    if (event.data.error !== undefined) call.reject(new EngineError(event.data.error));
    else call.resolve(event.data.value);
  };
  worker.onerror = (event) => {
    // The worker itself failed (not one call): the engine runs in the page from now on.
    event.preventDefault();
    local ??= fallback();
    worker.terminate();
    for (const call of pending.values()) call.reject(new WorkerFailed(event.message));
    pending.clear();
  };
  const call = <T>(method: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (local) {
        reject(new WorkerFailed('worker stopped'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });

  /** A call, or the page's engine when the worker has failed (the ledger is then read again there). */
  const orLocal = <T>(work: () => Promise<T>, inPage: (engine: PaneEngine) => Promise<T>): Promise<T> =>
    local ? inPage(local) : work().catch((error) => (error instanceof WorkerFailed ? inPage(local!) : Promise.reject(error)));

  const sendGrids = async (grids: readonly SheetGrid[], saved: Parameters<PaneEngine['load']>[1]) => {
    await call('reset');
    for (const grid of grids) {
      const start = grid.rows.findIndex((row) => row !== undefined);
      if (start < 0 || grid.rows.length === 0) await call<void>('addRows', grid.name, 0, [] as CellValue[][], grid.merges as MergedRange[]);
      for (let first = Math.max(0, start); first < grid.rows.length; first += ROWS_PER_MESSAGE) {
        await call<void>('addRows', grid.name, first, grid.rows.slice(first, first + ROWS_PER_MESSAGE), first === Math.max(0, start) ? grid.merges : []);
      }
    }
    return call<Awaited<ReturnType<PaneEngine['load']>>>('load', saved);
  };

  return {
    load: (grids, saved) => orLocal(() => sendGrids(grids, saved), (e) => e.load(grids, saved)),
    choose: (choice) => orLocal(() => call('choose', choice), (e) => e.choose(choice)),
    setColumnTarget: (column, target) => orLocal(() => call('setColumnTarget', column, target), (e) => e.setColumnTarget(column, target)),
    setSheetIncluded: (sheet, included) => orLocal(() => call('setSheetIncluded', sheet, included), (e) => e.setSheetIncluded(sheet, included)),
    score: (request) => orLocal(() => call('score', request), (e) => e.score(request)),
    subsidyResult: (typed, policyId) => orLocal(() => call('subsidyResult', typed, policyId), (e) => e.subsidyResult(typed, policyId)),
    subsidyWrite: (typed, policyId) => orLocal(() => call('subsidyWrite', typed, policyId), (e) => e.subsidyWrite(typed, policyId)),
    nextRequest: (id) => orLocal(() => call('nextRequest', id), (e) => e.nextRequest(id)),
  };
}
