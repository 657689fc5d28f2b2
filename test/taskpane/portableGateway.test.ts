/**
 * The gateway's side of 通用公式, against the fake workbook: typed province averages (a workbook
 * without a 参数 sheet) land on 评分映射, which 实时公式 keeps hidden and 通用公式 shows again, so
 * the formulas' inputs are in view; the monthly formulas read them there.
 */
import * as path from 'node:path';
import { createFakeExcel, installFakeOffice } from '../fakes/fakeExcel';
import { xlsxGrids } from '../../src/read/grid';
import { scorePlans, type OutputMode } from '../../src/output/sheetPlans';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { readWorkbookGrids, writeSheets } from '../../taskpane/excelGateway';
import { PANE_SHEETS, readLedger, scorePlanOptions, scoreView } from '../../taskpane/paneModel';

const SAMPLE = path.resolve(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const formulasOf = (cells: readonly (readonly unknown[])[]) => cells.flat().filter((v): v is string => typeof v === 'string' && v.startsWith('='));

test('typed averages: 评分映射 holds them, shown, after 实时公式 had hidden it', async () => {
  const grids = (await xlsxGrids(SAMPLE)).filter((g) => g.name !== '参数');
  const fake = createFakeExcel({ sheets: grids.map((g) => ({ name: g.name, values: g.rows.map((r) => [...r]) })) });
  const restore = installFakeOffice(globalThis, fake);
  try {
    const typed = { provinceUpdateCoverage: 0.9, provinceAvgServiceCount: 120, provinceAvgMatchSuccess: 0.6, provinceAvgTrainingCoverage: 0.3, provinceAvgSubsidyCoverage: 0.65 };
    const write = async (mode: OutputMode) => {
      const read = await readWorkbookGrids(PANE_SHEETS);
      const view = readLedger(read, undefined);
      const result = scoreView(view, typed, HESHAN_2024, HESHAN_2024_POLICY);
      return writeSheets(scorePlans(result, scorePlanOptions(view, typed, HESHAN_2024, mode, HESHAN_2024_POLICY)));
    };
    await write('formulas');
    expect(fake.workbook.sheet('评分映射').visibility).toBe('Hidden');
    expect((await write('portable')).written).toEqual(['评分映射', '月度得分', '年度汇总', '问题清单']);
    const mapping = fake.workbook.sheet('评分映射');
    expect(mapping.visibility).toBe('Visible');
    expect(mapping.formulas('A1:B2')).toEqual([['月份', '全省平均劳动力信息更新覆盖率'], [1, 0.9]]);
    const inputs = formulasOf(fake.workbook.sheet('月度得分').formulas());
    expect(inputs.some((f) => f.includes('评分映射!B2'))).toBe(true);
  } finally {
    restore();
  }
});
