/**
 * HS.SCORE, HS.JOBRATE, HS.HARDRATE and HS.RATE: one indicator, or one rate, from the inputs typed
 * in or referenced by a formula.
 */
import { evaluateMeasure, indicatorFields, reportedItems } from '../engine/compile';
import { fieldDef, fieldSet, type FieldDef } from '../fields';
import { readFieldCell } from '../ledger/cells';
import type { RawRow, SourcedValue } from '../ledger/types';
import type { Indicator, Measure, RuleSet } from '../rules/vocabulary';
import { tidy } from '../score';
import { ArgumentCells, cellsOf, isBlankValue, scalar, shown, type Matrix } from './args';
import { badValue, notAvailable } from './formulaError';
import { blockingError, compiledFor, scoreOneRow } from './oneRow';

/** Parameter addresses Excel gives with @requiresParameterAddresses, by parameter name. */
export type Addresses = Partial<Record<string, string>>;

const FORMULA_UNIT = '本单元格';

interface Selection {
  code: string;
  indicators: readonly Indicator[];
  /** The input fields, in the order the formula gives them. */
  fields: readonly string[];
  appliesTo?: Indicator['appliesTo'];
}

function selectionOf(ruleSet: RuleSet, codeText: string): Selection | undefined {
  const indicator = ruleSet.indicators.find((i) => i.code.toUpperCase() === codeText);
  const item = reportedItems(ruleSet).find((i) => i.code.toUpperCase() === codeText);
  const chosen = indicator ? { code: indicator.code, indicators: [indicator] } : item ? { code: item.code, indicators: item.indicators } : undefined;
  if (!chosen) return undefined;
  const fields = [...new Set(chosen.indicators.flatMap(indicatorFields))];
  return { ...chosen, fields, appliesTo: chosen.indicators.length === 1 ? chosen.indicators[0].appliesTo : undefined };
}

/** The rule set cut down to one indicator, or one bucket with its items. */
function cutTo(ruleSet: RuleSet, selection: Selection): RuleSet {
  const codes = selection.indicators.map((i) => i.code);
  return {
    ...ruleSet,
    id: `${ruleSet.id}:${selection.code}`,
    indicators: selection.indicators,
    buckets: ruleSet.buckets.filter((b) => b.code === selection.code || (b.items.every((c) => codes.includes(c)) && codes.length > 1)),
  };
}

/** The indicator codes a formula may name, for messages. */
export function indicatorCodes(ruleSet: RuleSet): string[] {
  const codes = reportedItems(ruleSet).flatMap((item) => (item.cap !== undefined ? [item.code, ...item.indicators.map((i) => i.code)] : [item.code]));
  return [...new Set(codes)];
}

/** The inputs of an indicator, in the order HS.SCORE takes them (HS.INPUTS spills them as a header). */
export function indicatorInputs(code: unknown, ruleSet: RuleSet, addresses: Addresses = {}): string[] {
  const fields = fieldSet(ruleSet.fields);
  return selectionFor(code, ruleSet, addresses).fields.map((key) => fields.name(key));
}

function selectionFor(code: unknown, ruleSet: RuleSet, addresses: Addresses): Selection {
  const cells = new ArgumentCells('指标代码', addresses.code);
  const value = scalar(code, cells);
  if (isBlankValue(value)) throw badValue(`「指标代码」未填写，可用：${indicatorCodes(ruleSet).join('、')}`);
  const text = String(value).normalize('NFKC').trim().toUpperCase();
  const selection = selectionOf(ruleSet, text);
  if (!selection) throw badValue(`未知的指标代码「${shown(value)}」，${ruleSet.zh}可用：${indicatorCodes(ruleSet).join('、')}`);
  return selection;
}

/** The unit type a formula asks about: given, or implied by an indicator that applies to one type only. */
function unitTypeFor(selection: Selection, unitType: unknown, ruleSet: RuleSet, addresses: Addresses): SourcedValue {
  const cells = new ArgumentCells('类型', addresses.unitType);
  const given = scalar(unitType, cells);
  if (isBlankValue(given)) return { value: selection.appliesTo?.[0] ?? ruleSet.unitTypes[0]?.name ?? null, cell: cells.cell };
  return { value: given, cell: cells.cell };
}

/**
 * HS.SCORE: one indicator's points (or a capped bucket's, ruling R4) for one unit-month. Inputs come
 * in the order of HS.INPUTS(code); month matters for indicators assessed from a given month
 * (ruling R5) and defaults to one that is assessed; unit type matters for E4a/E4b.
 */
export function indicatorScore(code: unknown, inputs: Matrix, month: unknown, unitType: unknown, ruleSet: RuleSet, addresses: Addresses = {}): number {
  const selection = selectionFor(code, ruleSet, addresses);
  const list = cellsOf(inputs, new ArgumentCells('输入', addresses.inputs));
  const values = list.values.map((_, i) => list.located(i));
  const defs = fieldSet(ruleSet.fields);
  const names = selection.fields.map((key) => defs.name(key));
  if (values.length !== selection.fields.length) {
    throw badValue(`指标${selection.code}需要${names.length}个输入（按顺序：${names.join('、')}），收到${values.length}个`);
  }
  const type = unitTypeFor(selection, unitType, ruleSet, addresses);
  const monthCells = new ArgumentCells('月份', addresses.month);
  const monthValue = scalar(month, monthCells);
  const fields: Record<string, SourcedValue> = {};
  selection.fields.forEach((key, i) => {
    const def = defs.def(key);
    // Without a 参数 table, a province average is an input like any other: blank is an error here.
    if (def.param && isBlankValue(values[i].value)) throw badValue(`「${def.zh}」未填写（${values[i].cell}），指标${selection.code}无法计分`);
    fields[key] = values[i];
  });
  const row: RawRow = {
    rowRef: values[0]?.cell ?? '输入',
    row: 1,
    attributes: {
      unit: { value: FORMULA_UNIT, cell: values[0]?.cell ?? '输入' },
      month: { value: isBlankValue(monthValue) ? 12 : monthValue, cell: monthCells.cell },
      type,
    },
    fields,
  };
  const rubric = compiledFor(ruleSet, `score:${selection.code}`, (r) => cutTo(r, selection));
  const scored = scoreOneRow(rubric, row, [], selection.fields);
  if (scored.scores === null) throw blockingError(scored.built.issues, [selection.code]);
  const rowType = scored.built.table.type[0];
  const item = rubric.items[0];
  const rowTypeName = scored.built.units[0].type;
  if (item.appliesTo !== undefined && rowTypeName !== null && !item.appliesTo.includes(rowTypeName)) {
    throw notAvailable(`指标${selection.code}只适用于${item.appliesTo.join('、')}，本单位为${rowTypeName}`);
  }
  const points = scored.scores.items[0][0];
  if (Number.isNaN(points) || rowType < 0) throw blockingError(scored.built.issues, selection.indicators.map((i) => i.code));
  return tidy(points);
}

/* ---------- Rates ---------- */

const JOB_RATE: Measure = { kind: 'complement', total: 'laborForce', part: 'registeredUnemployed' };
const HARD_RATE: Measure = { kind: 'complement', total: 'laborForce', part: 'hardToEmploy' };

/** A rate of spec §2 (E1's, E3's) through the engine's own measure, with §5's checks on its inputs. */
function measureRate(code: string, zh: string, measure: Measure & { kind: 'complement' }, total: unknown, part: unknown, ruleSet: RuleSet, addresses: Addresses): number {
  const indicator: Indicator = { code, section: '', zh, en: zh, max: 1, measure, scoring: { kind: 'judged' } };
  const selection: Selection = { code, indicators: [indicator], fields: [measure.total, measure.part] };
  // The rubric's own 劳动力总数 … when it defines them, else the built-in fields the rate is made of.
  const defs = [measure.total, measure.part].map((key) => fieldSet(ruleSet.fields).byKey.get(key) ?? fieldDef(key));
  const rubric = compiledFor(ruleSet, `rate:${code}`, (r) => ({ ...r, indicators: [indicator], buckets: [], fields: defs }));
  const totalCells = new ArgumentCells(defs[0].zh, addresses[measure.total]);
  const partCells = new ArgumentCells(defs[1].zh, addresses[measure.part]);
  const fields: Record<string, SourcedValue> = {
    [measure.total]: { value: scalar(total, totalCells), cell: totalCells.cell },
    [measure.part]: { value: scalar(part, partCells), cell: partCells.cell },
  };
  const row: RawRow = {
    rowRef: totalCells.cell,
    row: 1,
    attributes: { unit: { value: FORMULA_UNIT, cell: totalCells.cell }, month: { value: 12, cell: '' }, type: { value: ruleSet.unitTypes[0]?.name ?? null, cell: '' } },
    fields,
  };
  const scored = scoreOneRow(rubric, row, [], selection.fields);
  if (scored.scores === null || Number.isNaN(scored.scores.indicators.get(code)![0])) throw blockingError(scored.built.issues, [code]);
  return evaluateMeasure(measure, ruleSet.scoring, scored.built.table).values[0];
}

/** HS.JOBRATE: E1's 登记失业人员就业率, (劳动力总数 − 期末登记失业人员人数) / 劳动力总数. */
export function jobRate(laborForce: unknown, registeredUnemployed: unknown, ruleSet: RuleSet, addresses: Addresses = {}): number {
  return measureRate('E1', '登记失业人员就业率', JOB_RATE as Measure & { kind: 'complement' }, laborForce, registeredUnemployed, ruleSet, addresses);
}

/** HS.HARDRATE: E3's 就业困难人员就业率, (劳动力总数 − 期末就业困难人员人数) / 劳动力总数. */
export function hardRate(laborForce: unknown, hardToEmploy: unknown, ruleSet: RuleSet, addresses: Addresses = {}): number {
  return measureRate('E3', '就业困难人员就业率', HARD_RATE as Measure & { kind: 'complement' }, laborForce, hardToEmploy, ruleSet, addresses);
}

const NUMERATOR: FieldDef = { key: 'numerator', zh: '分子', en: 'numerator', kind: 'count', synonyms: [] };
const DENOMINATOR: FieldDef = { key: 'denominator', zh: '分母', en: 'denominator', kind: 'count', synonyms: [] };

/** HS.RATE: numerator / denominator; an empty base (0 or blank) counts as met under ruling R2. */
export function rate(numerator: unknown, denominator: unknown, ruleSet: RuleSet, addresses: Addresses = {}): number {
  const read = (def: FieldDef, value: unknown): number => {
    const cells = new ArgumentCells(def.zh, addresses[def.key]);
    const reading = readFieldCell(def, scalar(value, cells));
    if (!reading.ok) throw badValue(cells.cell ? `${reading.error}（${cells.cell}）` : reading.error);
    return reading.value;
  };
  const num = read(NUMERATOR, numerator);
  const den = read(DENOMINATOR, denominator);
  if (den > 0) return num / den;
  if (ruleSet.scoring.emptyBaseCountsAsMet) return 1;
  throw badValue('「分母」为0（无基数），按规则设置（裁定R2：无基数不视为达标）无法计算比率');
}
