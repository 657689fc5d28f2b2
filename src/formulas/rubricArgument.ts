/**
 * The rule set of an HS.* formula, given as its last argument: omitted, the built-in Heshan 2024
 * rubric; a range, a bureau's own 评分细则 sheet read by the same reader as hs-score and the pane.
 * The rule set is an argument, never state: a cell's score depends only on what the formula
 * references, so Excel recalculates it when the 评分细则 sheet changes, and a workbook with its own
 * rubric can never show a cell scored by another one. Parsed rubrics are cached by content.
 */
import type { CellValue } from '../ledger/types';
import { cellAddress, columnIndex } from '../read/address';
import { HESHAN_2024 } from '../rules/heshan2024';
import { readRubricSheet, RUBRIC_SHEET } from '../rules/rubricSheet';
import type { RuleSet } from '../rules/vocabulary';
import { ArgumentCells, isBlankValue, plainValue, rangeOrigin, scalar, shown, type Matrix } from './args';
import { ContentCache, contentKey } from './contentCache';
import { badValue } from './formulaError';

type Reading = { ok: true; ruleSet: RuleSet } | { ok: false; message: string };

const rubrics = new ContentCache<Reading>(8);

/** Ids of the built-in rule sets a formula may name as text instead of a range. */
const BUILT_IN: readonly RuleSet[] = [HESHAN_2024];

/** How many of a refused sheet's row errors one message quotes. */
const QUOTED_ERRORS = 3;

/**
 * The rule set an argument names. A range is read as a 评分细则 sheet whose top-left cell is the
 * range's (the pane passes the whole sheet from A1); messages name the sheet's real cells.
 */
export function ruleSetArgument(rubric: unknown, address?: string): RuleSet {
  if (rubric === null || rubric === undefined) return HESHAN_2024;
  const cells = new ArgumentCells('评分细则', address);
  if (!Array.isArray(rubric) || (rubric.length === 1 && (rubric[0] as unknown[]).length === 1)) {
    const v = scalar(rubric, cells);
    if (isBlankValue(v)) return HESHAN_2024;
    const text = String(v).normalize('NFKC').trim().toLowerCase();
    const found = BUILT_IN.find((r) => r.id === text || r.zh.normalize('NFKC') === text);
    if (!found) throw badValue(`「评分细则」应为评分细则工作表的区域（如 评分细则!A1:P60）或内置细则 ${BUILT_IN.map((r) => r.id).join('、')}，读到「${shown(v)}」`);
    return found;
  }
  const matrix = rubric as Matrix;
  const rows: CellValue[][] = matrix.map((row, r) => row.map((v, c) => plainValue(v, cells.at(r, c))));
  const origin = rangeOrigin(address);
  const sheet = origin?.sheet ?? RUBRIC_SHEET;
  const reading = rubrics.get(`${sheet}\u0003${origin?.row0 ?? 0},${origin?.col0 ?? 0}\u0003${contentKey(rows)}`, () => {
    const read = readRubricSheet({ name: sheet, rows, merges: [] });
    if (read.ok) return read;
    const shifted = read.errors.map((e) => (origin ? relocate(e, sheet, origin.row0, origin.col0) : e));
    const more = shifted.length > QUOTED_ERRORS ? `等${shifted.length}处` : '';
    return { ok: false, message: `${cells.whole}的评分细则有误，未计分：${shifted.slice(0, QUOTED_ERRORS).join('；')}${more}` };
  });
  if (!reading.ok) throw badValue(reading.message);
  return reading.ruleSet;
}

/** Addresses the reader wrote relative to the range (`评分细则!A7`) moved to where the range sits. */
function relocate(message: string, sheet: string, row0: number, col0: number): string {
  if (row0 === 0 && col0 === 0) return message;
  const prefix = cellAddress(sheet, 0, 0).replace(/A1$/, '');
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`${escaped}([A-Z]{1,3})(\\d+)`, 'g'), (_, col: string, row: string) => cellAddress(sheet, Number(row) - 1 + row0, columnIndex(col) + col0));
}
