/**
 * Reading the person-level ledger (服务重点群体情况明细表): one row per person, found below any title
 * rows. Every cell is read or turned into a Chinese error naming the person, the field and the
 * cell; a bad cell blocks only the findings that need it (spec §5's rule, per person).
 */
import { readNumberText, readText } from '../../ledger/cells';
import type { CellValue, SheetGrid } from '../../ledger/types';
import { addressesIn } from '../../read/address';
import { cellAt } from '../../read/sheetCells';
import { isoDate, readDates } from './dates';
import { fieldName, groupsOf, PERSON_FIELDS, plainWords, statusOf, type PersonFieldKey } from './fields';
import { columnsOf, detectFieldHeader, type ColumnOverrides, type FieldHeader } from '../../read/fieldHeader';
import { locatedMessage, type HaianIssue } from './issues';
import { SERVICE_131_ITEMS, SERVICE_131_NAMES, type Service131Item } from './service131';
import { HAIAN_GROUPS, HAIAN_STATUSES, type FindingKind, type HaianGroup, type HaianStatus } from './settings';
import { readSubsidyCell, type SubsidyItems } from './subsidy';

/** Who a ledger row is about, as read: shared by the record and its result. */
export interface PersonIdentity {
  /** 1-based sheet row. */
  row: number;
  /** Address of the row's first cell. */
  rowRef: string;
  /** Name, else ID number, else 第N行. */
  label: string;
  town: string | null;
  community: string | null;
  name: string | null;
  idNumber: string | null;
  groups: HaianGroup[];
  groupText: string | null;
  status: HaianStatus | null;
  statusText: string | null;
}

export interface PersonRecord extends PersonIdentity {
  /** Every tracking date read (days), and the latest. */
  trackingDates: number[];
  lastTracked: number | null;
  entryDate: number | null;
  /** The year's 131 counts; null when a count cell is bad or a column is missing. */
  counts: Record<Service131Item, number> | null;
  entitled: SubsidyItems | null;
  granted: SubsidyItems | null;
  /** The 1-based row of the first person with the same ID number: this row is not scored again. */
  duplicateOf: number | null;
  /** Why a finding cannot be assessed for this person (Chinese), by finding. */
  blocked: Partial<Record<FindingKind, string>>;
  /** Where each field was read. */
  cells: Partial<Record<PersonFieldKey, string>>;
}

export interface HaianLedger {
  sheet: string;
  header: FieldHeader<PersonFieldKey>;
  persons: PersonRecord[];
  issues: HaianIssue[];
}

const TOTAL_WORDS = new Set(['合计', '总计', '小计', '累计']);
const COUNT_FIELDS: Record<Service131Item, PersonFieldKey> = { guidance: 'guidance', referral: 'referral', training: 'training' };

const shown = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function readCount(v: CellValue, field: string): { ok: true; value: number } | { ok: false; error: string } {
  if (v === null || (typeof v === 'string' && /^[\s\u3000]*$/.test(v))) return { ok: true, value: 0 };
  if (typeof v === 'boolean' || v instanceof Date) return { ok: false, error: `「${field}」应为次数，读到「${shown(v)}」` };
  const n = typeof v === 'number' ? { value: v, percent: false } : readNumberText(v);
  if (n === null || !Number.isFinite(n.value)) return { ok: false, error: `「${field}」不是有效的数字：「${shown(v).trim()}」` };
  if (n.percent) return { ok: false, error: `「${field}」应为次数，不应是百分比：「${shown(v).trim()}」` };
  if (n.value < 0) return { ok: false, error: `「${field}」不能为负数：${n.value}` };
  if (!Number.isInteger(n.value)) return { ok: false, error: `「${field}」应为整数次数，读到${n.value}` };
  return { ok: true, value: n.value };
}

/** The ledger's persons and the problems found reading them. `asOf` is the cut-off day (see dates.ts). */
export function readHaianLedger(grid: SheetGrid, asOf: number, overrides: ColumnOverrides<PersonFieldKey> = {}): HaianLedger {
  const header = detectFieldHeader(grid, PERSON_FIELDS, overrides);
  const issues: HaianIssue[] = [];
  const persons: PersonRecord[] = [];
  const sheetError = (message: string, blocks: FindingKind[] = [], field: string | null = null): void => {
    issues.push({ severity: 'error', town: null, community: null, person: null, field, cell: null, message: `${grid.name}：${message}`, blocks });
  };
  if (header.headerRows.length === 0) {
    sheetError('未找到明细表表头（应有区镇(街道)、社区(村)、姓名、就业状态、最近跟踪服务日期等列），未读取任何人员', ['tracking', 'service131', 'subsidy']);
    return { sheet: grid.name, header, persons, issues };
  }
  const address = addressesIn(grid.name);
  for (const c of header.columns) {
    if (c.matchedBy === 'fuzzy' && c.key) {
      issues.push({
        severity: 'warning', town: null, community: null, person: null, field: fieldName(c.key),
        cell: address(header.headerRows[header.headerRows.length - 1], c.column),
        message: `${grid.name}：列「${c.header}」按相近名称识别为「${fieldName(c.key)}」，请核对`, blocks: [],
      });
    }
  }
  const cols = Object.fromEntries(PERSON_FIELDS.map((d) => [d.key, columnsOf(header, d.key)])) as Record<PersonFieldKey, number[]>;
  const has = (k: PersonFieldKey) => cols[k].length > 0;
  const missing131 = SERVICE_131_ITEMS.map((i) => COUNT_FIELDS[i]).filter((k) => !has(k));
  const missingSubsidy = (['subsidyEntitled', 'subsidyGranted'] as const).filter((k) => !has(k));
  const quoted = (keys: readonly PersonFieldKey[]) => keys.map((k) => `「${fieldName(k)}」`).join('、');
  // Columns the whole sheet lacks block their findings for everyone.
  const sheetBlocked: Partial<Record<FindingKind, string>> = {};
  if (!has('town')) sheetError('未找到「区镇(街道)」列，人员无法按区镇汇总', [], fieldName('town'));
  if (!has('name') && !has('idNumber')) sheetError('未找到「姓名」或「身份证号码」列，人员按行号列出', [], fieldName('name'));
  if (!has('status')) {
    sheetError('未找到「就业状态」列', ['tracking', 'service131'], fieldName('status'));
    sheetBlocked.tracking = sheetBlocked.service131 = '台账缺少「就业状态」列';
  }
  if (!has('lastTracked')) {
    sheetError('未找到「最近跟踪服务日期」列', ['tracking'], fieldName('lastTracked'));
    sheetBlocked.tracking ??= '台账缺少「最近跟踪服务日期」列';
  }
  if (missing131.length) {
    sheetError(`未找到${quoted(missing131)}列`, ['service131']);
    sheetBlocked.service131 ??= `台账缺少${quoted(missing131)}列`;
  }
  if (missingSubsidy.length) {
    sheetError(`未找到${quoted(missingSubsidy)}列`, ['subsidy']);
    sheetBlocked.subsidy = `台账缺少${quoted(missingSubsidy)}列`;
  }

  const mappedColumns = header.columns.filter((c) => c.key !== null).map((c) => c.column);
  const firstOf = (k: PersonFieldKey): number | null => cols[k][0] ?? null;
  const seenIds = new Map<string, number>();
  for (let r = header.firstDataRow; r < grid.rows.length; r++) {
    if (mappedColumns.every((c) => readText(cellAt(grid, r, c)) === null)) continue;
    const text = (k: PersonFieldKey): string | null => {
      const c = firstOf(k);
      return c === null ? null : readText(cellAt(grid, r, c));
    };
    const town = text('town');
    const community = text('community');
    const name = text('name');
    if ([town, community, name].some((t) => t !== null && TOTAL_WORDS.has(plainWords(t)))) continue;
    const idNumber = text('idNumber');
    const label = name ?? idNumber ?? `第${r + 1}行`;
    const cells: Partial<Record<PersonFieldKey, string>> = {};
    for (const d of PERSON_FIELDS) {
      const c = firstOf(d.key);
      if (c !== null) cells[d.key] = address(r, c);
    }
    const blocked: Partial<Record<FindingKind, string>> = { ...sheetBlocked };
    const block = (kinds: FindingKind[], why: string) => {
      for (const k of kinds) blocked[k] ??= `${why}（见问题清单）`;
    };
    const problem = (severity: 'error' | 'warning', field: PersonFieldKey | null, cell: string | null, message: string, blocks: FindingKind[] = []) => {
      const effective = blocks.filter((k) => !sheetBlocked[k]);
      issues.push({
        severity, town, community, person: label, field: field ? fieldName(field) : null, cell,
        message: locatedMessage(cell, label, message, effective), blocks: effective,
      });
      if (severity === 'error') block(blocks, message);
    };
    const rowRef = address(r, header.columns[0]?.column ?? 0);

    if (has('town') && town === null) problem('error', 'town', cells.town!, '「区镇(街道)」未填写，该人员未计入区镇汇总');
    if (has('community') && community === null) problem('warning', 'community', cells.community!, '「社区(村)」未填写，该人员未计入社区(村)汇总');
    if ((has('name') || has('idNumber')) && name === null && idNumber === null) problem('warning', 'name', cells.name ?? cells.idNumber!, '「姓名」和「身份证号码」均未填写');
    // An 18-digit ID typed into a number cell has lost its last digits (Excel keeps 15).
    const idCell = firstOf('idNumber') === null ? null : cellAt(grid, r, firstOf('idNumber')!);
    const idLost = typeof idCell === 'number' && Math.abs(idCell) > Number.MAX_SAFE_INTEGER;
    if (idLost) {
      problem('warning', 'idNumber', cells.idNumber!, `「身份证号码」以数字存储（${idCell}），末几位可能已丢失，请将该列设为文本格式后重新填写`);
    }
    let duplicateOf: number | null = null;
    // A truncated ID may equal someone else's: it is not compared.
    if (idNumber !== null && !idLost) {
      const key = plainWords(idNumber).toUpperCase();
      const first = seenIds.get(key);
      if (first !== undefined) {
        duplicateOf = first;
        problem('error', 'idNumber', cells.idNumber!, `身份证号码与第${first}行重复，重复人员不重复计分`, ['tracking', 'service131', 'subsidy']);
      } else seenIds.set(key, r + 1);
    }

    // Group: informational (no finding depends on it), so a word outside the six is a warning.
    const groupText = text('group');
    let groups: HaianGroup[] = [];
    if (has('group')) {
      if (groupText === null) problem('warning', 'group', cells.group!, '「人员类别」未填写');
      else {
        const read = groupsOf(groupText);
        groups = read.groups;
        if (read.unknown.length) {
          problem('warning', 'group', cells.group!, `「人员类别」中「${read.unknown.join('、')}」不是六类重点群体（${HAIAN_GROUPS.join('、')}）之一`);
        }
      }
    }

    const statusText = text('status');
    let status: HaianStatus | null = null;
    if (has('status')) {
      if (statusText === null) problem('error', 'status', cells.status!, '「就业状态」未填写', ['tracking', 'service131']);
      else {
        status = statusOf(statusText);
        if (status === null) {
          problem('error', 'status', cells.status!, `「就业状态」无法识别：「${statusText}」，应为${HAIAN_STATUSES.join('、')}之一`, ['tracking', 'service131']);
        }
      }
    }

    // Tracking dates: every tracking column, every date in a cell; none may be after the cut-off.
    const trackingDates: number[] = [];
    for (const c of cols.lastTracked) {
      const cell = address(r, c);
      const reading = readDates(cellAt(grid, r, c), fieldName('lastTracked'));
      if (!reading.ok) {
        problem('error', 'lastTracked', cell, reading.error, ['tracking']);
        continue;
      }
      const late = reading.days.filter((d) => d > asOf);
      if (late.length) {
        problem('error', 'lastTracked', cell, `「${fieldName('lastTracked')}」${isoDate(Math.max(...late))}晚于考核截止日期${isoDate(asOf)}`, ['tracking']);
        continue;
      }
      trackingDates.push(...reading.days);
    }
    let entryDate: number | null = null;
    if (has('entryDate')) {
      const reading = readDates(cellAt(grid, r, firstOf('entryDate')!), fieldName('entryDate'));
      if (!reading.ok) problem('error', 'entryDate', cells.entryDate!, reading.error, ['tracking']);
      else if (reading.days.length > 1) problem('error', 'entryDate', cells.entryDate!, `「${fieldName('entryDate')}」只能填一个日期`, ['tracking']);
      else if (reading.days.length === 1 && reading.days[0] > asOf) {
        problem('error', 'entryDate', cells.entryDate!, `「${fieldName('entryDate')}」${isoDate(reading.days[0])}晚于考核截止日期${isoDate(asOf)}`, ['tracking']);
      } else entryDate = reading.days[0] ?? null;
    }

    // 131 counts: a bad count blocks 131 only for someone who is owed it (or whose status is unknown).
    let counts: Record<Service131Item, number> | null = null;
    if (missing131.length === 0) {
      const read: Partial<Record<Service131Item, number>> = {};
      for (const item of SERVICE_131_ITEMS) {
        const key = COUNT_FIELDS[item];
        const reading = readCount(cellAt(grid, r, firstOf(key)!), `${SERVICE_131_NAMES[item]}次数`);
        if (reading.ok) read[item] = reading.value;
        else problem('error', key, cells[key]!, reading.error, status === null || status === '失业' ? ['service131'] : []);
      }
      if (SERVICE_131_ITEMS.every((i) => read[i] !== undefined)) counts = read as Record<Service131Item, number>;
    }

    let entitled: SubsidyItems | null = null;
    let granted: SubsidyItems | null = null;
    if (missingSubsidy.length === 0) {
      const e = readSubsidyCell(cellAt(grid, r, firstOf('subsidyEntitled')!), fieldName('subsidyEntitled'));
      const g = readSubsidyCell(cellAt(grid, r, firstOf('subsidyGranted')!), fieldName('subsidyGranted'));
      if (e.ok) entitled = e.value;
      else problem('error', 'subsidyEntitled', cells.subsidyEntitled!, e.error, ['subsidy']);
      if (g.ok) granted = g.value;
      else problem('error', 'subsidyGranted', cells.subsidyGranted!, g.error, ['subsidy']);
      if (entitled && granted && !(entitled.names && granted.names) && granted.count > entitled.count) {
        problem('error', 'subsidyGranted', cells.subsidyGranted!, `「已发放补贴」${granted.count}项多于「应享受补贴」${entitled.count}项`, ['subsidy']);
      }
    }

    persons.push({
      row: r + 1, rowRef, label, town, community, name, idNumber, groups, groupText, status, statusText,
      trackingDates, lastTracked: trackingDates.length ? Math.max(...trackingDates) : null, entryDate,
      counts, entitled, granted, duplicateOf, blocked, cells,
    });
  }
  return { sheet: grid.name, header, persons, issues };
}
