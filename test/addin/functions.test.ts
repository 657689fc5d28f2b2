/**
 * HS.ANNUAL as Excel calls it: a 2-D array of cell values and the invocation (parameter addresses).
 */
import { asCells, at, errorOf, NO_ADDRESSES } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const { annual: annualCell } = asCells(functionsModule);

const annual = (totals: unknown[][]) => annualCell(totals, NO_ADDRESSES);

describe('HS.ANNUAL', () => {
  test('is the mean of the months, rounded as Excel ROUND(…, 2) does', () => {
    expect(annual([[90, 92.5, 94]])).toBe(92.17);
    // Excel: AVERAGE(90.07, 90.08) = 90.075 and ROUND gives 90.08. In doubles the mean is
    // 90.07499999999999, which Math.round(x * 100) / 100 turns into 90.07.
    expect(annual([[90.07], [90.08]])).toBe(90.08);
    expect(annual([[100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]])).toBe(100);
  });

  test('skips blank cells: null (Excel on the web), "" from a formula, whitespace', () => {
    expect(annual([[90, null, '', '  ', 100]])).toBe(95);
    expect(annual([[90], [null], [96]])).toBe(93);
  });

  test('counts a formatted-number data type by its basic value', () => {
    const formatted = { type: 'FormattedNumber', basicType: 'Double', basicValue: 80, numberFormat: '0.00' };
    expect(annual([[formatted, 90]])).toBe(85);
  });

  test('names the first non-numeric cell in Chinese, as #VALUE!', () => {
    const error = errorOf(() => annual([[90, 91, '无', 95]]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe('月度得分中有非数字的单元格：月度得分第3列「无」');
  });

  test('tells text-formatted numbers apart and counts every bad cell', () => {
    const error = errorOf(() => annual([[90], ['85'], [true]]));
    expect(error.message).toBe('月度得分中有非数字的单元格：月度得分第2行「85」（文本格式的数字，请转换为数字）等 2 处');
  });

  test('rejects entities and other data types rather than guessing a number', () => {
    const entity = { type: 'Entity', basicType: 'Error', basicValue: '#VALUE!', text: '鹤城社区' };
    expect(errorOf(() => annual([[entity, 90]])).message).toBe('月度得分中有非数字的单元格：月度得分第1列「#VALUE!」');
  });

  test('a range with no number at all is an error, not 0', () => {
    const error = errorOf(() => annual([[null, ''], [null, null]]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe('「月度得分」中没有任何数字，无法计算年度得分');
  });
});

test('HS.ANNUAL names the real cell when Excel gives the range address', () => {
  const error = errorOf(() => annualCell([[90, 91, '无', 95]], at('月度得分!C5:F5')));
  expect(error.message).toBe('月度得分中有非数字的单元格：月度得分!E5「无」');
});
