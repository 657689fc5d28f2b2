/**
 * Annual scores, RANK.EQ bottom ranks, 末位淘汰 and 老带新 group flags (spec §3, §4).
 */
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
 * Units without a score are not ranked and do not count (ruling R6).
 */
export function bottomRanks(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  const rankOf = new Map<number, number>();
  ranked.forEach((s, i) => {
    if (!rankOf.has(s)) rankOf.set(s, i + 1);
  });
  return scores.map((s) => (s === null ? null : rankOf.get(s)!));
}

/** 末位淘汰: bottom rank within bottomN and below the threshold; ties at the boundary all go. */
export function isEliminated(score: number | null, rank: number | null, rulings: RankingRulings): boolean {
  return score !== null && rank !== null && rank <= rulings.eliminationBottomN && score < rulings.eliminationThreshold;
}

/** Groups with at least one eliminated member, in first-seen order. */
export function flaggedGroups(units: readonly { group: string | null; eliminated: boolean }[]): string[] {
  const flagged: string[] = [];
  for (const u of units) if (u.eliminated && u.group !== null && !flagged.includes(u.group)) flagged.push(u.group);
  return flagged;
}
