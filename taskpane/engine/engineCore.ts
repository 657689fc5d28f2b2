/**
 * The pane's heavy work on plain data: reading the workbook's grids into a ledger, scoring it,
 * building the output sheets and cutting them into requests. It holds the grids and the current
 * ledger between calls, so that the pane (and a worker's message channel) only ever carries what
 * the analyst sees: the mapping, a result without its 36,000 monthly rows, one request at a time.
 * Runs in the pane's Web Worker, or in the page where there is none (tests, old hosts).
 */
import { fieldSet } from '../../src/fields';
import type { CellValue, ColumnTarget, MergedRange, SheetGrid, SheetMapping } from '../../src/ledger/types';
import type { SheetOverview } from '../../src/read/ledgerGrids';
import { scorePlans, subsidyPlan, type OutputMode } from '../../src/output/sheetPlans';
import type { SheetPlan } from '../../src/output/sheetPlan';
import { policyById } from '../../src/policy/presets';
import type { ScoreResult, UnitResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { RuleSet } from '../../src/rules/vocabulary';
import { paramsFromSheet, readLedger, scorePlanOptions, scoreSummary, scoreView, workbookRubric, type LedgerChoice, type LedgerView, type ScoreSummary } from '../paneModel';
import { chooseSheet, paneSheetOverview, viewSheets, withSheetIncluded, withViewColumnTarget, type SavedReading, type UnreadSheet, type ViewSheet } from '../paneModel';
import { REQUEST_BUDGET_BYTES, sheetLayout, writeRequests, type SheetLayout, type WriteRequest } from '../writeBatches';

/** The ledger as the pane shows it: where it is and how its columns are mapped. */
export interface ViewSummary {
  sheet: string;
  mapping: SheetMapping;
  /** The 参数 sheet's name, if the workbook has one. */
  paramsSheet: string | null;
  /** Province averages the 参数 sheet provides (field keys). */
  paramsFromSheet: string[];
  /** A ledger kept one sheet per month: every month sheet, read or left out (`sheet` and `mapping` are the one 列映射 shows); null for one sheet. */
  sheets: ViewSheet[] | null;
  /** Beside month sheets, the sheets read as nothing, and why. */
  unreadSheets: UnreadSheet[];
}

/** A unit as the pane shows it: without its monthly rows, which stay in the engine. */
export type PaneUnit = Omit<UnitResult, 'months'>;

/** A result as the pane shows it: the units without their monthly rows, the issues counted. */
export type PaneResult = Omit<ScoreResult, 'units' | 'errors' | 'warnings' | 'mapping'> & {
  units: PaneUnit[];
  errorCount: number;
  warningCount: number;
};

export interface LoadOutcome {
  sheets: SheetOverview[];
  view: ViewSummary | null;
  /** Why no ledger was found, in Chinese; null when one was. */
  readError: string | null;
  ruleSet: RuleSet;
  rubricErrors: string[];
}

/** Sheets ready to write: their layouts now, their rows request by request (`nextRequest(id)`). */
export interface WriteHandle {
  id: number;
  layouts: SheetLayout[];
  totalRows: number;
}

export interface ScoreRequest {
  typed: Record<string, number>;
  mode: OutputMode;
  policyId: string;
}

export interface ScoreOutcome {
  summary: ScoreSummary;
  result: PaneResult;
  write: WriteHandle;
}

/** What the pane asks of the engine, wherever it runs. Every answer is plain, cloneable data. */
export interface PaneEngine {
  load(grids: readonly SheetGrid[], saved: SavedReading | undefined): Promise<LoadOutcome>;
  choose(choice: LedgerChoice): Promise<ViewSummary>;
  setColumnTarget(column: number, target: ColumnTarget | null): Promise<ViewSummary>;
  /** A month sheet of a ledger kept per month read or left out. */
  setSheetIncluded(sheet: string, included: boolean): Promise<ViewSummary>;
  score(request: ScoreRequest): Promise<ScoreOutcome>;
  /** The ledger scored under a subsidy policy, for the wizard. */
  subsidyResult(typed: Record<string, number>, policyId: string): Promise<PaneResult>;
  subsidyWrite(typed: Record<string, number>, policyId: string): Promise<{ result: PaneResult; write: WriteHandle }>;
  /** The next request of a write, or null when it is complete. */
  nextRequest(writeId: number): Promise<WriteRequest | null>;
}

/** A failure the pane shows as it is (in Chinese), carried across the worker boundary by message. */
export class EngineError extends Error {}

export function paneResult(result: ScoreResult): PaneResult {
  const { units, errors, warnings, mapping: _mapping, ...rest } = result;
  return { ...rest, units: units.map(({ months: _months, ...unit }) => unit), errorCount: errors.length, warningCount: warnings.length };
}

export class EngineCore {
  private grids: SheetGrid[] = [];
  private view: LedgerView | null = null;
  private ruleSet: RuleSet = HESHAN_2024;
  private writes = new Map<number, Generator<WriteRequest>>();
  private nextWriteId = 1;

  /** Rows of a sheet, in blocks: a large workbook crosses into a worker without one long copy. */
  addRows(name: string, first: number, rows: CellValue[][], merges: MergedRange[]): void {
    let grid = this.grids.find((g) => g.name === name);
    if (!grid) {
      grid = { name, rows: [], merges: [] };
      this.grids.push(grid);
    }
    for (let k = 0; k < rows.length; k++) grid.rows[first + k] = rows[k];
    grid.merges.push(...merges);
  }

  reset(): void {
    this.grids = [];
    this.view = null;
    this.writes.clear();
  }

  /** The grids given whole (in the page, no copy needed). */
  setGrids(grids: readonly SheetGrid[]): void {
    this.reset();
    this.grids = [...grids];
  }

  load(saved: SavedReading | undefined): LoadOutcome {
    // Rows that arrived in blocks leave no holes: a row never sent (above a used range) is empty.
    for (const g of this.grids) for (let r = 0; r < g.rows.length; r++) g.rows[r] ??= [];
    const rubric = workbookRubric(this.grids);
    this.ruleSet = rubric && 'ruleSet' in rubric ? rubric.ruleSet : HESHAN_2024;
    const rubricErrors = rubric && 'errors' in rubric ? rubric.errors : [];
    let readError: string | null = null;
    // The ledger's columns are matched to the rule set's fields: a workbook's own 评分细则 names them.
    const fields = fieldSet(this.ruleSet.fields);
    try {
      this.view = readLedger(this.grids, saved, undefined, fields);
    } catch (error) {
      this.view = null;
      readError = error instanceof Error ? error.message : String(error);
    }
    return { sheets: paneSheetOverview(this.grids, fields), view: this.summary(), readError, ruleSet: this.ruleSet, rubricErrors };
  }

  choose(choice: LedgerChoice): ViewSummary {
    this.view = chooseSheet(this.grids, this.view, choice, fieldSet(this.ruleSet.fields));
    return this.summary()!;
  }

  setColumnTarget(column: number, target: ColumnTarget | null): ViewSummary {
    this.view = withViewColumnTarget(this.current(), column, target);
    return this.summary()!;
  }

  setSheetIncluded(sheet: string, included: boolean): ViewSummary {
    try {
      this.view = withSheetIncluded(this.current(), sheet, included);
    } catch (error) {
      throw new EngineError(error instanceof Error ? error.message : String(error));
    }
    return this.summary()!;
  }

  score({ typed, mode, policyId }: ScoreRequest): ScoreOutcome {
    const view = this.current();
    const policy = policyById(policyId);
    const result = scoreView(view, typed, this.ruleSet, policy);
    const plans = scorePlans(result, scorePlanOptions(view, typed, this.ruleSet, mode, policy));
    return { summary: scoreSummary(result, view, typed, this.ruleSet), result: paneResult(result), write: this.prepare(plans) };
  }

  subsidyResult(typed: Record<string, number>, policyId: string): PaneResult {
    return paneResult(scoreView(this.current(), typed, this.ruleSet, policyById(policyId)));
  }

  subsidyWrite(typed: Record<string, number>, policyId: string): { result: PaneResult; write: WriteHandle } {
    const policy = policyById(policyId);
    const result = scoreView(this.current(), typed, this.ruleSet, policy);
    return { result: paneResult(result), write: this.prepare([subsidyPlan(result, policy)]) };
  }

  nextRequest(writeId: number): WriteRequest | null {
    const requests = this.writes.get(writeId);
    const next = requests?.next();
    if (!next || next.done) {
      this.writes.delete(writeId);
      return null;
    }
    return next.value;
  }

  private prepare(plans: readonly SheetPlan[]): WriteHandle {
    const id = this.nextWriteId++;
    // One write at a time: a new one (the analyst scored again) drops any left unfinished.
    this.writes.clear();
    this.writes.set(id, writeRequests(plans, REQUEST_BUDGET_BYTES));
    return { id, layouts: plans.map(sheetLayout), totalRows: plans.reduce((n, p) => n + p.cells.length, 0) };
  }

  private current(): LedgerView {
    if (!this.view) throw new EngineError('尚未读取到台账，请先在「列映射」中选择台账所在的工作表和表头行。');
    return this.view;
  }

  private summary(): ViewSummary | null {
    const view = this.view;
    if (!view) return null;
    return { ...viewSheets(view), paramsSheet: view.paramsSheet?.name ?? null, paramsFromSheet: [...paramsFromSheet(view.ledger)] };
  }
}

/** The engine in the page itself: the same core, answers as promises. */
export function inPageEngine(): PaneEngine {
  const core = new EngineCore();
  const run = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    load: (grids, saved) => run(() => {
      core.setGrids(grids);
      return core.load(saved);
    }),
    choose: (choice) => run(() => core.choose(choice)),
    setColumnTarget: (column, target) => run(() => core.setColumnTarget(column, target)),
    setSheetIncluded: (sheet, included) => run(() => core.setSheetIncluded(sheet, included)),
    score: (request) => run(() => core.score(request)),
    subsidyResult: (typed, policyId) => run(() => core.subsidyResult(typed, policyId)),
    subsidyWrite: (typed, policyId) => run(() => core.subsidyWrite(typed, policyId)),
    nextRequest: (id) => run(() => core.nextRequest(id)),
  };
}
