/**
 * 海安 2021 scoring of a person-level ledger as of a cut-off date (the end of the quarter being
 * assessed): each person's three findings (tracking in time, the yearly 131 service, subsidies
 * granted), then sums per 区镇(街道) and per 社区(村), and each town's registered unemployment rate
 * against 3 %. Pure data in, pure data out: no Office, no files.
 */
import type { SheetGrid } from '../../ledger/types';
import { isoDate, quarterLabel, readAsOf } from './dates';
import type { PersonFieldKey } from './fields';
import type { ColumnOverrides, FieldHeader } from '../../read/fieldHeader';
import { locatedMessage, type HaianIssue } from './issues';
import { readHaianLedger, type PersonIdentity, type PersonRecord } from './ledger';
import { service131Finding } from './service131';
import { HAIAN_2021, HaianInputError, type Finding, type FindingKind, type HaianSettings } from './settings';
import { subsidyFinding } from './subsidy';
import { trackingFinding } from './tracking';
import { readTownTable, townKey, townUnemploymentRate, type TownLabour, type TownRate } from './townRate';

export interface HaianOptions {
  /** The cut-off date: a Date, `2021-03-31`, or an Excel serial. */
  asOf: Date | string | number;
  /** The towns' labour force and registered unemployed, as a list or as a sheet (区镇(街道), 劳动力人数, 登记失业人数). */
  towns?: readonly TownLabour[] | SheetGrid;
  settings?: HaianSettings;
  /** The analyst's corrections to the column mapping: field → 0-based column (null: unmapped). */
  columns?: ColumnOverrides<PersonFieldKey>;
}

export interface PersonResult extends PersonIdentity {
  /** `2021-03-01`, or null when never tracked (or unreadable). */
  lastTracked: string | null;
  tracking: Finding;
  service131: Finding;
  subsidy: Finding;
  /** Points deducted over the findings assessed (blocked ones add nothing; see `blockedCount`). */
  points: number;
  blockedCount: number;
}

export interface AreaSummary {
  town: string;
  /** null for a town's summary. */
  community: string | null;
  persons: number;
  /** Persons whose status is 失业 (owed the 131 service). */
  unemployed: number;
  /** Persons not tracked in time. */
  trackingLapses: number;
  /** Persons deducted for the 131 service. */
  service131Missing: number;
  /** Persons short of 131 before year end (not deducted yet). */
  service131Pending: number;
  /** Subsidy items entitled and not granted. */
  subsidyMissing: number;
  /** Findings a bad cell left unassessed. */
  blocked: number;
  points: number;
}

export interface TownSummary extends AreaSummary {
  community: null;
  labour: TownLabour | null;
  rate: TownRate | null;
  /** Why there is no rate, when there is none. */
  rateNote: string | null;
}

export interface HaianResult {
  settings: HaianSettings;
  sheet: string;
  /** `2021-03-31`. */
  asOf: string;
  /** `2021年第1季度`. */
  quarter: string;
  header: FieldHeader<PersonFieldKey>;
  persons: PersonResult[];
  /** In the order towns first appear in the ledger, then towns only in the labour table. */
  towns: TownSummary[];
  communities: AreaSummary[];
  total: AreaSummary;
  errors: HaianIssue[];
  warnings: HaianIssue[];
}

const blockedFinding = (kind: FindingKind, why: string): Finding => ({ kind, state: 'blocked', points: null, reason: `无法评估：${why}` });

function findingsOf(p: PersonRecord, asOf: number, settings: HaianSettings): [Finding, Finding, Finding] {
  if (p.duplicateOf !== null) {
    const why = `身份证号码与第${p.duplicateOf}行重复，不重复计分`;
    return [blockedFinding('tracking', why), blockedFinding('service131', why), blockedFinding('subsidy', why)];
  }
  const tracking = p.blocked.tracking || p.status === null
    ? blockedFinding('tracking', p.blocked.tracking ?? '「就业状态」未读出')
    : trackingFinding({ status: p.status, lastTracked: p.lastTracked, entryDate: p.entryDate, asOf }, settings);

  let service131: Finding;
  if (p.status !== null && !settings.service131Statuses.includes(p.status)) {
    service131 = service131Finding({ status: p.status, guidance: 0, referral: 0, training: 0, asOf }, settings); // not applicable
  } else if (p.blocked.service131 || p.status === null || p.counts === null) {
    service131 = blockedFinding('service131', p.blocked.service131 ?? '131服务次数未读出');
  } else {
    service131 = service131Finding({ status: p.status, ...p.counts, asOf }, settings);
  }

  const subsidy = p.blocked.subsidy || !p.entitled || !p.granted
    ? blockedFinding('subsidy', p.blocked.subsidy ?? '补贴未读出')
    : subsidyFinding(p.entitled, p.granted, settings);
  return [tracking, service131, subsidy];
}

function emptySummary(town: string, community: string | null): AreaSummary {
  return { town, community, persons: 0, unemployed: 0, trackingLapses: 0, service131Missing: 0, service131Pending: 0, subsidyMissing: 0, blocked: 0, points: 0 };
}

function add(s: AreaSummary, p: PersonResult): void {
  s.persons++;
  if (p.status === '失业') s.unemployed++;
  if (p.tracking.state === 'deducted') s.trackingLapses++;
  if (p.service131.state === 'deducted') s.service131Missing++;
  if (p.service131.state === 'pending') s.service131Pending++;
  if (p.subsidy.state === 'deducted') s.subsidyMissing += (p.subsidy as { missing?: number }).missing ?? 0;
  s.blocked += p.blockedCount;
  s.points += p.points;
}

/** Scores a 海安 2021 ledger. Throws HaianInputError for an unreadable cut-off date; every bad cell is an issue instead. */
export function scoreHaianLedger(grid: SheetGrid, options: HaianOptions): HaianResult {
  const settings = options.settings ?? HAIAN_2021;
  const asOf = readAsOf(options.asOf);
  if (asOf === null) throw new HaianInputError(`考核截止日期无法识别：「${String(options.asOf)}」，应为日期，如2021-03-31`, 'asOf');
  const ledger = readHaianLedger(grid, asOf, options.columns);
  const issues: HaianIssue[] = [...ledger.issues];

  const persons: PersonResult[] = ledger.persons.map((p) => {
    const [tracking, service131, subsidy] = findingsOf(p, asOf, settings);
    const pts = (f: Finding) => f.points ?? 0;
    const cases = settings.trackingAnd131OneCase ? Math.max(pts(tracking), pts(service131)) : pts(tracking) + pts(service131);
    const extra = (subsidy as { extraNames?: string[] }).extraNames ?? [];
    if (extra.length) {
      issues.push({
        severity: 'warning', town: p.town, community: p.community, person: p.label, field: '已发放补贴', cell: p.cells.subsidyGranted ?? null,
        message: locatedMessage(p.cells.subsidyGranted ?? null, p.label, `已发放补贴「${extra.join('、')}」不在「应享受补贴」中，请核对`), blocks: [],
      });
    }
    return {
      row: p.row, rowRef: p.rowRef, label: p.label, town: p.town, community: p.community, name: p.name, idNumber: p.idNumber,
      groups: p.groups, groupText: p.groupText, status: p.status, statusText: p.statusText,
      lastTracked: p.lastTracked === null ? null : isoDate(p.lastTracked),
      tracking, service131, subsidy,
      points: cases + pts(subsidy),
      blockedCount: [tracking, service131, subsidy].filter((f) => f.state === 'blocked').length,
    };
  });

  // The towns' labour table.
  let labour: readonly TownLabour[] = [];
  let invalidTowns: string[] = [];
  const tableGiven = options.towns !== undefined;
  if (options.towns && 'rows' in options.towns) {
    const table = readTownTable(options.towns);
    labour = table.towns;
    invalidTowns = table.invalidTowns;
    issues.push(...table.issues);
  } else if (options.towns) labour = options.towns;
  const labourByTown = new Map<string, TownLabour>();
  for (const t of labour) labourByTown.set(townKey(t.town), t);

  const towns = new Map<string, TownSummary>();
  const communities = new Map<string, AreaSummary>();
  const total = emptySummary('合计', null);
  const townOf = (name: string): TownSummary => {
    const key = townKey(name);
    let s = towns.get(key);
    if (!s) {
      s = { ...emptySummary(name, null), community: null, labour: null, rate: null, rateNote: null };
      towns.set(key, s);
    }
    return s;
  };
  for (const p of persons) {
    add(total, p);
    if (p.town === null) continue;
    add(townOf(p.town), p);
    const communityName = p.community ?? '（未填写）';
    const ckey = `${townKey(p.town)}\u0000${townKey(communityName)}`;
    let c = communities.get(ckey);
    if (!c) {
      c = emptySummary(townOf(p.town).town, communityName);
      communities.set(ckey, c);
    }
    add(c, p);
  }
  // Towns only in the labour table are listed too (with no persons), in the table's order.
  for (const t of labour) townOf(t.town);
  for (const name of invalidTowns) townOf(name);
  const invalid = new Set(invalidTowns.map(townKey));

  for (const [key, s] of towns) {
    const t = labourByTown.get(key);
    if (t) {
      s.labour = t;
      try {
        s.rate = townUnemploymentRate(t, settings);
      } catch (error) {
        if (!(error instanceof HaianInputError)) throw error;
        s.rateNote = `失业率无法计算：${error.message}`;
        issues.push({ severity: 'error', town: s.town, community: null, person: null, field: null, cell: null, message: `区镇「${s.town}」：${error.message}，城镇登记失业率无法计算`, blocks: [] });
      }
    } else if (invalid.has(key)) {
      s.rateNote = '失业率数据有误，见问题清单';
    } else if (tableGiven) {
      s.rateNote = '区镇失业率表中无此区镇';
      issues.push({
        severity: 'warning', town: s.town, community: null, person: null, field: '区镇(街道)', cell: null,
        message: `区镇「${s.town}」不在区镇失业率表中，城镇登记失业率未计算`, blocks: [],
      });
    } else s.rateNote = '未提供劳动力和登记失业人数';
  }

  return {
    settings,
    sheet: grid.name,
    asOf: isoDate(asOf),
    quarter: quarterLabel(asOf),
    header: ledger.header,
    persons,
    towns: [...towns.values()],
    communities: [...communities.values()],
    total,
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}
