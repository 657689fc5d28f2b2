/**
 * The pane rendered in jsdom over a gateway stand-in that records what the pane asks Excel to do
 * (the real gateway is tested against the fake workbook in excelGateway.test.ts).
 */
import { render, screen } from '@testing-library/react';
import { App } from '../../taskpane/App';
import type { Gateway } from '../../taskpane/usePane';
import type { SheetPlan } from '../../src/output/sheetPlan';
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
    writeSheets: async (plans, options = {}) => {
      recorded.writes.push({ names: plans.map((p) => p.name), replaceEdited: options.replaceEdited ?? false, plans: [...plans] });
      options.onProgress?.({ done: 1, total: 1, label: '写入输出表' });
      return { edited: [], written: plans.map((p) => p.name) };
    },
    selectCell: async () => undefined,
    ...overrides,
  };
  return { gateway, recorded };
}

export async function openPane(gateway: Gateway) {
  render(<App dark={false} gateway={gateway} />);
  await screen.findByRole('table', { name: '台账列与评分字段的对应' });
}

/** Fluent's positioning asks for these; jsdom lacks them. */
export function polyfillLayout(): void {
  window.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as unknown as typeof window.matchMedia;
}

