/**
 * Input fields and unit types as data (src/rules/fieldTable.ts): the 字段 and 单位类型 tables of a
 * 评分细则 sheet, written and read back identical; each field kind read at its edges; a bureau's own
 * fields and unit types scored as the built-in ones are (located Chinese errors, a blank yes/no or
 * rate an error, a part larger than its whole an error, a 类型 checked against the rubric's types);
 * a bad table refused with every problem at its cell.
 */
import { BUILT_IN_FIELDS, FIELDS, fieldSet, HESHAN_UNIT_TYPES, type FieldDef } from '../../src/fields';
import { readFieldCell } from '../../src/ledger/cells';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { ledgerFromGrids } from '../../src/read/ledgerGrids';
import { FIELD_HEADER, UNIT_TYPE_HEADER } from '../../src/rules/fieldTable';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { readRubricSheet, rubricSheetRows, RUBRIC_SHEET } from '../../src/rules/rubricSheet';
import type { RuleSet } from '../../src/rules/vocabulary';
import { scoreLedger } from '../../src/score';
import { BUREAU_ANNUAL, BUREAU_EXPECTED, BUREAU_LEDGER_HEADER, bureauLedgerRows, bureauRubricRows } from '../helpers/bureauRubric';

const grid = (rows: CellValue[][]): SheetGrid => ({ name: RUBRIC_SHEET, rows, merges: [] });
const ok = (rows: CellValue[][]): RuleSet => {
  const reading = readRubricSheet(grid(rows));
  if (!reading.ok) throw new Error(reading.errors.join('\n'));
  return reading.ruleSet;
};
const errorsOf = (rows: CellValue[][]): string[] => {
  const reading = readRubricSheet(grid(rows));
  return reading.ok ? [] : reading.errors;
};
const bureau = () => ok(bureauRubricRows());

/** The bureau's rubric with one row of a table changed: `edit` gets the rows and the index of the row whose first cell is `first`. */
function edited(first: string, edit: (row: CellValue[]) => void): CellValue[][] {
  const rows = bureauRubricRows();
  const row = rows.find((r) => r[0] === first);
  if (!row) throw new Error(`no row ${first}`);
  edit(row);
  return rows;
}
const fieldColumn = (h: (typeof FIELD_HEADER)[number]) => FIELD_HEADER.indexOf(h);

function score(ledgerRows: CellValue[][], rubricRows: CellValue[][] = bureauRubricRows()) {
  const ruleSet = ok(rubricRows);
  const grids: SheetGrid[] = [{ name: '台账', rows: ledgerRows, merges: [] }];
  return scoreLedger(ledgerFromGrids(grids, { source: '台账.xlsx', fields: fieldSet(ruleSet.fields) }), { ruleSet });
}
const monthOf = (result: ReturnType<typeof score>, unit: string, month: number) => result.units.find((u) => u.unit === unit)!.months.find((m) => m.month === month)!;
const at = (header: string) => BUREAU_LEDGER_HEADER.indexOf(header);

describe('round trip: written out and read back, the identical rule set and fields', () => {
  test('Heshan 2024: hs-score rubric --out lists every built-in field and both unit types', () => {
    const rows = rubricSheetRows(HESHAN_2024);
    const header = rows.findIndex((r) => r[0] === FIELD_HEADER[0]);
    expect(rows[header]).toEqual([...FIELD_HEADER]);
    expect(rows.slice(header + 1, header + 1 + FIELDS.length).map((r) => r[0])).toEqual(FIELDS.map((f) => f.zh));
    const laborForce = rows[header + 1];
    expect(laborForce.slice(0, 5)).toEqual(['劳动力总数', '基数', '错误', '劳动力数、劳动力人数、劳动力总人数、劳动力', null]);
    expect(rows.find((r) => r[0] === '期末登记失业人员人数')![fieldColumn('不大于')]).toBe('劳动力总数');
    expect(rows.find((r) => r[0] === '新进人员1个月内参加培训')![fieldColumn('视为达标的答案')]).toBe('无新进人员、无新进、不涉及');
    expect(rows.find((r) => r[0] === '全省平均劳动力信息更新覆盖率')!.slice(0, 3)).toEqual(['全省平均劳动力信息更新覆盖率', '比率', '错误']);
    expect(rows.find((r) => r[0] === '基层平台就业情况调查扣分')!.slice(0, 3)).toEqual(['基层平台就业情况调查扣分', '得分', '按0计']);
    expect(rows.slice(rows.findIndex((r) => r[0] === UNIT_TYPE_HEADER[0]))).toEqual([[...UNIT_TYPE_HEADER], ['社区', '居委会、社区居委会'], ['村', '行政村、村委会']]);

    const read = ok(rows);
    expect(read.fields).toEqual(FIELDS);
    expect(read.unitTypes).toEqual(HESHAN_UNIT_TYPES);
    expect(read).toEqual(HESHAN_2024);
  });

  test('a bureau’s rubric with its own fields and unit types', () => {
    const first = bureau();
    expect(first.unitTypes).toEqual([{ name: '街道', synonyms: ['街道办事处', '街办'] }, { name: '镇', synonyms: ['乡镇'] }]);
    expect(first.fields.map((f) => [f.key, f.kind])).toEqual([
      ['4050人员', 'count'], ['已就业的4050人员', 'count'], ['新生劳动力', 'count'], ['已培训的新生劳动力', 'count'], ['是否建立援助机制', 'flag'],
      ['未就业的农村低收入家庭劳动力', 'count'], ['自主创业人数', 'count'], ['工作台账检查得分', 'points'], ['备注', 'text'],
    ]);
    expect(first.fields[1]).toMatchObject({ partOf: ['4050人员'], synonyms: ['4050人员已就业人数', '已就业4050人员数'], unit: '人' });
    expect(first.fields[6]).toMatchObject({ blankIsZero: false, unitTypes: ['街道'] });
    expect(first.indicators.find((i) => i.code === 'B1')!.appliesTo).toEqual(['镇']);
    expect(ok(rubricSheetRows(first))).toEqual(first);
  });

  test('a sheet without the tables reads as before: the built-in fields, 社区 and 村', () => {
    const rows = rubricSheetRows(HESHAN_2024);
    const cut = rows.slice(0, rows.findIndex((r) => r[0] === FIELD_HEADER[0]) - 1);
    const read = ok(cut);
    expect(read.fields).toBe(FIELDS);
    expect(read.unitTypes).toBe(HESHAN_UNIT_TYPES);
  });

  test('an indicator may name a built-in field the 字段 table leaves out: it joins the rubric’s fields', () => {
    const rows = edited('A2', (r) => {
      r[5] = '补数';
      r[6] = '劳动力总数 − 期末登记失业人员人数';
    });
    const read = ok(rows);
    expect(read.fields.slice(-2).map((f) => f.key)).toEqual(['laborForce', 'registeredUnemployed']);
    expect(read.fields.slice(-2)).toEqual([BUILT_IN_FIELDS.def('laborForce'), BUILT_IN_FIELDS.def('registeredUnemployed')]);
    expect(ok(rubricSheetRows(read))).toEqual(read);
  });
});

describe('each field kind at its edges', () => {
  const def = (kind: FieldDef['kind'], extra: Partial<FieldDef> = {}): FieldDef => ({ key: '甲', zh: '甲', en: '甲', kind, synonyms: [], ...extra });
  const read = (d: FieldDef, v: CellValue) => {
    const r = readFieldCell(d, v);
    return r.ok ? { value: r.value, ...(r.warning ? { warning: r.warning } : {}) } : { error: r.error };
  };

  test('人数 (count): blank 0 unless the rubric says 错误; whole, not negative, not a percentage', () => {
    expect(read(def('count'), null)).toEqual({ value: 0 });
    expect(read(def('count', { blankIsZero: false }), '  ')).toEqual({ error: '「甲」未填写' });
    expect(read(def('count'), '１２')).toEqual({ value: 12 });
    expect(read(def('count'), 2.5)).toEqual({ value: 2.5, warning: '「甲」应为整数，读到 2.5' });
    expect(read(def('count'), -1)).toEqual({ error: '「甲」不能为负数：-1' });
    expect(read(def('count'), '5%')).toEqual({ error: '「甲」应为数值，不应是百分比：「5%」' });
  });

  test('金额 (amount): decimals without a word, blank 0, negative refused', () => {
    expect(read(def('amount'), 1234.56)).toEqual({ value: 1234.56 });
    expect(read(def('amount'), null)).toEqual({ value: 0 });
    expect(read(def('amount'), '-3')).toEqual({ error: '「甲」不能为负数：-3' });
  });

  test('基数 (size): must be there and above 0', () => {
    expect(read(def('size'), null)).toEqual({ error: '「甲」未填写，必须大于0' });
    expect(read(def('size'), 0)).toEqual({ error: '「甲」必须大于0' });
    expect(read(def('size'), 1)).toEqual({ value: 1 });
  });

  test('比率 (rate): blank an error, 95 read as 95 % with a word, above 100 % refused', () => {
    expect(read(def('rate'), null)).toEqual({ error: '「甲」未填写' });
    expect(read(def('rate'), 0.95)).toEqual({ value: 0.95 });
    expect(read(def('rate'), 95)).toEqual({ value: 0.95, warning: '「甲」填的是 95，按百分比 95% 读取' });
    expect(read(def('rate'), '100%')).toEqual({ value: 1 });
    expect(read(def('rate'), '100.5%')).toEqual({ error: '「甲」超过100%：100.5%' });
  });

  test('是否 (flag): 是/否 and their spellings, the rubric’s not-applicable answers as met, blank an error', () => {
    const flag = def('flag', { notApplicable: ['不涉及'] });
    expect([read(flag, '是'), read(flag, '已建立'), read(flag, '否'), read(flag, true), read(flag, '不涉及')]).toEqual([
      { value: 1 }, { error: '「甲」应填是/否/不涉及，读到「已建立」' }, { value: 0 }, { value: 1 }, { value: 1 },
    ]);
    expect(read(flag, null)).toEqual({ error: '「甲」未填写' });
  });

  test('得分 (points): blank an error unless the rubric says 按0计; a negative figure is clamped by the rule, with a word', () => {
    expect(read(def('points'), null)).toEqual({ error: '「甲」未填写' });
    expect(read(def('points', { blankIsZero: true }), null)).toEqual({ value: 0 });
    expect(read(def('points'), -2)).toEqual({ value: -2, warning: '「甲」为负数 -2，按规则截取' });
  });

  test('平均数 (average) blank an error; 文本 never read as a number', () => {
    expect(read(def('average'), null)).toEqual({ error: '「甲」未填写' });
    expect(read(def('average'), 40.5)).toEqual({ value: 40.5 });
    expect(read(def('text'), '已核')).toEqual({ error: '「甲」是文本字段，不计分' });
  });

  test('every 字段类型 word reads back as the kind it was written for', () => {
    const rows = bureauRubricRows();
    const start = rows.findIndex((r) => r[0] === FIELD_HEADER[0]);
    const words = ['户数', '条数', '金额', '基数', '基数（户）', '比率', '平均数', '得分'];
    rows.splice(start + 1, 0, ...words.map((w, k) => [`字段${k}`, w]));
    const fields = ok(rows).fields.slice(0, words.length);
    expect(fields.map((f) => [f.kind, f.unit ?? null])).toEqual([
      ['count', '户'], ['count', '条'], ['amount', null], ['size', '人'], ['size', '户'], ['rate', null], ['average', null], ['points', null],
    ]);
  });
});

describe('a bureau’s own fields and unit types, scored', () => {
  test('every unit-month as worked out by hand; 类型 read by its synonyms; the 文本 column read, never scored', () => {
    const result = score(bureauLedgerRows());
    for (const e of BUREAU_EXPECTED) {
      const m = monthOf(result, e.unit, e.month);
      expect([e.unit, e.month, { ...m.indicators }, m.total]).toEqual([e.unit, e.month, e.indicators, e.total]);
    }
    expect(Object.fromEntries(result.units.map((u) => [u.unit, u.annual]))).toEqual(BUREAU_ANNUAL);
    expect(result.units.map((u) => u.type)).toEqual(['街道', '镇']);
    expect(result.errors).toEqual([]);
    expect(result.mapping!.columns.find((c) => c.header === '备注')!.target).toEqual({ kind: 'field', key: '备注' });
  });

  test('a part larger than its whole is an error on the part, blocking only what reads it', () => {
    const rows = bureauLedgerRows();
    rows[1][at('4050人员已就业人数')] = 25;
    const result = score(rows);
    expect(result.errors).toEqual([{ unit: '城关街道', month: 3, field: '已就业的4050人员', cell: '台账!E2', message: '「已就业的4050人员」25 大于「4050人员」20，指标A1无法计分' }]);
    const m = monthOf(result, '城关街道', 3);
    expect([m.indicators.A1, m.indicators.A2, m.total]).toEqual([null, 6, null]);
  });

  test('a blank yes/no, a blank count the rubric wants filled and a blank inspectors’ score are errors at their cells', () => {
    const rows = bureauLedgerRows();
    rows[1][at('援助机制')] = null;
    rows[2][at('创业人数')] = null;
    rows[4][at('台账检查得分')] = '';
    // 马营镇 has no 创业人数: a 镇 is not scored on it (B2 is for 街道), so its blank is no error.
    rows[3][at('创业人数')] = null;
    expect(score(rows).errors.map((e) => `${e.cell} ${e.message}`)).toEqual([
      '台账!H2 「是否建立援助机制」未填写，指标A3无法计分',
      '台账!J3 「自主创业人数」未填写，指标B2无法计分',
      '台账!K5 「工作台账检查得分」未填写，指标B3无法计分',
    ]);
  });

  test('a 类型 that is none of the rubric’s types names its types and its indicators that depend on them', () => {
    const rows = bureauLedgerRows();
    rows[3][at('类型')] = '社区';
    const result = score(rows);
    expect(result.errors.map((e) => `${e.cell} ${e.message}`)).toEqual(['台账!B4 「类型」应为街道或镇，读到「社区」，指标B1、B2无法计分']);
    // The unit's other row says 乡镇: the unit is a 镇, and only the row that could not be read is blocked.
    expect(monthOf(result, '马营镇', 3).total).toBeNull();
    expect(monthOf(result, '马营镇', 4).total).toBe(36.5);
  });

  test('a rubric whose indicators apply to every type needs no 类型 column, but checks one that is written', () => {
    const rubric = bureauRubricRows().filter((r) => r[0] !== 'B1' && r[0] !== 'B2').map((r) => (r[0] === 'B' ? ['B', '服务情况', null, 10] : r));
    rubric[0] = ['示例县2025年充分就业社区考核细则（shili-2025），总分35'];
    const noType = bureauLedgerRows().map((r) => r.filter((_, c) => c !== at('类型')));
    expect(score(noType, rubric).errors).toEqual([]);
    const wrong = bureauLedgerRows();
    wrong[2][at('类型')] = '片区';
    expect(score(wrong, rubric).errors.map((e) => `${e.cell} ${e.message}`)).toEqual(['台账!B3 「类型」应为街道或镇，读到「片区」']);
  });

  test('Heshan’s own messages name its own indicators, E4a and E4b', () => {
    const ruleSet = HESHAN_2024;
    const grids: SheetGrid[] = [{ name: '台账', rows: [['单位名称', '类型', '月份', '劳动力总数'], ['甲', '街道', 1, 100]], merges: [] }];
    const result = scoreLedger(ledgerFromGrids(grids, { source: 'x' }), { ruleSet });
    expect(result.errors.find((e) => e.field === '类型')!.message).toBe('「类型」应为社区或村，读到「街道」，指标E4a、E4b无法计分');
  });
});

describe('a bad 字段 or 单位类型 table is refused, every problem at its cell', () => {
  const row = (first: string) => bureauRubricRows().findIndex((r) => r[0] === first) + 1;
  const cell = (first: string, h: (typeof FIELD_HEADER)[number]) => `评分细则!${String.fromCharCode(65 + fieldColumn(h))}${row(first)}`;

  test('an unknown 字段类型, a blank that cannot be 0, an unknown unit type, a whole that is no field — all at once', () => {
    const rows = bureauRubricRows();
    const set = (first: string, h: (typeof FIELD_HEADER)[number], v: CellValue) => (rows.find((r) => r[0] === first)![fieldColumn(h)] = v);
    set('新生劳动力', '字段类型', '人次');
    set('是否建立援助机制', '空白', '按0计');
    set('未就业的农村低收入家庭劳动力', '适用类型', '村');
    set('已培训的新生劳动力', '不大于', '新增劳动力');
    expect(errorsOf(rows)).toEqual([
      `${cell('新生劳动力', '字段类型')}：字段「新生劳动力」的字段类型「人次」未知，可用：人数、户数、个数、条数、次数、件数、家数、项数、名数、基数、金额、比率、平均数、是否、得分、文本`,
      `${cell('是否建立援助机制', '空白')}：字段「是否建立援助机制」的字段类型为是否，空白不能按0计（只有人数、户数等计数、金额和得分可按0计）`,
      `${cell('未就业的农村低收入家庭劳动力', '适用类型')}：字段「未就业的农村低收入家庭劳动力」的适用类型「村」不是本细则的单位类型（街道、镇）`,
      `${cell('已培训的新生劳动力', '不大于')}：字段「已培训的新生劳动力」不大于的「新增劳动力」不是字段表中的字段`,
    ]);
  });

  test('a column header written otherwise is refused, not left unread (不超过 for 不大于 would drop every part–whole check)', () => {
    const rows = bureauRubricRows();
    const header = rows.findIndex((r) => r[0] === FIELD_HEADER[0]);
    rows[header][fieldColumn('不大于')] = '不超过';
    expect(errorsOf(rows)).toEqual([
      `评分细则!${String.fromCharCode(65 + fieldColumn('不大于'))}${header + 1}：字段表的列「不超过」未知，可用：${FIELD_HEADER.join('、')}（另加的说明列请以「备注」或「说明」为表头）`,
    ]);
    rows[header][fieldColumn('不大于')] = '备注';
    expect(errorsOf(rows)).toEqual([]);
  });

  test('a name taken twice, a field named as a ledger column, a part that is not a count', () => {
    const twice = edited('新生劳动力', (r) => (r[fieldColumn('别称')] = '4050人员数'));
    expect(errorsOf(twice)).toEqual([`${cell('新生劳动力', '别称')}：「4050人员数」已是字段「4050人员」的名称或别称`]);
    expect(errorsOf(edited('备注', (r) => (r[0] = '月份')))).toEqual([`评分细则!A${row('备注')}：「月份」是台账的「月份」列，不能作字段名称`]);
    expect(errorsOf(edited('备注', (r) => (r[0] = '16-24岁青年')))).toEqual([`评分细则!A${row('备注')}：字段名称「16-24岁青年」含「-」：计量中用 + − ÷ × 、；：等符号连接字段，字段名称中不能有这些符号`]);
    expect(errorsOf(edited('备注', (r) => (r[0] = '2025')))).toEqual([`评分细则!A${row('备注')}：字段名称「2025」是数字：目标中的数字与字段分不开，请写成文字`]);
    const notCount = edited('是否建立援助机制', (r) => (r[fieldColumn('不大于')] = '4050人员'));
    expect(errorsOf(notCount)).toEqual([`${cell('是否建立援助机制', '不大于')}：「不大于」只用于人数、户数、金额等可相加的字段：「是否建立援助机制」的字段类型为是否`]);
  });

  test('a measure naming a field that is nowhere, or a 文本 field, lists the rubric’s fields', () => {
    const unknown = edited('A3', (r) => (r[6] = '是否建立帮扶机制'));
    // Row 5 (A3's); which cell of the row the reader names is the indicator reader's business.
    expect(errorsOf(unknown)).toEqual([expect.stringMatching(/^评分细则![AG]5：未知的输入字段「是否建立帮扶机制」：字段表中没有，也不是内置字段（字段表中有：「4050人员」、「已就业的4050人员」、.*等9个）$/)]);
    const text = edited('A3', (r) => (r[6] = '备注'));
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^评分细则![AG]5：「备注」是文本字段，不能用于计分（字段类型改为人数、比率、是否等）$/)]);
  });

  test('an indicator reading a field its unit types do not have', () => {
    const forBoth = edited('B1', (r) => (r[13] = null));
    expect(errorsOf(forBoth)).toEqual([
      `${cell('未就业的农村低收入家庭劳动力', '适用类型')}：字段「未就业的农村低收入家庭劳动力」只有镇填报，但指标B1（适用于所有类型）读它：请给指标填适用类型，或改字段的适用类型`,
    ]);
    // Heshan's own rural fields are read by 村 indicators only.
    expect(errorsOf(rubricSheetRows(HESHAN_2024))).toEqual([]);
  });

  test('an indicator for a type the 单位类型 table does not have; a unit type written twice', () => {
    expect(errorsOf(edited('B1', (r) => (r[13] = '村')))).toEqual([expect.stringMatching(/适用类型「村」不是本细则的单位类型（街道、镇）/)]);
    const rows = bureauRubricRows();
    rows.push(['乡', '镇']);
    expect(errorsOf(rows)).toEqual([`评分细则!B${rows.length}：「镇」已是单位类型「镇」的名称或别称`]);
  });
});
