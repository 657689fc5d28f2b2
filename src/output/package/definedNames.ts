/**
 * What becomes of a defined name's formula when the output sheets of an earlier run are replaced.
 * As the exceljs writer did before: a name that points only into those sheets goes, and a list of
 * ranges (`台账!$A$1,年度汇总!$A$1`) loses the ranges in them. A name that mixes them into a larger
 * formula is kept as written: the new sheet has the same name, so it still resolves.
 */

export type NameFate = { keep: false } | { keep: true; formula: string };

interface SheetRef {
  /** The sheets the reference names (two for a 3-D reference `一月:三月!A1`); none for another workbook's. */
  sheets: string[];
}

/** `'quoted ''name'''!` or `name!` or `first:last!`, optionally after `[1]` (another workbook). */
const REF = /(\[\d+\])?(?:'((?:[^']|'')+)'|([^\s'!,;()=+\-*/^&<>"{}[\]:]+(?::[^\s'!,;()=+\-*/^&<>"{}[\]:]+)?))!/y;
/** What may follow a sheet prefix in a plain reference: a cell, a range, whole rows or columns, #REF!. */
const PLAIN_RANGE = /^(?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+|#REF!)$/;

/** The sheet references of a formula, outside its string literals. */
function sheetRefs(formula: string): SheetRef[] {
  const refs: SheetRef[] = [];
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i];
    if (ch === '"') {
      // A literal ends at the next quote; a doubled quote ("") simply starts the rest of it anew.
      const close = formula.indexOf('"', i + 1);
      i = close < 0 ? formula.length : close + 1;
      continue;
    }
    const starts = i === 0 || /[\s,;(=+\-*/^&<>{:]/.test(formula[i - 1]);
    REF.lastIndex = i;
    const m = starts ? REF.exec(formula) : null;
    if (m) {
      const names = m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3];
      const external = m[1] !== undefined || names.startsWith('[');
      refs.push({ sheets: external ? [] : names.replace(/^\[\d+\]/, '').split(':') });
      i = REF.lastIndex;
    } else {
      i++;
    }
  }
  return refs;
}

/** The formula's top-level comma-separated parts, or null when a part is not one plain sheet reference. */
function plainUnion(formula: string): { text: string; sheets: string[] }[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quoted: string | null = null;
  let start = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (quoted) {
      if (ch === quoted) quoted = null;
    } else if (ch === "'" || ch === '"') quoted = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(formula.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(formula.slice(start));
  const out: { text: string; sheets: string[] }[] = [];
  for (const text of parts) {
    const trimmed = text.trim();
    REF.lastIndex = 0;
    const m = REF.exec(trimmed);
    if (!m || !PLAIN_RANGE.test(trimmed.slice(REF.lastIndex))) return null;
    out.push({ text, sheets: sheetRefs(trimmed)[0].sheets });
  }
  return out;
}

export function definedNameAfter(formula: string, replaced: ReadonlySet<string>): NameFate {
  const refs = sheetRefs(formula.replace(/^=/, ''));
  const inReplaced = (r: SheetRef) => r.sheets.length > 0 && r.sheets.every((s) => replaced.has(s));
  const touching = refs.filter((r) => r.sheets.some((s) => replaced.has(s)));
  if (touching.length === 0) return { keep: true, formula };
  if (refs.every(inReplaced)) return { keep: false };
  const union = plainUnion(formula);
  if (union === null) return { keep: true, formula };
  const left = union.filter((part) => !(part.sheets.length > 0 && part.sheets.every((s) => replaced.has(s))));
  return left.length ? { keep: true, formula: left.map((p) => p.text).join(',') } : { keep: false };
}
