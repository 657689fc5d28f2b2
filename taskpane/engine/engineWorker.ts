/**
 * The pane's Web Worker: the engine core behind a message channel, so that reading, scoring and
 * cutting a district's output into requests never blocks the pane. Messages are `{ id, method,
 * args }`; each gets `{ id, value }` or `{ id, error }` (a Chinese message, never a stack).
 */
import { EngineCore } from './engineCore';

const core = new EngineCore();
type Method = 'addRows' | 'reset' | 'load' | 'choose' | 'setColumnTarget' | 'setSheetIncluded' | 'score' | 'subsidyResult' | 'subsidyWrite' | 'nextRequest';

const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage: (message: unknown) => void };

scope.onmessage = (event: MessageEvent<{ id: number; method: Method; args: unknown[] }>) => {
  const { id, method, args } = event.data;
  try {
    const value = (core[method] as (...a: unknown[]) => unknown).apply(core, args);
    scope.postMessage({ id, value });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
