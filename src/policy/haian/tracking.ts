/**
 * Tracking in time (三(一)3): 稳定就业 once a year, 灵活就业 and 无就业愿望 once every half year, 失业
 * every month. The next tracking falls due EDATE(last, months) — the same day that many months
 * later, held to the month's end — and the person is late when the cut-off date is past that day.
 * One late person is one case: −1 point (四、3). The Excel equivalent of the test is
 * `EDATE(最近跟踪服务日期, N) >= 截止日期`.
 */
import { edate, isoDate } from './dates';
import { HAIAN_2021, HaianInputError, intervalWords, type Finding, type HaianSettings, type HaianStatus } from './settings';

export interface TrackingInput {
  status: HaianStatus;
  /** Day (see dates.ts) of the latest tracking; null when the person was never tracked. */
  lastTracked: number | null;
  /** Day the person entered the ledger; the interval runs from here when later than the last tracking. */
  entryDate?: number | null;
  /** The cut-off date of the assessment (end of the quarter). */
  asOf: number;
}

export interface TrackingFinding extends Finding {
  kind: 'tracking';
  /** The day the next tracking was due; null when never tracked and no entry date. */
  dueDate: number | null;
  /** Days the cut-off date is past the due date (0 when in time). */
  daysOverdue: number;
}

/** `失业人员按月跟踪服务` / `稳定就业人员每年跟踪服务一次`. */
export function trackingRuleText(status: HaianStatus, settings: HaianSettings = HAIAN_2021): string {
  const months = settings.trackingIntervalMonths[status];
  return `${status}人员${intervalWords(months)}跟踪服务${months === 1 ? '' : '一次'}`;
}

export function trackingFinding(input: TrackingInput, settings: HaianSettings = HAIAN_2021): TrackingFinding {
  const { status, lastTracked, asOf } = input;
  const entryDate = input.entryDate ?? null;
  const months = settings.trackingIntervalMonths[status];
  if (!Number.isInteger(months) || months < 1) throw new HaianInputError(`「${status}」的跟踪间隔应为正整数个月，读到${months}`, 'trackingIntervalMonths');
  for (const [day, name] of [[lastTracked, '最近跟踪服务日期'], [entryDate, '纳入台账日期']] as const) {
    if (day !== null && day > asOf) throw new HaianInputError(`「${name}」${isoDate(day)}晚于考核截止日期${isoDate(asOf)}`, name);
  }
  const rule = trackingRuleText(status, settings);
  const points = settings.trackingLapsePoints;
  const cutOff = `截至${isoDate(asOf)}`;
  if (lastTracked === null && entryDate === null) {
    return { kind: 'tracking', state: 'deducted', points, reason: `${rule}；无跟踪服务记录，跟踪服务不到位，扣${points}分`, dueDate: null, daysOverdue: 0 };
  }
  // The interval runs from the later of the last tracking and the entry into the ledger.
  const fromEntry = entryDate !== null && (lastTracked === null || entryDate > lastTracked);
  const from = fromEntry ? entryDate! : lastTracked!;
  const since = lastTracked === null
    ? `尚无跟踪服务记录，自纳入台账日期${isoDate(entryDate!)}起算`
    : fromEntry
      ? `最近跟踪服务日期${isoDate(lastTracked)}，自其后的纳入台账日期${isoDate(entryDate!)}起算`
      : `最近跟踪服务日期${isoDate(lastTracked)}`;
  const dueDate = edate(from, months);
  if (asOf <= dueDate) {
    return { kind: 'tracking', state: 'ok', points: 0, reason: `${rule}；${since}，应于${isoDate(dueDate)}前再次跟踪，${cutOff}按时`, dueDate, daysOverdue: 0 };
  }
  const daysOverdue = asOf - dueDate;
  return {
    kind: 'tracking',
    state: 'deducted',
    points,
    reason: `${rule}；${since}，应于${isoDate(dueDate)}前再次跟踪，${cutOff}已逾期${daysOverdue}天，跟踪服务不到位，扣${points}分`,
    dueDate,
    daysOverdue,
  };
}
