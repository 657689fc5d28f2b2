/**
 * The year-end subsidy (spec §4): level or 3:4:3 tier amount (ruling R7), forfeited on 末位淘汰,
 * less the 老带新 group deduction once per group (ruling R8), never below zero, plus the reward.
 * Every amount carries a Chinese 说明 built from the same data.
 */
import type { LevelRule, SubsidyPolicy, TierRule } from '../policy/types';
import { PENDING, type SubsidyResult } from '../result';
import { someNames } from '../names';
import { excelRound } from './excelRound';

export interface SubsidyInput {
  unit: string;
  annual: number | null;
  /** 末位淘汰; null = 待核实 (ruling R9). */
  eliminated: boolean | null;
  group: string | null;
  /** The group has an eliminated member; null = 待核实. */
  groupFlagged: boolean | null;
  /** The level cell as typed (may list several: 国家级、省级). */
  levelText: string | null;
  founding: boolean | null;
  /** null when the ledger's 带动奖励 could not be read: the total is then 待核实. */
  reward: number | null;
  rewardReason: string | null;
  /** Why `eliminated` is 待核实 (from the ranking), when it is. */
  eliminatedWhy?: string | null;
  /** Why `groupFlagged` is 待核实, when it is. */
  groupFlaggedWhy?: string | null;
}

/** The levels read, highest first, with what the reading assumed (said to the analyst as 提示). */
export type LevelReading = { ok: true; levels: LevelRule[]; notes: string[] } | { ok: false; error: string };

const yuan = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
export const formatYuan = (n: number): string => `${yuan.format(n)}元`;

/** The levels a cell names, highest first; [] for none. */
export function readLevels(text: string | null, policy: SubsidyPolicy): LevelReading {
  if (text === null) return { ok: true, levels: [], notes: [] };
  const notes: string[] = [];
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
    // An alias that is another word for the level (县级 for 区级), not a longer or shorter form of it, is said.
    if (part !== rule.level && !part.includes(rule.level) && !rule.level.includes(part)) notes.push(`「认定层级」「${part}」按「${rule.level}」计，请核对`);
    if (!levels.includes(rule)) levels.push(rule);
  }
  levels.sort((a, b) => policy.levels.indexOf(a) - policy.levels.indexOf(b));
  if (levels.length > 1) notes.push(`「认定层级」列出多个层级（${levels.map((l) => l.level).join('、')}），按${policy.zh}取可获补助的最高层级，请核对`);
  return { ok: true, levels, notes };
}

type Tier = 'top' | 'middle' | 'bottom';
export const TIER_NAME: Record<Tier, string> = { top: '一档', middle: '二档', bottom: '三档' };

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
  /** Yuan; 'pool' until the 3:4:3 tiers are drawn; null while 待核实 (ruling R9). */
  base: number | 'pool' | null;
  tier: string | null;
  why: string[];
  /** Why base is 待核实. */
  pending?: string;
  /** Whether the unit is in the 3:4:3 pool is itself 待核实 (its score or its 末位淘汰 is). */
  mayJoinPool?: boolean;
}

/** 3:4:3 as the policy's shares say it. */
const splitText = (rule: TierRule): string => [rule.topShare, 1 - rule.topShare - rule.bottomShare, rule.bottomShare].map((x) => excelRound(x * 10, 1)).join(':');

/** Whether a unit whose score is unknown could be paid by a tiered level: every level before it may fail its minimum score. */
export function mayBeTiered(levels: readonly LevelRule[]): boolean {
  for (const level of levels) {
    if (level.tiered) return true;
    if (level.minScore === undefined) return false;
  }
  return false;
}

function entitlement(input: SubsidyInput, levels: LevelRule[], policy: SubsidyPolicy): Entitlement {
  // Ruling R9: no annual score, no money — whatever the level, nothing is paid on a score that does not exist.
  if (input.annual === null) {
    return { base: null, tier: PENDING, why: [], pending: `${input.eliminatedWhy ?? '本单位没有年度得分'}，末位淘汰和补贴无法确定`, mayJoinPool: mayBeTiered(levels) };
  }
  if (levels.length === 0) return { base: 0, tier: null, why: ['未认定层级，无层级补助'] };
  const why: string[] = [];
  for (const level of levels) {
    if (level.minScore !== undefined && input.annual < level.minScore) {
      why.push(`${level.level}需年度得分${level.minScore}分以上，本单位${input.annual}分，不按${level.level}补助`);
      continue;
    }
    if (policy.eliminatedForfeit && input.eliminated === true) {
      return { base: 0, tier: level.level, why: [...why, `${level.level}，但列入末位淘汰，不给予资金补助`] };
    }
    if (policy.eliminatedForfeit && input.eliminated === null) {
      const paid = level.tiered && policy.tiers ? `参加${splitText(policy.tiers)}分档` : `补助${formatYuan(level.amount)}`;
      return { base: null, tier: PENDING, why: [...why, `认定${level.level}，未列入末位淘汰则${paid}，列入则不给予资金补助`], pending: input.eliminatedWhy ?? '末位淘汰待核实', mayJoinPool: level.tiered };
    }
    if (level.tiered) return { base: 'pool', tier: level.level, why }; // decided with the other tiered units
    return { base: level.amount, tier: level.level, why: [...why, `认定${level.level}，补助${formatYuan(level.amount)}`] };
  }
  return { base: 0, tier: null, why };
}

/** Ruling R8's deduction: none for an eliminated unit or an unflagged group; null while either is 待核实. */
function deductionOf(input: SubsidyInput, policy: SubsidyPolicy): number | null {
  if (policy.groupDeduction === 0 || input.eliminated === true || input.groupFlagged === false) return 0;
  if (input.eliminated === false && input.groupFlagged === true) return policy.groupDeduction;
  return null;
}

/**
 * Ruling R7 for the tiered units. The pool is every unit of a tiered level that was not eliminated;
 * when a unit may or may not be in it (ruling R9), N and every position are unknown, so every tier is.
 */
function drawTiers(inputs: readonly SubsidyInput[], entitlements: Entitlement[], policy: SubsidyPolicy): void {
  const pool = entitlements.flatMap((e, i) => (e.base === 'pool' ? [i] : []));
  if (pool.length === 0) return;
  const rule = policy.tiers;
  if (!rule) {
    for (const i of pool) entitlements[i] = { ...entitlements[i], base: 0, why: [...entitlements[i].why, '政策未规定分档金额'] };
    return;
  }
  const split = splitText(rule);
  const undecided = entitlements.flatMap((e, i) => (e.mayJoinPool ? [inputs[i].unit] : []));
  if (undecided.length > 0) {
    const pending = `${split}分档待核实：${someNames(undecided)}是否参加分档（没有年度得分或末位淘汰待核实）尚不确定，分档的单位数和名次随之待定`;
    for (const i of pool) {
      const e = entitlements[i];
      entitlements[i] = { base: null, tier: PENDING, why: [...e.why, `认定${e.tier}，参加${split}分档，年度得分${inputs[i].annual}分`], pending };
    }
    return;
  }
  const tiers = assignTiers(pool.map((i) => inputs[i].annual!), rule);
  pool.forEach((unitIndex, k) => {
    const tier = tiers[k];
    const e = entitlements[unitIndex];
    const amount = rule.amounts[tier];
    entitlements[unitIndex] = {
      base: amount,
      tier: `${e.tier}${TIER_NAME[tier]}`,
      why: [...e.why, `${e.tier}，按${split}分档（共${pool.length}个单位），年度得分${inputs[unitIndex].annual}分，列${TIER_NAME[tier]}，补助${formatYuan(amount)}`],
    };
  });
}

/** max(0, base − deduction) + reward; null while either is 待核实, except that from a base of 0 no deduction can take anything. */
function totalOf(base: number | null, deduction: number | null, reward: number | null): number | null {
  if (reward === null) return null;
  if (base === null) return null;
  if (deduction === null) return base === 0 ? reward : null;
  return Math.max(0, base - deduction) + reward;
}

export interface SubsidyOutcome {
  results: SubsidyResult[];
  errors: { unit: string; message: string }[];
  /** What the level readings assumed (县级 as 区级, several levels), said as 提示. */
  warnings: { unit: string; message: string }[];
  /** Why each unit's year-end total is 待核实, in Chinese; null where it is certain. */
  pendingWhy: (string | null)[];
}

export function computeSubsidies(inputs: readonly SubsidyInput[], policy: SubsidyPolicy): SubsidyOutcome {
  const errors: { unit: string; message: string }[] = [];
  const warnings: { unit: string; message: string }[] = [];
  const entitlements = inputs.map((input): Entitlement => {
    const reading = readLevels(input.levelText, policy);
    if (!reading.ok) {
      errors.push({ unit: input.unit, message: `${reading.error}，该单位补助待核实` });
      if (input.annual === null) return entitlement(input, [], policy);
      // An unreadable level blocks the unit's money, and the 3:4:3 pool it might belong to.
      return {
        base: null, tier: PENDING, why: [], pending: `认定层级有误（${reading.error}），补助无法确定`,
        mayJoinPool: policy.tiers !== null && policy.levels.some((l) => l.tiered) && input.eliminated !== true,
      };
    }
    for (const message of reading.notes) warnings.push({ unit: input.unit, message });
    return entitlement(input, reading.levels, policy);
  });
  drawTiers(inputs, entitlements, policy);

  const pendingWhy: (string | null)[] = [];
  const results = inputs.map((input, i): SubsidyResult => {
    const e = entitlements[i];
    const base = e.base as number | null; // the pool is drawn
    const why = [...e.why];
    const pending = e.pending ? [e.pending] : [];
    if (input.reward === null) pending.push('带动奖励有误（见问题清单），年终金额无法确定');
    const groupDeduction = deductionOf(input, policy);
    const reward = input.reward;
    const total = totalOf(base, groupDeduction, reward);
    if (input.annual !== null && input.eliminated === null && total !== null) why.push(`是否末位淘汰待核实（${input.eliminatedWhy ?? '另有单位没有年度得分'}），不影响年终金额`);
    if (groupDeduction !== null && groupDeduction > 0) {
      const capped = base !== null && base < groupDeduction ? `，扣至0元为止` : '';
      why.push(`所在老带新小组「${input.group}」有末位淘汰单位，扣减${formatYuan(groupDeduction)}${capped}`);
    } else if (groupDeduction === null && input.annual !== null) {
      // Why the deduction is 待核实 leads the 说明 when the total is; when it is not, it is said here.
      const cut = formatYuan(policy.groupDeduction);
      const effect = input.eliminated === null
        ? `所在老带新小组「${input.group}」${input.groupFlagged ? '有末位淘汰单位' : '是否连带待核实'}，本单位未列入末位淘汰则扣减${cut}`
        : `所在老带新小组「${input.group}」是否连带待核实，连带则扣减${cut}`;
      const reason = input.eliminated === null ? input.eliminatedWhy : input.groupFlaggedWhy;
      if (total !== null) why.push(`${input.eliminated === null ? effect : reason ?? effect}，层级补助为0，不影响年终金额`);
      else {
        why.push(effect);
        if (reason && !pending.includes(reason)) pending.push(reason);
      }
    }
    if (reward !== null && reward > 0) why.push(`带动奖励${formatYuan(reward)}${input.rewardReason ? `（${input.rewardReason}）` : ''}`);
    why.push(`年终合计${total === null ? PENDING : formatYuan(total)}`);
    const startupFund = input.founding ? policy.startupFund : 0;
    if (startupFund > 0) why.push(`另：年初已预拨启动资金${formatYuan(startupFund)}，不计入年终金额`);
    pendingWhy.push(total === null ? pending.join('；') || PENDING : null);
    const explanation = total === null ? `${PENDING}：${[...pending, ...why].join('；')}` : why.join('；');
    return { base, groupDeduction, reward, total, startupFund, tier: e.tier, explanation, rewardReason: input.rewardReason };
  });
  return { results, errors, warnings, pendingWhy };
}
