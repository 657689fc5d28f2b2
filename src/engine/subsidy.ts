/**
 * The year-end subsidy (spec §4): level or 3:4:3 tier amount (ruling R7), forfeited on 末位淘汰,
 * less the 老带新 group deduction once per group (ruling R8), never below zero, plus the reward.
 * Every amount carries a Chinese 说明 built from the same data.
 */
import type { LevelRule, SubsidyPolicy, TierRule } from '../policy/types';
import type { SubsidyResult } from '../result';
import { excelRound } from './excelRound';

export interface SubsidyInput {
  unit: string;
  annual: number | null;
  eliminated: boolean;
  group: string | null;
  groupFlagged: boolean;
  /** The level cell as typed (may list several: 国家级、省级). */
  levelText: string | null;
  founding: boolean | null;
  reward: number;
  rewardReason: string | null;
}

export type LevelReading = { ok: true; levels: LevelRule[] } | { ok: false; error: string };

const yuan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
export const formatYuan = (n: number): string => `${yuan.format(n)}元`;

/** The levels a cell names, highest first; [] for none. */
export function readLevels(text: string | null, policy: SubsidyPolicy): LevelReading {
  if (text === null) return { ok: true, levels: [] };
  const parts = text
    .normalize('NFKC')
    .split(/[、,;/，；\s]+/)
    .filter((p) => p !== '');
  const levels: LevelRule[] = [];
  for (const part of parts) {
    if (policy.noLevelWords.includes(part)) continue;
    const rule = policy.levels.find((l) => l.level === part || l.aliases.includes(part));
    if (!rule) {
      const known = policy.levels.map((l) => l.level).join('、');
      return { ok: false, error: `「认定层级」无法识别「${part}」，${policy.zh}可用：${known}或无` };
    }
    if (!levels.includes(rule)) levels.push(rule);
  }
  levels.sort((a, b) => policy.levels.indexOf(a) - policy.levels.indexOf(b));
  return { ok: true, levels };
}

type Tier = 'top' | 'middle' | 'bottom';
const TIER_NAME: Record<Tier, string> = { top: '一档', middle: '二档', bottom: '三档' };

/**
 * Ruling R7 over the units' annual scores: the top round(topShare × N) and the bottom
 * round(bottomShare × N) by position, highest score first; a unit tied with one in a higher
 * tier joins it. Returns the tier per input index.
 */
export function assignTiers(scores: readonly number[], rule: TierRule): Tier[] {
  const n = scores.length;
  const top = excelRound(rule.topShare * n, 0);
  const bottom = Math.min(n - top, excelRound(rule.bottomShare * n, 0));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const tiers: Tier[] = new Array(n);
  const bestTierOfScore = new Map<number, Tier>();
  order.forEach((index, position) => {
    let tier: Tier = position < top ? 'top' : position >= n - bottom ? 'bottom' : 'middle';
    if (rule.tiesJoinHigherTier) {
      const higher = bestTierOfScore.get(scores[index]);
      if (higher) tier = higher;
      else bestTierOfScore.set(scores[index], tier);
    }
    tiers[index] = tier;
  });
  return tiers;
}

interface Entitlement {
  base: number;
  tier: string | null;
  why: string[];
}

function entitlement(input: SubsidyInput, levels: LevelRule[], policy: SubsidyPolicy): Entitlement {
  if (levels.length === 0) return { base: 0, tier: null, why: ['未认定层级，无层级补助'] };
  const why: string[] = [];
  for (const level of levels) {
    if (level.minScore !== undefined && (input.annual === null || input.annual < level.minScore)) {
      why.push(`${level.level}需年度得分${level.minScore}分以上，本单位${input.annual ?? '无得分'}，不按${level.level}补助`);
      continue;
    }
    if (policy.eliminatedForfeit && input.eliminated) {
      return { base: 0, tier: level.level, why: [...why, `${level.level}，但列入末位淘汰，不给予资金补助`] };
    }
    if (level.tiered) return { base: NaN, tier: level.level, why }; // decided with the other tiered units
    return { base: level.amount, tier: level.level, why: [...why, `认定${level.level}，补助${formatYuan(level.amount)}`] };
  }
  return { base: 0, tier: null, why };
}

export function computeSubsidies(inputs: readonly SubsidyInput[], policy: SubsidyPolicy): { results: SubsidyResult[]; errors: { unit: string; message: string }[] } {
  const errors: { unit: string; message: string }[] = [];
  const entitlements = inputs.map((input) => {
    const reading = readLevels(input.levelText, policy);
    if (!reading.ok) {
      errors.push({ unit: input.unit, message: reading.error });
      return { base: 0, tier: null, why: [`认定层级有误（${reading.error}），暂按无层级计`] } satisfies Entitlement;
    }
    return entitlement(input, reading.levels, policy);
  });

  // Ruling R7: the tiered pool is every unit whose level is tiered and that was not eliminated.
  const pool = entitlements.map((_, i) => i).filter((i) => Number.isNaN(entitlements[i].base));
  const scored = pool.filter((i) => inputs[i].annual !== null);
  for (const i of pool) {
    if (inputs[i].annual === null) {
      entitlements[i] = { base: 0, tier: entitlements[i].tier, why: [...entitlements[i].why, `${entitlements[i].tier}，但无年度得分，无法参与分档`] };
    }
  }
  if (policy.tiers && scored.length > 0) {
    const rule = policy.tiers;
    const tiers = assignTiers(scored.map((i) => inputs[i].annual!), rule);
    const split = [rule.topShare, 1 - rule.topShare - rule.bottomShare, rule.bottomShare].map((x) => excelRound(x * 10, 1)).join(':');
    scored.forEach((unitIndex, k) => {
      const tier = tiers[k];
      const e = entitlements[unitIndex];
      const amount = rule.amounts[tier];
      entitlements[unitIndex] = {
        base: amount,
        tier: `${e.tier}${TIER_NAME[tier]}`,
        why: [...e.why, `${e.tier}，按${split}分档（共${scored.length}个单位），年度得分${inputs[unitIndex].annual}分，列${TIER_NAME[tier]}，补助${formatYuan(amount)}`],
      };
    });
  } else {
    for (const i of scored) entitlements[i] = { base: 0, tier: entitlements[i].tier, why: [...entitlements[i].why, '政策未规定分档金额'] };
  }

  const results = inputs.map((input, i): SubsidyResult => {
    const e = entitlements[i];
    const why = [...e.why];
    const deducted = policy.groupDeduction > 0 && input.groupFlagged && !input.eliminated;
    const groupDeduction = deducted ? policy.groupDeduction : 0;
    if (deducted) {
      const capped = e.base < groupDeduction ? `，扣至0元为止` : '';
      why.push(`所在老带新小组「${input.group}」有末位淘汰单位，扣减${formatYuan(groupDeduction)}${capped}`);
    }
    const reward = input.reward;
    if (reward > 0) why.push(`带动奖励${formatYuan(reward)}${input.rewardReason ? `（${input.rewardReason}）` : ''}`);
    const total = Math.max(0, e.base - groupDeduction) + reward;
    why.push(`年终合计${formatYuan(total)}`);
    const startupFund = input.founding ? policy.startupFund : 0;
    if (startupFund > 0) why.push(`另：年初已预拨启动资金${formatYuan(startupFund)}，不计入年终金额`);
    return { base: e.base, groupDeduction, reward, total, startupFund, tier: e.tier, explanation: why.join('；'), rewardReason: input.rewardReason };
  });
  return { results, errors };
}
