/**
 * The 字段 and 单位类型 tables of a 评分细则 sheet: a bureau's own input fields and unit types, as
 * data beside its indicators. The 字段 table names each field a ledger holds, how a cell of it is
 * read (人数/户数/个数 …, 金额, 基数, 比率, 平均数, 是否, 得分, 文本), whether a blank is 0 or an
 * error, its other wordings, the fields it may not exceed (已就业的4050人员 ≤ 4050人员), the unit
 * types that have it and whether it is a district-wide 参数. The 单位类型 table names the kinds of
 * unit the rubric scores (社区、村; 街道、镇; 辖市、区 …) and the words ledgers write for them.
 *
 * A sheet without a 字段 table reads its measures with the built-in (Heshan) fields, one without a
 * 单位类型 table scores 社区 and 村: a sheet written before these tables existed reads as it did.
 * An indicator may name a built-in field the 字段 table leaves out; it joins the rule set's fields.
 */
import { ATTRIBUTES, BUILT_IN_FIELDS, blankIsZero, FIELDS, HESHAN_UNIT_TYPES, type FieldDef, type FieldKind, type UnitTypeDef } from '../fields';
import type { CellValue } from '../ledger/types';
import { someNames } from '../names';
import { indicatorFields } from '../engine/compile';
import type { Indicator, RuleSet } from './vocabulary';
import { cellText, findTable, tableRows, unknownColumns } from './sheetTables';

export const FIELD_HEADER = ['字段名称', '字段类型', '空白', '别称', '不大于', '适用类型', '参数表', '视为达标的答案', '英文名称'] as const;
type FieldColumn = (typeof FIELD_HEADER)[number];
export const UNIT_TYPE_HEADER = ['单位类型', '别称'] as const;

/** What a count may count: 人数, 户数, 个数 … are each a 字段类型. */
const COUNT_UNITS = ['人', '户', '个', '条', '次', '件', '家', '项', '名'] as const;
/** The 字段类型 words of the kinds other than counts and sizes. */
const KIND_WORDS: Readonly<Partial<Record<FieldKind, string>>> = {
  amount: '金额', rate: '比率', average: '平均数', flag: '是否', points: '得分', text: '文本',
};
/** A size (a count that must be above 0, a rate's base such as 劳动力总数): 基数, or 基数（户） for one not of people. */
const SIZE_WORD = /^基数(?:[（(](.)[）)])?$/;
const SIZE_UNIT = '人';
const KIND_NAMES = [...COUNT_UNITS.map((u) => `${u}数`), '基数', ...Object.values(KIND_WORDS)].join('、');

const BLANK_ZERO = '按0计';
const BLANK_ERROR = '错误';

/** The 字段类型 word of a field. */
export function kindWord(def: FieldDef): string {
  if (def.kind === 'count') return `${def.unit ?? '个'}数`;
  if (def.kind === 'size') return (def.unit ?? SIZE_UNIT) === SIZE_UNIT ? '基数' : `基数（${def.unit}）`;
  return KIND_WORDS[def.kind]!;
}

/** A 字段类型 word as a kind and, for counts and sizes, what they count; null when it is none of them. */
function kindOf(word: string): { kind: FieldKind; unit?: string } | null {
  const count = /^(.)数$/.exec(word);
  if (count && (COUNT_UNITS as readonly string[]).includes(count[1])) return { kind: 'count', unit: count[1] };
  const size = SIZE_WORD.exec(word);
  if (size) return { kind: 'size', unit: size[1] ?? SIZE_UNIT };
  const kind = (Object.keys(KIND_WORDS) as FieldKind[]).find((k) => KIND_WORDS[k] === word);
  return kind ? { kind } : null;
}

const list = (xs: readonly string[] | undefined) => (xs?.length ? xs.join('、') : null);

/* ---------- Writing ---------- */

/** The 字段 and 单位类型 tables of a rule set, each after a blank row, to follow its 设置 table. */
export function fieldTableRows(ruleSet: RuleSet): CellValue[][] {
  const name = (key: string) => ruleSet.fields.find((f) => f.key === key)?.zh ?? BUILT_IN_FIELDS.name(key);
  const fieldRow = (def: FieldDef): CellValue[] => {
    const cells: Record<FieldColumn, CellValue> = {
      字段名称: def.zh, 字段类型: kindWord(def), 空白: blankIsZero(def) ? BLANK_ZERO : BLANK_ERROR, 别称: list(def.synonyms),
      不大于: list(def.partOf?.map(name)), 适用类型: list(def.unitTypes), 参数表: def.param ? '是' : null,
      视为达标的答案: list(def.notApplicable), 英文名称: def.en,
    };
    return FIELD_HEADER.map((h) => cells[h]);
  };
  return [
    [],
    [...FIELD_HEADER],
    ...ruleSet.fields.map(fieldRow),
    [],
    [...UNIT_TYPE_HEADER],
    ...ruleSet.unitTypes.map((t) => [t.name, list(t.synonyms)]),
  ];
}

/* ---------- Reading ---------- */

const text = cellText;
/** Names compare as ledger headers do: width and spacing aside. */
const nameKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');
const split = (v: CellValue | undefined): string[] => text(v).split(/\s*[、,，;；/]\s*/).filter(Boolean);

/** Where a problem is: a row and column of the sheet (0-based), and what is wrong. */
export type Problem = (row: number, column: number, message: string) => void;

/** A field name looked up: its key, or why it cannot be used in a measure. */
export type FieldLookup = { ok: true; key: string } | { ok: false; message: string };

/**
 * The fields a sheet's measures may name: its 字段 table's (or, without one, the built-in fields),
 * and any built-in field the table leaves out, which joins the rule set's fields once a measure
 * names it.
 */
export class SheetFields {
  private readonly byName = new Map<string, FieldDef>();
  private readonly used = new Set<string>();

  /** `declared`: the 字段 table's fields; null when the sheet has none (the built-in fields then). */
  constructor(private readonly declared: readonly FieldDef[] | null) {
    for (const def of declared ?? FIELDS) {
      this.byName.set(nameKey(def.zh), def);
      this.byName.set(def.key, def);
      // A built-in whole a declared part names (≤ 劳动力总数) is one of the rubric's fields too.
      for (const whole of def.partOf ?? []) this.used.add(whole);
    }
  }

  /** The field of a name, the sheet's own first, then a built-in one. */
  private find(name: string): FieldDef | undefined {
    const key = nameKey(name);
    return this.byName.get(key) ?? BUILT_IN_FIELDS.list.find((d) => nameKey(d.zh) === key || d.key === key);
  }

  name(key: string): string {
    return this.byName.get(key)?.zh ?? BUILT_IN_FIELDS.name(key);
  }

  /** The field of a key a lookup gave. */
  def(key: string): FieldDef | undefined {
    return this.byName.get(key) ?? BUILT_IN_FIELDS.byKey.get(key);
  }

  isRate(key: string): boolean {
    return this.def(key)?.kind === 'rate';
  }

  /** A field a measure names: its key, or why not (unknown, listing the known fields; a 文本 field). */
  lookup(name: string): FieldLookup {
    const def = this.find(name);
    if (!def) return { ok: false, message: this.unknown(name) };
    if (def.kind === 'text') return { ok: false, message: `「${def.zh}」是文本字段，不能用于计分（字段类型改为人数、比率、是否等）` };
    this.used.add(def.key);
    return { ok: true, key: def.key };
  }

  private unknown(name: string): string {
    const own = this.declared?.map((d) => d.zh) ?? [];
    const known = own.length ? `字段表中有：${someNames(own, { most: 8, quoted: true })}` : `如${someNames(FIELDS.map((d) => d.zh), { most: 3, quoted: true })}`;
    const where = this.declared ? '字段表中没有，也不是内置字段' : '不是内置字段，请在「字段」表中列出';
    return `未知的输入字段「${name.trim()}」：${where}（${known}）`;
  }

  /** The rule set's fields: the 字段 table's in its order, then the built-in ones measures named without it listing them. */
  fields(): readonly FieldDef[] {
    if (!this.declared) return FIELDS;
    const declared = new Set(this.declared.map((d) => d.key));
    const added = BUILT_IN_FIELDS.list.filter((d) => this.used.has(d.key) && !declared.has(d.key));
    return added.length ? [...this.declared, ...added] : this.declared;
  }
}

export interface FieldTables {
  fields: SheetFields;
  unitTypes: readonly UnitTypeDef[];
  /**
   * An indicator may read only fields its unit types have: one for 街道 reading a field the 字段 table
   * gives to 镇 only is refused at that field's 适用类型 cell.
   */
  checkUse(indicators: readonly Indicator[]): void;
}

/** The 单位类型 and 字段 tables found from row `from` on, every problem reported at its cell. */
export function readFieldTables(rows: readonly CellValue[][], from: number, problem: Problem): FieldTables {
  const unitTypes = readUnitTypes(rows, findTable(rows, UNIT_TYPE_HEADER, from), problem);
  const fieldsAt = findTable(rows, FIELD_HEADER, from);
  const table = fieldsAt < 0 ? null : readFields(rows, fieldsAt, unitTypes, problem);
  const typesColumn = fieldsAt < 0 ? -1 : rows[fieldsAt].findIndex((v) => text(v) === '适用类型');
  const checkUse = (indicators: readonly Indicator[]) => {
    for (const def of table?.defs ?? []) {
      if (!def.unitTypes) continue;
      const readers = indicators.filter((ind) => indicatorFields(ind).includes(def.key) && (ind.appliesTo ?? unitTypes.map((t) => t.name)).some((t) => !def.unitTypes!.includes(t)));
      if (!readers.length) continue;
      const of = (ind: Indicator) => `${ind.code}（${ind.appliesTo ? `适用于${ind.appliesTo.join('、')}` : '适用于所有类型'}）`;
      problem(table!.rowOf.get(def)!, typesColumn, `字段「${def.zh}」只有${def.unitTypes.join('、')}填报，但指标${readers.map(of).join('、')}读它：请给指标填适用类型，或改字段的适用类型`);
    }
  };
  return { fields: new SheetFields(table?.defs ?? null), unitTypes, checkUse };
}

function readUnitTypes(rows: readonly CellValue[][], at: number, problem: Problem): readonly UnitTypeDef[] {
  if (at < 0) return HESHAN_UNIT_TYPES;
  const types: UnitTypeDef[] = [];
  const wordOf = new Map<string, string>();
  for (const r of tableRows(rows, at)) {
    const name = text(rows[r][0]);
    if (!name) {
      problem(r, 0, '「单位类型」未填写');
      continue;
    }
    const synonyms = split(rows[r][1]);
    const taken = [name, ...synonyms].filter((w) => wordOf.has(nameKey(w)));
    if (taken.length) {
      problem(r, taken[0] === name ? 0 : 1, taken.map((w) => `「${w}」已是单位类型「${wordOf.get(nameKey(w))}」的名称或别称`).join('；'));
      continue;
    }
    for (const w of [name, ...synonyms]) wordOf.set(nameKey(w), name);
    types.push({ name, synonyms });
  }
  if (types.length === 0) problem(at, 0, '单位类型表中没有类型（每行一个，如「社区」「村」）');
  return types.length ? types : HESHAN_UNIT_TYPES;
}

/** What a 计量 is written with (a + b − c ÷ d × 0.7，最低 1；比率：…≥ 3): a field's name holding one could not be read there. */
const MEASURE_SIGNS = /[+＋−\-÷×,，;；:：≥≤<>=、]/;

/** Names a field may not take: the ledger's identity and per-unit columns. */
const ATTRIBUTE_NAMES = new Map(ATTRIBUTES.flatMap((a) => [a.zh, ...a.synonyms].map((n) => [nameKey(n), a.zh] as const)));
/** Kinds whose blank cell may be 0: the others are always an input error when blank (spec §5). */
const MAY_BE_ZERO: ReadonlySet<FieldKind> = new Set<FieldKind>(['count', 'amount', 'points']);
/** Kinds a part or a whole may be: figures that add up. */
const ADDS_UP: ReadonlySet<FieldKind> = new Set<FieldKind>(['count', 'amount', 'size']);

function readFields(rows: readonly CellValue[][], headerAt: number, unitTypes: readonly UnitTypeDef[], problem: Problem): { defs: FieldDef[]; rowOf: Map<FieldDef, number> } {
  const columns = new Map<string, number>(rows[headerAt].map((v, c) => [text(v), c]));
  for (const unknown of unknownColumns(rows[headerAt], FIELD_HEADER, '字段表')) problem(headerAt, unknown.column, unknown.message);
  const col = (h: FieldColumn) => columns.get(h);
  const cell = (r: number, h: FieldColumn): CellValue => (col(h) === undefined ? null : (rows[r][col(h)!] ?? null));
  const at = (r: number, h: FieldColumn, message: string) => problem(r, col(h) ?? 0, message);
  const typeNames = unitTypes.map((t) => t.name);

  const defs: FieldDef[] = [];
  const rowOf = new Map<FieldDef, number>();
  const wordOf = new Map<string, string>();
  for (const r of tableRows(rows, headerAt)) {
    const zh = text(cell(r, '字段名称'));
    if (!zh) {
      at(r, '字段名称', '「字段名称」未填写');
      continue;
    }
    const attribute = ATTRIBUTE_NAMES.get(nameKey(zh));
    if (attribute) at(r, '字段名称', `「${zh}」是台账的「${attribute}」列，不能作字段名称`);
    const sign = MEASURE_SIGNS.exec(zh);
    if (sign) at(r, '字段名称', `字段名称「${zh}」含「${sign[0]}」：计量中用 + − ÷ × 、；：等符号连接字段，字段名称中不能有这些符号`);
    else if (Number.isFinite(Number(zh))) at(r, '字段名称', `字段名称「${zh}」是数字：目标中的数字与字段分不开，请写成文字`);
    const kindText = text(cell(r, '字段类型'));
    const kind = kindOf(kindText);
    if (!kind) at(r, '字段类型', kindText ? `字段「${zh}」的字段类型「${kindText}」未知，可用：${KIND_NAMES}` : `字段「${zh}」的「字段类型」未填写，可用：${KIND_NAMES}`);
    const builtIn = BUILT_IN_FIELDS.list.find((d) => nameKey(d.zh) === nameKey(zh));
    const def: FieldDef = { key: builtIn?.key ?? zh, zh, en: text(cell(r, '英文名称')) || zh, kind: kind?.kind ?? 'count', synonyms: split(cell(r, '别称')) };
    if (kind?.unit) def.unit = kind.unit;

    const blank = text(cell(r, '空白'));
    if (blank !== '' && blank !== BLANK_ZERO && blank !== '0' && blank !== BLANK_ERROR) at(r, '空白', `「空白」应为${BLANK_ZERO}或${BLANK_ERROR}，读到「${blank}」`);
    else if (blank !== '' && kind) {
      const zero = blank !== BLANK_ERROR;
      if (zero && !MAY_BE_ZERO.has(kind.kind)) at(r, '空白', `字段「${zh}」的字段类型为${kindText}，空白不能按0计（只有人数、户数等计数、金额和得分可按0计）`);
      else if (zero !== blankIsZero({ ...def, blankIsZero: undefined })) def.blankIsZero = zero;
    }

    const types = split(cell(r, '适用类型'));
    const unknownTypes = types.filter((t) => !typeNames.includes(t));
    if (unknownTypes.length) at(r, '适用类型', `字段「${zh}」的适用类型${unknownTypes.map((t) => `「${t}」`).join('、')}不是本细则的单位类型（${typeNames.join('、')}）`);
    else if (types.length) def.unitTypes = types;

    const param = text(cell(r, '参数表'));
    if (param === '是') def.param = true;
    else if (param !== '' && param !== '否') at(r, '参数表', `「参数表」应填是或否，读到「${param}」`);

    const answers = split(cell(r, '视为达标的答案'));
    if (answers.length && kind && kind.kind !== 'flag') at(r, '视为达标的答案', `字段「${zh}」不是是否字段，不能有视为达标的答案`);
    else if (answers.length) def.notApplicable = answers;

    // A name or synonym must lead to one field only, or a ledger column could feed either.
    const clash = [zh, ...def.synonyms].find((w) => wordOf.has(nameKey(w)));
    if (clash) at(r, clash === zh ? '字段名称' : '别称', `「${clash}」已是字段「${wordOf.get(nameKey(clash))}」的名称或别称`);
    for (const w of [zh, ...def.synonyms]) if (!wordOf.has(nameKey(w))) wordOf.set(nameKey(w), zh);
    defs.push(def);
    rowOf.set(def, r);
  }

  // Parts name their wholes by name, which may come later in the table (or be built in).
  const byName = new Map(defs.map((d) => [nameKey(d.zh), d]));
  for (const def of defs) {
    const r = rowOf.get(def)!;
    const wholes = split(cell(r, '不大于'));
    if (!wholes.length) continue;
    const keys: string[] = [];
    for (const whole of wholes) {
      const w = byName.get(nameKey(whole)) ?? BUILT_IN_FIELDS.list.find((d) => nameKey(d.zh) === nameKey(whole));
      if (!w) at(r, '不大于', `字段「${def.zh}」不大于的「${whole}」不是字段表中的字段`);
      else if (w === def) at(r, '不大于', `字段「${def.zh}」不能不大于它自己`);
      else if (!ADDS_UP.has(def.kind) || !ADDS_UP.has(w.kind)) {
        const odd = [def, w].filter((d) => !ADDS_UP.has(d.kind)).map((d) => `「${d.zh}」的字段类型为${kindWord(d)}`);
        at(r, '不大于', `「不大于」只用于人数、户数、金额等可相加的字段：${odd.join('，')}`);
      }
      else keys.push(w.key);
    }
    if (keys.length === wholes.length) def.partOf = keys;
  }
  return { defs, rowOf };
}
