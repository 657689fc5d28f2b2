/**
 * @jest-environment jsdom
 *
 * A workbook kept one sheet per month in the pane (issue 12, item 3), over the real gateway and the
 * fake workbook of test/fakes/: the 列映射 step lists the twelve sheets with their months and where
 * each month was read, leaves a sheet out on request, applies a mapping change to the sheets with
 * the same header (a sheet whose header differs there keeps its own), saves all that in the
 * workbook and reads it back as one ledger of twelve sheets; 计算得分 writes 实时公式 that read each
 * month's own sheet (test/addin/paneFormulas.test.ts calculates them).
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { render } from './freshStyles';
import { App } from '../../taskpane/App';
import { readLedger, viewSheets, withViewColumnTarget, type PaneSettings } from '../../taskpane/paneModel';
import { ledgerFromGrids } from '../../src/read/ledgerGrids';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { districtGrids } from '../helpers/districtGrids';
import { createFakeExcel, installFakeOffice, type FakeExcel } from '../fakes/fakeExcel';
import { polyfillLayout } from './paneHarness';

beforeAll(polyfillLayout);

/** A Fluent pane of 56 column pickers re-rendered in jsdom on a shared 2-core machine. */
const SLOW = 240_000;

const [single, params] = districtGrids({ units: 8, seed: 7, badCells: false });
const header = single.rows[0] as string[];
const monthColumn = header.indexOf('月份');
const LABOUR = '劳动力总数（人）';
const UNEMPLOYED = '期末登记失业人员人数(人)';

/** The one-sheet ledger's rows of `month` without its 月份 column, under `title` rows if given. */
function monthSheet(name: string, month: number, title: string[] = [], arrange: (row: CellValue[]) => CellValue[] = (r) => r): SheetGrid {
  const strip = (row: readonly CellValue[]) => arrange(row.filter((_, c) => c !== monthColumn));
  const rows = single.rows.slice(1).filter((row) => row[monthColumn] === month);
  return { name, rows: [...title.map((t) => [t]), strip(header), ...rows.map(strip)], merges: [] };
}

const NAMES = ['1月', '2024年2月', '三月', '2024.04', '05', 'Sheet6', '7月', '8月', '九月份', '10月', '11月', '十二月'];
const stripped = header.filter((_, c) => c !== monthColumn);
const labourAt = stripped.indexOf(LABOUR);
const swap = (a: number, b: number) => (r: CellValue[]) => r.map((v, c) => (c === a ? r[b] : c === b ? r[a] : v));

/** 说明, twelve month sheets (6月 from its title, 7月 with 单位名称 and 类型 swapped, 11月 with 劳动力总数 and the next column swapped) and 参数. */
function monthlyGrids(): SheetGrid[] {
  const sheets = NAMES.map((name, i) => {
    const month = i + 1;
    if (name === 'Sheet6') return monthSheet(name, month, ['2024年6月充分就业社区(村)考核台账', '填报单位：某区人社局']);
    if (month === 7) return monthSheet(name, month, [], swap(0, 1));
    if (month === 11) return monthSheet(name, month, [], swap(labourAt, labourAt + 1));
    return monthSheet(name, month);
  });
  return [{ name: '说明', rows: [['本工作簿按月分表'], ['每月一张表']], merges: [] }, ...sheets, params];
}

let restore: () => void = () => undefined;
afterEach(() => {
  cleanup();
  restore();
});
function monthlyWorkbook(): FakeExcel {
  const fake = createFakeExcel({ sheets: monthlyGrids().map((g) => ({ name: g.name, values: g.rows })) });
  restore = installFakeOffice(globalThis, fake);
  return fake;
}

/*
 * Elements are found by their labels with plain selectors: Testing Library's role and label queries
 * compute every element's accessible name, seconds per query over a table of 56 Fluent pickers.
 */
const WAIT = { timeout: 30_000 };
const labelled = <T extends Element = HTMLElement>(label: string): T => {
  const found = document.querySelector<Element>(`[aria-label="${label}"]`);
  if (!found) throw new Error(`没有「${label}」`);
  return found as T;
};
const all = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
const button = (text: string) => all('button:not([role="tab"])').find((b) => b.textContent === text || b.getAttribute('aria-label') === text)!;
const boxes = () => all('input[type="checkbox"]') as HTMLInputElement[];
const boxLabel = (input: HTMLInputElement) => input.labels?.[0]?.textContent ?? '';
const box = (sheet: string) => boxes().find((b) => boxLabel(b).startsWith(`「${sheet}」`))!;
const picker = (headerText: string) => all('[role="combobox"]').find((el) => el.getAttribute('aria-label')?.endsWith(`「${headerText}」对应的字段`)) as HTMLInputElement;
/** SheetPicker's 台账工作表, its first select. */
const sheetSelect = () => labelled('台账位置').querySelector('select')!;
const shownSheet = () => sheetSelect().value;
const said = (text: string) => waitFor(() => expect(document.body.textContent).toContain(text), WAIT);

async function openPane() {
  render(<App dark={false} />);
  await waitFor(() => labelled('台账列与评分字段的对应'), WAIT);
  return labelled('各月工作表');
}

/**
 * A column's field taken off on the shown sheet, through its picker. Clicked with fireEvent: a
 * user-event click checks the styles of every ancestor, ten seconds here per click.
 */
async function takeOff(headerText: string) {
  fireEvent.click(picker(headerText));
  const none = await waitFor(() => all('[role="option"]').find((o) => o.textContent === '（不使用）')!, WAIT);
  fireEvent.click(none);
  await waitFor(() => expect(picker(headerText).value).toBe('（不使用）'), WAIT);
}

test('the 列映射 step lists the twelve month sheets with their months, says which headers differ and which sheets were not read', async () => {
  monthlyWorkbook();
  const list = await openPane();
  const items = Array.from(list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
  expect(items.map(boxLabel)).toEqual([
    '「1月」→ 1月（取自表名）', '「2024年2月」→ 2024年2月（取自表名）', '「三月」→ 3月（取自表名）', '「2024.04」→ 2024年4月（取自表名）',
    '「05」→ 5月（取自表名）', '「Sheet6」→ 2024年6月（取自标题）', '「7月」→ 7月（取自表名）', '「8月」→ 8月（取自表名）',
    '「九月份」→ 9月（取自表名）', '「10月」→ 10月（取自表名）', '「11月」→ 11月（取自表名）', '「十二月」→ 12月（取自表名）',
  ]);
  expect(items.every((c) => c.checked)).toBe(true);
  expect(labelled('按月分表').querySelector('h3')!.textContent).toBe('按月分表：读取12个工作表');
  // No 月份 column is needed: the month is the sheet's.
  expect(screen.queryByText(/没有「月份」列/)).toBeNull();
  expect(shownSheet()).toBe('1月');
  expect(list.textContent).toContain('表头与「1月」不同：列的位置不同');
  const scope = labelled('列映射的适用范围').textContent!;
  expect(scope).toContain('下表是「1月」的列映射');
  expect(scope).toMatch(/表头不同的「7月」、「11月」保留各自的列映射/);
  expect(labelled('未读取的工作表').textContent).toBe('未作为台账读取：「说明」（前20行中没有「单位名称」列，不是台账）。');
  // The sheet list calls every month sheet a ledger sheet, not 未识别.
  const sheetOptions = Array.from(sheetSelect().options).map((o) => o.textContent);
  expect(sheetOptions).toContain('Sheet6（台账）');
}, SLOW);

test('a sheet left out is not read: its month is missing from the result, and the summary says so; the live formulas read each month sheet read', async () => {
  const fake = monthlyWorkbook();
  await openPane();
  fireEvent.click(box('三月'));
  await waitFor(() => expect(box('三月').checked).toBe(false), WAIT);
  expect(labelled('按月分表').querySelector('h3')!.textContent).toBe('按月分表：读取11个工作表，不读取1个');

  fireEvent.click(document.querySelector('[role="tab"][value="score"]')!);
  // 实时公式, the default, for a ledger kept per month too.
  const formulas = screen.getByRole('radio', { name: /实时公式/ }) as HTMLInputElement;
  expect(formulas.disabled).toBe(false);
  expect(formulas.checked).toBe(true);
  fireEvent.click(button('计算得分'));
  await said('已写出月度得分、年度汇总和问题清单：8个单位，88个单位月');
  const notice = labelled('请注意').textContent!;
  expect(notice).toContain('按设置未读取工作表「三月」，其月份不计入年度得分');
  expect(notice).not.toContain('未读取，年度得分和补贴不完整');

  const monthly = fake.workbook.sheet('月度得分').formulas();
  const months = [...new Set(monthly.slice(1).map((row) => row[3]))].sort((a, b) => Number(a) - Number(b));
  expect(months).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(monthly.slice(1).filter((row) => row[3] === 1 || row[3] === 4).length).toBe(16);
  // One block per sheet read, over that sheet's rows and its own row of 评分映射; 三月 is read by none.
  const calls = monthly.slice(1).flatMap((row) => (String(row[4]).startsWith('=HS.MONTHSCORES(') ? [String(row[4])] : []));
  const read = NAMES.filter((n) => n !== '三月');
  expect(calls.map((f) => /^=HS\.MONTHSCORES\(评分映射!\$[A-Z]+\$(\d+):[^,]+,'?([^'!]+)'?!/.exec(f)!.slice(1))).toEqual(read.map((n, k) => [String(k + 1), n]));
  expect(calls.join()).not.toContain('三月');
  // The month each sheet gives is the call's month argument: 6月 from Sheet6's title.
  expect(calls[read.indexOf('Sheet6')]).toMatch(/,"2024年6月"\)$/);
  const mapping = fake.workbook.sheet('评分映射').values();
  expect(mapping.slice(0, read.length).map((row) => row.find((v) => typeof v === 'string' && v.startsWith('←')))).toEqual(read.map((n) => `←「${n}」的列映射`));
}, SLOW);

test('a mapping change applies to every sheet with the same text in that column; a sheet whose header differs there keeps its own', async () => {
  monthlyWorkbook();
  await openPane();
  await takeOff(LABOUR);

  // 2024年2月 has 1月's header: changed with it.
  fireEvent.click(button('核对「2024年2月」的列映射'));
  await waitFor(() => expect(shownSheet()).toBe('2024年2月'), WAIT);
  expect(picker(LABOUR).value).toBe('（不使用）');
  // 11月 holds another column there: its own mapping stands, 劳动力总数 still read.
  fireEvent.click(button('核对「11月」的列映射'));
  await waitFor(() => expect(shownSheet()).toBe('11月'), WAIT);
  expect(picker(LABOUR).value).toBe('劳动力总数');
  expect(picker(UNEMPLOYED).value).toBe('期末登记失业人员人数');
}, SLOW);

test('saved settings read back as one ledger of twelve sheets: the sheet left out, each sheet’s mapping', async () => {
  const fake = monthlyWorkbook();
  await openPane();
  fireEvent.click(box('十二月'));
  await waitFor(() => expect(box('十二月').checked).toBe(false), WAIT);
  await takeOff(LABOUR);
  fireEvent.click(button('保存映射'));
  await said('列映射已保存到工作簿。');
  cleanup();

  // The pane opened again on the same workbook.
  await openPane();
  expect(boxes().filter((c) => c.checked)).toHaveLength(11);
  expect(box('十二月').checked).toBe(false);
  expect(picker(LABOUR).value).toBe('（不使用）');
  fireEvent.click(button('核对「11月」的列映射'));
  await waitFor(() => expect(shownSheet()).toBe('11月'), WAIT);
  expect(picker(LABOUR).value).toBe('劳动力总数');
  // What the workbook keeps: every sheet's mapping and the sheet left out.
  const saved = [...fake.workbook.settings.values()].find((v) => typeof v === 'object' && v !== null && 'monthSheets' in v) as PaneSettings;
  expect(saved.monthSheets!.excluded).toEqual(['十二月']);
  expect(saved.monthSheets!.mappings.map((m) => m.sheet)).toEqual(NAMES);
}, SLOW);

describe('reading in the pane model', () => {
  const grids = monthlyGrids();

  test('a one-sheet mapping saved for a month sheet applies to every sheet with its header, and the reading stays per month', () => {
    const first = readLedger(grids, undefined);
    const mapping = { ...first.ledger.mapping, columns: first.ledger.mapping.columns.map((c) => (c.header === LABOUR ? { ...c, target: null, confidence: 0, matchedBy: 'none' as const } : c)) };
    const view = readLedger(grids, { mapping });
    const sheets = viewSheets(view).sheets!;
    expect(sheets).toHaveLength(12);
    const labour = (sheet: string) => sheets.find((s) => s.sheet === sheet)!.mapping.columns.find((c) => c.header === LABOUR)!.target;
    expect(labour('九月份')).toBeNull();
    expect(labour('Sheet6')).toBeNull(); // same header texts, two title rows above
    expect(labour('7月')).toEqual({ kind: 'field', key: expect.any(String) }); // its header differs: detected afresh
    expect(view.ledger.rows).toHaveLength(96);
  });

  test('a change in a column applies where that column has the same text, also on a sheet whose header differs elsewhere', () => {
    const view = readLedger(grids, undefined);
    const changed = withViewColumnTarget(view, labourAt, null);
    const labour = (sheet: string) => viewSheets(changed).sheets!.find((s) => s.sheet === sheet)!.mapping.columns.find((c) => c.header === LABOUR)!;
    expect(labour('7月').target).toBeNull(); // its first two columns are swapped, not this one
    expect(labour('Sheet6').target).toBeNull();
    expect(labour('11月')).toMatchObject({ column: labourAt + 1, target: { kind: 'field', key: 'laborForce' } });
    // Read: 11月's rows still carry the figure, 7月's no longer do.
    const rowsOf = (sheet: string) => changed.ledger.rows.filter((r) => r.sheet === sheet);
    expect(rowsOf('11月').every((r) => typeof r.fields.laborForce?.value === 'number')).toBe(true);
    expect(rowsOf('7月').some((r) => r.fields.laborForce !== undefined)).toBe(false);
  });

  test('excludeSheets: a month sheet left out is not read, and the note says so', () => {
    const ledger = ledgerFromGrids(grids, { source: '按月.xlsx', excludeSheets: ['三月', '05'] });
    expect(ledger.sheets?.map((s) => s.month)).toEqual([1, 2, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect(ledger.rows).toHaveLength(80);
    const note = ledger.issues.find((i) => i.message.startsWith('按月分表读取'))!.message;
    expect(note).toContain('按设置不读取：「三月」、「05」');
    expect(note).not.toMatch(/未作为台账读取：[^；]*「三月」/);
    expect(() => ledgerFromGrids(grids, { source: '按月.xlsx', excludeSheets: NAMES })).toThrow(/都已设为不读取/);
  });
});
