/**
 * The scoring result: the machine contract of `hs-score --json` (issue 2) and what the output
 * sheets, the task pane and the functions present. Field names are the contract; add, never rename.
 *
 * One change of type, required by spec ruling R9 (a unit without an annual score): a verdict or an
 * amount that depends on a score that does not exist is `null`, read 待核实 — never false, never 0.
 * So `UnitResult.eliminated` and `groupFlagged` are `boolean | null`, `SubsidyResult.base`,
 * `groupDeduction` and `total` are `number | null` (`tier` is then '待核实'), and
 * `summary.subsidyTotal` is `number | null`. Added with it: `UnitResult.pendingReason`,
 * `ScoreResult.pendingGroups`, `summary.subsidyDeterminedTotal`, `summary.undetermined`.
 */
import type { UnitType } from './fields';
import type { RecognitionShare } from './engine/recognition';
import type { LedgerSheet, SheetMapping } from './ledger/types';

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

/** What a verdict, tier or amount that cannot be decided yet reads as, everywhere (ruling R9). */
export const PENDING = '待核实';

export interface SubsidyResult {
  /** The amount of the unit's level or 3:4:3 tier before deductions (0 when eliminated); null = 待核实. */
  base: number | null;
  /** The 老带新 group deduction (ruling R8); total never goes below 0 because of it. null = 待核实. */
  groupDeduction: number | null;
  /** The ledger's 带动奖励; null when its cell could not be read as an amount (an error in 问题清单), and the total is then null too. */
  reward: number | null;
  /** max(0, base − groupDeduction) + reward; null = 待核实 (ruling R9: never paid on a missing score). */
  total: number | null;
  /** 启动资金 pre-allocated at the start of the year: reported, not part of total. */
  startupFund: number;
  /** The tier of ruling R7 ('60000' tier as 一档/二档/三档) or the level paid, in Chinese; '待核实' when base is. */
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
  /** Ascending RANK.EQ among the units with an annual score (rulings R6, R9); null without one. */
  bottomRank: number | null;
  /** 末位淘汰; null = 待核实: the unit has no annual score, or units without one could change it (ruling R9). */
  eliminated: boolean | null;
  /** The unit's group has an eliminated member; null = 待核实 (a member's 末位淘汰 is 待核实, none is certain). */
  groupFlagged: boolean | null;
  subsidy: SubsidyResult;
  /**
   * 认定: the annual score reaches the rubric's 认定分数线; null = 待核实 (no annual score). Present only
   * when the rubric sets a recognition line; independent of 末位淘汰.
   */
  recognised?: boolean | null;
  /** Why the unit's 末位淘汰, group flag or subsidy is 待核实, in Chinese; null when all are certain. */
  pendingReason: string | null;
}

export interface RecognitionResult {
  /** The 认定分数线 the annual scores were held against. */
  line: number;
  /** Units certainly recognised, in ledger order. */
  recognised: string[];
  /** Units whose recognition is 待核实 (no annual score). */
  undetermined: string[];
  /** Each of the rubric's 认定占比目标 (all units, or one unit type); empty without targets. */
  shares: RecognitionShare[];
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
  /** Groups certainly flagged: a member is certainly eliminated. */
  flaggedGroups: string[];
  /** Groups whose flag is 待核实: no member certainly eliminated, some member's 末位淘汰 待核实. */
  pendingGroups: string[];
  errors: IssueResult[];
  warnings: IssueResult[];
  /** Present when the rubric sets a 认定分数线: who is recognised, and the shares against the rubric's targets. */
  recognition?: RecognitionResult;
  mapping: SheetMapping | null;
  /** A ledger read from several sheets (a sheet per month): each sheet, its month and mapping (`mapping` is the first's). */
  sheets?: LedgerSheet[];
  summary: {
    units: number;
    unitMonths: number;
    /** Units certainly eliminated (待核实 ones are in `undetermined`). */
    eliminated: string[];
    /** The sum of every unit's total; null when any total is 待核实. */
    subsidyTotal: number | null;
    /** The sum of the totals that are certain. */
    subsidyDeterminedTotal: number;
    /** Units whose 末位淘汰, group flag or subsidy is 待核实, in ledger order. */
    undetermined: string[];
  };
}
