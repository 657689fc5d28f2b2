/**
 * @jest-environment jsdom
 *
 * The pane's 列映射 on a workbook holding a county's own 评分细则 (test/helpers/bureauRubric.ts):
 * the ledger's columns are matched to the rubric's own fields, the dropdown offers those fields
 * (not Heshan's), a field taken off a column is listed as missing with the indicators it blocks,
 * and 计算得分 writes the scores worked out by hand.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PlanValue } from '../../src/output/sheetPlan';
import { BUREAU_EXPECTED, BUREAU_LEDGER_HEADER, bureauGrids } from '../helpers/bureauRubric';
import { openPane, polyfillLayout, stubGateway } from './paneHarness';

beforeAll(polyfillLayout);

/** Fluent's dropdowns re-rendered in jsdom on a shared 2-core machine. */
const SLOW = 240_000;

const pickerOf = (header: string) => screen.getAllByLabelText(new RegExp(`「${header}」对应的字段`)).find((el) => el.getAttribute('role') === 'combobox')! as HTMLInputElement;

test('列映射 matches the ledger to the county’s own fields and offers only those in the dropdown', async () => {
  const user = userEvent.setup();
  const { gateway } = stubGateway({ readWorkbookGrids: async () => bureauGrids() });
  await openPane(gateway);
  expect(screen.getByLabelText('评分细则').textContent).toBe('评分细则：示例县2025年充分就业社区考核细则');
  const rows = within(screen.getByRole('table', { name: '台账列与评分字段的对应' })).getAllByRole('row');
  expect(rows.length).toBe(1 + BUREAU_LEDGER_HEADER.length);
  expect(BUREAU_LEDGER_HEADER.map((h) => pickerOf(h).value)).toEqual([
    '单位名称', '类型', '月份', '4050人员', '已就业的4050人员', '新生劳动力', '已培训的新生劳动力', '是否建立援助机制', '未就业的农村低收入家庭劳动力', '自主创业人数', '工作台账检查得分', '备注',
  ]);
  expect(screen.getByRole('status').textContent).toContain('评分所需的字段都已对应');
  // No 参数 fields in this rubric: nothing to type.
  expect(screen.queryByText('全省平均值')).toBeNull();

  await user.click(pickerOf('4050人员已就业人数'));
  const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
  expect(options).toEqual(expect.arrayContaining(['（不使用）', '4050人员', '已就业的4050人员', '是否建立援助机制', '备注', '单位名称']));
  expect(options).not.toContain('劳动力总数');
  await user.click(await screen.findByRole('option', { name: '（不使用）' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('「已就业的4050人员」：指标A1（4050人员就业率）无法计分'));
  // and back, by searching
  const picker = pickerOf('4050人员已就业人数');
  await user.clear(picker);
  await user.type(picker, '已就业');
  await user.click(await screen.findByRole('option', { name: '已就业的4050人员' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('评分所需的字段都已对应'));
}, SLOW);

test('计算得分 writes the county’s scores as worked out by hand', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => bureauGrids() });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('radio', { name: /数值/ }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分/);
  const monthly = recorded.writes[0].plans.find((p) => p.name === '月度得分')!;
  const header = monthly.cells[0].map(String);
  const column = (prefix: string) => header.findIndex((h) => h.startsWith(prefix));
  const written = (unit: string, month: number): PlanValue[] => {
    const row = monthly.cells.find((r) => r[0] === unit && r[column('月份')] === month)!;
    return [...['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((code) => row[column(code)] ?? null), row[column('月度总分')]];
  };
  expect(BUREAU_EXPECTED.map((e) => written(e.unit, e.month))).toEqual(
    BUREAU_EXPECTED.map((e) => [...['A1', 'A2', 'A3', 'B1', 'B2', 'B3'].map((code) => e.indicators[code] ?? null), e.total]),
  );
}, SLOW);
