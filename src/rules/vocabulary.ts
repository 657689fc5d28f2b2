/**
 * The small vocabulary every rubric is written in (design card «rules as data»): an indicator
 * reads a *measure* from one unit-month's inputs and turns it into points with a *scoring*.
 * The built-in Heshan rubric, a bureau's own rubric sheet and a cell's HS.SCORE all go through
 * the one interpreter in compile.ts.
 */
import type { FieldDef, UnitType, UnitTypeDef } from '../fields';

/** A sum of fields minus other fields (S3b's `jobSeekersStart + newUnemployed − jobRecommendedEmployed`). */
export interface Quantity {
  plus: readonly string[];
  minus?: readonly string[];
}

/** A target: a constant, or a field/parameter (E4b's last-year rate, a province average). */
export type Target = number | { field: string };

export type Measure =
  /** An input as is. */
  | { kind: 'field'; field: string }
  /** num / den, with den ≤ 0 counted as fully met (ruling R2). */
  | { kind: 'ratio'; num: Quantity; den: Quantity }
  /** (total − part) / total; total must be > 0 (E1, E3). */
  | { kind: 'complement'; total: string; part: string }
  /**
   * min(1, value / target) with target = max(minTarget, field × factor) or a constant;
   * a target ≤ 0 counts as met (R2).
   */
  | { kind: 'completion'; value: Quantity; target: Target; factor?: number; minTarget?: number };

export type Scoring =
  /**
   * A lower bound: max − perPoint × shortfall, where shortfall is how far the measure falls below
   * the target, in percentage points (unit 'pp') or in counts (unit 'count'); per `step` when given,
   * else per ruling R1.
   */
  | { kind: 'belowTarget'; target: Target; perPoint: number; unit: 'pp' | 'count'; step?: number }
  /**
   * An upper bound (城镇登记失业率 ≤ 3 %): max − perPoint × excess, where excess is how far the measure
   * rises above the target; units and steps as for belowTarget.
   */
  | { kind: 'aboveTarget'; target: Target; perPoint: number; unit: 'pp' | 'count'; step?: number }
  /** max − perCase × n. */
  | { kind: 'perCase'; perCase: number }
  /** max × measure; any gate measure below 100 % scores 0 (S4b). */
  | { kind: 'proportional'; gates?: readonly Measure[] }
  /** max when the measure reaches the target (a constant, or a field such as a county's rate), else 0. */
  | { kind: 'allOrNothing'; target: Target }
  /** max when the measure does not exceed the target (零就业家庭 = 0, 失业率 ≤ 3 %), else 0. */
  | { kind: 'atMost'; target: Target }
  /**
   * 达标得分，未达标酌情评分: max when the measure reaches the target (or stays at or below it with
   * `atMost`); otherwise the inspectors' figure in `judged`, clamped — their points, or with
   * `deduction` their deduction from max. The inspectors' cell is read only when the target is missed.
   */
  | { kind: 'metOrJudged'; target: Target; atMost?: boolean; judged: string; deduction?: boolean }
  /** The points of the highest mark the measure reaches, else 0; marks given highest first. */
  | { kind: 'graded'; grades: readonly (readonly [mark: number, points: number])[] }
  /** pointsEach per item, up to max. */
  | { kind: 'perItem'; pointsEach: number }
  /**
   * max − perFailed for every sub-target not reached (海安's yearly "131" service: ≥1 职业指导,
   * ≥3 职业介绍, ≥1 技能培训). The indicator's own measure is not used.
   */
  | { kind: 'subTargets'; targets: readonly SubTarget[]; perFailed: number }
  /** An inspector's points, clamped. */
  | { kind: 'judged' }
  /** max − an inspector's deduction, clamped. */
  | { kind: 'judgedDeduction' };

/** One item of a list of sub-targets: a measure that must reach `atLeast`. */
export interface SubTarget {
  measure: Measure;
  atLeast: number;
}

export interface Indicator {
  code: string;
  section: string;
  zh: string;
  en: string;
  max: number;
  measure: Measure;
  scoring: Scoring;
  /** Only scored for units of these types (E4a 社区, E4b 村; a county rubric's 街道、镇); every type when absent. */
  appliesTo?: readonly UnitType[];
  /** Months before this score the max (ruling R5); the month comes from the rubric's settings when true. */
  assessedFromMonth?: boolean;
}

/** Several indicators reported as one, capped (ruling R4: P2 = min(4, P2a + P2b)). */
export interface Bucket {
  code: string;
  section: string;
  zh: string;
  en: string;
  cap: number;
  items: readonly string[];
}

export interface Section {
  code: string;
  zh: string;
  en: string;
  total: number;
  /**
   * A 加分项 section: its items add to a unit's score on top of the rubric's total (RuleSet.total
   * counts only the other sections). Its total is the most its items can add; cap them with a
   * 封顶组 when the rubric says 最高加N分.
   */
  bonus?: boolean;
}

/**
 * The spec's rulings as named settings. Each carries the ruling id it implements so a reader of
 * a rubric sheet or a settings dialog can find it in the spec.
 */
export interface ScoringRulings {
  /** R1: 'linear' charges a 0.5-point shortfall 0.5 × k; 'ceil' rounds the shortfall up to whole points first. */
  deductionStep: 'linear' | 'ceil';
  /** R2: a rate whose base is empty (0 or blank) counts as fully met. false makes it an error instead. */
  emptyBaseCountsAsMet: boolean;
  /** R3: province averages are district-wide parameters per month; a missing one is an input error. */
  provinceAveragesFrom: 'params-or-columns';
  /** R5: the first month in which indicators marked assessedFromMonth are assessed. */
  assessedFromMonth: number;
}

export interface RankingRulings {
  /** R6: rank over every unit of the district together, ascending, ties sharing a rank (RANK.EQ). */
  rankScope: 'district';
  /** 末位淘汰: eliminated when bottom rank ≤ bottomN and annual score < threshold. */
  eliminationBottomN: number;
  eliminationThreshold: number;
  /** Decimal places of the annual score (Excel ROUND). */
  annualDecimals: number;
  /**
   * 认定分数线: a unit whose annual score reaches it is recognised (认定为充分就业社区(村)), whatever
   * its rank; independent of 末位淘汰. Absent: the rubric recognises no unit by score.
   */
  recognitionLine?: number;
  /**
   * 认定占比目标: the share of units to be recognised, for all units together (unitType null) or per
   * unit type (从化: 社区 75 %, 村 70 %). Needs a recognition line; measured on `score`'s flags.
   */
  shareTargets?: readonly ShareTarget[];
}

export interface ShareTarget {
  /** A unit type as the ledger writes it (社区, 村, 街道 …); null for every unit together. */
  unitType: string | null;
  /** 0 < share ≤ 1; reaching it exactly meets it (「以上」包括本数). */
  share: number;
}

export interface RuleSet {
  id: string;
  zh: string;
  en: string;
  /** The sections' total, 加分项 sections left out: a unit can score up to this plus its bonus. */
  total: number;
  sections: readonly Section[];
  indicators: readonly Indicator[];
  buckets: readonly Bucket[];
  /** The input fields its indicators read and its ledgers hold (the 字段 table): names, kinds, synonyms, parts of wholes. */
  fields: readonly FieldDef[];
  /** The kinds of unit it scores (the 单位类型 table): what a ledger's 类型 column may say. */
  unitTypes: readonly UnitTypeDef[];
  scoring: ScoringRulings;
  ranking: RankingRulings;
}
