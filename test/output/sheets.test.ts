/**
 * The output sheets as plain rows (src/output/sheets.ts): headers, one row per unit-month,
 * blocked and not-applicable indicators, the 年度汇总 money columns and 合计, 问题清单's cells.
 */
import { reportedItems } from '../../src/engine/compile';
import { annualSheet, indicatorHeader, issuesSheet, monthlySheet, outputSheets, OUTPUT_SHEET_NAMES } from '../../src/output/sheets';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { generateDistrict } from '../../src/sample/generateLedger';
import { xlsxCellAddress } from '../../src/sample/writeLedger';
import { scoreLedger } from '../../src/score';
import { perfect, score, unitYear } from '../engine/helpers';
import { districtLedger } from './districtLedger';

const district = generateDistrict();
const result: ScoreResult = scoreLedger(districtLedger(district));
const CODES = ['E1', 'E2', 'E3', 'E4a', 'E4b', 'S1', 'S2', 'S3a', 'S3b', 'S3c', 'S3d', 'S4a', 'S4b', 'S4c', 'S5a', 'S5b', 'S5c', 'S6a', 'S6b', 'S6c', 'Q1', 'Q2a', 'Q2b', 'Q2c', 'Q3', 'P1a', 'P1b', 'P2', 'P3'];

const col = (table: { columns: { header: string }[] }, header: string) => {
  const k = table.columns.findIndex((c) => c.header === header);
  if (k < 0) throw new Error(`no column ${header}`);
  return k;
};

describe('月度得分', () => {
  const sheet = monthlySheet(result);
  const headers = sheet.columns.map((c) => c.header);

  it('has the identity columns, every reported indicator in rubric order with its maximum, the total and 备注', () => {
    expect(sheet.name).toBe('月度得分');
    expect(headers.slice(0, 4)).toEqual(['单位名称', '类型', '小组', '月份']);
    expect(headers.slice(4, 4 + CODES.length).map((h) => h.split(' ')[0])).toEqual(CODES);
    expect(headers).toContain('E1 登记失业人员就业率(5)');
    expect(headers).toContain('S4b 离校未就业高校毕业生(3)');
    expect(headers).toContain('P2 人员配置及培训(4)');
    expect(headers.slice(-2)).toEqual(['月度总分(100)', '备注']);
    expect(reportedItems(HESHAN_2024).map(indicatorHeader)).toEqual(headers.slice(4, 4 + CODES.length));
    expect(sheet.columns.slice(4, -1).every((c) => c.kind === 'points')).toBe(true);
  });

  it('has one row per scored unit-month (the duplicated unit-month is out), every row as wide as the header', () => {
    const unitMonths = result.units.reduce((n, u) => n + u.months.length, 0);
    expect(sheet.rows).toHaveLength(unitMonths);
    expect(sheet.rows).toHaveLength(result.summary.unitMonths);
    expect(sheet.rows).toHaveLength(district.rows.length - 2);
    for (const row of sheet.rows) expect(row).toHaveLength(headers.length);
    const keys = new Set(sheet.rows.map((r) => `${r[0]}/${r[3]}`));
    expect(keys.size).toBe(sheet.rows.length);
  });

  it('copies every indicator and total from the result', () => {
    const byKey = new Map(sheet.rows.map((r) => [`${r[0]}/${r[3]}`, r]));
    const index = CODES.map((code) => headers.findIndex((h) => h.startsWith(`${code} `)));
    for (const unit of result.units) {
      for (const m of unit.months) {
        const row = byKey.get(`${unit.unit}/${m.month}`)!;
        expect([row[1], row[2]]).toEqual([unit.type, unit.group]);
        expect(index.map((k) => row[k])).toEqual(CODES.map((code) => m.indicators[code] ?? null));
        expect(row[headers.length - 2]).toBe(m.total);
      }
    }
  });

  it('leaves E4b empty for a 社区 and E4a empty for a 村', () => {
    const e4a = headers.findIndex((h) => h.startsWith('E4a '));
    const e4b = headers.findIndex((h) => h.startsWith('E4b '));
    const community = sheet.rows.find((r) => r[1] === '社区')!;
    const village = sheet.rows.find((r) => r[1] === '村')!;
    expect(typeof community[e4a]).toBe('number');
    expect(community[e4b]).toBeNull();
    expect(typeof village[e4b]).toBe('number');
    expect(village[e4a]).toBeNull();
  });

  it('leaves a blocked indicator and the total empty and says why in 备注', () => {
    const bad = district.badCells.find((b) => b.key === 'overdueReviews')!;
    const row = sheet.rows.find((r) => r[0] === district.rows[bad.row].unit && r[3] === district.rows[bad.row].month)!;
    expect(row[headers.findIndex((h) => h.startsWith('S2 '))]).toBeNull();
    expect(row[headers.findIndex((h) => h.startsWith('S3a '))]).toBe(2);
    expect(row[headers.length - 2]).toBeNull();
    expect(row[headers.length - 1]).toMatch(/S2有错误未能计分，见问题清单/);
  });

  it('carries ruling R2 notes into 备注', () => {
    const r = score([perfect({ gradsRegistered: 0, gradsFollowedUp: 0, gradsServed: 0, gradsEmployed: 0 })]);
    const [row] = monthlySheet(r).rows;
    expect(row[row.length - 1]).toMatch(/S4b：无基数，按达标计/);
    expect(row[row.length - 2]).toBe(100);
  });
});

describe('年度汇总', () => {
  const sheet = annualSheet(result);
  const headers = sheet.columns.map((c) => c.header);

  it('has the agreed columns', () => {
    expect(headers).toEqual([
      '单位名称', '类型', '所属乡镇', '小组', '认定层级', '带动奖励', '计分月数', '缺少月份', '年度得分', '倒数排名', '末位淘汰', '小组连带', '补贴档次',
      '层级补助', '小组扣减', '年终补贴合计', '说明', '启动资金(不计入)',
    ]);
    expect(sheet.columns.filter((c) => c.kind === 'yuan').map((c) => c.header)).toEqual(['带动奖励', '层级补助', '小组扣减', '年终补贴合计', '启动资金(不计入)']);
  });

  it('has one row per unit in ledger order, then 合计', () => {
    expect(sheet.rows).toHaveLength(result.units.length + 1);
    expect(sheet.rows.slice(0, -1).map((r) => r[0])).toEqual(result.units.map((u) => u.unit));
    expect(sheet.totalRow).toBe(result.units.length);
    expect(sheet.rows[sheet.totalRow!][0]).toBe('合计');
  });

  it('shows rank, 末位淘汰, group flag and the subsidy breakdown of each unit', () => {
    for (const [i, u] of result.units.entries()) {
      const row = sheet.rows[i];
      expect(row[col(sheet, '年度得分')]).toBe(u.annual);
      expect(row[col(sheet, '倒数排名')]).toBe(u.bottomRank);
      expect(row[col(sheet, '末位淘汰')]).toBe(u.eliminated === null ? '待核实' : u.eliminated ? '是' : '否');
      expect(row[col(sheet, '小组连带')]).toBe(u.groupFlagged === null ? '待核实' : u.groupFlagged ? '是' : '否');
      expect(row[col(sheet, '层级补助')]).toBe(u.subsidy.base);
      expect(row[col(sheet, '小组扣减')]).toBe(u.subsidy.groupDeduction);
      expect(row[col(sheet, '带动奖励')]).toBe(u.subsidy.reward);
      expect(row[col(sheet, '年终补贴合计')]).toBe(u.subsidy.total);
      expect(row[col(sheet, '启动资金(不计入)')]).toBe(u.subsidy.startupFund);
      expect(row[col(sheet, '说明')]).toBe(u.subsidy.explanation);
      expect(row[col(sheet, '计分月数')]).toBe(u.scoredMonths);
    }
    expect(result.summary.eliminated.length).toBeGreaterThanOrEqual(1);
    expect(sheet.rows.filter((r) => r[col(sheet, '末位淘汰')] === '是')).toHaveLength(result.summary.eliminated.length);
  });

  it('names the missing months of a unit', () => {
    const dup = district.rows[district.duplicateRow!];
    const row = sheet.rows.find((r) => r[0] === dup.unit)!;
    expect(row[col(sheet, '缺少月份')]).toBe(`${dup.month}月`);
    expect(row[col(sheet, '计分月数')]).toBe(11);
    const full = sheet.rows.find((r, i) => i < result.units.length && r[col(sheet, '计分月数')] === 12)!;
    expect(full[col(sheet, '缺少月份')]).toBeNull();
  });

  it('sums the money columns in 合计 and nothing else', () => {
    const total = sheet.rows[sheet.totalRow!];
    const sum = (header: string) => sheet.rows.slice(0, -1).reduce((s, r) => s + (r[col(sheet, header)] as number), 0);
    expect(total[col(sheet, '年终补贴合计')]).toBe(result.summary.subsidyTotal);
    for (const h of ['层级补助', '小组扣减', '带动奖励', '启动资金(不计入)']) expect(total[col(sheet, h)]).toBe(sum(h));
    expect(total[col(sheet, '年度得分')]).toBeNull();
    expect(total[col(sheet, '倒数排名')]).toBeNull();
  });

  it('leaves the score and rank of a unit without any scored month empty', () => {
    const r = score([...unitYear('A', 99), perfect({ unit: 'B', laborForce: null })]);
    const rows = annualSheet(r).rows;
    const b = rows.find((x) => x[0] === 'B')!;
    expect(b[col(sheet, '年度得分')]).toBeNull();
    expect(b[col(sheet, '倒数排名')]).toBeNull();
    expect(b[col(sheet, '计分月数')]).toBe(0);
    expect(b[col(sheet, '缺少月份')]).toBe('1月、2月、3月、4月、5月、6月、7月、8月、9月、10月、11月、12月');
  });
});

describe('年度汇总 with units 待核实 (ruling R9)', () => {
  // X has no score; with k = 1, B (倒数第2名) still goes, C (倒数第3名) is 待核实, D is safe.
  const r = score([
    ...unitYear('A', 99, { level: '区级', group: 'G1' }),
    ...unitYear('B', 80, { level: '区级', group: 'G2' }),
    ...unitYear('C', 85, { level: '区级', group: 'G1' }),
    ...unitYear('D', 90, { level: '区级' }),
    ...unitYear('E', 70, { level: '区级' }),
    ...unitYear('X', 90, { level: '区级', laborForce: null }),
  ]);
  const sheet = annualSheet(r);
  const row = (unit: string) => sheet.rows.find((x) => x[0] === unit)!;

  it('shows 待核实, never 否 or 0, for a verdict or amount that is not known', () => {
    expect(['X', 'C'].map((u) => [row(u)[col(sheet, '末位淘汰')], row(u)[col(sheet, '层级补助')], row(u)[col(sheet, '年终补贴合计')], row(u)[col(sheet, '补贴档次')]])).toEqual([
      ['待核实', '待核实', '待核实', '待核实'],
      ['待核实', '待核实', '待核实', '待核实'],
    ]);
    expect(row('A')[col(sheet, '小组连带')]).toBe('待核实'); // C is in G1
    expect(row('A')[col(sheet, '年终补贴合计')]).toBe('待核实');
    expect(row('B')[col(sheet, '末位淘汰')]).toBe('是');
    expect(row('D')).toEqual(expect.arrayContaining(['否', 30000]));
  });

  it('does not add a 待核实 amount into 合计: the column says 待核实, the note gives the certain part', () => {
    const total = sheet.rows[sheet.totalRow!];
    expect(total[col(sheet, '年终补贴合计')]).toBe('待核实');
    expect(total[col(sheet, '层级补助')]).toBe('待核实');
    expect(total[col(sheet, '带动奖励')]).toBe(0);
    expect(r.summary.subsidyDeterminedTotal).toBe(0 + 0 + 30000); // B eliminated, E eliminated, D
    expect(total[col(sheet, '说明')]).toBe('共6个单位，末位淘汰2个，待核实3个；年终补贴合计待核实，已确定部分30,000元');
  });
});

describe('问题清单', () => {
  const sheet = issuesSheet(result);

  it('lists errors then warnings with unit, month, field, cell and message', () => {
    expect(sheet.columns.map((c) => c.header)).toEqual(['级别', '单位', '月份', '字段', '单元格', '说明']);
    expect(sheet.columns[4].kind).toBe('cell');
    expect(sheet.rows).toHaveLength(result.errors.length + result.warnings.length);
    expect(sheet.rows.slice(0, result.errors.length).every((r) => r[0] === '错误')).toBe(true);
    expect(sheet.rows.slice(result.errors.length).every((r) => r[0] === '提示')).toBe(true);
    expect(sheet.rows.map((r) => r[5])).toEqual([...result.errors, ...result.warnings].map((i) => i.message));
  });

  it('names the cell of every planted bad cell', () => {
    const cells = sheet.rows.filter((r) => r[0] === '错误').map((r) => r[4]);
    for (const bad of district.badCells) expect(cells).toContain(xlsxCellAddress(bad.row, bad.key));
    const negative = district.badCells.find((b) => b.key === 'overdueReviews')!;
    const row = sheet.rows.find((r) => r[4] === xlsxCellAddress(negative.row, 'overdueReviews'))!;
    expect(row.slice(1, 4)).toEqual([district.rows[negative.row].unit, district.rows[negative.row].month, '超期审核条数']);
    expect(row[5]).toMatch(/不能为负数/);
  });

  it('is just the header when there is nothing to report', () => {
    const clean = score(unitYear('A', 99));
    expect(issuesSheet(clean).rows).toEqual([]);
  });
});

it('outputSheets gives the three sheets under their fixed names', () => {
  const sheets = outputSheets(result);
  expect([sheets.monthly.name, sheets.annual.name, sheets.issues.name]).toEqual([...OUTPUT_SHEET_NAMES]);
  expect(OUTPUT_SHEET_NAMES).toEqual(['月度得分', '年度汇总', '问题清单']);
});

test('月度得分 made row by row as a writer reads it is the same table', () => {
  const result = scoreLedger(districtLedger(generateDistrict({ units: 5, seed: 3 })));
  const held = monthlySheet(result);
  const lazy = monthlySheet(result, HESHAN_2024, { rowsWhenRead: true });
  expect(lazy.rows.length).toBe(held.rows.length);
  expect(lazy.rows.map((r) => r)).toEqual(held.rows);
  expect(lazy.rows[3]).toEqual(held.rows[3]);
  expect(lazy.rows[held.rows.length]).toBeUndefined();
});
