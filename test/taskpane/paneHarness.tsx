/**
 * The pane rendered in jsdom over a gateway stand-in that records what the pane asks Excel to do
 * (the real gateway is tested against the fake workbook in excelGateway.test.ts).
 */
import { screen } from '@testing-library/react';
import { render } from './freshStyles';
import { App } from '../../taskpane/App';
import type { Gateway } from '../../taskpane/usePane';
import type { SheetPlan } from '../../src/output/sheetPlan';
import type { PlanSource } from '../../taskpane/writeBatches';
import { districtGrids } from '../helpers/districtGrids';

export interface Recorded {
  writes: { names: string[]; replaceEdited: boolean; plans: SheetPlan[] }[];
  settings: unknown[];
}

export function stubGateway(overrides: Partial<Gateway> = {}): { gateway: Gateway; recorded: Recorded } {
  const recorded: Recorded = { writes: [], settings: [] };
  const gateway: Gateway = {
    readWorkbookGrids: async () => districtGrids(),
    loadSettings: async <T,>() => null as T | null,
    saveSettings: async (value) => {
      recorded.settings.push(value);
    },
    writeSheets: async (input, options = {}) => {
      const plans = await drainPlans(input);
      recorded.writes.push({ names: plans.map((p) => p.name), replaceEdited: options.replaceEdited ?? false, plans });
      options.onProgress?.({ done: 1, total: 1, label: '写入输出表' });
      return { edited: [], written: plans.map((p) => p.name) };
    },
    selectCell: async () => undefined,
    ...overrides,
  };
  return { gateway, recorded };
}

/** The sheets a write carries, cells included: a source's requests taken and put back together. */
export async function drainPlans(input: PlanSource | readonly SheetPlan[]): Promise<SheetPlan[]> {
  if (!('layouts' in input)) return [...input];
  const plans = input.layouts.map(({ rows: _rows, width: _width, fingerprint: _fingerprint, ...layout }): SheetPlan => ({ ...layout, cells: [] }));
  for (let request = await input.nextRequest(); request; request = await input.nextRequest()) {
    for (const block of request) {
      const plan = plans.find((p) => p.name === block.sheet)!;
      block.rows.forEach((row, k) => {
        plan.cells[block.first + k] = row.map((v) => (v === '' ? null : v));
      });
    }
  }
  return plans;
}

/** The sheet names of a write, without taking its requests. */
export const writeNames = (input: PlanSource | readonly SheetPlan[]): string[] => ('layouts' in input ? input.layouts : input).map((p) => p.name);

export async function openPane(gateway: Gateway) {
  render(<App dark={false} gateway={gateway} />);
  await screen.findByRole('table', { name: '台账列与评分字段的对应' });
}

/** Fluent's positioning asks for these; jsdom lacks them. */
export function polyfillLayout(): void {
  window.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as unknown as typeof window.matchMedia;
}

