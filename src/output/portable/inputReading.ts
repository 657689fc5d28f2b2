/**
 * A ledger cell read as its field's kind says (spec §5, src/ledger/cells.ts), as a formula: the
 * number the engine reads, or 「数据有误」 where the engine reports an error — a negative count, a
 * blank 劳动力总数, a rate above 100 %, text that is not a 是/否 answer, a part larger than its
 * whole. One generator per field kind; a kind without one does not compile.
 *
 * What a formula cannot do the same way, it refuses rather than guesses: a number stored as text
 * ("123", "95%", full-width digits) and a 是/否 answer with full-width characters or spaces other
 * than ASCII ones around it read 「数据有误」 here although the engine reads them, and
 * monthlyFormulas.ts says so in 问题清单 for every such cell.
 */
import { blankIsZero, type FieldDef, type FieldKind } from '../../fields';
import { FLAG_WORDS } from '../../ledger/cells';
import { BAD, isBlankCell, text } from './formulaText';

/** The value of a field whose cell is blank: 0 where a blank means none, else the marker. */
export const blankValue = (def: FieldDef): string => (blankIsZero(def) ? '0' : BAD);

/** A part larger than any of its wholes (already read, in this row's input cells) is an error; a whole that is not a number is not checked. */
function withinWholes(value: string, wholes: readonly string[]): string {
  return wholes.reduceRight((inner, whole) => `IF(ISNUMBER(${whole}),IF(${value}>${whole},${BAD},${inner}),${inner})`, value);
}

/** The answers a 是/否 cell may hold: those meaning met (是, and the field's not-applicable answers) and those meaning not met. */
function flagAnswers(def: FieldDef): { yes: string[]; no: string[] } {
  const words = (set: Iterable<string>) => [...set].map((w) => w.normalize('NFKC'));
  return { yes: [...words(FLAG_WORDS.yes), ...words(def.notApplicable ?? [])], no: words(FLAG_WORDS.no) };
}

/** Excel's TRIM, as the flag formula applies it: ASCII spaces off both ends, inner runs of them one. */
const excelTrim = (s: string): string => s.replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ');

/**
 * Whether a 是/否 cell's text reads in the formula as the engine reads it: the engine normalises
 * widths and trims every kind of space (是 followed by a full-width space, １), the formula compares
 * the text as typed, spaces trimmed, case aside.
 */
export function flagTextReadAlike(def: FieldDef, cellText: string): boolean {
  const { yes, no } = flagAnswers(def);
  const typed = excelTrim(cellText).toLowerCase();
  return [...yes, ...no].some((w) => w.toLowerCase() === typed);
}

const anyOf = (cell: string, words: readonly string[]): string => `OR(${words.map((w) => `${cell}=${text(w)}`).join(',')})`;

/** A number cell of a kind that must be non-negative (or positive): the value, checked against its wholes, or the marker. */
const bounded = (cell: string, valid: string, wholes: readonly string[]): string => `IF(${valid},${withinWholes(cell, wholes)},${BAD})`;

/** What a number cell of the kind reads as (logical and text cells are handled around it). */
function numberReading(def: FieldDef, cell: string, wholes: readonly string[]): string {
  const kind: FieldKind = def.kind;
  switch (kind) {
    case 'count':
    case 'amount':
    case 'average':
      return bounded(cell, `${cell}>=0`, wholes);
    case 'size':
      return bounded(cell, `${cell}>0`, wholes);
    case 'rate': {
      // 95 is 95 % (a bare number above 1 in a rate field); above 100 % or below 0 is an error.
      const rate = `IF(${cell}>1,${cell}/100,${cell})`;
      return `IF(OR(${cell}<0,${cell}>100),${BAD},${withinWholes(rate, wholes)})`;
    }
    case 'points':
      return withinWholes(cell, wholes);
    case 'flag':
      return `IF(${cell}=1,1,IF(${cell}=0,0,${BAD}))`;
    case 'text':
      return BAD;
    default: {
      const unknown: never = kind;
      throw new Error(`内部错误：字段类型「${String(unknown)}」没有通用公式`);
    }
  }
}

/**
 * The formula text (without '=') reading `cell` as `def` says; `wholes` are this row's input cells
 * of the fields it is a part of. Any error value in the cell (#N/A from the ledger's own formula)
 * reads as the marker.
 */
export function readingFormula(def: FieldDef, cell: string, wholes: readonly string[] = []): string {
  if (def.kind === 'text') return BAD;
  const blankOrBad = blankValue(def) === BAD ? BAD : `IF(${isBlankCell(cell)},${blankValue(def)},${BAD})`;
  let nonNumber = blankOrBad;
  let logical: string = BAD;
  if (def.kind === 'flag') {
    const { yes, no } = flagAnswers(def);
    const answer = `TRIM(${cell})`;
    nonNumber = `IF(${anyOf(answer, yes)},1,IF(${anyOf(answer, no)},0,${blankOrBad}))`;
    logical = `IF(${cell},1,0)`;
  }
  // ISLOGICAL first: LibreOffice keeps TRUE as the number 1, which ISNUMBER would take for a count.
  return `IFERROR(IF(ISLOGICAL(${cell}),${logical},IF(ISNUMBER(${cell}),${numberReading(def, cell, wholes)},${nonNumber})),${BAD})`;
}
