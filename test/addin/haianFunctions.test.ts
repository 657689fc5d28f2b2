/**
 * HS.TRACKED, HS.SERVICE131 and HS.TOWNRATE as Excel calls them. The boundaries of each rule are
 * tested in test/policy/haian/; here, that cells are read as the ledger reads them and bad cells
 * come back as #VALUE! naming the cell.
 */
import { asCells, at, errorOf, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const HS = asCells(functionsModule);

test('HS.TRACKED: unemployed monthly, flexible half-yearly, stable yearly; points, met or the reason', () => {
  // Unemployed, last tracked 2021-02-28, as of 2021-03-31: due 2021-03-28 (one month), 3 days over → −1.
  expect(HS.tracked('失业', '2021-02-28', '2021-03-31', null, null, N)).toBe(1);
  expect(HS.tracked('失业', '2021-03-01', '2021-03-31', null, null, N)).toBe(0);
  expect(HS.tracked('灵活就业', '2020-10-01', '2021-03-31', null, '是否达标', N)).toBe(true);
  expect(HS.tracked('稳定就业', '2020-03-30', '2021-03-31', null, '是否达标', N)).toBe(false);
  expect(String(HS.tracked('失业', '2021-02-28', '2021-03-31', null, '说明', N))).toMatch(/失业/);
});

test('HS.SERVICE131: short at year end is −1; before year end only what is missing', () => {
  expect(HS.service131('失业', 1, 3, 1, '2021-12-31', null, N)).toBe(0);
  expect(HS.service131('失业', 1, 2, 1, '2021-12-31', null, N)).toBe(1);
  expect(HS.service131('失业', 0, 0, 0, '2021-06-30', null, N)).toBe(0);
  expect(String(HS.service131('失业', 0, 0, 0, '2021-06-30', '说明', N))).toMatch(/职业介绍/);
  expect(HS.service131('稳定就业', 0, 0, 0, '2021-12-31', '是否达标', N)).toBe(true); // not owed
});

test('HS.TOWNRATE: 12 of 400 is exactly 3 %, which meets the line', () => {
  expect(HS.townRate(400, 12, null, N)).toBe(0.03);
  expect(HS.townRate(400, 12, '是否达标', N)).toBe(true);
  expect(HS.townRate(400, 13, '是否达标', N)).toBe(false);
});

test('bad cells are #VALUE! naming the cell', () => {
  expect(errorOf(() => HS.tracked('待定', '2021-03-01', '2021-03-31', null, null, at('明细表!G5'))).message).toMatch(/「就业状态」无法识别：「待定」.*（明细表!G5）/);
  expect(errorOf(() => HS.tracked('失业', '三月初', '2021-03-31', null, null, at('', '明细表!H5'))).message).toMatch(/「最近跟踪服务日期」不是有效的日期.*（明细表!H5）/);
  expect(errorOf(() => HS.service131('失业', -1, 3, 1, '2021-12-31', null, at('', '明细表!I5'))).message).toBe('「职业指导次数」应为不小于0的整数，读到「-1」（明细表!I5）');
  expect(errorOf(() => HS.townRate(0, 3, null, N)).message).toMatch(/劳动力人数」必须大于0/);
  expect(errorOf(() => HS.tracked('失业', '2021-03-01', '下个月', null, null, N)).message).toMatch(/截止日期」不是有效的日期/);
});
