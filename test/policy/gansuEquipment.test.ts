/**
 * 甘肃 2023 (seed 004) 第十三条: spending lines sorted into the article's five uses, and use (四)
 * 信息网络建设 held to 20 % of the community's 补助资金 (第十二条 amounts, GANSU_2023_POLICY) — as
 * policy functions and as HS.EQUIPCHECK. Every expected amount is worked out by hand beside it.
 */
import { asCells, at, errorOf, NO_ADDRESSES as N } from '../helpers/customFunctions';
import * as functionsModule from '../../functions/functions';

const HS = asCells(functionsModule);
import { classifyUse, equipmentBase, equipmentCheck, GANSU_2023_EQUIPMENT } from '../../src/policy/gansuEquipment';
import { GANSU_2023_POLICY } from '../../src/policy/presets';
import { messageOf } from '../helpers/policyErrors';


/** A 省级 community's year: 3,000 宣传 + (3,500 电脑 + 1,200 打印机) + 5,000 创业大赛 + 2,000 监测. */
const TABLE = [
  ['支出类别', '金额（元）'],
  ['（一）政策宣传资料印制', 3000],
  ['购置电脑', 3500],
  ['打印机', 1200],
  ['创业大赛', 5000],
  ['就业失业动态监测', 2000],
];

describe('甘肃 2023 settings come from the seed', () => {
  test('第十三条（四） at most 20 % of the subsidy, 不超过 including it; the subsidy levels are GANSU_2023_POLICY unchanged', () => {
    expect(GANSU_2023_EQUIPMENT).toMatchObject({ cappedUse: '四', capShare: 0.2, capInclusive: true, amountDigits: 2 });
    expect(GANSU_2023_EQUIPMENT.subsidyPolicy).toBe(GANSU_2023_POLICY);
    expect(GANSU_2023_EQUIPMENT.uses.map((u) => u.code)).toEqual(['一', '二', '三', '四', '五']);
    expect(GANSU_2023_POLICY.levels.map((l) => [l.level, l.amount])).toEqual([['国家级', 30000], ['省级', 20000], ['市级', 10000]]);
  });
});

describe('classifyUse', () => {
  const code = (text: string) => classifyUse(text).code;
  test('by the article’s words, the longest match deciding', () => {
    expect(['购置电脑', '复印机', '信息网络系统建设和运营维护', '系统运维'].map(code)).toEqual(['四', '四', '四', '四']);
    expect(['广告费', '牌匾制作', '集中宣传场地租赁'].map(code)).toEqual(['一', '一', '一']);
    expect(['就业援助月', '春风行动'].map(code)).toEqual(['二', '二']);
    expect(code('创业典型宣传')).toBe('三'); // 创业典型宣传 (6 characters) beats 宣传 (2)
    expect(code('调查统计')).toBe('五');
  });

  test('by the item number: （四）, (4), 第四项, 四、, 4.', () => {
    expect(['（四）', '(4)其他设备', '第四项', '四、耗材', '4.网络费'].map(code)).toEqual(['四', '四', '四', '四', '四']);
    expect(code('（一）政策宣传')).toBe('一');
  });

  test('outside the five uses, two uses at once, or a number contradicting the words: refused', () => {
    expect(messageOf(() => classifyUse('人员工资'))).toBe(
      '支出类别「人员工资」不属于第十三条规定的使用范围（（一）政策宣传、（二）专项活动、（三）创业活动、（四）信息网络建设、（五）动态监测和调查统计），补助资金严禁用于范围以外的项目；如属于其中一项，请写明编号，如「（四）人员工资」',
    );
    expect(messageOf(() => classifyUse('监测系统运维'))).toBe('支出类别「监测系统运维」同时符合（四）信息网络建设和（五）动态监测和调查统计，请在类别前写明第十三条的项目编号，如「（四）监测系统运维」');
    expect(classifyUse('（五）监测系统运维').code).toBe('五');
    expect(messageOf(() => classifyUse('（一）购置电脑'))).toBe('支出类别「（一）购置电脑」的编号是（一）政策宣传，内容却属于（四）信息网络建设，请核对');
    expect(messageOf(() => classifyUse('  '))).toBe('支出类别未填写');
  });
});

describe('equipmentBase', () => {
  test('a level is its 第十二条 amount, highest first; a number is itself', () => {
    expect(equipmentBase('省级')).toEqual({ amount: 20000, label: '省级充分就业社区补助资金20,000元' });
    expect(equipmentBase('国家级、省级').amount).toBe(30000);
    expect(equipmentBase('市级充分就业社区').amount).toBe(10000);
    expect(equipmentBase(15000)).toEqual({ amount: 15000, label: '补助资金15,000元' });
  });

  test('no level, an unknown level, zero or a negative amount: refused', () => {
    expect(messageOf(() => equipmentBase('无'))).toBe('「补助资金」为「无」：未认定层级的社区没有补助资金，无从核对；请填写补助金额或层级（国家级、省级、市级）');
    expect(messageOf(() => equipmentBase('区级'))).toBe('「补助资金」无法识别「区级」，甘肃省2023年补贴政策可用：国家级、省级、市级或无');
    expect(messageOf(() => equipmentBase(0))).toBe('「补助资金」为0：没有补助资金，无从核对信息网络建设支出的上限');
    expect(messageOf(() => equipmentBase(-1))).toBe('「补助资金」不能为负数：-1');
  });
});

describe('equipmentCheck', () => {
  const lines = TABLE.slice(1).map(([category, amount]) => ({ category: String(category), amount: Number(amount) }));
  test('省级: cap 20 % × 20,000 = 4,000; 3,500 + 1,200 = 4,700 is over by 700', () => {
    const r = equipmentCheck(lines, '省级');
    expect([r.spending, r.subsidy, r.cap, r.over, r.isOver]).toEqual([4700, 20000, 4000, 700, true]);
    expect(r.byUse.map((u) => u.amount)).toEqual([3000, 0, 5000, 4700, 2000]);
    expect(r.message).toBe('信息网络建设支出（第十三条（四））4,700元，超过上限4,000元（省级充分就业社区补助资金20,000元的20%），超出700元');
  });

  test('国家级: cap 6,000; 4,700 leaves 1,300. 市级: cap 2,000; over by 2,700', () => {
    expect(equipmentCheck(lines, '国家级')).toMatchObject({ cap: 6000, over: 0, isOver: false });
    expect(equipmentCheck(lines, '国家级').message).toBe('信息网络建设支出（第十三条（四））4,700元，未超过上限6,000元（国家级充分就业社区补助资金30,000元的20%），尚余1,300元');
    expect(equipmentCheck(lines, '市级')).toMatchObject({ cap: 2000, over: 2700, isOver: true });
  });

  test('exactly at the cap is within (不超过): 4,000 of 20,000', () => {
    const r = equipmentCheck([{ category: '电脑', amount: 4000 }], 20000);
    expect([r.over, r.isOver]).toEqual([0, false]);
    expect(r.message).toBe('信息网络建设支出（第十三条（四））4,000元，等于上限4,000元（补助资金20,000元的20%），未超出');
  });

  test('sums in 分 as written: 0.1 + 0.2 against 20 % of 1.5 = 0.3 is at the cap, not a hair over', () => {
    const r = equipmentCheck([{ category: '电脑', amount: 0.1 }, { category: '打印机', amount: 0.2 }], 1.5);
    expect([r.spending, r.cap, r.isOver]).toEqual([0.3, 0.3, false]);
  });

  test('no lines, a negative amount, or a line outside the uses is refused with its index', () => {
    expect(messageOf(() => equipmentCheck([], '省级'))).toBe('支出明细中没有任何支出');
    expect(messageOf(() => equipmentCheck([{ category: '电脑', amount: -5 }], '省级'))).toBe('「电脑」的金额不能为负数：-5');
    let caught: unknown;
    try {
      equipmentCheck([{ category: '电脑', amount: 1 }, { category: '聚餐', amount: 1 }], '省级');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ input: 'lines', index: 1 });
  });
});

describe('HS.EQUIPCHECK', () => {
  test('the message by default, any part on request; a header row is skipped', () => {
    expect(HS.equipCheck(TABLE, '省级', null, N)).toBe('信息网络建设支出（第十三条（四））4,700元，超过上限4,000元（省级充分就业社区补助资金20,000元的20%），超出700元');
    expect(HS.equipCheck(TABLE, '省级', '超出', N)).toBe(700);
    expect(HS.equipCheck(TABLE, '省级', '是否超出', N)).toBe(true);
    expect(HS.equipCheck(TABLE, '省级', '上限', N)).toBe(4000);
    expect(HS.equipCheck(TABLE, '省级', '支出', N)).toBe(4700);
    expect(HS.equipCheck(TABLE, '省级', '补助资金', N)).toBe(20000);
    expect(HS.equipCheck(TABLE.slice(1), 20000, '超出', N)).toBe(700);
    expect(HS.equipCheck([['类别', '支出金额'], ['电脑', 100]], 20000, '支出', N)).toBe(100);
  });

  test('only a header names a column: a first line with an unreadable amount is an error, and 万元 is refused', () => {
    expect(errorOf(() => HS.equipCheck([['宣传支出', '三千元'], ['电脑', 100]], 20000, null, N)).message).toBe('支出「宣传支出」的金额不是有效的数字：「三千元」（支出明细第1行第2列）');
    expect(errorOf(() => HS.equipCheck([['类别', '金额（万元）'], ['电脑', 0.5]], 20000, null, at('明细!A1:B2', '', ''))).message).toBe(
      '支出明细的金额以万元为单位（明细!B1）：请以元填写，补助资金和上限都按元计算',
    );
  });

  test('the subsidy as a number, text number or level; blank rows skipped; text amounts read', () => {
    // 电脑 "2,500" + 打印机 1,000 = 3,500 against 20 % of 15,000 = 3,000: over by 500
    const table = [['电脑', '2,500'], [null, null], ['打印机', 1000], ['宣传', 800]];
    expect(HS.equipCheck(table, '15,000', '超出', N)).toBe(500);
    expect(HS.equipCheck(table, 15000, '是否超出', N)).toBe(true);
    expect(HS.equipCheck(table, '国家级', '是否超出', N)).toBe(false); // cap 6,000
  });

  test('exactly at the cap is not over', () => {
    expect(HS.equipCheck([['（四）信息化设备', 2000]], '市级', '是否超出', N)).toBe(false); // 20 % × 10,000 = 2,000
    expect(HS.equipCheck([['（四）信息化设备', 2000.01]], '市级', '超出', N)).toBe(0.01);
  });

  test('bad lines are #VALUE! naming the cell', () => {
    const cells = at('明细!A2:B4', '明细!D2', '');
    expect(errorOf(() => HS.equipCheck([['电脑', 100], ['聚餐', 300]], '省级', null, cells)).message).toMatch(/^支出类别「聚餐」不属于第十三条规定的使用范围.*（明细!A3）$/);
    expect(errorOf(() => HS.equipCheck([['电脑', 100], ['打印机', -3]], '省级', null, cells)).message).toBe('支出「打印机」的金额不能为负数：-3（明细!B3）');
    expect(errorOf(() => HS.equipCheck([['电脑', '三千']], '省级', null, cells)).message).toBe('支出「电脑」的金额不是有效的数字：「三千」（明细!B2）');
    expect(errorOf(() => HS.equipCheck([['电脑', '5%']], '省级', null, cells)).message).toBe('支出「电脑」的金额不应是百分比：「5%」（明细!B2）');
    expect(errorOf(() => HS.equipCheck([['电脑', null]], '省级', null, cells)).message).toBe('支出「电脑」的金额未填写（明细!B2）');
    expect(errorOf(() => HS.equipCheck([['电脑', 1], [null, 500]], '省级', null, cells)).message).toBe('支出明细中明细!A3未填写支出类别（金额500）');
    expect(errorOf(() => HS.equipCheck([[null, 500]], '省级', null, N)).message).toBe('支出明细第1行第1列未填写支出类别（金额500）');
  });

  test('a bad subsidy, an empty or wrongly shaped table, an unknown part: refused', () => {
    const cells = at('明细!A2:B4', '明细!D2', '');
    expect(errorOf(() => HS.equipCheck(TABLE, null, null, cells)).message).toBe('「补助资金」未填写（明细!D2）：请填写本社区的补助金额或认定层级（国家级、省级、市级）');
    expect(errorOf(() => HS.equipCheck(TABLE, 0, null, cells)).message).toBe('「补助资金」为0：没有补助资金，无从核对信息网络建设支出的上限（明细!D2）');
    expect(errorOf(() => HS.equipCheck(TABLE, -100, null, cells)).message).toBe('「补助资金」不能为负数：-100（明细!D2）');
    expect(errorOf(() => HS.equipCheck(TABLE, '无', null, N)).message).toMatch(/^「补助资金」为「无」：未认定层级的社区没有补助资金/);
    expect(errorOf(() => HS.equipCheck(TABLE, '20%', null, N)).message).toBe('「补助资金」应为金额或层级，不应是百分比：「20%」');
    expect(errorOf(() => HS.equipCheck(TABLE, true, null, N)).message).toBe('「补助资金」应为金额或层级，读到「TRUE」');
    expect(errorOf(() => HS.equipCheck([[null, null], [null, null]], '省级', null, cells)).message).toBe('明细!A2中没有任何支出：请选择支出类别和金额两列');
    expect(errorOf(() => HS.equipCheck([['电脑', 1, 2]], '省级', null, N)).message).toBe('「支出明细」应为两列（支出类别、金额），收到 1 行 3 列的区域');
    expect(errorOf(() => HS.equipCheck(TABLE, '省级', '余额', N)).message).toBe('未知的项目「余额」，可选：说明、超出、是否超出、上限、支出、补助资金');
  });
});
