/**
 * Mapped raw rows → the engine's column table, parsing and validating every cell the rubric
 * needs (spec §5). An error sets NaN in its column, which blocks exactly the indicators that
 * read it; a row-level error (no unit, bad month, duplicate) keeps the row out of the table.
 */
import { ATTRIBUTES, type FieldDef, type FieldSet, type UnitAttributeKey, type UnitType, type UnitTypeDef } from '../fields';
import { indicatorApplies, type CompiledRubric } from '../engine/compile';
import { createTable, type UnitMonthTable } from '../engine/table';
import { isBlank, nearNameKey, plainFieldNumber, readFieldCell, readMonth, readNumberText, readText, readUnitType, showCell, unitNameKey } from './cells';
import { peekOf } from '../recordView';
import type { CellValue, Issue, RawLedger, RawRow, SourcedValue, UnitInfo } from './types';

export interface BuiltLedger {
  table: UnitMonthTable;
  units: UnitInfo[];
  /** Table row → the raw row it came from. */
  rowOrigins: RawRow[];
  issues: Issue[];
}

const attrName = (key: UnitAttributeKey) => ATTRIBUTES.find((a) => a.key === key)!.zh;

/** A (type, month) situation as one number (types count from UNKNOWN_TYPE, -1): asked once per row, a string key would be made a million times. */
const situation = (type: number, month: number): number => (type + 1) * 16 + month;

/** Fields → indicators that read them, for one (type, month) situation; cached per situation. */
class Needs {
  private cache = new Map<number, Map<string, string[]>>();
  constructor(private rubric: CompiledRubric) {}
  of(type: number, month: number): Map<string, string[]> {
    const key = situation(type, month);
    let needs = this.cache.get(key);
    if (!needs) {
      needs = new Map();
      for (const ind of this.rubric.ruleSet.indicators) {
        if (!indicatorApplies(ind, type, month, this.rubric)) continue;
        for (const field of this.rubric.fieldsOf(ind.code)) {
          const list = needs.get(field) ?? [];
          list.push(ind.code);
          needs.set(field, list);
        }
      }
      this.cache.set(key, needs);
    }
    return needs;
  }

  private aligned = new Map<number, { keys: readonly string[]; blocks: (string[] | undefined)[] }>();

  /** `of(type, month)` as a list beside `keys`: what each key's value blocks, undefined where it is not needed. */
  byColumn(type: number, month: number, keys: readonly string[]): (string[] | undefined)[] {
    const id = situation(type, month);
    let known = this.aligned.get(id);
    if (known?.keys !== keys) {
      const needs = this.of(type, month);
      known = { keys, blocks: keys.map((k) => needs.get(k)) };
      this.aligned.set(id, known);
    }
    return known.blocks;
  }
}

/** A name as the analyst should see it: invisible characters shown as ⟨U+200B⟩. */
const visible = (name: string) => name.replace(/[\u200B-\u200D\u2060\uFEFF]/g, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);

/** Units whose names differ only in leading zeros (`村2`, `村02`): scored apart, but flagged for the analyst. */
function nearDuplicateNames(units: readonly UnitInfo[]): Issue[] {
  const groups = new Map<string, string[]>();
  for (const u of units) groups.set(nearNameKey(u.name), [...(groups.get(nearNameKey(u.name)) ?? []), u.name]);
  return [...groups.values()]
    .filter((names) => names.length > 1)
    .map((names) => ({
      severity: 'warning' as const, unit: names[0], month: null, field: '单位名称', cell: null,
      message: `单位${names.map((n) => `「${n}」`).join('与')}名称相近（仅数字前的0不同），按${names.length}个单位分别计分，请核对是否为同一单位`,
    }));
}

const IDENTITY = ['unit', 'type', 'month'] as const;

/** The values of a record's `keys`, read without their addresses where the record can peek (see peekOf). */
function valuesOf(record: Partial<Record<string, SourcedValue>>, keys: readonly string[]): (CellValue | undefined)[] {
  const peek = peekOf(record, keys);
  return keys.map((key, i) => (peek ? peek(i) : record[key]?.value) as CellValue | undefined);
}

interface AcceptedRow {
  raw: RawRow;
  unit: string;
  month: number;
  type: UnitType | null;
}

export interface BuildOptions {
  /** The year the ledger is for; by default the year most of its dated months name. */
  year?: number;
}

/** What the rows say about each unit before any is accepted: its spelling, its type by majority, the ledger's year. */
function surveyRows(raw: RawLedger, unitTypes: readonly UnitTypeDef[]): { majorityType: Map<string, { type: UnitType; count: number }>; commonYear: number | null } {
  const types = new Map<string, Map<UnitType, number>>();
  const years = new Map<number, number>();
  for (const row of raw.rows) {
    const [unitValue, typeValue, monthValue] = valuesOf(row.attributes, IDENTITY);
    const unit = readText(unitValue);
    if (unit === null) continue;
    const type = readUnitType(typeValue, unitTypes);
    if (type.ok) {
      const counts = types.get(unitNameKey(unit)) ?? new Map<UnitType, number>();
      counts.set(type.type, (counts.get(type.type) ?? 0) + 1);
      types.set(unitNameKey(unit), counts);
    }
    const month = readMonth(monthValue ?? null);
    if (month.ok && month.year !== null) years.set(month.year, (years.get(month.year) ?? 0) + 1);
  }
  const majorityType = new Map<string, { type: UnitType; count: number }>();
  for (const [key, counts] of types) {
    // The type most rows give; on a tie the one given first.
    let best: { type: UnitType; count: number } | undefined;
    for (const [type, count] of counts) if (!best || count > best.count) best = { type, count };
    majorityType.set(key, best!);
  }
  let commonYear: number | null = null;
  let most = 0;
  for (const [year, count] of years) if (count > most) [commonYear, most] = [year, count];
  return { majorityType, commonYear };
}

export function buildLedger(raw: RawLedger, rubric: CompiledRubric, options: BuildOptions = {}): BuiltLedger {
  const issues: Issue[] = [...raw.issues];
  const needs = new Needs(rubric);
  if (raw.rows.length === 0) {
    issues.push({ severity: 'error', unit: null, month: null, field: null, cell: null, message: `台账「${raw.sheet}」表头下方没有数据行，没有可评分的单位` });
  }

  // 1. Identity: unit, month, type; duplicates; per-unit attributes.
  const { unitTypes } = rubric.ruleSet;
  const { majorityType, commonYear } = surveyRows(raw, unitTypes);
  // The indicators a unit's type decides: what a 类型 that cannot be read blocks. A rubric without
  // any scores every unit alike: its ledger needs no 类型, but one written must be one of its types.
  const typed = rubric.ruleSet.indicators.filter((i) => i.appliesTo !== undefined).map((i) => i.code);
  const blocked = typed.length ? `，指标${typed.join('、')}无法计分` : '';
  const year = options.year ?? commonYear;
  const unitIndex = new Map<string, number>();
  const units: UnitInfo[] = [];
  const spellingOf = new Map<string, string>();
  const spellingsWarned = new Set<string>();
  const candidates: AcceptedRow[] = [];
  // Unit-months keyed by number (unit index × 13 + month): a string per row would be hashed again and again.
  const unitMonthKey = (unit: string, month: number) => unitIndex.get(unit)! * 13 + month;
  const seen = new Map<number, AcceptedRow>();
  const duplicated = new Set<number>();
  const otherYearSheets = new Set<string>();
  for (const row of raw.rows) {
    const a = row.attributes;
    const [unitValue, typeValue, monthValue] = valuesOf(a, IDENTITY);
    const written = readText(unitValue);
    if (written === null) {
      issues.push({ severity: 'error', unit: null, month: null, field: '单位名称', cell: a.unit?.cell ?? row.rowRef, message: `第${row.row}行「单位名称」未填写，该行未计分` });
      continue;
    }
    // One unit however its name is spelled (full-width digits, spaces, zero-width characters): the first spelling names it.
    const nameKey = unitNameKey(written);
    const unit = spellingOf.get(nameKey) ?? written;
    if (!spellingOf.has(nameKey)) spellingOf.set(nameKey, written);
    else if (written !== unit && !spellingsWarned.has(`${nameKey}\u0000${written}`)) {
      spellingsWarned.add(`${nameKey}\u0000${written}`);
      issues.push({ severity: 'warning', unit, month: null, field: '单位名称', cell: a.unit!.cell, message: `单位名称「${visible(written)}」与「${unit}」按同一单位计（全角/半角、空格或不可见字符不同），请统一写法` });
    }
    const monthReading = readMonth(monthValue ?? null);
    if (!monthReading.ok) {
      issues.push({ severity: 'error', unit, month: null, field: '月份', cell: a.month?.cell ?? row.rowRef, message: `${monthReading.error}，该行未计分` });
      continue;
    }
    const month = monthReading.month;
    if (monthReading.year !== null && year !== null && monthReading.year !== year) {
      const hint = options.year === undefined ? `（本台账多数月份为${year}年；如需按${monthReading.year}年评分，请用 --year ${monthReading.year}）` : '';
      if (!row.monthFromSheet) {
        issues.push({ severity: 'error', unit, month, field: '月份', cell: a.month?.cell ?? row.rowRef, message: `「月份」为${monthReading.year}年${month}月，不是${year}年，该行未计分${hint}` });
      } else if (!otherYearSheets.has(row.sheet!)) {
        // One sheet, one month: said once for the sheet, not once per row.
        otherYearSheets.add(row.sheet!);
        issues.push({ severity: 'error', unit: null, month, field: '月份', cell: a.month?.cell ?? row.rowRef, message: `工作表「${row.sheet}」为${monthReading.year}年${month}月，不是${year}年，该表各行未计分${hint}` });
      }
      continue;
    }
    if (!unitIndex.has(unit)) {
      unitIndex.set(unit, units.length);
      units.push({ name: unit, type: majorityType.get(nameKey)?.type ?? null, town: null, group: null, level: null, founding: null, reward: 0, rewardReason: null });
    }
    const info = units[unitIndex.get(unit)!];
    const type = readUnitType(typeValue, unitTypes);
    let rowType: UnitType | null = null;
    if (!type.ok) {
      if (typed.length || !isBlank(a.type?.value)) issues.push({ severity: 'error', unit, month, field: '类型', cell: a.type?.cell ?? row.rowRef, message: `${type.error}${blocked}` });
    } else if (info.type !== null && info.type !== type.type) {
      // The minority is in error, wherever it stands: the unit's type is what most of its rows say.
      const majority = majorityType.get(nameKey)!;
      issues.push({ severity: 'error', unit, month, field: '类型', cell: a.type!.cell, message: `「类型」为「${type.type}」，与该单位其他${majority.count}行的「${majority.type}」不一致${blocked}` });
    } else {
      info.type = type.type;
      rowType = type.type;
    }
    const key = unitMonthKey(unit, month);
    const earlier = seen.get(key);
    if (earlier) {
      duplicated.add(key);
      // Rows of a sheet per month share its 月份 cell: such a row is named by its 单位名称 cell.
      const cell = (row.monthFromSheet ? a.unit?.cell : a.month?.cell) ?? row.rowRef;
      const where = earlier.raw.sheet === row.sheet ? `第${earlier.raw.row}行` : (earlier.raw.monthFromSheet ? earlier.raw.attributes.unit?.cell : earlier.raw.attributes.month?.cell) ?? earlier.raw.rowRef;
      issues.push({ severity: 'error', unit, month, field: '月份', cell, message: `${unit}${month}月重复出现（与${where}重复），该月不计分` });
      continue;
    }
    const accepted = { raw: row, unit, month, type: rowType };
    seen.set(key, accepted);
    candidates.push(accepted);
  }
  issues.push(...nearDuplicateNames(units));
  const accepted = duplicated.size ? candidates.filter((r) => !duplicated.has(unitMonthKey(r.unit, r.month))) : candidates;

  readUnitAttributes(raw, units, unitIndex, issues, (name) => spellingOf.get(unitNameKey(name)) ?? name);

  // 2. Columns for the needed fields.
  const fields = rubric.fields;
  const table = createTable(accepted.length, fields.list.filter((d) => d.kind !== 'text').map((d) => d.key));
  const params = readParams(raw, issues);
  const missingColumnReported = new Set<string>();
  const missingParamReported = new Set<string>();
  // Iterating the Map itself would allocate an entry per field per row: a million rows make that the GC's work.
  const columns = [...table.columns];
  const columnKeys = columns.map(([key]) => key);
  const columnArrays = columns.map(([, column]) => column);
  const columnDefs = columnKeys.map((key) => fields.def(key));
  const plausibility = plausibilityColumns(table, fields);
  accepted.forEach((r, i) => {
    const ty = rubric.typeCode(r.type);
    table.unit[i] = unitIndex.get(r.unit)!;
    table.month[i] = r.month;
    table.type[i] = ty;
    const needed = needs.of(ty, r.month);
    const neededByColumn = needs.byColumn(ty, r.month, columnKeys);
    const rowFields = r.raw.fields;
    // Values alone: a cell's address is looked up only when the cell is reported.
    const peek = peekOf(rowFields, columnKeys);
    for (let c = 0; c < columnKeys.length; c++) {
      const column = columnArrays[c];
      const blocks = neededByColumn[c];
      if (!blocks) {
        column[i] = NaN; // not read for this unit-month: nothing may depend on it
        continue;
      }
      const key = columnKeys[c];
      const def = columnDefs[c];
      const value = (peek ? peek(c) : rowFields[key]?.value) as CellValue | undefined;
      if (def.param && (value === undefined || isBlank(value))) {
        column[i] = paramValue(params, def, r.month, blocks, issues, missingParamReported);
        continue;
      }
      if (peek ? value === undefined : !(key in rowFields)) {
        // No column for it on this row's sheet (a sheet per month may lack one the others have): never a blank.
        column[i] = NaN;
        const reported = `${r.raw.sheet ?? ''}\u0000${key}`;
        if (!missingColumnReported.has(reported)) {
          missingColumnReported.add(reported);
          const where = r.raw.sheet === undefined ? '台账中' : `工作表「${r.raw.sheet}」中`;
          issues.push({ severity: 'error', unit: null, month: r.raw.monthFromSheet ? r.month : null, field: def.zh, cell: null, message: `${where}没有「${def.zh}」列，指标${blocks.join('、')}无法计分`, blocks });
        }
        continue;
      }
      column[i] = cellValue(def, value ?? null, key, r, blocks, issues);
    }
    checkPartsOfWholes(table, fields, i, r, needed, issues);
    checkPlausibleCounts(plausibility, i, r, issues);
  });

  return { table, units, rowOrigins: accepted.map((r) => r.raw), issues };
}

function cellValue(def: FieldDef, value: CellValue, key: string, r: AcceptedRow, blocks: string[], issues: Issue[]): number {
  const plain = plainFieldNumber(def, value);
  if (plain !== null) return plain;
  const reading = readFieldCell(def, value);
  const cell = () => r.raw.fields[key]?.cell ?? r.raw.rowRef;
  if (!reading.ok) {
    issues.push({ severity: 'error', unit: r.unit, month: r.month, field: def.zh, cell: cell(), message: `${reading.error}，指标${blocks.join('、')}无法计分`, blocks });
    return NaN;
  }
  if (reading.warning) issues.push({ severity: 'warning', unit: r.unit, month: r.month, field: def.zh, cell: cell(), message: reading.warning });
  return reading.value;
}

/** How many times the unit-month's 劳动力总数 a count may be before it is questioned. */
const PLAUSIBLE_TIMES_LABOR_FORCE = 10;

/**
 * A count far beyond the unit's labour force (a typo of three extra zeros, a figure pasted into the
 * wrong column) is scored as written, and said: a warning at the cell, never a silent number.
 */
interface PlausibilityColumns {
  labor: ArrayLike<number> | undefined;
  counted: { def: FieldDef; values: ArrayLike<number> }[];
}

/** Counts of people (人): what a unit's labour force bounds. Enterprises, records, services and the labour pools are not. */
function plausibilityColumns(table: UnitMonthTable, fields: FieldSet): PlausibilityColumns {
  return {
    labor: table.columns.get('laborForce'),
    counted: fields.list.flatMap((def) => {
      const values = def.kind === 'count' && def.unit === '人' ? table.columns.get(def.key) : undefined;
      return values ? [{ def, values }] : [];
    }),
  };
}

function checkPlausibleCounts({ labor, counted }: PlausibilityColumns, i: number, r: AcceptedRow, issues: Issue[]): void {
  const l = labor?.[i];
  if (l === undefined || !(l > 0)) return;
  const limit = PLAUSIBLE_TIMES_LABOR_FORCE * l;
  for (const { def, values } of counted) {
    const v = values[i];
    if (!(v > limit)) continue;
    issues.push({
      severity: 'warning', unit: r.unit, month: r.month, field: def.zh, cell: r.raw.fields[def.key]?.cell ?? r.raw.rowRef,
      message: `「${def.zh}」为${v}，超过该单位当月劳动力总数（${l}人）的${PLAUSIBLE_TIMES_LABOR_FORCE}倍，已按所填数计分，请核对`,
    });
  }
}

/** Spec §5: a part larger than its whole (the rubric's 不大于 pairs) is an input error on the part. */
function checkPartsOfWholes(table: UnitMonthTable, fields: FieldSet, i: number, r: AcceptedRow, needed: Map<string, string[]>, issues: Issue[]): void {
  for (const [part, whole] of fields.partsOfWholes) {
    const blocks = needed.get(part);
    if (!blocks || !needed.has(whole)) continue;
    const p = table.columns.get(part)![i];
    const w = table.columns.get(whole)![i];
    if (!(p > w)) continue; // NaN on either side was reported already
    const partDef = fields.def(part);
    issues.push({
      severity: 'error', unit: r.unit, month: r.month, field: partDef.zh, cell: r.raw.fields[part]?.cell ?? r.raw.rowRef,
      message: `「${partDef.zh}」${p} 大于「${fields.name(whole)}」${w}，指标${blocks.join('、')}无法计分`, blocks,
    });
    table.columns.get(part)![i] = NaN;
  }
}

type ParamTable = Map<number, Map<string, SourcedValue>>;

function readParams(raw: RawLedger, issues: Issue[]): ParamTable {
  const params: ParamTable = new Map();
  for (const row of raw.params) {
    const m = readMonth(row.month.value);
    if (!m.ok) {
      issues.push({ severity: 'error', unit: null, month: null, field: '月份', cell: row.month.cell, message: `参数表：${m.error}，该行未使用` });
      continue;
    }
    if (params.has(m.month)) {
      issues.push({ severity: 'error', unit: null, month: m.month, field: '月份', cell: row.month.cell, message: `参数表中${m.month}月重复出现，使用先出现的一行` });
      continue;
    }
    params.set(m.month, new Map(Object.entries(row.fields)));
  }
  return params;
}

/** A province average (ruling R3): parsed once per month, reported once per month when missing or bad. */
function paramValue(params: ParamTable, def: FieldDef, month: number, blocks: string[], issues: Issue[], reported: Set<string>): number {
  const source = params.get(month)?.get(def.key);
  const reading = source ? readFieldCell(def, source.value) : null;
  const key = `${def.key}:${month}`;
  if (reading?.ok) {
    if (reading.warning && !reported.has(key)) {
      reported.add(key);
      issues.push({ severity: 'warning', unit: null, month, field: def.zh, cell: source!.cell, message: `参数表：${reading.warning}` });
    }
    return reading.value;
  }
  if (!reported.has(key)) {
    reported.add(key);
    const why = reading ? reading.error : `缺少${month}月的「${def.zh}」`;
    issues.push({ severity: 'error', unit: null, month, field: def.zh, cell: source?.cell ?? null, message: `参数表：${why}，本月各单位指标${blocks.join('、')}无法计分`, blocks });
  }
  return NaN;
}

const UNIT_ATTRIBUTES = ['unit', 'town', 'group', 'level', 'founding', 'reward', 'rewardReason'] as const;

/** Per-unit columns, repeated on the unit's rows or on a 单位信息 sheet: first value wins, conflicts warned. */
function readUnitAttributes(raw: RawLedger, units: UnitInfo[], unitIndex: Map<string, number>, issues: Issue[], canonical: (name: string) => string): void {
  // The first value given for each unit's attributes, by unit index and attribute position.
  const setFrom: (string | undefined)[][] = [];
  const fromUnitSheet = new Set(raw.unitRows);
  for (const row of [...raw.unitRows, ...raw.rows]) {
    const values = valuesOf(row.attributes, UNIT_ATTRIBUTES);
    const written = readText(values[0]);
    if (written === null) continue;
    const unit = canonical(written);
    const index = unitIndex.get(unit);
    if (index === undefined) {
      if (fromUnitSheet.has(row)) {
        issues.push({ severity: 'warning', unit, month: null, field: '单位名称', cell: row.attributes.unit!.cell, message: `单位信息表中的「${unit}」在台账中没有数据，已忽略` });
      }
      continue;
    }
    const info = units[index];
    for (let k = 1; k < UNIT_ATTRIBUTES.length; k++) {
      const value = values[k];
      if (value === undefined || isBlank(value)) continue;
      const key = UNIT_ATTRIBUTES[k] as Exclude<(typeof UNIT_ATTRIBUTES)[number], 'unit'>;
      const source = row.attributes[key]!;
      const text = readText(value)!;
      const firsts = (setFrom[index] ??= []);
      const first = firsts[k];
      if (first !== undefined) {
        if (first !== text) {
          issues.push({ severity: 'warning', unit, month: null, field: attrName(key), cell: source.cell, message: `「${attrName(key)}」与该单位先前的值「${first}」不一致，按先前的值计` });
        }
        continue;
      }
      firsts[k] = text;
      setAttribute(info, key, source, text, issues);
    }
  }
}

/** A 带动奖励 above this is said (请核对); above the other it cannot be one unit's reward and blocks its total. */
const REWARD_UNUSUAL = 1_000_000;
const REWARD_IMPOSSIBLE = 100_000_000;

function setAttribute(info: UnitInfo, key: 'town' | 'group' | 'level' | 'founding' | 'reward' | 'rewardReason', source: SourcedValue, text: string, issues: Issue[]): void {
  switch (key) {
    case 'reward': {
      const n = typeof source.value === 'number' ? { value: source.value, percent: false } : readNumberText(text);
      const where = { unit: info.name, month: null, field: '带动奖励', cell: source.cell };
      if (n === null || n.percent || !(n.value >= 0)) {
        issues.push({ severity: 'error', ...where, message: `「带动奖励」应为不小于0的金额，读到「${showCell(source.value)}」，该单位年终金额待核实` });
        info.reward = null;
      } else if (n.value > REWARD_IMPOSSIBLE) {
        // Not an amount a bureau pays (1e308 would print ∞): blocked, not added.
        issues.push({ severity: 'error', ...where, message: `「带动奖励」${showCell(source.value)}元超过${REWARD_IMPOSSIBLE / 10000}万元，不可能是一个单位的奖励，该单位年终金额待核实` });
        info.reward = null;
      } else {
        if (n.value > REWARD_UNUSUAL) issues.push({ severity: 'warning', ...where, message: `「带动奖励」${n.value}元超过${REWARD_UNUSUAL / 10000}万元，金额异常大，请核对` });
        info.reward = n.value;
      }
      return;
    }
    case 'founding': {
      const yes = ['是', 'y', 'yes', 'true', '1', '√'].includes(text.toLowerCase());
      const no = ['否', 'n', 'no', 'false', '0', '×'].includes(text.toLowerCase());
      if (!yes && !no) issues.push({ severity: 'warning', unit: info.name, month: null, field: '年初创建单位', cell: source.cell, message: `「年初创建单位」应填是或否，读到「${text}」，按否计` });
      info.founding = yes;
      return;
    }
    default:
      info[key] = text;
  }
}
