/**
 * 月度得分 in 通用公式: one row per scored unit-month, in the ledger's order; one column per
 * indicator with a header that states its rule, each bucket (ruling R4) beside its items, the total
 * and 备注; then the inputs the rules read, one column per field, each a formula over the ledger's
 * own cell (or the 参数 sheet's, ruling R3) that reads it as the engine does and shows 「数据有误」
 * where the engine reports an error.
 *
 * Who and when a row is — its unit, type and month — is fixed when the sheet is written, as it is in
 * the live layout; what the unit reported is read live, so editing a ledger figure rescores.
 */
import { indicatorApplies, notForType, reportedItems, type CompiledRubric, type ReportedItem } from '../../engine/compile';
import { UNKNOWN_TYPE } from '../../engine/table';
import type { FieldDef } from '../../fields';
import type { BuiltLedger } from '../../ledger/build';
import { isBlank, readFieldCell } from '../../ledger/cells';
import type { CellValue, RawRow } from '../../ledger/types';
import { columnLetter } from '../../read/address';
import type { IssueResult, ScoreResult } from '../../result';
import { ruleText } from '../../rules/explain';
import type { Indicator, RuleSet } from '../../rules/vocabulary';
import { MONTHLY_SHEET, rowsWhenRead, type SheetColumn, type SheetTable, type SheetValue } from '../sheets';
import { BAD, BAD_DATA, isBlankCell, literal, text } from './formulaText';
import { blankValue, flagTextReadAlike, readingFormula } from './inputReading';
import { indicatorFormula } from './ruleFormulas';

/** Where a 通用公式 finds the cells it reads; a cell outside the workbook it is written into is refused. */
export interface CellSources {
  /** A ledger or 参数 cell as a formula reference (`台账!F17`), checked to be in the workbook. */
  reference(cell: string): string;
  /** The 参数 cell of a province average for a month and what it holds, or null when there is none (ruling R3: an error). */
  param(month: number, field: string): { cell: string; value: CellValue } | null;
}

export interface MonthlyFormulas {
  table: SheetTable;
  /** 月度得分's total cell (`月度得分!$AH$5`) of each unit's scored months: unit index → month → address. */
  totals: Map<number, Map<number, string>>;
  /** The cells the formulas read differently from the engine (numbers stored as text), said in 问题清单. */
  notes: IssueResult[];
}

/** `E1 登记失业人员就业率（低于95%时，每低1个百分点扣1分，扣完为止；满分5分）`: the code, the name and the rule. */
export function ruleHeader(ind: Indicator, ruleSet: RuleSet): string {
  return `${ind.code} ${ind.zh}（${ruleText(ind, ruleSet)}）`;
}

/** `P2 人员配置及培训（P2a+P2b，最高4分）`. */
export function bucketHeader(item: ReportedItem): string {
  return `${item.code} ${item.zh}（${item.indicators.map((i) => i.code).join('+')}，最高${item.cap}分）`;
}

/** A score column of the sheet: an indicator, or a bucket standing for its items. */
type ScoreColumn = { kind: 'indicator'; ind: Indicator; item: ReportedItem } | { kind: 'bucket'; item: ReportedItem };

/** The fields each (type, month) situation reads, as the engine decides which cells to read (build.ts). */
function neededFields(rubric: CompiledRubric): (type: number, month: number) => ReadonlySet<string> {
  const cache = new Map<string, Set<string>>();
  const { ruleSet } = rubric;
  return (type, month) => {
    const key = `${type}:${month}`;
    let needed = cache.get(key);
    if (!needed) {
      needed = new Set();
      for (const ind of ruleSet.indicators) {
        if (!indicatorApplies(ind, type, month, rubric)) continue;
        for (const f of rubric.fieldsOf(ind.code)) needed.add(f);
      }
      cache.set(key, needed);
    }
    return needed;
  };
}

export function monthlyFormulas(result: ScoreResult, built: BuiltLedger, rubric: CompiledRubric, cells: CellSources): MonthlyFormulas {
  const { ruleSet } = rubric;
  const fields = rubric.fields;
  const items = reportedItems(ruleSet);
  const scoreColumns: ScoreColumn[] = items.flatMap((item): ScoreColumn[] =>
    item.cap === undefined ? [{ kind: 'indicator', ind: item.indicators[0], item }] : [...item.indicators.map((ind) => ({ kind: 'indicator' as const, ind, item })), { kind: 'bucket' as const, item }],
  );
  const read = new Set(ruleSet.indicators.flatMap((ind) => rubric.fieldsOf(ind.code)));
  const inputs: FieldDef[] = fields.list.filter((d) => read.has(d.key));

  const FIRST_SCORE = 4;
  const totalColumn = FIRST_SCORE + scoreColumns.length;
  const firstInput = totalColumn + 2;
  const inputColumn = new Map(inputs.map((d, k) => [d.key, columnLetter(firstInput + k)]));
  const scoreLetter = scoreColumns.map((_, k) => columnLetter(FIRST_SCORE + k));
  const columns: SheetColumn[] = [
    { header: '单位名称', kind: 'text' }, { header: '类型', kind: 'text' }, { header: '小组', kind: 'text' }, { header: '月份', kind: 'integer' },
    ...scoreColumns.map((c): SheetColumn => ({ header: c.kind === 'bucket' ? bucketHeader(c.item) : ruleHeader(c.ind, ruleSet), kind: 'points' })),
    { header: `月度总分(${ruleSet.total})`, kind: 'points' },
    { header: '备注', kind: 'text' },
    ...inputs.map((d): SheetColumn => ({ header: `输入：${d.zh}`, kind: 'text' })),
  ];

  const needs = neededFields(rubric);
  const indicatorColumn = new Map(scoreColumns.flatMap((c, k) => (c.kind === 'indicator' ? [[c.ind, k] as const] : [])));
  const itemColumn = new Map(items.map((item) => [item, item.cap === undefined ? indicatorColumn.get(item.indicators[0])! : scoreColumns.findIndex((c) => c.kind === 'bucket' && c.item === item)]));
  const forType = (ind: Indicator, type: number) => ind.appliesTo === undefined || type === UNKNOWN_TYPE || ind.appliesTo.some((t) => rubric.typeCode(t) === type);
  const monthOf = (i: number) => {
    const unit = result.units[built.table.unit[i]];
    const m = unit.months.find((x) => x.month === built.table.month[i]);
    if (!m) throw new Error(`内部错误：${unit.unit}${built.table.month[i]}月不在评分结果中`);
    return { unit, m };
  };

  // Before any row is made: where each unit-month's total is, every cell read checked to be in the
  // workbook (a refusal comes now, not halfway through writing), and the cells read differently.
  const totals = new Map<number, Map<number, string>>();
  const notes: IssueResult[] = [];
  for (let i = 0; i < built.table.length; i++) {
    const { unit, m } = monthOf(i);
    const u = built.table.unit[i];
    (totals.get(u) ?? totals.set(u, new Map()).get(u)!).set(m.month, `${MONTHLY_SHEET}!$${columnLetter(totalColumn)}$${i + 2}`);
    const needed = needs(built.table.type[i], m.month);
    for (const def of inputs) {
      if (!needed.has(def.key)) continue;
      for (const { cell, value } of cellsRead(def, built.rowOrigins[i], m.month, cells)) {
        cells.reference(cell);
        if (typeof value !== 'string' || isBlank(value) || !readFieldCell(def, value).ok) continue;
        if (def.kind !== 'flag') {
          notes.push({ unit: unit.unit, month: m.month, field: def.zh, cell, message: `「${def.zh}」是以文本存储的数字「${value}」：通用公式读为「${BAD_DATA}」（hs-score 和任务窗格照常读取），请改为数值` });
        } else if (!flagTextReadAlike(def, value)) {
          notes.push({ unit: unit.unit, month: m.month, field: def.zh, cell, message: `「${def.zh}」填的「${value}」：通用公式读为「${BAD_DATA}」（hs-score 和任务窗格照常读取），请按「是」「否」原样填写，不带全角字符或全角空格` });
        }
      }
    }
  }

  const row = (i: number): SheetValue[] => {
    const { unit, m } = monthOf(i);
    const r = i + 2;
    const type = built.table.type[i];
    const origin = built.rowOrigins[i];
    const needed = needs(type, m.month);
    const ref = (field: string) => `${inputColumn.get(field)}${r}`;

    const inputCells = inputs.map((def): SheetValue => {
      if (!needed.has(def.key)) return null; // not read for this unit-month, as the engine does not read it
      const wholes = (def.partOf ?? []).filter((w) => needed.has(w) && inputColumn.has(w)).map(ref);
      return `=${inputFormula(def, origin, m.month, wholes, cells)}`;
    });

    const applies = (item: ReportedItem) => !notForType(item, type);
    const scoreCells = scoreColumns.map((c): SheetValue => {
      if (!applies(c.item)) return null; // an item of the other unit type: empty, as in 数值
      if (c.kind === 'bucket') {
        // Ruling R4: the items' sum, capped; an item of the other type adds nothing.
        const members = c.item.indicators.filter((ind) => forType(ind, type)).map((ind) => `${scoreLetter[indicatorColumn.get(ind)!]}${r}`);
        return members.length ? `=IF(COUNT(${members.join(',')})=${members.length},MIN(${c.item.cap},${members.join('+')}),${BAD})` : 0;
      }
      if (c.ind.appliesTo !== undefined) {
        if (type === UNKNOWN_TYPE) return BAD_DATA; // the unit's 类型 could not be read: see 问题清单
        if (!forType(c.ind, type)) return null;
      }
      return `=${indicatorFormula(c.ind, ref, ruleSet.scoring, `$D${r}`)}`;
    });

    // The same formulas on every row (an item of the other type is an empty cell: nothing to add, nothing blocked).
    const reported = items.map((item) => ({ code: item.code, cell: `${scoreLetter[itemColumn.get(item)!]}${r}` }));
    const scores = scoreLetter.length ? `${scoreLetter[0]}${r}:${scoreLetter[scoreLetter.length - 1]}${r}` : '';
    const blockedAny = `COUNTIF(${scores},${BAD})>0`;
    const total = reported.length ? `=IF(${blockedAny},${BAD},SUM(${reported.map((x) => x.cell).join(',')}))` : 0;
    const blocked = reported.map((x) => `IF(${x.cell}=${BAD},${text(`、${x.code}`)},"")`).join('&');
    const note = reported.length ? `=IF(${blockedAny},MID(${blocked},2,999)&"有错误未能计分，见问题清单","")` : null;
    return [literal(unit.unit), literal(unit.type), literal(unit.group), m.month, ...scoreCells, total, note, ...inputCells];
  };
  // Made as they are written: a district's formulas held at once would be a gigabyte of text.
  return { table: { name: MONTHLY_SHEET, columns, rows: lazyRows(built.table.length, row) }, totals, notes };
}

/** Rows made when read; the first few kept, as column widths read them column by column. */
function lazyRows(length: number, row: (i: number) => SheetValue[]): SheetValue[][] {
  const kept = new Map<number, SheetValue[]>();
  return rowsWhenRead(length, (i) => {
    if (i >= KEPT_ROWS) return row(i);
    let r = kept.get(i);
    if (!r) kept.set(i, (r = row(i)));
    return r;
  });
}
const KEPT_ROWS = 500;

/** The cells an input reads for a unit-month: its ledger cell, and for a province average the 参数 cell of the month. */
function cellsRead(def: FieldDef, origin: RawRow, month: number, cells: CellSources): { cell: string; value: CellValue }[] {
  const source = origin.fields[def.key];
  const param = def.param ? cells.param(month, def.key) : null;
  return [...(source ? [{ cell: source.cell, value: source.value }] : []), ...(param ? [param] : [])];
}

/**
 * One input cell's formula: the ledger's cell read as its field's kind says, or for a province
 * average the 参数 sheet's cell of the month (ruling R3; the ledger's own column first where it has
 * one and the cell is filled), as build.ts decides; the marker where the engine has nothing to read.
 */
function inputFormula(def: FieldDef, origin: RawRow, month: number, wholes: readonly string[], cells: CellSources): string {
  // A date where a figure belongs is an error to the engine (问题清单 says so); a formula would read its serial number.
  const reading = (cell: string, value: unknown): string => (value instanceof Date ? BAD : readingFormula(def, cells.reference(cell), wholes));
  const source = origin.fields[def.key];
  if (def.param) {
    const paramCell = cells.param(month, def.key);
    const fromParams = paramCell === null ? BAD : reading(paramCell.cell, paramCell.value);
    if (source === undefined) return fromParams;
    const ledgerCell = cells.reference(source.cell);
    return `IF(${isBlankCell(ledgerCell)},${fromParams},${reading(source.cell, source.value)})`;
  }
  // No column for the field on this row's sheet: never a blank (build.ts).
  if (source === undefined) return def.key in origin.fields ? blankValue(def) : BAD;
  return reading(source.cell, source.value);
}
