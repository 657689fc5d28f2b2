/**
 * The scan thread's entry (started by scanThread.ts from the compiled lib/): reads each piece of
 * row data it is sent with plainRows into the shared arrays of the slot it is given, and answers
 * how many cells it wrote there, or -1 for a piece the main thread must read itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { plainRows, type CellArrays, type DateStyles } from './plainRows';

export interface ScanStart {
  dateStyles: DateStyles;
  /** Arrays over SharedArrayBuffers, one set per piece that may be in flight. */
  slots: CellArrays[];
}

export interface ScanRequest {
  id: number;
  slot: number;
  text: string;
}

export interface ScanAnswer {
  id: number;
  count: number;
  /** PlainCells's openRow and openCol. */
  openRow: number;
  openCol: number;
}

const { dateStyles, slots } = workerData as ScanStart;

parentPort?.on('message', ({ id, slot, text }: ScanRequest) => {
  const cells = plainRows(text, dateStyles, slots[slot]);
  const answer: ScanAnswer = cells ? { id, count: cells.count, openRow: cells.openRow, openCol: cells.openCol } : { id, count: -1, openRow: -1, openCol: -1 };
  parentPort!.postMessage(answer);
});
