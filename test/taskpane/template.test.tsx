/**
 * @jest-environment jsdom
 *
 * 生成台账模板 in the pane: the gateway writes the template's sheets into the open workbook (the fake
 * of test/fakes/) with their validations, unlocked inputs, frozen panes, filters and password-free
 * protection, in few round trips, never touching the analyst's sheets; the panel, in the real pane
 * over the real gateway, writes it from a unit list on a sheet and refuses a second time, and a bad
 * pasted list, in Chinese naming the cells.
 */
import { screen, waitFor } from '@testing-library/react';
import { render } from './freshStyles';
import userEvent from '@testing-library/user-event';
import { App } from '../../taskpane/App';
import { readWorkbookGrids, TemplateSheetsExist, writeTemplateSheets } from '../../taskpane/excelGateway';
import { readLedger } from '../../taskpane/paneModel';
import { templatePlan, type TemplateSheet, type TemplateUnit } from '../../src/output/template';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { columnLetter } from '../../src/read/address';
import { createFakeExcel, installFakeOffice, type FakeExcel } from '../fakes/fakeExcel';
import { polyfillLayout } from './paneHarness';

beforeAll(polyfillLayout);

const UNITS: TemplateUnit[] = [
  { name: '桃花仑社区', type: '社区', town: '桃花仑街道', group: '第一组', level: '省级', founding: false },
  { name: '龙光桥村', type: '村', town: '龙光桥街道', group: '第一组', level: null, founding: true },
  { name: '001社区', type: '社区', town: null, group: '第二组', level: '市级', founding: false },
];
const LIST = [['单位名称', '类型', '老带新小组'], ['桃花仑社区', '社区', '第一组'], ['龙光桥村', '村', '第一组'], ['会龙山社区', '社区', '第二组']];

let restore: () => void = () => undefined;
afterEach(() => restore());
function use(fake: FakeExcel): FakeExcel {
  restore = installFakeOffice(globalThis, fake);
  return fake;
}
const workbookWithList = () => use(createFakeExcel({ sheets: [{ name: '名单', values: LIST }] }));

describe('writeTemplateSheets', () => {
  test('writes every sheet after the analyst’s, cells as planned, inputs unlocked and validated, panes frozen, protected without a password', async () => {
    const fake = workbookWithList();
    const plan = templatePlan({ ruleSet: HESHAN_2024, units: UNITS, year: 2024, layout: '单表' });
    expect(await writeTemplateSheets(plan.sheets)).toEqual({ written: ['填写说明', '台账', '参数', '单位信息'] });
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单', '填写说明', '台账', '参数', '单位信息']);
    expect(fake.workbook.sheet('名单').values()).toEqual(LIST);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    expect(fake.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);

    const ledger = fake.workbook.sheet('台账');
    const planned = plan.sheets.find((s) => s.name === '台账')!;
    expect(ledger.values(`A1:C${planned.cells.length}`)).toEqual(planned.cells.map((r, k) => (k === 0 ? [r[0], '', ''] : r.slice(0, 3))));
    expect(ledger.cell('A27').value).toBe('001社区'); // text that looks like a number stays text
    expect(ledger.cell('D2').value).toBe('劳动力总数（人）');
    expect(ledger.cell('C3')).toMatchObject({ value: 1, numberFormat: '0"月"' });
    expect(ledger.validation('D3')).toMatchObject({
      rule: { wholeNumber: { formula1: 1, operator: 'GreaterThanOrEqualTo' } },
      prompt: { showPrompt: true, title: '劳动力总数', message: expect.stringMatching(/^本单位当月的劳动力总数。必填/) },
      errorAlert: { showAlert: true, style: 'Stop', title: '劳动力总数填写有误' },
      ignoreBlanks: true,
    });
    const header = ledger.values('A2:BZ2')[0];
    const col = (h: string) => columnLetter(header.indexOf(h));
    expect(ledger.validation(`${col('电话抽查信息准确率（%）')}3`)?.rule).toEqual({ decimal: { formula1: 0, formula2: 1, operator: 'Between' } });
    expect(ledger.validation(`${col('新进人员1个月内参加培训（是/否）')}6`)?.rule).toEqual({ list: { inCellDropDown: true, source: '是,否,无新进人员,无新进,不涉及' } });
    expect(ledger.validation(`${col('新进人员1个月内参加培训（是/否）')}3`)).toBeNull(); // January: not assessed
    expect(ledger.cell('D3').style.locked).toBe(false);
    expect(ledger.cell('A3').style).toMatchObject({ locked: true, fillColor: '#F2F2F2' });
    expect(ledger.cell('D2').style).toMatchObject({ locked: true, bold: true, fillColor: '#DDEBF7' });
    expect(ledger.freezePanes).toEqual({ rows: 2, columns: 3 });
    expect(ledger.autoFilter).toEqual({ row: 1, col: 0, rows: 37, cols: header.filter((h) => h !== '').length });
    for (const name of ['填写说明', '台账', '参数', '单位信息']) {
      expect(fake.workbook.sheet(name).protection).toEqual({
        protected: true, password: null,
        options: { allowFormatColumns: true, allowFormatRows: true, allowSort: true, allowAutoFilter: true, selectionMode: 'Normal' },
      });
    }
    expect(fake.workbook.sheet('参数').freezePanes).toEqual({ rows: 1, columns: 1 });
    expect(fake.workbook.active?.name).toBe('填写说明');

    // The protection holds: an input cell takes a figure, a header or a unit name does not.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('台账').getRange('D3').values = [[3200]];
      await context.sync();
    });
    expect(ledger.cell('D3').value).toBe(3200);
    await expect(Excel.run(async (context) => {
      context.workbook.worksheets.getItem('台账').getRange('A3').values = [['改名社区']];
      await context.sync();
    })).rejects.toMatchObject({ code: 'AccessDenied' });

    // Read back as the pane reads a workbook: every field column at confidence 1, no question.
    const view = readLedger(await readWorkbookGrids([]), undefined);
    expect(view.ledger.mapping.sheet).toBe('台账');
    const fields = view.ledger.mapping.columns.filter((c) => c.target?.kind === 'field');
    expect(fields).toHaveLength(47);
    expect(fields.every((c) => c.confidence === 1 && c.matchedBy === 'canonical')).toBe(true);
    expect(view.ledger.issues.filter((i) => /列「|未识别的列|请核对/.test(i.message))).toEqual([]);
  });

  test('按月分表: twelve month sheets, each frozen below its header and right of 单位名称 and 类型', async () => {
    const fake = workbookWithList();
    const plan = templatePlan({ ruleSet: HESHAN_2024, units: UNITS, year: 2025, layout: '按月分表' });
    await writeTemplateSheets(plan.sheets);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单', '填写说明', ...plan.ledgerSheets, '参数', '单位信息']);
    const may = fake.workbook.sheet('5月');
    expect(may.values('A1:C3')).toEqual([['2025年5月充分就业社区(村)考核台账', '', ''], ['单位名称', '类型', '劳动力总数（人）'], ['桃花仑社区', '社区', '']]);
    expect(may.freezePanes).toEqual({ rows: 2, columns: 2 });
    expect(may.validation('C3')?.rule).toEqual({ wholeNumber: { formula1: 1, operator: 'GreaterThanOrEqualTo' } });
  });

  test('a template sheet’s name taken: nothing written, the sheets named; a failure on the way takes the added sheets away', async () => {
    const fake = use(createFakeExcel({ sheets: [{ name: '名单', values: LIST }, { name: '参数', values: [['月份']] }, { name: '台账', values: [['x']] }] }));
    const plan = templatePlan({ ruleSet: HESHAN_2024, units: UNITS, year: 2024, layout: '单表' });
    const refused = writeTemplateSheets(plan.sheets);
    await expect(refused).rejects.toBeInstanceOf(TemplateSheetsExist);
    await expect(refused).rejects.toThrow('工作簿中已有同名工作表「台账」「参数」，台账模板未写入：请先把这些工作表改名或删除，或在新建的空白工作簿中生成模板');
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单', '参数', '台账']);
    expect(fake.workbook.sheet('台账').values()).toEqual([['x']]);

    // A prompt longer than Excel takes fails the last request: the sheets added are deleted again.
    const bad: TemplateSheet[] = plan.sheets.filter((s) => s.name === '单位信息').map((s) => ({
      ...s, name: '单位信息2', inputs: s.inputs.map((i) => ({ ...i, validation: { ...i.validation, promptTitle: '很长'.repeat(20) } })),
    }));
    await expect(writeTemplateSheets(bad)).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单', '参数', '台账']);
  });
});

describe('the 生成台账模板 panel', () => {
  async function openPanel() {
    const user = userEvent.setup();
    render(<App dark={false} />);
    // A workbook holding only a unit list has no ledger yet: said, not fatal.
    expect((await screen.findByRole('alert')).textContent).toMatch(/找不到表头/);
    await user.click(screen.getByRole('button', { name: /生成台账模板（供社区\(村\)填写的空白台账）/ }));
    await screen.findByRole('region', { name: '生成台账模板' });
    return user;
  }

  test('writes the template from the unit list on a sheet; asked again, refuses and says which sheets exist', async () => {
    const fake = workbookWithList();
    const user = await openPanel();
    expect((screen.getByRole('combobox', { name: '单位名单所在的工作表' }) as HTMLSelectElement).value).toBe('名单');
    const year = screen.getByRole('textbox', { name: '年份' });
    await user.clear(year);
    await user.type(year, '2024');
    await user.click(screen.getByRole('radio', { name: /按月分表/ }));
    await user.click(screen.getByRole('button', { name: '生成台账模板' }));
    const done = await screen.findByRole('status', { name: '台账模板' });
    expect(done.textContent).toMatch(/^已生成2024年台账模板（按月分表）：新增工作表「填写说明」、「1月」、「2月」、「3月」、「4月」、「5月」等15张；3个单位，每月填报47项（赫山区2024年充分就业社区\(村\)评价体系）。/);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单', '填写说明', ...Array.from({ length: 12 }, (_, k) => `${k + 1}月`), '参数', '单位信息']);
    expect(fake.workbook.sheet('3月').values('A3:B5')).toEqual([['桃花仑社区', '社区'], ['龙光桥村', '村'], ['会龙山社区', '社区']]);
    expect(fake.workbook.sheet('单位信息').values('A2:D2')).toEqual([['桃花仑社区', '社区', '', '第一组']]);
    expect(fake.workbook.sheet('单位信息').validation('C2')?.prompt?.title).toBe('所属乡镇'); // not in the list: left to fill

    await user.click(screen.getByRole('button', { name: '生成台账模板' }));
    await waitFor(() => expect(screen.getByRole('alert', { name: '台账模板' }).textContent).toMatch(/工作簿中已有同名工作表「填写说明」「1月」.*「单位信息」，台账模板未写入/));
    expect(fake.workbook.sheets).toHaveLength(16);
  });

  test('a pasted unit list with a bad 类型 and a unit twice is refused, every cell named; a bad year too', async () => {
    const fake = workbookWithList();
    const user = await openPanel();
    await user.click(screen.getByRole('textbox', { name: /或粘贴单位名单/ }));
    await user.paste('单位名称\t类型\n甲社区\t街道\n乙村\t村\n乙村\t村');
    await user.click(screen.getByRole('button', { name: '生成台账模板' }));
    const refused = await screen.findByRole('alert', { name: '台账模板' });
    expect(refused.textContent).toBe('单位名单有误，未生成模板：粘贴的名单!B2：单位「甲社区」的「类型」应为「社区」或「村」，读到「街道」粘贴的名单!A4：单位「乙村」重复（与 粘贴的名单!A3 相同），每个单位只能列一次');
    const year = screen.getByRole('textbox', { name: '年份' });
    await user.clear(year);
    await user.type(year, '24');
    await user.click(screen.getByRole('button', { name: '生成台账模板' }));
    await waitFor(() => expect(screen.getByRole('alert', { name: '台账模板' }).textContent).toBe('年份应为2000到2100之间的整数，如 2024：24'));
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['名单']);
  });
});
