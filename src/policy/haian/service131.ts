/**
 * The yearly "131" service (三(一)3): every person unemployed on the cut-off date is owed at least
 * one 职业指导, three 职业介绍 (推荐求职) and one 技能培训 (推荐培训) a year; the counts are the year's
 * so far. A person short of any part is one case of 跟踪服务不到位, −1 point (四、3) — or one point
 * per missing part under `service131Deduction: 'perItem'`. Before 31 December a shortfall is
 * listed as 尚缺 without a deduction (`service131AssessedAt: 'yearEnd'`): the quota is yearly.
 */
import { isoDate, isYearEnd } from './dates';
import { HAIAN_2021, HaianInputError, type Finding, type HaianSettings, type HaianStatus, type Service131Minimum } from './settings';

export type Service131Item = keyof Service131Minimum;
export const SERVICE_131_ITEMS: readonly Service131Item[] = ['guidance', 'referral', 'training'];
export const SERVICE_131_NAMES: Readonly<Record<Service131Item, string>> = { guidance: '职业指导', referral: '职业介绍', training: '技能培训' };

export interface Service131Input {
  status: HaianStatus;
  /** Times this year so far. */
  guidance: number;
  referral: number;
  training: number;
  asOf: number;
}

export interface Service131Finding extends Finding {
  kind: 'service131';
  /** The parts short of the minimum, with how many times are missing. */
  short: { item: Service131Item; have: number; need: number; missing: number }[];
}

export function service131Finding(input: Service131Input, settings: HaianSettings = HAIAN_2021): Service131Finding {
  if (!settings.service131Statuses.includes(input.status)) {
    return { kind: 'service131', state: 'notApplicable', points: 0, reason: `就业状态为${input.status}，不要求131服务`, short: [] };
  }
  const min = settings.service131Minimum;
  for (const item of SERVICE_131_ITEMS) {
    const n = input[item];
    if (!Number.isInteger(n) || n < 0) throw new HaianInputError(`「${SERVICE_131_NAMES[item]}次数」应为不小于0的整数，读到${n}`, item);
  }
  const had = SERVICE_131_ITEMS.map((item) => `${SERVICE_131_NAMES[item]}${input[item]}次`).join('、');
  const short = SERVICE_131_ITEMS.filter((item) => input[item] < min[item]).map((item) => ({
    item,
    have: input[item],
    need: min[item],
    missing: min[item] - input[item],
  }));
  if (short.length === 0) return { kind: 'service131', state: 'ok', points: 0, reason: `131服务已完成：${had}`, short };
  const missing = short.map((s) => `${SERVICE_131_NAMES[s.item]}${s.missing}次`).join('、');
  const required = `每年至少职业指导${min.guidance}次、职业介绍${min.referral}次、技能培训${min.training}次`;
  if (settings.service131AssessedAt === 'yearEnd' && !isYearEnd(input.asOf)) {
    return {
      kind: 'service131',
      state: 'pending',
      points: 0,
      reason: `截至${isoDate(input.asOf)}${had}，尚缺${missing}；131服务${required}，年末考核，本期不扣分`,
      short,
    };
  }
  const points = settings.service131Deduction === 'perItem' ? short.length * settings.service131Points : settings.service131Points;
  const per = settings.service131Deduction === 'perItem' ? `缺${short.length}项，每项扣${settings.service131Points}分` : '跟踪服务不到位一例';
  return {
    kind: 'service131',
    state: 'deducted',
    points,
    reason: `131服务未完成：${had}，缺${missing}（${required}）；${per}，扣${points}分`,
    short,
  };
}
