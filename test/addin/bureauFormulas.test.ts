/**
 * A county's rubric with its own fields and unit types (test/helpers/bureauRubric.ts) in cells of a
 * real formula engine (HyperFormula with the HS.* plugin of test/helpers/hyperformulaHS.ts): the
 * workbook the pane writes with live formulas (its 月度得分 through HS.MONTHSCORES and 年度汇总
 * through HS.ANNUALS, every formula passing the 评分细则 range), and HS.BREAKDOWN, HS.MONTHSCORE,
 * HS.ITEMS, HS.INPUTS and HS.SCORE typed by hand over the same sheets, all give the scores worked
 * out by hand, as hs-score gives them; a bad cell is an error naming its cell, as hs-score's.
 */
import { HyperFormula, type CellValue as HfValue, type RawCellContent } from 'hyperformula';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { asCells, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';
import { registerHsFunctions } from '../helpers/hyperformulaHS';
import { forHyperFormula, HF_CONFIG, paneWorkbook, type PaneWorkbook } from '../helpers/paneWorkbook';
import { BUREAU_ANNUAL, BUREAU_EXPECTED, BUREAU_LEDGER_HEADER, bureauGrids, bureauLedgerRows, bureauRubricRows } from '../helpers/bureauRubric';

const HS = asCells(functionsModule);
const HAND = '手写公式';
const ITEMS = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'];
const RUBRIC = `评分细则!$A$1:$R$${bureauRubricRows().length}`;
const HEADER = `台账!$A$1:$L$1`;
const row = (r: number) => `台账!$A$${r}:$L$${r}`;
const col = (header: string) => String.fromCharCode(65 + BUREAU_LEDGER_HEADER.indexOf(header));

interface ErrorShown {
  value: string;
  message: string;
}
const isError = (v: HfValue): v is HfValue & ErrorShown => typeof v === 'object' && v !== null && 'value' in v && 'message' in v;
const shown = (v: HfValue) => (isError(v) ? { error: v.value, message: v.message } : v === '' ? null : v);

/** Formulas an analyst types: per ledger row HS.BREAKDOWN (spilling six items) and HS.MONTHSCORE; then the item and input lists and single indicators. */
function handSheet(ledgerRows: number): RawCellContent[][] {
  const rows: RawCellContent[][] = [];
  for (let r = 2; r <= ledgerRows; r++) {
    const args = `${HEADER},${row(r)},,,,${RUBRIC}`;
    rows.push([`=HS.BREAKDOWN(${args})`, null, null, null, null, null, `=HS.MONTHSCORE(${args})`]);
  }
  rows.push([`=HS.ITEMS(${RUBRIC})`]);
  rows.push([
    // A1 takes 已就业的4050人员 then 4050人员, as HS.INPUTS lists them: 15 of 20 → 7.5.
    `=HS.SCORE("A1",{15,20},3,"街道",${RUBRIC})`,
    `=HS.SCORE("B1",台账!$${col('低收入家庭未就业劳动力')}$4,3,"镇",${RUBRIC})`,
    `=HS.SCORE("B2",台账!$${col('创业人数')}$2,3,"街道办事处",${RUBRIC})`,
    `=HS.SCORE("B1",2,3,"街道",${RUBRIC})`,
    `=HS.SCORE("A3",台账!$${col('援助机制')}$2,3,"街道",${RUBRIC})`,
  ]);
  return rows;
}

class Book {
  readonly hf: HyperFormula;
  readonly pane: PaneWorkbook;
  constructor(readonly grids: SheetGrid[]) {
    this.pane = paneWorkbook(grids);
    const names = [...Object.keys(this.pane.sheets), HAND];
    const hand = handSheet(grids[0].rows.length).map((r) => r.map((v) => (typeof v === 'string' && v.startsWith('=') ? forHyperFormula(v, names) : v)));
    this.hf = HyperFormula.buildFromSheets({ ...this.pane.sheets, [HAND]: hand }, HF_CONFIG);
  }
  value(sheet: string, r: number, c: number): HfValue {
    return this.hf.getCellValue({ sheet: this.hf.getSheetId(sheet)!, row: r, col: c });
  }
  /** 月度得分's row for a unit-month: its items (by the code in its header) and total. */
  monthly(unit: string, month: number): { indicators: Record<string, unknown>; total: unknown } {
    const values = this.hf.getSheetValues(this.hf.getSheetId('月度得分')!);
    const header = values[0].map(String);
    const r = values.findIndex((v) => v[0] === unit && v[header.indexOf('月份')] === month);
    const indicators = Object.fromEntries(ITEMS.flatMap((code) => {
      const c = header.findIndex((h) => h.startsWith(code));
      const v = shown(this.value('月度得分', r, c));
      return v === null ? [] : [[code, v]];
    }));
    return { indicators, total: shown(this.value('月度得分', r, header.findIndex((h) => h.startsWith('月度总分')))) };
  }
}

let book: Book;
beforeAll(async () => {
  await registerHsFunctions();
  book = new Book(bureauGrids());
});
afterAll(() => book?.hf.destroy());

test('the pane’s live 月度得分 and 年度汇总, over the county’s own 评分细则, are the scores worked out by hand', () => {
  expect(book.pane.result.errors).toEqual([]);
  for (const e of BUREAU_EXPECTED) expect([e.unit, e.month, book.monthly(e.unit, e.month)]).toEqual([e.unit, e.month, { indicators: e.indicators, total: e.total }]);
  const annual = book.hf.getSheetValues(book.hf.getSheetId('年度汇总')!);
  const at = annual[0].map(String).indexOf('年度得分');
  expect(Object.fromEntries(annual.filter((r) => typeof r[0] === 'string' && r[0] in BUREAU_ANNUAL).map((r) => [r[0], r[at]]))).toEqual(BUREAU_ANNUAL);
});

test('HS.BREAKDOWN and HS.MONTHSCORE typed by hand give the same, a 镇’s B2 and a 街道’s B1 empty', () => {
  const byRow = BUREAU_EXPECTED.map((e, i) => ({ e, i }));
  expect(byRow.map(({ i }) => [...ITEMS.map((_, k) => shown(book.value(HAND, i, k))), shown(book.value(HAND, i, 6))])).toEqual(
    byRow.map(({ e }) => [...ITEMS.map((code) => e.indicators[code] ?? null), e.total]),
  );
});

test('HS.ITEMS, HS.INPUTS and HS.SCORE name and read the county’s own fields and unit types', () => {
  const after = BUREAU_EXPECTED.length;
  expect(ITEMS.map((_, k) => book.value(HAND, after, k))).toEqual(ITEMS);
  // HyperFormula sizes a spill before calculating, so HS.INPUTS over a range is called as Excel would call it.
  expect(HS.inputs('A1', bureauRubricRows(), N)).toEqual([['已就业的4050人员', '4050人员']]);
  expect(HS.inputs('B3', bureauRubricRows(), N)).toEqual([['工作台账检查得分']]);
  const scores = [0, 1, 2, 3, 4].map((k) => shown(book.value(HAND, after + 1, k)));
  expect(scores.slice(0, 3)).toEqual([7.5, 3, 4]);
  expect(scores[3]).toEqual({ error: '#N/A', message: '指标B1只适用于镇，本单位为街道' });
  expect(scores[4]).toBe(5);
});

test('a bad cell of a county field blocks only what reads it, naming its cell as hs-score does', () => {
  const rows: CellValue[][] = bureauLedgerRows();
  rows[1][BUREAU_LEDGER_HEADER.indexOf('4050人员已就业人数')] = 25;
  rows[3][BUREAU_LEDGER_HEADER.indexOf('援助机制')] = '有';
  const bad = new Book(bureauGrids(rows));
  try {
    const engine = bad.pane.result.errors.map((e) => `${e.cell} ${e.message}`);
    expect(engine).toEqual(['台账!E2 「已就业的4050人员」25 大于「4050人员」20，指标A1无法计分', '台账!H4 「是否建立援助机制」应填是/否，读到「有」，指标A3无法计分']);
    const first = bad.monthly('城关街道', 3);
    expect(first.indicators.A1).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('台账!E2') });
    expect(first.indicators.A2).toBe(6);
    expect(first.total).toMatchObject({ error: '#VALUE!' });
    expect(shown(bad.value(HAND, 0, 0))).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('「已就业的4050人员」25 大于「4050人员」20') });
    expect(shown(bad.value(HAND, 2, 2))).toMatchObject({ error: '#VALUE!', message: expect.stringContaining('「是否建立援助机制」应填是/否，读到「有」') });
    expect(shown(bad.value(HAND, 2, 1))).toBe(10);
  } finally {
    bad.hf.destroy();
  }
});
