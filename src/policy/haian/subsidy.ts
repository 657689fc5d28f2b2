/**
 * Subsidies (三(一)2, 四、3): 「补贴发放缺少一项扣1分」 — one point for each subsidy a person is
 * entitled to and was not granted. A ledger gives them as a number of items (2) or as the
 * subsidies' names (社保补贴、培训补贴); with names on both sides the missing ones are named.
 */
import { readNumberText } from '../../ledger/cells';
import type { CellValue } from '../../ledger/types';
import { plainWords } from './fields';
import { HAIAN_2021, HaianInputError, type Finding, type HaianSettings } from './settings';

/** A subsidy cell: how many items, and their names when the cell lists them. */
export interface SubsidyItems {
  count: number;
  names: string[] | null;
}

export type SubsidyReading = { ok: true; value: SubsidyItems } | { ok: false; error: string };

/** Words meaning "none". */
const NONE = new Set(['无', '没有', '否', '/', '-', '—', '－', '——', '暂无', '未享受', '未发放']);
const YES = new Set(['是', '有', '√', '✓']);

/** Reads a subsidy cell: blank or 无 is none; a count; 是 is one item; otherwise the names listed. */
export function readSubsidyCell(v: CellValue | undefined, field: string): SubsidyReading {
  if (v === null || v === undefined) return { ok: true, value: { count: 0, names: null } };
  if (typeof v === 'boolean' || v instanceof Date) return { ok: false, error: `「${field}」应为补贴项数或补贴名称，读到「${v instanceof Date ? v.toISOString().slice(0, 10) : String(v)}」` };
  const text = typeof v === 'number' ? String(v) : v.normalize('NFKC').trim();
  if (text === '' || NONE.has(text)) return { ok: true, value: { count: 0, names: null } };
  if (YES.has(text)) return { ok: true, value: { count: 1, names: null } };
  const n = typeof v === 'number' ? { value: v, percent: false } : readNumberText(text);
  if (n !== null) {
    if (n.percent) return { ok: false, error: `「${field}」应为项数，不应是百分比：「${text}」` };
    if (n.value < 0) return { ok: false, error: `「${field}」不能为负数：${n.value}` };
    if (!Number.isInteger(n.value)) return { ok: false, error: `「${field}」应为整数项数，读到${n.value}` };
    return { ok: true, value: { count: n.value, names: null } };
  }
  if (/^[+-]?\d/.test(text)) return { ok: false, error: `「${field}」不是有效的项数：「${text}」` };
  const names: string[] = [];
  for (const name of text.split(/[、,;/\s]+/).filter((t) => t !== '')) {
    if (!names.some((n2) => plainWords(n2) === plainWords(name))) names.push(name);
  }
  return { ok: true, value: { count: names.length, names } };
}

export interface SubsidyFinding extends Finding {
  kind: 'subsidy';
  /** Items entitled and not granted. */
  missing: number;
  /** Their names, when both cells name the subsidies. */
  missingNames: string[] | null;
  /** Subsidies granted that the entitled cell does not list (a warning, not a deduction). */
  extraNames: string[];
}

export function subsidyFinding(entitled: SubsidyItems, granted: SubsidyItems, settings: HaianSettings = HAIAN_2021): SubsidyFinding {
  const perItem = settings.subsidyPointsPerItem;
  const listed = (items: SubsidyItems) => (items.names ? `（${items.names.join('、')}）` : '');
  let missing: number;
  let missingNames: string[] | null = null;
  let extraNames: string[] = [];
  if (entitled.names && granted.names) {
    const grantedKeys = new Set(granted.names.map(plainWords));
    const entitledKeys = new Set(entitled.names.map(plainWords));
    missingNames = entitled.names.filter((n) => !grantedKeys.has(plainWords(n)));
    extraNames = granted.names.filter((n) => !entitledKeys.has(plainWords(n)));
    missing = missingNames.length;
  } else {
    if (granted.count > entitled.count) {
      throw new HaianInputError(`「已发放补贴」${granted.count}项多于「应享受补贴」${entitled.count}项`, 'subsidyGranted');
    }
    missing = entitled.count - granted.count;
  }
  const base = { kind: 'subsidy' as const, missing, missingNames, extraNames };
  if (entitled.count === 0) return { ...base, state: 'notApplicable', points: 0, reason: '无应享受补贴' };
  if (missing === 0) return { ...base, state: 'ok', points: 0, reason: `应享受补贴${entitled.count}项${listed(entitled)}，已全部发放` };
  const points = missing * perItem;
  const which = missingNames ? `（${missingNames.join('、')}）` : '';
  return {
    ...base,
    state: 'deducted',
    points,
    reason: `应享受补贴${entitled.count}项${listed(entitled)}，已发放${entitled.count - missing}项，缺少${missing}项${which}，每项扣${perItem}分，扣${points}分`,
  };
}
