/**
 * Turning what people type into numbers (spec §5): every cell becomes a value, a value with a
 * warning, or a Chinese error. Never a silent zero.
 */
import { blankIsZero, type FieldDef, type UnitType, type UnitTypeDef } from '../fields';
import type { CellValue } from './types';

export type CellReading =
  | { ok: true; value: number; warning?: string }
  | { ok: false; blank: boolean; error: string };

const BLANK_TEXT = /^[\s\u3000]*$/;

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && BLANK_TEXT.test(v));
}

/** A number typed as text: full-width digits, thousands commas, spaces; "95%" and "95.5％" as percentages. */
export function readNumberText(text: string): { value: number; percent: boolean } | null {
  // What nearly every CSV cell holds, plain ASCII digits, needs no normalising and no pattern.
  if (isPlainNumber(text)) return { value: Number(text), percent: false };
  if (text.endsWith('%') && isPlainNumber(text.slice(0, -1))) return { value: Number(text.slice(0, -1)) / 100, percent: true };
  const s = text.normalize('NFKC').replace(/[\s,]/g, '');
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%?)$/i.exec(s);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  return m[2] ? { value: value / 100, percent: true } : { value, percent: false };
}

/** ASCII digits, with at most one point between them: what a CSV holds for a count, a rate or an amount. */
const isPlainNumber = (text: string): boolean => isPlainDigits(text) || isPlainDecimal(text);

/** `0.95`, `12.5`: ASCII digits around one point, as a CSV holds a rate or an amount. */
function isPlainDecimal(text: string): boolean {
  const point = text.indexOf('.');
  if (point < 1 || point === text.length - 1 || text.length > 16) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && i !== point) return false;
  }
  return true;
}

function isPlainDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function asNumber(v: CellValue): { value: number; percent: boolean } | null {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, percent: false } : null;
  if (typeof v === 'string') return readNumberText(v);
  return null;
}

const shown = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '达标', '已达标', '已参加', '参加', '已培训', '完成', '已完成']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘', '未达标', '不达标', '未参加', '未培训', '未完成']);
/** The words a 是/否 cell may hold, as readFlag compares them (NFKC, trimmed, lower case): 通用公式 compares the same. */
export const FLAG_WORDS: { yes: ReadonlySet<string>; no: ReadonlySet<string> } = { yes: YES, no: NO };

/**
 * A cell holding a whole number ≥ 0 (or its plain digits, as a CSV holds it) read for a count,
 * 金额 or 基数 field: what nearly every ledger cell is, read as readFieldCell would read it but
 * without building a reading. Null for anything else, which readFieldCell reads.
 */
export function plainFieldNumber(def: FieldDef, v: CellValue): number | null {
  if (def.kind !== 'count' && def.kind !== 'amount' && def.kind !== 'size') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && isPlainDigits(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || (n === 0 && def.kind === 'size')) return null;
  return n;
}

/** Reads one input cell according to its field's kind. `blank` errors let callers decide whether the field was needed. */
export function readFieldCell(def: FieldDef, v: CellValue): CellReading {
  const name = def.zh;
  if (isBlank(v)) {
    if (blankIsZero(def)) return { ok: true, value: 0 };
    return { ok: false, blank: true, error: def.kind === 'size' ? `「${name}」未填写，必须大于0` : `「${name}」未填写` };
  }
  if (def.kind === 'text') return { ok: false, blank: false, error: `「${name}」是文本字段，不计分` };
  if (def.kind === 'flag') return readFlag(def, v);
  if (typeof v === 'boolean') return { ok: false, blank: false, error: `「${name}」应为数字，单元格是逻辑值 ${v ? 'TRUE' : 'FALSE'}` };
  const n = asNumber(v as CellValue);
  if (n === null) return { ok: false, blank: false, error: `「${name}」不是有效的数字：「${shown(v)}」` };
  switch (def.kind) {
    case 'count':
    case 'amount':
    case 'size':
    case 'average': {
      if (n.percent) return { ok: false, blank: false, error: `「${name}」应为数值，不应是百分比：「${shown(v)}」` };
      if (n.value < 0) return { ok: false, blank: false, error: `「${name}」不能为负数：${n.value}` };
      if (def.kind === 'size' && n.value === 0) return { ok: false, blank: false, error: `「${name}」必须大于0` };
      if ((def.kind === 'count' || def.kind === 'size') && !Number.isInteger(n.value)) {
        return { ok: true, value: n.value, warning: `「${name}」应为整数，读到 ${n.value}` };
      }
      return { ok: true, value: n.value };
    }
    case 'rate': {
      let value = n.value;
      let warning: string | undefined;
      if (!n.percent && value > 1) {
        value = value / 100;
        warning = `「${name}」填的是 ${n.value}，按百分比 ${n.value}% 读取`;
      }
      if (value < 0) return { ok: false, blank: false, error: `「${name}」不能为负数：${shown(v)}` };
      if (value > 1) return { ok: false, blank: false, error: `「${name}」超过100%：${shown(v)}` };
      return { ok: true, value, warning };
    }
    case 'points':
      if (n.percent) return { ok: false, blank: false, error: `「${name}」应为分数，不应是百分比：「${shown(v)}」` };
      return n.value < 0
        ? { ok: true, value: n.value, warning: `「${name}」为负数 ${n.value}，按规则截取` }
        : { ok: true, value: n.value };
  }
}

function readFlag(def: FieldDef, v: CellValue): CellReading {
  const text = (typeof v === 'boolean' ? String(v) : shown(v)).normalize('NFKC').trim().toLowerCase();
  if (def.notApplicable?.some((na) => na.normalize('NFKC') === text)) return { ok: true, value: 1 };
  if (YES.has(text)) return { ok: true, value: 1 };
  if (NO.has(text)) return { ok: true, value: 0 };
  const options = ['是', '否', ...(def.notApplicable?.slice(0, 1) ?? [])].join('/');
  return { ok: false, blank: false, error: `「${def.zh}」应填${options}，读到「${shown(v)}」` };
}

const CHINESE_MONTHS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12,
};

/** A month as 1–12, a date, 2024-03, 2024年3月, 3月 or 三月 (spec §6). */
export function readMonth(v: CellValue): { ok: true; month: number; year: number | null } | { ok: false; error: string } {
  if (isBlank(v)) return { ok: false, error: '「月份」未填写' };
  if (v instanceof Date) return { ok: true, month: v.getUTCMonth() + 1, year: v.getUTCFullYear() };
  let m: number | null = null;
  let year: number | null = null;
  if (typeof v === 'number') m = v;
  else if (typeof v === 'string') {
    const s = v.normalize('NFKC').replace(/\s/g, '');
    const ym = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月]\d{1,2}日?|月)?$/.exec(s);
    const plain = /^(\d{1,2})月?(?:份)?$/.exec(s);
    const zh = /^([一二三四五六七八九十]+)月(?:份)?$/.exec(s);
    if (ym) {
      year = Number(ym[1]);
      m = Number(ym[2]);
    } else if (plain) m = Number(plain[1]);
    else if (zh) m = CHINESE_MONTHS[zh[1]] ?? null;
    else return { ok: false, error: `「月份」无法识别：「${v}」` };
  } else return { ok: false, error: `「月份」无法识别：「${shown(v)}」` };
  if (m === null || !Number.isInteger(m) || m < 1 || m > 12) {
    return { ok: false, error: `「月份」应在1–12之间，读到「${shown(v)}」` };
  }
  return { ok: true, month: m, year };
}

/**
 * The key under which two spellings of a unit's name are one unit: full-width and half-width alike
 * (NFKC), without spaces or zero-width characters. `村０２`, `村 02` and `村02` are one unit.
 */
export function unitNameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFKC').replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '');
    // A ledger names each unit on every row: normalised once per spelling, not once per row.
    if (nameKeys.size >= 1_000_000) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}
const nameKeys = new Map<string, string>();

/** Names that differ only in leading zeros of their numbers (`村2`, `村02`): probably one unit, flagged. */
export function nearNameKey(name: string): string {
  return unitNameKey(name).replace(/\d+/g, (d) => String(Number(d)));
}

/** Plain text of an identity cell (unit name, group, level), trimmed; null when blank. */
export function readText(v: CellValue | undefined): string | null {
  if (v === undefined || isBlank(v)) return null;
  return shown(v as CellValue).trim();
}

const typeWord = (text: string) => text.normalize('NFKC').replace(/\s/g, '');
const typeWordSets = new WeakMap<readonly UnitTypeDef[], Map<string, UnitType>>();

/** The words of a rubric's unit types: each name and its synonyms (居委会 for 社区). */
function typeWords(types: readonly UnitTypeDef[]): Map<string, UnitType> {
  let words = typeWordSets.get(types);
  if (!words) {
    words = new Map(types.flatMap((t) => [t.name, ...t.synonyms].map((w) => [typeWord(w), t.name] as const)));
    typeWordSets.set(types, words);
  }
  return words;
}

/** A 类型 cell read as one of the rubric's unit types (by name or synonym). */
export function readUnitType(v: CellValue | undefined, types: readonly UnitTypeDef[]): { ok: true; type: UnitType } | { ok: false; error: string } {
  const text = readText(v);
  const expected = () => types.map((t) => t.name).join('或');
  if (text === null) return { ok: false, error: `「类型」未填写，应为${expected()}` };
  // A word written as the rubric writes it (社区) needs no normalising.
  const words = typeWords(types);
  const type = words.get(text) ?? words.get(typeWord(text));
  return type ? { ok: true, type } : { ok: false, error: `「类型」应为${expected()}，读到「${text}」` };
}

export { shown as showCell };
