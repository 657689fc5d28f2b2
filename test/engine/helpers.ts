/**
 * Builders for the engine tests: RawLedger objects made directly (no file reading), with a
 * column per attribute and per rubric field and real cell addresses (`台账!C5`), so that every
 * error's location can be asserted.
 */
import { ATTRIBUTES, FIELDS, FIELD_BY_KEY, PARAM_FIELDS, type UnitAttributeKey } from '../../src/fields';
import type { CellValue, ColumnMapping, RawLedger, RawParamRow, RawRow, SourcedValue } from '../../src/ledger/types';
import type { MonthResult, ScoreResult, UnitResult } from '../../src/result';
import { scoreLedger, type ScoreOptions } from '../../src/score';

export const SHEET = '台账';
export const PARAM_SHEET = '参数';
/** 1-based sheet row of the first data row (a title row and a two-row header above it). */
export const FIRST_DATA_ROW = 4;

const ATTRIBUTE_KEYS = ATTRIBUTES.map((a) => a.key);
const ATTRIBUTE_SET = new Set<string>(ATTRIBUTE_KEYS);

/** Column order of the test ledger: identity and per-unit attributes, then every field. */
export const COLUMN_KEYS: readonly string[] = [...ATTRIBUTE_KEYS, ...FIELDS.map((f) => f.key)];

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Sheet-qualified address of a key's cell on the (0-based) data row `rowIndex`. */
export function cellOf(key: string, rowIndex: number): string {
  const col = COLUMN_KEYS.indexOf(key);
  if (col < 0) throw new Error(`unknown column ${key}`);
  return `${SHEET}!${columnLetter(col)}${FIRST_DATA_ROW + rowIndex}`;
}

const PARAM_KEYS: readonly string[] = ['month', ...PARAM_FIELDS.map((f) => f.key)];
export function paramCellOf(key: string, rowIndex: number): string {
  return `${PARAM_SHEET}!${columnLetter(PARAM_KEYS.indexOf(key))}${2 + rowIndex}`;
}

export type RowSpec = Record<string, unknown>;

/** Province averages that a 'perfect' row comfortably meets. */
export const DEFAULT_PARAMS = {
  provinceUpdateCoverage: 0.85,
  provinceAvgServiceCount: 100,
  provinceAvgMatchSuccess: 0.6,
  provinceAvgTrainingCoverage: 0.5,
  provinceAvgSubsidyCoverage: 0.5,
} as const;

export const defaultParamRows = (): RowSpec[] =>
  Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...DEFAULT_PARAMS }));

/** All input fields of a unit-month that scores 100 (社区 and 村 fields both present). */
export const PERFECT_INPUTS: Readonly<Record<string, CellValue>> = {
  laborForce: 1000,
  registeredUnemployed: 10,
  longTermUnemployed: 0,
  hardToEmploy: 10,
  zeroJobHouseholdsLate: 0,
  ruralTransferred: 600,
  ruralLabor: 800,
  ruralTransferRatePrev: 0.7,
  laborInfoUpdated: 900,
  laborResource: 1000,
  selfServiceApplications: 20,
  overdueReviews: 0,
  unconfirmedRecords: 0,
  jobRecommended: 30,
  jobSeekersStart: 25,
  newUnemployed: 10,
  jobRecommendedEmployed: 5,
  matchNotTracked: 0,
  trainingRecommended: 20,
  trainingSeekersStart: 15,
  trainingSeekersNew: 8,
  trainingRecommendedEmployed: 3,
  hardUnassisted6m: 0,
  gradsRegistered: 10,
  gradsFollowedUp: 10,
  gradsServed: 10,
  gradsEmployed: 10,
  fishersPovertyIdle: 0,
  newEmployers: 5,
  platformNewEmployers: 2,
  marketEntities: 20000,
  staleFeedback: 0,
  phoneCheckAccuracy: 0.95,
  surveyDeduction: 0,
  pendingOverdue: 0,
  serviceCount: 120,
  matchSucceeded: 8,
  matchedPersons: 10,
  trainingReferredTotal: 30,
  registeredUnemployedTotal: 50,
  trainingSubsidized: 20,
  validComplaints: 0,
  realNameAccounts: 2,
  idleAccounts: 0,
  staffTrainingMet: '是',
  newStaffTrained: '是',
  publicityPoints: 2,
};

/** One unit-month scoring 100, unit 'U1' (社区), month 4, with overrides (null = blank cell, undefined = no cell). */
export function perfect(overrides: RowSpec = {}): RowSpec {
  return { unit: 'U1', type: '社区', month: 4, ...PERFECT_INPUTS, ...overrides };
}

function sourced(rowSpec: RowSpec, key: string, cell: string): SourcedValue | undefined {
  const v = rowSpec[key];
  if (v === undefined) return undefined;
  return { value: v as CellValue, cell };
}

export interface LedgerOptions {
  /** Params rows; default: DEFAULT_PARAMS for months 1–12. */
  params?: RowSpec[];
  /** Rows of a separate unit-information sheet (单位信息), keyed by unit. */
  unitRows?: RowSpec[];
  /** Field keys left out of the mapping (an unmapped column). */
  unmapped?: string[];
}

/** A RawLedger as a reader would produce it: every attribute and field column mapped canonically. */
export function ledger(rows: RowSpec[], options: LedgerOptions = {}): RawLedger {
  const unmapped = new Set(options.unmapped ?? []);
  const columns: ColumnMapping[] = COLUMN_KEYS.map((key, column) => {
    const attr = ATTRIBUTES.find((a) => a.key === key);
    const header = attr ? attr.zh : FIELD_BY_KEY.get(key)!.zh;
    const mapped = !unmapped.has(key);
    return {
      column,
      header,
      target: !mapped ? null : attr ? { kind: 'attribute', key: attr.key } : { kind: 'field', key },
      confidence: mapped ? 1 : 0,
      matchedBy: mapped ? 'canonical' : 'none',
    };
  });
  const toRaw = (spec: RowSpec, i: number, sheet: string, cellFn: (key: string, i: number) => string): RawRow => {
    for (const key of Object.keys(spec)) {
      if (!ATTRIBUTE_SET.has(key) && !FIELD_BY_KEY.has(key)) throw new Error(`test row has unknown key ${key}`);
    }
    const attributes: RawRow['attributes'] = {};
    for (const key of ATTRIBUTE_KEYS) {
      const s = sourced(spec, key, cellFn(key, i));
      if (s) attributes[key as UnitAttributeKey] = s;
    }
    const fields: Record<string, SourcedValue> = {};
    for (const f of FIELDS) {
      if (unmapped.has(f.key)) continue;
      const s = sourced(spec, f.key, cellFn(f.key, i));
      if (s) fields[f.key] = s;
    }
    return { rowRef: `${sheet}!A${FIRST_DATA_ROW + i}`, row: FIRST_DATA_ROW + i, attributes, fields };
  };
  const params: RawParamRow[] = (options.params ?? defaultParamRows()).map((p, i) => {
    const fields: Record<string, SourcedValue> = {};
    for (const f of PARAM_FIELDS) {
      const s = sourced(p, f.key, paramCellOf(f.key, i));
      if (s) fields[f.key] = s;
    }
    return { row: 2 + i, month: { value: (p.month ?? null) as CellValue, cell: paramCellOf('month', i) }, fields };
  });
  const unitCell = (key: string, i: number) => `单位信息!${columnLetter(ATTRIBUTE_KEYS.indexOf(key as UnitAttributeKey))}${2 + i}`;
  return {
    source: 'test',
    sheet: SHEET,
    mapping: { sheet: SHEET, headerRows: [1, 2], firstDataRow: FIRST_DATA_ROW - 1, columns },
    rows: rows.map((r, i) => toRaw(r, i, SHEET, cellOf)),
    params,
    unitRows: (options.unitRows ?? []).map((r, i) => toRaw(r, i, '单位信息', unitCell)),
    issues: [],
  };
}

export function score(rows: RowSpec[], options: ScoreOptions & LedgerOptions = {}): ScoreResult {
  return scoreLedger(ledger(rows, options), options);
}

export function unitOf(result: ScoreResult, unit: string): UnitResult {
  const u = result.units.find((x) => x.unit === unit);
  if (!u) throw new Error(`unit ${unit} not in result`);
  return u;
}

export function monthOf(result: ScoreResult, unit: string, month: number): MonthResult {
  const m = unitOf(result, unit).months.find((x) => x.month === month);
  if (!m) throw new Error(`${unit} month ${month} not in result`);
  return m;
}

/** Scores one row (defaults to perfect) and returns its month result plus the whole result. */
export function scoreRow(overrides: RowSpec = {}, options: ScoreOptions & LedgerOptions = {}) {
  const row = perfect(overrides);
  const result = score([row], options);
  const m = monthOf(result, row.unit as string, typeof row.month === 'number' ? row.month : 4);
  return { result, month: m, indicators: m.indicators };
}

/**
 * Inputs of a month whose total is exactly `total` (between 60 and 100): whole points come off Q3
 * (1 per complaint), Q1 (serviceCount 100 − 5k against an average of 100 costs k), E1/E3 (10 more
 * registered / hard-to-employ per 1,000 cost 1), S1 (20 fewer updated records cost 1), E2 (0.5 per
 * case) and P1b (1 per idle account); the fraction comes off S6b's inspector deduction.
 */
export function inputsForTotal(total: number): RowSpec {
  const d = Math.round((100 - total) * 1e6) / 1e6;
  if (d < 0 || d > 40) throw new Error(`total ${total} out of range`);
  const frac = Math.round((d - Math.floor(d)) * 1e6) / 1e6;
  let whole = Math.round(d - frac);
  const take = (max: number) => {
    const k = Math.min(max, whole);
    whole -= k;
    return k;
  };
  const q3 = take(5);
  const q1 = take(10);
  const e1 = take(5);
  const e3 = take(5);
  const s1 = take(5);
  const e2 = take(5);
  const p1b = take(2);
  const survey = frac + whole;
  if (survey > 3) throw new Error(`total ${total} out of range`);
  return {
    validComplaints: q3,
    serviceCount: 100 - 5 * q1,
    registeredUnemployed: 50 + 10 * e1,
    hardToEmploy: 30 + 10 * e3,
    laborInfoUpdated: 850 - 20 * s1,
    longTermUnemployed: 2 * e2,
    idleAccounts: p1b,
    surveyDeduction: survey,
  };
}

/** 12 months of a unit whose every monthly total is `total` (so its annual is `total`). */
export function unitYear(unit: string, total: number, attrs: RowSpec = {}, months: readonly number[] = MONTHS): RowSpec[] {
  return months.map((month) => perfect({ unit, month, ...inputsForTotal(total), ...attrs }));
}

export const MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);
