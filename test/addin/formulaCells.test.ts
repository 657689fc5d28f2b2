/**
 * The HS.* functions computing in cells of a real formula engine (HyperFormula with the plugin of
 * test/helpers/hyperformulaHS.ts, bound from the generated functions.json), on the bundled sample
 * ledger, checked cell by cell against hs-score's engine (scoreLedger) on the same ledger — before
 * and after editing input cells, which HyperFormula recalculates through the dependent cells only.
 */
import * as path from 'node:path';
import { HyperFormula, type CellValue as HfValue, type RawCellContent } from 'hyperformula';
import { ANNUAL_COL, ANNUAL_SHEET, formulaWorkbook, HF_CONFIG, MONTH_COL, MONTH_SHEET, type FormulaWorkbook } from '../../bench/formulaPath';
import { compileRuleSet, evaluateMeasure } from '../../src/engine/compile';
import { fieldDef } from '../../src/fields';
import { buildLedger } from '../../src/ledger/build';
import type { RawLedger, SheetGrid } from '../../src/ledger/types';
import { columnLetter } from '../../src/read/address';
import { readXlsxGrids } from '../../src/read/grid';
import { ledgerFromGrids, readLedgerFile } from '../../src/read/ledger';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { scoreLedger } from '../../src/score';
import { registerHsFunctions } from '../helpers/hyperformulaHS';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const CHECKS = '抽查';

/** What HyperFormula shows for an error cell. */
interface ErrorShown {
  value: string;
  message: string;
}
const isError = (v: HfValue): v is HfValue & ErrorShown => typeof v === 'object' && v !== null && 'value' in v && 'message' in v;

let grids: SheetGrid[];
let raw: RawLedger;
let engine: ScoreResult;
let book: FormulaWorkbook;
let hf: HyperFormula;
let ledgerSheet: number;

const columnOf = (key: string): number => raw.mapping.columns.find((c) => c.target?.key === key)!.column;
const valueAt = (sheet: string, row: number, col: number): HfValue => hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row, col });

/** The engine on the ledger as hs-score reads it; the 说明 of HS.SUBSIDY, which has no 年初创建单位 or 奖励说明 parameter, from the engine without those two columns. */
function scored(ledger: RawLedger): { result: ScoreResult; explanations: Map<string, string> } {
  const without = (r: RawLedger['rows'][number]) => ({ ...r, attributes: { ...r.attributes, founding: undefined, rewardReason: undefined } });
  const plain = scoreLedger({ ...ledger, rows: ledger.rows.map(without) });
  return { result: scoreLedger(ledger), explanations: new Map(plain.units.map((u) => [u.unit, u.subsidy.explanation])) };
}

/** Engine errors of a unit-month: the cells a formula's message must name one of. */
const errorCells = (result: ScoreResult, unit: string, month: number) => result.errors.flatMap((e) => (e.unit === unit && e.month === month && e.cell ? [e.cell] : []));

/** A blocked cell as compared: #VALUE!, and whether its message names one of the engine's cells. */
const blocked = (cell: HfValue, cells: readonly string[]) => ({ shown: isError(cell) ? cell.value : cell, namesEngineCell: isError(cell) && cells.some((c) => cell.message.includes(c)) });
const BLOCKED = { shown: '#VALUE!', namesEngineCell: true };

interface Checked {
  scored: number;
  blocked: number;
  duplicates: number;
}

/** Every formula of 月度得分 and 年度汇总 against the engine's result for the same ledger. */
function expectWorkbookMatches(ledger: RawLedger): Checked {
  const { result, explanations } = scored(ledger);
  const codes = compileRuleSet(HESHAN_2024).items.map((i) => i.code);
  expect(codes.map((_, k) => valueAt(MONTH_SHEET, 0, MONTH_COL.breakdown + k))).toEqual(codes); // HS.ITEMS spilled as the header
  const units = new Map(result.units.map((u) => [u.unit, u]));
  const checked: Checked = { scored: 0, blocked: 0, duplicates: 0 };
  const actual: unknown[] = [];
  const expected: unknown[] = [];
  book.months.forEach((m, i) => {
    const row = i + 1;
    const month = m.month as number;
    const where = `${MONTH_SHEET} row ${row + 1}: ${m.unit} ${month}月`;
    const engineMonth = units.get(m.unit!)!.months.find((x) => x.month === month);
    const cells = [MONTH_COL.total, MONTH_COL.counted, ...codes.map((_, k) => MONTH_COL.breakdown + k)].map((col) => valueAt(MONTH_SHEET, row, col));
    if (engineMonth === undefined) {
      // Entered twice: hs-score scores neither copy and says so; a row formula cannot see the
      // other copy, so 计入年度 (COUNTIFS) leaves the month out of the year.
      checked.duplicates++;
      actual.push({ where, duplicate: result.errors.some((e) => e.unit === m.unit && e.month === month && e.message.includes('重复')), counted: isError(cells[1]) && cells[1].value });
      expected.push({ where, duplicate: true, counted: '#N/A' });
      return;
    }
    checked.scored++;
    const engineCells = errorCells(result, m.unit!, month);
    const compare = (cell: HfValue, value: number | null | undefined) => (value === null ? blocked(cell, engineCells) : cell);
    if (engineMonth.total === null) checked.blocked++;
    actual.push({ where, total: compare(cells[0], engineMonth.total), counted: compare(cells[1], engineMonth.total), items: codes.map((code, k) => compare(cells[2 + k], engineMonth.indicators[code])) });
    const engineValue = (value: number | null | undefined) => (value === null ? BLOCKED : value ?? ''); // '' where E4a/E4b is for the other type
    expected.push({ where, total: engineValue(engineMonth.total), counted: engineValue(engineMonth.total), items: codes.map((code) => engineValue(engineMonth.indicators[code])) });
  });
  expect(actual).toEqual(expected);
  expect(checked.scored).toBe(result.summary.unitMonths);

  expect(book.units.map((u) => u.unit)).toEqual(result.units.map((u) => u.unit));
  const at = (i: number, col: number) => valueAt(ANNUAL_SHEET, i + 1, col);
  expect(
    book.units.map((u, i) => ({
      unit: u.unit, annual: at(i, ANNUAL_COL.annual), bottomRank: at(i, ANNUAL_COL.bottomRank), eliminated: at(i, ANNUAL_COL.eliminated),
      groupFlag: at(i, ANNUAL_COL.groupFlag), subsidy: at(i, ANNUAL_COL.subsidy), explanation: at(i, ANNUAL_COL.explanation),
    })),
  ).toEqual(
    result.units.map((e) => ({
      unit: e.unit, annual: e.annual, bottomRank: e.bottomRank, eliminated: e.eliminated,
      groupFlag: e.groupFlagged, subsidy: e.subsidy.total, explanation: explanations.get(e.unit),
    })),
  );
  return checked;
}

/** Sets a ledger cell in HyperFormula and in a copy of the grid; returns the ledger re-read from the copy. */
function edit(row: number, col: number, value: number): RawLedger {
  hf.setCellContents({ sheet: ledgerSheet, row, col }, value);
  grids = grids.map((g) => (g.name !== raw.sheet ? g : { ...g, rows: g.rows.map((r, i) => (i !== row ? r : r.map((v, c) => (c === col ? value : v)))) }));
  raw = ledgerFromGrids(grids, { source: SAMPLE });
  return raw;
}

beforeAll(async () => {
  await registerHsFunctions();
  grids = await readXlsxGrids(SAMPLE);
  raw = (await readLedgerFile(SAMPLE, { keepWorkbook: false })).raw; // as hs-score reads it
  engine = scoreLedger(raw);
  book = formulaWorkbook(grids);
  hf = HyperFormula.buildFromSheets({ ...book.sheets, [CHECKS]: checkSheet() }, HF_CONFIG);
  ledgerSheet = hf.getSheetId(raw.sheet)!;
});

afterAll(() => hf?.destroy());

/* ---------- 抽查: indicator functions over ledger cells ---------- */

/** Ledger rows for the spot checks: the first row of a 社区, of a 村, and the row with the blank 劳动力总数. */
function checkRows(): number[] {
  const first = (type: string) => raw.rows.find((r) => r.attributes.type?.value === type)!.row - 1;
  const blank = raw.rows.find((r) => r.fields.laborForce.value === null)!.row - 1;
  return [first('社区'), first('村'), blank];
}

const L = (col: string, row0: number) => `'${raw.sheet}'!${col}${row0 + 1}`;
const letter = (key: string) => columnLetter(columnOf(key));

/** A unit with a blocked month: its 年度汇总 row. */
const unitWithBlockedMonth = () => book.units.findIndex((u) => engine.units.find((e) => e.unit === u.unit)!.months.some((m) => m.total === null));

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
  // HS.ANNUAL over a unit's months without IFERROR: a range holding an error value.
  const u = book.units[unitWithBlockedMonth()];
  rows.push([`=HS.ANNUAL('${MONTH_SHEET}'!$${columnLetter(MONTH_COL.counted)}$${u.first + 1}:$${columnLetter(MONTH_COL.counted)}$${u.last + 1})`]);
  return rows;
}

test('every HS.* function of the generated metadata is registered under HS.<ID>', async () => {
  const { metadata, exportOf } = await registerHsFunctions();
  const registered = HyperFormula.getRegisteredFunctionNames('enGB');
  expect(metadata.functions.map((f) => `HS.${f.id}`).filter((id) => !registered.includes(id))).toEqual([]);
  expect(exportOf.get('HS.JOBRATE')).toBe('jobRate');
  expect(exportOf.get('HS.BOTTOMRANK')).toBe('bottomrank');
  expect(book.months).toHaveLength(raw.rows.length);
  // The sample is kept month by month: 月度得分 groups each unit's rows for HS.ANNUAL.
  expect(new Set(book.units.map((u) => u.last - u.first + 1))).toEqual(new Set([12, 13]));
});

test('月度得分 and 年度汇总 equal the engine on the sample, blocked cells naming the engine\'s cell', () => {
  const checked = expectWorkbookMatches(raw);
  // The sample's planted bad cells: blocked months, and one unit-month entered twice.
  expect(checked.blocked).toBe(engine.units.flatMap((u) => u.months).filter((m) => m.total === null).length);
  expect(checked.blocked).toBeGreaterThan(0);
  expect(checked.duplicates).toBe(2 * engine.errors.filter((e) => e.message.includes('重复出现')).length);
  expect(checked.duplicates).toBeGreaterThan(0);
  expect(book.units.filter((_, i) => valueAt(ANNUAL_SHEET, i + 1, ANNUAL_COL.eliminated) === true).map((u) => u.unit)).toEqual(engine.summary.eliminated);
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
    const expected = [e1[i], e3[i], s1[i], month.indicators.E1, month.indicators.E2];
    const cells = errorCells(engine, unit, month.month);
    const blockedOrValue = (v: number | null | undefined) => (v === null || Number.isNaN(v) ? BLOCKED : v);
    expect(expected.map((v, col) => (blockedOrValue(v) === BLOCKED ? blocked(at(col), cells) : at(col)))).toEqual(expected.map(blockedOrValue));
  });
});

test('an error value in a range argument is the result, the function not called (no allowErrorForDataTypeAny, as in Excel)', async () => {
  expect((await registerHsFunctions()).metadata.allowErrorForDataTypeAny).toBeUndefined();
  const u = book.units[unitWithBlockedMonth()];
  const months = Array.from({ length: u.last - u.first + 1 }, (_, k) => valueAt(MONTH_SHEET, u.first + k, MONTH_COL.counted));
  const firstError = months.find(isError)!;
  expect(firstError.message).toContain(u.unit);
  expect(valueAt(CHECKS, checkRows().length + 1, 0)).toEqual(firstError);
});

test('editing input cells recalculates the dependent cells exactly as re-scoring the edited ledger', () => {
  // 1. Fix a planted bad cell: the count typed as 无 becomes 0, and its month is scored again.
  const bad = raw.rows.find((r) => r.fields.validComplaints?.value === '无')!;
  const unit = String(bad.attributes.unit!.value);
  const month = bad.attributes.month!.value as number;
  const row = book.months.findIndex((m) => m.ledgerRow === bad.row - 1) + 1;
  expect(isError(valueAt(MONTH_SHEET, row, MONTH_COL.total))).toBe(true);
  const unitIndex = book.units.findIndex((u) => u.unit === unit);
  const annualBefore = valueAt(ANNUAL_SHEET, unitIndex + 1, ANNUAL_COL.annual);
  const fixed = scored(edit(bad.row - 1, columnOf('validComplaints'), 0)).result;
  expect(valueAt(MONTH_SHEET, row, MONTH_COL.total)).toBe(fixed.units[unitIndex].months.find((m) => m.month === month)!.total);
  expect(valueAt(ANNUAL_SHEET, unitIndex + 1, ANNUAL_COL.annual)).not.toBe(annualBefore);
  expectWorkbookMatches(raw);

  // 2. Raise 期末登记失业人员人数 for a low-ranked unit: the edit the engine says changes 末位淘汰.
  const before = fixed;
  const candidates = [...before.units].sort((a, b) => (a.bottomRank ?? Infinity) - (b.bottomRank ?? Infinity)).filter((u) => !u.eliminated);
  const labor = columnOf('laborForce');
  const unemployed = columnOf('registeredUnemployed');
  let choice: { ledgerRow: number; result: ScoreResult } | undefined;
  for (const ledgerRow of candidates.flatMap((u) => book.months.filter((m) => m.unit === u.unit).map((m) => m.ledgerRow))) {
    const copy = grids.map((g) => (g.name !== raw.sheet ? g : { ...g, rows: g.rows.map((r, i) => (i !== ledgerRow ? r : r.map((v, c) => (c === unemployed ? r[labor] : v)))) }));
    const result = scoreLedger(ledgerFromGrids(copy, { source: SAMPLE }));
    if (result.summary.eliminated.join() !== before.summary.eliminated.join()) {
      choice = { ledgerRow, result };
      break;
    }
  }
  expect(choice).toBeDefined();
  const laborForce = grids.find((g) => g.name === raw.sheet)!.rows[choice!.ledgerRow][labor] as number;
  const edited = book.months.findIndex((m) => m.ledgerRow === choice!.ledgerRow) + 1;
  const totalBefore = valueAt(MONTH_SHEET, edited, MONTH_COL.total);
  const after = scored(edit(choice!.ledgerRow, unemployed, laborForce)).result;
  expect(valueAt(MONTH_SHEET, edited, MONTH_COL.total)).toBeLessThan(totalBefore as number);
  expect(after.summary.eliminated).toEqual(choice!.result.summary.eliminated);
  expect(after.summary.eliminated).not.toEqual(before.summary.eliminated);
  expectWorkbookMatches(raw);
  expect(book.units.filter((_, i) => valueAt(ANNUAL_SHEET, i + 1, ANNUAL_COL.eliminated) === true).map((u) => u.unit)).toEqual(after.summary.eliminated);
});
