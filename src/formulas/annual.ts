/**
 * HS.ANNUAL: the annual score of spec §3, ROUND(mean of the monthly totals, 2), over a range of
 * monthly totals. Blank months are left out of the mean, as hs-score leaves out months it could
 * not score.
 */
import { annualScore } from '../engine/ranking';
import type { RuleSet } from '../rules/vocabulary';
import { argumentValue, ArgumentCells, isBlankValue, shown, textNumberHint, type Matrix } from './args';
import { badValue, type FormulaError } from './formulaError';
import type { Addresses } from './indicatorFunctions';

/** A row of monthly totals: its numbers, and each cell that is neither a number nor blank, quoted where it is. */
function readTotals(row: readonly unknown[], where: (column: number) => string, into: { totals: number[]; bad: string[] }): void {
  for (let c = 0; c < row.length; c++) {
    const raw = row[c];
    if (typeof raw === 'number' && Number.isFinite(raw)) {
      into.totals.push(raw);
      continue;
    }
    const read = argumentValue(raw);
    if (read.ok && isBlankValue(read.value)) continue;
    if (read.ok && typeof read.value === 'number') {
      into.totals.push(read.value);
      continue;
    }
    const text = read.ok ? shown(read.value) : read.shown;
    const hint = read.ok ? textNumberHint(read.value) : '';
    into.bad.push(`${where(c)}「${text}」${hint}`);
  }
}

export function annualOf(monthlyTotals: Matrix, ruleSet: RuleSet, addresses: Addresses = {}): number {
  const cells = new ArgumentCells('月度得分', addresses.monthlyTotals);
  const shape = monthlyTotals.length === 1 ? 'row' : monthlyTotals.every((r) => r.length === 1) ? 'column' : 'matrix';
  const read = { totals: [] as number[], bad: [] as string[] };
  monthlyTotals.forEach((row, r) => readTotals(row, (c) => cells.at(r, c, shape), read));
  const { totals, bad } = read;
  if (bad.length > 0) throw badValue(`月度得分中有非数字的单元格：${bad[0]}${bad.length > 1 ? `等 ${bad.length} 处` : ''}`);
  const score = annualScore(totals, ruleSet.ranking.annualDecimals);
  if (score === null) throw badValue(`${cells.whole}中没有任何数字，无法计算年度得分`);
  return score;
}

/**
 * HS.ANNUALS: one annual score per row of a units × months table of monthly totals (the month
 * columns of 年度汇总), as a column: one call for a whole district instead of one per unit. A row
 * without any number has no annual score (empty); a row holding text is that row's error value.
 */
export function annualsOf(monthlyTotals: Matrix, ruleSet: RuleSet, addresses: Addresses = {}): (number | string | FormulaError)[][] {
  const cells = new ArgumentCells('各月得分', addresses.monthlyTotals);
  const decimals = ruleSet.ranking.annualDecimals;
  return monthlyTotals.map((row, r) => {
    const read = { totals: [] as number[], bad: [] as string[] };
    readTotals(row, (c) => cells.at(r, c), read);
    if (read.bad.length > 0) return [badValue(`各月得分中有非数字的单元格：${read.bad[0]}`)];
    return [annualScore(read.totals, decimals) ?? ''];
  });
}
