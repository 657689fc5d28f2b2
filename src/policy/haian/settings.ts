/**
 * 海安 2021 (seed 003, 海人社〔2021〕21号《精准服务支持重点群体就业专项行动》): every rule the
 * seed states about tracking the six key groups, the "131" service, subsidies and the towns'
 * registered unemployment rate, as named settings quoting the sentence each comes from. The seed
 * is quoted in 简体 (the stored copy is in 繁體).
 */

/** The employment statuses the seed sets tracking intervals for. */
export type HaianStatus = '稳定就业' | '灵活就业' | '无就业愿望' | '失业';
export const HAIAN_STATUSES: readonly HaianStatus[] = ['稳定就业', '灵活就业', '无就业愿望', '失业'];

/**
 * 二、目标任务：「把登记失业人员、就业困难人员、高校毕业生、相对贫困群体、复员转业退役军人、返乡农民工等
 * 六类人员作为精准就业服务重点对象」.
 */
export type HaianGroup = '登记失业人员' | '就业困难人员' | '高校毕业生' | '相对贫困群体' | '复员转业退役军人' | '返乡农民工';
export const HAIAN_GROUPS: readonly HaianGroup[] = ['登记失业人员', '就业困难人员', '高校毕业生', '相对贫困群体', '复员转业退役军人', '返乡农民工'];

export interface Service131Minimum {
  /** 职业指导 times a year. */
  guidance: number;
  /** 职业介绍 (推荐求职) times a year. */
  referral: number;
  /** 技能培训 (推荐培训) times a year. */
  training: number;
}

export interface HaianSettings {
  id: string;
  zh: string;
  /**
   * Months allowed between two trackings, by status. 三(一)3：「对重点群体中稳定就业的每年跟踪服务一次；
   * 灵活就业和无就业愿望的每半年跟踪服务一次；失业的按月跟踪服务」.
   * A person is tracked in time when EDATE(最近跟踪服务日期, months) is on or after the cut-off date:
   * the next tracking falls due that many months after the last one, and is late only once the
   * cut-off date is past that day. A person never tracked counts from 纳入台账日期 when the ledger
   * has one (a newcomer is not late before the interval has run), and is late otherwise.
   */
  trackingIntervalMonths: Readonly<Record<HaianStatus, number>>;
  /**
   * Points deducted for each person not tracked in time. 四、3：「人员跟踪服务不到位发生一例……扣1分」.
   */
  trackingLapsePoints: number;
  /**
   * The "131" service. 三(一)3：「失业的……每年至少提供一次职业指导、三次职业介绍、一次技能培训的“131”服务」.
   */
  service131Minimum: Readonly<Service131Minimum>;
  /** Who is owed the 131 service: 「失业的」 — the persons whose status is 失业 on the cut-off date. */
  service131Statuses: readonly HaianStatus[];
  /**
   * When a 131 shortfall costs points. 'yearEnd': 「每年至少」 is a yearly quota, so it is deducted
   * only when the cut-off date is 31 December; earlier quarters list the shortfall as 尚缺 without
   * a deduction. 'everyCutOff': deducted whenever the year-to-date counts are short.
   */
  service131AssessedAt: 'yearEnd' | 'everyCutOff';
  /**
   * 'perPerson': a person short of any part of the 131 service is one case of 跟踪服务不到位 —
   * 四、3：「人员跟踪服务不到位发生一例……扣1分」 counts cases (例), where subsidies count items (项).
   * 'perItem': one deduction per missing part (职业指导, 职业介绍, 技能培训), at most three.
   */
  service131Deduction: 'perPerson' | 'perItem';
  /** Points per case (perPerson) or per missing part (perItem). 四、3：「扣1分」. */
  service131Points: number;
  /**
   * Whether a person late for tracking and short of 131 is one case (deducted once) or two.
   * The seed's 「发生一例」 does not say; false: two separate failures, two deductions.
   */
  trackingAnd131OneCase: boolean;
  /** Points per subsidy entitled but not granted. 四、3：「补贴发放缺少一项扣1分」. */
  subsidyPointsPerItem: number;
  /**
   * The ceiling on a town's registered unemployment rate. 三(二)1：「各区镇、街道要通过就业创业服务将
   * 本辖区城镇登记失业率控制在3%以内」. The rate is registered unemployed ÷ labour force (the town's
   * employed plus registered unemployed). The seed attaches no points to it: it is 达标 or 未达标.
   */
  unemploymentRateCeiling: number;
  /** 「以内」: a rate equal to the ceiling is within it. */
  unemploymentRateInclusive: boolean;
}

export const HAIAN_2021: HaianSettings = {
  id: 'haian-2021',
  zh: '海安市2021年精准服务支持重点群体就业专项行动',
  trackingIntervalMonths: { 稳定就业: 12, 灵活就业: 6, 无就业愿望: 6, 失业: 1 },
  trackingLapsePoints: 1,
  service131Minimum: { guidance: 1, referral: 3, training: 1 },
  service131Statuses: ['失业'],
  service131AssessedAt: 'yearEnd',
  service131Deduction: 'perPerson',
  service131Points: 1,
  trackingAnd131OneCase: false,
  subsidyPointsPerItem: 1,
  unemploymentRateCeiling: 0.03,
  unemploymentRateInclusive: true,
};

/** 每年 / 每半年 / 每季度 / 按月 / 每N个月. */
export function intervalWords(months: number): string {
  if (months === 12) return '每年';
  if (months === 6) return '每半年';
  if (months === 3) return '每季度';
  if (months === 1) return '按月';
  return `每${months}个月`;
}

/** A finding's outcome for one person. */
export type FindingState =
  /** Met. */
  | 'ok'
  /** Not met: points deducted. */
  | 'deducted'
  /** Not met yet, but not due before year end (131 before 31 December). */
  | 'pending'
  /** Does not apply to this person (131 for someone not unemployed; no subsidy). */
  | 'notApplicable'
  /** A bad or missing cell: not assessed; the error is in the issues. */
  | 'blocked';

export type FindingKind = 'tracking' | 'service131' | 'subsidy';

export const FINDING_NAMES: Readonly<Record<FindingKind, string>> = {
  tracking: '跟踪服务',
  service131: '131服务',
  subsidy: '补贴发放',
};

export interface Finding {
  kind: FindingKind;
  state: FindingState;
  /** Points deducted (≥ 0); null when blocked. */
  points: number | null;
  /** Why, in Chinese, with the dates and counts it was decided on. */
  reason: string;
}

/** Bad input to a 海安 calculation that is not a ledger cell (the cut-off date, a town's figures). */
export class HaianInputError extends Error {
  constructor(message: string, readonly input?: string) {
    super(message);
    this.name = 'HaianInputError';
  }
}
