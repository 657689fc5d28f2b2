/**
 * The seed's quarterly returns (四、3：「每季度报送服务重点群体情况一览表和明细表」) as plain
 * SheetTable data: 一览表 (one row per 区镇(街道) and 合计), 明细表 (one row per person with each
 * finding and its reason), a per-社区(村) summary and the problem list. The CLI's workbook writer
 * and the task pane present them as they are.
 */
import type { SheetColumn, SheetTable, SheetValue } from '../../output/sheets';
import type { Finding } from './settings';
import type { AreaSummary, HaianResult, PersonResult, TownSummary } from './score';
import type { HaianIssue } from './issues';

export const HAIAN_OVERVIEW_SHEET = '重点群体情况一览表';
export const HAIAN_DETAIL_SHEET = '重点群体情况明细表';
export const HAIAN_COMMUNITY_SHEET = '重点群体社区(村)汇总';
export const HAIAN_ISSUES_SHEET = '重点群体问题清单';
export const HAIAN_SHEET_NAMES: readonly string[] = [HAIAN_OVERVIEW_SHEET, HAIAN_DETAIL_SHEET, HAIAN_COMMUNITY_SHEET, HAIAN_ISSUES_SHEET];

export interface HaianSheets {
  overview: SheetTable;
  details: SheetTable;
  communities: SheetTable;
  issues: SheetTable;
}

const text = (header: string): SheetColumn => ({ header, kind: 'text' });
const integer = (header: string): SheetColumn => ({ header, kind: 'integer' });
const points = (header: string): SheetColumn => ({ header, kind: 'points' });

const pct = (x: number): string => `${Number((x * 100).toFixed(6))}%`;

/** The counts every summary row shows, in column order. */
const COUNT_COLUMNS: readonly SheetColumn[] = [
  integer('重点群体人数'),
  integer('其中失业人员'),
  integer('跟踪服务不到位(例)'),
  integer('131服务未完成(人)'),
  integer('131服务尚缺(人,年末考核)'),
  integer('补贴未发放(项)'),
  integer('无法评估(项)'),
  points('扣分'),
];

const counts = (s: AreaSummary): SheetValue[] => [
  s.persons, s.unemployed, s.trackingLapses, s.service131Missing, s.service131Pending, s.subsidyMissing, s.blocked, s.points,
];

const blockedNote = (s: AreaSummary): string | null => (s.blocked ? `${s.blocked}项因台账错误无法评估，见问题清单` : null);

function townNote(t: TownSummary): string | null {
  const notes = [t.rate ? t.rate.explanation : t.rateNote, blockedNote(t)].filter((n): n is string => !!n);
  return notes.length ? notes.join('；') : null;
}

/** 一览表: one row per town, then 合计. The rate is in percent (2 decimals); 达标 means ≤ 3 % by default. */
export function overviewSheet(result: HaianResult): SheetTable {
  const ceiling = pct(result.settings.unemploymentRateCeiling);
  const columns: SheetColumn[] = [
    text('区镇(街道)'),
    ...COUNT_COLUMNS,
    integer('劳动力人数'),
    integer('登记失业人数'),
    points('城镇登记失业率(%)'),
    text(`失业率${result.settings.unemploymentRateInclusive ? '≤' : '<'}${ceiling}`),
    text('说明'),
  ];
  const rows: SheetValue[][] = result.towns.map((t) => [
    t.town,
    ...counts(t),
    t.labour?.laborForce ?? null,
    t.labour?.registeredUnemployed ?? null,
    t.rate?.percent ?? null,
    t.rate ? (t.rate.meets ? '达标' : '未达标') : null,
    townNote(t),
  ]);
  const unsummed = result.total.persons - result.towns.reduce((n, t) => n + t.persons, 0);
  const totalNotes = [
    `截止日期${result.asOf}（${result.quarter}）`,
    unsummed ? `${unsummed}人未填区镇，只计入合计` : null,
    blockedNote(result.total),
  ].filter((n): n is string => !!n);
  rows.push(['合计', ...counts(result.total), null, null, null, null, totalNotes.join('；')]);
  return { name: HAIAN_OVERVIEW_SHEET, columns, rows, totalRow: rows.length - 1 };
}

const findingCells = (f: Finding): SheetValue[] => [f.points, f.reason];

function statusCell(p: PersonResult): string | null {
  return p.status ?? p.statusText;
}

/** 明细表: one row per person in ledger order, each finding's deduction (empty when unassessed) and reason, then 合计. */
export function detailSheet(result: HaianResult): SheetTable {
  const columns: SheetColumn[] = [
    text('区镇(街道)'), text('社区(村)'), text('姓名'), text('身份证号码'), text('人员类别'), text('就业状态'),
    text('最近跟踪服务日期'),
    points('跟踪服务扣分'), text('跟踪服务情况'),
    points('131服务扣分'), text('131服务情况'),
    points('补贴扣分'), text('补贴发放情况'),
    points('合计扣分'),
    { header: '台账行', kind: 'cell' },
  ];
  const rows: SheetValue[][] = result.persons.map((p) => [
    p.town, p.community, p.name, p.idNumber, p.groups.length ? p.groups.join('、') : p.groupText, statusCell(p),
    p.lastTracked,
    ...findingCells(p.tracking), ...findingCells(p.service131), ...findingCells(p.subsidy),
    p.points,
    p.rowRef,
  ]);
  const sum = (pick: (p: PersonResult) => number | null) => result.persons.reduce((s, p) => s + (pick(p) ?? 0), 0);
  rows.push([
    '合计', null, `${result.persons.length}人`, null, null, null, null,
    sum((p) => p.tracking.points), null, sum((p) => p.service131.points), null, sum((p) => p.subsidy.points), null,
    result.total.points, null,
  ]);
  return { name: HAIAN_DETAIL_SHEET, columns, rows, totalRow: rows.length - 1 };
}

/** One row per 社区(村) within its town, in ledger order. */
export function communitySheet(result: HaianResult): SheetTable {
  const columns: SheetColumn[] = [text('区镇(街道)'), text('社区(村)'), ...COUNT_COLUMNS, text('说明')];
  const rows: SheetValue[][] = result.communities.map((c) => [c.town, c.community, ...counts(c), blockedNote(c)]);
  return { name: HAIAN_COMMUNITY_SHEET, columns, rows };
}

const issueRow = (level: '错误' | '提示') => (i: HaianIssue): SheetValue[] => [level, i.town, i.community, i.person, i.field, i.cell, i.message];

/** Errors first, then warnings, in the order found. */
export function issuesSheet(result: HaianResult): SheetTable {
  return {
    name: HAIAN_ISSUES_SHEET,
    columns: [text('级别'), text('区镇(街道)'), text('社区(村)'), text('人员'), text('字段'), { header: '单元格', kind: 'cell' }, text('说明')],
    rows: [...result.errors.map(issueRow('错误')), ...result.warnings.map(issueRow('提示'))],
  };
}

export function haianSheets(result: HaianResult): HaianSheets {
  return { overview: overviewSheet(result), details: detailSheet(result), communities: communitySheet(result), issues: issuesSheet(result) };
}
