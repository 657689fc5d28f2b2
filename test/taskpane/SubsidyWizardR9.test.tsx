/**
 * @jest-environment jsdom
 *
 * The year-end subsidy wizard on a district where two units have no annual score (ruling R9): every
 * step says 待核实 with the reason, and 补贴测算 is written only once the analyst has confirmed each
 * 待核实 unit — and then shows 待核实 for them, never an amount.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SheetGrid } from '../../src/ledger/types';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { PENDING, type ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { readLedger, scoreSummary, scoreView, subsidySummary, unconfirmedUnits } from '../../taskpane/paneModel';
import { districtGrids } from '../helpers/districtGrids';
import { openPane, polyfillLayout, stubGateway } from './paneHarness';

beforeAll(polyfillLayout);
const EITHER = { hidden: true } as const;

/** A clean district with every 劳动力总数 of its first two units blank: those two have no annual score. */
function blockedDistrict(): { grids: SheetGrid[]; blocked: string[]; result: ScoreResult } {
  const grids = districtGrids({ units: 30, badCells: false, seed: 11 });
  const ledger = grids[0];
  const header = ledger.rows[0] as string[];
  const unitCol = header.indexOf('单位名称');
  const laborForce = header.findIndex((h) => h.startsWith('劳动力总数'));
  const blocked = [...new Set(ledger.rows.slice(1).map((r) => String(r[unitCol])))].slice(0, 2);
  const rows = ledger.rows.map((r, i) => (i > 0 && blocked.includes(String(r[unitCol])) ? r.map((v, c) => (c === laborForce ? null : v)) : r));
  const edited = [{ ...ledger, rows }, ...grids.slice(1)];
  return { grids: edited, blocked, result: scoreView(readLedger(edited, undefined), {}, HESHAN_2024, HESHAN_2024_POLICY) };
}

test('the district behind the wizard test has unscored units and scored units 待核实 because of them', () => {
  const { result, blocked } = blockedDistrict();
  expect(result.units.filter((u) => u.annual === null).map((u) => u.unit)).toEqual(blocked);
  expect(result.units.some((u) => u.annual !== null && u.eliminated === null)).toBe(true);
  expect(result.summary.subsidyTotal).toBeNull();
});

test('the banner after 计算得分 names the unscored units and the scored units 待核实 because of them, in amber', () => {
  const { grids, blocked, result } = blockedDistrict();
  const said = scoreSummary(result, readLedger(grids, undefined), {}, HESHAN_2024);
  expect(said.intent).toBe('warning');
  expect(said.text).toContain(`末位淘汰${result.summary.eliminated.length}个，待核实${result.summary.undetermined.length}个。`);
  expect(said.text).toContain(`2个单位没有年度得分（${blocked.map((u) => `「${u}」`).join('、')}），其末位淘汰和补贴待核实`);
  expect(said.text).toMatch(new RegExp(`${result.summary.undetermined.length - 2}个有得分的单位的末位淘汰、小组连带或补贴因此待核实（「`));
});

test('paneModel: 补贴测算 waits for every 待核实 unit to be confirmed, and says what was written as 待核实', () => {
  const { result } = blockedDistrict();
  const all = result.summary.undetermined;
  expect(unconfirmedUnits(result, [])).toEqual(all);
  expect(unconfirmedUnits(result, all.slice(1))).toEqual([all[0]]);
  expect(unconfirmedUnits(result, all)).toEqual([]);
  const said = subsidySummary(result, HESHAN_2024_POLICY);
  expect(said.intent).toBe('warning');
  expect(said.text).toMatch(/年终补贴合计待核实（已确定部分[\d,]+元）。注意：\d+个单位按待核实写出/);
});

test('年终补贴向导: 待核实 at every step with its reason; no write until each 待核实 unit is confirmed; written as 待核实', async () => {
  const user = userEvent.setup();
  const { grids, blocked, result } = blockedDistrict();
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => grids });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '年终补贴', ...EITHER }));
  await user.click(screen.getByRole('button', { name: '开始测算', ...EITHER }));
  const dialog = await screen.findByRole('dialog', EITHER, { timeout: 5000 });
  const next = () => user.click(within(dialog).getByRole('button', { name: '下一步', ...EITHER }));
  const table = (name: string) => within(dialog).getByRole('table', { name, ...EITHER });
  const rowOf = (name: string, unit: string) => within(table(name)).getAllByRole('row', EITHER).find((r) => r.textContent?.startsWith(unit))!;

  await next(); // 年度得分
  expect(dialog.textContent).toContain('2 个单位没有任何可计分的月份，无年度得分，其倒数排名、末位淘汰和补贴待核实（裁定R9）');
  for (const unit of blocked) expect(rowOf('年度得分', unit).textContent).toMatch(/^\S+无（待核实）1月、.*12月本单位没有年度得分（1–12月均有错误未能计分）$/);

  await next(); // 末位淘汰
  const unsure = result.units.filter((u) => u.eliminated === null);
  const listed = within(table(`末位淘汰${PENDING}`)).getAllByRole('row', EITHER).slice(1).map((r) => r.textContent);
  expect(listed).toHaveLength(unsure.length);
  for (const u of unsure) expect(listed).toContain(`${u.unit}${u.pendingReason}`);
  for (const u of result.units.filter((x) => x.eliminated === true)) expect(rowOf('末位淘汰', u.unit).textContent).toMatch(/倒数第\d+名/);

  await next(); // 老带新小组
  for (const g of result.pendingGroups) expect(dialog.textContent).toContain(`小组「${g}」：是否连带${PENDING}`);

  await next(); // 层级与分档
  for (const u of result.units.filter((x) => x.subsidy.base === null)) expect(rowOf('层级与分档', u.unit).textContent).toContain(`${PENDING}${PENDING}`); // 档次 and 补助

  await next(); // 带动奖励
  await next(); // 写出补贴测算
  expect(dialog.textContent).toMatch(/年终补贴合计 待核实（已确定部分 [\d,]+元）/);
  const write = within(dialog).getByRole('button', { name: '写出补贴测算', ...EITHER });
  expect(write).toHaveProperty('disabled', true);
  const boxes = within(dialog).getAllByRole('checkbox', EITHER);
  expect(boxes).toHaveLength(result.summary.undetermined.length);
  for (const box of boxes.slice(0, -1)) await user.click(box);
  expect(write).toHaveProperty('disabled', true); // one still unconfirmed
  await user.click(boxes[boxes.length - 1]);
  expect(write).toHaveProperty('disabled', false);
  expect(recorded.writes).toEqual([]);
  await act(async () => {
    await user.click(write);
  });
  await screen.findByText(/已写出补贴测算（赫山区2024年补贴政策），年终补贴合计待核实/);
  expect(recorded.writes.map((w) => w.names)).toEqual([['补贴测算']]);
  const cells = recorded.writes[0].plans[0].cells;
  for (const unit of blocked) expect(cells.find((r) => r[0] === unit)!.slice(7, 11)).toEqual([PENDING, expect.anything(), expect.any(Number), PENDING]);
  for (const u of result.units.filter((x) => x.subsidy.total === null)) expect(cells.find((r) => r[0] === u.unit)![10]).toBe(PENDING);
  expect(cells.find((r) => r[0] === '合计')![10]).toBe(PENDING);
  expect(cells.find((r) => r[0] === '其中已确定部分')![10]).toBe(result.summary.subsidyDeterminedTotal);
});

test('计算得分\'s summary lists the 末位淘汰 and groups that are 待核实, not only the certain ones', async () => {
  const user = userEvent.setup();
  const { grids, result } = blockedDistrict();
  const { gateway } = stubGateway({ readWorkbookGrids: async () => grids });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分', ...EITHER }));
  await user.click(screen.getByRole('button', { name: '计算得分', ...EITHER }));
  const summary = await screen.findByLabelText('得分摘要');
  const unsure = result.units.filter((u) => u.eliminated === null).map((u) => u.unit);
  expect(unsure.length).toBeGreaterThan(0);
  expect(summary.textContent).toContain(`末位淘汰${PENDING}：${unsure.slice(0, 10).join('、')}`);
  expect(result.pendingGroups.length).toBeGreaterThan(0);
  expect(summary.textContent).toContain(`是否连带${PENDING}的小组：${result.pendingGroups.slice(0, 10).join('、')}`);
});
