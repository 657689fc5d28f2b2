/**
 * The scoring result: the machine contract of `hs-score --json` (issue 2) and what the output
 * sheets, the task pane and the functions present. Field names are the contract; add, never rename.
 */
import type { UnitType } from './fields';
import type { SheetMapping } from './ledger/types';

export interface MonthResult {
  month: number;
  /** Reported item code (E1 … P3, P2 being the R4 bucket) → points; null where an error blocks it.
   *  E4a appears for 社区 only, E4b for 村 only. */
  indicators: Record<string, number | null>;
  /** null when any indicator of the month is blocked. */
  total: number | null;
  /** Indicator code → note, e.g. ruling R2's "无基数，按达标计". */
  notes?: Record<string, string>;
}

export interface SubsidyResult {
  /** The amount of the unit's level or 3:4:3 tier before deductions (0 when eliminated). */
  base: number;
  /** The 老带新 group deduction (ruling R8); total never goes below 0 because of it. */
  groupDeduction: number;
  reward: number;
  /** max(0, base − groupDeduction) + reward. */
  total: number;
  /** 启动资金 pre-allocated at the start of the year: reported, not part of total. */
  startupFund: number;
  /** The tier of ruling R7 ('60000' tier as 一档/二档/三档) or the level paid, in Chinese. */
  tier: string | null;
  /** How the amount was reached, in Chinese (the wizard's and 补贴测算's 说明). */
  explanation: string;
  rewardReason: string | null;
}

export interface UnitResult {
  unit: string;
  type: UnitType | null;
  town: string | null;
  group: string | null;
  level: string | null;
  months: MonthResult[];
  /** ROUND(mean of the scored monthly totals, 2); null when no month could be scored. */
  annual: number | null;
  scoredMonths: number;
  /** Months 1–12 without a scored total (absent, or blocked by an error). */
  missingMonths: number[];
  /** Ascending RANK.EQ over the district (ruling R6); null without an annual score. */
  bottomRank: number | null;
  eliminated: boolean;
  /** The unit's group has an eliminated member. */
  groupFlagged: boolean;
  subsidy: SubsidyResult;
}

export interface IssueResult {
  unit: string | null;
  month: number | null;
  field: string | null;
  cell: string | null;
  message: string;
}

export interface ScoreResult {
  ruleSet: string;
  policy: string;
  source: string;
  units: UnitResult[];
  flaggedGroups: string[];
  errors: IssueResult[];
  warnings: IssueResult[];
  mapping: SheetMapping | null;
  summary: {
    units: number;
    unitMonths: number;
    eliminated: string[];
    subsidyTotal: number;
  };
}
