/**
 * The pane's engine across a worker's message channel: a stand-in Worker that clones every message
 * as the browser does (structuredClone) and runs the real worker script. Checks that the grids
 * cross in blocks and arrive whole, that what comes back is the same as the page's own engine
 * gives, that an engine error arrives as its Chinese message, and that a worker that cannot run
 * hands over to the page.
 */
import { districtGrids } from '../helpers/districtGrids';
import { inPageEngine, type PaneEngine } from '../../taskpane/engine/engineCore';
import { workerEngine } from '../../taskpane/engine/workerEngine';
import type { SheetGrid } from '../../src/ledger/types';

type Listener = (event: { data: unknown }) => void;

/** Runs taskpane/engine/engineWorker.ts in this process behind a cloning message channel. */
function clonedWorker(log: { method: string; bytes: number }[]): Worker {
  const workerScope: { onmessage: Listener | null; postMessage: (m: unknown) => void } = { onmessage: null, postMessage: () => undefined };
  const page = {
    onmessage: null as Listener | null,
    onerror: null as ((e: { message: string; preventDefault(): void }) => void) | null,
    postMessage(message: { method: string }) {
      log.push({ method: message.method, bytes: JSON.stringify(message).length });
      const copy = structuredClone(message);
      setTimeout(() => workerScope.onmessage!({ data: copy }), 0);
    },
    terminate() {},
  };
  workerScope.postMessage = (m) => {
    const copy = structuredClone(m);
    setTimeout(() => page.onmessage!({ data: copy }), 0);
  };
  const previous = (globalThis as { self?: unknown }).self;
  (globalThis as { self?: unknown }).self = workerScope;
  jest.isolateModules(() => require('../../taskpane/engine/engineWorker'));
  (globalThis as { self?: unknown }).self = previous;
  return page as unknown as Worker;
}

async function scoreThrough(engine: PaneEngine, grids: SheetGrid[]) {
  const loaded = await engine.load(grids, undefined);
  const scored = await engine.score({ typed: {}, mode: 'values', policyId: 'heshan-2024' });
  const requests = [];
  for (let r = await engine.nextRequest(scored.write.id); r; r = await engine.nextRequest(scored.write.id)) requests.push(r);
  return { loaded, scored, requests };
}

test('a district crosses in blocks and scores as it does in the page', async () => {
  const grids = districtGrids({ units: 300 });
  const log: { method: string; bytes: number }[] = [];
  const viaWorker = await scoreThrough(workerEngine(clonedWorker(log)), grids);
  const inPage = await scoreThrough(inPageEngine(), grids);
  expect(viaWorker).toEqual(inPage);
  expect(viaWorker.scored.result.units).toHaveLength(300);
  expect(viaWorker.requests.flat().find((b) => b.sheet === '月度得分')).toBeTruthy();
  // 3,601 ledger rows in blocks of 2,000: two messages for 台账, one for 参数, none of them the whole workbook.
  expect(log.filter((m) => m.method === 'addRows')).toHaveLength(3);
  console.log(`largest message to the worker: ${(Math.max(...log.map((m) => m.bytes)) / 1024).toFixed(0)} KiB`);
});

test('an engine error arrives as its Chinese message', async () => {
  const engine = workerEngine(clonedWorker([]));
  await engine.load([{ name: '说明', rows: [['本表由街道汇总']], merges: [] }], undefined);
  await expect(engine.score({ typed: {}, mode: 'values', policyId: 'heshan-2024' })).rejects.toThrow('尚未读取到台账');
});

test('a worker that cannot run hands the work to the page', async () => {
  const failing = {
    onmessage: null,
    onerror: null as ((e: { message: string; preventDefault(): void }) => void) | null,
    postMessage() {
      setTimeout(() => failing.onerror!({ message: 'engineWorker.js: 404', preventDefault() {} }), 0);
    },
    terminate() {},
  };
  const engine = workerEngine(failing as unknown as Worker);
  const loaded = await engine.load(districtGrids({ units: 6, badCells: false }), undefined);
  expect(loaded.view?.sheet).toBe('台账');
  expect((await engine.score({ typed: {}, mode: 'values', policyId: 'heshan-2024' })).result.units).toHaveLength(6);
});
