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
import { scorePlans } from '../../src/output/sheetPlans';
import { readLedger, scorePlanOptions, scoreView, withSheetIncluded, workbookRubric } from '../../taskpane/paneModel';
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
    /** Month sheets the analyst left out: not read by the pane, nor by the engine it is checked against. */
    readonly excluded: readonly string[] = [],
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
function engineOn(grids: SheetGrid[], excluded: readonly string[] = []): { raw: RawLedger; ruleSet: RuleSet; result: ScoreResult; explanations: Map<string, string> } {
  const view = excluded.reduce((v, sheet) => withSheetIncluded(v, sheet, false), readLedger(grids, undefined));
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
  const { raw, ruleSet, result, explanations } = engineOn(wb.grids, wb.excluded);
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
    // Where the engine says the error is: its cell, or for a column a sheet lacks, the column.
    const engineCells = errors.flatMap((e) => (e.unit === unit && e.month === m.month && e.cell ? [e.cell] : e.unit === null && e.cell && (e.month === null || e.month === m.month) ? [e.cell] : e.unit === null && !e.cell && e.field && e.month === m.month ? [`「${e.field}」列`] : []));
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

/**
 * A district kept as offices keep it (issue 12): a sheet per month without a 月份 column, the month in
 * the sheet's name in five spellings or in a title row, a column added in April (the training items
 * assessed from then), a 联系电话 column inserted from July on, two columns swapped in November, a
 * column dropped in October, a notes sheet, and an old copy of December the analyst left out.
 */
function monthSheetWorkbook(): SheetGrid[] {
  const [single, params] = districtGrids({ units: 40, seed: 12 });
  const header = single.rows[0] as string[];
  const column = (text: string) => header.indexOf(text);
  const monthAt = column('月份');
  const training = [column('年度业务培训达标'), column('新进人员1个月内参加培训')];
  const labour = column('劳动力总数（人）');
  const names = ['1月', '2024年2月', '三月', '2024.04', '05', 'Sheet6', '7月', '8月', '九月份', '10月', '11月', '十二月'];
  const sheets = names.map((name, i) => {
    const month = i + 1;
    const dropped = new Set([monthAt, ...(month < 4 ? training : []), ...(month === 10 ? [training[1]] : [])]);
    const layout = (row: readonly CellValue[], r: number): CellValue[] => {
      let out = row.map((v, c) => (month === 11 && c === labour ? row[labour + 1] : month === 11 && c === labour + 1 ? row[labour] : v));
      out = out.filter((_, c) => !dropped.has(c));
      if (month >= 7) out.splice(1, 0, r === 0 ? '联系电话' : `0737-42${String(r).padStart(5, '0')}`);
      return out;
    };
    const rows = [header, ...single.rows.slice(1).filter((row) => row[monthAt] === month)].map(layout);
    const title = name === 'Sheet6' ? [['2024年6月充分就业社区(村)考核台账'], ['填报单位：赫山区人社局']] : [];
    return { name, rows: [...title, ...rows], merges: [] };
  });
  // An old copy of December, every count doubled: read, it would make December a duplicate of every unit.
  const december = sheets[11];
  const stale = { name: '12月(旧)', rows: december.rows.map((row, r) => (r === 0 ? row : row.map((v) => (typeof v === 'number' ? v * 2 : v)))), merges: [] };
  const notes = { name: '说明', rows: [['本工作簿每月一张表'], ['12月(旧) 为上报前的旧表，不计分']], merges: [] };
  return [notes, ...sheets, stale, params];
}

describe('a ledger kept one sheet per month: each month\'s formulas read its own sheet with its own mapping', () => {
  const STALE = '12月(旧)';
  let wb: Workbook;
  beforeAll(() => {
    const grids = monthSheetWorkbook();
    wb = new Workbook(grids, paneWorkbook(grids, { excludeSheets: [STALE] }), [STALE]);
  });
  afterAll(() => wb.hf.destroy());

  const blockFormulas = () => wb.book.plans.find((p) => p.name === MONTHLY)!.cells.flatMap((r) => (typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES') ? [r[4]] : []));

  test('one HS.MONTHSCORES per month sheet, over that sheet\'s rows and its row of 评分映射, with the month its name or title gives', () => {
    const sheets = engineOn(wb.grids, wb.excluded).raw.sheets!;
    expect(sheets.map((s) => s.sheet)).toEqual(['1月', '2024年2月', '三月', '2024.04', '05', 'Sheet6', '7月', '8月', '九月份', '10月', '11月', '十二月']);
    const calls = blockFormulas();
    expect(calls).toHaveLength(12);
    const quoted = (name: string) => (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name}'`);
    sheets.forEach((s, k) => {
      const month = s.sheet === 'Sheet6' || s.sheet.startsWith('2024') ? `"2024年${s.month}月"` : String(s.month);
      expect(calls[k]).toMatch(new RegExp(`^=HS\\.MONTHSCORES\\(评分映射!\\$[A-Z]+\\$${k + 1}:\\$[A-Z]+\\$${k + 1},${quoted(s.sheet).replace(/[.()]/g, '\\$&')}!\\$[A-Z]+\\$\\d+:\\$[A-Z]+\\$\\d+,参数!\\$A\\$1:\\$F\\$13,,${month}\\)$`));
    });
    expect(calls.join()).not.toContain(STALE);
    // Each sheet's row of 评分映射 is its own mapping: 11月's two swapped columns, 7月's inserted one.
    const mapping = wb.book.plans.find((p) => p.name === '评分映射')!.cells;
    const fieldAt = (k: number, name: string) => mapping[k].indexOf(name);
    expect(fieldAt(10, '劳动力总数')).toBe(fieldAt(9, '劳动力总数') + 1);
    expect(fieldAt(6, '劳动力总数')).toBe(fieldAt(5, '劳动力总数') + 1);
    expect(fieldAt(0, '年度业务培训达标')).toBe(-1);
    // Twelve blocks, one annual chunk and four district calls: nothing per cell.
    expect(wb.book.hsCalls).toBe(12 + 1 + 4);
  });

  test('every monthly score, annual score, rank, flag and amount equals the engine; the bad cells name the engine\'s cells', () => {
    const checked = expectMatchesEngine(wb);
    expect(checked.rows).toBe(12 * 40 + 1);
    expect(checked.duplicates).toBe(2);
    // 10月 lacks 新进人员1个月内参加培训: P2b is an error for every unit that month, never 0 points.
    expect(checked.blockedCells).toBeGreaterThan(40);
  });

  test('the monthly totals and annual scores equal the values the pane writes without formulas, to 1e-9', () => {
    const { result, ruleSet } = engineOn(wb.grids, wb.excluded);
    const view = [STALE].reduce((v, sheet) => withSheetIncluded(v, sheet, false), readLedger(wb.grids, undefined));
    const [values, annualValues] = scorePlans(result, scorePlanOptions(view, {}, ruleSet, 'values', HESHAN_2024_POLICY));
    const totalAt = values.cells[0].findIndex((h) => String(h).startsWith('月度总分'));
    // The live sheet's unit-months that count towards the year (a unit-month entered twice is noted and left out).
    const live = new Map<string, number>();
    const monthly = wb.book.plans.find((p) => p.name === MONTHLY)!;
    monthly.cells.slice(1).forEach((row, i) => {
      const total = wb.value(MONTHLY, i + 1, totalAt);
      if (typeof total === 'number' && row[monthly.cells[0].indexOf('备注')] === null) live.set(`${row[0]}\u0000${row[3]}`, total);
    });
    const written = values.cells.slice(1).filter((row) => typeof row[totalAt] === 'number');
    expect(written.length).toBeGreaterThan(400);
    for (const row of written) expect(Math.abs(live.get(`${row[0]}\u0000${row[3]}`)! - (row[totalAt] as number))).toBeLessThan(1e-9);
    expect(live.size).toBe(written.length);
    const scoreAt = annualValues.cells[0].indexOf('年度得分');
    annualValues.cells.slice(1, result.units.length + 1).forEach((row, i) => {
      const cell = wb.value(ANNUAL, i + 1, scoreAt);
      if (row[scoreAt] === null) expect(cell).toBeNull();
      else expect(Math.abs((cell as number) - (row[scoreAt] as number))).toBeLessThan(1e-9);
    });
  });

  test('blocks cut small never span two sheets: each sheet\'s blocks tile its rows, and every cell still equals the engine', () => {
    const grids = monthSheetWorkbook();
    const small = new Workbook(grids, paneWorkbook(grids, { excludeSheets: [STALE], blockBytes: 8_000 }), [STALE]);
    try {
      const calls = small.book.plans.find((p) => p.name === MONTHLY)!.cells.flatMap((r) => (typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES') ? [r[4]] : []));
      expect(calls.length).toBeGreaterThan(24);
      const ranges = calls.map((f) => /,'?([^,']+)'?!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+),/.exec(f)!.slice(1));
      for (const sheet of engineOn(grids, [STALE]).raw.sheets!) {
        const rows = engineOn(grids, [STALE]).raw.rows.filter((r) => r.sheet === sheet.sheet).map((r) => r.row);
        const covered = ranges.filter(([name]) => name === sheet.sheet).flatMap(([, from, to]) => Array.from({ length: Number(to) - Number(from) + 1 }, (_, k) => Number(from) + k));
        expect({ sheet: sheet.sheet, covered }).toEqual({ sheet: sheet.sheet, covered: rows });
      }
      expectMatchesEngine(small);
    } finally {
      small.hf.destroy();
    }
  });

  test('the old December read too: every December is entered twice, scored in each row, left out of the year, its 备注 naming both sheets', () => {
    const grids = monthSheetWorkbook();
    const both = new Workbook(grids, paneWorkbook(grids));
    try {
      const checked = expectMatchesEngine(both);
      expect(checked.duplicates).toBe(2 + 2 * 40);
      const monthly = both.book.plans.find((p) => p.name === MONTHLY)!;
      const note = monthly.cells.find((r) => r[3] === 12)![monthly.cells[0].indexOf('备注')];
      expect(note).toMatch(/^.+12月重复出现（「十二月」第\d+行、「12月\(旧\)」第\d+行），不计入年度得分$/);
      expect(engineOn(grids).result.units.every((u) => !u.months.some((m) => m.month === 12))).toBe(true);
    } finally {
      both.hf.destroy();
    }
  });

  test('editing a cell of one month sheet rescores that month only, and the year, as re-scoring would', () => {
    const { raw, result } = engineOn(wb.grids, wb.excluded);
    const row = raw.rows.find((r) => r.sheet === '三月' && typeof r.fields.registeredUnemployed?.value === 'number' && typeof r.fields.laborForce?.value === 'number')!;
    const unit = String(row.attributes.unit!.value);
    const cell = /!([A-Z]+)(\d+)$/.exec(row.fields.registeredUnemployed.cell)!;
    const col = cell[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const before = result.units.find((u) => u.unit === unit)!;
    resetCallMeter();
    wb.edit('三月', Number(cell[2]) - 1, col, row.fields.laborForce.value); // everyone registered unemployed
    expect(callMeter.byFunction.get('MONTHSCORES')?.calls).toBe(1);
    const after = engineOn(wb.grids, wb.excluded).result.units.find((u) => u.unit === unit)!;
    expect(after.months.find((m) => m.month === 3)!.total).toBeLessThan(before.months.find((m) => m.month === 3)!.total!);
    expect(after.annual).not.toBe(before.annual);
    expectMatchesEngine(wb);
  });
});
