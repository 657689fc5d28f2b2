/**
 * Every HS.* function as Excel calls it (values and 2-D arrays, null for an omitted argument, the
 * invocation last): good arguments, edges, and bad input that must come back as #VALUE!/#N/A with a
 * Chinese message naming the argument or cell, never a silent 0.
 */
import { asCells, at, errorOf, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const HS = asCells(functionsModule);
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { FIELDS } from '../../src/fields';

describe('HS.JOBRATE and HS.HARDRATE', () => {
  test('are E1 and E3 rates: (labour force − people) / labour force', () => {
    expect(HS.jobRate(1000, 50, N)).toBeCloseTo(0.95, 12);
    expect(HS.jobRate(1000, null, N)).toBe(1); // a blank count is 0 (spec §5)
    expect(HS.hardRate(400, 12, N)).toBeCloseTo(0.97, 12);
    expect(HS.jobRate('1,000', '50', N)).toBeCloseTo(0.95, 12); // text numbers read as the engine reads them
  });

  test('a labour force that is blank, zero or negative is an error naming the cell', () => {
    expect(errorOf(() => HS.jobRate(null, 5, at('台账!D5', '台账!E5'))).message).toBe('「劳动力总数」未填写，必须大于0，指标E1无法计分（台账!D5）');
    expect(errorOf(() => HS.jobRate(0, 5, N)).message).toBe('「劳动力总数」必须大于0，指标E1无法计分');
    expect(errorOf(() => HS.hardRate(-3, 5, N)).code).toBe('#VALUE!');
  });

  test('more people than labour force, a percentage or text is refused', () => {
    expect(errorOf(() => HS.jobRate(100, 160, at('台账!D5', '台账!E5'))).message).toBe('「期末登记失业人员人数」160 大于「劳动力总数」100，指标E1无法计分（台账!E5）');
    expect(errorOf(() => HS.jobRate(100, '5%', N)).message).toMatch(/应为数值，不应是百分比/);
    expect(errorOf(() => HS.hardRate(100, '很多', N)).message).toMatch(/「期末就业困难人员人数」不是有效的数字：「很多」/);
    expect(errorOf(() => HS.jobRate(100, true, N)).message).toMatch(/逻辑值 TRUE/);
  });

  test('a 1×1 range counts as its cell; a larger range is refused', () => {
    expect(HS.jobRate([[1000]], [[50]], N)).toBeCloseTo(0.95, 12);
    expect(errorOf(() => HS.jobRate([[1000, 2]], 50, N)).message).toBe('「劳动力总数」应为单个单元格，收到 1×2 的区域');
  });
});

describe('HS.RATE', () => {
  test('divides, and an empty base counts as met (ruling R2)', () => {
    expect(HS.rate(3, 4, N)).toBe(0.75);
    expect(HS.rate(3, 0, N)).toBe(1);
    expect(HS.rate(null, null, N)).toBe(1);
    expect(HS.rate(5, 4, N)).toBe(1.25); // a generic rate is not capped
  });

  test('negative or non-numeric parts are errors', () => {
    expect(errorOf(() => HS.rate(-1, 4, at('A1', 'B1'))).message).toBe('「分子」不能为负数：-1');
    expect(errorOf(() => HS.rate(1, 'x', at('表!A1', '表!B1'))).message).toBe('「分母」不是有效的数字：「x」（表!B1）');
  });
});

describe('HS.SCORE and HS.INPUTS', () => {
  test('E1 at its edges: at target, just short, far short (clamped), empty base refused', () => {
    expect(HS.score('E1', [[1000, 50]], null, null, N)).toBe(5);
    expect(HS.score('E1', [[1000, 51]], null, null, N)).toBe(4.9);
    expect(HS.score('E1', [[1000, 200]], null, null, N)).toBe(0);
    expect(errorOf(() => HS.score('E1', [[0, 0]], null, null, N)).code).toBe('#VALUE!');
  });

  test('takes its inputs in the order HS.INPUTS lists them, as a row, a column or an array constant', () => {
    expect(HS.inputs('E1', N)).toEqual([['劳动力总数', '期末登记失业人员人数']]);
    expect(HS.inputs('s3b', N)).toEqual([['已推荐岗位人数', '月初未就业有就业意愿人数', '当月新增失业登记人数', '有推荐记录且已就业人数']]);
    expect(HS.score('S3b', [[19, 18, 2, 0]], null, null, N)).toBe(1.5); // 95 %: 5 points short × 0.5
    expect(HS.score('S3b', [[19], [18], [2], [0]], null, null, N)).toBe(1.5);
    expect(HS.score('S3b', [[9, 8, 2, 0]], null, null, N)).toBe(0); // 90 %: 10 points short × 0.5 = 5 > 4, clamped
    expect(HS.score('S3b', [[10, 8, 2, 0]], null, null, N)).toBe(4);
  });

  test('per-case indicators deduct per case down to zero; R2 applies to an empty base', () => {
    expect(HS.score('E2', [[0]], null, null, N)).toBe(5);
    expect(HS.score('E2', [[3]], null, null, N)).toBe(3.5);
    expect(HS.score('E2', [[40]], null, null, N)).toBe(0);
    expect(HS.score('S4b', [[0, 0, 0, 0]], null, null, N)).toBe(3); // no graduates: counted as met
  });

  test('P2 is the capped bucket of P2a and P2b (R4); both are assessed from April (R5)', () => {
    expect(HS.inputs('P2', N)).toEqual([['年度业务培训达标', '新进人员1个月内参加培训']]);
    expect(HS.score('P2', [['是', '是']], 6, null, N)).toBe(4);
    expect(HS.score('P2a', [['是']], 6, null, N)).toBe(3);
    expect(HS.score('P2', [['否', '无新进人员']], 6, null, N)).toBe(2);
    expect(HS.score('P2', [['否', '否']], 3, null, N)).toBe(4); // March: not assessed yet, full marks
    expect(HS.score('P2', [['否', '否']], null, null, N)).toBe(1); // no month: scored as an assessed month (P2b's lower grade)
    expect(errorOf(() => HS.score('P2', [['否', '否']], 13, null, N)).message).toMatch(/「月份」应在1–12之间/);
  });

  test('E4a applies to 社区 and E4b to 村: asking the other type is #N/A', () => {
    expect(HS.score('E4a', [[2]], null, null, N)).toBe(3);
    expect(HS.score('E4a', [[2]], null, '社区', N)).toBe(3);
    const wrong = errorOf(() => HS.score('E4a', [[2]], null, '村', N));
    expect([wrong.code, wrong.message]).toEqual(['#N/A', '指标E4a只适用于社区，本单位为村']);
    expect(errorOf(() => HS.score('E1', [[1000, 50]], null, '街道', N)).message).toMatch(/「类型」应为社区或村，读到「街道」/);
  });

  test('a province average among the inputs must be given', () => {
    expect(HS.score('S1', [[90, 100, 0.95]], null, null, N)).toBe(2.5); // 90 % vs 95 %: 5 points short × 0.5
    expect(errorOf(() => HS.score('S1', [[90, 100, null]], null, null, at('', '台账!B5:D5'))).message).toBe('「全省平均劳动力信息更新覆盖率」未填写（台账!D5），指标S1无法计分');
  });

  test('unknown codes and the wrong number of inputs say what is expected', () => {
    expect(errorOf(() => HS.score('X9', [[1]], null, null, N)).message).toMatch(/^未知的指标代码「X9」，赫山区2024年充分就业社区\(村\)评价体系可用：E1、E2、E3、E4a、E4b、S1/);
    expect(errorOf(() => HS.score(null, [[1]], null, null, N)).message).toMatch(/^「指标代码」未填写/);
    expect(errorOf(() => HS.score('E1', [[1000]], null, null, N)).message).toBe('指标E1需要2个输入（按顺序：劳动力总数、期末登记失业人员人数），收到1个');
    expect(errorOf(() => HS.inputs('Z', N)).code).toBe('#VALUE!');
  });
});

/** A ledger header and one unit-month with every input of the rubric, at full marks. */
const HEADER = ['单位名称', '类型', '月份', ...FIELDS.filter((f) => !f.param).map((f) => f.zh)];
function fullMarksRow(type: '社区' | '村'): unknown[] {
  const values: Record<string, unknown> = {
    laborForce: 1000, laborResource: 1000, laborInfoUpdated: 1000, ruralLabor: 500, ruralTransferred: 400, ruralTransferRatePrev: 0.8,
    phoneCheckAccuracy: 1, newEmployers: 5, staffTrainingMet: '是', newStaffTrained: '是', publicityPoints: 2, realNameAccounts: 2,
    serviceCount: 50, platformNewEmployers: 1, matchedPersons: 10, matchSucceeded: 10, trainingReferredTotal: 10, registeredUnemployedTotal: 10, trainingSubsidized: 10,
  };
  return ['甲社区', type, 5, ...FIELDS.filter((f) => !f.param).map((f) => values[f.key] ?? null)];
}
const PARAMS = [
  ['月份', '全省平均劳动力信息更新覆盖率', '全省社区(村)平均服务次数', '全省平均人岗匹配推荐成功率', '全省平均职业培训推荐覆盖率', '全省平均职业培训补贴覆盖率'],
  [5, '95%', 40, 0.6, 0.5, 0.5],
];

describe('HS.MONTHSCORES: a block of rows in one call', () => {
  const row = (type: '社区' | '村', unit: string, month: number) => {
    const r = fullMarksRow(type);
    r[0] = unit;
    r[2] = month;
    return r;
  };
  const width = HEADER.length;

  test('one row of answers per ledger row: the items of HS.ITEMS, then the total; each row the same as HS.MONTHSCORE/HS.BREAKDOWN', () => {
    const rows = [row('社区', '甲社区', 5), row('村', '乙村', 5), row('社区', '甲社区', 5)];
    const out = HS.monthScores([HEADER], rows, PARAMS, N);
    const codes = HS.items(N)[0];
    expect(out).toHaveLength(3);
    expect(out[0]).toHaveLength(codes.length + 1);
    rows.forEach((r, i) => {
      expect(out[i].slice(0, codes.length)).toEqual(HS.breakdown([HEADER], [r], PARAMS, null, null, N)[0]);
      expect(out[i][codes.length]).toBe(HS.monthScore([HEADER], [r], PARAMS, null, null, N));
    });
    // A unit-month given twice is still scored in each row: leaving it out of the year is HS.ANNUALS' month table's business.
    expect(out[2][codes.length]).toBe(100);
  });

  test('a bad cell blocks only its row\'s items, named by its cell where Excel gives the address, by its place where not', () => {
    const rows = [row('社区', '甲社区', 5), row('社区', '丙社区', 5), row('村', '乙村', 5)];
    rows[1][HEADER.indexOf('期末登记失业人员人数')] = '五十';
    const withAddresses = HS.monthScores([HEADER], rows, PARAMS, at('评分映射!$A$1:$BD$1', '台账!$A$7:$BD$9', '参数!$A$1:$F$2'));
    const total = withAddresses[1][withAddresses[1].length - 1];
    expect(total).toMatchObject({ code: '#VALUE!', message: '丙社区5月：「期末登记失业人员人数」不是有效的数字：「五十」，指标E1无法计分（台账!E8）' });
    expect(withAddresses[1][0]).toMatchObject({ code: '#VALUE!' });
    expect(withAddresses[1].slice(1, -1).filter((v: unknown) => typeof v === 'object')).toEqual([]);
    expect(withAddresses[0][withAddresses[0].length - 1]).toBe(100);
    expect(withAddresses[2][withAddresses[2].length - 1]).toBe(100);
    const without = HS.monthScores([HEADER], rows, PARAMS, N);
    expect(without[1][0].message).toBe('丙社区5月：「期末登记失业人员人数」不是有效的数字：「五十」，指标E1无法计分（数据行第2行第5列）');
  });

  test('an empty row stays empty; a row that is no unit-month says why in every cell', () => {
    const rows = [row('社区', '甲社区', 5), new Array(width).fill(null), row('社区', '丁社区', 13), row('社区', '', 5)];
    const out = HS.monthScores([HEADER], rows, PARAMS, at('', '台账!$A$5:$BD$8'));
    expect(out[1].every((v: unknown) => v === '')).toBe(true);
    expect(new Set(out[2].map((v: { message: string }) => v.message))).toEqual(new Set(['丁社区：「月份」应在1–12之间，读到「13」，该行未计分（台账!C7）']));
    expect(out[3][0].message).toMatch(/「单位名称」未填写，该行未计分（台账!A8）$/);
  });

  test('the header must name 单位名称 and 月份, and the rows must be as wide as it', () => {
    const noMonth = HEADER.map((h) => (h === '月份' ? '备注' : h));
    expect(errorOf(() => HS.monthScores([noMonth], [row('社区', '甲社区', 5)], PARAMS, N)).message).toMatch(/中没有「月份」列/);
    expect(errorOf(() => HS.monthScores([HEADER], [row('社区', '甲社区', 5).slice(1)], PARAMS, N)).message).toMatch(/应与表头行同宽/);
  });

  test('a sheet per month: without a 月份 column the month argument is every row\'s month, as a number, a 月份 text or the sheet\'s title', () => {
    const monthAt = HEADER.indexOf('月份');
    const strip = (r: unknown[]) => r.filter((_, c) => c !== monthAt);
    // June's average missing: the month decides which 参数 row each row reads, so a wrong month shows.
    const params = [PARAMS[0], [5, 0.95, 40, 0.6, 0.5, 0.5], [6, null, 40, 0.6, 0.5, 0.5]];
    const rows = [row('社区', '甲社区', 6), row('村', '乙村', 6)];
    rows[1][HEADER.indexOf('期末登记失业人员人数')] = 30;
    const withColumn = HS.monthScores([HEADER], rows, params, N);
    for (const month of [6, '6月', '六月', '2024年6月', '2024年6月充分就业社区(村)考核台账']) {
      expect(HS.monthScores([strip(HEADER)], rows.map(strip), params, null, month, N)).toEqual(withColumn);
    }
    const s1 = HS.items(N)[0].indexOf('S1');
    expect(withColumn[0][s1].message).toMatch(/^甲社区6月：.*全省平均劳动力信息更新覆盖率/);
    expect(HS.monthScores([strip(HEADER)], rows.map(strip), params, null, 5, N)[0][s1]).toBe(5);
    // Given, the argument is the month of every row, whatever a 月份 column says.
    expect(HS.monthScores([HEADER], rows, params, null, 5, N)).toEqual(HS.monthScores([strip(HEADER)], rows.map(strip), params, null, 5, N));
  });

  test('a month argument that names no month is refused, naming its cell; without it a header with no 月份 column says to give one', () => {
    const monthAt = HEADER.indexOf('月份');
    const strip = (r: unknown[]) => r.filter((_, c) => c !== monthAt);
    const rows = [strip(row('社区', '甲社区', 6))];
    expect(errorOf(() => HS.monthScores([strip(HEADER)], rows, PARAMS, null, '考核台账', at('', '', '', '', "'Sheet6'!$A$1"))).message).toBe('「月份」参数读到「考核台账」（Sheet6!A1），不是月份：应为1–12，或写有月份的文字（如「2024年3月」、表的标题）');
    expect(errorOf(() => HS.monthScores([strip(HEADER)], rows, PARAMS, null, 13, N)).message).toBe('「月份」参数读到「13」，不是月份：应为1–12，或写有月份的文字（如「2024年3月」、表的标题）');
    expect(errorOf(() => HS.monthScores([strip(HEADER)], rows, PARAMS, N)).message).toMatch(/中没有「月份」列：请给出「月份」参数/);
  });

  test('a missing province average blocks its indicators for that month only, naming the 参数 sheet', () => {
    const params = [PARAMS[0], [5, null, 40, 0.6, 0.5, 0.5], [6, 0.95, 40, 0.6, 0.5, 0.5]];
    const out = HS.monthScores([HEADER], [row('社区', '甲社区', 5), row('社区', '甲社区', 6)], params, at('', '', '参数!$A$1:$F$3'));
    const s1 = HS.items(N)[0].indexOf('S1');
    expect(out[0][s1].message).toMatch(/参数表.*全省平均劳动力信息更新覆盖率.*参数!B2/);
    expect(out[1][s1]).toBe(5); // June has its average: full coverage scores full marks
  });
});

describe('HS.ANNUALS: one annual score per row of months', () => {
  test('each row is a unit: ROUND(mean, 2) over its numbers, blanks left out; a row without any is empty', () => {
    expect(HS.annuals([[90, 92.5, 94], [90.07, 90.08, null], [null, '', null]], N)).toEqual([[92.17], [90.08], ['']]);
  });

  test('text in a row is that row\'s error, named by its cell; the other rows still score', () => {
    const out = HS.annuals([[90, 91], ['无', 95], [100, 100]], at('年度汇总!$T$2:$U$4'));
    expect(out[0][0]).toBe(90.5);
    expect(out[1][0]).toMatchObject({ code: '#VALUE!', message: '各月得分中有非数字的单元格：年度汇总!T3「无」' });
    expect(out[2][0]).toBe(100);
  });

  test('the rubric sets the decimals', async () => {
    const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
    const rows = rubricSheetRows({ ...HESHAN_2024, ranking: { ...HESHAN_2024.ranking, annualDecimals: 1 } });
    expect(HS.annuals([[90, 92.5, 94]], rows, N)).toEqual([[92.2]]);
  });
});

describe('HS.MONTHSCORE, HS.BREAKDOWN and HS.ITEMS', () => {
  test('read a ledger row by its headers and the 参数 range by month: full marks is 100', () => {
    expect(HS.monthScore([HEADER], [fullMarksRow('社区')], PARAMS, null, null, N)).toBe(100);
    expect(HS.monthScore([HEADER], [fullMarksRow('村')], PARAMS, null, null, N)).toBe(100);
  });

  test('BREAKDOWN spills one value per HS.ITEMS code; the other type’s E4 is empty', () => {
    const codes = HS.items()[0];
    expect(codes).toEqual(['E1', 'E2', 'E3', 'E4a', 'E4b', 'S1', 'S2', 'S3a', 'S3b', 'S3c', 'S3d', 'S4a', 'S4b', 'S4c', 'S5a', 'S5b', 'S5c', 'S6a', 'S6b', 'S6c', 'Q1', 'Q2a', 'Q2b', 'Q2c', 'Q3', 'P1a', 'P1b', 'P2', 'P3']);
    const row = HS.breakdown([HEADER], [fullMarksRow('村')], PARAMS, null, null, N)[0];
    expect(row).toHaveLength(codes.length);
    expect(row[codes.indexOf('E4a')]).toBe('');
    expect(row[codes.indexOf('E4b')]).toBe(5);
    const maxOf = (code: string) => (code === 'P2' ? 4 : HESHAN_2024.indicators.find((i) => i.code === code)!.max);
    expect(row.filter((v: unknown, k: number) => codes[k] !== 'E4a' && v !== maxOf(codes[k]))).toEqual([]);
  });

  test('a bad cell blocks only its indicators: the total is #VALUE! naming the cell, the breakdown keeps the rest', () => {
    const row = fullMarksRow('社区');
    row[HEADER.indexOf('期末登记失业人员人数')] = '五十';
    const header = at('台账!$A$3:$BE$3', '台账!A9:BE9', '参数!$A$1:$F$2');
    const error = errorOf(() => HS.monthScore([HEADER], [row], PARAMS, null, null, header));
    expect(error.message).toBe('甲社区5月：「期末登记失业人员人数」不是有效的数字：「五十」，指标E1无法计分（台账!E9）');
    const cells = HS.breakdown([HEADER], [row], PARAMS, null, null, header)[0];
    expect(cells[0]).toMatchObject({ code: '#VALUE!', message: error.message });
    expect(cells.slice(1).filter((v: unknown) => typeof v === 'object')).toEqual([]);
  });

  test('month and type come from arguments when the row has no such columns', () => {
    const header = HEADER.filter((h) => h !== '类型' && h !== '月份');
    const row = fullMarksRow('社区').filter((_, i) => HEADER[i] !== '类型' && HEADER[i] !== '月份');
    expect(HS.monthScore([header], [row], PARAMS, 5, '社区', N)).toBe(100);
    expect(errorOf(() => HS.monthScore([header], [row], PARAMS, null, '社区', N)).message).toBe('缺少「月份」：请给出「月份」参数，或让表头行包含「月份」列');
    expect(errorOf(() => HS.monthScore([header], [row], PARAMS, 5, null, N)).message).toMatch(/^缺少「类型」/);
  });

  test('a month missing from the 参数 range blocks the indicators that need its averages', () => {
    const row = fullMarksRow('社区');
    row[HEADER.indexOf('月份')] = 6;
    expect(errorOf(() => HS.monthScore([HEADER], [row], PARAMS, null, null, N)).message).toMatch(/^甲社区6月：参数表：缺少6月的「全省平均劳动力信息更新覆盖率」/);
  });

  test('a value row of another width, or several rows, is refused', () => {
    expect(errorOf(() => HS.monthScore([HEADER], [fullMarksRow('社区').slice(1)], PARAMS, null, null, N)).message).toMatch(/应与表头行同宽/);
    expect(errorOf(() => HS.monthScore([HEADER], [fullMarksRow('社区'), fullMarksRow('社区')], PARAMS, null, null, N)).message).toMatch(/应为一行，收到2行/);
  });
});

/** One cell's answer: Excel passes a single cell to a range parameter as a 1×1 matrix and shows a 1×1 result as a value. */
const one = <T,>(m: T[][]): T => m[0][0];
const bottomrank = (score: unknown, all: unknown[][], inv: CustomFunctions.Invocation) => one(HS.bottomrank([[score]], all, inv));
const eliminated = (score: unknown, all: unknown[][], n: unknown, line: unknown, inv: CustomFunctions.Invocation) => one(HS.eliminated([[score]], all, n, line, inv));
const groupflag = (group: unknown, groups: unknown[][], flags: unknown[][], inv: CustomFunctions.Invocation) => one(HS.groupflag([[group]], groups, flags, inv));
const subsidyOne = (unit: unknown, ...rest: [unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown, unknown, CustomFunctions.Invocation]) => one(HS.subsidy([[unit]], ...rest));

describe('HS.BOTTOMRANK and HS.ELIMINATED', () => {
  const scores = [[96.5], [90], [null], [94.2], [90], [99]];
  test('rank ascending as RANK.EQ, ties sharing, blanks not ranked', () => {
    expect(bottomrank(90, scores, N)).toBe(1);
    expect(bottomrank(94.2, scores, N)).toBe(3);
    expect(bottomrank(99, scores, N)).toBe(5);
  });

  test('a score outside the list is #N/A; a text score names its cell', () => {
    expect(errorOf(() => bottomrank(91, scores, N)).code).toBe('#N/A');
    expect(errorOf(() => bottomrank(90, [[90], ['95']], at('B2', '年度汇总!B2:B3'))).message).toBe('全部得分中年度汇总!B3「95」不是数字（文本格式的数字，请转换为数字）');
    expect(errorOf(() => bottomrank(null, scores, N)).code).toBe('#N/A');
  });

  test('末位淘汰: within the bottom 3 and below 95, ties at the boundary all go', () => {
    expect(eliminated(90, scores, null, null, N)).toBe(true);
    expect(eliminated(94.2, scores.filter(([s]) => s !== null), null, null, N)).toBe(true);
    // Ruling R9: rank 3 among the scored units, and the blank (a unit without a score) could rank below it.
    expect(eliminated(94.2, scores, null, null, N)).toBe('待核实');
    expect(eliminated(null, scores, null, null, N)).toBe('待核实');
    expect(eliminated(96.5, scores, null, null, N)).toBe(false); // rank 4
    expect(eliminated(94.2, scores, 2, null, N)).toBe(false);
    expect(eliminated(94.2, scores, null, 94, N)).toBe(false); // not below the line
    expect(eliminated(96.5, [[96.5], [97], [98]], null, null, N)).toBe(false); // bottom but above 95
    expect(errorOf(() => eliminated(90, scores, -1, null, N)).message).toMatch(/末位名额」应为不小于0的整数/);
  });
});

describe('HS.GROUPFLAG', () => {
  const groups = [['一组'], ['一组'], ['二组'], [null]];
  test('flags a group with an eliminated member; a unit without a group never', () => {
    expect(groupflag('一组', groups, [[false], [true], [false], [true]], N)).toBe(true);
    expect(groupflag('二组', groups, [[false], [true], [false], [true]], N)).toBe(false);
    expect(groupflag(null, groups, [[true], [true], [true], [true]], N)).toBe(false);
    expect(groupflag('二组', groups, [['否'], ['否'], ['是'], [null]], N)).toBe(true);
  });

  test('ruling R9: a member\'s 待核实 flags its group 待核实, unless another member certainly goes', () => {
    expect(groupflag('一组', groups, [[false], ['待核实'], [false], [true]], N)).toBe('待核实');
    expect(groupflag('一组', groups, [[true], ['待核实'], [false], [true]], N)).toBe(true);
    expect(groupflag('二组', groups, [[false], ['待核实'], [false], ['待核实']], N)).toBe(false); // the 待核实 member has no group
    expect(HS.groupflag(groups, groups, [['待核实'], [false], [false], [false]], N)).toEqual([['待核实'], ['待核实'], [false], [false]]);
  });

  test('mismatched columns or an unreadable flag are errors', () => {
    expect(errorOf(() => groupflag('一组', groups, [[true]], N)).message).toBe('「全部小组」有4个单元格，「末位淘汰标记」有1个，应一一对应');
    expect(errorOf(() => groupflag('一组', groups, [[true], ['也许'], [false], [false]], at('', '', '年度汇总!F2:F5'))).message).toBe('末位淘汰标记中年度汇总!F3「也许」应为 TRUE/FALSE、是/否 或 待核实');
    expect(errorOf(() => groupflag('一组', groups, [[true], [null], [false], [false]], N)).message).toMatch(/小组「一组」的成员末位淘汰标记第2行末位淘汰标记为空/);
  });
});

describe('HS.SUBSIDY', () => {
  const units = [['甲'], ['乙'], ['丙'], ['丁'], ['戊']];
  const scores = [[99], [96], [90], [98], [97]];
  const levels = [['省级'], ['市级'], ['区级'], ['省级'], ['无']];
  const groups = [['一组'], ['一组'], ['二组'], ['二组'], [null]];
  const subsidy = (unit: string, rewards: unknown[][] | null = null, policy: unknown = null, part: unknown = null) =>
    subsidyOne(unit, units, scores, levels, groups, rewards as unknown[][], policy, part, N);

  test('Heshan 2024: 3:4:3 tiers, 末位淘汰 forfeits, the group pays 10,000 once, rewards on top', () => {
    expect(subsidy('甲')).toBe(60000); // top of three tiered units
    expect(subsidy('乙')).toBe(40000); // bottom tier
    expect(subsidy('丙')).toBe(0); // lowest and below 95: eliminated
    expect(subsidy('丁')).toBe(40000); // middle 50,000 − 10,000 (丙 is in 二组)
    expect(subsidy('戊')).toBe(0);
    expect(subsidy('戊', [[0], [0], [0], [0], [5000]])).toBe(5000);
    expect(subsidy('丁', null, null, '扣减')).toBe(10000);
    expect(subsidy('丁', null, null, '说明')).toMatch(/所在老带新小组「二组」有末位淘汰单位，扣减10,000元/);
  });

  test('a row of part names (年度汇总\'s headers) gives one column per part, every unit from the one district', () => {
    const parts = [['补贴档次', '层级补助', '小组扣减', '年终补贴合计', '说明']];
    const out = HS.subsidy(units, units, scores, levels, groups, null, null, parts, N);
    expect(out).toHaveLength(5);
    expect(out.map((r: unknown[]) => r.slice(1, 4))).toEqual(units.map(([u]) => [subsidy(u, null, null, '基础'), subsidy(u, null, null, '扣减'), subsidy(u)]));
    expect(out.map((r: unknown[]) => r[4])).toEqual(units.map(([u]) => subsidy(u, null, null, '说明')));
    expect(out[0][0]).toBe(subsidy('甲', null, null, '档次'));
    expect(errorOf(() => HS.subsidy(units, units, scores, levels, groups, null, null, [['合计', '利息']], at('', '', '', '', '', '', '', '年度汇总!$M$1:$N$1'))).message).toBe(
      '年度汇总!N1未知的项目「利息」，可选：合计、基础、扣减、奖励、档次、说明',
    );
  });

  test('Gansu 2023: fixed amounts by the highest level, no group deduction', () => {
    const gansu = (unit: string) => subsidyOne(unit, units, scores, [['国家级'], ['省级'], ['市级'], ['省级'], ['无']], groups, null as unknown as unknown[][], 'gansu-2023', null, N);
    expect([gansu('甲'), gansu('乙'), gansu('丙'), gansu('丁'), gansu('戊')]).toEqual([30000, 20000, 10000, 20000, 0]);
  });

  test('bad arguments: unknown unit, policy, part, level, duplicate names, mismatched columns', () => {
    expect(errorOf(() => subsidy('己')).code).toBe('#N/A');
    expect(errorOf(() => subsidy('甲', null, 'beijing')).message).toMatch(/^未知的补贴政策「beijing」，可选：heshan-2024/);
    expect(errorOf(() => subsidy('甲', null, null, '利息')).message).toBe('未知的项目「利息」，可选：合计、基础、扣减、奖励、档次、说明');
    const dup = [['甲'], ['乙'], ['甲'], ['丁'], ['戊']];
    expect(errorOf(() => subsidyOne('甲', dup, scores, levels, groups, null as unknown as unknown[][], null, null, N)).message).toMatch(/「甲」出现两次/);
    expect(errorOf(() => subsidyOne('甲', units, [[1]], levels, groups, null as unknown as unknown[][], null, null, N)).message).toBe('「全部得分」有1个单元格，「全部单位」有5个，应一一对应');
  });

  test('ruling R9: a blank score is a unit without one — its money and what it could change are 待核实, never 0', () => {
    const blanks = [[99], [96], [null], [90], [97]]; // 丙 has no score; 丁 is lowest of the scored
    const call = (unit: string, part: unknown = null) => subsidyOne(unit, units, blanks, levels, groups, null as unknown as unknown[][], null, part, N);
    expect(call('丙')).toBe('待核实');
    expect(call('丙', '档次')).toBe('待核实');
    expect(call('丙', '说明')).toBe('待核实：本单位没有年度得分，末位淘汰和补贴无法确定；年终合计待核实');
    // 丁 is 倒数第1名 with one unit unscored: still within 3 − 1, certainly eliminated.
    expect(call('丁')).toBe(0);
    // 丙 is 区级 and cannot join the 3:4:3 pool, so the pool is certain: 甲 top, 乙 bottom.
    expect([call('甲'), call('乙')]).toEqual([60000, 40000]);
    expect(call('戊')).toBe(0);
    // 二组 holds 丙 (待核实) and 丁 (certainly eliminated): flagged; 丙's own amount stays 待核实.
    expect(call('丙', '扣减')).toBe('待核实');
  });

  test('a unit whose own level is unreadable gets the error; the 3:4:3 pool it might join is 待核实', () => {
    const bad = [['省级'], ['市级'], ['区级'], ['国家队'], ['无']];
    const call = (unit: string) => subsidyOne(unit, units, scores, bad, groups, null as unknown as unknown[][], null, null, at('', '', '', '年度汇总!D2:D6'));
    expect(errorOf(() => call('丁')).message).toBe('丁：「认定层级」无法识别「国家队」，赫山区2024年补贴政策可用：省级、市级、区级或无，该单位补助待核实（年度汇总!D5）');
    expect(call('甲')).toBe('待核实'); // 丁 might be 省级 or 市级: the split depends on it
  });
});

describe('whole columns at once (one spilled formula per column)', () => {
  const scores = [[96.5], [90], [null], [94.2], [90], [99]];
  test('BOTTOMRANK and ELIMINATED over a column of scores: a column of answers, unscored units empty / 待核实', () => {
    expect(HS.bottomrank(scores, scores, N)).toEqual([[4], [1], [''], [3], [1], [5]]);
    expect(HS.eliminated(scores, scores, null, null, N)).toEqual([[false], [true], ['待核实'], ['待核实'], [true], [false]]);
    expect(HS.bottomrank(scores, scores, N)).toEqual(scores.map(([s]) => [s === null ? '' : bottomrank(s, scores, N)]));
  });

  test('a bad cell is an error in its own cell, naming it; the others are answered', () => {
    const withText = [[96.5], ['九十'], [90]];
    const out = HS.bottomrank(withText, withText.filter(([v]) => typeof v === 'number'), at('年度汇总!H2:H4', '年度汇总!H2:H4'));
    expect(out[0][0]).toBe(2);
    expect(out[1][0]).toMatchObject({ code: '#VALUE!', message: '得分中年度汇总!H3「九十」不是数字' });
    expect(out[2][0]).toBe(1);
    expect(HS.bottomrank([[91], [90]], [[90]], N)[0][0]).toMatchObject({ code: '#N/A' });
  });

  test('GROUPFLAG and SUBSIDY over a column agree with the one-cell answers', () => {
    const groups = [['一组'], ['一组'], ['二组'], [null]];
    const flags = [[false], [true], [false], [true]];
    expect(HS.groupflag(groups, groups, flags, N)).toEqual([[true], [true], [false], [false]]);
    const units = [['甲'], ['乙'], ['丙'], ['丁'], ['戊']];
    const args: [unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown, unknown, CustomFunctions.Invocation] = [
      units, [[99], [96], [90], [98], [97]], [['省级'], ['市级'], ['区级'], ['省级'], ['无']], [['一组'], ['一组'], ['二组'], ['二组'], [null]], [[0], [0], [0], [0], [5000]], null, null, N,
    ];
    expect(HS.subsidy(units, ...args)).toEqual(units.map(([u]) => [subsidyOne(u, ...args)]));
    expect(HS.subsidy(units, ...args)).toEqual([[60000], [40000], [0], [40000], [5000]]);
  });
});

test('the rule set is the formula\'s last argument: a 评分细则 range, else the built-in rubric', async () => {
  const { rubricSheetRows } = await import('../../src/rules/rubricSheet');
  const rows = rubricSheetRows(HESHAN_2024);
  const e1 = rows.findIndex((r) => r[0] === 'E1');
  rows[e1][(rows[1] as string[]).indexOf('目标')] = '90%';
  expect(HS.score('E1', [[1000, 80]], null, null, N)).toBe(2); // 92 % against 95 %: 3 points short of 5
  expect(HS.score('E1', [[1000, 80]], null, null, rows, N)).toBe(5); // against the sheet's 90 %: met
  expect(HS.score('E1', [[1000, 80]], null, null, 'heshan-2024', N)).toBe(2);
  expect(HS.items(rows, N)[0]).toEqual(HS.items(N)[0]);

  // A refused sheet is #VALUE! naming its bad rows where they are in the workbook.
  rows[e1][(rows[1] as string[]).indexOf('规则类型')] = '看情况';
  const refused = errorOf(() => HS.score('E1', [[1000, 80]], null, null, rows, at('', '', '', '', '细则!$B$3:$Q$80')));
  expect(refused.code).toBe('#VALUE!');
  expect(refused.message).toContain(`细则!I${e1 + 3}`); // the 规则类型 cell (H of the sheet), where the range puts it
  expect(refused.message).toContain('看情况');
  expect(errorOf(() => HS.score('E1', [[1000, 80]], null, null, '我们的细则', N)).message).toMatch(/评分细则工作表的区域/);
});
