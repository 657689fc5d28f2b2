/**
 * HS.MONTHSCORE and HS.BREAKDOWN: a whole unit-month read from a ledger row by its headers, the
 * column mapping hs-score uses (spec §7). Header mappings and 参数 tables are cached by content, so
 * the 12 × N formulas of a district map the header once, not once per cell, and a row is scored
 * once for its HS.BREAKDOWN and HS.MONTHSCORE together. A district is better scored by
 * HS.MONTHSCORES (src/formulas/monthBlock.ts): one call per block of rows.
 */
import { notForType } from '../engine/compile';
import { fieldSet } from '../fields';
import type { RawRow, SourcedValue } from '../ledger/types';
import type { RuleSet } from '../rules/vocabulary';
import { tidy } from '../score';
import { ArgumentCells, cellsOf, isBlankValue, scalar, type Matrix } from './args';
import { ContentCache, contentKey } from './contentCache';
import { headerMapping, headerWidth, paramTable } from './ledgerArguments';
import { badValue, FormulaError } from './formulaError';
import type { Addresses } from './indicatorFunctions';
import { blockingError, compiledFor, scoreOneRow, type ScoredRow } from './oneRow';

interface MonthArgs {
  headerRow: Matrix;
  valueRow: Matrix;
  params: Matrix | null;
  month: unknown;
  unitType: unknown;
}

interface ScoredMonth {
  scored: ScoredRow;
  prefix: string;
}

/**
 * The last rows scored, per rule set: a 月度得分 row holds HS.BREAKDOWN and HS.MONTHSCORE over the same
 * arguments, and Excel calls them one after the other, so the second finds the first's work.
 */
const scoredRows = new WeakMap<RuleSet, ContentCache<ScoredMonth>>();
const ROWS_KEPT = 256;

function scoreMonth(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses): ScoredMonth {
  let cache = scoredRows.get(ruleSet);
  if (!cache) scoredRows.set(ruleSet, (cache = new ContentCache<ScoredMonth>(ROWS_KEPT)));
  const where = [addresses.headerRow, addresses.valueRow, addresses.params, addresses.month, addresses.unitType];
  const key = contentKey([...args.headerRow, ...args.valueRow, ...(args.params ?? []), [args.month, args.unitType], where]);
  return cache.get(key, () => scoreMonthOnce(args, ruleSet, addresses));
}

function scoreMonthOnce(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses): ScoredMonth {
  const headerCells = new ArgumentCells('表头行', addresses.headerRow);
  const valueCells = new ArgumentCells('数值行', addresses.valueRow);
  const mapping = headerMapping(args.headerRow, headerCells, fieldSet(ruleSet.fields));
  if (args.valueRow.length !== 1) throw badValue(`${valueCells.whole}应为一行，收到${args.valueRow.length}行`);
  const width = headerWidth(args.headerRow);
  if (args.valueRow[0].length !== width) {
    throw badValue(`${valueCells.whole}应与表头行同宽：表头行${width}列，数值行${args.valueRow[0].length}列`);
  }
  const list = cellsOf(args.valueRow, valueCells);
  const values = list.values.map((_, i) => list.located(i));
  const row: RawRow = { rowRef: values[0]?.cell ?? '', row: 1, attributes: {}, fields: {} };
  const provided: string[] = [];
  for (const column of mapping.columns) {
    if (!column.target) continue;
    const cell = values[column.column];
    if (column.target.kind === 'attribute') row.attributes[column.target.key] = cell;
    else {
      row.fields[column.target.key] = cell;
      provided.push(column.target.key);
    }
  }
  const unitNamed = row.attributes.unit !== undefined && !isBlankValue(row.attributes.unit.value);
  if (!unitNamed) row.attributes.unit = { value: '本行', cell: row.rowRef };
  const override = (label: string, value: unknown, address: string | undefined): SourcedValue | undefined => {
    const cells = new ArgumentCells(label, address);
    const given = scalar(value, cells);
    return isBlankValue(given) ? undefined : { value: given, cell: cells.cell };
  };
  row.attributes.month = override('月份', args.month, addresses.month) ?? row.attributes.month ?? missing('月份', '给出「月份」参数，或让表头行包含「月份」列');
  const type = override('类型', args.unitType, addresses.unitType) ?? row.attributes.type;
  // Needed only where the rubric scores some indicators for some unit types.
  if (type) row.attributes.type = type;
  else if (ruleSet.indicators.some((i) => i.appliesTo !== undefined)) missing('类型', `给出「类型」参数（${ruleSet.unitTypes.map((t) => t.name).join('或')}），或让表头行包含「类型」列`);

  const params = paramTable(args.params, new ArgumentCells('参数表', addresses.params), fieldSet(ruleSet.fields));
  const rubric = compiledFor(ruleSet, 'all', (r) => r);
  const scored = scoreOneRow(rubric, row, params.rows, provided);
  scored.built.issues.push(...params.issues);
  const month = scored.built.table.length === 1 ? `${scored.built.table.month[0]}月` : '';
  const prefix = unitNamed ? `${String(row.attributes.unit!.value).trim()}${month}：` : month ? `${month}：` : '';
  return { scored, prefix };
}

function missing(field: string, hint: string): never {
  throw badValue(`缺少「${field}」：请${hint}`);
}

/** HS.MONTHSCORE: the unit-month's total, or #VALUE! naming the cell that blocks it. */
export function monthScore(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses = {}): number {
  const { scored, prefix } = scoreMonth(args, ruleSet, addresses);
  const total = scored.scores?.total[0] ?? NaN;
  if (Number.isNaN(total)) throw blockingError(scored.built.issues, ruleSet.indicators.map((i) => i.code), prefix);
  return total; // as computed, like HS.MONTHSCORES' total: HS.ANNUAL then averages what hs-score averages
}

/**
 * HS.BREAKDOWN: every reported item's points in rubric order (E4a and E4b both have a place: the
 * one that does not apply to the unit's type is empty text). A blocked item is an error value in
 * its own cell, so one bad input does not hide the other indicators.
 */
export function breakdown(args: MonthArgs, ruleSet: RuleSet, addresses: Addresses = {}): (number | string | FormulaError)[][] {
  const { scored, prefix } = scoreMonth(args, ruleSet, addresses);
  const rubric = compiledFor(ruleSet, 'all', (r) => r);
  if (scored.scores === null) throw blockingError(scored.built.issues, [], prefix);
  const scores = scored.scores;
  const type = scored.built.table.type[0];
  return [
    rubric.items.map((item, k) => {
      if (notForType(item, type)) return '';
      const v = scores.items[k][0];
      if (!Number.isNaN(v)) return tidy(v);
      return blockingError(scored.built.issues, item.indicators.map((i) => i.code), prefix);
    }),
  ];
}

/** The codes of HS.BREAKDOWN's columns, for a header above the spill. */
export function breakdownCodes(ruleSet: RuleSet): string[] {
  return compiledFor(ruleSet, 'all', (r) => r).items.map((item) => item.code);
}

