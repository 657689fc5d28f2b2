/**
 * One unit-month scored through the same path as a whole ledger: a one-row RawLedger goes through
 * buildLedger (every parsing and validation rule of spec §5) and the compiled rubric. A cell and
 * hs-score therefore read blanks, text numbers and percentages identically and block the same
 * indicators.
 */
import { compileRuleSet, type CompiledRubric, type MonthScores } from '../engine/compile';
import { buildLedger, type BuiltLedger } from '../ledger/build';
import type { Issue, RawLedger, RawParamRow, RawRow } from '../ledger/types';
import type { RuleSet } from '../rules/vocabulary';
import { badValue, type FormulaError } from './formulaError';

/** Compiled rubrics per rule set and selection of indicators: a recalculation never recompiles. */
const compiledRubrics = new WeakMap<RuleSet, Map<string, CompiledRubric>>();

export function compiledFor(ruleSet: RuleSet, key: string, select: (r: RuleSet) => RuleSet): CompiledRubric {
  let byKey = compiledRubrics.get(ruleSet);
  if (!byKey) compiledRubrics.set(ruleSet, (byKey = new Map()));
  let rubric = byKey.get(key);
  if (!rubric) byKey.set(key, (rubric = compileRuleSet(select(ruleSet))));
  return rubric;
}

export interface ScoredRow {
  built: BuiltLedger;
  /** null when the row itself was rejected (no month, no unit). */
  scores: MonthScores | null;
}

/** Rows from worksheet arguments as a ledger for buildLedger: the fields the arguments provide count as its columns. */
export function argumentLedger(rows: RawRow[], params: readonly RawParamRow[], providedFields: readonly string[], rubric: CompiledRubric): RawLedger {
  return {
    source: 'HS函数',
    sheet: '',
    mapping: {
      sheet: '',
      headerRows: [],
      firstDataRow: 0,
      columns: providedFields.map((key, column) => ({ column, header: rubric.fields.name(key), target: { kind: 'field', key }, confidence: 1, matchedBy: 'manual' })),
    },
    rows,
    params: [...params],
    unitRows: [],
    issues: [],
  };
}

export function scoreOneRow(rubric: CompiledRubric, row: RawRow, params: readonly RawParamRow[], providedFields: readonly string[]): ScoredRow {
  const built = buildLedger(argumentLedger([row], params, providedFields, rubric), rubric);
  return { built, scores: built.table.length === 1 ? rubric.score(built.table) : null };
}

/** The message of an issue, with its cell when the message does not already name it. */
export function issueText(issue: Issue): string {
  return issue.cell && !issue.message.includes(issue.cell) ? `${issue.message}（${issue.cell}）` : issue.message;
}

/**
 * Why `codes` could not be scored, from the issues of the row (or rows) they were scored on: the first error that blocks one of them, else the first
 * row-level error. A prefix (鹤城社区3月：) says which unit-month the formula is about.
 */
export function blockingError(issues: readonly Issue[], codes: readonly string[], prefix = ''): FormulaError {
  const errors = issues.filter((i) => i.severity === 'error');
  const issue = errors.find((i) => i.blocks?.some((c) => codes.includes(c))) ?? errors.find((i) => !i.blocks) ?? errors[0];
  return badValue(prefix + (issue ? issueText(issue) : `指标${codes.join('、')}无法计分`));
}
