/**
 * A workbook kept one sheet per month (issue 12): the month in the sheet's name or in a title row,
 * no 月份 column, columns that drift between months, sheets that are not ledgers. It scores exactly
 * as the same figures in one sheet.
 */
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { ledgerFromGrids } from '../../src/read/ledgerGrids';
import { monthInText } from '../../src/read/sheetMonth';
import { scoreLedger } from '../../src/score';
import { districtGrids } from '../helpers/districtGrids';

const [single, params] = districtGrids({ units: 8, seed: 7, badCells: false });
const header = single.rows[0] as string[];
const monthColumn = header.indexOf('月份');

/** The one-sheet ledger's rows of `month`, without the 月份 column, under `title` rows if given. */
function monthSheet(name: string, month: number, title: string[] = [], arrange: (row: CellValue[]) => CellValue[] = (r) => r): SheetGrid {
  const strip = (row: readonly CellValue[]) => arrange(row.filter((_, c) => c !== monthColumn));
  const rows = single.rows.slice(1).filter((row) => row[monthColumn] === month);
  return { name, rows: [...title.map((t) => [t]), strip(header), ...rows.map(strip)], merges: [] };
}

const NAMES = ['1月', '2024年2月', '三月', '2024.04', '05', 'Sheet6', '7月', '8月', '九月份', '10月', '11月', '十二月'];

function monthlyWorkbook(): SheetGrid[] {
  const sheets = NAMES.map((name, i) => {
    const month = i + 1;
    if (name === 'Sheet6') return monthSheet(name, month, ['2024年6月充分就业社区(村)考核台账', '填报单位：某区人社局']);
    // July swaps two columns; the analyst's layout drifts, the mapping follows each sheet.
    if (month === 7) return monthSheet(name, month, [], (r) => [r[1], r[0], ...r.slice(2)]);
    return monthSheet(name, month);
  });
  const notes: SheetGrid = { name: '说明', rows: [['本工作簿按月分表'], ['每月一张表']], merges: [] };
  return [notes, ...sheets, params];
}

describe('monthInText', () => {
  it.each([
    ['1月', 1, null], ['2024年3月', 3, 2024], ['三月', 3, null], ['十二月份', 12, null], ['2024.04', 4, 2024], ['03', 3, null], ['2024-11', 11, 2024],
  ] as const)('reads the sheet name %s', (name, month, year) => {
    expect(monthInText(name, true)).toEqual({ month, year });
  });

  it('reads a title, and not a year or a total as a month', () => {
    expect(monthInText('2024年5月充分就业社区(村)考核台账')).toEqual({ month: 5, year: 2024 });
    expect(monthInText('2024年度充分就业社区考核台账')).toBeNull();
    expect(monthInText('2024', true)).toBeNull();
    expect(monthInText('13', true)).toBeNull();
    expect(monthInText('汇总', true)).toBeNull();
  });
});

describe('a workbook with a sheet per month', () => {
  const monthly = ledgerFromGrids(monthlyWorkbook(), { source: '按月.xlsx' });
  const fromMonthly = scoreLedger(monthly);
  const fromSingle = scoreLedger(ledgerFromGrids([single, params], { source: '单表.xlsx' }));

  it('reads every month sheet, with the month from its name or title, and lists what it left', () => {
    expect(monthly.sheets?.map((s) => [s.sheet, s.month, s.monthFrom])).toEqual(NAMES.map((name, i) => [name, i + 1, name === 'Sheet6' ? 'title' : 'name']));
    const note = monthly.issues.find((i) => i.message.startsWith('按月分表读取'))!;
    expect(note.message).toContain('「Sheet6」6月（取自标题）');
    expect(note.message).toContain('未作为台账读取：「说明」');
    expect(note.message).not.toContain('「参数」');
  });

  it('scores exactly as the same figures in one sheet, to the cent', () => {
    expect(fromMonthly.errors).toEqual([]);
    expect(fromMonthly.units.map((u) => [u.unit, u.annual, u.bottomRank, u.eliminated, u.subsidy.total])).toEqual(
      fromSingle.units.map((u) => [u.unit, u.annual, u.bottomRank, u.eliminated, u.subsidy.total]),
    );
    for (const [k, u] of fromMonthly.units.entries()) {
      expect(u.months.map((m) => [m.month, m.total, { ...m.indicators }])).toEqual(fromSingle.units[k].months.map((m) => [m.month, m.total, { ...m.indicators }]));
    }
    expect(fromMonthly.summary.subsidyTotal).toBe(fromSingle.summary.subsidyTotal);
  });

  it('a column one month lacks blocks what needs it there, never read as blank', () => {
    const grids = monthlyWorkbook();
    const may = grids.find((g) => g.name === '05')!;
    const column = (may.rows[0] as string[]).findIndex((h) => h.startsWith('期末登记失业人员人数'));
    expect(column).toBeGreaterThan(0);
    may.rows = may.rows.map((row) => row.filter((_, c) => c !== column));
    const raw = ledgerFromGrids(grids, { source: '按月.xlsx' });
    expect(raw.issues.map((i) => i.message)).toContain('各月工作表的列不一致：「05」没有「期末登记失业人员人数」列');
    const result = scoreLedger(raw);
    const missing = result.errors.filter((e) => e.field === '期末登记失业人员人数');
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toMatch(/^工作表「05」中没有「期末登记失业人员人数」列，指标.+无法计分$/);
    for (const u of result.units) expect(u.months.find((m) => m.month === 5)!.total).toBeNull();
    for (const u of result.units) expect(u.months.find((m) => m.month === 4)!.total).toBe(fromSingle.units.find((s) => s.unit === u.unit)!.months.find((m) => m.month === 4)!.total);
  });

  it('two sheets of one month make each unit-month an error naming both places', () => {
    const grids = monthlyWorkbook();
    grids.splice(4, 0, monthSheet('3月(修订)', 3)); // after 三月
    const raw = ledgerFromGrids(grids, { source: '按月.xlsx' });
    expect(raw.issues.map((i) => i.message)).toContain('工作表「三月」、「3月(修订)」都是3月，重复的单位月份为错误');
    const result = scoreLedger(raw);
    const dup = result.errors.filter((e) => /3月重复出现/.test(e.message));
    expect(dup).toHaveLength(8);
    expect(dup[0].cell).toMatch(/^'3月\(修订\)'!A\d+$/);
    expect(dup[0].message).toMatch(/（与三月!A\d+重复）/);
  });

  it('a sheet of another year is one error for the sheet, not one per row', () => {
    const grids = monthlyWorkbook();
    const i = grids.findIndex((g) => g.name === '2024.04');
    grids[i] = { ...grids[i], name: '2023.04' };
    const result = scoreLedger(ledgerFromGrids(grids, { source: '按月.xlsx' }));
    const wrongYear = result.errors.filter((e) => e.message.includes('2023年4月'));
    expect(wrongYear).toHaveLength(1);
    expect(wrongYear[0].message).toMatch(/^工作表「2023\.04」为2023年4月，不是2024年，该表各行未计分/);
  });

  it('a workbook with one ledger sheet and a month column is read as before', () => {
    const raw = ledgerFromGrids([single, params], { source: '单表.xlsx' });
    expect(raw.sheets).toBeUndefined();
    expect(raw.rows).toHaveLength(single.rows.length - 1);
  });
});
