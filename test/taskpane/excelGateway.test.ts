/**
 * The gateway against the fake workbook (test/fakes/): what it reads, what it writes, how many
 * round trips and how large the requests are. The fake fails the way Excel does when a property is
 * read before sync and rejects requests over Excel on the web's 5 MB, so passing here means the
 * gateway batches correctly. The figures are printed for the README.
 */
import path from 'path';
import { createFakeExcel, installFakeOffice, type FakeExcel } from '../fakes/fakeExcel';
import { cellAddress } from '../../src/read/address';
import { xlsxGrids } from '../../src/read/grid';
import type { SheetGrid } from '../../src/ledger/types';
import { scorePlans, subsidyPlan } from '../../src/output/sheetPlans';
import type { SheetPlan } from '../../src/output/sheetPlan';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { loadSettings, readWorkbookGrids, saveSettings, writeSheets, Cancelled, STAGING_PREFIX } from '../../taskpane/excelGateway';
import { PANE_SHEETS, scorePlanOptions, readLedger, scoreView } from '../../taskpane/paneModel';
import { districtGrids } from '../helpers/districtGrids';

const SAMPLE = path.resolve(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');

function a1Range(m: { top: number; left: number; bottom: number; right: number }): string {
  return `${cellAddress('x', m.top, m.left).split('!')[1]}:${cellAddress('x', m.bottom, m.right).split('!')[1]}`;
}

function fakeFrom(grids: SheetGrid[]): FakeExcel {
  return createFakeExcel({
    sheets: grids.map((g) => ({ name: g.name, values: g.rows.map((r) => r.map((v) => v)), merges: g.merges.map(a1Range) })),
  });
}

let restore: () => void = () => undefined;
afterEach(() => restore());
function use(fake: FakeExcel): FakeExcel {
  restore = installFakeOffice(globalThis, fake);
  return fake;
}

/** Everything the pane does for 计算得分, through the gateway: read, score, write. */
async function scoreWorkbook(mode: 'formulas' | 'values') {
  const grids = await readWorkbookGrids(PANE_SHEETS);
  const view = readLedger(grids, undefined);
  const result = scoreView(view, {}, HESHAN_2024, HESHAN_2024_POLICY);
  const plans = scorePlans(result, scorePlanOptions(view, {}, HESHAN_2024, mode, HESHAN_2024_POLICY));
  return { grids, view, result, plans };
}

describe('the bundled sample (36 units × 12 months)', () => {
  let sample: SheetGrid[];
  beforeAll(async () => {
    sample = await xlsxGrids(SAMPLE);
  });

  test('reads every sheet in place, with its merges, in 3 round trips', async () => {
    const fake = use(fakeFrom(sample));
    const grids = await readWorkbookGrids([]);
    expect(fake.stats.syncs).toBe(3);
    const ledger = grids.find((g) => g.name === '台账')!;
    const original = sample.find((g) => g.name === '台账')!;
    expect(ledger.rows.length).toBe(original.rows.length);
    expect(ledger.rows[5]).toEqual(original.rows[5].map((v) => (v === undefined ? null : v)).slice(0, ledger.rows[5].length));
    expect(ledger.merges.length).toBe(original.merges.length);
    expect(readLedger(grids, undefined).ledger.mapping.headerRows).toEqual([1, 2]);
  });

  test('where ExcelApi 1.13 is missing, merges are not asked for and the two-row header still maps', async () => {
    const fake = use(fakeFrom(sample));
    const office = (globalThis as unknown as { Office: { context: { requirements: { isSetSupported: (set: string, version: string) => boolean } } } }).Office;
    office.context.requirements.isSetSupported = (_set, version) => Number(version.split('.')[1]) <= 9;
    const grids = await readWorkbookGrids([]);
    expect(grids.every((g) => g.merges.length === 0)).toBe(true);
    const mapped = readLedger(grids, undefined).ledger.mapping;
    const full = readLedger(await (async () => { restore(); use(fakeFrom(sample)); return readWorkbookGrids([]); })(), undefined).ledger.mapping;
    expect(mapped.columns.map((c) => c.target)).toEqual(full.columns.map((c) => c.target));
    expect(fake.stats.syncs).toBe(3);
  });

  test('scores into the output sheets in a handful of round trips, leaving the analyst’s sheets as they were', async () => {
    const fake = use(fakeFrom(sample));
    const before = fake.workbook.sheet('台账').formulas();
    const { plans } = await scoreWorkbook('formulas');
    fake.resetStats();
    const written = await writeSheets(plans);
    expect(written).toEqual({ edited: [], written: ['评分映射', '月度得分', '年度汇总', '问题清单'] });
    const syncs = fake.stats.syncs;
    console.log(`36 units, live formulas: ${syncs} syncs, largest request ${(fake.stats.largestRequestBytes / 1024).toFixed(0)} KiB`);
    expect(syncs).toBeLessThanOrEqual(5);
    expect(fake.workbook.sheet('台账').formulas()).toEqual(before);
    const monthly = fake.workbook.sheet('月度得分');
    expect(monthly.formulas('A1:D1')).toEqual([['单位名称', '类型', '小组', '月份']]);
    expect(String(monthly.formulas('E2')[0][0])).toMatch(/^=HS\.MONTHSCORES\(/);
    expect(fake.workbook.sheet('评分映射').visibility).toBe('Hidden');
    const annual = fake.workbook.sheet('年度汇总');
    expect(annual.conditionalFormats.length).toBe(2);
    expect(annual.charts.length).toBe(1);
    expect(annual.freezePanes.rows).toBe(1);
  });

  test('re-running replaces the output sheets’ content only; an edited output sheet waits for confirmation', async () => {
    const fake = use(fakeFrom(sample));
    const { plans } = await scoreWorkbook('values');
    await writeSheets(plans);
    const again = await writeSheets(plans);
    expect(again.edited).toEqual([]);
    expect(fake.workbook.sheetNames().filter((n) => n === '年度汇总')).toHaveLength(1);

    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('年度汇总').getRange('B2').values = [['分析员改过']];
      await context.sync();
    });
    const refused = await writeSheets(plans);
    expect(refused).toEqual({ edited: ['年度汇总'], written: [] });
    expect(fake.workbook.sheet('年度汇总').values('B2')).toEqual([['分析员改过']]);
    const replaced = await writeSheets(plans, { replaceEdited: true });
    expect(replaced.written).toContain('年度汇总');
    expect(fake.workbook.sheet('年度汇总').values('B2')[0][0]).not.toBe('分析员改过');
  });

  test('values Excel spills from the live formulas do not count as the analyst’s edits', async () => {
    const fake = use(fakeFrom(sample));
    const { plans } = await scoreWorkbook('formulas');
    await writeSheets(plans);
    // Excel fills each spill with values, which `formulas` reads back: the fake has no formula engine, so put them there.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('月度得分').getRange('F2:G3').values = [[5, 4.5], [5, 5]];
      context.workbook.worksheets.getItem('年度汇总').getRange('I3:I4').values = [[7], [1]];
      await context.sync();
    });
    expect((await writeSheets(plans)).edited).toEqual([]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('年度汇总').getRange('I2').values = [[3]]; // over the anchor formula
      await context.sync();
    });
    expect((await writeSheets(plans)).edited).toEqual(['年度汇总']);
    expect(fake.workbook.sheet('年度汇总').values('I2')).toEqual([[3]]);
  });

  describe('a write never half-happens', () => {
    /** The cells of every output sheet, and the sheets there are. */
    const snapshot = (fake: FakeExcel, plans: readonly SheetPlan[]) => ({
      sheets: fake.workbook.sheetNames(),
      cells: plans.map((p) => fake.workbook.sheet(p.name).formulas()),
    });
    /** The same ledger with one unit renamed, so the second write differs from the first in every sheet. */
    async function twoResults(fake: FakeExcel) {
      const first = (await scoreWorkbook('values')).plans;
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('台账').getRange('A4').values = [['改名后的社区']];
        await context.sync();
      });
      const second = (await scoreWorkbook('values')).plans;
      expect(JSON.stringify(second)).not.toBe(JSON.stringify(first));
      expect(fake.workbook.sheetNames()).not.toContain('月度得分');
      return { first, second };
    }

    test('a cancel after some batches leaves the previous output whole, no staging sheet, and no false 已修改', async () => {
      const fake = use(fakeFrom(sample));
      const { first, second } = await twoResults(fake);
      await writeSheets(first);
      const before = snapshot(fake, first);
      const controller = new AbortController();
      const writing = writeSheets(second, { signal: controller.signal, onProgress: (p) => p.label === '写入输出表' && controller.abort() });
      await expect(writing).rejects.toBeInstanceOf(Cancelled);
      expect(snapshot(fake, first)).toEqual(before);
      expect((await writeSheets(second)).edited).toEqual([]);
      expect(fake.workbook.sheet('年度汇总').formulas()).not.toEqual(before.cells[first.findIndex((p) => p.name === '年度汇总')]);
    });

    test('a request Excel refuses mid-write leaves the previous output whole; a first write leaves no sheet behind', async () => {
      const fake = use(fakeFrom(sample));
      const { first, second } = await twoResults(fake);
      const bare = fake.workbook.sheetNames();
      await expect(writeSheets(first, { onProgress: () => fake.failNextSync('GeneralException', 'Excel 忙') })).rejects.toMatchObject({ code: 'GeneralException' });
      expect(fake.workbook.sheetNames()).toEqual(bare);

      await writeSheets(first);
      const before = snapshot(fake, first);
      let batches = 0;
      await expect(writeSheets(second, { onProgress: () => { if (++batches === 1) fake.failNextSync('GeneralException'); } })).rejects.toMatchObject({ code: 'GeneralException' });
      expect(snapshot(fake, first)).toEqual(before);
    });

    test('staging sheets left by an interrupted write are removed, not taken for the analyst’s', async () => {
      const fake = use(fakeFrom(sample));
      const { plans } = await scoreWorkbook('values');
      await writeSheets(plans);
      await Excel.run(async (context) => {
        const left = context.workbook.worksheets.add(`${STAGING_PREFIX}月度得分`);
        left.getRange('A1').values = [['半截']];
        left.visibility = Excel.SheetVisibility.hidden;
        await context.sync();
      });
      expect((await writeSheets(plans)).edited).toEqual([]);
      expect(fake.workbook.sheetNames().some((n) => n.startsWith(STAGING_PREFIX))).toBe(false);
    });

    test('the analyst’s formulas into an output sheet keep pointing at it; calculation waits for the swap', async () => {
      const fake = use(fakeFrom(sample));
      const { first, second } = await twoResults(fake);
      await writeSheets(first);
      await Excel.run(async (context) => {
        const own = context.workbook.worksheets.add('我的报表');
        own.getRange('A1').formulas = [["='年度汇总'!B2"]];
        await context.sync();
      });
      const suspended = fake.workbook.calculationSuspensions;
      await writeSheets(second);
      expect(fake.workbook.sheet('我的报表').formulas('A1')).toEqual([["='年度汇总'!B2"]]);
      expect(fake.workbook.sheetNames().filter((n) => n === '年度汇总')).toHaveLength(1);
      expect(fake.workbook.calculationSuspensions).toBeGreaterThan(suspended);
    });
  });

  test('a re-run in the same pane reads back nothing it wrote unless a change was seen; a pane opened afresh reads it all', async () => {
    const fake = use(fakeFrom(sample));
    const { plans } = await scoreWorkbook('values');
    await writeSheets(plans);
    const labels: string[] = [];
    fake.resetStats();
    expect((await writeSheets(plans, { onProgress: (p) => labels.push(p.label) })).edited).toEqual([]);
    expect(labels).not.toContain('检查输出表');
    const quiet = fake.stats.requests.reduce((n, r) => n + r.responseBytes, 0);

    // The analyst types into 年度汇总: its change event brings the read-back, which finds the edit.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('年度汇总').getRange('C3').values = [['手工改']];
      await context.sync();
    });
    await new Promise((r) => setTimeout(r, 0));
    labels.length = 0;
    expect((await writeSheets(plans, { onProgress: (p) => labels.push(p.label) })).edited).toEqual(['年度汇总']);
    expect(labels).toContain('检查输出表');

    // A fresh pane (its memory empty) checks every output sheet by reading it back.
    await writeSheets(plans, { replaceEdited: true });
    fake.resetStats();
    let fresh: typeof import('../../taskpane/excelGateway') | undefined;
    jest.isolateModules(() => { fresh = require('../../taskpane/excelGateway'); });
    expect((await fresh!.writeSheets(plans)).edited).toEqual([]);
    const readBack = fake.stats.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(readBack).toBeGreaterThan(quiet + 10_000);
  });

  test('settings round-trip in the workbook', async () => {
    use(fakeFrom(sample));
    expect(await loadSettings()).toBeNull();
    await saveSettings({ version: 1, mode: 'values' });
    expect(await loadSettings()).toEqual({ version: 1, mode: 'values' });
  });

  test('补贴测算 prints landscape, fitted to one page wide', async () => {
    const fake = use(fakeFrom(sample));
    const { result } = await scoreWorkbook('values');
    await writeSheets([subsidyPlan(result, HESHAN_2024_POLICY)]);
    const sheet = fake.workbook.sheet('补贴测算');
    expect(sheet.pageLayout.orientation).toBe('Landscape');
    expect(sheet.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });
});

describe('a large district (3,000 units × 12 months)', () => {
  let grids: SheetGrid[];
  beforeAll(() => {
    grids = districtGrids({ units: 3000 });
  });

  test('reads and writes in blocks under 5 MB per request, every row arriving', async () => {
    const fake = use(fakeFrom(grids));
    const read = await readWorkbookGrids(PANE_SHEETS);
    const readSyncs = fake.stats.syncs;
    expect(read.find((g) => g.name === '台账')!.rows.length).toBe(grids[0].rows.length);
    let last: SheetPlan[] = [];
    for (const mode of ['formulas', 'values'] as const) {
      const p = (await scoreWorkbook(mode)).plans;
      last = p;
      fake.resetStats();
      await writeSheets(p, { replaceEdited: true });
      const writeSyncs = fake.stats.syncs;
      console.log(`3,000 units (${grids[0].rows.length - 1} rows), ${mode}: read ${readSyncs} syncs; write ${writeSyncs} syncs, largest request ${(fake.stats.largestRequestBytes / 1024 / 1024).toFixed(2)} MiB`);
      expect(fake.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
      expect(writeSyncs).toBeLessThanOrEqual(12);
    }
    const monthly = last.find((p) => p.name === '月度得分')!;
    expect(fake.workbook.sheet('月度得分').usedRect()!.rows).toBe(monthly.cells.length);
    expect(fake.workbook.sheet('月度得分').values(`A${monthly.cells.length}`)).toEqual([[monthly.cells[monthly.cells.length - 1][0]]]);
  }, 120_000);

  test('cancelling stops between batches with a clear outcome', async () => {
    use(fakeFrom(grids));
    const { plans } = await scoreWorkbook('values');
    const controller = new AbortController();
    const seen: number[] = [];
    const writing = writeSheets(plans, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        controller.abort();
      },
    });
    await expect(writing).rejects.toBeInstanceOf(Cancelled);
    expect(seen).toHaveLength(1);
  }, 120_000);
});
