/**
 * The pane's output sheets as plans (src/output/sheetPlans.ts): values mode copies the result,
 * formulas mode writes =HS.* formulas pointing at the ledger's rows through the hidden mapping
 * sheet, with every unit's months in one range; fills, chart, links, 补贴测算.
 */
import { reportedItems } from '../../src/engine/compile';
import { columnLetter } from '../../src/read/address';
import { targetName } from '../../src/read/columnMatch';
import { fingerprint, Fingerprinter, withoutSpills } from '../../src/output/sheetPlan';
import { MAPPING_SHEET, scorePlans, subsidyPlan, SUBSIDY_SHEET, type ScorePlanOptions } from '../../src/output/sheetPlans';
import { monthlySheet } from '../../src/output/sheets';
import { GANSU_2023_POLICY, HESHAN_2024_POLICY } from '../../src/policy/presets';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { generateDistrict } from '../../src/sample/generateLedger';
import { scoreLedger } from '../../src/score';
import { score, unitYear } from '../engine/helpers';
import { districtLedger, ledgerGridOf } from './districtLedger';
import { districtGrids } from '../helpers/districtGrids';
import { ledgerFromGrids } from '../../src/read/ledgerGrids';
import type { CellValue, SheetGrid } from '../../src/ledger/types';

const ledger = districtLedger(generateDistrict());
const result = scoreLedger(ledger);
const base: ScorePlanOptions = {
  mode: 'values', ruleSet: HESHAN_2024, ledger, ledgerGrid: ledgerGridOf(ledger),
  params: { kind: 'sheet', sheet: '参数', rows: 13, columns: 6 }, rubric: null, sheetNames: ['台账', '参数'], policy: HESHAN_2024_POLICY,
};
const items = reportedItems(HESHAN_2024);

describe('values mode', () => {
  const [monthly, annual, issues] = scorePlans(result, base);

  test('writes the three sheets the CLI writes, header first, formats per column', () => {
    expect([monthly.name, annual.name, issues.name]).toEqual(['月度得分', '年度汇总', '问题清单']);
    const table = monthlySheet(result);
    expect(monthly.cells).toEqual([table.columns.map((c) => c.header), ...table.rows]);
    expect(monthly.numberFormats[4]).toBe('0.00');
    expect(monthly.headerRows).toBe(1);
  });

  test('年度汇总 marks eliminated units and flagged groups, and charts the scores against the 95 line', () => {
    expect(annual.conditionalFills.map((f) => f.formula)).toEqual(['=OR($K2=TRUE,$K2="是")', '=OR($L2=TRUE,$L2="是",$K2="待核实",$L2="待核实",$P2="待核实")']);
    expect(annual.conditionalFills[0].range).toBe(`A2:R${result.units.length + 1}`);
    const chart = annual.chart!;
    expect(chart.lineSeries).toBe(1);
    const [from] = chart.data.split(':');
    const col = from.replace(/\d+/, '');
    const k = annual.cells[0].indexOf('图表数据：单位');
    expect(k).toBeGreaterThan(17);
    expect(annual.cells[0].slice(k, k + 3)).toEqual(['图表数据：单位', '年度得分', '95分线']);
    expect(annual.cells[1].slice(k, k + 3)).toEqual([result.units[0].unit, '=I2', 95]);
    expect(col).toBe(String.fromCharCode(65 + k));
    expect(annual.boldRows).toEqual([result.units.length + 1]);
  });

  test('问题清单 cells in the workbook become links that select them', () => {
    const cellColumn = issues.cells[0].indexOf('单元格');
    const linked = issues.cells.slice(1).map((r) => r[cellColumn]).filter((v) => typeof v === 'string' && v.startsWith('=HYPERLINK('));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked[0]).toMatch(/^=HYPERLINK\("#'台账'!\$?[A-Z]+\d+","台账![A-Z]+\d+"\)$/);
  });
});

describe('formulas mode', () => {
  const plans = scorePlans(result, { ...base, mode: 'formulas' });
  const [mapping, monthly, annual] = plans;

  test('a hidden mapping sheet names each ledger column’s field as mapped', () => {
    expect(mapping.name).toBe(MAPPING_SHEET);
    expect(mapping.hidden).toBe(true);
    expect(mapping.cells[0]).toEqual(ledger.mapping.columns.map((c) => (c.target ? targetName(c.target) : null)));
    expect(mapping.cells[0]).toContain('劳动力总数');
    expect(mapping.cells[0]).toContain('单位名称');
  });

  test('月度得分 mirrors the ledger in ledger order, one HS.MONTHSCORES per block of rows, spilling the items and the total', () => {
    expect(monthly.cells).toHaveLength(ledger.rows.length + 1);
    expect(monthly.cells.slice(1).map((r) => [r[0], r[3]])).toEqual(ledger.rows.map((r) => [r.attributes.unit!.value, r.attributes.month!.value]));
    const last = columnLetter(ledger.mapping.columns.filter((c) => c.target?.kind === 'field').reduce((m, c) => Math.max(m, c.column), 0));
    const anchors = monthly.cells.flatMap((r, i) => (typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES') ? [i] : []));
    expect(anchors[0]).toBe(1);
    expect(monthly.cells[1][4]).toMatch(new RegExp(`^=HS\\.MONTHSCORES\\(${MAPPING_SHEET}!\\$A\\$1:\\$${last}\\$1,台账!\\$A\\$4:\\$${last}\\$\\d+,参数!\\$A\\$1:\\$F\\$13\\)$`));
    // Blocks tile the ledger's rows exactly.
    const ranges = anchors.map((i) => /台账!\$A\$(\d+):\$[A-Z]+\$(\d+)/.exec(monthly.cells[i][4] as string)!.slice(1).map(Number));
    expect(ranges.map(([from, to]) => to - from + 1).reduce((a, b) => a + b, 0)).toBe(ledger.rows.length);
    ranges.forEach(([from], k) => expect(from).toBe(k === 0 ? 4 : ranges[k - 1][1] + 1));
    const small = scorePlans(result, { ...base, mode: 'formulas', blockBytes: 60_000 })[1];
    expect(small.cells.filter((r) => typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES')).length).toBeGreaterThan(anchors.length);
    expect(monthly.spills).toContain(`F2:${columnLetter(4 + items.length)}2`);
  });

  test('年度汇总 is live: the months by reference, HS.ANNUALS per chunk, one spilled call per column and one HS.SUBSIDY for 补贴档次…说明', () => {
    const h = annual.cells[0];
    const at = (row: number, header: string) => annual.cells[row][h.indexOf(header)];
    const n = result.units.length + 1;
    const L = (header: string) => columnLetter(h.indexOf(header));
    const months = `$${L('1月')}$2:$${L('12月')}$${n}`;
    expect(at(1, '年度得分')).toBe(`=HS.ANNUALS(IFERROR(${months},""))`);
    expect(at(2, '年度得分')).toBeNull();
    expect(at(1, '计分月数')).toBe(`=COUNT($${L('1月')}$2:$${L('12月')}$2)`);
    const unit = result.units[0];
    const row = monthly.cells.findIndex((r) => r[0] === unit.unit && r[3] === 1) + 1;
    expect(at(1, '1月')).toBe(`=月度得分!$${columnLetter(4 + items.length)}$${row}`);
    const score = `$${L('年度得分')}$2:$${L('年度得分')}$${n}`;
    expect(at(1, '倒数排名')).toBe(`=HS.BOTTOMRANK(${score},${score})`);
    expect(at(1, '末位淘汰')).toBe(`=HS.ELIMINATED(${score},${score})`);
    expect(at(1, '小组连带')).toBe(`=HS.GROUPFLAG($D$2:$D$${n},$D$2:$D$${n},$${L('末位淘汰')}$2:$${L('末位淘汰')}$${n})`);
    expect(at(1, '补贴档次')).toBe(`=HS.SUBSIDY($A$2:$A$${n},$A$2:$A$${n},${score},$E$2:$E$${n},$D$2:$D$${n},$F$2:$F$${n},"heshan-2024",$${L('补贴档次')}$1:$${L('说明')}$1)`);
    for (const header of ['倒数排名', '末位淘汰', '小组连带', '层级补助', '小组扣减', '年终补贴合计', '说明']) expect(at(2, header)).toBeNull();
    expect(annual.spills).toContain(`${L('倒数排名')}3:${L('倒数排名')}${n}`);
    expect(annual.spills).toContain(`${L('补贴档次')}3:${L('说明')}${n}`);
    // A 合计 says 待核实 while any amount of its column is (ruling R9), else it is the sum.
    const totals = `${L('年终补贴合计')}2:${L('年终补贴合计')}${n}`;
    expect(annual.cells[n][h.indexOf('年终补贴合计')]).toBe(`=IF(COUNTIF(${totals},"待核实")>0,"待核实",SUM(${totals}))`);
  });

  test('a large district\'s HS.SUBSIDY answers in chunks of units, each over the whole district', () => {
    const [, , year] = scorePlans(result, { ...base, mode: 'formulas', blockBytes: 8_000 });
    const h = year.cells[0];
    const k = h.indexOf('补贴档次');
    const anchors = year.cells.flatMap((r, i) => (typeof r[k] === 'string' && String(r[k]).startsWith('=HS.SUBSIDY') ? [i] : []));
    expect(anchors.length).toBeGreaterThan(1);
    const n = result.units.length + 1;
    const firsts = anchors.map((i) => /^=HS\.SUBSIDY\(\$A\$(\d+):\$A\$(\d+),\$A\$2:\$A\$(\d+),/.exec(year.cells[i][k] as string)!.slice(1).map(Number));
    firsts.forEach(([from, to, all], j) => {
      expect(from).toBe(anchors[j] + 1);
      expect(to).toBe(j + 1 < anchors.length ? anchors[j + 1] : n);
      expect(all).toBe(n);
    });
  });

  test('with a 评分细则 sheet every call passes its range', () => {
    const [, month, year] = scorePlans(result, { ...base, mode: 'formulas', rubric: { sheet: '评分细则', rows: 40, columns: 16 } });
    const calls = [...month.cells, ...year.cells].flat().filter((v): v is string => typeof v === 'string' && /HS\.(MONTHSCORES|ANNUALS|ELIMINATED|SUBSIDY)/.test(v));
    expect(calls.length).toBeGreaterThan(3);
    for (const call of calls) expect(call).toMatch(/,评分细则!\$A\$1:\$P\$40\)$/);
  });

  test('a ledger kept one sheet per month: a row of 评分映射 per sheet (its own mapping), typed averages below them, blocks on their own sheet with its month', () => {
    const [single] = districtGrids({ units: 5, seed: 3, badCells: false });
    const monthAt = (single.rows[0] as string[]).indexOf('月份');
    const swap = (row: CellValue[]) => [row[1], row[0], ...row.slice(2)];
    const sheet = (month: number, arrange: (row: CellValue[]) => CellValue[] = (r) => r): SheetGrid => ({
      name: `${month}月`, rows: [single.rows[0], ...single.rows.filter((r) => r[monthAt] === month)].map((r) => arrange(r.filter((_, c) => c !== monthAt))), merges: [],
    });
    const grids = [sheet(1), sheet(2, swap), sheet(3)];
    const monthly = ledgerFromGrids(grids, { source: '按月.xlsx' });
    const typed = { provinceUpdateCoverage: 0.95, provinceAvgServiceCount: 40 };
    const options: ScorePlanOptions = { ...base, mode: 'formulas', ledger: monthly, ledgerGrid: grids[0], grids, params: { kind: 'typed', values: typed }, sheetNames: grids.map((g) => g.name) };
    const [mapping, month] = scorePlans(scoreLedger(monthly), options);
    expect(mapping.cells.slice(0, 3).map((r) => r.slice(0, 2))).toEqual([['单位名称', '类型'], ['类型', '单位名称'], ['单位名称', '类型']]);
    expect(mapping.cells.slice(0, 3).map((r) => r[r.length - 1])).toEqual(['←「1月」的列映射', '←「2月」的列映射', '←「3月」的列映射']);
    expect(mapping.cells[4]).toEqual(['月份', '全省平均劳动力信息更新覆盖率', '全省社区(村)平均服务次数']);
    expect(mapping.cells.slice(5).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const calls = month.cells.flatMap((r) => (typeof r[4] === 'string' && r[4].startsWith('=HS.MONTHSCORES') ? [r[4]] : []));
    expect(calls.map((f) => f.replace(/\$[A-Z]+\$/g, '$C$'))).toEqual([1, 2, 3].map((m) => `=HS.MONTHSCORES(${MAPPING_SHEET}!$C$${m}:$C$${m},'${m}月'!$C$2:$C$6,${MAPPING_SHEET}!$C$5:$C$17,,${m})`));
  });

  test('province averages typed in the pane are written to the mapping sheet and read from there', () => {
    const [typed, month] = scorePlans(result, { ...base, mode: 'formulas', params: { kind: 'typed', values: { provinceUpdateCoverage: 0.95, provinceAvgServiceCount: 40 } } });
    expect(typed.cells[2]).toEqual(['月份', '全省平均劳动力信息更新覆盖率', '全省社区(村)平均服务次数']);
    expect(typed.cells.slice(3).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(month.cells[1][4]).toContain(`,${MAPPING_SHEET}!$A$3:$C$15)`);
  });
});

test('补贴测算: a line per unit with the parts and 说明, a total line, landscape fitted to width', () => {
  const gansu = scoreLedger(ledger, { policy: GANSU_2023_POLICY });
  const plan = subsidyPlan(gansu, GANSU_2023_POLICY);
  expect(plan.name).toBe(SUBSIDY_SHEET);
  expect(plan.printFitToWidth).toBe(true);
  expect(plan.cells[0]).toEqual(['单位名称', '类型', '小组', '认定层级', '年度得分', '末位淘汰', '补贴档次', '基础补助', '小组扣减', '带动奖励', '年终合计', '说明']);
  // The sample's 区级 is no level of 甘肃 2023: those units' subsidies are 待核实, so a labelled line of the certain part follows 合计.
  expect(gansu.summary.subsidyTotal).toBeNull();
  expect(plan.cells).toHaveLength(gansu.units.length + 3);
  const total = plan.cells[plan.cells.length - 2];
  expect(total[0]).toBe('合计');
  expect(total[10]).toBe('待核实');
  expect(plan.cells[plan.cells.length - 1][10]).toBe(gansu.summary.subsidyDeterminedTotal);
  expect(plan.cells[1][11]).toBe(gansu.units[0].subsidy.explanation);
  expect(plan.numberFormats[10]).toBe('#,##0');
});

test('补贴测算 with units 待核实 (ruling R9): 待核实 in their cells and in 合计, the certain part on a labelled line', () => {
  const r = score([
    ...unitYear('A', 99, { level: '区级' }),
    ...unitYear('B', 80, { level: '区级' }),
    ...unitYear('C', 90, { level: '区级', reward: 2000 }), // 倒数第3名 with X unscored: 待核实
    ...unitYear('D', 85, { level: '区级' }),
    ...unitYear('X', 90, { level: '区级', laborForce: null }),
  ]);
  const plan = subsidyPlan(r, HESHAN_2024_POLICY);
  const line = (unit: string) => plan.cells.find((x) => x[0] === unit)!;
  expect(line('X').slice(5, 11)).toEqual(['待核实', '待核实', '待核实', 0, 0, '待核实']); // no group: nothing to deduct
  expect(line('C').slice(5, 11)).toEqual(['待核实', '待核实', '待核实', 0, 2000, '待核实']);
  expect(line('A').slice(5, 11)).toEqual(['否', '区级', 30000, 0, 0, 30000]);
  const [total, certain] = plan.cells.slice(-2);
  expect(total).toEqual(['合计', null, null, null, null, '2个，待核实2个', null, '待核实', 0, 2000, '待核实', '赫山区2024年补贴政策，共5个单位']);
  expect(certain).toEqual(['其中已确定部分', null, null, null, null, null, null, 30000, 0, 0, 30000, '不含年终合计待核实的2个单位，待数据更正后重新测算']);
  expect(certain[10]).toBe(r.summary.subsidyDeterminedTotal);
  expect(plan.boldRows).toEqual([r.units.length + 1, r.units.length + 2]);
});

test('fingerprints ignore trailing blanks (a used range read back) but not a changed cell', () => {
  expect(fingerprint([['a', 1, null], [null]])).toBe(fingerprint([['a', 1]]));
  expect(fingerprint([['a', 1]])).not.toBe(fingerprint([['a', 2]]));
  expect(fingerprint([['a', '']])).toBe(fingerprint([['a']]));
});

test('a fingerprint fed in blocks (a sheet read in several requests) equals the whole one, spills left out per block', () => {
  const cells = [['h1', 'h2'], ['a', 1], [null, null], ['b', '=X()'], [null], ['c', 3], [null, null]];
  const spills = ['B3:B6'];
  const whole = fingerprint(withoutSpills(cells, spills));
  for (const cut of [1, 2, 3, 5]) {
    const f = new Fingerprinter().add(withoutSpills(cells.slice(0, cut), spills, 0)).add(withoutSpills(cells.slice(cut), spills, cut));
    expect(f.digest()).toBe(whole);
  }
  expect(fingerprint(withoutSpills(cells, []))).not.toBe(whole);
});
