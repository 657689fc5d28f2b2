/**
 * Header text as people type it → a comparable key. Real ledgers write the same column as
 * `劳动力数（人）`, `劳动力数 (人)` or `劳动力数\n(人)` (spec §7); after normalisation all three read
 * `劳动力数`. Brackets that belong to a name (`社区(村)名称`, `乡镇(街道)`) are kept: only a bracketed
 * unit of measure is dropped. Matching also compares the bracket-free form (see `withoutBrackets`).
 */
import type { CellValue } from '../ledger/types';

/** Units of measure that ledgers append in brackets: `(人)`, `（万户）`, `(%)`, `(单位：人)`, `(是/否)`. */
const UNIT_WORDS = [
  '人', '户', '万', '万户', '万人', '人次', '%', '‰', '‱', '个', '条', '次', '家', '元', '万元', '件',
  '名', '位', '分', '项', '场', '期', '笔', '天', '人数', '户数', '个数', '条数', '次数', '家数', '件数',
  // Not a unit but the answers a yes/no column takes (`年度业务培训达标（是/否）`, as the template writes it).
  '是/否', '是或否',
];
const UNIT_SUFFIX = new RegExp(`\\((?:单位:)?(?:${UNIT_WORDS.map(escapeRegExp).join('|')})\\)`, 'g');

/** Brackets NFKC leaves alone; all become round brackets so `【人】` and `(人)` compare equal. */
const OTHER_BRACKETS: Readonly<Record<string, string>> = { '【': '(', '】': ')', '〔': '(', '〕': ')', '〖': '(', '〗': ')', '[': '(', ']': ')', '{': '(', '}': ')' };

/** Section numbering in front of a header: `一、`, `(二)`, `3.`, `4、` (not `1个月…`, not `1.5`). */
const LEADING_NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.](?!\d))/;

/** Whitespace of every kind, including the zero-width characters copied in from web pages. */
const ANY_SPACE = /[\s\u200b-\u200d\u2060\ufeff]+/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The comparable form of a header: NFKC (full-width brackets, digits, letters → ASCII), no
 * whitespace or line breaks, no section numbering, no required-field marks, no bracketed unit
 * of measure (`(人)`, `(%)`), ASCII lower-case.
 */
export function normalizeHeader(text: string): string {
  let s = text.normalize('NFKC').replace(ANY_SPACE, '');
  s = s.replace(/[【】〔〕〖〗[\]{}]/g, (b) => OTHER_BRACKETS[b] ?? b);
  s = s.replace(/^[*※]+|[*※:]+$/g, '');
  s = s.replace(LEADING_NUMBERING, '');
  s = s.replace(UNIT_SUFFIX, '');
  // A bare percent sign after a rate (`准确率%`) is a unit too.
  s = s.replace(/%$/, '');
  return s.toLowerCase();
}

/** The normalised header with every bracketed segment removed: `社区(村)名称` → `社区名称`. */
export function withoutBrackets(normalized: string): string {
  let s = normalized;
  for (let previous = ''; previous !== s; ) {
    previous = s;
    s = s.replace(/\([^()]*\)/g, '');
  }
  return s;
}

/** A cell as header text: strings as typed, numbers and dates as shown; empty for blanks. */
export function headerCellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Header text for reports: line breaks and runs of spaces become one space. */
export function displayHeader(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}
