/**
 * 甘肃 2023 (seed 004, 《甘肃省充分就业社区创建管理办法》第十三条): what a community spends its
 * 补助资金 on, by use, and the cap on the information-network use: 「本项支出不超过省级补助该社区
 * 资金的20%」. The subsidy levels themselves are GANSU_2023_POLICY (第十二条), unchanged here.
 * Every choice is a named setting below, quoting the sentence it comes from.
 */
import { excelRound } from '../engine/excelRound';
import { formatYuan, readLevels } from '../engine/subsidy';
import { formatNumber, formatPercent, PolicyInputError } from './policyInputError';
import { GANSU_2023_POLICY } from './presets';
import type { SubsidyPolicy } from './types';

/** One of the uses 第十三条 allows. */
export interface FundUse {
  /** The item number of 第十三条: 一 … 五. */
  code: string;
  /** As the article names it. */
  name: string;
  /** Short name for messages. */
  short: string;
  /** Words (from the article's own examples) that place a spending line under this use; the longest match wins. */
  keywords: readonly string[];
}

export interface EquipmentSpendingPolicy {
  id: string;
  zh: string;
  /** 第十三条（一）–（五）；「严禁用于以上使用范围以外的项目」, so a line under none of them is refused. */
  uses: readonly FundUse[];
  /** The capped use: 第十三条（四）就业创业工作信息网络建设费用支出. */
  cappedUse: string;
  /** 第十三条（四）：「本项支出不超过省级补助该社区资金的20%」. */
  capShare: number;
  /** 「不超过」: spending equal to the cap is within it. */
  capInclusive: boolean;
  /**
   * The subsidy the cap is a share of: 「省级补助该社区资金」, read as the 补助资金 the community
   * receives a year under 第十二条 (its highest level's amount in this policy).
   */
  subsidyPolicy: SubsidyPolicy;
  /** Amounts rounded to this many decimals of a yuan (2: to the 分); the seed gives no rule. */
  amountDigits: number;
}

export const GANSU_2023_EQUIPMENT: EquipmentSpendingPolicy = {
  id: 'gansu-2023',
  zh: '甘肃省2023年充分就业社区补助资金使用范围',
  uses: [
    { code: '一', name: '就业创业政策宣传费用支出', short: '政策宣传', keywords: ['就业创业政策宣传', '政策宣传', '宣传', '广告', '资料印制', '印制', '牌匾', '宣传场地', '场地租赁'] },
    { code: '二', name: '公共就业与人才服务专项活动支出', short: '专项活动', keywords: ['公共就业与人才服务专项活动', '专项活动', '人才服务', '就业援助月', '春风行动'] },
    { code: '三', name: '创业活动费用支出', short: '创业活动', keywords: ['创业活动', '创业大赛', '创业训练营', '创业典型宣传', '创业典型', '创业氛围'] },
    {
      code: '四', name: '就业创业工作信息网络建设费用支出', short: '信息网络建设',
      keywords: ['就业创业工作信息网络建设', '信息网络建设', '信息网络', '网络建设', '网络系统', '信息系统', '信息化', '信息设备', '电脑', '计算机', '打印机', '复印机', '运营维护', '运维'],
    },
    { code: '五', name: '就业失业动态监测和调查统计支出', short: '动态监测和调查统计', keywords: ['就业失业动态监测', '动态监测', '监测', '调查统计', '调查', '统计'] },
  ],
  cappedUse: '四',
  capShare: 0.2,
  capInclusive: true,
  subsidyPolicy: GANSU_2023_POLICY,
  amountDigits: 2,
};

const DIGIT_CODES: Record<string, string> = { '1': '一', '2': '二', '3': '三', '4': '四', '5': '五' };
/** (四)… / （4）… / 第四项… / 四、… / 4.… / 四 alone. */
const ITEM_NUMBER = /^(?:\(([一二三四五1-5])\)|第([一二三四五1-5])项|([一二三四五1-5])(?:[、.:]|$))/;

/** The use a spending line's category names, by item number or by the article's words. */
export function classifyUse(category: string, policy: EquipmentSpendingPolicy = GANSU_2023_EQUIPMENT): FundUse {
  const text = category.normalize('NFKC').replace(/[\s\u3000]/g, '');
  if (text === '') throw new PolicyInputError('支出类别未填写', 'category');
  const numbered = ITEM_NUMBER.exec(text);
  const number = numbered ? (numbered[1] ?? numbered[2] ?? numbered[3]) : undefined;
  const byNumber = number === undefined ? undefined : policy.uses.find((u) => u.code === (DIGIT_CODES[number] ?? number));

  let longest = 0;
  let best: FundUse[] = [];
  for (const use of policy.uses) {
    const length = Math.max(0, ...use.keywords.filter((k) => text.includes(k)).map((k) => k.length));
    if (length === 0) continue;
    if (length > longest) [longest, best] = [length, [use]];
    else if (length === longest) best.push(use);
  }
  const item = (u: FundUse) => `（${u.code}）${u.short}`;
  if (byNumber) {
    if (best.length === 1 && best[0] !== byNumber) {
      throw new PolicyInputError(`支出类别「${category}」的编号是${item(byNumber)}，内容却属于${item(best[0])}，请核对`, 'category');
    }
    return byNumber;
  }
  if (best.length === 1) return best[0];
  if (best.length > 1) {
    throw new PolicyInputError(`支出类别「${category}」同时符合${best.map(item).join('和')}，请在类别前写明第十三条的项目编号，如「（四）${category}」`, 'category');
  }
  throw new PolicyInputError(
    `支出类别「${category}」不属于第十三条规定的使用范围（${policy.uses.map(item).join('、')}），补助资金严禁用于范围以外的项目；如属于其中一项，请写明编号，如「（四）${category}」`,
    'category',
  );
}

export interface SpendingLine {
  category: string;
  /** Yuan, ≥ 0. */
  amount: number;
}

/** The subsidy the cap is a share of: yuan (> 0), or a level the subsidy policy pays (国家级、省级、市级). */
export function equipmentBase(subsidy: number | string, policy: EquipmentSpendingPolicy = GANSU_2023_EQUIPMENT): { amount: number; label: string } {
  if (typeof subsidy === 'string') {
    const reading = readLevels(subsidy.trim() === '' ? null : subsidy.trim(), policy.subsidyPolicy);
    if (!reading.ok) throw new PolicyInputError(reading.error.replace('「认定层级」', '「补助资金」'), 'subsidy');
    if (reading.levels.length === 0) {
      throw new PolicyInputError(`「补助资金」为「${subsidy}」：未认定层级的社区没有补助资金，无从核对；请填写补助金额或层级（${policy.subsidyPolicy.levels.map((l) => l.level).join('、')}）`, 'subsidy');
    }
    const level = reading.levels[0];
    return { amount: level.amount, label: `${level.level}充分就业社区补助资金${formatYuan(level.amount)}` };
  }
  if (typeof subsidy !== 'number' || !Number.isFinite(subsidy)) throw new PolicyInputError(`「补助资金」应为金额或层级，读到「${String(subsidy)}」`, 'subsidy');
  if (subsidy < 0) throw new PolicyInputError(`「补助资金」不能为负数：${formatNumber(subsidy)}`, 'subsidy');
  if (subsidy === 0) throw new PolicyInputError('「补助资金」为0：没有补助资金，无从核对信息网络建设支出的上限', 'subsidy');
  return { amount: subsidy, label: `补助资金${formatYuan(subsidy)}` };
}

export interface EquipmentCheck {
  /** Every use of 第十三条 in order, with the total spent on it. */
  byUse: { code: string; name: string; amount: number }[];
  /** The capped use's total. */
  spending: number;
  /** The subsidy the cap is a share of. */
  subsidy: number;
  /** capShare × subsidy. */
  cap: number;
  /** By how much spending exceeds the cap; 0 when within. */
  over: number;
  isOver: boolean;
  /** The verdict in Chinese, saying by how much. */
  message: string;
}

/** The spending lines by use, and the capped use's total against capShare of the subsidy. */
export function equipmentCheck(lines: readonly SpendingLine[], subsidy: number | string, policy: EquipmentSpendingPolicy = GANSU_2023_EQUIPMENT): EquipmentCheck {
  const base = equipmentBase(subsidy, policy);
  if (lines.length === 0) throw new PolicyInputError('支出明细中没有任何支出', 'lines');
  const digits = policy.amountDigits;
  const totals = new Map<FundUse, number>(policy.uses.map((u) => [u, 0]));
  lines.forEach((line, i) => {
    const { amount } = line;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new PolicyInputError(`「${line.category}」的金额应为数字，读到「${String(amount)}」`, 'lines', i);
    if (amount < 0) throw new PolicyInputError(`「${line.category}」的金额不能为负数：${formatNumber(amount)}`, 'lines', i);
    let use: FundUse;
    try {
      use = classifyUse(line.category, policy);
    } catch (error) {
      if (error instanceof PolicyInputError) throw new PolicyInputError(error.message, 'lines', i);
      throw error;
    }
    totals.set(use, totals.get(use)! + amount);
  });
  const capped = policy.uses.find((u) => u.code === policy.cappedUse)!;
  const spending = excelRound(totals.get(capped)!, digits);
  const cap = excelRound(base.amount * policy.capShare, digits);
  const isOver = policy.capInclusive ? spending > cap : spending >= cap;
  const over = spending > cap ? excelRound(spending - cap, digits) : 0;
  const what = `${capped.short}支出（第十三条（${capped.code}））${formatYuan(spending)}`;
  const limit = `上限${formatYuan(cap)}（${base.label}的${formatPercent(policy.capShare)}）`;
  const message =
    spending > cap ? `${what}，超过${limit}，超出${formatYuan(over)}`
    : spending === cap ? `${what}，等于${limit}，${isOver ? '按规定须低于上限' : '未超出'}`
    : `${what}，未超过${limit}，尚余${formatYuan(excelRound(cap - spending, digits))}`;
  return {
    byUse: policy.uses.map((u) => ({ code: u.code, name: u.name, amount: excelRound(totals.get(u)!, digits) })),
    spending, subsidy: base.amount, cap, over, isOver, message,
  };
}
