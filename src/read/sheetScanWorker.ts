/**
 * The scan thread's entry (started by scanThread.ts from the compiled lib/): reads each piece of
 * row data it is sent with plainRows and sends back the cells, their arrays moved rather than
 * copied (each is a view of its own buffer), or null for a piece the main thread must read itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { plainRows, type DateStyles } from './plainRows';

export interface ScanRequest {
  id: number;
  text: string;
}

const dateStyles = (workerData as { dateStyles: DateStyles }).dateStyles;

parentPort?.on('message', ({ id, text }: ScanRequest) => {
  const cells = plainRows(text, dateStyles);
  if (cells === null) parentPort!.postMessage({ id, cells });
  else parentPort!.postMessage({ id, cells }, [cells.rows, cells.cols, cells.kinds, cells.values].map((array) => array.buffer as ArrayBuffer));
});
