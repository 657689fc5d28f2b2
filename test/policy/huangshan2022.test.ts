/**
 * 黄山 2022 (seed 002): a "三公里" circle's purchase cost from its 七普常住人口 (服务费 8,000 +
 * 监理费 2,000 元 per 万人) and the ceiling of 10,000 元 per 万 城镇人口, as a policy function and
 * as HS.CIRCLECOST. Every expected amount is worked out by hand in the comment beside it.
 */
import { asCells, at, errorOf, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const HS = asCells(functionsModule);
import { circlePurchase, HUANGSHAN_2022_CIRCLE, type CirclePurchasePolicy } from '../../src/policy/huangshan2022';
import { PolicyInputError } from '../../src/policy/policyInputError';

const cost = (residentPopulation: number, urbanPopulation: number | null = null, policy: CirclePurchasePolicy = HUANGSHAN_2022_CIRCLE) =>
  circlePurchase({ residentPopulation, urbanPopulation }, policy);

describe('黄山 2022 settings come from the seed', () => {
  test('per 万人口: 8,000 service + 2,000 supervision on the resident population; ceiling 10,000 on the urban population, 不高于', () => {
    expect(HUANGSHAN_2022_CIRCLE).toMatchObject({
      peoplePerUnit: 10000, serviceFeePerUnit: 8000, supervisionFeePerUnit: 2000, costPopulation: '七普常住人口',
      ceilingPerUnit: 10000, ceilingPopulation: '城镇人口', ceilingInclusive: true, unitsRounding: null, amountDigits: 2,
    });
  });
});

describe('circlePurchase', () => {
  test('125,000 residents, 100,000 urban: 12.5 万人 → 100,000 + 25,000 = 125,000; ceiling 10 × 10,000 = 100,000, over by 25,000', () => {
    const c = cost(125000, 100000);
    expect([c.units, c.serviceFee, c.supervisionFee, c.total]).toEqual([12.5, 100000, 25000, 125000]);
    expect(c.ceiling).toEqual({ units: 10, amount: 100000, over: 25000, withinCeiling: false, payable: 100000 });
    expect(c.explanation).toBe(
      '七普常住人口125,000人，合12.5万人；服务费8,000元/万人×12.5＝100,000元；监理费2,000元/万人×12.5＝25,000元；合计125,000元；' +
        '城镇人口100,000人，合10万人，上限10,000元/万人×10＝100,000元，超出上限25,000元，按上限最多安排100,000元',
    );
  });

  test('exactly at the ceiling (不高于 includes it): 88,000 all urban → 8.8 × 10,000 = 88,000 against 88,000', () => {
    const c = cost(88000, 88000);
    expect(c.total).toBe(88000);
    expect(c.ceiling).toEqual({ units: 8.8, amount: 88000, over: 0, withinCeiling: true, payable: 88000 });
    expect(c.explanation).toMatch(/上限10,000元\/万人×8\.8＝88,000元，等于上限，未超出$/);
  });

  test('one urban resident fewer is one yuan over: 88,000 residents, 87,999 urban → ceiling 87,999, over 1', () => {
    const c = cost(88000, 87999);
    expect(c.ceiling).toMatchObject({ amount: 87999, over: 1, withinCeiling: false });
  });

  test('pro rata, not whole 万人: 12,345 people → 1.2345 万人, 9,876 + 2,469 = 12,345; 3 people → 2.4 + 0.6 = 3', () => {
    expect(cost(12345)).toMatchObject({ units: 1.2345, serviceFee: 9876, supervisionFee: 2469, total: 12345, ceiling: null });
    expect(cost(3)).toMatchObject({ serviceFee: 2.4, supervisionFee: 0.6, total: 3 });
    expect(cost(12345).explanation).toMatch(/；未给出城镇人口，未核对上限（每万人城镇人口总费用不高于10,000元）$/);
  });

  test('the rounding setting: whole 万人 half up (12.5 → 13), down (12.5 → 12), one decimal up (12.3456 → 12.4)', () => {
    const halfUp = { ...HUANGSHAN_2022_CIRCLE, unitsRounding: { digits: 0, mode: 'halfUp' as const } };
    // 13 × 8,000 = 104,000; 13 × 2,000 = 26,000; urban 100,000 = 10 万 → ceiling 100,000, over 30,000
    expect(cost(125000, 100000, halfUp)).toMatchObject({ units: 13, serviceFee: 104000, supervisionFee: 26000, total: 130000, ceiling: { over: 30000 } });
    expect(cost(125000, null, halfUp).explanation).toMatch(/^七普常住人口125,000人，合13万人（四舍五入到整万人）；/);
    // 12 × 10,000 = 120,000
    expect(cost(125000, null, { ...halfUp, unitsRounding: { digits: 0, mode: 'down' } }).total).toBe(120000);
    // 12.4 × 8,000 = 99,200; 12.4 × 2,000 = 24,800
    expect(cost(123456, null, { ...halfUp, unitsRounding: { digits: 1, mode: 'up' } })).toMatchObject({ units: 12.4, serviceFee: 99200, supervisionFee: 24800, total: 124000 });
  });

  test('a ceiling rate above the fees leaves room: 12,000 a 万人 on 50,000 → 60,000 against 50,000, 10,000 to spare', () => {
    const c = cost(50000, 50000, { ...HUANGSHAN_2022_CIRCLE, ceilingPerUnit: 12000 });
    expect(c.ceiling).toEqual({ units: 5, amount: 60000, over: 0, withinCeiling: true, payable: 50000 });
    expect(c.explanation).toMatch(/未超过上限，尚余10,000元$/);
  });

  test('zero, negative, fractional and non-numeric populations, and urban above resident, are refused in Chinese', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof PolicyInputError) return [error.message, error.input];
        throw error;
      }
      throw new Error('expected a PolicyInputError');
    };
    expect(refused(() => cost(0))).toEqual(['「七普常住人口」必须大于0', 'residentPopulation']);
    expect(refused(() => cost(-5))).toEqual(['「七普常住人口」不能为负数：-5', 'residentPopulation']);
    expect(refused(() => cost(12.5))).toEqual(['「七普常住人口」应为整数人数（单位：人），读到12.5；以万人为单位的人口请乘以10000', 'residentPopulation']);
    expect(refused(() => cost(Number.NaN))).toEqual(['「七普常住人口」应为人数（数字），读到「NaN」', 'residentPopulation']);
    expect(refused(() => cost(1000, 0))).toEqual(['「城镇人口」必须大于0', 'urbanPopulation']);
    expect(refused(() => cost(100000, 150000))).toEqual(['「城镇人口」150,000人多于「七普常住人口」100,000人：城镇人口是常住人口的一部分，请核对两个数是否填反', 'urbanPopulation']);
  });
});

describe('HS.CIRCLECOST', () => {
  test('the total by default, any part on request', () => {
    expect(HS.circleCost(125000, 100000, null, N)).toBe(125000);
    expect(HS.circleCost(125000, null, null, N)).toBe(125000);
    expect(HS.circleCost(125000, 100000, '服务费', N)).toBe(100000);
    expect(HS.circleCost(125000, 100000, '监理费', N)).toBe(25000);
    expect(HS.circleCost(125000, 100000, '万人', N)).toBe(12.5);
    expect(HS.circleCost(125000, 100000, '上限', N)).toBe(100000);
    expect(HS.circleCost(125000, 100000, '超出', N)).toBe(25000);
    expect(HS.circleCost(125000, 100000, '是否超限', N)).toBe(true);
    expect(HS.circleCost(125000, 100000, '可安排', N)).toBe(100000);
    expect(HS.circleCost(125000, 100000, '说明', N)).toMatch(/^七普常住人口125,000人，合12\.5万人；/);
  });

  test('exactly at the ceiling is not over', () => {
    expect(HS.circleCost(88000, 88000, '是否超限', N)).toBe(false);
    expect(HS.circleCost(88000, 88000, '超出', N)).toBe(0);
  });

  test('populations typed as text: "125,000" and "12.5万" are 125,000 people; a 1×1 range is its cell', () => {
    expect(HS.circleCost('125,000', '10万', '超出', N)).toBe(25000); // ceiling 10 × 10,000 = 100,000
    expect(HS.circleCost([['12.5万人']], null, null, N)).toBe(125000);
  });

  test('the ceiling without an urban population is #N/A saying what is missing', () => {
    const e = errorOf(() => HS.circleCost(125000, null, '上限', N));
    expect([e.code, e.message]).toEqual(['#N/A', '未给出「城镇人口」，无法核对上限（每万人城镇人口总费用不高于10,000元）：请填写第二个参数']);
  });

  test('blank, zero, negative, fractional, text or percentage populations are #VALUE! naming the cell', () => {
    const cells = at('测算!B2', '测算!C2', '');
    expect(errorOf(() => HS.circleCost(null, 5000, null, cells)).message).toBe('「七普常住人口」未填写（测算!B2）');
    expect(errorOf(() => HS.circleCost(0, null, null, cells)).message).toBe('「七普常住人口」必须大于0（测算!B2）');
    expect(errorOf(() => HS.circleCost(-1, null, null, cells)).message).toBe('「七普常住人口」不能为负数：-1（测算!B2）');
    expect(errorOf(() => HS.circleCost(12.5, null, null, cells)).message).toBe('「七普常住人口」应为整数人数（单位：人），读到12.5；以万人为单位的人口请乘以10000（测算!B2）');
    expect(errorOf(() => HS.circleCost('很多', null, null, cells)).message).toBe('「七普常住人口」不是有效的数字：「很多」（测算!B2）');
    expect(errorOf(() => HS.circleCost(true, null, null, cells)).message).toBe('「七普常住人口」不是有效的数字：逻辑值 TRUE（测算!B2）');
    expect(errorOf(() => HS.circleCost(125000, '80%', null, cells)).message).toBe('「城镇人口」应为人数，不应是百分比：「80%」（测算!C2）');
    expect(errorOf(() => HS.circleCost(1000, 0, null, cells)).message).toBe('「城镇人口」必须大于0（测算!C2）');
    expect(errorOf(() => HS.circleCost(1000, 2000, null, cells)).message).toBe('「城镇人口」2,000人多于「七普常住人口」1,000人：城镇人口是常住人口的一部分，请核对两个数是否填反（测算!C2）');
    expect(errorOf(() => HS.circleCost(0, null, null, N)).message).toBe('「七普常住人口」必须大于0');
    expect(errorOf(() => HS.circleCost(0, null, null, N)).code).toBe('#VALUE!');
  });

  test('an unknown part lists the choices', () => {
    expect(errorOf(() => HS.circleCost(1000, null, '利润', N)).message).toBe('未知的项目「利润」，可选：合计、服务费、监理费、万人、上限、超出、是否超限、可安排、说明');
  });
});
