/**
 * @jest-environment jsdom
 *
 * The pane with a bureau's own rules and the other seeds' policies: a 评分细则 sheet, the 其他政策 tab,
 * the Gansu subsidy policy for 年度汇总.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { render } from './freshStyles';
import userEvent from '@testing-library/user-event';
import { App } from '../../taskpane/App';
import type { SheetGrid } from '../../src/ledger/types';
import { districtGrids } from '../helpers/districtGrids';
import { openPane, polyfillLayout, stubGateway } from './paneHarness';

beforeAll(polyfillLayout);

test('a 评分细则 sheet in the workbook rules the pane; a bad one is refused and nothing is scored', async () => {
  const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
  const { HESHAN_2024 } = await import('../../src/rules/heshan2024');
  const rows = rubricSheetRows({ ...HESHAN_2024, id: 'our-2025', zh: '本区2025年评分细则' });
  const own = stubGateway({ readWorkbookGrids: async () => [...districtGrids(), { name: '评分细则', rows, merges: [] }] });
  await openPane(own.gateway);
  expect(screen.getByLabelText('评分细则').textContent).toBe('评分细则：本区2025年评分细则');
  cleanup();

  const bad = rows.map((r) => [...r]);
  bad[3][7] = '看心情';
  const user = userEvent.setup();
  const refused = stubGateway({ readWorkbookGrids: async () => [...districtGrids(), { name: '评分细则', rows: bad, merges: [] }] });
  await openPane(refused.gateway);
  expect((await screen.findByRole('alert')).textContent).toMatch(/「评分细则」表有误.*评分细则!H4：指标E2的规则类型「看心情」未知/);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  expect(refused.recorded.writes).toEqual([]);
});

test('其他政策: a 海安 person ledger alone in the workbook is checked and its 一览表 and 明细表 written', async () => {
  const { ledger } = await import('../policy/haian/helpers');
  const user = userEvent.setup();
  const person = ledger([
    ['城东街道', '幸福社区', '张三', '320621199001011234', '失业人员', '失业', '2021-02-01', 1, 3, 1, null, null],
  ]);
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => [person] });
  render(<App dark={false} gateway={gateway} />);
  expect((await screen.findByRole('alert')).textContent).toMatch(/找不到表头/); // no scoring ledger: said, not fatal
  await user.click(screen.getByRole('tab', { name: '其他政策' }));
  await user.type(screen.getByRole('textbox', { name: /核查截止日期/ }), '2021-03-31');
  await user.click(screen.getByRole('button', { name: '核查并写出' }));
  // 张三: unemployed, last tracked 2021-02-01, due 2021-03-01, as of 2021-03-31 → −1.
  await screen.findByText('已写出2021年第1季度重点群体核查：1人，共扣1分，错误0条。');
  expect(recorded.writes[0].names).toEqual(['重点群体情况一览表', '重点群体情况明细表', '重点群体社区(村)汇总', '重点群体问题清单']);
});

test('其他政策: 黄山, 山东 and 甘肃 are answered in the pane as their HS.* functions answer', async () => {
  const { circleCost, fullShare, equipCheck } = await import('../../src/formulas/seedPolicyFunctions');
  const user = userEvent.setup();
  const communities: SheetGrid = { name: '社区', merges: [], rows: [['社区名称', '是否充分就业社区'], ['甲', '是'], ['乙', '是'], ['丙', '否'], ['丁', '是'], ['戊', '是']] };
  const spending: SheetGrid = { name: '支出', merges: [], rows: [['支出类别', '金额'], ['（四）购置电脑', 3500], ['（一）政策宣传', 3000]] };
  const { gateway } = stubGateway({ readWorkbookGrids: async () => [...districtGrids(), communities, spending] });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '其他政策' }));

  await user.type(screen.getByRole('textbox', { name: '常住人口（人）' }), '125000');
  await user.click(screen.getByRole('button', { name: '测算' }));
  expect(screen.getByLabelText('黄山测算结果').textContent).toBe(circleCost(125000, null, '说明'));

  const selects = screen.getAllByRole('combobox');
  await user.selectOptions(selects[selects.length - 2], '社区');
  await user.click(screen.getByRole('button', { name: '计算占比' }));
  // 4 of 5 recognised = 80 %: exactly the target.
  expect(screen.getByLabelText('山东测算结果').textContent).toBe(fullShare([['是'], ['是'], ['否'], ['是'], ['是']], null, '说明'));
  expect(screen.getByLabelText('山东测算结果').textContent).toMatch(/80%/);

  await user.selectOptions(selects[selects.length - 1], '支出');
  await user.click(screen.getByRole('button', { name: '核对' }));
  expect(screen.getByLabelText('甘肃核对结果').textContent).toBe(equipCheck(spending.rows, '省级', '说明'));
});

test('计算得分 under the Gansu policy: 年度汇总 asks HS.SUBSIDY for gansu-2023, and the choice is saved', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('radio', { name: '甘肃省2023年补贴政策' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分/);
  const annual = recorded.writes[0].plans.find((p) => p.name === '年度汇总')!;
  expect(annual.cells[1].filter((v) => typeof v === 'string' && v.startsWith('=HS.SUBSIDY(')).every((v) => String(v).includes('"gansu-2023"'))).toBe(true);
  expect(recorded.settings[0]).toMatchObject({ policy: 'gansu-2023' });
});

test('a rubric with a 认定分数线 and share targets per type: 计算得分 writes 是否认定 live, the wizard shows who is recognised, 其他政策 the shares from the score', async () => {
  const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
  const { HESHAN_2024 } = await import('../../src/rules/heshan2024');
  const { HESHAN_2024_POLICY } = await import('../../src/policy/presets');
  const { readLedger, scoreView } = await import('../../taskpane/paneModel');
  const ruleSet = { ...HESHAN_2024, ranking: { ...HESHAN_2024.ranking, recognitionLine: 97, shareTargets: [{ unitType: '社区', share: 0.75 }, { unitType: '村', share: 0.5 }] } };
  const rubric: SheetGrid = { name: '评分细则', rows: rubricSheetRows(ruleSet), merges: [] };
  const grids = [...districtGrids(), rubric];
  const expected = scoreView(readLedger(grids, undefined), {}, ruleSet, HESHAN_2024_POLICY);
  expect(expected.recognition!.recognised.length).toBeGreaterThan(0);
  expect(expected.recognition!.recognised.length).toBeLessThan(expected.units.length);
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => grids });
  await openPane(gateway);

  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分/);
  const annual = recorded.writes[0].plans.find((p) => p.name === '年度汇总')!;
  const flag = annual.cells[0].indexOf('是否认定');
  expect(flag).toBe(annual.cells[0].indexOf('年度得分') + 1);
  expect(annual.cells[1][flag]).toMatch(/^=IF\(ISNUMBER\([A-Z]+2\),IF\([A-Z]+2>=97,"是","否"\),"待核实"\)$/);

  await user.click(screen.getByRole('tab', { name: '其他政策' }));
  const shares = screen.getByLabelText('评分结果的认定占比').textContent!;
  for (const s of expected.recognition!.shares) expect(shares).toContain(s.explanation);

  await user.click(screen.getByRole('tab', { name: '年终补贴' }));
  await user.click(screen.getByRole('button', { name: '开始测算' }));
  const dialog = await screen.findByRole('dialog', { hidden: true }, { timeout: 5000 });
  await user.click(within(dialog).getByRole('button', { name: '下一步', hidden: true }));
  expect(within(dialog).getByLabelText('认定', { selector: 'p' }).textContent).toContain(`认定（年度得分97分以上，与末位淘汰无关）：${expected.recognition!.recognised.length} 个`);
  const rows = within(within(dialog).getByRole('table', { name: '年度得分', hidden: true })).getAllByRole('row', { hidden: true });
  expect(rows[0].textContent).toContain('是否认定');
  for (const u of expected.units.slice(0, 5)) {
    const row = rows.find((r) => r.textContent?.startsWith(u.unit))!;
    expect(row.textContent).toContain(u.recognised ? '是' : '否');
  }
}, 120_000);

test('其他政策: a sheet with 类型 and 是否认定 columns is measured per type against the rubric’s targets', async () => {
  const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
  const { HESHAN_2024 } = await import('../../src/rules/heshan2024');
  const ruleSet = { ...HESHAN_2024, ranking: { ...HESHAN_2024.ranking, recognitionLine: 95, shareTargets: [{ unitType: '社区', share: 0.75 }, { unitType: '村', share: 0.7 }] } };
  const table: SheetGrid = {
    name: '认定名单', merges: [],
    rows: [['单位名称', '类型', '是否认定'], ['甲', '社区', '是'], ['乙', '社区', '是'], ['丙', '社区', '是'], ['丁', '社区', '否'], ['子', '村', '是'], ['丑', '村', '否'], ['合计', null, null]],
  };
  const user = userEvent.setup();
  const { gateway } = stubGateway({ readWorkbookGrids: async () => [...districtGrids(), table, { name: '评分细则', rows: rubricSheetRows(ruleSet), merges: [] }] });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '其他政策' }));
  const selects = screen.getAllByRole('combobox');
  await user.selectOptions(selects[selects.length - 2], '认定名单');
  await user.click(screen.getByRole('button', { name: '计算占比' }));
  // 社区 3 of 4 = 75 % meets 75 %; 村 1 of 2 = 50 % misses 70 % (2 needed); the 合计 row is no unit.
  expect(screen.getByLabelText('山东测算结果').textContent).toBe('社区：认定3个，占社区总数4个的75%，达到75%以上的目标；村：认定1个，占村总数2个的50%，未达到70%以上的目标，至少需2个，还差1个');
}, 120_000);
