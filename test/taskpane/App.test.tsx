/**
 * @jest-environment jsdom
 *
 * The task pane's components in jsdom with React Testing Library, over a gateway stand-in that
 * records what the pane asks Excel to do (the real gateway is tested against the fake workbook in
 * excelGateway.test.ts, and the whole pane in a real browser in test/e2e).
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { render } from './freshStyles';
import userEvent from '@testing-library/user-event';
import { App } from '../../taskpane/App';
import type { SheetGrid } from '../../src/ledger/types';
import { districtGrids } from '../helpers/districtGrids';
import { openPane, polyfillLayout, stubGateway, writeNames } from './paneHarness';

beforeAll(polyfillLayout);

/**
 * Dialog queries include elements marked aria-hidden: in jsdom, Fluent's focus manager (one per
 * window, outliving each test's unmount) can leave a closed dialog's modal layer active and mark the
 * next test's dialog hidden. The browser end-to-end test opens the same dialogs without it.
 */
const EITHER = { hidden: true } as const;

test('列映射: every ledger column with its proposed field and confidence; nothing missing for the sample', async () => {
  const { gateway } = stubGateway();
  await openPane(gateway);
  const table = screen.getByRole('table', { name: '台账列与评分字段的对应' });
  const rows = within(table).getAllByRole('row');
  expect(rows.length).toBe(1 + 56);
  expect(within(rows[1]).getByRole('combobox')).toHaveProperty('value', '月份');
  expect(screen.getByRole('status').textContent).toContain('评分所需的字段都已对应');
  expect(screen.getByText(/表头：第1行，数据从第2行起/)).toBeTruthy();
  expect((screen.getByRole("combobox", { name: "台账工作表" }) as HTMLSelectElement).value).toBe("台账");
});

test('列映射: taking a field off a column lists it as missing with the indicators it blocks', async () => {
  const user = userEvent.setup();
  const { gateway } = stubGateway();
  await openPane(gateway);
  const picker = screen.getAllByLabelText(/「劳动力总数[^」]*」对应的字段/).find((el) => el.getAttribute('role') === 'combobox')!;
  await user.click(picker);
  await user.click(await screen.findByRole('option', { name: '（不使用）' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('「劳动力总数」：指标E1（登记失业人员就业率）、E3（就业困难人员就业率）无法计分'));
  // and back, by searching the dropdown
  await user.clear(picker);
  await user.type(picker, '劳动力总');
  await user.click(await screen.findByRole('option', { name: '劳动力总数' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toContain('评分所需的字段都已对应'));
});

test('计算得分: writes the mapping sheet and the three output sheets as live formulas, then shows the summary', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分、年度汇总和问题清单：36个单位/);
  expect(recorded.writes.map((w) => w.names)).toEqual([['评分映射', '月度得分', '年度汇总', '问题清单']]);
  expect(String(recorded.writes[0].plans[1].cells[1][4])).toMatch(/^=HS\.MONTHSCORES\(/);
  expect(screen.getByLabelText('得分摘要').textContent).toMatch(/末位淘汰：\S+/);
  expect(recorded.settings).toHaveLength(1);
});

test('计算得分 as values, for colleagues without the add-in', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('radio', { name: /数值/ }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分/);
  expect(recorded.writes[0].names).toEqual(['月度得分', '年度汇总', '问题清单']);
  expect(typeof recorded.writes[0].plans[0].cells[1][4]).not.toBe('string');
});

test('an output sheet the analyst edited is replaced only after confirmation', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  const write = gateway.writeSheets;
  gateway.writeSheets = async (source, options = {}) => {
    if (!options.replaceEdited) {
      recorded.writes.push({ names: writeNames(source), replaceEdited: false, plans: [] });
      return { edited: ['年度汇总'], written: [] };
    }
    return write(source, options);
  };
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  const dialog = await screen.findByRole('dialog', EITHER, { timeout: 5000 });
  expect(dialog.textContent).toContain('「年度汇总」在上次写出后被修改过');
  await user.click(within(dialog).getByRole('button', { name: '替换', ...EITHER }));
  await screen.findByText(/已写出月度得分、年度汇总和问题清单/); // the replaced sheets' summary, as after any write
  expect(recorded.writes.map((w) => w.replaceEdited)).toEqual([false, true]);
});

test('a cancelled write is said in amber, not as an error', async () => {
  const user = userEvent.setup();
  const { Cancelled } = await import('../../taskpane/excelGateway');
  const { gateway } = stubGateway({
    writeSheets: async () => {
      throw new Cancelled();
    },
  });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  const banner = await screen.findByRole('status', { name: '请注意' });
  expect(banner.textContent).toContain('已取消：输出表保持上次写出的内容，本次结果未写入，可重新计算。');
  expect(screen.queryByRole('alert')).toBeNull();
});

test('Excel errors appear in the pane in Chinese', async () => {
  const user = userEvent.setup();
  const { gateway } = stubGateway({
    writeSheets: async () => {
      throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' });
    },
  });
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  expect((await screen.findByRole('alert')).textContent).toContain('Excel 拒绝了过大的写入请求');
});

test('a workbook without a recognisable ledger says so, and can be read again once fixed', async () => {
  const user = userEvent.setup();
  let grids: SheetGrid[] = [{ name: 'Sheet1', rows: [['姓名', '电话']], merges: [] }];
  const { gateway } = stubGateway({ readWorkbookGrids: async () => grids });
  render(<App dark={false} gateway={gateway} />);
  expect((await screen.findByRole('alert')).textContent).toMatch(/找不到表头.*需要「单位名称」「月份」列/);
  grids = districtGrids({ units: 6, badCells: false });
  await user.click(screen.getByRole('button', { name: '重新读取工作簿' }));
  await screen.findByRole('table', { name: '台账列与评分字段的对应' });
  expect(screen.queryByRole('alert')).toBeNull();
});

test('a ledger detection cannot find is read from the sheet and header row the analyst points at, and its 月份 column mapped by hand', async () => {
  const user = userEvent.setup();
  // A notes sheet first, an empty sheet, and a ledger whose month column is headed 考核期 (not a known name).
  const [district, params] = districtGrids({ units: 4, badCells: false });
  const monthColumn = district.rows[0].indexOf('月份');
  const ledger: SheetGrid = {
    name: '上报表',
    rows: [['2024年考核台账（各社区上报）'], [], district.rows[0].map((h, k) => (k === monthColumn ? '考核期' : h)), ...district.rows.slice(1)],
    merges: [],
  };
  const grids: SheetGrid[] = [{ name: '说明', rows: [['本表由街道汇总']], merges: [] }, { name: '空白', rows: [], merges: [] }, ledger, params];
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => grids });
  render(<App dark={false} gateway={gateway} />);
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('「空白」是空表');
  expect(alert.textContent).toContain('「上报表」第3行的表头有「单位名称」，没有「月份」列');
  expect(alert.textContent).toContain('请在「列映射」中选择台账所在的工作表和表头行');

  await user.selectOptions(screen.getByRole('combobox', { name: '台账工作表' }), '上报表');
  const preview = screen.getByRole('region', { name: /「上报表」前\d+行预览/ });
  expect(within(preview).getByText('2024年考核台账（各社区上报）')).toBeTruthy();
  await user.click(within(preview).getByRole('button', { name: '以第3行为表头' }));
  expect(screen.getByText(/表头：第3行，数据从第4行起/)).toBeTruthy();
  expect((await screen.findAllByRole('alert')).some((a) => a.textContent?.includes('没有「月份」列'))).toBe(true);

  // Scoring waits for the month column…
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  expect((await screen.findByRole('alert')).textContent).toContain('没有对应「月份」的列');
  expect(recorded.writes).toHaveLength(0);

  // …which the analyst maps by hand.
  await user.click(screen.getByRole('tab', { name: '列映射' }));
  const picker = screen.getAllByLabelText(/「考核期」对应的字段/).find((el) => el.getAttribute('role') === 'combobox')!;
  await user.click(picker);
  await user.click(await screen.findByRole('option', { name: '月份' }));
  await waitFor(() => expect(screen.queryAllByRole('alert').some((a) => a.textContent?.includes('没有「月份」列'))).toBe(false));
  await user.click(screen.getByRole('tab', { name: '计算得分' }));
  await user.click(screen.getByRole('button', { name: '计算得分' }));
  await screen.findByText(/已写出月度得分、年度汇总和问题清单：4个单位，48个单位月/);
  expect(recorded.writes[0].plans.find((p) => p.name === '月度得分')!.cells.length).toBe(1 + 48);
}, 120_000);

test('年终补贴向导: every step can go back; only the last step writes 补贴测算', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway();
  await openPane(gateway);
  await user.click(screen.getByRole('tab', { name: '年终补贴', ...EITHER }));
  await user.click(screen.getByRole('button', { name: '开始测算', ...EITHER }));
  const dialog = await screen.findByRole('dialog', EITHER, { timeout: 5000 });
  expect(dialog.textContent).toContain('第1步：选择政策');
  await user.click(within(dialog).getByRole('radio', { name: '甘肃省2023年补贴政策', ...EITHER }));
  await user.click(within(dialog).getByRole('radio', { name: '赫山区2024年补贴政策', ...EITHER }));
  const titles: string[] = [];
  let eliminationRanks: number[] = [];
  for (let i = 0; i < 6; i++) {
    await user.click(within(dialog).getByRole('button', { name: '下一步', ...EITHER }));
    titles.push(within(dialog).getByRole('heading', EITHER).textContent ?? '');
    if (titles[titles.length - 1].includes('末位淘汰')) {
      // Listed by rank, each with its reason.
      const rows = within(within(dialog).getByRole('table', { name: '末位淘汰', ...EITHER })).getAllByRole('row', EITHER).slice(1);
      eliminationRanks = rows.map((r) => Number(/倒数第(\d+)名/.exec(r.textContent ?? '')?.[1]));
    }
  }
  expect(eliminationRanks.length).toBeGreaterThan(1);
  expect(eliminationRanks).toEqual([...eliminationRanks].sort((a, b) => a - b));
  expect(titles).toEqual(['年终补贴向导 · 第2步：年度得分', '年终补贴向导 · 第3步：末位淘汰', '年终补贴向导 · 第4步：老带新小组', '年终补贴向导 · 第5步：层级与分档', '年终补贴向导 · 第6步：带动奖励', '年终补贴向导 · 第7步：写出补贴测算']);
  await user.click(within(dialog).getByRole('button', { name: '上一步', ...EITHER }));
  expect(within(dialog).getByRole('heading', EITHER).textContent).toContain('第6步');
  expect(recorded.writes).toEqual([]);
  await user.click(within(dialog).getByRole('button', { name: '下一步', ...EITHER }));
  await act(async () => {
    await user.click(within(dialog).getByRole('button', { name: '写出补贴测算', ...EITHER }));
  });
  await screen.findByText(/已写出补贴测算（赫山区2024年补贴政策）/);
  expect(recorded.writes.map((w) => w.names)).toEqual([['补贴测算']]);
});

test('without a 参数 sheet the averages are typed in the pane; text that is not a number is refused', async () => {
  const user = userEvent.setup();
  const { gateway, recorded } = stubGateway({ readWorkbookGrids: async () => districtGrids().filter((g) => g.name !== '参数') });
  await openPane(gateway);
  expect(screen.getByRole('status').textContent).toMatch(/「全省平均劳动力信息更新覆盖率」：指标S1（劳动力信息采集更新）无法计分（可在下方填写全省平均值）/);
  const box = screen.getByRole('textbox', { name: '全省平均劳动力信息更新覆盖率' });
  await user.type(box, '很高');
  await user.tab();
  expect(await screen.findByText('「很高」不是有效的数字，请填写如 95% 或 0.95')).toBeTruthy();
  await user.clear(box);
  await user.type(box, '95%');
  await user.tab();
  await waitFor(() => expect(screen.getByRole('status').textContent).not.toMatch(/全省平均劳动力信息更新覆盖率/));
  await user.click(screen.getByRole('button', { name: '保存映射' }));
  expect(recorded.settings[0]).toMatchObject({ typedParams: { provinceUpdateCoverage: 0.95 } });
});


describe('the banner after 计算得分 is green only when the result is whole', () => {
  const scoreWith = async (grids: SheetGrid[]) => {
    const user = userEvent.setup();
    const { gateway } = stubGateway({ readWorkbookGrids: async () => grids });
    await openPane(gateway);
    await user.click(screen.getByRole('tab', { name: '计算得分' }));
    await user.click(screen.getByRole('button', { name: '计算得分' }));
    return screen.findByRole('status', { name: /完成|请注意|结果不完整/ });
  };

  test('a clean district: green', async () => {
    const banner = await scoreWith(districtGrids({ units: 12, badCells: false }));
    expect(banner.getAttribute('aria-label')).toBe('完成');
    expect(banner.textContent).not.toMatch(/注意/);
  });

  test('no 劳动力总数 column: red, no unit has an annual score', async () => {
    const [ledger, params] = districtGrids({ units: 12, badCells: false });
    const k = (ledger.rows[0] as string[]).findIndex((h) => h.startsWith('劳动力总数'));
    const without = { ...ledger, rows: ledger.rows.map((r) => r.filter((_, c) => c !== k)) };
    const banner = await scoreWith([without, params]);
    expect(banner.getAttribute('aria-label')).toBe('结果不完整');
    expect(banner.textContent).toMatch(/没有任何单位得出年度得分/);
    expect(banner.textContent).toMatch(/缺少字段「劳动力总数」，指标E1（登记失业人员就业率）、E3（就业困难人员就业率）无法计分/);
  });

  // (A sheet per month is read as one ledger: test/taskpane/monthSheets.test.tsx.)
  test('two ledger sheets: red, naming the sheet that was not read', async () => {
    const [ledger, params] = districtGrids({ units: 12, badCells: false });
    const banner = await scoreWith([ledger, { ...ledger, name: '台账（副本）' }, params]);
    expect(banner.getAttribute('aria-label')).toBe('结果不完整');
    expect(banner.textContent).toMatch(/还有像台账的工作表「台账（副本）」未读取/);
  });

  test('planted bad cells (the sample district): amber, with the count of errors', async () => {
    const banner = await scoreWith(districtGrids());
    expect(banner.getAttribute('aria-label')).toBe('请注意');
    expect(banner.textContent).toMatch(/错误\d+条/);
  });
});
