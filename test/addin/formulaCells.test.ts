/**
 * The functions an analyst types, computing in cells of a real formula engine (HyperFormula with the
 * plugin of test/helpers/hyperformulaHS.ts, bound from the generated functions.json) on the bundled
 * sample, beside the workbook the pane writes (test/helpers/paneWorkbook.ts):
 * - HS.BREAKDOWN and HS.MONTHSCORE on every ledger row, reading the ledger's own two-row header,
 *   give exactly what the pane's HS.MONTHSCORES blocks give, and score each row once between them;
 * - HS.JOBRATE, HS.HARDRATE, HS.RATE, HS.SCORE and HS.INPUTS over ledger cells equal the engine's
 *   measures and points, blocked cells naming the engine's cell.
 */
import * as path from 'node:path';
import { HyperFormula, type CellValue as HfValue, type RawCellContent } from 'hyperformula';
import { compileRuleSet, evaluateMeasure, reportedItems } from '../../src/engine/compile';
import { fieldDef } from '../../src/fields';
import * as oneRow from '../../src/formulas/oneRow';
import { buildLedger } from '../../src/ledger/build';
import type { RawLedger, SheetGrid } from '../../src/ledger/types';
import { columnLetter } from '../../src/read/address';
import { xlsxGrids } from '../../src/read/grid';
import { readLedgerFile } from '../../src/read/ledger';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { scoreLedger } from '../../src/score';
import { registerHsFunctions } from '../helpers/hyperformulaHS';
import { forHyperFormula, HF_CONFIG, paneWorkbook, type PaneWorkbook } from '../helpers/paneWorkbook';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const ROWS = '逐行';
const CHECKS = '抽查';
const items = reportedItems(HESHAN_2024);

interface ErrorShown {
  value: string;
  message: string;
}
const isError = (v: HfValue): v is HfValue & ErrorShown => typeof v === 'object' && v !== null && 'value' in v && 'message' in v;

let grids: SheetGrid[];
let raw: RawLedger;
let engine: ScoreResult;
let book: PaneWorkbook;
let hf: HyperFormula;
let scoredRows = 0;

const columnOf = (key: string): number => raw.mapping.columns.find((c) => c.target?.key === key)!.column;
const valueAt = (sheet: string, row: number, col: number): HfValue => hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row, col });
const L = (col: string, row0: number) => `'${raw.sheet}'!${col}${row0 + 1}`;
const letter = (key: string) => columnLetter(columnOf(key));

/** Engine errors of a unit-month: the cells a formula's message must name one of. */
const errorCells = (unit: string, month: number) => engine.errors.flatMap((e) => (e.unit === unit && e.month === month && e.cell ? [e.cell] : []));
const blocked = (cell: HfValue, cells: readonly string[]) => ({ shown: isError(cell) ? cell.value : cell, namesEngineCell: isError(cell) && cells.some((c) => cell.message.includes(c)) });
const BLOCKED = { shown: '#VALUE!', namesEngineCell: true };

/** 逐行: per ledger row, =HS.BREAKDOWN (spilling the items) and =HS.MONTHSCORE over the ledger's own header. */
function rowSheet(): RawCellContent[][] {
  const width = Math.max(...grids.find((g) => g.name === raw.sheet)!.rows.map((r) => r.length));
  const last = columnLetter(width - 1);
  const header = `'${raw.sheet}'!$A$${Math.min(...raw.mapping.headerRows) + 1}:$${last}$${Math.max(...raw.mapping.headerRows) + 1}`;
  const params = `'参数'!$A$1:$F$13`;
  return raw.rows.map((r) => {
    const args = `${header},'${raw.sheet}'!$A$${r.row}:$${last}$${r.row},${params}`;
    return [`=HS.BREAKDOWN(${args})`, ...new Array(items.length - 1).fill(null), `=HS.MONTHSCORE(${args})`];
  });
}

/** Ledger rows for the spot checks: the first row of a 社区, of a 村, and the row with the blank 劳动力总数. */
function checkRows(): number[] {
  const first = (type: string) => raw.rows.find((r) => r.attributes.type?.value === type)!.row - 1;
  const blank = raw.rows.find((r) => r.fields.laborForce.value === null)!.row - 1;
  return [first('社区'), first('村'), blank];
}

function checkSheet(): RawCellContent[][] {
  const rows: RawCellContent[][] = [['=HS.INPUTS("E1")']];
  for (const r of checkRows()) {
    const [labor, unemployed, hard, updated, resource] = ['laborForce', 'registeredUnemployed', 'hardToEmploy', 'laborInfoUpdated', 'laborResource'].map(letter);
    rows.push([
      `=HS.JOBRATE(${L(labor, r)},${L(unemployed, r)})`,
      `=HS.HARDRATE(${L(labor, r)},${L(hard, r)})`,
      `=HS.RATE(${L(updated, r)},${L(resource, r)})`,
      `=HS.SCORE("E1",${L(labor, r)}:${unemployed}${r + 1},${L(letter('month'), r)},${L(letter('type'), r)})`,
      `=HS.SCORE("E2",${L(letter('longTermUnemployed'), r)})`,
    ]);
  }
  return rows;
}

beforeAll(async () => {
  await registerHsFunctions();
  grids = await xlsxGrids(SAMPLE);
  raw = (await readLedgerFile(SAMPLE)).raw; // as hs-score reads it
  engine = scoreLedger(raw);
  book = paneWorkbook(grids);
  const spy = jest.spyOn(oneRow, 'scoreOneRow');
  const names = [...Object.keys(book.sheets), ROWS, CHECKS];
  const sheet = (cells: RawCellContent[][]) => cells.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith('=') ? forHyperFormula(v, names) : v)));
  hf = HyperFormula.buildFromSheets({ ...book.sheets, [ROWS]: sheet(rowSheet()), [CHECKS]: sheet(checkSheet()) }, HF_CONFIG);
  scoredRows = spy.mock.calls.filter(([rubric]) => rubric.items.length === items.length).length; // whole-rubric scorings, not 抽查's single indicators
  spy.mockRestore();
});

afterAll(() => hf?.destroy());

test('HS.BREAKDOWN and HS.MONTHSCORE on every row equal the pane\'s HS.MONTHSCORES, scoring each row once between them', () => {
  const actual: unknown[] = [];
  const expected: unknown[] = [];
  const shown = (v: HfValue) => (isError(v) ? { error: v.value, message: v.message } : v === '' ? null : v);
  raw.rows.forEach((r, i) => {
    const where = `${raw.sheet} row ${r.row}`;
    actual.push({ where, cells: Array.from({ length: items.length + 1 }, (_, k) => shown(valueAt(ROWS, i, k))) });
    expected.push({ where, cells: Array.from({ length: items.length + 1 }, (_, k) => shown(valueAt('月度得分', i + 1, 4 + k))) });
  });
  expect(actual).toEqual(expected);
  // The pane's block is scored in one buildLedger; the two per-row formulas share one scoring per row.
  expect(scoredRows).toBe(raw.rows.length);
});

test('HS.JOBRATE, HS.HARDRATE, HS.RATE, HS.SCORE and HS.INPUTS over ledger cells', () => {
  const rubric = compileRuleSet(HESHAN_2024);
  const built = buildLedger(raw, rubric);
  const measure = (code: string) => evaluateMeasure(HESHAN_2024.indicators.find((i) => i.code === code)!.measure, HESHAN_2024.scoring, built.table).values;
  const [e1, e3, s1] = ['E1', 'E3', 'S1'].map(measure);
  expect([valueAt(CHECKS, 0, 0), valueAt(CHECKS, 0, 1)]).toEqual([fieldDef('laborForce').zh, fieldDef('registeredUnemployed').zh]);

  checkRows().forEach((ledgerRow, k) => {
    const at = (col: number) => valueAt(CHECKS, k + 1, col);
    const i = built.rowOrigins.findIndex((o) => o.row === ledgerRow + 1);
    const unit = built.units[built.table.unit[i]].name;
    const month = engine.units.find((u) => u.unit === unit)!.months.find((m) => m.month === built.table.month[i])!;
    const expectedValues = [e1[i], e3[i], s1[i], month.indicators.E1, month.indicators.E2];
    const cells = errorCells(unit, month.month);
    const blockedOrValue = (v: number | null | undefined) => (v === null || Number.isNaN(v) ? BLOCKED : v);
    expect(expectedValues.map((v, col) => (blockedOrValue(v) === BLOCKED ? blocked(at(col), cells) : at(col)))).toEqual(expectedValues.map(blockedOrValue));
  });
});
