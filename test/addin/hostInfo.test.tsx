/**
 * @jest-environment jsdom
 *
 * @microsoft/office-js-helpers where it serves the pane: host and platform detection (and so whether
 * empty cells reach the =HS.* functions as 0 or null) and the requirement sets for the 关于 panel
 * (taskpane/hostInfo.ts); the analyst's own preferences in its Storage (taskpane/preferences.ts); and
 * Office's errors, OfficeExtension.Error with its debugInfo, reaching the error bar in Chinese with
 * their location (taskpane/officeErrors.ts). The real panel in a browser: test/e2e/outsideOffice.test.ts.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { screen, waitFor, within } from '@testing-library/react';
import { render } from '../taskpane/freshStyles';
import userEvent from '@testing-library/user-event';
import { App } from '../../taskpane/App';
import { apiSetSupport, emptyCellsArriveAs, emptyCellsFor, readHostInfo, REQUIRED_SETS, supportText } from '../../taskpane/hostInfo';
import { describeOfficeError, isOfficeError, OfficeErrorReport, withOfficeErrors } from '../../taskpane/officeErrors';
import { DEFAULT_PREFERENCES, memoryPreferences, userPreferences } from '../../taskpane/preferences';
import { Cancelled } from '../../taskpane/excelGateway';
import { officeError } from '../fakes/fakeExcelState';
import { openPane, polyfillLayout, stubGateway } from '../taskpane/paneHarness';

const ROOT = path.resolve(__dirname, '..', '..');

beforeAll(polyfillLayout);

/** Office.context as Excel for `platform` fills it (office-js-helpers reads host and platform there). */
function installOffice(platform: 'PC' | 'Mac' | 'OfficeOnline', supported: Record<string, number> = { ExcelApi: 12, SharedRuntime: 1, CustomFunctionsRuntime: 3 }) {
  (globalThis as Record<string, unknown>).Office = {
    context: {
      host: 'Excel',
      platform,
      displayLanguage: 'zh-CN',
      diagnostics: { host: 'Excel', platform, version: '16.0.17928.20148' },
      requirements: { isSetSupported: (name: string, version: string) => (supported[name] ?? 0) >= Number(version.split('.')[1]) },
    },
  };
}
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  localStorage.clear();
});

describe('hostInfo (office-js-helpers Utilities)', () => {
  test('Excel for Windows and Mac pass an empty cell in a range as 0, Excel on the web as null', () => {
    installOffice('PC');
    expect(readHostInfo()).toMatchObject({ host: 'EXCEL', platform: 'PC', platformLabel: 'Windows 版 Excel', emptyCells: 'zero', officeVersion: '16.0.17928.20148', displayLanguage: 'zh-CN' });
    expect(emptyCellsArriveAs()).toBe('zero');
    installOffice('Mac');
    expect(readHostInfo()).toMatchObject({ platform: 'MAC', platformLabel: 'Mac 版 Excel', emptyCells: 'zero' });
    installOffice('OfficeOnline');
    expect(readHostInfo()).toMatchObject({ platform: 'OFFICE_ONLINE', platformLabel: 'Excel 网页版', emptyCells: 'null' });
    expect(emptyCellsFor(null)).toBe('unknown');
  });

  test('outside Office nothing throws: the answers are unknown', () => {
    const info = readHostInfo(false);
    expect(info).toMatchObject({ inOffice: false, platform: null, emptyCells: 'unknown', officeVersion: null, apiSets: [] });
    expect(supportText(info)).toContain('未读取（不在 Excel 中）');
  });

  test('the API sets: the highest this Excel supports against what manifest.xml requires', () => {
    const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    const declared = Object.fromEntries([...manifest.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    expect(REQUIRED_SETS).toEqual(declared);
    const sets = apiSetSupport((name, version) => ({ ExcelApi: 8, SharedRuntime: 2, CustomFunctionsRuntime: 3, DialogApi: 1 } as Record<string, number>)[name] >= Number(version!.split('.')[1]));
    expect(sets).toEqual([
      { name: 'ExcelApi', highest: '1.8', required: '1.9', ok: false },
      { name: 'SharedRuntime', highest: '1.2', required: '1.1', ok: true },
      { name: 'CustomFunctionsRuntime', highest: '1.3', required: '1.3', ok: true },
      { name: 'DialogApi', highest: '1.1', ok: true },
      { name: 'RibbonApi', highest: null, ok: true },
    ]);
    expect(apiSetSupport(() => { throw new Error('no requirements API'); })[0]).toEqual({ name: 'ExcelApi', highest: null, required: '1.9', ok: false });
  });

  test('the support text holds all of it in one piece', () => {
    installOffice('PC');
    const text = supportText(readHostInfo());
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^充分就业社区评分加载项 /),
      'Excel：Windows 版 Excel（宿主 EXCEL，平台 PC）',
      'Office 版本：16.0.17928.20148；界面语言：zh-CN',
      expect.stringMatching(/^空单元格：空单元格在区域参数中以 0 传入/),
      expect.stringMatching(/^API 集：ExcelApi 1\.12（需要 1\.9，满足）；SharedRuntime 1\.1（需要 1\.1，满足）；CustomFunctionsRuntime 1\.3（需要 1\.3，满足）/),
      expect.stringMatching(/^网页组件：.*jsdom/),
    ]);
  });
});

describe('preferences (office-js-helpers Storage)', () => {
  test("kept in the webview's localStorage under the add-in's container, for every workbook", () => {
    const prefs = userPreferences();
    expect(prefs.read()).toEqual(DEFAULT_PREFERENCES);
    prefs.write({ tab: 'subsidy', autoLoad: false });
    expect(localStorage.getItem('@hs-addin/tab')).toBe('"subsidy"');
    expect(userPreferences().read()).toEqual({ tab: 'subsidy', autoLoad: false });
    prefs.clear();
    expect(userPreferences().read()).toEqual(DEFAULT_PREFERENCES);
  });

  test('what this version does not understand is read as the default', () => {
    localStorage.setItem('@hs-addin/tab', '"charts"');
    localStorage.setItem('@hs-addin/autoLoad', '"yes"');
    expect(userPreferences().read()).toEqual(DEFAULT_PREFERENCES);
  });

  test('the pane opens on the tab last used, and can be told not to read the workbook on opening', async () => {
    const user = userEvent.setup();
    const prefs = memoryPreferences();
    const { gateway } = stubGateway();
    const first = render(<App dark={false} gateway={gateway} preferences={prefs} />);
    await screen.findByRole('table', { name: '台账列与评分字段的对应' });
    await user.click(screen.getByRole('tab', { name: '计算得分' }));
    first.unmount();

    prefs.write({ autoLoad: false });
    let reads = 0;
    const counted = stubGateway({ readWorkbookGrids: async (skip) => (reads++, stubGateway().gateway.readWorkbookGrids(skip)) }).gateway;
    render(<App dark={false} gateway={counted} preferences={prefs} />);
    expect(screen.getByRole('tab', { name: '计算得分', selected: true })).toBeTruthy();
    expect(screen.getByText(/打开窗格时不自动读取工作簿/)).toBeTruthy();
    expect(reads).toBe(0);
    await user.click(screen.getByRole('button', { name: '重新读取工作簿' }));
    await waitFor(() => expect(reads).toBe(1));
  });
});

describe('Office errors in the error bar', () => {
  test('OfficeExtension.Error: code, what it means in Chinese, where, and what Excel said', () => {
    const error = officeError('ItemNotFound', 'WorksheetCollection.getItem');
    expect(isOfficeError(error)).toBe(true);
    expect(describeOfficeError(error)).toBe(
      `Excel 报告错误（ItemNotFound，位置 WorksheetCollection.getItem）：找不到所需的工作表或对象（可能已被删除或改名），请重新读取工作簿（${error.message}）`,
    );
    expect(describeOfficeError({ code: 'SomethingNew', message: 'A new failure.', debugInfo: { errorLocation: 'Range.values', statement: 'range.values = …' } })).toBe(
      'Excel 报告错误（SomethingNew，位置 Range.values，语句 range.values = …）：A new failure.',
    );
    expect(isOfficeError(new Error('plain'))).toBe(false);
  });

  test("the gateway's Office errors are retold; a cancel and the pane's own errors pass as they are", async () => {
    const cancelled = new Cancelled();
    const payload = officeError('RequestPayloadSizeLimitExceeded');
    const plain = new Error('台账缺少表头');
    const wrapped = withOfficeErrors({
      a: async () => { throw officeError('InvalidOperationInCellEditMode', 'Workbook.worksheets'); },
      b: async () => { throw cancelled; },
      c: async () => { throw payload; },
      d: async () => { throw plain; },
      e: async (x: number) => x + 1,
    });
    await expect(wrapped.a()).rejects.toBeInstanceOf(OfficeErrorReport);
    await expect(wrapped.a()).rejects.toThrow('Excel 报告错误（InvalidOperationInCellEditMode，位置 Workbook.worksheets）：Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再重试');
    await expect(wrapped.b()).rejects.toBe(cancelled);
    await expect(wrapped.c()).rejects.toBe(payload);
    await expect(wrapped.d()).rejects.toBe(plain);
    await expect(wrapped.e(1)).resolves.toBe(2);
  });

  test('reading the workbook fails in Excel: the error bar says it in Chinese, with the location', async () => {
    const { gateway } = stubGateway({ readWorkbookGrids: async () => { throw officeError('ItemNotFound', 'WorksheetCollection.getItem'); } });
    render(<App dark={false} gateway={gateway} />);
    const bar = await screen.findByRole('alert');
    expect(within(bar).getByText('出错了')).toBeTruthy();
    expect(bar.textContent).toContain('Excel 报告错误（ItemNotFound，位置 WorksheetCollection.getItem）：找不到所需的工作表或对象');
  });

  test('the 关于 panel in the pane: host, platform, API sets, empty cells, and the preferences', async () => {
    installOffice('OfficeOnline', { ExcelApi: 17, SharedRuntime: 2, CustomFunctionsRuntime: 5 });
    const user = userEvent.setup();
    const { gateway } = stubGateway();
    await openPane(gateway);
    await user.click(screen.getByRole('button', { name: '关于' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    expect(dialog.textContent).toContain('Excel 网页版（宿主 EXCEL，平台 OFFICE_ONLINE）');
    expect(dialog.textContent).toContain('空单元格以空值传入 =HS.* 函数');
    const table = within(dialog).getByRole('table', { name: '此 Excel 支持的 API 集', hidden: true });
    expect(within(table).getAllByRole('row', { hidden: true }).map((r) => r.textContent)).toEqual(
      expect.arrayContaining(['ExcelApi1.171.9（满足）', 'CustomFunctionsRuntime1.51.3（满足）']),
    );
  });
});
