/**
 * Annual scores, RANK.EQ bottom ranks, 末位淘汰 and 老带新 group flags (spec §3, §4), with ruling R9:
 * a verdict that a missing annual score could change is null (待核实), never a guess.
 */
import { someNames } from '../names';
import type { RankingRulings } from '../rules/vocabulary';
import { excelRound } from './excelRound';

/**
 * ROUND(mean of the scored monthly totals, decimals); null when no month was scored. The totals are
 * summed in ascending order, so the mean is the same double whatever order the months come in (the
 * ledger's rows for hs-score, 1月…12月 for HS.ANNUALS): at a .xx5 boundary the last bit decides.
 */
export function annualScore(totals: readonly number[], decimals: number): number | null {
  if (totals.length === 0) return null;
  let sum = 0;
  for (const t of [...totals].sort((a, b) => a - b)) sum += t;
  return excelRound(sum / totals.length, decimals);
}

/**
 * Excel's RANK.EQ(score, all, 1): 1 + the number of strictly lower scores; ties share a rank.
 * Units without a score are not ranked and do not count (rulings R6, R9).
 */
export function bottomRanks(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  const rankOf = new Map<number, number>();
  ranked.forEach((s, i) => {
    if (!rankOf.has(s)) rankOf.set(s, i + 1);
  });
  return scores.map((s) => (s === null ? null : rankOf.get(s)!));
}

/**
 * 末位淘汰 of one unit, ruling R9: `rank` is among the scored units and `unscored` units have no
 * score. Each of those could score below this unit and push its rank up by one, never down, so the
 * unit is certainly eliminated only when rank + unscored still falls within bottomN, certainly safe
 * when its rank is already past bottomN or its score meets the threshold, and 待核实 (null) between.
 * With no unscored unit this is the plain rule: rank ≤ bottomN and score below the threshold.
 */
export function eliminationVerdict(score: number | null, rank: number | null, unscored: number, rulings: RankingRulings): boolean | null {
  if (score === null || rank === null) return null;
  if (score >= rulings.eliminationThreshold || rank > rulings.eliminationBottomN) return false;
  return rank + unscored <= rulings.eliminationBottomN ? true : null;
}


export interface RankedUnit {
  unit: string;
  annual: number | null;
  /** Why the unit has no annual score (e.g. 1–12月均有错误未能计分), for the 待核实 reason. */
  noScore?: string;
}

export interface EliminationVerdicts {
  /** Rank among the units with a score; null without one. */
  ranks: (number | null)[];
  /** true, false, or null for 待核实. */
  eliminated: (boolean | null)[];
  /** Why each null verdict is 待核实, in Chinese; null where the verdict is certain. */
  why: (string | null)[];
}

/** The district's ranks and 末位淘汰 verdicts, the unscored units counted as ruling R9 says. */
export function eliminationVerdicts(units: readonly RankedUnit[], rulings: RankingRulings): EliminationVerdicts {
  const annuals = units.map((u) => u.annual);
  const ranks = bottomRanks(annuals);
  const unscored = units.filter((u) => u.annual === null).map((u) => u.unit);
  const eliminated = units.map((u, i) => eliminationVerdict(u.annual, ranks[i], unscored.length, rulings));
  const others = `另有${unscored.length}个单位（${someNames(unscored)}）没有年度得分`;
  const why = units.map((u, i) => {
    if (eliminated[i] !== null) return null;
    if (u.annual === null) return `本单位没有年度得分${u.noScore ? `（${u.noScore}）` : ''}`;
    return `${others}，本单位在有得分的单位中倒数第${ranks[i]}名（${u.annual}分，低于${rulings.eliminationThreshold}分），是否末位淘汰取决于这些单位的得分`;
  });
  return { ranks, eliminated, why };
}

export interface GroupVerdicts {
  /** Groups with a member certainly eliminated, in first-seen order. */
  flagged: string[];
  /** Groups with no member certainly eliminated and some member's 末位淘汰 待核实. */
  pending: string[];
  /** Each unit's group flag: true, false (no group, or every member certainly safe), null for 待核实. */
  byUnit: (boolean | null)[];
  /** Why each null flag is 待核实, in Chinese. */
  why: (string | null)[];
}

/** 老带新 group flags: certain when a member is certainly eliminated or every member certainly safe (ruling R9). */
export function groupVerdicts(units: readonly { unit: string; group: string | null; eliminated: boolean | null }[]): GroupVerdicts {
  const flagged = new Set<string>();
  const undecided = new Map<string, string[]>();
  for (const u of units) {
    if (u.group === null) continue;
    if (u.eliminated === true) flagged.add(u.group);
    if (u.eliminated === null) undecided.set(u.group, [...(undecided.get(u.group) ?? []), u.unit]);
  }
  const pending = new Set([...undecided.keys()].filter((g) => !flagged.has(g)));
  const byUnit = units.map((u) => (u.group === null ? false : flagged.has(u.group) ? true : pending.has(u.group) ? null : false));
  const why = units.map((u, i) => (byUnit[i] === null ? `所在老带新小组「${u.group}」中${someNames(undecided.get(u.group!)!)}是否末位淘汰待核实，小组是否连带扣减随之待定` : null));
  return { flagged: [...flagged], pending: [...pending], byUnit, why };
}
