/**
 * 海安 2021 (seed 003): the three per-person findings and the town rate as pure functions. Every
 * expected date and point is worked out by hand in the comment beside it.
 */
import {
  edate, HAIAN_2021, HaianInputError, isoDate, readDates, readSubsidyCell, service131Finding, subsidyFinding,
  townUnemploymentRate, trackingFinding, type HaianSettings, type HaianStatus, type SubsidyItems,
} from '../../../src/policy/haian';
import { day } from './helpers';

describe('海安 2021 settings come from the seed', () => {
  test('三(一)3 intervals, the 131 minimum, 四、3 one point per case and per subsidy item, 三(二)1 3 % 以内', () => {
    expect(HAIAN_2021.trackingIntervalMonths).toEqual({ 稳定就业: 12, 灵活就业: 6, 无就业愿望: 6, 失业: 1 });
    expect(HAIAN_2021).toMatchObject({
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
    });
  });
});

describe('dates', () => {
  test('EDATE holds the day to the month end: 2020-08-31 + 6 → 2021-02-28; 2021-01-31 + 1 → 2021-02-28; 2020-02-29 + 12 → 2021-02-28', () => {
    expect(isoDate(edate(day('2020-08-31'), 6))).toBe('2021-02-28');
    expect(isoDate(edate(day('2021-01-31'), 1))).toBe('2021-02-28');
    expect(isoDate(edate(day('2020-02-29'), 12))).toBe('2021-02-28');
    expect(isoDate(edate(day('2021-03-31'), -1))).toBe('2021-02-28');
  });

  test('a Date, an Excel serial (44286 = 2021-03-31), 20210331 and the usual texts; several dates in a cell', () => {
    const one = (v: Parameters<typeof readDates>[0]) => {
      const r = readDates(v, '最近跟踪服务日期');
      return r.ok ? r.days.map(isoDate) : r.error;
    };
    expect(one(new Date(Date.UTC(2021, 2, 31)))).toEqual(['2021-03-31']);
    expect(one(44286)).toEqual(['2021-03-31']);
    expect(one(20210331)).toEqual(['2021-03-31']);
    for (const text of ['2021-03-31', '2021/3/31', '2021.3.31', '2021年3月31日', '２０２１－０３－３１', '2021-03-31 00:00:00', ' 20210331 ']) {
      expect(one(text)).toEqual(['2021-03-31']);
    }
    expect(one('2021-01-05、2021-02-03，2021/3/1')).toEqual(['2021-01-05', '2021-02-03', '2021-03-01']);
    expect(one(null)).toEqual([]);
    expect(one('  ')).toEqual([]);
  });

  test('impossible or unreadable dates are errors, never a guess', () => {
    expect(readDates('2021-02-30', '最近跟踪服务日期')).toEqual({ ok: false, error: '「最近跟踪服务日期」不是有效的日期：「2021-02-30」' });
    expect(readDates('已跟踪', '最近跟踪服务日期')).toEqual({ ok: false, error: '「最近跟踪服务日期」不是有效的日期：「已跟踪」' });
    expect(readDates(3, '最近跟踪服务日期')).toEqual({ ok: false, error: '「最近跟踪服务日期」不是有效的日期：「3」' });
    expect(readDates(true, '最近跟踪服务日期')).toEqual({ ok: false, error: '「最近跟踪服务日期」应为日期，单元格是逻辑值 TRUE' });
  });
});

const track = (status: HaianStatus, lastTracked: string | null, asOf: string, entryDate: string | null = null) =>
  trackingFinding({ status, lastTracked: lastTracked === null ? null : day(lastTracked), entryDate: entryDate === null ? null : day(entryDate), asOf: day(asOf) });

describe('tracking in time: due EDATE(last, N); late once the cut-off is past the due day', () => {
  test('稳定就业, every 12 months: 2020-03-31 + 12 = 2021-03-31 = cut-off → in time; 2020-03-30 → due 2021-03-30, one day over → −1', () => {
    const onTime = track('稳定就业', '2020-03-31', '2021-03-31');
    expect(onTime).toMatchObject({ state: 'ok', points: 0, daysOverdue: 0 });
    expect(onTime.reason).toBe('稳定就业人员每年跟踪服务一次；最近跟踪服务日期2020-03-31，应于2021-03-31前再次跟踪，截至2021-03-31按时');
    const late = track('稳定就业', '2020-03-30', '2021-03-31');
    expect(late).toMatchObject({ state: 'deducted', points: 1, daysOverdue: 1 });
    expect(late.reason).toBe('稳定就业人员每年跟踪服务一次；最近跟踪服务日期2020-03-30，应于2021-03-30前再次跟踪，截至2021-03-31已逾期1天，跟踪服务不到位，扣1分');
  });

  test('灵活就业, every 6 months, cut-off 2021-06-30: 2020-12-30 + 6 = 2021-06-30 → in time; 2020-12-29 → due 2021-06-29 → −1', () => {
    expect(track('灵活就业', '2020-12-30', '2021-06-30')).toMatchObject({ state: 'ok', points: 0 });
    expect(track('灵活就业', '2020-12-29', '2021-06-30')).toMatchObject({ state: 'deducted', points: 1, daysOverdue: 1 });
    // At a March cut-off no date is due exactly on the 31st: 2020-09-30 + 6 = 2021-03-30, one day over.
    expect(track('灵活就业', '2020-09-30', '2021-03-31')).toMatchObject({ state: 'deducted', daysOverdue: 1 });
    expect(track('灵活就业', '2020-10-01', '2021-03-31')).toMatchObject({ state: 'ok' });
  });

  test('无就业愿望, every 6 months, cut-off 2021-09-30: 2021-03-30 + 6 = 2021-09-30 → in time; 2021-03-29 → −1', () => {
    expect(track('无就业愿望', '2021-03-30', '2021-09-30')).toMatchObject({ state: 'ok', points: 0 });
    const late = track('无就业愿望', '2021-03-29', '2021-09-30');
    expect(late).toMatchObject({ state: 'deducted', points: 1, daysOverdue: 1 });
    expect(late.reason).toMatch(/^无就业愿望人员每半年跟踪服务一次；/);
  });

  test('失业, every month, cut-off 2021-06-30: 2021-05-30 + 1 = 2021-06-30 → in time; 2021-05-29 → due 2021-06-29 → −1', () => {
    expect(track('失业', '2021-05-30', '2021-06-30')).toMatchObject({ state: 'ok', points: 0 });
    const late = track('失业', '2021-05-29', '2021-06-30');
    expect(late).toMatchObject({ state: 'deducted', points: 1, daysOverdue: 1 });
    expect(late.reason).toBe('失业人员按月跟踪服务；最近跟踪服务日期2021-05-29，应于2021-06-29前再次跟踪，截至2021-06-30已逾期1天，跟踪服务不到位，扣1分');
    // 2021-02-28 + 1 = 2021-03-28: at the end of March that is 3 days over; 2021-03-01 is due 2021-04-01.
    expect(track('失业', '2021-02-28', '2021-03-31')).toMatchObject({ state: 'deducted', daysOverdue: 3 });
    expect(track('失业', '2021-03-01', '2021-03-31')).toMatchObject({ state: 'ok' });
  });

  test('never tracked: −1; a newcomer counts from 纳入台账日期 (2021-03-10 + 1 = 04-10, not due; 2021-02-27 + 1 = 03-27, 4 days over)', () => {
    expect(track('失业', null, '2021-03-31')).toMatchObject({ state: 'deducted', points: 1, reason: '失业人员按月跟踪服务；无跟踪服务记录，跟踪服务不到位，扣1分' });
    expect(track('失业', null, '2021-03-31', '2021-03-10')).toMatchObject({ state: 'ok', dueDate: day('2021-04-10') });
    expect(track('失业', null, '2021-03-31', '2021-02-27')).toMatchObject({ state: 'deducted', daysOverdue: 4 });
    // Tracked 2020-06-01 while employed, entered as unemployed 2021-03-15: due 2021-04-15.
    const changed = track('失业', '2020-06-01', '2021-03-31', '2021-03-15');
    expect(changed).toMatchObject({ state: 'ok', dueDate: day('2021-04-15') });
    expect(changed.reason).toContain('自其后的纳入台账日期2021-03-15起算');
  });

  test('a date after the cut-off is refused', () => {
    expect(() => track('失业', '2021-04-01', '2021-03-31')).toThrow(HaianInputError);
  });
});

const s131 = (counts: [number, number, number], asOf = '2021-12-31', status: HaianStatus = '失业', settings: HaianSettings = HAIAN_2021) =>
  service131Finding({ status, guidance: counts[0], referral: counts[1], training: counts[2], asOf: day(asOf) }, settings);

describe('131 service: ≥1 职业指导, ≥3 职业介绍, ≥1 技能培训 a year, for the unemployed', () => {
  test('1/3/1 at year end is complete; 1/2/1 is one case, −1', () => {
    expect(s131([1, 3, 1])).toMatchObject({ state: 'ok', points: 0, reason: '131服务已完成：职业指导1次、职业介绍3次、技能培训1次' });
    const short = s131([1, 2, 1]);
    expect(short).toMatchObject({ state: 'deducted', points: 1, short: [{ item: 'referral', have: 2, need: 3, missing: 1 }] });
    expect(short.reason).toBe(
      '131服务未完成：职业指导1次、职业介绍2次、技能培训1次，缺职业介绍1次（每年至少职业指导1次、职业介绍3次、技能培训1次）；跟踪服务不到位一例，扣1分',
    );
  });

  test('0/0/0: one case per person (−1); per item it would be 3 parts × 1 = −3', () => {
    expect(s131([0, 0, 0])).toMatchObject({ state: 'deducted', points: 1 });
    expect(s131([0, 0, 0], '2021-12-31', '失业', { ...HAIAN_2021, service131Deduction: 'perItem' })).toMatchObject({ points: 3 });
    // Per item counts parts, not times: 职业介绍 short by 3 times is one part.
    expect(s131([1, 0, 1], '2021-12-31', '失业', { ...HAIAN_2021, service131Deduction: 'perItem' })).toMatchObject({ points: 1 });
  });

  test('before 31 December a shortfall is 尚缺, no deduction; with everyCutOff it is deducted each quarter', () => {
    const pending = s131([1, 1, 0], '2021-09-30');
    expect(pending).toMatchObject({ state: 'pending', points: 0 });
    expect(pending.reason).toBe('截至2021-09-30职业指导1次、职业介绍1次、技能培训0次，尚缺职业介绍2次、技能培训1次；131服务每年至少职业指导1次、职业介绍3次、技能培训1次，年末考核，本期不扣分');
    expect(s131([1, 1, 0], '2021-09-30', '失业', { ...HAIAN_2021, service131AssessedAt: 'everyCutOff' })).toMatchObject({ state: 'deducted', points: 1 });
  });

  test('not owed to the employed or to those with no wish to work', () => {
    for (const status of ['稳定就业', '灵活就业', '无就业愿望'] as const) {
      expect(s131([0, 0, 0], '2021-12-31', status)).toMatchObject({ state: 'notApplicable', points: 0, reason: `就业状态为${status}，不要求131服务` });
    }
  });
});

describe('subsidies: −1 per item entitled and not granted', () => {
  const cell = (v: Parameters<typeof readSubsidyCell>[0]): SubsidyItems => {
    const r = readSubsidyCell(v, '应享受补贴');
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  test('counts: 2 entitled, 1 granted → 1 missing, −1; 3 and none → −3; all granted → 0; none entitled → not applicable', () => {
    expect(subsidyFinding(cell(2), cell(1))).toMatchObject({ state: 'deducted', points: 1, missing: 1, reason: '应享受补贴2项，已发放1项，缺少1项，每项扣1分，扣1分' });
    expect(subsidyFinding(cell('3'), cell(null))).toMatchObject({ points: 3, missing: 3 });
    expect(subsidyFinding(cell(2), cell('２'))).toMatchObject({ state: 'ok', points: 0 });
    expect(subsidyFinding(cell('无'), cell(null))).toMatchObject({ state: 'notApplicable', points: 0 });
  });

  test('names: 社保补贴、培训补贴 entitled, 社保补贴 granted → 培训补贴 missing, −1', () => {
    const f = subsidyFinding(cell('社保补贴、培训补贴'), cell('社保补贴'));
    expect(f).toMatchObject({ state: 'deducted', points: 1, missingNames: ['培训补贴'], extraNames: [] });
    expect(f.reason).toBe('应享受补贴2项（社保补贴、培训补贴），已发放1项，缺少1项（培训补贴），每项扣1分，扣1分');
    // A subsidy granted but not listed as entitled is no deduction; it is returned for a warning.
    expect(subsidyFinding(cell('社保补贴'), cell('社保补贴,初始创业补贴'))).toMatchObject({ state: 'ok', extraNames: ['初始创业补贴'] });
  });

  test('bad cells: negative, a fraction, a percentage; more granted than entitled', () => {
    expect(readSubsidyCell(-1, '应享受补贴')).toEqual({ ok: false, error: '「应享受补贴」不能为负数：-1' });
    expect(readSubsidyCell('1.5', '应享受补贴')).toEqual({ ok: false, error: '「应享受补贴」应为整数项数，读到1.5' });
    expect(readSubsidyCell('50%', '应享受补贴')).toEqual({ ok: false, error: '「应享受补贴」应为项数，不应是百分比：「50%」' });
    expect(() => subsidyFinding(cell(1), cell(2))).toThrow('「已发放补贴」2项多于「应享受补贴」1项');
  });
});

describe('town registered unemployment rate ≤ 3 %', () => {
  test('30 of 1,000 = 3.00 %, exactly the line, 达标 (以内); 31 of 1,000 = 3.10 %, 未达标; 3 of 100 also exactly 3 %', () => {
    expect(townUnemploymentRate({ laborForce: 1000, registeredUnemployed: 30 })).toEqual({
      rate: 0.03, percent: 3, meets: true, explanation: '登记失业30人÷劳动力1000人＝3.00%，等于3%，达标',
    });
    expect(townUnemploymentRate({ laborForce: 1000, registeredUnemployed: 31 })).toMatchObject({
      percent: 3.1, meets: false, explanation: '登记失业31人÷劳动力1000人＝3.10%，高于3%，未达标',
    });
    expect(townUnemploymentRate({ laborForce: 100, registeredUnemployed: 3 }).meets).toBe(true);
    // 29 of 1,000 = 2.90 %.
    expect(townUnemploymentRate({ laborForce: 1000, registeredUnemployed: 29 }).explanation).toBe('登记失业29人÷劳动力1000人＝2.90%，低于3%，达标');
    // A strict reading (<3 %) makes exactly 3 % fail.
    expect(townUnemploymentRate({ laborForce: 1000, registeredUnemployed: 30 }, { ...HAIAN_2021, unemploymentRateInclusive: false }).meets).toBe(false);
  });

  test('no labour force, negative or more unemployed than labour force are errors', () => {
    expect(() => townUnemploymentRate({ laborForce: 0, registeredUnemployed: 0 })).toThrow('「劳动力人数」必须大于0，读到0');
    expect(() => townUnemploymentRate({ laborForce: 100, registeredUnemployed: -1 })).toThrow('「登记失业人数」不能为负数，读到-1');
    expect(() => townUnemploymentRate({ laborForce: 100, registeredUnemployed: 101 })).toThrow('「登记失业人数」101多于「劳动力人数」100');
  });
});
