/**
 * The workbook the task pane writes with live formulas (its real sheet plans: 评分映射, 月度得分 as
 * blocks of HS.MONTHSCORES, 年度汇总 with HS.ANNUALS and the spilled district calls), calculated by a
 * real formula engine (HyperFormula with the HS plugin bound from the generated functions.json) and
 * checked cell by cell against hs-score's engine (scoreLedger) on the same sheets: the bundled
 * sample, a generated district cut into many blocks, and a workbook with its own 评分细则 — before
 * and after editing the ledger and the 评分细则 sheet, which HyperFormula recalculates through the
 * dependent cells only.
 */
import * as path from 'node:path';
import { HyperFormula, type CellValue as HfValue } from 'hyperformula';
import { reportedItems } from '../../src/engine/compile';
import type { CellValue, RawLedger, RawRow, SheetGrid } from '../../src/ledger/types';
import { readMonth, readText } from '../../src/ledger/cells';
import { xlsxGrids } from '../../src/read/grid';
import { PENDING, type MonthResult, type ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { readRubricSheet, rubricSheetRows } from '../../src/rules/rubricSheet';
import type { RuleSet } from '../../src/rules/vocabulary';
import { scoreLedger, tidy } from '../../src/score';
import { readLedger, scoreView, workbookRubric } from '../../taskpane/paneModel';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { districtGrids } from '../helpers/districtGrids';
import { callMeter, registerHsFunctions, resetCallMeter } from '../helpers/hyperformulaHS';
import { HF_CONFIG, paneWorkbook, type PaneWorkbook } from '../helpers/paneWorkbook';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const MONTHLY = '月度得分';
const ANNUAL = '年度汇总';

interface ErrorShown {
  value: string;
  message: string;
}
const isError = (v: HfValue): v is HfValue & ErrorShown => typeof v === 'object' && v !== null && 'value' in v && 'message' in v;

/** An open workbook in the formula engine, with the grids it was built from (edited alongside). */
class Workbook {
  readonly hf: HyperFormula;
  constructor(
    public grids: SheetGrid[],
    readonly book: PaneWorkbook,
  ) {
    this.hf = HyperFormula.buildFromSheets(book.sheets, HF_CONFIG);
  }

  value(sheet: string, row: number, col: number): HfValue {
    return this.hf.getCellValue({ sheet: this.hf.getSheetId(sheet)!, row, col });
  }

  /** Sets a cell in the engine and in the grids the expected result is computed from. */
  edit(sheet: string, row: number, col: number, value: CellValue): void {
    this.hf.setCellContents({ sheet: this.hf.getSheetId(sheet)!, row, col }, typeof value === 'string' ? `'${value}` : value);
    this.grids = this.grids.map((g) => {
      if (g.name !== sheet) return g;
      const rows = g.rows.map((r) => [...r]);
      while (rows.length <= row) rows.push([]);
      rows[row][col] = value;
      return { ...g, rows };
    });
  }
}

/** What hs-score's engine says for the workbook's sheets as they are now. */
function engineOn(grids: SheetGrid[]): { raw: RawLedger; ruleSet: RuleSet; result: ScoreResult; explanations: Map<string, string> } {
  const view = readLedger(grids, undefined);
  const rubric = workbookRubric(grids);
  if (rubric && 'errors' in rubric) throw new Error(rubric.errors.join('; '));
  const ruleSet = rubric?.ruleSet ?? HESHAN_2024;
  const result = scoreView(view, {}, ruleSet, HESHAN_2024_POLICY);
  // HS.SUBSIDY has no 年初创建单位 or 奖励说明 argument: its 说明 is the engine's without those two columns.
  const without = (r: RawRow): RawRow => ({ ...r, attributes: { ...r.attributes, founding: undefined, rewardReason: undefined } });
  const plain = scoreLedger({ ...view.ledger, rows: view.ledger.rows.map(without) }, { ruleSet });
  return { raw: view.ledger, ruleSet, result, explanations: new Map(plain.units.map((u) => [u.unit, u.subsidy.explanation])) };
}

interface Checked {
  rows: number;
  blockedCells: number;
  duplicates: number;
  rejected: number;
}

/** Every live cell of 月度得分 and 年度汇总 against the engine on the same sheets. */
function expectMatchesEngine(wb: Workbook): Checked {
  const { raw, ruleSet, result, explanations } = engineOn(wb.grids);
  const items = reportedItems(ruleSet);
  const units = new Map(result.units.map((u) => [u.unit, u]));
  const counts = new Map<string, number>();
  for (const r of raw.rows) {
    const unit = readText(r.attributes.unit?.value);
    const m = readMonth(r.attributes.month?.value ?? null);
    if (unit !== null && m.ok) counts.set(`${unit}\u0000${m.month}`, (counts.get(`${unit}\u0000${m.month}`) ?? 0) + 1);
  }
  const checked: Checked = { rows: 0, blockedCells: 0, duplicates: 0, rejected: 0 };
  const actual: unknown[] = [];
  const expected: unknown[] = [];
  const shownAs = (cell: HfValue, engineCells: readonly string[]) => (isError(cell) ? { error: cell.value, namesEngineCell: engineCells.some((c) => cell.message.includes(c)) } : cell);
  raw.rows.forEach((row, i) => {
    const r = i + 1;
    const cells = [...items.map((_, k) => wb.value(MONTHLY, r, 4 + k)), wb.value(MONTHLY, r, 4 + items.length)];
    const unit = readText(row.attributes.unit?.value);
    const m = readMonth(row.attributes.month?.value ?? null);
    const where = `${MONTHLY} row ${r + 1} (${raw.sheet} row ${row.row})`;
    checked.rows++;
    if (unit === null || !m.ok) {
      // Not a unit-month: hs-score says why at the row's cell; every cell of the row says the same.
      checked.rejected++;
      const issue = result.errors.find((e) => e.cell === (unit === null ? (row.attributes.unit?.cell ?? row.rowRef) : (row.attributes.month?.cell ?? row.rowRef)));
      actual.push({ where, cells: cells.map((c) => shownAs(c, issue?.cell ? [issue.cell] : [])) });
      expected.push({ where, cells: cells.map(() => ({ error: '#VALUE!', namesEngineCell: true })) });
      return;
    }
    let month: MonthResult | undefined;
    let errors: ScoreResult['errors'];
    if (counts.get(`${unit}\u0000${m.month}`)! > 1) {
      // Entered twice: hs-score scores neither copy for the year; each row shows its own scores.
      checked.duplicates++;
      const alone = scoreLedger({ ...raw, rows: [row] }, { ruleSet });
      month = alone.units[0].months[0];
      errors = alone.errors;
    } else {
      month = units.get(unit)!.months.find((x) => x.month === m.month)!;
      errors = result.errors;
    }
    const engineCells = errors.flatMap((e) => (e.unit === unit && e.month === m.month && e.cell ? [e.cell] : e.unit === null && e.cell && (e.month === null || e.month === m.month) ? [e.cell] : []));
    const want = (v: number | null | undefined) => (v === undefined ? null : v === null ? { error: '#VALUE!', namesEngineCell: true } : v);
    const expectedCells = [...items.map((item) => want(month!.indicators[item.code])), want(month.total)];
    checked.blockedCells += expectedCells.filter((v) => typeof v === 'object' && v !== null).length;
    // The engine reports points tidied to 10 decimals; the total in the cell is as computed.
    actual.push({ where, cells: cells.map((c) => (c === '' ? null : typeof c === 'number' ? tidy(c) : shownAs(c, engineCells))) });
    expected.push({ where, cells: expectedCells });
  });
  expect(actual).toEqual(expected);

  const header = wb.book.plans.find((p) => p.name === ANNUAL)!.cells[0];
  const at = (u: number, h: string) => {
    const v = wb.value(ANNUAL, u + 1, header.indexOf(h));
    return v === null ? '' : v;
  };
  // Ruling R9: what the engine leaves null (待核实) the cells say as 待核实. HS.SUBSIDY sees a blank
  // score, not the unit's months, so its 说明 says the unit has no score without naming the months.
  const pending = <T,>(v: T | null) => v ?? PENDING;
  const withoutMonths = (text: string | undefined) => text?.replace(/本单位没有年度得分（[^）]*）/g, '本单位没有年度得分');
  expect(result.units.map((_, i) => ({
    unit: at(i, '单位名称'), months: at(i, '计分月数'), annual: at(i, '年度得分'), rank: at(i, '倒数排名'), eliminated: at(i, '末位淘汰'), flagged: at(i, '小组连带'),
    tier: at(i, '补贴档次'), base: at(i, '层级补助'), deduction: at(i, '小组扣减'), total: at(i, '年终补贴合计'), explanation: at(i, '说明'),
  }))).toEqual(result.units.map((u) => ({
    unit: u.unit, months: u.scoredMonths, annual: u.annual ?? '', rank: u.bottomRank ?? '', eliminated: pending(u.eliminated), flagged: pending(u.groupFlagged),
    tier: u.subsidy.tier ?? '', base: pending(u.subsidy.base), deduction: pending(u.subsidy.groupDeduction), total: pending(u.subsidy.total), explanation: withoutMonths(explanations.get(u.unit)),
  })));
  // The 合计 row adds no 待核实 amount: it says 待核实 while the engine has no total.
  const n = result.units.length;
  expect(wb.value(ANNUAL, n + 1, header.indexOf('年终补贴合计'))).toBe(pending(result.summary.subsidyTotal));
  return checked;
}

/** The first ledger row (0-based sheet row) whose field `key` holds `value`. */
function ledgerRowWhere(wb: Workbook, key: string, test: (v: CellValue) => boolean): { row0: number; col: number; raw: RawRow } {
  const { raw } = engineOn(wb.grids);
  const column = raw.mapping.columns.find((c) => c.target?.key === key)!.column;
  const row = raw.rows.find((r) => test((r.fields[key] ?? r.attributes[key as 'unit'])?.value ?? null))!;
  return { row0: row.row - 1, col: column, raw: row };
}

beforeAll(async () => {
  await registerHsFunctions();
});

describe('the bundled sample (title row, two-row merged header, 参数 sheet, planted bad cells)', () => {
  let wb: Workbook;
  beforeAll(async () => {
    const grids = await xlsxGrids(SAMPLE);
    wb = new Workbook(grids, paneWorkbook(grids));
  });
  afterAll(() => wb.hf.destroy());

  test('every score, rank, flag and amount equals the engine; bad cells name the engine\'s cell', () => {
    const checked = expectMatchesEngine(wb);
    expect(checked.blockedCells).toBeGreaterThan(0);
    expect(checked.duplicates).toBe(2);
    // One block for the whole sample, one annual chunk and four district calls.
    expect(wb.book.hsCalls).toBe(1 + 1 + 4);
  });

  test('editing ledger cells rescores the edited block, the year and the money, as re-scoring would', () => {
    // Fix the count typed as 无.
    const bad = ledgerRowWhere(wb, 'validComplaints', (v) => v === '无');
    resetCallMeter();
    wb.edit(engineOn(wb.grids).raw.sheet, bad.row0, bad.col, 0);
    expect(callMeter.byFunction.get('MONTHSCORES')?.calls).toBe(1);
    expectMatchesEngine(wb);

    // Raise a low-ranked unit's registered unemployed until 末位淘汰 changes.
    const before = engineOn(wb.grids).result;
    const candidates = [...before.units].filter((u) => !u.eliminated && u.annual !== null).sort((a, b) => a.annual! - b.annual!);
    const { raw } = engineOn(wb.grids);
    const unemployed = raw.mapping.columns.find((c) => c.target?.key === 'registeredUnemployed')!.column;
    // Half a year in which everyone in the unit is registered unemployed.
    const months = raw.rows.filter((r) => r.attributes.unit?.value === candidates[0].unit && typeof r.fields.laborForce?.value === 'number').slice(0, 6);
    for (const row of months) wb.edit(raw.sheet, row.row - 1, unemployed, row.fields.laborForce.value);
    const after = engineOn(wb.grids).result;
    expect(after.summary.eliminated).not.toEqual(before.summary.eliminated);
    expect(after.summary.eliminated).toContain(candidates[0].unit);
    expectMatchesEngine(wb);
  });
});

describe('a generated district in many blocks, with extra faults', () => {
  let wb: Workbook;
  beforeAll(() => {
    const grids = districtGrids({ units: 120, seed: 7 });
    const ledger = grids[0];
    const col = (h: string) => (ledger.rows[0] as string[]).indexOf(h);
    // A blank unit name, a month that is no month, text in a count, a blank province average.
    ledger.rows[50][col('单位名称')] = null;
    ledger.rows[77][col('月份')] = '13月';
    ledger.rows[300][col('登记失业2年以上人数')] = '两人';
    grids[1].rows[6][2] = null;
    wb = new Workbook(grids, paneWorkbook(grids, { blockBytes: 20_000 }));
  });
  afterAll(() => wb.hf.destroy());

  test('every cell equals the engine, block boundaries or not', () => {
    const monthly = wb.book.plans.find((p) => p.name === MONTHLY)!;
    const blocks = monthly.cells.filter((r) => typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES')).length;
    expect(blocks).toBeGreaterThan(5);
    const annual = wb.book.plans.find((p) => p.name === ANNUAL)!;
    expect(annual.cells.flat().filter((v) => typeof v === 'string' && v.startsWith('=HS.SUBSIDY')).length).toBeGreaterThan(1);
    const checked = expectMatchesEngine(wb);
    expect(checked.rejected).toBe(2);
    expect(checked.blockedCells).toBeGreaterThan(120); // a missing province average blocks its indicator for every unit that month
  });

  test('a 参数 edit rescores every block; a ledger edit only its own', () => {
    const blocks = wb.book.plans.find((p) => p.name === MONTHLY)!.cells.filter((r) => typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES')).length;
    resetCallMeter();
    wb.edit('参数', 6, 2, 0.8);
    expect(callMeter.byFunction.get('MONTHSCORES')?.calls).toBe(blocks);
    expectMatchesEngine(wb);

    const count = ledgerRowWhere(wb, 'longTermUnemployed', (v) => typeof v === 'number');
    resetCallMeter();
    wb.edit(engineOn(wb.grids).raw.sheet, count.row0, count.col, 3);
    expect(callMeter.byFunction.get('MONTHSCORES')?.calls).toBe(1);
    expectMatchesEngine(wb);
  });
});

describe('units whose every month is blocked (ruling R9): no score, no verdict, no money', () => {
  let wb: Workbook;
  let blank: { unit: string; rows: RawRow[] }[];
  let laborForce: number;
  beforeAll(() => {
    const grids = districtGrids({ units: 30, seed: 11, badCells: false });
    const ledger = grids[0];
    laborForce = (ledger.rows[0] as string[]).findIndex((h) => h.startsWith('劳动力总数'));
    wb = new Workbook(grids, paneWorkbook(grids));
    // Two units lose every month: 劳动力总数 blank in each of their rows.
    const { raw } = engineOn(wb.grids);
    const names = [...new Set(raw.rows.map((r) => readText(r.attributes.unit?.value)))].slice(0, 2) as string[];
    blank = names.map((unit) => ({ unit, rows: raw.rows.filter((r) => readText(r.attributes.unit?.value) === unit) }));
    for (const { rows } of blank) for (const r of rows) wb.edit(raw.sheet, r.row - 1, laborForce, null);
  });
  afterAll(() => wb.hf.destroy());

  test('the live sheets say 待核实 exactly where hs-score has null, and the 合计 is 待核实', () => {
    const { result } = engineOn(wb.grids);
    for (const { unit } of blank) expect(result.units.find((u) => u.unit === unit)).toMatchObject({ annual: null, eliminated: null, subsidy: { total: null } });
    // Scored units whose verdict the two missing scores could change are 待核实 too, in the cells as in the engine.
    expect(result.units.filter((u) => u.annual !== null && u.eliminated === null).length).toBeGreaterThan(0);
    expect(result.summary.subsidyTotal).toBeNull();
    expectMatchesEngine(wb);
  });

  test('fixing the cells brings the verdicts and the money back, in the cells as in the engine', () => {
    const { raw } = engineOn(wb.grids);
    for (const { rows } of blank) for (const r of rows) wb.edit(raw.sheet, r.row - 1, laborForce, r.fields.laborForce?.value ?? 1000);
    const { result } = engineOn(wb.grids);
    expect(result.summary.undetermined).toEqual([]);
    expect(result.summary.subsidyTotal).not.toBeNull();
    expectMatchesEngine(wb);
  });
});

describe('a workbook with its own 评分细则', () => {
  let wb: Workbook;
  let rubricRows: CellValue[][];
  const cellOf = (code: string, column: string) => ({ row: rubricRows.findIndex((r) => r[0] === code), col: (rubricRows[1] as string[]).indexOf(column) });

  beforeAll(() => {
    const own: RuleSet = { ...HESHAN_2024, id: 'our-2025', zh: '本区2025年评分细则', ranking: { ...HESHAN_2024.ranking, eliminationThreshold: 96, eliminationBottomN: 4 } };
    rubricRows = rubricSheetRows(own);
    const e1 = cellOf('E1', '目标');
    rubricRows[e1.row][e1.col] = '97%';
    expect(readRubricSheet({ name: '评分细则', rows: rubricRows, merges: [] }).ok).toBe(true);
    const grids = [{ name: '评分细则', rows: rubricRows, merges: [] }, ...districtGrids({ units: 40, seed: 3 })];
    wb = new Workbook(grids, paneWorkbook(grids));
  });
  afterAll(() => wb.hf.destroy());

  test('every call passes the sheet, and every cell scores by it, not by the built-in rubric', () => {
    const builtIn = scoreLedger(engineOn(wb.grids).raw);
    const own = engineOn(wb.grids).result;
    expect(own.units.map((u) => u.annual)).not.toEqual(builtIn.units.map((u) => u.annual));
    expectMatchesEngine(wb);
  });

  test('editing the 评分细则 sheet rescores through the workbook’s own dependencies', () => {
    const before = engineOn(wb.grids).result;
    const e1 = cellOf('E1', '每项分值');
    wb.edit('评分细则', e1.row, e1.col, 2);
    const after = engineOn(wb.grids).result;
    expect(after.units.map((u) => u.annual)).not.toEqual(before.units.map((u) => u.annual));
    expectMatchesEngine(wb);
  });
});
