/**
 * End to end: the production build served on localhost, the real task pane in headless Chromium
 * (Debian's, through playwright-core), Office.js replaced by the fake workbook holding the bundled
 * sample ledger. Clicks through 列映射 → 计算得分 → the whole subsidy wizard and checks the sheets that
 * result; saves a screenshot of each step (docs/screenshots/ holds the current ones).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import webpack from 'webpack';
import { readXlsxGrids } from '../../src/read/grid';
import type { SheetGrid } from '../../src/ledger/types';
import { districtGrids } from '../helpers/districtGrids';
import { cellAddress, columnLetter } from '../../src/read/address';
import { readLedger, scoreView } from '../../taskpane/paneModel';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { CHROMIUM, isolate, launch, serve } from './browser';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'out', 'screenshots');
const HAS_CHROMIUM = existsSync(CHROMIUM);

let dir: string;
let officeScript: string;
let server: Server;
let base: string;
let browser: Browser;

function buildAddin(out: string): void {
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, '--mode', 'production', '--output-path', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

function bundleFakeOffice(out: string): Promise<string> {
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    target: 'web',
    entry: path.join(__dirname, 'fakeOfficePage.ts'),
    output: { path: out, filename: 'fake-office.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.webpack.json') } }] },
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats!.toString('errors-only')));
      else resolve(readFileSync(path.join(out, 'fake-office.js'), 'utf8'));
    }),
  );
}

const a1 = (m: { top: number; left: number; bottom: number; right: number }) => `${cellAddress('x', m.top, m.left).split('!')[1]}:${cellAddress('x', m.bottom, m.right).split('!')[1]}`;

async function openPane(width = 420, workbook?: SheetGrid[]): Promise<{ page: Page; refused: string[] }> {
  const grids = workbook ?? (await readXlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')));
  const seed = { sheets: grids.map((g) => ({ name: g.name, values: g.rows, merges: g.merges.map(a1) })) };
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const refused = await isolate(page, base, officeScript);
  await page.addInitScript((s) => {
    (window as unknown as { __HS_SEED__: unknown }).__HS_SEED__ = s;
  }, JSON.parse(JSON.stringify(seed)));
  await page.goto(`${base}taskpane.html`);
  return { page, refused };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'hs-e2e-'));
  buildAddin(path.join(dir, 'dist'));
  officeScript = await bundleFakeOffice(path.join(dir, 'fake'));
  ({ server, url: base } = await serve(path.join(dir, 'dist')));
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
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
  const grids = await readXlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx'));
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
  const sample = readLedger(await readXlsxGrids(path.join(ROOT, 'samples', 'heshan-2024-sample.xlsx')), undefined).ledger.mapping;
  const column = sample.columns.find((c) => c.target?.kind === 'field' && c.target.key === 'longTermUnemployed')!;
  const label = `第${columnLetter(column.column)}列「${column.header}」对应的字段`;
  const picker = page.getByRole('combobox', { name: label, exact: true });
  await picker.scrollIntoViewIfNeeded();

  // Mouse: open the list; it is on screen and above nothing white; pick （不使用）.
  await picker.click();
  const list = page.getByRole('listbox');
  await list.waitFor();
  const box = (await list.boundingBox())!;
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

/** Long tasks (main-thread blocks over 50 ms) the browser saw since the last call, in ms. */
async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __HS_LONG__?: number[] };
    const seen = w.__HS_LONG__ ?? [];
    w.__HS_LONG__ = [];
    return seen.map((d) => Math.round(d));
  });
}

async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __HS_LONG__?: number[] };
    w.__HS_LONG__ = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__HS_LONG__!.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

(HAS_CHROMIUM ? test : test.skip)('3,000 units: main-thread blocks, progress and cancel', async () => {
  const { page } = await openPane(350, districtGrids({ units: 3000 }));
  await watchLongTasks(page);
  const t0 = Date.now();
  await page.getByRole('table', { name: '台账列与评分字段的对应' }).waitFor({ timeout: 120_000 });
  console.log('load', Date.now() - t0, 'ms; long tasks', await longTasks(page));
  await page.getByRole('tab', { name: '计算得分' }).click();
  const t1 = Date.now();
  await page.getByRole('button', { name: '计算得分' }).click();
  await page.getByText(/已写出月度得分、年度汇总和问题清单：3000个单位/).waitFor({ timeout: 120_000 });
  console.log('score', Date.now() - t1, 'ms; long tasks', await longTasks(page));
  await page.close();
}, 300_000);
