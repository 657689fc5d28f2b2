/**
 * 海安 2021's findings for one person (or one town) as worksheet functions: HS.TRACKED, HS.SERVICE131
 * and HS.TOWNRATE. The rules live in src/policy/haian/; this module reads the cells the way the
 * person ledger is read and names the cell of anything it cannot read.
 */
import { readNumberText } from '../ledger/cells';
import type { CellValue } from '../ledger/types';
import { HaianInputError, readAsOf, readDates, service131Finding, statusOf, townUnemploymentRate, trackingFinding, type HaianStatus } from '../policy/haian';
import { ArgumentCells, isBlankValue, scalar, shown } from './args';
import { badValue } from './formulaError';
import type { Addresses } from './indicatorFunctions';

type Part = 'points' | 'reason' | 'met';
const PARTS: Record<string, Part> = { 扣分: 'points', points: 'points', 说明: 'reason', reason: 'reason', 是否达标: 'met', 达标: 'met', met: 'met' };

function partOf(value: unknown, address: string | undefined): Part {
  const v = scalar(value, new ArgumentCells('项目', address));
  if (isBlankValue(v)) return 'points';
  const part = PARTS[String(v).normalize('NFKC').trim().toLowerCase()];
  if (!part) throw badValue(`未知的项目「${shown(v)}」，可选：扣分、是否达标、说明`);
  return part;
}

const located = (cells: ArgumentCells, message: string) => badValue(cells.cell ? `${message}（${cells.cell}）` : message);

function statusArg(value: unknown, address: string | undefined): HaianStatus {
  const cells = new ArgumentCells('就业状态', address);
  const v = scalar(value, cells);
  const status = isBlankValue(v) ? null : statusOf(String(v));
  if (status === null) throw located(cells, `「就业状态」无法识别：「${isBlankValue(v) ? '' : shown(v)}」（应为稳定就业、灵活就业、无就业意愿或失业等）`);
  return status;
}

/** The latest date of a cell; null when blank. */
function dateArg(value: unknown, label: string, address: string | undefined, required: boolean): number | null {
  const cells = new ArgumentCells(label, address);
  const v: CellValue = scalar(value, cells);
  const reading = readDates(v, label);
  if (!reading.ok) throw located(cells, reading.error);
  if (reading.days.length === 0) {
    if (required) throw located(cells, `「${label}」未填写`);
    return null;
  }
  return Math.max(...reading.days);
}

function asOfArg(value: unknown, address: string | undefined): number {
  const cells = new ArgumentCells('截止日期', address);
  const v = scalar(value, cells);
  const day = isBlankValue(v) ? null : readAsOf(v instanceof Date || typeof v === 'number' || typeof v === 'string' ? v : String(v));
  if (day === null) throw located(cells, `「截止日期」不是有效的日期：「${isBlankValue(v) ? '' : shown(v)}」`);
  return day;
}

function countArg(value: unknown, label: string, address: string | undefined): number {
  const cells = new ArgumentCells(label, address);
  const v = scalar(value, cells);
  if (isBlankValue(v)) return 0;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? readNumberText(v)?.value : undefined;
  if (n === undefined || n < 0 || !Number.isInteger(n)) throw located(cells, `「${label}」应为不小于0的整数，读到「${shown(v)}」`);
  return n;
}

/** HS.TRACKED: whether a person was tracked in time (stable yearly, flexible/no wish half-yearly, unemployed monthly). */
export function tracked(status: unknown, lastTracked: unknown, asOf: unknown, entryDate: unknown, part: unknown, addresses: Addresses = {}): number | string | boolean {
  const finding = trackingFinding({
    status: statusArg(status, addresses.status),
    lastTracked: dateArg(lastTracked, '最近跟踪服务日期', addresses.lastTracked, false),
    entryDate: dateArg(entryDate, '纳入台账日期', addresses.entryDate, false),
    asOf: asOfArg(asOf, addresses.asOf),
  });
  const p = partOf(part, addresses.part);
  return p === 'reason' ? finding.reason : p === 'met' ? finding.state === 'ok' : (finding.points ?? 0);
}

/** HS.SERVICE131: the yearly "131" service of an unemployed person (≥1 职业指导, ≥3 职业介绍, ≥1 技能培训). */
export function service131(status: unknown, guidance: unknown, referral: unknown, training: unknown, asOf: unknown, part: unknown, addresses: Addresses = {}): number | string | boolean {
  const finding = service131Finding({
    status: statusArg(status, addresses.status),
    guidance: countArg(guidance, '职业指导次数', addresses.guidance),
    referral: countArg(referral, '职业介绍次数', addresses.referral),
    training: countArg(training, '技能培训次数', addresses.training),
    asOf: asOfArg(asOf, addresses.asOf),
  });
  const p = partOf(part, addresses.part);
  return p === 'reason' ? finding.reason : p === 'met' ? finding.state === 'ok' || finding.state === 'notApplicable' : (finding.points ?? 0);
}

/** HS.TOWNRATE: a town's registered unemployment rate; against the 3 % line with the part argument. */
export function townRate(laborForce: unknown, registeredUnemployed: unknown, part: unknown, addresses: Addresses = {}): number | string | boolean {
  const number = (value: unknown, label: string, address: string | undefined): number => {
    const cells = new ArgumentCells(label, address);
    const v = scalar(value, cells);
    const n = typeof v === 'number' ? v : typeof v === 'string' ? readNumberText(v)?.value : undefined;
    if (n === undefined) throw located(cells, `「${label}」应为数字，读到「${isBlankValue(v) ? '' : shown(v)}」`);
    return n;
  };
  let rate;
  try {
    rate = townUnemploymentRate({ laborForce: number(laborForce, '劳动力人数', addresses.laborForce), registeredUnemployed: number(registeredUnemployed, '登记失业人数', addresses.registeredUnemployed) });
  } catch (error) {
    if (error instanceof HaianInputError) throw badValue(error.message);
    throw error;
  }
  const v = scalar(part, new ArgumentCells('项目', addresses.part));
  if (isBlankValue(v)) return rate.rate;
  const p = PARTS[String(v).normalize('NFKC').trim().toLowerCase()];
  if (p === 'met') return rate.meets;
  if (p === 'reason') return rate.explanation;
  throw badValue(`未知的项目「${shown(v)}」，可选：是否达标、说明（省略为失业率）`);
}
