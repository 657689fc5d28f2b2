/**
 * A fake Excel workbook behind Excel's JavaScript API (Office.js), for the task
 * pane's tests: jest unit tests of the gateway and, bundled by webpack, the
 * browser end-to-end page. Plain TypeScript, no Node APIs, no dependencies.
 *
 *   const fake = createFakeExcel({ sheets: { 台账: [['区', '社区'], ['A', 'B']] }, merges: { 台账: ['A3:A4'] } });
 *   await fake.Excel.run(async (context) => { ... });      // or installFakeOffice(globalThis, fake)
 *   fake.workbook.sheet('台账').values('A1:B2');            // inspect the "document"
 *   fake.stats.syncs, fake.stats.requests[0].bytes          // round trips and payload sizes
 *
 * The point is fidelity where add-ins break: deferred execution until sync,
 * PropertyNotLoaded on unloaded reads, shape checks, the 5 MB request limit of
 * Excel on the web, null objects, and Excel's own parsing of written strings.
 * Layout: fakeExcelState.ts (the document: cells, sheets, addresses, errors),
 * fakeExcelCore.ts (queue, sync, load, proxy base), fakeExcelProxies.ts (the
 * API objects), this file (entry point, enums, globals).
 */

import {
  FakeOfficeError, FakeWorkbook, FakeWorkbookData, FormulaEvaluator, buildWorkbook, notImplemented, officeError,
} from './fakeExcelState';
import { FakeRuntime, FakeStats } from './fakeExcelCore';
import { createContext } from './fakeExcelProxies';

export {
  FakeOfficeError, FakeWorkbook, FakeSheet, buildWorkbook, columnName, parseA1, formatRect, quoteSheetName,
} from './fakeExcelState';
export type {
  CellValue, FakeCellView, FakeCellStyle, FakeChart, FakeConditionalFormat, FakeDataValidation, FakeHyperlink, FakeProtection, FakeSheetSeed,
  FakeWorkbookData, FormulaEvaluator, SeedValue,
} from './fakeExcelState';
export type { FakeRequestRecord, FakeStats } from './fakeExcelCore';

/** Excel on the web refuses requests (and responses) larger than 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface FakeExcelOptions {
  /** Computes a formula cell's value when it is read; default: null. */
  evaluate?: FormulaEvaluator;
  /** Request limit; default 5 MB (Excel on the web). Infinity models desktop Excel. */
  requestLimitBytes?: number;
  /** Response limit for loaded data; default 5 MB. */
  responseLimitBytes?: number;
  /**
   * How a sync waits before executing. Default: one macrotask (setTimeout 0),
   * so results never appear before `await context.sync()` returns. Pass
   * 'microtask' when a test uses jest fake timers.
   */
  syncDelay?: 'macrotask' | 'microtask';
}

/**
 * Builds an enum object that throws for members this fake does not model,
 * so `Excel.ChartType.somethingElse` fails loudly instead of being undefined.
 */
function guardedEnum<T extends Record<string, string>>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key);
      if (key === 'then' || key === 'toJSON' || key === 'asymmetricMatch' || key === 'nodeType') return undefined;
      throw notImplemented(`Excel.${name}.${key}`);
    },
  });
}

const ERROR_CODES = {
  accessDenied: 'AccessDenied', activityLimitReached: 'ActivityLimitReached', apiNotFound: 'ApiNotFound',
  conflict: 'Conflict', emptyChartSeries: 'EmptyChartSeries', filteredRangeConflict: 'FilteredRangeConflict',
  formulaLengthExceedsLimit: 'FormulaLengthExceedsLimit', generalException: 'GeneralException',
  inactiveWorkbook: 'InactiveWorkbook', insertDeleteConflict: 'InsertDeleteConflict',
  invalidArgument: 'InvalidArgument', invalidBinding: 'InvalidBinding', invalidOperation: 'InvalidOperation',
  invalidReference: 'InvalidReference', invalidSelection: 'InvalidSelection', itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound', mergedRangeConflict: 'MergedRangeConflict', nonBlankCellOffSheet: 'NonBlankCellOffSheet',
  notImplemented: 'NotImplemented', operationCellsExceedLimit: 'OperationCellsExceedLimit',
  pivotTableRangeConflict: 'PivotTableRangeConflict', rangeExceedsLimit: 'RangeExceedsLimit',
  requestAborted: 'RequestAborted', requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded', unsupportedFeature: 'UnsupportedFeature',
  unsupportedOperation: 'UnsupportedOperation', unsupportedSheet: 'UnsupportedSheet',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  // OfficeExtension.ErrorCodes that surface through Excel.run
  invalidObjectPath: 'InvalidObjectPath', propertyNotLoaded: 'PropertyNotLoaded', valueNotLoaded: 'ValueNotLoaded',
  invalidRequestContext: 'InvalidRequestContext', runMustReturnPromise: 'RunMustReturnPromise',
};

/**
 * The enums the add-in uses, with Excel's string values, typed as Office.js'
 * enums so that `fake.Excel.ChartType.line` type-checks where `Excel.ChartType.line` does.
 */
function excelEnums() {
  return {
    ErrorCodes: guardedEnum('ErrorCodes', ERROR_CODES) as typeof ERROR_CODES & typeof Excel.ErrorCodes,
    ConditionalFormatType: guardedEnum('ConditionalFormatType', { custom: 'Custom' }) as unknown as typeof Excel.ConditionalFormatType,
    ChartType: guardedEnum('ChartType', {
      columnClustered: 'ColumnClustered', columnStacked: 'ColumnStacked', barClustered: 'BarClustered',
      barStacked: 'BarStacked', line: 'Line', lineMarkers: 'LineMarkers', pie: 'Pie', doughnut: 'Doughnut',
      area: 'Area', xyscatter: 'XYScatter',
    }) as unknown as typeof Excel.ChartType,
    ChartSeriesBy: guardedEnum('ChartSeriesBy', { auto: 'Auto', columns: 'Columns', rows: 'Rows' }) as unknown as typeof Excel.ChartSeriesBy,
    SheetVisibility: guardedEnum('SheetVisibility', {
      visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden',
    }) as unknown as typeof Excel.SheetVisibility,
    RangeCopyType: guardedEnum('RangeCopyType', { all: 'All', formulas: 'Formulas', values: 'Values', formats: 'Formats' }) as unknown as typeof Excel.RangeCopyType,
    PageOrientation: guardedEnum('PageOrientation', { portrait: 'Portrait', landscape: 'Landscape' }) as unknown as typeof Excel.PageOrientation,
    HorizontalAlignment: guardedEnum('HorizontalAlignment', {
      general: 'General', left: 'Left', center: 'Center', right: 'Right', fill: 'Fill', justify: 'Justify',
      centerAcrossSelection: 'CenterAcrossSelection', distributed: 'Distributed',
    }) as unknown as typeof Excel.HorizontalAlignment,
    VerticalAlignment: guardedEnum('VerticalAlignment', {
      top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed',
    }) as unknown as typeof Excel.VerticalAlignment,
    ClearApplyTo: guardedEnum('ClearApplyTo', {
      all: 'All', formats: 'Formats', contents: 'Contents', hyperlinks: 'Hyperlinks', removeHyperlinks: 'RemoveHyperlinks',
    }) as unknown as typeof Excel.ClearApplyTo,
    RangeValueType: guardedEnum('RangeValueType', {
      unknown: 'Unknown', empty: 'Empty', string: 'String', integer: 'Integer', double: 'Double',
      boolean: 'Boolean', error: 'Error', richValue: 'RichValue',
    }) as unknown as typeof Excel.RangeValueType,
  };
}

/** What the fake hands to code in place of the global `Excel` namespace. */
export interface FakeExcelApi extends ReturnType<typeof excelEnums> {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface FakeExcel {
  Excel: FakeExcelApi;
  /** The document: sheets, cells, formats, merges, charts, settings. Mutable for setup. */
  workbook: FakeWorkbook;
  stats: FakeStats;
  resetStats(): void;
  /** Makes the next sync(s) that send something fail with this code (nothing of that batch applies). */
  failNextSync(code: string, message?: string): void;
  /** Holds every sync until the returned function is called: a test acts while a write is surely in progress. */
  holdSyncs(): () => void;
}

const RUN_MUST_RETURN_PROMISE =
  'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.';

export function createFakeExcel(data: FakeWorkbookData = {}, options: FakeExcelOptions = {}): FakeExcel {
  const stats: FakeStats = { syncs: 0, requests: [], largestRequestBytes: 0, hostWindows: [] };
  let held: Promise<void> = Promise.resolve();
  const holdSyncs = (): (() => void) => {
    let release!: () => void;
    held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      held = Promise.resolve();
      release();
    };
  };
  const runtime: FakeRuntime = {
    workbook: buildWorkbook(data, options.evaluate),
    stats,
    requestLimitBytes: options.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES,
    responseLimitBytes: options.responseLimitBytes ?? PAYLOAD_LIMIT_BYTES,
    injectedFailures: [],
    delay: async () => {
      await held;
      await (options.syncDelay === 'microtask' ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, 0)));
    },
  };

  async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    if (typeof batch !== 'function') throw notImplemented('Excel.run with a request-info or object argument');
    const ctx = createContext(runtime);
    try {
      const pending = batch(ctx as unknown as Excel.RequestContext) as unknown;
      if (!pending || typeof (pending as Promise<T>).then !== 'function') {
        throw officeError('RunMustReturnPromise', 'Excel.run', RUN_MUST_RETURN_PROMISE);
      }
      const result = await (pending as Promise<T>);
      // Excel.run syncs once more after the batch, so trailing queued work still happens.
      return await ctx.sync(result);
    } catch (e) {
      // Office.js' cleanup sync still sends whatever was queued; its errors are swallowed.
      await ctx.sync().catch(() => undefined);
      throw e;
    } finally {
      ctx._closed = true; // proxies from this run can no longer be synced (InvalidObjectPath)
    }
  }

  return {
    Excel: { run, ...excelEnums() },
    workbook: runtime.workbook,
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.requests.length = 0;
      stats.largestRequestBytes = 0;
      stats.hostWindows.length = 0;
    },
    failNextSync(code: string, message?: string) {
      runtime.injectedFailures.push({ code, message });
    },
    holdSyncs,
  };
}

/**
 * Installs `Excel`, a minimal `Office` (onReady, HostType, requirements) and
 * `OfficeExtension.Error` as globals, for code that calls `Excel.run` directly.
 * Office.context.document.settings is deliberately absent: the add-in uses
 * workbook settings. Returns a function restoring the previous globals.
 */
export function installFakeOffice(target: object, fake: FakeExcel): () => void {
  const g = target as Record<string, unknown>;
  const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  g.Excel = fake.Excel;
  g.Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    context: { requirements: { isSetSupported: (): boolean => true } },
  };
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: ERROR_CODES };
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
  };
}
