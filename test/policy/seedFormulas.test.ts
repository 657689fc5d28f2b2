/**
 * HS.CIRCLECOST, HS.FULLSHARE, HS.TOPSHARE and HS.EQUIPCHECK typed in cells of a real formula engine
 * (HyperFormula bound from the generated functions.json, test/helpers/hyperformulaHS.ts): the
 * metadata Excel gets calls them right, optional arguments may be left out, and a bad cell's
 * message names it by its address.
 */
import { HyperFormula, type CellValue } from 'hyperformula';
import { registerHsFunctions } from '../helpers/hyperformulaHS';

const CONFIG = { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false };

let hf: HyperFormula;
const value = (sheet: string, cell: string): CellValue => {
  const address = hf.simpleCellAddressFromString(cell, hf.getSheetId(sheet)!)!;
  return hf.getCellValue(address);
};

beforeAll(async () => {
  await registerHsFunctions();
  hf = HyperFormula.buildFromSheets(
    {
      // 黄山: population, urban population, then the formulas
      就业圈: [
        [125000, 100000, '=HS.CIRCLECOST(A1,B1)', '=HS.CIRCLECOST(A1,B1,"超出")', '=HS.CIRCLECOST(A1)', '=HS.CIRCLECOST(A1,,"是否超限")'],
        [0, null, '=HS.CIRCLECOST(A2,B2)'],
      ],
      // 山东: 是否充分就业社区 in A1:A5, scores in C1:C10
      山东: [
        ['是', null, 95, '=HS.FULLSHARE(A1:A5)', '=HS.FULLSHARE(A1:A5,,"是否达标")', '=HS.TOPSHARE(C2,C1:C10,20%)', '=HS.TOPSHARE(C2,C1:C10,0.2,FALSE())', '=HS.TOPSHARE(C1,C1:C10)'],
        ['是', null, 90, '=HS.FULLSHARE(A6:A7)'],
        ['否', null, 90],
        ['是', null, 88],
        ['是', null, 85],
        ['是', null, 80],
        [null, null, 78],
        [null, null, 70],
        [null, null, 60],
        [null, null, 50],
      ],
      // 甘肃: the spending table in A1:B4, the subsidy level in D1
      甘肃: [
        ['支出类别', '金额', null, '省级', '=HS.EQUIPCHECK(A1:B4,D1)', '=HS.EQUIPCHECK(A1:B4,D1,"超出")', '=HS.EQUIPCHECK(A1:B5,D1)'],
        ['购置电脑', 3500],
        ['打印机', 1200],
        ['政策宣传', 3000],
        ['聚餐', 800],
      ],
    },
    CONFIG,
  );
});

afterAll(() => hf?.destroy());

const errorShown = (v: CellValue) => (typeof v === 'object' && v !== null && 'value' in v ? { value: v.value, message: v.message } : v);

test('HS.CIRCLECOST: 12.5 万人 × 10,000 = 125,000; over the 100,000 ceiling by 25,000; a zero population names its cell', () => {
  expect(value('就业圈', 'C1')).toBe(125000);
  expect(value('就业圈', 'D1')).toBe(25000);
  expect(value('就业圈', 'E1')).toBe(125000);
  expect(errorShown(value('就业圈', 'F1'))).toMatchObject({ value: '#N/A' });
  expect(errorShown(value('就业圈', 'C2'))).toEqual({ value: '#VALUE!', message: '「七普常住人口」必须大于0（就业圈!A2）' });
});

test('HS.FULLSHARE: 4 of 5 = 80 %, met; a blank flag names its cell', () => {
  expect(value('山东', 'D1')).toBe(0.8);
  expect(value('山东', 'E1')).toBe(true);
  expect(errorShown(value('山东', 'D2'))).toEqual({ value: '#VALUE!', message: '是否充分就业社区中山东!A7为空：每个社区都应填写是或否（社区总数按所选单元格计）' });
});

test('HS.TOPSHARE: 20 % of 10 = 2 places; 90 tied on rank 2 joins unless ties are left out; the share is required', () => {
  expect(value('山东', 'F1')).toBe(true);
  expect(value('山东', 'G1')).toBe(false);
  expect(errorShown(value('山东', 'H1'))).toMatchObject({ value: '#N/A' }); // too few arguments: Excel would not accept the formula
});

test('HS.EQUIPCHECK: 3,500 + 1,200 = 4,700 against 20 % × 20,000 = 4,000, over by 700; a line outside the uses names its cell', () => {
  expect(value('甘肃', 'E1')).toBe('信息网络建设支出（第十三条（四））4,700元，超过上限4,000元（省级充分就业社区补助资金20,000元的20%），超出700元');
  expect(value('甘肃', 'F1')).toBe(700);
  expect(errorShown(value('甘肃', 'G1'))).toMatchObject({ value: '#VALUE!', message: expect.stringMatching(/^支出类别「聚餐」不属于第十三条规定的使用范围.*（甘肃!A5）$/) });
});
