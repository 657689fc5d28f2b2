/**
 * @jest-environment jsdom
 *
 * The pane's third way of writing the scores, 通用公式: chosen beside 实时公式 and 数值, carried to
 * the engine and written as plain worksheet formulas (no HS.* call anywhere). The gateway's side:
 * portableGateway.test.ts.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openPane, polyfillLayout, stubGateway } from './paneHarness';

beforeAll(polyfillLayout);

const formulasOf = (cells: readonly (readonly unknown[])[]) => cells.flat().filter((v): v is string => typeof v === 'string' && v.startsWith('='));

test('计算得分 as 通用公式: plain formulas any spreadsheet program calculates', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('radio', { name: /通用公式/ }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分/);
  expect(recorded.writes[0].names).toEqual(['月度得分', '年度汇总', '问题清单']);
  const [monthly, annual] = recorded.writes[0].plans;
  expect(monthly.cells[0][4]).toMatch(/^E1 登记失业人员就业率（低于95%/);
  expect(String(monthly.cells[1][4])).toMatch(/^=IF\(AND\(ISNUMBER\(/);
  const all = [...formulasOf(monthly.cells), ...formulasOf(annual.cells)];
  expect(all.length).toBeGreaterThan(1000);
  expect(all.filter((f) => /HS\./.test(f))).toEqual([]);
  expect(recorded.settings.at(-1)).toMatchObject({ mode: 'portable' });
});
