/**
 * A year-end subsidy policy as data: what each recognised level pays, whether levels are split
 * into 3:4:3 tiers (ruling R7), what elimination and the 老带新 group cost (ruling R8).
 */
export interface LevelRule {
  /** Canonical name shown in the output (省级, 市级 …). */
  level: string;
  /** Other ways a sheet writes it, compared after removing spaces. */
  aliases: readonly string[];
  /** Yuan a year; ignored for tiered levels. */
  amount: number;
  /** Paid by the 3:4:3 tiers instead of a fixed amount. */
  tiered?: boolean;
  /** Annual score the level requires (甘肃: 省级 needs 90). */
  minScore?: number;
}

/** Ruling R7: rank the tiered units by annual score, highest first, and pay by position. */
export interface TierRule {
  /** Share of N in the top tier and in the bottom tier; counts are round-half-up of share × N. */
  topShare: number;
  bottomShare: number;
  amounts: { top: number; middle: number; bottom: number };
  /** A unit tied with one in a higher tier joins the higher tier. */
  tiesJoinHigherTier: boolean;
}

export interface SubsidyPolicy {
  id: string;
  zh: string;
  en: string;
  /** Highest level first; a unit listing several is paid for the highest it qualifies for. */
  levels: readonly LevelRule[];
  tiers: TierRule | null;
  /** 末位淘汰 units get no level amount (不给予资金补助). */
  eliminatedForfeit: boolean;
  /** Ruling R8: yuan deducted once from every non-eliminated member of a flagged group; 0 for none. */
  groupDeduction: number;
  /** 启动资金 pre-allocated to each 创建单位; reported, never part of the year-end amount. */
  startupFund: number;
  /** Words in a level cell meaning "not recognised". */
  noLevelWords: readonly string[];
}
