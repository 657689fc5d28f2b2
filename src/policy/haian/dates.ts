/**
 * Calendar dates for the 海安 2021 ledger, as whole days (days since 1970-01-01, UTC), so that
 * tracking deadlines are plain integer comparisons. Cells may hold an Excel date (a Date, as the
 * xlsx reader gives it, in UTC), an Excel serial number (a date column without a date format),
 * or text: 2021-03-31, 2021/3/31, 2021.3.31, 2021年3月31日, 20210331. A cell may list several
 * dates (2021-01-05、2021-02-03): every one must be a real date.
 */
import type { CellValue } from '../../ledger/types';

const DAY_MS = 86_400_000;
/** Excel's serial for 1970-01-01 (1900 date system). */
const EXCEL_EPOCH = 25_569;
/** Serials read as dates: 1990-01-01 … 2100-12-31. A 3 or a 2021 in a date column is a mistake, not 1900-01-03. */
const SERIAL_MIN = 32_874;
const SERIAL_MAX = 73_415;

/** A day as days since 1970-01-01; null when y-m-d is not a real date (2021-02-30). */
export function dayOf(year: number, month: number, day: number): number | null {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function ymdOf(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 2021-03-31. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Excel's EDATE: the same day of the month `months` later (or earlier), held to the month's last day. */
export function edate(day: number, months: number): number {
  const { year, month, day: d } = ymdOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayOf(y, m, Math.min(d, daysInMonth(y, m)))!;
}

/** The day an Excel serial (1900 system) stands for. */
export function fromExcelSerial(serial: number): number {
  return Math.floor(serial) - EXCEL_EPOCH;
}

export function toExcelSerial(day: number): number {
  return day + EXCEL_EPOCH;
}

/** 31 December. */
export function isYearEnd(day: number): boolean {
  const { month, day: d } = ymdOf(day);
  return month === 12 && d === 31;
}

/** `2021年第1季度`: the quarter a day falls in. */
export function quarterLabel(day: number): string {
  const { year, month } = ymdOf(day);
  return `${year}年第${Math.ceil(month / 3)}季度`;
}

/** The last day of a quarter: quarterEnd(2021, 1) is 2021-03-31. */
export function quarterEnd(year: number, quarter: number): number {
  if (!Number.isInteger(year) || ![1, 2, 3, 4].includes(quarter)) throw new RangeError(`季度应为1–4，读到${quarter}`);
  const month = quarter * 3;
  return dayOf(year, month, daysInMonth(year, month))!;
}

export type DatesReading = { ok: true; days: number[] } | { ok: false; error: string };

const shown = (v: CellValue): string => (v instanceof Date ? (Number.isNaN(v.getTime()) ? '无效日期' : v.toISOString()) : String(v));

/** One date token as typed. */
function dayOfText(token: string): number | null {
  const s = token.normalize('NFKC');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function dayOfNumber(n: number): number | null {
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 21_001_231) {
    return dayOf(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  }
  return n >= SERIAL_MIN && n <= SERIAL_MAX ? fromExcelSerial(n) : null;
}

/**
 * The dates of a cell, in the order written. A blank cell is no date (`days: []`); anything that
 * is not a real date is an error naming the field and what was read.
 */
export function readDates(v: CellValue | undefined, field: string): DatesReading {
  if (v === null || v === undefined) return { ok: true, days: [] };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, error: `「${field}」不是有效的日期` };
    return { ok: true, days: [dayOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate())!] };
  }
  if (typeof v === 'number') {
    const day = dayOfNumber(v);
    return day === null ? { ok: false, error: `「${field}」不是有效的日期：「${v}」` } : { ok: true, days: [day] };
  }
  if (typeof v === 'boolean') return { ok: false, error: `「${field}」应为日期，单元格是逻辑值 ${v ? 'TRUE' : 'FALSE'}` };
  // A time after a date (2021-03-31 00:00:00) is dropped before the text is split into dates.
  const text = v.normalize('NFKC').replace(/(\d)[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?/g, '$1').trim();
  if (text === '') return { ok: true, days: [] };
  const days: number[] = [];
  for (const token of text.split(/[、,;\s]+/).filter((t) => t !== '')) {
    const day = dayOfText(token);
    if (day === null) return { ok: false, error: `「${field}」不是有效的日期：「${shown(v).trim()}」` };
    days.push(day);
  }
  return { ok: true, days };
}

/** The assessment's cut-off date from a Date, an ISO-like text or an Excel serial; null when unreadable. */
export function readAsOf(v: Date | string | number): number | null {
  const reading = readDates(v, '考核截止日期');
  return reading.ok && reading.days.length === 1 ? reading.days[0] : null;
}
