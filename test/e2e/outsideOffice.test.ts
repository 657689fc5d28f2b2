/**
 * End to end, where the add-in is not where it expects to be. The production build served on
 * localhost in Debian's headless Chromium (playwright-core), nothing leaving the machine:
 *
 * - outside Office, with Microsoft's real office.js (the @microsoft/office-js package answering the
 *   CDN URL, test/e2e/realOffice.ts): the manifest's LearnMoreUrl opened in a browser says in Chinese
 *   what the add-in is and how to open it in Excel, not 「出错了 Excel is not defined」;
 * - with the CDN unreachable (an intranet blocking Microsoft): it says office.js could not be loaded;
 * - taskpane.html's ES5 check alone (the page without its scripts), in a browser made to lack ES2022
 *   as Internet Explorer 11 (Windows without WebView2) and as Safari 15 (an older Mac) lack it: the
 *   message for each, instead of a blank pane;
 * - in Excel (the fake workbook of test/fakes as Office, with host and platform set as Excel for
 *   Windows sets them): the 关于 panel with host, platform, API sets and what empty cells arrive as.
 *
 * Screenshots go to out/screenshots/ (docs/screenshots/ holds the current ones). The build is shared with the other e2e files (test/e2e/build.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'fs';
import path from 'path';
import type { Server } from 'http';
import type { Browser, Page } from 'playwright-core';
import { builtAddin, fakeOfficeScript } from './build';
import { CHROMIUM, launch, serve } from './browser';
import { routeRealOffice } from './realOffice';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'out', 'screenshots');
const HAS_CHROMIUM = existsSync(CHROMIUM);

const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko';
// WKWebView in Excel for Mac on macOS 10.15 (Safari 15.6): no Safari/Version token.
const MAC_SAFARI_15 = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

let dist: string;
let server: Server;
let base: string;
let browser: Browser;


let fakeOffice: Promise<string>;

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

/** Errors the page threw: none is expected anywhere here. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  fakeOffice = fakeOfficeScript();
  fakeOffice.catch(() => undefined); // awaited by the test that needs it
  dist = await builtAddin();
  ({ server, url: base } = await serve(dist));
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const e2e = HAS_CHROMIUM ? test : test.skip;

e2e('outside Office, with the real office.js: what the add-in is and how to open it in Excel, in Chinese', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 }, locale: 'zh-CN' });
  const errors = pageErrors(page);
  const routed = await routeRealOffice(page, base);
  await page.goto(`${base}taskpane.html`);
  await page.getByRole('heading', { name: '充分就业社区(村)评分 · Excel 加载项' }).waitFor();
  const text = await page.locator('body').innerText();
  expect(text).toContain('请在 Excel 中打开');
  expect(text).toContain('上传我的加载项');
  expect(text).toContain('受信任的加载项目录');
  expect(text).toMatch(/Library\/Containers\/com\.microsoft\.Excel\/Data\/Documents\/wef/);
  expect(text).not.toMatch(/出错了|is not defined/);
  // The real library ran: office.js and its host table came from the package, and it said where it was.
  expect(routed.served).toEqual(expect.arrayContaining(['office.js']));
  expect(await page.evaluate(() => typeof Office !== 'undefined' && typeof Office.onReady === 'function')).toBe(true);
  // The ES5 check found nothing missing in Chromium, so its box stays hidden.
  expect(await page.locator('#hs-unsupported').isVisible()).toBe(false);
  // Nothing left the machine: what office.js asked of Microsoft's other hosts (its telemetry) was refused here.
  expect(routed.refused.map((url) => new URL(url).hostname).filter((host) => !/(^|\.)(microsoft|oaspapps)\.com$/.test(host))).toEqual([]);
  expect(errors).toEqual([]);
  await shot(page, '12-outside-office');
  await page.close();
});

e2e('Microsoft\'s CDN unreachable: the page says office.js could not be loaded and how that is fixed', async () => {
  const page = await browser.newPage({ viewport: { width: 420, height: 800 }, locale: 'zh-CN' });
  const errors = pageErrors(page);
  await routeRealOffice(page, base, false);
  await page.goto(`${base}taskpane.html`);
  await page.getByText('无法加载 Office.js').waitFor();
  expect(await page.locator('body').innerText()).toContain('appsforoffice.microsoft.com');
  // functions.js cannot register the HS.* functions without office.js: its one error, and the pane's message stands.
  expect(errors).toEqual(['CustomFunctions is not defined']);
  await page.close();
});

/** A browser without ES2022, as far as the check can tell: its parser refuses what `refuses` matches, and the built-ins are gone. */
async function withoutEs2022(page: Page, refuses: RegExp, builtins: string[]): Promise<void> {
  await page.addInitScript(
    ({ source, flags, remove }) => {
      const refused = new RegExp(source, flags);
      const RealFunction = Function;
      const Simulated = function (this: unknown, ...args: string[]) {
        if (refused.test(String(args[args.length - 1]))) throw new SyntaxError('Unexpected token (simulated parser without ES2022)');
        return RealFunction(...args);
      };
      Object.defineProperty(window, 'Function', { value: Simulated, configurable: true, writable: true });
      for (const name of remove) {
        const [owner, key] = name.split('.prototype.');
        const target = key ? (window as unknown as Record<string, { prototype: object }>)[owner].prototype : (window as unknown as Record<string, object>)[name.split('.')[0]];
        Reflect.deleteProperty(target, key ?? name.split('.')[1]);
      }
    },
    { source: refuses.source, flags: refuses.flags, remove: builtins },
  );
}

/** taskpane.html as built, without office.js and the bundles: the inline check alone. */
async function openCheckAlone(page: Page): Promise<void> {
  await page.route(`${base}taskpane.html`, async (route) => {
    const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8').replace(/<script\b[^>]*\bsrc=[^>]*><\/script>/g, '');
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/);
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  await page.route((url) => !url.href.startsWith(`${base}taskpane.html`), (route) => route.abort());
  await page.goto(`${base}taskpane.html`);
}

e2e('the inline check alone, as Internet Explorer 11 (Windows without WebView2): install WebView2, in Chinese, not a blank pane', async () => {
  const context = await browser.newContext({ viewport: { width: 350, height: 760 }, locale: 'zh-CN', userAgent: IE11 });
  const page = await context.newPage();
  const errors = pageErrors(page);
  // Trident parses nothing past ES5: every probe fails, and the ES2015+ built-ins are not there.
  await withoutEs2022(page, /./, ['Object.fromEntries', 'Object.hasOwn', 'Array.prototype.at', 'String.prototype.replaceAll']);
  await openCheckAlone(page);
  const box = page.locator('#hs-unsupported');
  await box.waitFor();
  const text = await box.innerText();
  expect(text).toContain('Internet Explorer 11');
  expect(text).toContain('Microsoft Edge WebView2 运行时');
  expect(text).toContain('https://go.microsoft.com/fwlink/p/?LinkId=2124703');
  expect(text).toMatch(/Office 2016 或 2019 的批量许可版/);
  expect(text).toMatch(/Install WebView2/); // the English fallback
  expect(text).toMatch(/class static blocks/); // what is missing, for the support call
  expect(await page.locator('#root').isVisible()).toBe(false);
  expect(await page.evaluate(() => window.__HS_UNSUPPORTED__?.length)).toBeGreaterThan(5);
  expect(errors).toEqual([]);
  await shot(page, '13-old-webview-windows');
  await context.close();
});

e2e('the inline check alone, as Safari 15 on an older Mac: update macOS and Safari to 16.4, the functions still work', async () => {
  const context = await browser.newContext({ viewport: { width: 350, height: 760 }, locale: 'zh-CN', userAgent: MAC_SAFARI_15 });
  const page = await context.newPage();
  const errors = pageErrors(page);
  // Safari 15.6 parses ES2021 and class fields, not class static blocks.
  await withoutEs2022(page, /static\s*\{/, []);
  await openCheckAlone(page);
  const box = page.locator('#hs-unsupported');
  await box.waitFor();
  const text = await box.innerText();
  expect(text).toContain('Safari 16.4');
  expect(text).toContain('软件更新');
  expect(text).toContain('=HS.* 工作表函数仍可使用');
  expect(text).toMatch(/missing: class static blocks$/m);
  expect(await page.evaluate(() => window.__HS_UNSUPPORTED__)).toEqual(['class static blocks']);
  expect(errors).toEqual([]);
  await shot(page, '13b-old-webview-mac');
  await context.close();
});

e2e('in Excel for Windows: the 关于 panel shows host, platform, API sets and that empty cells arrive as 0', async () => {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
  const errors = pageErrors(page);
  // The fake workbook as Office, with what Excel for Windows puts in Office.context.
  const office = `${await fakeOffice}
    Office.context.host = 'Excel';
    Office.context.platform = 'PC';
    Office.context.diagnostics = { host: 'Excel', platform: 'PC', version: '16.0.17928.20148' };
    Office.context.displayLanguage = 'zh-CN';
    Office.context.requirements = { isSetSupported: (name, version) => ({ ExcelApi: 17, SharedRuntime: 2, CustomFunctionsRuntime: 4, DialogApi: 2, RibbonApi: 1 })[name] >= Number(String(version).split('.')[1]) };`;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    if (url.endsWith('/lib/1/hosted/office.js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: office });
    return route.abort();
  });
  await page.goto(`${base}taskpane.html`);
  await page.getByRole('button', { name: '关于' }).click();
  const dialog = page.getByRole('dialog', { name: '关于此加载项' });
  await dialog.waitFor();
  const text = await dialog.innerText();
  expect(text).toContain('Windows 版 Excel（宿主 EXCEL，平台 PC）');
  expect(text).toContain('16.0.17928.20148');
  expect(text).toContain('空单元格在区域参数中以 0 传入');
  const rows = await dialog.getByRole('table', { name: '此 Excel 支持的 API 集' }).getByRole('row').allInnerTexts();
  expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(
    expect.arrayContaining(['ExcelApi 1.17 1.9（满足）', 'SharedRuntime 1.2 1.1（满足）', 'CustomFunctionsRuntime 1.4 1.3（满足）']),
  );
  expect(await dialog.getByRole('textbox', { name: '支持信息' }).inputValue()).toMatch(/^充分就业社区评分加载项 .+\nExcel：Windows 版 Excel/);
  expect(errors).toEqual([]);
  // The dialog fades in: shoot it once it is opaque (it is fixed to the viewport, so not a full-page shot).
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[role=dialog]')).every((el) => getComputedStyle(el).opacity === '1'));
  await shot(page, '14-about', false);
  await page.close();
});
