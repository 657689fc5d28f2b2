/**
 * 山东 2010 (seed 001, 鲁人社发〔2010〕46号《山东省关于进一步促进基层就业工作的指导意见》):
 * - the share of communities recognised as 充分就业社区 against the target of (四);
 * - the performance ranking of (二十二) that rewards the institutions ranked in a top share.
 * Every choice the seed makes (or leaves open) is a named setting below, quoting its sentence.
 */
import { excelRound } from '../engine/excelRound';
import { formatNumber, formatPercent, PolicyInputError, roundTo, type RoundingMode } from './policyInputError';

export interface FullEmploymentSharePolicy {
  id: string;
  zh: string;
  /** (四)：「力争到2012年……充分就业社区数量占社区总数的80%以上」. */
  targetShare: number;
  /**
   * 「以上」 includes the number itself (民法典第一千二百五十九条：「以上」「以下」「以内」「届满」，
   * 包括本数), so exactly 80 % meets the target.
   */
  targetInclusive: boolean;
}

export const SHANDONG_2010_FULL_EMPLOYMENT: FullEmploymentSharePolicy = {
  id: 'shandong-2010',
  zh: '山东省2010年充分就业社区占比目标',
  targetShare: 0.8,
  targetInclusive: true,
};

export interface TopShareRewardPolicy {
  id: string;
  zh: string;
  /**
   * (二十二)：「对考核排名靠前一定比例的基层劳动就业社会保障机构进行通报表扬并奖励」. The seed
   * names no proportion ("一定比例"), so there is no default: null means the caller must give it.
   */
  share: number | null;
  /**
   * Places = share × number of ranked units, rounded this way. The seed is silent; half up, as the
   * 3:4:3 tiers of ruling R7 count their places.
   */
  placesRounding: RoundingMode;
  /**
   * A unit tied with the last rewarded place is rewarded too (true), or a tie that straddles the
   * boundary is left out whole (false). The seed is silent; true, as ruling R7 lets a tie join the
   * higher tier and as RANK.EQ gives tied units the same rank.
   */
  tiesRewarded: boolean;
}

export const SHANDONG_2010_TOP_SHARE: TopShareRewardPolicy = {
  id: 'shandong-2010',
  zh: '山东省2010年基层就业绩效考核排名奖励',
  share: null,
  placesRounding: 'halfUp',
  tiesRewarded: true,
};

/* ---------- (四) the share of 充分就业社区 ---------- */

export interface FullEmploymentShare {
  /** Communities recognised as 充分就业社区. */
  recognised: number;
  /** 社区总数. */
  total: number;
  /** recognised ÷ total. */
  share: number;
  target: number;
  meetsTarget: boolean;
  /** The fewest recognised communities that meet the target, out of total. */
  needed: number;
  /** needed − recognised, 0 when the target is met. */
  shortfall: number;
  explanation: string;
}

/** A share setting or argument: a number above 0 and at most 1 (80 % is 0.8). */
export function checkShare(value: number, label: string, input: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PolicyInputError(`「${label}」应为比例（如 80% 或 0.8），读到「${String(value)}」`, input);
  if (value > 1) throw new PolicyInputError(`「${label}」应为0到1之间的比例（如 80% 或 0.8），读到${formatNumber(value)}`, input);
  if (value <= 0) throw new PolicyInputError(`「${label}」必须大于0，读到${formatNumber(value)}`, input);
  return value;
}

export const meets = (count: number, total: number, target: number, inclusive: boolean): boolean => (inclusive ? count / total >= target : count / total > target);

/** The fewest recognised of `total` that meet the target. */
export function neededFor(total: number, target: number, inclusive: boolean): number {
  // Start just below target × total (binary noise aside) and step up.
  let needed = Math.max(0, Math.floor(target * total) - 1);
  while (!meets(needed, total, target, inclusive)) needed++;
  return needed;
}

/**
 * Whether each community is a 充分就业社区 (one flag a community; the list is 社区总数) → the share
 * and whether it reaches the target.
 */
export function fullEmploymentShare(flags: readonly boolean[], policy: FullEmploymentSharePolicy = SHANDONG_2010_FULL_EMPLOYMENT, target: number = policy.targetShare): FullEmploymentShare {
  checkShare(target, '目标占比', 'target');
  const total = flags.length;
  if (total === 0) throw new PolicyInputError('没有任何社区：社区总数为0，无法计算充分就业社区占比', 'flags');
  const recognised = flags.filter((f) => f).length;
  const needed = neededFor(total, target, policy.targetInclusive);
  const meetsTarget = meets(recognised, total, target, policy.targetInclusive);
  const shortfall = Math.max(0, needed - recognised);
  const goal = policy.targetInclusive ? `${formatPercent(target)}以上` : `超过${formatPercent(target)}`;
  const explanation =
    `充分就业社区${recognised}个，占社区总数${total}个的${formatPercent(recognised / total)}，` +
    (meetsTarget ? `达到${goal}的目标` : `未达到${goal}的目标，至少需${needed}个，还差${shortfall}个`);
  return { recognised, total, share: recognised / total, target, meetsTarget, needed, shortfall, explanation };
}

/* ---------- (二十二) the top share rewarded ---------- */

export interface TopShareStanding {
  /** 1 + the number of strictly higher scores (tied units share a rank). */
  rank: number;
  /** Units with the same score, this one included. */
  tied: number;
  /** Units ranked (scores given). */
  ranked: number;
  /** round(share × ranked) by placesRounding. */
  places: number;
  rewarded: boolean;
  explanation: string;
}

const ROUNDING_WORD: Record<RoundingMode, string> = { halfUp: '四舍五入', up: '向上取整', down: '向下取整' };

/** The rewarded places among `ranked` units. */
export function rewardedPlaces(ranked: number, share: number, policy: TopShareRewardPolicy = SHANDONG_2010_TOP_SHARE): number {
  return roundTo(share * ranked, 0, policy.placesRounding);
}

/**
 * Where one score stands in the ranking (highest first) and whether it is in the rewarded top share.
 * `scores` are all ranked units' scores, `score` among them; null entries (no score) are not ranked.
 */
export function topShareStanding(
  score: number,
  scores: readonly (number | null)[],
  share: number,
  policy: TopShareRewardPolicy = SHANDONG_2010_TOP_SHARE,
  tiesRewarded: boolean = policy.tiesRewarded,
): TopShareStanding {
  checkShare(share, '奖励比例', 'share');
  if (typeof score !== 'number' || !Number.isFinite(score)) throw new PolicyInputError(`「得分」应为数字，读到「${String(score)}」`, 'score');
  let higher = 0;
  let tied = 0;
  let ranked = 0;
  scores.forEach((s, i) => {
    if (s === null) return;
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new PolicyInputError(`「全部得分」第${i + 1}个不是数字：「${String(s)}」`, 'scores', i);
    ranked++;
    if (s > score) higher++;
    else if (s === score) tied++;
  });
  if (tied === 0) throw new PolicyInputError(`得分${formatNumber(score)}不在「全部得分」中，无法排名`, 'score');
  const places = rewardedPlaces(ranked, share, policy);
  // With ties rewarded a unit is in when some place is left above it; otherwise its whole tie must fit.
  const rewarded = tiesRewarded ? higher < places : higher + tied <= places;
  const rank = higher + 1;
  const tie = tied > 1 ? `（${tied}个并列）` : '';
  const boundary = tied > 1 && higher < places && higher + tied > places ? (tiesRewarded ? '，并列跨过名额线，按规定一并奖励' : '，并列跨过名额线，按规定均不奖励') : '';
  const product = excelRound(share * ranked, 6);
  const count = Number.isInteger(product) ? `${places}个` : `${formatNumber(product)}，${ROUNDING_WORD[policy.placesRounding]}为${places}个`;
  const explanation =
    `得分${formatNumber(score)}，在${ranked}个单位中排第${rank}名${tie}；奖励名额${ranked}×${formatPercent(share)}＝${count}` +
    `${boundary}，${rewarded ? '列入奖励' : '未列入奖励'}`;
  return { rank, tied, ranked, places, rewarded, explanation };
}
