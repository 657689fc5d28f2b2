/**
 * End to end: the production build served on localhost, the real task pane in headless Chromium
 * (Debian's, through playwright-core), Office.js replaced by the fake workbook holding the bundled
 * sample ledger. Clicks through 列映射 → 计算得分 → the whole subsidy wizard and checks the sheets that
 * result; saves a screenshot of each step (docs/screenshots/ holds the current ones).
 */
import { existsSync, mkdirSync } from 'fs';
import path from 'path';
import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import { xlsxGrids } from '../../src/read/grid';
import type { SheetGrid } from '../../src/ledger/types';
import { districtGrids } from '../helpers/districtGrids';
import { cellAddress, columnLetter } from '../../src/read/address';
import { readLedger, scoreView } from '../../taskpane/paneModel';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { builtAddin, fakeOfficeScript } from './build';
import { CHROMIUM, isolate, launch, serve } from './browser';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'out', 'screenshots');
const HAS_CHROMIUM = existsSync(CHROMIUM);

let officeScript: string;
let server: Server;
let base: string;
let browser: Browser;


const a1 = (m: { top: number; left: number; bottom: number; right: number }) => `${cellAddress('x', m.top, m.left).split('!')[1]}:${cellAddress('x', m.bottom, m.right).split('!')[1]}`;

async function openPane(width = 420, workbook?: SheetGrid[], beforeLoad?: (page: Page) => Promise<void>): Promise<{ page: Page; refused: string[] }> {
  const grids = workbook ?? (await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')));
  const seed = { sheets: grids.map((g) => ({ name: g.name, values: g.rows, merges: g.merges.map(a1) })) };
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const refused = await isolate(page, base, officeScript);
  await page.addInitScript((s) => {
    (window as unknown as { __HS_SEED__: unknown }).__HS_SEED__ = s;
  }, JSON.parse(JSON.stringify(seed)));
  await beforeLoad?.(page);
  await page.goto(`${base}taskpane.html`);
  return { page, refused };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  officeScript = await fakeOfficeScript();
  ({ server, url: base } = await serve(await builtAddin()));
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

(HAS_CHROMIUM ? test : test.skip)('the analyst maps, scores and runs the subsidy wizard in the real pane', async () => {
  const { page, refused } = await openPane();

  // 列映射
  const table = page.getByRole('table', { name: '台账列与评分字段的对应' });
  await table.waitFor();
  expect(await page.evaluate(() => window.__HS_ASSOCIATED__)).toEqual(expect.arrayContaining(['MONTHSCORES', 'MONTHSCORE', 'SUBSIDY', 'ANNUAL', 'ANNUALS']));
  expect(await table.getByRole('row').count()).toBeGreaterThan(50);
  await page.getByText('评分所需的字段都已对应').waitFor();
  await shot(page, '1-mapping');

  // 计算得分 (live formulas)
  await page.getByRole('tab', { name: '计算得分' }).click();
  await shot(page, '2-score');
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByText(/已写出月度得分、年度汇总和问题清单：36个单位/).waitFor();
  await shot(page, '3-scored');
  const sheets = await page.evaluate(() => {
    const wb = window.__HS_FAKE__!.workbook;
    const annual = wb.sheet('年度汇总');
    return {
      names: wb.sheetNames(),
      monthlyTotal: wb.sheet('月度得分').formulas('E2')[0][0],
      monthlyRows: wb.sheet('月度得分').usedRect()!.rows,
      annualHeader: annual.formulas('A1:R1')[0],
      fills: annual.conditionalFormats.length,
      charts: annual.charts.length,
      issueLinks: wb.sheet('问题清单').formulas('E2:E4').map((r) => r[0]),
      ledgerA5: wb.sheet('台账').values('A5')[0][0],
      settings: [...wb.settings.keys()],
    };
  });
  expect(sheets.names).toEqual(expect.arrayContaining(['台账', '参数', '评分映射', '月度得分', '年度汇总', '问题清单']));
  expect(String(sheets.monthlyTotal)).toMatch(/^=HS\.MONTHSCORES\(评分映射!\$A\$1:/);
  expect(sheets.monthlyRows).toBe(1 + 433);
  expect(sheets.annualHeader.slice(0, 3)).toEqual(['单位名称', '类型', '所属乡镇']);
  expect([sheets.fills, sheets.charts]).toEqual([2, 1]);
  expect(String(sheets.issueLinks[0])).toMatch(/^=HYPERLINK\("#'台账'!/);
  expect(sheets.settings).toEqual(expect.arrayContaining(['hs.addin', 'hs.outputs']));

  // 年终补贴向导
  await page.getByRole('tab', { name: '年终补贴' }).click();
  await page.getByRole('button', { name: '开始测算' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await shot(page, '4-wizard-1-policy');
  const steps = [['年度得分', 'annual'], ['末位淘汰', 'eliminated'], ['老带新小组', 'groups'], ['层级与分档', 'tiers'], ['带动奖励', 'rewards'], ['写出补贴测算', 'write']];
  for (const [i, [step, slug]] of steps.entries()) {
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByText(`第${i + 2}步：${step}`).waitFor();
    await shot(page, `4-wizard-${i + 2}-${slug}`);
  }
  await dialog.getByRole('button', { name: '上一步' }).click();
  await dialog.getByText('第6步：带动奖励').waitFor();
  await dialog.getByRole('button', { name: '下一步' }).click();
  expect(await page.evaluate(() => window.__HS_FAKE__!.workbook.sheetNames().includes('补贴测算'))).toBe(false);
  await dialog.getByRole('button', { name: '写出补贴测算' }).click();
  await page.getByText(/已写出补贴测算（赫山区2024年补贴政策）/).waitFor();
  await shot(page, '5-subsidy-written');

  // The 补贴测算 sheet equals the engine's result for the same ledger.
  const grids = await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx'));
  const expected = scoreView(readLedger(grids, undefined), {}, HESHAN_2024, HESHAN_2024_POLICY);
  const subsidy = await page.evaluate(() => {
    const sheet = window.__HS_FAKE__!.workbook.sheet('补贴测算');
    return { cells: sheet.values(), layout: sheet.pageLayout };
  });
  expect(subsidy.cells[0].slice(0, 3)).toEqual(['单位名称', '类型', '小组']);
  const totals = Object.fromEntries(subsidy.cells.slice(1, -1).map((r) => [r[0], r[10]]));
  expect(totals).toEqual(Object.fromEntries(expected.units.map((u) => [u.unit, u.subsidy.total])));
  expect(subsidy.cells[subsidy.cells.length - 1][10]).toBe(expected.summary.subsidyTotal);
  expect(subsidy.layout.orientation).toBe('Landscape');
  expect(refused).toEqual([]);
  await page.close();
}, 180_000);

(HAS_CHROMIUM ? test : test.skip)('at 320 px a column\'s dropdown opens on screen, takes a mouse pick and a typed search, and scoring uses the new mapping', async () => {
  const { page, refused } = await openPane(320);
  await page.getByRole('table', { name: '台账列与评分字段的对应' }).waitFor();
  // The sample's column for 登记失业2年以上人数, under whatever heading the ledger gives it.
  const sample = readLedger(await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')), undefined).ledger.mapping;
  const column = sample.columns.find((c) => c.target?.kind === 'field' && c.target.key === 'longTermUnemployed')!;
  const label = `第${columnLetter(column.column)}列「${column.header}」对应的字段`;
  const picker = page.getByRole('combobox', { name: label, exact: true });
  await picker.scrollIntoViewIfNeeded();

  // Mouse: open the list; it is on screen and above nothing white; pick （不使用）.
  await picker.click();
  const list = page.getByRole('listbox');
  await list.waitFor();
  const box = (await list.boundingBox())!;
  await shot(page, '1b-mapping-dropdown-320');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(320 + 1);
  expect(box.height).toBeGreaterThan(40);
  expect(box.height).toBeLessThan(900);
  await shot(page, '1b-mapping-dropdown-320');
  await list.getByRole('option', { name: '（不使用）' }).click();
  await list.waitFor({ state: 'hidden' });
  await page.getByText(/「登记失业2年以上人数」：指标E2（[^）]+）无法计分/).waitFor();

  // Scoring uses that mapping: the column is no longer read, and 问题清单 says so.
  await page.getByRole('tab', { name: '计算得分' }).click();
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByText(/已写出月度得分、年度汇总和问题清单/).waitFor();
  const written = await page.evaluate(() => {
    const wb = window.__HS_FAKE__!.workbook;
    return { mapping: wb.sheet('评分映射').values('A1:BZ1')[0], issues: wb.sheet('问题清单').values().map((r) => String(r[5])) };
  });
  expect(written.mapping).not.toContain('登记失业2年以上人数');
  expect(written.issues.some((m) => m.includes('台账中没有「登记失业2年以上人数」列'))).toBe(true);

  // Keyboard: type to search, Enter picks; the field is provided again.
  await page.getByRole('tab', { name: '列映射' }).click();
  const again = page.getByRole('combobox', { name: label, exact: true });
  await again.scrollIntoViewIfNeeded();
  await again.focus();
  await again.fill('登记失业2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByText('评分所需的字段都已对应').waitFor();
  await page.keyboard.press('Escape');
  expect(await page.getByRole('listbox').count()).toBe(0);
  expect(refused).toEqual([]);
  await page.close();
}, 180_000);

/**
 * The page's main-thread blocks (long tasks, over 50 ms) since the last call, each less the time the
 * fake workbook spent doing Excel's own work inside it (parsing and applying a request, which Excel
 * does outside the page). Returns the pane's part of each block and Excel's, in ms.
 */
async function longTasks(page: Page): Promise<{ pane: number[]; excel: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __HS_LONG__: { start: number; duration: number }[] };
    const windows = window.__HS_FAKE__!.stats.hostWindows.splice(0);
    const seen = w.__HS_LONG__.splice(0);
    const overlap = (s: number, e: number) => windows.reduce((sum, h) => sum + Math.max(0, Math.min(e, h.end) - Math.max(s, h.start)), 0);
    const excel = seen.map((t) => overlap(t.start, t.start + t.duration));
    return { pane: seen.map((t, k) => Math.round(t.duration - excel[k])), excel: excel.map(Math.round) };
  });
}

/**
 * How long the last click waited before the page handled it, in all and less the fake Excel's own
 * work in that wait; null when the click was handled and painted within 16 ms (Event Timing's floor).
 */
async function lastClickDelay(page: Page): Promise<{ all: number; pane: number } | null> {
  return page.evaluate(() => {
    const w = window as unknown as { __HS_CLICKS__: { start: number; processingStart: number }[] };
    const click = w.__HS_CLICKS__[w.__HS_CLICKS__.length - 1];
    if (!click) return null;
    const excel = window.__HS_FAKE__!.stats.hostWindows.reduce((sum, h) => sum + Math.max(0, Math.min(click.processingStart, h.end) - Math.max(click.start, h.start)), 0);
    return { all: Math.round(click.processingStart - click.start), pane: Math.round(click.processingStart - click.start - excel) };
  });
}

/**
 * Collects long tasks (the browser's own measure of main-thread blocks) from the moment the fake
 * workbook is built, which is the test's set-up, not the pane's work. Installed before the page loads.
 */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __HS_LONG__: { start: number; duration: number }[]; __HS_FAKE_READY__?: number; __HS_CLICKS__: { start: number; processingStart: number }[] };
    w.__HS_LONG__ = [];
    w.__HS_CLICKS__ = [];
    // Event Timing: when each click happened and when the page began to handle it.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) if (e.name === 'click') w.__HS_CLICKS__.push({ start: e.startTime, processingStart: e.processingStart });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.__HS_FAKE_READY__ !== undefined && e.startTime >= w.__HS_FAKE_READY__) w.__HS_LONG__.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true } as PerformanceObserverInit);
  });
}

const describeBlocks = (phase: string, t: { pane: number[]; excel: number[] }) =>
  `${phase}: longest pane block ${Math.max(0, ...t.pane)} ms (${t.pane.filter((d) => d > 100).length} over 100 ms); the fake Excel's own work up to ${Math.max(0, ...t.excel)} ms per request`;

(HAS_CHROMIUM ? test : test.skip)('3,000 units: the pane stays responsive (its blocks printed), progress while writing, and a cancel mid-write that keeps the previous output', async () => {
  const { page, refused } = await openPane(350, districtGrids({ units: 3000 }), watchLongTasks);
  const report: string[] = [];
  await page.getByRole('table', { name: '台账列与评分字段的对应' }).waitFor({ timeout: 120_000 });
  report.push(describeBlocks('read', await longTasks(page)));

  // A mapping change re-reads the ledger in the worker.
  await page.getByRole('tab', { name: '计算得分' }).click();
  await page.getByRole('radio', { name: /数值/ }).click();
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByRole('progressbar').waitFor();
  await shot(page, '6-3000-units-progress');
  await page.getByText(/已写出月度得分、年度汇总和问题清单：3000个单位/).waitFor({ timeout: 120_000 });
  const scoring = await longTasks(page);
  report.push(describeBlocks('score + write (values)', scoring));
  const before = await page.evaluate(() => {
    const wb = window.__HS_FAKE__!.workbook;
    return { sheets: wb.sheetNames(), monthly: wb.sheet('月度得分').formulas(), annual: wb.sheet('年度汇总').formulas() };
  });
  expect(before.monthly.length).toBeGreaterThanOrEqual(36_000);
  await longTasks(page); // the test's own read, as above

  // Again as live formulas, cancelled once the write has begun: the values stay whole.
  await page.getByRole('radio', { name: /实时公式/ }).click();
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByText(/写入输出表：\d+\/\d+ 行/).waitFor({ timeout: 60_000 });
  // Excel's next sync is held while 取消 is clicked, so the write is surely still under way (a fast
  // machine could otherwise finish it first); it is released once the click is handled.
  await page.evaluate(() => {
    (window as unknown as { __HS_CLICKS__: unknown[] }).__HS_CLICKS__.length = 0;
    window.__HS_FAKE__!.stats.hostWindows.length = 0;
    (window as unknown as { __HS_RELEASE__: () => void }).__HS_RELEASE__ = window.__HS_FAKE__!.holdSyncs();
  });
  await page.getByRole('button', { name: '取消' }).click();
  await page.evaluate(() => (window as unknown as { __HS_RELEASE__: () => void }).__HS_RELEASE__());
  await page.getByRole('status', { name: '请注意' }).getByText(/已取消/).waitFor();
  const delay = await lastClickDelay(page);
  report.push(delay ? `取消 handled ${delay.all} ms after the click, ${delay.pane} ms of it the pane's own work` : '取消 handled and painted within 16 ms of the click');
  await shot(page, '7-3000-units-cancelled');
  const after = await page.evaluate(() => {
    const wb = window.__HS_FAKE__!.workbook;
    return { sheets: wb.sheetNames(), monthly: wb.sheet('月度得分').formulas(), annual: wb.sheet('年度汇总').formulas() };
  });
  expect(after).toEqual(before);
  await longTasks(page); // the test's own reads of 36,000 rows in the page, not the pane's work

  // The next run is not mistaken for the analyst's edit, and writes the formulas.
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByText(/已写出月度得分、年度汇总和问题清单：3000个单位/).waitFor({ timeout: 120_000 });
  expect(await page.getByRole('dialog').count()).toBe(0);
  const formulas = await longTasks(page);
  report.push(describeBlocks('score + write (formulas)', formulas));

  // The wizard: each step at this size.
  await page.getByRole('tab', { name: '年终补贴' }).click();
  await page.getByRole('button', { name: '开始测算' }).click();
  const dialog = page.getByRole('dialog');
  for (let i = 0; i < 6; i++) await dialog.getByRole('button', { name: '下一步' }).click();
  await dialog.getByText('第7步：写出补贴测算').waitFor();
  report.push(describeBlocks('wizard steps', await longTasks(page)));
  console.log(`3,000 units (36,000 rows) in the pane at 350 px:\n  ${report.join('\n  ')}`);
  // The figures above are what to read (the goal is no block over 100 ms; `npm run bench` is where
  // speed is measured). What is asserted is what a regression would break on any machine, however
  // busy: reading, scoring and building 36,000 rows in the page itself blocks it for seconds.
  expect(Math.max(0, ...scoring.pane)).toBeLessThan(1000);
  expect(Math.max(0, ...formulas.pane)).toBeLessThan(1000);
  expect(delay === null || delay.pane < 1000).toBe(true);
  expect(refused).toEqual([]);
  await page.close();
}, 400_000);

/** The sample workbook as an office would mistype it: a second title row, and every number typed as text. */
async function messyWorkbook(): Promise<SheetGrid[]> {
  const grids = await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx'));
  return grids.map((g) => {
    if (g.name !== '台账') return g;
    const shifted = g.merges.map((m) => ({ ...m, top: m.top + 1, bottom: m.bottom + 1 }));
    const rows = g.rows.map((row, r) => (r < 3 ? row : row.map((v) => (typeof v === 'number' ? String(v) : v))));
    return { ...g, rows: [['（内部资料，注意保密）'], ...rows], merges: shifted };
  });
}

(HAS_CHROMIUM ? test : test.skip)('workbooks as offices keep them: messy, a sheet per month, an empty sheet, no 劳动力总数', async () => {
  // Messy: title rows, a merged two-row header, numbers as text. Scored as the clean sample is.
  {
    const { page } = await openPane(350, await messyWorkbook());
    await page.getByText(/表头：第3—4行（两行表头），数据从第5行起/).waitFor();
    await shot(page, '8-messy-mapping');
    await page.getByRole('tab', { name: '计算得分' }).click();
    await page.getByRole('radio', { name: /数值/ }).click();
    await page.getByRole('button', { name: '计算得分' }).click();
    await page.getByRole('status', { name: /完成|请注意|结果不完整/ }).waitFor();
    await shot(page, '8-messy-scored');
    const annual = await page.evaluate(() => window.__HS_FAKE__!.workbook.sheet('年度汇总').values());
    const expected = scoreView(readLedger(await xlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')), undefined), {}, HESHAN_2024, HESHAN_2024_POLICY);
    const column = annual[0].indexOf('年度得分');
    const got = Object.fromEntries(annual.slice(1).filter((r) => expected.units.some((u) => u.unit === r[0])).map((r) => [r[0], r[column] === '' ? null : r[column]]));
    expect(got).toEqual(Object.fromEntries(expected.units.map((u) => [u.unit, u.annual])));
    await page.close();
  }

  // A sheet per month: read as one ledger, every sheet listed with its month; written as live
  // formulas reading each month's sheet. test/taskpane/monthSheets.test.tsx has the details.
  {
    const [ledger, params] = districtGrids({ units: 36, badCells: false });
    const month = (ledger.rows[0] as string[]).indexOf('月份');
    const sheets = Array.from({ length: 12 }, (_, k) => ({ name: `${k + 1}月`, rows: [ledger.rows[0], ...ledger.rows.slice(1).filter((r) => r[month] === k + 1)], merges: [] }));
    const { page } = await openPane(350, [...sheets, params]);
    const list = page.getByRole('list', { name: '各月工作表' });
    await list.waitFor();
    expect(await list.getByRole('checkbox', { checked: true }).count()).toBe(12);
    await shot(page, '9-sheet-per-month-mapping');
    await page.getByRole('tab', { name: '计算得分' }).click();
    expect(await page.getByRole('radio', { name: /实时公式/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '计算得分' }).click();
    const banner = page.getByRole('status', { name: /完成|请注意|结果不完整/ });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/36个单位，432个单位月/);
    expect(await banner.textContent()).not.toMatch(/未读取/);
    const blocks = await page.evaluate(() => window.__HS_FAKE__!.workbook.sheet('月度得分').formulas().flatMap((row) => (String(row[4]).startsWith('=HS.MONTHSCORES(') ? [String(row[4])] : [])));
    expect(blocks.map((f) => /,'?(\d+月)'?!/.exec(f)?.[1])).toEqual(sheets.map((s) => s.name));
    await shot(page, '9-sheet-per-month');
    await page.close();
  }

  // Only an empty sheet: said, with the sheet picker and 重新读取 rather than a blank pane.
  {
    const { page } = await openPane(350, [{ name: 'Sheet1', rows: [], merges: [] }]);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('「Sheet1」是空表');
    await page.getByRole('note').getByText(/是空表：请在其中填写台账或选择其他工作表/).waitFor();
    await page.getByRole('button', { name: '重新读取工作簿' }).waitFor();
    await page.getByRole('combobox', { name: '台账工作表' }).waitFor();
    await shot(page, '10-empty-sheet');
    await page.close();
  }

  // No 劳动力总数 column: red; the wizard says 待核实 and writes only what the analyst confirms, as 待核实.
  {
    const [ledger, params] = districtGrids({ units: 36, badCells: false });
    const k = (ledger.rows[0] as string[]).findIndex((h) => h.startsWith('劳动力总数'));
    const { page } = await openPane(350, [{ ...ledger, rows: ledger.rows.map((r) => r.filter((_, c) => c !== k)) }, params]);
    await page.getByText(/「劳动力总数」：指标E1（登记失业人员就业率）、E3（就业困难人员就业率）无法计分/).waitFor();
    await page.getByRole('tab', { name: '计算得分' }).click();
    await page.getByRole('button', { name: '计算得分' }).click();
    const banner = page.getByRole('status', { name: '结果不完整' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/没有任何单位得出年度得分/);
    await shot(page, '11-no-labor-force-scored');
    await page.getByRole('tab', { name: '年终补贴' }).click();
    await page.getByRole('button', { name: '开始测算' }).click();
    const dialog = page.getByRole('dialog');
    for (let i = 0; i < 6; i++) await dialog.getByRole('button', { name: '下一步' }).click();
    const write = dialog.getByRole('button', { name: '写出补贴测算' });
    expect(await write.isDisabled()).toBe(true);
    await shot(page, '11-no-labor-force-wizard-confirm');
    const boxes = dialog.getByRole('checkbox');
    expect(await boxes.count()).toBe(36);
    for (let i = 0; i < 36; i++) await boxes.nth(i).check();
    await write.click();
    await page.getByText(/已写出补贴测算/).waitFor();
    const totals = await page.evaluate(() => {
      const sheet = window.__HS_FAKE__!.workbook.sheet('补贴测算').values();
      const column = sheet[0].indexOf('年终合计');
      return sheet.slice(1).map((r) => r[column]);
    });
    // 36 units and the 合计 row 待核实; then the part already certain, here nothing.
    expect(totals.slice(0, 37)).toEqual(new Array(37).fill('待核实'));
    expect(totals[37]).toBe(0);
    await page.close();
  }
}, 300_000);
