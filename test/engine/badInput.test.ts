/**
 * Spec §5: every kind of bad cell becomes a number, a number with a warning, or a located Chinese
 * error that blocks exactly the indicators reading it.
 */
import { FIELD_BY_KEY } from '../../src/fields';
import type { IssueResult, ScoreResult } from '../../src/result';
import { cellOf, hasChinese, monthOf, perfect, score, unitOf, type RowSpec } from './helpers';

const zh = (key: string) => FIELD_BY_KEY.get(key)!.zh;

/** Scores [bad row for U1, perfect row for U2] and checks the single error's location. */
function oneError(overrides: RowSpec, key: string): { result: ScoreResult; error: IssueResult } {
  const result = score([perfect(overrides), perfect({ unit: 'U2' })]);
  expect(result.errors).toHaveLength(1);
  const error = result.errors[0];
  expect(error).toMatchObject({ unit: 'U1', month: 4, field: zh(key), cell: cellOf(key, 0) });
  expect(hasChinese(error.message)).toBe(true);
  expect(error.message).toContain(zh(key));
  // Other rows unaffected.
  expect(monthOf(result, 'U2', 4).total).toBe(100);
  return { result, error };
}

/** Asserts that exactly `blocked` are null in U1's month 4 and every other indicator is at its perfect value. */
function expectBlocked(result: ScoreResult, blocked: string[]) {
  const m = monthOf(result, 'U1', 4);
  const perfectMonth = monthOf(score([perfect({ type: unitOf(result, 'U1').type ?? '社区' })]), 'U1', 4);
  for (const [code, v] of Object.entries(m.indicators)) {
    expect([code, v]).toEqual([code, blocked.includes(code) ? null : perfectMonth.indicators[code]]);
  }
  for (const code of blocked) expect(code in m.indicators).toBe(true);
  expect(m.total).toBeNull();
}

describe('numbers as text are accepted', () => {
  const variants: [string, unknown][] = [
    ['number', 2],
    ['text "2"', '2'],
    ['full-width "２"', '２'],
    ['padded " 2 "', ' 2 '],
    ['ideographic spaces', '\u30002\u3000'],
  ];
  it.each(variants)('a count as %s', (_n, v) => {
    const result = score([perfect({ validComplaints: v })]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.month !== null)).toEqual([]);
    expect(monthOf(result, 'U1', 4).indicators.Q3).toBe(3);
  });
  it.each([['"1000"', '1000'], ['"１０００"', '１０００'], ['" 1000 "', ' 1000 '], ['"1,000"', '1,000']])('laborForce as %s', (_n, v) => {
    const result = score([perfect({ laborForce: v, registeredUnemployed: '51' })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).indicators.E1).toBeCloseTo(4.9, 9);
  });
});

describe('rates: Excel percentages, percent text, bare numbers above 1', () => {
  const accepted: [string, unknown, number, boolean][] = [
    // name, cell, S6a points, warned
    ['Excel percentage 0.899', 0.899, 2.99, false],
    ['"89.9%"', '89.9%', 2.99, false],
    ['"89.9％" (full-width)', '89.9％', 2.99, false],
    ['"８９.９％"', '８９.９％', 2.99, false],
    ['" 89.9 % "', ' 89.9 % ', 2.99, false],
    ['text "0.899"', '0.899', 2.99, false],
    ['bare 89.9 → 0.899 with a warning', 89.9, 2.99, true],
    ['bare text "89.9" → 0.899 with a warning', '89.9', 2.99, true],
    ['bare 95 → 0.95 with a warning', 95, 3, true],
    ['1 is 100 %', 1, 3, false],
    ['bare 100 → 100 % with a warning', 100, 3, true],
    ['"100%"', '100%', 3, false],
    ['0', 0, 0, false],
  ];
  it.each(accepted)('phoneCheckAccuracy %s', (_n, v, points, warned) => {
    const result = score([perfect({ phoneCheckAccuracy: v })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).indicators.S6a).toBeCloseTo(points, 9);
    const w = result.warnings.filter((x) => x.field === zh('phoneCheckAccuracy'));
    if (warned) {
      expect(w).toHaveLength(1);
      expect(w[0]).toMatchObject({ unit: 'U1', month: 4, cell: cellOf('phoneCheckAccuracy', 0) });
      expect(hasChinese(w[0].message)).toBe(true);
    } else expect(w).toEqual([]);
  });
  it('a 村 last-year rate as bare 70 reads 70 % with a warning', () => {
    const result = score([perfect({ type: '村', ruralLabor: 1000, ruralTransferred: 699, ruralTransferRatePrev: 70 })]);
    expect(monthOf(result, 'U1', 4).indicators.E4b).toBeCloseTo(4.9, 9);
    expect(result.warnings.filter((x) => x.field === zh('ruralTransferRatePrev'))).toHaveLength(1);
  });
});

describe('errors located and blocking only their indicators', () => {
  const cases: [string, RowSpec, string, string[]][] = [
    // name, overrides, faulty field, blocked indicators
    ['laborForce blank', { laborForce: null }, 'laborForce', ['E1', 'E3']],
    ['laborForce 0', { laborForce: 0 }, 'laborForce', ['E1', 'E3']],
    ['laborForce "0"', { laborForce: '0' }, 'laborForce', ['E1', 'E3']],
    ['laborForce "无"', { laborForce: '无' }, 'laborForce', ['E1', 'E3']],
    ['laborResource blank', { laborResource: null }, 'laborResource', ['S1']],
    ['laborResource 0', { laborResource: 0 }, 'laborResource', ['S1']],
    ['ruralLabor blank (村)', { type: '村', ruralLabor: null }, 'ruralLabor', ['E4b']],
    ['ruralLabor 0 (村)', { type: '村', ruralLabor: 0 }, 'ruralLabor', ['E4b']],
    ['ruralTransferRatePrev blank (村)', { type: '村', ruralTransferRatePrev: null }, 'ruralTransferRatePrev', ['E4b']],
    ['phoneCheckAccuracy blank', { phoneCheckAccuracy: null }, 'phoneCheckAccuracy', ['S6a']],
    ['phoneCheckAccuracy whitespace only', { phoneCheckAccuracy: '  ' }, 'phoneCheckAccuracy', ['S6a']],
    ['negative count', { validComplaints: -1 }, 'validComplaints', ['Q3']],
    ['negative count as text', { longTermUnemployed: '-2' }, 'longTermUnemployed', ['E2']],
    ['negative part of a ratio', { overdueReviews: -1 }, 'overdueReviews', ['S2']],
    ['"无" in a count', { matchNotTracked: '无' }, 'matchNotTracked', ['S3c']],
    ['"N/A" in a count', { staleFeedback: 'N/A' }, 'staleFeedback', ['S5c']],
    ['"N/A" in a shared input', { jobSeekersStart: 'N/A' }, 'jobSeekersStart', ['S3b']],
    ['"无" in a rate', { phoneCheckAccuracy: '无' }, 'phoneCheckAccuracy', ['S6a']],
    ['a percentage in a count', { serviceCount: '50%' }, 'serviceCount', ['Q1']],
    ['a logical value in a count', { pendingOverdue: true }, 'pendingOverdue', ['S6c']],
    ['rate "101%"', { phoneCheckAccuracy: '101%' }, 'phoneCheckAccuracy', ['S6a']],
    ['rate 101 (bare → 101 %)', { phoneCheckAccuracy: 101 }, 'phoneCheckAccuracy', ['S6a']],
    ['rate "120%" (村 last year)', { type: '村', ruralTransferRatePrev: '120%' }, 'ruralTransferRatePrev', ['E4b']],
    ['negative rate', { phoneCheckAccuracy: -0.5 }, 'phoneCheckAccuracy', ['S6a']],
    ['unreadable flag', { newStaffTrained: '也许' }, 'newStaffTrained', ['P2']],
    ['blank flag from April', { staffTrainingMet: null }, 'staffTrainingMet', ['P2']],
    // Part–whole pairs: the part is at fault.
    ['registeredUnemployed > laborForce', { registeredUnemployed: 1001 }, 'registeredUnemployed', ['E1']],
    ['hardToEmploy > laborForce', { hardToEmploy: 1001 }, 'hardToEmploy', ['E3']],
    ['ruralTransferred > ruralLabor', { type: '村', ruralTransferred: 801 }, 'ruralTransferred', ['E4b']],
    ['laborInfoUpdated > laborResource', { laborInfoUpdated: 1001 }, 'laborInfoUpdated', ['S1']],
    ['overdueReviews > selfServiceApplications', { overdueReviews: 21 }, 'overdueReviews', ['S2']],
    // An error on an input must block its indicator even when the base is empty (R2 must not
    // turn a located error back into a met rate).
    ['overdueReviews > blank selfServiceApplications (empty base)', { overdueReviews: 1, selfServiceApplications: null }, 'overdueReviews', ['S2']],
    ['overdueReviews "N/A" with no applications (empty base)', { overdueReviews: 'N/A', selfServiceApplications: 0 }, 'overdueReviews', ['S2']],
    ['gradsFollowedUp > 0 graduates (empty base)', { gradsRegistered: 0, gradsFollowedUp: 1, gradsServed: 0, gradsEmployed: 0 }, 'gradsFollowedUp', ['S4b']],
    ['gradsEmployed > 0 graduates (empty base)', { gradsRegistered: 0, gradsFollowedUp: 0, gradsServed: 0, gradsEmployed: 2 }, 'gradsEmployed', ['S4b']],
    ['matchSucceeded > 0 matched (empty base)', { matchSucceeded: 1, matchedPersons: 0 }, 'matchSucceeded', ['Q2a']],
    ['trainingSubsidized > 0 referred (empty base)', { trainingSubsidized: 1, trainingReferredTotal: 0, registeredUnemployedTotal: 0 }, 'trainingSubsidized', ['Q2c']],
    ['jobRecommended "无" with nobody to recommend (empty base)', { jobRecommended: '无', jobSeekersStart: 0, newUnemployed: 0, jobRecommendedEmployed: 0 }, 'jobRecommended', ['S3b']],
    ['trainingRecommended -1 with nobody to train (empty base)', { trainingRecommended: -1, trainingSeekersStart: 0, trainingSeekersNew: 0, trainingRecommendedEmployed: 0 }, 'trainingRecommended', ['S3d']],
    ['gradsFollowedUp > gradsRegistered', { gradsFollowedUp: 11 }, 'gradsFollowedUp', ['S4b']],
    ['gradsServed > gradsRegistered', { gradsServed: 11 }, 'gradsServed', ['S4b']],
    ['gradsEmployed > gradsRegistered', { gradsEmployed: 11 }, 'gradsEmployed', ['S4b']],
    ['matchSucceeded > matchedPersons', { matchSucceeded: 11 }, 'matchSucceeded', ['Q2a']],
    ['trainingSubsidized > trainingReferredTotal', { trainingSubsidized: 31 }, 'trainingSubsidized', ['Q2c']],
  ];
  it.each(cases)('%s', (_n, overrides, key, blocked) => {
    const { result, error } = oneError(overrides, key);
    expectBlocked(result, blocked);
    expect(unitOf(result, 'U1').annual).toBeNull();
    expect(unitOf(result, 'U2').annual).toBe(100);
    expect(error.message.length).toBeGreaterThan(zh(key).length);
  });

  it('a part equal to its whole is not an error', () => {
    const result = score([perfect({ registeredUnemployed: 1000, gradsEmployed: 10, matchSucceeded: 10 })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).indicators.E1).toBe(0);
  });

  it('a computed rate above 100 % is not an error', () => {
    const result = score([perfect({ jobRecommended: 100, trainingRecommended: 100, serviceCount: 500, trainingReferredTotal: 500, trainingSubsidized: 400 })]);
    expect(result.errors).toEqual([]);
    expect(monthOf(result, 'U1', 4).total).toBe(100);
  });

  it('a blank count is 0, silently', () => {
    const counts = ['registeredUnemployed', 'longTermUnemployed', 'hardToEmploy', 'zeroJobHouseholdsLate', 'overdueReviews', 'unconfirmedRecords', 'matchNotTracked', 'hardUnassisted6m', 'fishersPovertyIdle', 'staleFeedback', 'pendingOverdue', 'validComplaints', 'idleAccounts'];
    const result = score([perfect(Object.fromEntries(counts.map((k) => [k, null])))]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.month !== null)).toEqual([]);
    expect(monthOf(result, 'U1', 4).total).toBe(100);
  });

  it('an unreadable service count blocks Q1 even when the province average is 0 (empty base)', () => {
    const params = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, provinceUpdateCoverage: 0.85, provinceAvgServiceCount: 0, provinceAvgMatchSuccess: 0.6, provinceAvgTrainingCoverage: 0.5, provinceAvgSubsidyCoverage: 0.5 }));
    const result = score([perfect({ serviceCount: '无' })], { params });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 4, field: zh('serviceCount'), cell: cellOf('serviceCount', 0) });
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators.Q1).toBeNull();
    expect(m.total).toBeNull();
  });

  it('two errors in one row block the union of their indicators', () => {
    const result = score([perfect({ laborResource: null, validComplaints: 'N/A' })]);
    expect(result.errors.map((e) => e.field).sort()).toEqual([zh('laborResource'), zh('validComplaints')].sort());
    const m = monthOf(result, 'U1', 4);
    expect(m.indicators.S1).toBeNull();
    expect(m.indicators.Q3).toBeNull();
    expect(m.indicators.E1).toBe(5);
  });

  it('an error in one month leaves the unit\'s other months scoring and the annual from them', () => {
    const result = score([perfect({ month: 4, laborForce: null }), perfect({ month: 5 }), perfect({ month: 6, validComplaints: 1 })]);
    const u = unitOf(result, 'U1');
    expect(u.months.map((m) => m.total)).toEqual([null, 100, 99]);
    expect(u.annual).toBe(99.5);
    expect(u.missingMonths).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 11, 12]);
    const w = result.warnings.filter((x) => x.unit === 'U1' && x.month === null);
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('缺少1–3、7–12月'); // absent
    expect(w[0].message).toMatch(/4月有错误/); // present but blocked
  });

  it('a column missing from the mapping is one error naming the field, blocking its indicators', () => {
    const result = score([perfect(), perfect({ unit: 'U2' })], { unmapped: ['validComplaints'] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ field: zh('validComplaints') });
    expect(monthOf(result, 'U1', 4).indicators.Q3).toBeNull();
    expect(monthOf(result, 'U2', 4).indicators.Q3).toBeNull();
    expect(monthOf(result, 'U2', 4).indicators.E1).toBe(5);
  });
});

describe('row identity: duplicates, months, types', () => {
  it('a unit-month that appears twice is an error; that month is not scored, others are', () => {
    const result = score([perfect({ month: 4 }), perfect({ month: 5 }), perfect({ month: 4, validComplaints: 1 }), perfect({ unit: 'U2' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 4, field: '月份', cell: cellOf('month', 2) });
    expect(hasChinese(result.errors[0].message)).toBe(true);
    const u = unitOf(result, 'U1');
    expect(u.months.map((m) => m.month)).toEqual([5]);
    expect(u.missingMonths).toContain(4);
    expect(u.annual).toBe(100);
    expect(monthOf(result, 'U2', 4).total).toBe(100);
  });

  it('the same month written differently is still a duplicate', () => {
    const result = score([perfect({ month: 3 }), perfect({ month: '3月' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 3, cell: cellOf('month', 1) });
  });

  const goodMonths: [string, unknown, number][] = [
    ['a Date', new Date(Date.UTC(2024, 2, 1)), 3],
    ['"2024-03"', '2024-03', 3],
    ['"2024/3"', '2024/3', 3],
    ['"2024年3月"', '2024年3月', 3],
    ['"3月"', '3月', 3],
    ['"三月"', '三月', 3],
    ['"十二月"', '十二月', 12],
    ['text "11"', '11', 11],
    ['12', 12, 12],
  ];
  it.each(goodMonths)('month as %s', (_n, v, month) => {
    const result = score([perfect({ month: v })]);
    expect(result.errors).toEqual([]);
    expect(unitOf(result, 'U1').months.map((m) => m.month)).toEqual([month]);
  });

  const badMonths: [string, unknown][] = [['13', 13], ['0', 0], ['"2024-13"', '2024-13'], ['3.5', 3.5], ['"十三月"', '十三月'], ['"春季"', '春季'], ['blank', null]];
  it.each(badMonths)('month %s is an error and the row is not scored', (_n, v) => {
    const result = score([perfect({ month: v }), perfect({ month: 5 })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: null, field: '月份', cell: cellOf('month', 0) });
    expect(hasChinese(result.errors[0].message)).toBe(true);
    expect(unitOf(result, 'U1').months.map((m) => m.month)).toEqual([5]);
  });

  it.each([['"街道"', '街道'], ['blank', null], ['"社区村"', '社区村']])('type %s is an error blocking E4 only', (_n, v) => {
    const result = score([perfect({ type: v }), perfect({ unit: 'U2' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 4, field: '类型', cell: cellOf('type', 0) });
    expect(hasChinese(result.errors[0].message)).toBe(true);
    const m = monthOf(result, 'U1', 4);
    expect(m.total).toBeNull();
    for (const [code, points] of Object.entries(m.indicators)) {
      if (code === 'E4a' || code === 'E4b') expect(points).toBeNull();
      else expect([code, points]).not.toEqual([code, null]);
    }
    expect(m.indicators.S1).toBe(5);
    expect(monthOf(result, 'U2', 4).total).toBe(100);
  });

  it('a type that changes between months is an error on the later month, blocking its E4', () => {
    const result = score([perfect({ month: 4, type: '社区' }), perfect({ month: 5, type: '村' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ unit: 'U1', month: 5, field: '类型', cell: cellOf('type', 1) });
    expect(monthOf(result, 'U1', 4).total).toBe(100);
    const may = monthOf(result, 'U1', 5);
    expect(may.total).toBeNull();
    expect(may.indicators.S1).toBe(5);
    expect(unitOf(result, 'U1').type).toBe('社区');
  });

  it('type synonyms 居委会 / 行政村', () => {
    const result = score([perfect({ unit: 'A', type: '居委会' }), perfect({ unit: 'B', type: '行政村' })]);
    expect(result.errors).toEqual([]);
    expect(unitOf(result, 'A').type).toBe('社区');
    expect(unitOf(result, 'B').type).toBe('村');
  });

  it('a blank unit name is an error and the row is not scored', () => {
    const result = score([perfect({ unit: null }), perfect({ unit: 'U2' })]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ field: '单位名称', cell: cellOf('unit', 0) });
    expect(result.units.map((u) => u.unit)).toEqual(['U2']);
  });
});
