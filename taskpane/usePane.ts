/**
 * The pane's state and actions: load the open workbook, edit the mapping and typed averages, score
 * and write the output sheets (with progress, cancel and a confirmation before replacing a sheet the
 * analyst edited), run the subsidy wizard's write. Every failure ends up in `error` in plain Chinese.
 *
 * The heavy work (reading the ledger, scoring, building and cutting the output) is the engine's
 * (engine/engineCore.ts), in a Web Worker in the real pane: this hook only keeps what the analyst
 * sees and moves requests from the engine to Excel.
 */
import { useCallback, useRef, useState } from 'react';
import type { ColumnTarget, SheetGrid } from '../src/ledger/types';
import type { SheetOverview } from '../src/read/ledgerGrids';
import { someNames } from '../src/names';
import { haianSheets, HaianInputError, scoreHaianLedger } from '../src/policy/haian';
import { tablePlan, type OutputMode } from '../src/output/sheetPlans';
import { FormulaError } from '../src/formulas/formulaError';
import { HESHAN_2024_POLICY, POLICIES, policyById } from '../src/policy/presets';
import { HESHAN_2024 } from '../src/rules/heshan2024';
import type { RuleSet } from '../src/rules/vocabulary';
import * as realGateway from './excelGateway';
import type { Progress } from './excelGateway';
import { inPageEngine, type PaneEngine, type PaneResult, type ViewSummary, type WriteHandle } from './engine/engineCore';
import { identityMissing, PANE_SHEETS, type LedgerChoice, subsidySummary, type ScoreSummary, unconfirmedUnits, type PaneSettings } from './paneModel';
import { planSource, type PlanSource } from './writeBatches';

export type Gateway = Pick<typeof realGateway, 'readWorkbookGrids' | 'loadSettings' | 'saveSettings' | 'writeSheets' | 'selectCell'>;

export interface PaneState {
  loading: boolean;
  /** Every sheet read from the workbook, also when none of them is a scoring ledger (a 海安 person ledger). */
  grids: SheetGrid[];
  /** Every sheet read, with what it is to the product, for choosing the ledger sheet. */
  sheets: SheetOverview[];
  view: ViewSummary | null;
  typedParams: Record<string, number>;
  mode: OutputMode;
  /** The subsidy policy of 年度汇总 (and the wizard's first choice). */
  policyId: string;
  busy: Progress | null;
  error: string | null;
  notice: string | null;
  /** How the notice is shown: green only for a whole result. */
  noticeIntent: 'success' | 'warning' | 'error';
  /** Output sheets the analyst edited: writing waits for a confirmation. */
  confirmReplace: string[] | null;
  result: PaneResult | null;
  /** Rows of the workbook's 评分细则 sheet that refused it: nothing is scored until they are fixed. */
  rubricErrors: string[];
  /** The rule set of the pane and of the formulas it writes: the workbook's 评分细则, else Heshan 2024. */
  ruleSet: RuleSet;
}

const INITIAL: PaneState = { loading: false, grids: [], sheets: [], view: null, typedParams: {}, mode: 'formulas', policyId: HESHAN_2024_POLICY.id, busy: null, error: null, notice: null, noticeIntent: 'success', confirmReplace: null, result: null, rubricErrors: [], ruleSet: HESHAN_2024 };

/** The progress line's label once 取消 is clicked (BusyBar shows it and disables the button). */
export const CANCELLING = '正在取消';

/** Where no engine is given (tests, hosts without Web Workers): the engine runs in the page. */
const defaultEngine = inPageEngine();

/** A saved policy id the product still knows, else Heshan 2024. */
function knownPolicy(id: string | undefined): string {
  return POLICIES.some((p) => p.id === id) ? id! : HESHAN_2024_POLICY.id;
}

/** A Chinese message for anything thrown: our own messages as they are, Office's with its code. */
export function describeError(error: unknown): string {
  if (error instanceof realGateway.Cancelled) return '已取消：输出表保持上次写出的内容，本次结果未写入，可重新计算。';
  const e = error as { code?: string; message?: string };
  if (e?.code === 'RequestPayloadSizeLimitExceeded') return 'Excel 拒绝了过大的写入请求，请重试；如仍失败，请联系维护人员。';
  if (e?.code && e.message) return `Excel 报告错误（${e.code}）：${e.message}`;
  return e?.message ? String(e.message) : String(error);
}

export function usePane(gateway: Gateway = realGateway, engine: PaneEngine = defaultEngine) {
  const [state, setState] = useState<PaneState>(INITIAL);
  const abort = useRef<AbortController | null>(null);
  const pendingWrite = useRef<{ source: PlanSource; done: ScoreSummary } | null>(null);
  const patch = useCallback((p: Partial<PaneState>) => setState((s) => ({ ...s, ...p })), []);
  /** A long step ended without its result: a cancel is the analyst's choice, said in amber, not under 出错了. */
  const stopped = useCallback(
    (error: unknown) => patch(error instanceof realGateway.Cancelled ? { busy: null, notice: describeError(error), noticeIntent: 'warning' } : { busy: null, error: describeError(error) }),
    [patch],
  );

  const load = useCallback(async () => {
    patch({ loading: true, error: null, notice: null });
    try {
      const settings = await gateway.loadSettings<PaneSettings>();
      const grids = await gateway.readWorkbookGrids(PANE_SHEETS);
      const loaded = await engine.load(grids, settings ? { mapping: settings.mapping, monthSheets: settings.monthSheets } : undefined);
      // No ledger found: said, and the 列映射 tab lets the analyst point at the sheet and header rows.
      const readError = loaded.readError && `${loaded.readError}。请在「列映射」中选择台账所在的工作表和表头行，或修改工作簿后重新读取。`;
      patch({
        loading: false, grids, sheets: loaded.sheets, view: loaded.view, typedParams: settings?.typedParams ?? {}, mode: settings?.mode ?? 'formulas',
        policyId: knownPolicy(settings?.policy), result: null, rubricErrors: loaded.rubricErrors, ruleSet: loaded.ruleSet,
        error: loaded.rubricErrors.length ? `工作簿中的「评分细则」表有误，修正后才能计算得分：${loaded.rubricErrors.join('；')}` : readError,
      });
    } catch (error) {
      patch({ loading: false, error: describeError(error) });
    }
  }, [gateway, engine, patch]);

  /** The analyst's sheet and header rows: the ledger is read there, its columns matched afresh. */
  const chooseLedger = useCallback(
    async (choice: LedgerChoice) => {
      try {
        const view = await engine.choose(choice);
        setState((s) => ({ ...s, view, result: null, error: s.rubricErrors.length ? s.error : null, notice: null }));
      } catch (error) {
        patch({ error: describeError(error) });
      }
    },
    [engine, patch],
  );

  const setColumnTarget = useCallback(
    async (column: number, target: ColumnTarget | null) => {
      try {
        const view = await engine.setColumnTarget(column, target);
        patch({ view, result: null });
      } catch (error) {
        patch({ error: describeError(error) });
      }
    },
    [engine, patch],
  );

  /** A month sheet of a ledger kept per month read or left out. */
  const setSheetIncluded = useCallback(
    async (sheet: string, included: boolean) => {
      try {
        const view = await engine.setSheetIncluded(sheet, included);
        patch({ view, result: null, error: null });
      } catch (error) {
        patch({ error: describeError(error) });
      }
    },
    [engine, patch],
  );

  const setTypedParam = useCallback((key: string, value: number | null) => {
    setState((s) => {
      const typedParams = { ...s.typedParams };
      if (value === null) delete typedParams[key];
      else typedParams[key] = value;
      return { ...s, typedParams, result: null };
    });
  }, []);

  const settingsOf = (s: PaneState): PaneSettings => ({
    version: 1, mapping: s.view?.mapping, typedParams: s.typedParams, mode: s.mode, policy: s.policyId,
    ...(s.view?.sheets ? { monthSheets: { mappings: s.view.sheets.map((x) => x.mapping), excluded: s.view.sheets.filter((x) => !x.included).map((x) => x.sheet) } } : {}),
  });

  /** The engine's prepared write as the gateway takes it: its requests fetched one at a time. */
  const sourceOf = useCallback((handle: WriteHandle): PlanSource => ({ layouts: handle.layouts, totalRows: handle.totalRows, nextRequest: () => engine.nextRequest(handle.id) }), [engine]);

  const write = useCallback(
    async (source: PlanSource, replaceEdited: boolean, done: ScoreSummary, controller = new AbortController()) => {
      abort.current = controller;
      patch({ busy: { done: 0, total: source.totalRows, label: '准备写入' }, error: null, notice: null, confirmReplace: null });
      try {
        const outcome = await gateway.writeSheets(source, { replaceEdited, signal: controller.signal, onProgress: (p) => !controller.signal.aborted && patch({ busy: p }) });
        if (outcome.edited.length && !replaceEdited) {
          pendingWrite.current = { source, done };
          patch({ busy: null, confirmReplace: outcome.edited });
          return;
        }
        pendingWrite.current = null;
        patch({ busy: null, notice: done.text, noticeIntent: done.intent });
      } catch (error) {
        stopped(error);
      } finally {
        abort.current = null;
      }
    },
    [gateway, patch, stopped],
  );

  /** Work before the write (scoring in the engine) with the progress line up and 取消 taken. */
  const computing = useCallback(
    async <T,>(label: string, work: () => Promise<T>): Promise<{ value: T; controller: AbortController } | null> => {
      const controller = new AbortController();
      abort.current = controller;
      patch({ busy: { done: 0, total: 0, label }, error: null, notice: null });
      try {
        const value = await work();
        if (controller.signal.aborted) throw new realGateway.Cancelled();
        return { value, controller };
      } catch (error) {
        stopped(error);
        abort.current = null;
        return null;
      }
    },
    [patch, stopped],
  );

  const score = useCallback(async () => {
    const s = state;
    if (!s.view) return;
    if (s.rubricErrors.length) {
      patch({ error: `「评分细则」表有误，未计算得分：${s.rubricErrors.join('；')}` });
      return;
    }
    const identity = identityMissing(s.view);
    if (identity.length) {
      patch({ error: `台账「${s.view.sheet}」中没有对应${identity.map((n) => `「${n}」`).join('')}的列，未计算得分：请在「列映射」中为它选择一列。` });
      return;
    }
    const scored = await computing('正在计算得分', async () => {
      await gateway.saveSettings(settingsOf(s));
      return engine.score({ typed: s.typedParams, mode: s.mode, policyId: s.policyId });
    });
    if (!scored) return;
    patch({ result: scored.value.result });
    await write(sourceOf(scored.value.write), false, scored.value.summary, scored.controller);
  }, [state, gateway, engine, patch, write, computing, sourceOf]);

  const confirmReplace = useCallback(async () => {
    const pending = pendingWrite.current;
    if (pending) await write(pending.source, true, pending.done);
  }, [write]);

  const cancel = useCallback(() => {
    if (abort.current) {
      // Said at once; the write stops at its next request and the output sheets stay as they were.
      abort.current.abort();
      setState((s) => (s.busy ? { ...s, busy: { ...s.busy, label: CANCELLING } } : s));
    } else {
      pendingWrite.current = null;
      patch({ confirmReplace: null });
    }
  }, [patch]);

  /** The wizard's result for a policy: the same ledger scored under it (in the engine). */
  const subsidyResult = useCallback(
    (policyId: string): Promise<PaneResult> => engine.subsidyResult(state.typedParams, policyId),
    [engine, state.typedParams],
  );

  /** 补贴测算, once the analyst has confirmed every 待核实 unit (ruling R9): they are written as 待核实, never as an amount. */
  const writeSubsidy = useCallback(
    async (policyId: string, confirmed: readonly string[] = []) => {
      const policy = policyById(policyId);
      const prepared = await computing('正在测算补贴', () => engine.subsidyWrite(state.typedParams, policyId));
      if (!prepared) return;
      const { result, write: handle } = prepared.value;
      const unconfirmed = unconfirmedUnits(result, confirmed);
      if (unconfirmed.length) {
        abort.current = null;
        patch({ busy: null, error: `补贴测算未写出：${unconfirmed.length}个单位的末位淘汰或补贴待核实（${someNames(unconfirmed)}），请在向导最后一步逐一确认「按待核实写出」，或先更正数据。` });
        return;
      }
      await write(sourceOf(handle), false, subsidySummary(result, policy), prepared.controller);
    },
    [engine, state.typedParams, computing, write, patch, sourceOf],
  );

  /** 海安 2021: the person ledger on `sheet` checked as of `asOf`, its 一览表 and 明细表 written. */
  const writeHaian = useCallback(
    async (sheet: string, asOf: string, townsSheet: string | null) => {
      const grid = state.grids.find((g) => g.name === sheet);
      if (!grid) return;
      try {
        const towns = townsSheet ? state.grids.find((g) => g.name === townsSheet) : undefined;
        const result = scoreHaianLedger(grid, { asOf, towns });
        const sheets = haianSheets(result);
        const plans = [sheets.overview, sheets.details, sheets.communities, sheets.issues].map((t) => tablePlan(t));
        await write(planSource(plans), false, { text: `已写出${result.quarter}重点群体核查：${result.total.persons}人，共扣${result.total.points}分，错误${result.errors.length}条。`, intent: result.errors.length ? 'warning' : 'success' });
      } catch (error) {
        patch({ error: error instanceof HaianInputError ? error.message : describeError(error) });
      }
    },
    [state.grids, write, patch],
  );

  /** A seed policy's answer in Chinese, computed by the same code as its HS.* function; errors as the function gives them. */
  const explain = useCallback((compute: () => unknown): string => {
    try {
      return String(compute());
    } catch (error) {
      if (error instanceof FormulaError) return error.message;
      throw error;
    }
  }, []);

  return {
    state,
    load,
    chooseLedger,
    writeHaian,
    explain,
    setColumnTarget,
    setSheetIncluded,
    setTypedParam,
    setMode: (mode: OutputMode) => patch({ mode }),
    setPolicy: (policyId: string) => patch({ policyId: knownPolicy(policyId), result: null }),
    saveMapping: async () => {
      try {
        await gateway.saveSettings(settingsOf(state));
        patch({ notice: '列映射已保存到工作簿。', noticeIntent: 'success', error: null });
      } catch (error) {
        patch({ error: describeError(error) });
      }
    },
    score,
    confirmReplace,
    cancel,
    subsidyResult,
    writeSubsidy,
    selectCell: (sheet: string, cell: string) => gateway.selectCell(sheet, cell).catch((error) => patch({ error: describeError(error) })),
  };
}

export type Pane = ReturnType<typeof usePane>;
