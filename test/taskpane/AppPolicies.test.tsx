/**
 * @jest-environment jsdom
 *
 * The pane with a bureau's own rules and the other seeds' policies: a 评分细则 sheet, the 其他政策 tab,
 * the Gansu subsidy policy for 年度汇总.
 */
import { cleanup, render, screen } from '@testing-library/react';
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
  expect((await screen.findByRole('alert')).textContent).toMatch(/「评分细则」表有误.*评分细则!A4：指标E2的规则类型「看心情」未知/);
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
