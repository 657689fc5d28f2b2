/**
 * The pieces every 通用公式 is made of, as formula text (without the leading '='). Only functions
 * that Excel 2010+, WPS 表格, LibreOffice Calc and HyperFormula evaluate alike are used here: IF,
 * AND, OR, NOT, MIN, MAX, ROUND, ROUNDUP, SUM, COUNT, COUNTIF, COUNTIFS, AVERAGE, ISNUMBER, ISLOGICAL,
 * TRIM, CLEAN, SUBSTITUTE, IFERROR, MID, CHOOSE. No LET, LAMBDA, dynamic arrays or RANK.EQ.
 */

/** What an indicator (and everything computed from it) shows where the engine's score is blocked. */
export const BAD_DATA = '数据有误';

/** A text constant inside a formula: `"数据有误"`, quotes doubled. */
export const text = (s: string): string => `"${s.replace(/"/g, '""')}"`;

export const BAD = text(BAD_DATA);

/**
 * A number as a formula constant, in plain decimals (0.00007, never 7e-5: some parsers read only
 * the plain form). The shortest text that reads back as the same double.
 */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`内部错误：公式中的数值 ${n} 不是有限数`);
  const plain = String(n);
  if (!/e/i.test(plain)) return plain;
  for (let digits = 1; digits <= 20; digits++) {
    const fixed = n.toFixed(digits);
    if (Number(fixed) === n) return fixed;
  }
  return n.toFixed(20);
}

/** `MIN(max,MAX(0,x))`: every indicator's score is kept in [0, max] (spec §1). */
export const clamp = (x: string, max: number): string => `MIN(${num(max)},MAX(0,${x}))`;

/** `k*x`, without a multiplication by 1 (so E1 reads 5-MAX(…)*100, as the rubric says it). */
export const times = (k: number, x: string): string => (k === 1 ? x : `${num(k)}*${x}`);

/** AND of conditions, without the AND for one. */
export const all = (conditions: readonly string[]): string => (conditions.length === 1 ? conditions[0] : `AND(${conditions.join(',')})`);

/** Blank as the engine reads it (spec §5): empty, or only spaces, full-width spaces, tabs or line breaks. */
export const isBlankCell = (cell: string): string => `TRIM(CLEAN(SUBSTITUTE(${cell},"　","")))=""`;

/**
 * A cell value written into a 通用公式 sheet: a text that starts with '=' would be read as a
 * formula, so it is written as one that gives the text back.
 */
export function literal<T extends string | number | null>(v: T): T | string {
  return typeof v === 'string' && v.startsWith('=') ? `=${text(v)}` : v;
}
