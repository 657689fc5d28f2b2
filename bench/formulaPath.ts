/**
 * The formula path as Excel will feel it: the workbook the task pane writes with live formulas
 * (test/helpers/paneWorkbook.ts: its real sheet plans), calculated by a real formula engine
 * (HyperFormula with the HS plugin), every HS.* call metered as it crosses into JavaScript:
 * calls and JSON bytes per full calculation, the largest single call, and the seconds spent inside
 * the functions for a full calculation, for one ledger-cell edit and for one 参数 edit. Beside it,
 * the same rubric as native worksheet formulas (bench/nativeFormulas.ts) in the same run, for the
 * ratio. HyperFormula's own time is printed too, but it is not Excel's: the figures that transfer
 * are the calls, the bytes and the JavaScript time. The same district kept one sheet per month (as
 * most offices keep it) is measured too: its formulas read each month's sheet.
 */
import { HyperFormula } from 'hyperformula';
import type { RawLedger, SheetGrid } from '../src/ledger/types';
import { ledgerFromGrids } from '../src/read/ledgerGrids';
import { scoreLedger } from '../src/score';
import { generateDistrict, ledgerColumns, paramColumns } from '../src/sample/generateLedger';
import { callMeter, callRecorder, registerHsFunctions, resetCallMeter, type CallMeter, type HsRegistration, type RecordedCall } from '../test/helpers/hyperformulaHS';
import { HF_CONFIG, paneWorkbook } from '../test/helpers/paneWorkbook';
import { nativeWorkbook } from './nativeFormulas';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => bytes / 1e6;

/** A generated district as an analyst's workbook: a 台账 sheet with one header row and a 参数 sheet. */
function districtWorkbook(units: number): SheetGrid[] {
  const district = generateDistrict({ units, seed: 11, badCells: false });
  const columns = ledgerColumns();
  const params = paramColumns();
  return [
    { name: '台账', rows: [columns.map((c) => c.header), ...district.rows.map((row) => columns.map((c) => row[c.key] ?? null))], merges: [] },
    { name: '参数', rows: [params.map((c) => c.header), ...district.params.map((row) => params.map((c) => row[c.key] ?? null))], merges: [] },
  ];
}

/** The same district kept one sheet per month, 1月…12月 without a 月份 column, and its 参数 sheet. */
function monthSheetWorkbook(units: number): SheetGrid[] {
  const [ledger, params] = districtWorkbook(units);
  const monthAt = (ledger.rows[0] as string[]).indexOf('月份');
  const strip = (row: readonly unknown[]) => row.filter((_, c) => c !== monthAt) as SheetGrid['rows'][number];
  const sheets = Array.from({ length: 12 }, (_, k): SheetGrid => ({
    name: `${k + 1}月`, rows: [ledger.rows[0], ...ledger.rows.slice(1).filter((row) => row[monthAt] === k + 1)].map(strip), merges: [],
  }));
  return [...sheets, params];
}

type Layout = '单表' | '按月分表';

interface Metered {
  /** Seconds inside the functions when the same calls run again in a heap without the workbook (as in Excel). */
  replayed: number;
  calls: number;
  bytes: number;
  maxCallBytes: number;
  /** Seconds inside the HS.* functions (the JSON sizing of each call is outside this figure). */
  js: number;
  /** Seconds of the whole HyperFormula operation, metering included. */
  engine: number;
  byFunction: CallMeter['byFunction'];
}

interface Recorded {
  metered: Omit<Metered, 'replayed'>;
  calls: RecordedCall[];
}

function metered(run: () => void): Recorded {
  resetCallMeter();
  callRecorder.on = true;
  callRecorder.calls = [];
  const start = process.hrtime.bigint();
  run();
  const engine = seconds(start);
  callRecorder.on = false;
  const calls = callRecorder.calls;
  callRecorder.calls = [];
  return { metered: { calls: callMeter.calls, bytes: callMeter.bytes, maxCallBytes: callMeter.maxCallBytes, js: callMeter.seconds, engine, byFunction: callMeter.byFunction }, calls };
}

export interface FormulaPathFigures {
  units: number;
  layout: Layout;
  full: Metered;
  ledgerEdit: Metered;
  paramsEdit: Metered;
  /** The same rubric as native formulas, for the one-sheet ledger. */
  native: NativeFigures | null;
  agree: number;
}

interface NativeFigures {
  /** Units the native workbook was calculated for (at most NATIVE_UNITS; larger sizes are scaled). */
  measuredUnits: number;
  full: number;
  ledgerEdit: number;
}

/** HyperFormula computes a native formula in tens of microseconds: beyond this size native figures are scaled linearly. */
const NATIVE_UNITS = 3000;
const nativeCache = new Map<number, NativeFigures>();

function benchNative(units: number): NativeFigures {
  const measuredUnits = Math.min(units, NATIVE_UNITS);
  const cached = nativeCache.get(measuredUnits);
  if (cached) return cached;
  const grids = districtWorkbook(measuredUnits);
  const native = nativeWorkbook(grids);
  let start = process.hrtime.bigint();
  const nf = HyperFormula.buildFromSheets(native.sheets, HF_CONFIG);
  const full = seconds(start);
  const raw = ledgerFromGrids(grids, { source: 'native' });
  const agreement = native.check(nf, scoreLedger(raw));
  if (agreement.wrong > 0) throw new Error(`native formulas disagree with the engine on ${agreement.wrong} of ${agreement.checked} monthly totals`);
  const edit = ledgerEditOf(grids, raw);
  start = process.hrtime.bigint();
  nf.setCellContents({ sheet: nf.getSheetId('台账')!, row: edit.row, col: edit.col }, edit.value);
  const ledgerEdit = seconds(start);
  nf.destroy();
  const figures = { measuredUnits, full, ledgerEdit };
  nativeCache.set(measuredUnits, figures);
  return figures;
}

/** The edit measured: a mid-sheet unit's 期末登记失业人员人数 (of the first ledger sheet) raised to a fifth of its labour force, which changes E1, the month, the year. */
function ledgerEditOf(grids: readonly SheetGrid[], raw: RawLedger): { row: number; col: number; value: number } {
  const col = raw.mapping.columns.find((c) => c.target?.key === 'registeredUnemployed')!.column;
  const labor = raw.mapping.columns.find((c) => c.target?.key === 'laborForce')!.column;
  const row = Math.floor(grids[0].rows.length / 2);
  return { row, col, value: Math.round((grids[0].rows[row][labor] as number) / 5) };
}

/** The pane's workbook calculated in HyperFormula, every call recorded; the workbook is gone when this returns. */
function inEngine(units: number, layout: Layout): { full: Recorded; ledgerEdit: Recorded; paramsEdit: Recorded; agree: number } {
  const grids = layout === '单表' ? districtWorkbook(units) : monthSheetWorkbook(units);
  const book = paneWorkbook(grids);
  let hf!: HyperFormula;
  const full = metered(() => {
    hf = HyperFormula.buildFromSheets(book.sheets, HF_CONFIG);
  });

  // The workbook scores right: 年度汇总's annual scores equal the pane's own result.
  const annualSheet = hf.getSheetId('年度汇总')!;
  const annualCol = (book.plans.find((p) => p.name === '年度汇总')!.cells[0] as string[]).indexOf('年度得分');
  const agree = book.result.units.filter((u, i) => hf.getCellValue({ sheet: annualSheet, row: i + 1, col: annualCol }) === (u.annual ?? '')).length;

  const edit = ledgerEditOf(grids, book.view.ledger);
  const ledgerEdit = metered(() => hf.setCellContents({ sheet: hf.getSheetId(grids[0].name)!, row: edit.row, col: edit.col }, edit.value));
  const params = hf.getSheetId('参数')!;
  const average = hf.getCellValue({ sheet: params, row: 6, col: 2 }) as number;
  const paramsEdit = metered(() => hf.setCellContents({ sheet: params, row: 6, col: 2 }, average + 1));
  hf.destroy();
  return { full, ledgerEdit, paramsEdit, agree };
}

export function benchUnits(units: number, registration: HsRegistration, layout: Layout = '单表'): FormulaPathFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { full, ledgerEdit, paramsEdit, agree } = inEngine(units, layout);
  // Excel's function runtime does not hold the workbook: the same calls, replayed once the workbook,
  // its grids and its plans are garbage, each from its own serialized arguments.
  gc?.();
  const replayed = (r: Recorded): Metered => ({ ...r.metered, replayed: registration.replay(r.calls) });
  const figures = { full: replayed(full), ledgerEdit: replayed(ledgerEdit), paramsEdit: replayed(paramsEdit) };
  return { units, layout, ...figures, native: layout === '单表' ? benchNative(units) : null, agree };
}

function print(f: FormulaPathFigures): void {
  const line = (label: string, m: Metered) =>
    `    ${label}：HS.* 调用 ${fmt(m.calls)} 次，传入传出 ${mb(m.bytes).toFixed(1)} MB，单次最大 ${mb(m.maxCallBytes).toFixed(2)} MB，函数内 JavaScript ${m.replayed.toFixed(2)} s（在 HyperFormula 中 ${m.js.toFixed(2)} s，其堆中还有整个工作簿；HyperFormula 合计 ${m.engine.toFixed(2)} s）`;
  const layout = f.layout === '单表' ? `${fmt(f.units * 12)} 行台账` : `按月分表，12 张表各 ${fmt(f.units)} 行`;
  console.log(`  ${fmt(f.units)} 个单位（${layout}）；年度得分与引擎一致 ${fmt(f.agree)}/${fmt(f.units)}`);
  console.log(line('全部计算', f.full));
  console.log(`      ${[...f.full.byFunction].map(([id, b]) => `${id} ${b.calls} 次 ${b.seconds.toFixed(2)} s`).join('，')}`);
  console.log(line('改一个台账单元格', f.ledgerEdit));
  console.log(line('改一个参数单元格', f.paramsEdit));
  let nativeFull = '';
  if (f.native) {
    const scale = f.units / f.native.measuredUnits;
    nativeFull = ` nativeFullS=${(f.native.full * scale).toFixed(2)}`;
    console.log(
      `    同一细则写成原生公式（月度得分，HyperFormula）：全部计算 ${(f.native.full * scale).toFixed(2)} s，改一个台账单元格 ${f.native.ledgerEdit.toFixed(3)} s${scale > 1 ? `（按 ${fmt(f.native.measuredUnits)} 个单位的实测值线性外推）` : ''}`,
    );
  }
  console.log(
    `formula-path units=${f.units} layout=${f.layout} calls=${f.full.calls} maxCallMB=${mb(f.full.maxCallBytes).toFixed(2)} fullS=${f.full.replayed.toFixed(2)} ledgerEditS=${f.ledgerEdit.replayed.toFixed(2)} paramsEditS=${f.paramsEdit.replayed.toFixed(2)}${nativeFull}`,
  );
}

export async function benchFormulaPath(sizes: readonly number[]): Promise<void> {
  const registration = await registerHsFunctions();
  console.log('公式路径（任务窗格写出的实时公式工作簿：HS.MONTHSCORES 按块、HS.ANNUALS、整列溢出的排名/淘汰/小组/补贴；HyperFormula 计算，逐次计量每个 HS.* 调用）');
  console.log('  函数内 JavaScript 时间：同样的调用按各自序列化的参数在不含工作簿的堆中重放（Excel 的函数运行时不持有工作簿）；括号中为在 HyperFormula 中的实测。');
  for (const units of sizes) print(benchUnits(units, registration));
  // A sheet per month: the district's figures, read sheet by sheet (up to the size the pane is built for).
  for (const units of sizes.filter((n) => n <= 3000)) print(benchUnits(units, registration, '按月分表'));
}
