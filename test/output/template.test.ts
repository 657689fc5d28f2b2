/**
 * The 台账模板 (src/output/template.ts, src/output/template/workbook.ts): which columns a rule set
 * gets and how they are headed (every header read back by the ledger's own matcher at confidence 1),
 * which cells are inputs and how Excel checks them, both layouts, the unit list reader's synonyms
 * and its refusals, and the workbook as Excel's format holds it (exceljs round trip: validations,
 * protection without a password, frozen panes, unlocked inputs).
 */
import ExcelJS from 'exceljs';
import { FIELDS } from '../../src/fields';
import type { SheetGrid } from '../../src/ledger/types';
import { matchHeader } from '../../src/read/columnMatch';
import { normalizeHeader } from '../../src/read/headerText';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import {
  boxAddress, fieldHeader, fieldUnit, LEDGER_SHEET, PARAMS_SHEET, readUnitList, templateFields, templatePlan, UNITS_SHEET, UnitListError,
  type TemplatePlan, type TemplateSheet, type TemplateUnit,
} from '../../src/output/template';
import { templateWorkbook } from '../../src/output/template/workbook';
import { readZipPart } from '../../src/read/zipArchive';

const UNITS: TemplateUnit[] = [
  { name: '桃花仑社区', type: '社区', town: '桃花仑街道', group: '第一组', level: '省级', founding: false },
  { name: '龙光桥村', type: '村', town: '龙光桥街道', group: '第一组', level: null, founding: true },
  { name: '会龙山社区', type: '社区', town: '会龙山街道', group: '第二组', level: '市级', founding: false },
];

const plan = (layout: '单表' | '按月分表' = '单表', units = UNITS): TemplatePlan => templatePlan({ ruleSet: HESHAN_2024, units, year: 2024, layout });
const sheet = (p: TemplatePlan, name: string): TemplateSheet => p.sheets.find((s) => s.name === name)!;
const grid = (name: string, rows: (string | number | null)[][]): SheetGrid => ({ name, rows, merges: [] });

/** Whether a cell (0-based) lies in any of an input's boxes; the input if so. */
const inputAt = (s: TemplateSheet, r: number, c: number) => s.inputs.find((i) => i.boxes.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right));

describe('columns and headers', () => {
  test('every input field has its unit in the header, and the ledger matcher reads it back as that field at confidence 1', () => {
    for (const def of FIELDS) {
      const header = fieldHeader(def);
      if (def.kind !== 'average' || def.key === 'provinceAvgServiceCount') expect(fieldUnit(def)).not.toBeNull();
      expect(header).toMatch(/（.+）$/);
      const best = matchHeader(header)[0];
      expect({ header, key: best.target.key, confidence: best.confidence, by: best.matchedBy }).toEqual({ header, key: def.key, confidence: 1, by: 'canonical' });
      expect(normalizeHeader(header)).toBe(normalizeHeader(def.zh));
    }
    expect(fieldHeader(FIELDS.find((f) => f.key === 'laborForce')!)).toBe('劳动力总数（人）');
    expect(fieldHeader(FIELDS.find((f) => f.key === 'phoneCheckAccuracy')!)).toBe('电话抽查信息准确率（%）');
    expect(fieldHeader(FIELDS.find((f) => f.key === 'staffTrainingMet')!)).toBe('年度业务培训达标（是/否）');
  });

  test('the ledger gets exactly the fields the rule set reads (province averages on 参数), in the ledger’s order', () => {
    const { fields, params } = templateFields(HESHAN_2024);
    expect(fields.map((f) => f.def.key)).toEqual(FIELDS.filter((f) => !f.param).map((f) => f.key));
    expect(params.map((f) => f.def.key)).toEqual(FIELDS.filter((f) => f.param).map((f) => f.key));
    // A rule set without E1–E3 needs no 劳动力总数 and no 登记失业 columns.
    const fewer = { ...HESHAN_2024, indicators: HESHAN_2024.indicators.filter((i) => !['E1', 'E2', 'E3'].includes(i.code)) };
    const keys = templateFields(fewer).fields.map((f) => f.def.key);
    expect(keys).not.toContain('laborForce');
    expect(keys).not.toContain('longTermUnemployed');
    expect(keys).toContain('zeroJobHouseholdsLate');
  });

  test('input messages and alerts are Chinese, say what the field is, and fit Excel’s limits', () => {
    for (const s of plan().sheets) {
      for (const input of s.inputs) {
        const v = input.validation;
        expect(Array.from(v.promptTitle).length).toBeLessThanOrEqual(32);
        expect(Array.from(v.errorTitle).length).toBeLessThanOrEqual(32);
        expect(Array.from(v.prompt).length).toBeLessThanOrEqual(255);
        expect(Array.from(v.error).length).toBeLessThanOrEqual(225);
        expect(v.prompt).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const ledger = sheet(plan(), LEDGER_SHEET);
    const header = ledger.cells[1] as string[];
    const of = (h: string) => inputAt(ledger, 2 + 12 * 0 + 5, header.indexOf(h))!.validation; // 桃花仑社区, 6月
    expect(of('劳动力总数（人）')).toMatchObject({ rule: { kind: 'whole', min: 1 }, promptTitle: '劳动力总数', prompt: expect.stringMatching(/^本单位当月的劳动力总数。必填，填大于0的整数（人）。.*用于：E1 登记失业人员就业率、E3 就业困难人员就业率/) });
    expect(of('登记失业2年以上人数（人）')).toMatchObject({ rule: { kind: 'whole', min: 0 }, prompt: expect.stringContaining('没有就填0') });
    expect(of('电话抽查信息准确率（%）')).toMatchObject({ rule: { kind: 'decimal', min: 0, max: 1 }, error: expect.stringContaining('0%到100%') });
    expect(of('新进人员1个月内参加培训（是/否）')).toMatchObject({ rule: { kind: 'list', items: ['是', '否', '无新进人员', '无新进', '不涉及'] }, prompt: expect.stringContaining('4月起考核') });
    expect(of('政策宣传得分（分）')).toMatchObject({ rule: { kind: 'decimal', min: 0 } });
    expect(of('认定后1个月内未援助退出的零就业家庭户数（户）').prompt).toContain('仅社区填写');
  });
});

describe('layouts', () => {
  test('单表: one 台账 sheet, a title, the header, 12 rows per unit with 月份 1–12, identity locked and frozen', () => {
    const p = plan();
    expect(p.sheets.map((s) => s.name)).toEqual(['填写说明', LEDGER_SHEET, PARAMS_SHEET, UNITS_SHEET]);
    const s = sheet(p, LEDGER_SHEET);
    expect(s.cells[0]).toEqual(['2024年充分就业社区(村)考核台账']);
    expect(s.cells[1].slice(0, 4)).toEqual(['单位名称', '类型', '月份', '劳动力总数（人）']);
    expect(s.cells.length).toBe(2 + 12 * UNITS.length);
    expect(s.cells.slice(2, 15).map((r) => r.slice(0, 3))).toEqual([
      ...Array.from({ length: 12 }, (_, k) => ['桃花仑社区', '社区', k + 1]),
      ['龙光桥村', '村', 1],
    ]);
    expect(s.frozen).toEqual({ rows: 2, columns: 3 });
    expect(s.protect).toBe(true);
    expect(s.autoFilter).toEqual({ top: 1, left: 0, bottom: 2 + 36 - 1, right: s.cells[1].length - 1 });
    // Identity cells are never inputs; every field cell of a scored unit-month is.
    for (let r = 2; r < s.cells.length; r++) for (let c = 0; c < 3; c++) expect(inputAt(s, r, c)).toBeUndefined();
    expect(inputAt(s, 1, 3)).toBeUndefined(); // the header
  });

  test('a field is an input only where it is scored: 社区-only on 社区 rows, from April for P2', () => {
    const s = sheet(plan(), LEDGER_SHEET);
    const header = s.cells[1] as string[];
    const zeroJob = header.indexOf('认定后1个月内未援助退出的零就业家庭户数（户）');
    const rural = header.indexOf('农村劳动力资源总数（人）');
    const training = header.indexOf('年度业务培训达标（是/否）');
    const rowOf = (unit: number, month: number) => 2 + 12 * unit + month - 1;
    expect(inputAt(s, rowOf(0, 5), zeroJob)).toBeDefined();
    expect(inputAt(s, rowOf(1, 5), zeroJob)).toBeUndefined();
    expect(inputAt(s, rowOf(1, 5), rural)).toBeDefined();
    expect(inputAt(s, rowOf(2, 5), rural)).toBeUndefined();
    expect(inputAt(s, rowOf(0, 3), training)).toBeUndefined();
    expect(inputAt(s, rowOf(0, 4), training)).toBeDefined();
    const shaded = s.fills.find((f) => f.color === '#BFBFBF')!.boxes;
    expect(shaded).toContainEqual({ top: rowOf(1, 1), bottom: rowOf(1, 12), left: zeroJob, right: zeroJob });
    expect(shaded).toContainEqual({ top: rowOf(0, 1), bottom: rowOf(0, 3), left: training, right: training });
  });

  test('按月分表: sheets 1月…12月, each a title naming its month, the header without 月份, one row per unit', () => {
    const p = plan('按月分表');
    expect(p.ledgerSheets).toEqual(Array.from({ length: 12 }, (_, k) => `${k + 1}月`));
    expect(p.sheets.map((s) => s.name)).toEqual(['填写说明', ...p.ledgerSheets, PARAMS_SHEET, UNITS_SHEET]);
    for (const [k, name] of p.ledgerSheets.entries()) {
      const s = sheet(p, name);
      expect(s.cells[0]).toEqual([`2024年${k + 1}月充分就业社区(村)考核台账`]);
      expect(s.cells[1]).not.toContain('月份');
      expect(s.cells[1].slice(0, 3)).toEqual(['单位名称', '类型', '劳动力总数（人）']);
      expect(s.cells.slice(2).map((r) => r[0])).toEqual(UNITS.map((u) => u.name));
      expect(s.frozen).toEqual({ rows: 2, columns: 2 });
    }
    const header = sheet(p, '3月').cells[1] as string[];
    expect(inputAt(sheet(p, '3月'), 2, header.indexOf('年度业务培训达标（是/否）'))).toBeUndefined();
    expect(inputAt(sheet(p, '4月'), 2, header.indexOf('年度业务培训达标（是/否）'))).toBeDefined();
  });

  test('参数 holds the 12 months and an input column per province average; 单位信息 the unit list, locked, and the year-end 带动奖励 to fill', () => {
    const p = plan();
    const params = sheet(p, PARAMS_SHEET);
    expect(params.cells[0]).toEqual(['月份', '全省平均劳动力信息更新覆盖率（%）', '全省社区(村)平均服务次数（次）', '全省平均人岗匹配推荐成功率（%）', '全省平均职业培训推荐覆盖率（%）', '全省平均职业培训补贴覆盖率（%）']);
    expect(params.cells.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(params.inputs.map((i) => boxAddress(i.boxes[0]))).toEqual(['B2:B13', 'C2:C13', 'D2:D13', 'E2:E13', 'F2:F13']);
    const units = sheet(p, UNITS_SHEET);
    expect(units.cells[0]).toEqual(['单位名称', '类型', '所属乡镇', '老带新小组', '认定层级', '年初创建单位', '带动奖励（元）', '奖励说明']);
    expect(units.cells[2]).toEqual(['龙光桥村', '村', '龙光桥街道', '第一组', null, '是', null, null]);
    expect(units.inputs.map((i) => boxAddress(i.boxes[0]))).toEqual(['G2:G4', 'H2:H4']);
    // Details the list did not give are left to fill.
    const open = templatePlan({ ruleSet: HESHAN_2024, units: UNITS, year: 2024, layout: '单表', details: new Set(['town']) });
    expect(sheet(open, UNITS_SHEET).inputs.map((i) => boxAddress(i.boxes[0]))).toEqual(['D2:D4', 'E2:E4', 'F2:F4', 'G2:G4', 'H2:H4']);
  });
});

describe('the unit list', () => {
  test('is found below a title, with the ledger’s synonyms and 所属街道; a name ending in 社区 or 村 gives its type', () => {
    const list = readUnitList([
      grid('说明', [['这是说明']]),
      grid('名单', [
        ['2024年赫山区社区(村)名单'],
        ['序号', '社区(村)名称', '单位类型', '所属街道', '老带新小组', '级别', '是否创建单位'],
        [1, '桃花仑社区', '社区', '桃花仑街道', '第一组', '省级', '否'],
        [2, '龙光桥村', '行政村', '龙光桥街道', '第一组', null, '是'],
        [3, '会龙山社区', null, '会龙山街道', '第二组', '市级', null],
        [null, null, null, null, null, null, null],
        ['注：级别以区政府文件为准', null, null, null, null, null, null],
      ]),
    ], '单位.xlsx');
    expect(list.sheet).toBe('名单');
    expect(list.units).toEqual([...UNITS.slice(0, 2), { ...UNITS[2], founding: null }]);
    expect([...list.details].sort()).toEqual(['founding', 'group', 'level', 'town']);
    expect(readUnitList([grid('单位', [['单位名称'], ['甲社区'], ['乙村']])], '单位.csv')).toEqual({ units: [
      { name: '甲社区', type: '社区', town: null, group: null, level: null, founding: null },
      { name: '乙村', type: '村', town: null, group: null, level: null, founding: null },
    ], sheet: '单位', details: new Set() });
  });

  test('is refused whole, every bad cell named: no 单位名称 column, a unit twice, an unknown or missing 类型', () => {
    const problems = (grids: SheetGrid[]) => {
      try {
        readUnitList(grids, '单位.xlsx');
      } catch (e) {
        expect(e).toBeInstanceOf(UnitListError);
        return (e as UnitListError).problems;
      }
      throw new Error('not refused');
    };
    expect(problems([grid('Sheet1', [['序号', '类型'], [1, '社区']])])).toEqual(['单位列表 单位.xlsx 的工作表 「Sheet1」 前20行中都找不到「单位名称」列（也可写作「社区(村)名称」「社区名称」）']);
    expect(problems([grid('单位', [
      ['单位名称', '类型'],
      ['甲社区', '社区'],
      ['乙村', '街道'],
      ['甲社区', '社区'],
      ['丙', null],
      [null, '村'],
    ])])).toEqual([
      '单位!B3：单位「乙村」的「类型」应为「社区」或「村」，读到「街道」',
      '单位!A4：单位「甲社区」重复（与 单位!A2 相同），每个单位只能列一次',
      '单位!B5：单位「丙」的「类型」未填写，应为「社区」或「村」',
      '单位!A6：「单位名称」未填写（本行其他列有内容）',
    ]);
    expect(problems([grid('单位', [['单位名称'], ['丙']])])).toEqual(['单位!A2：从单位名称「丙」看不出是社区还是村，请在单位列表中加「类型」列（社区或村）']);
    expect(problems([grid('单位', [['单位名称', '年初创建单位'], ['甲社区', '也许']])])).toEqual(['单位!B2：单位「甲社区」的「年初创建单位」应为「是」或「否」，读到「也许」']);
    // A ledger given as the unit list: every unit twelve times, the list of problems cut short.
    const ledger = grid('台账', [['单位名称', '类型', '月份'], ...Array.from({ length: 36 }, (_, k) => [`第${k}社区`, '社区', (k % 12) + 1]), ...Array.from({ length: 36 }, (_, k) => [`第${k}社区`, '社区', (k % 12) + 1])]);
    try {
      readUnitList([ledger], '台账.xlsx');
      throw new Error('not refused');
    } catch (e) {
      expect((e as UnitListError).problems).toHaveLength(36);
      expect((e as UnitListError).shown()).toHaveLength(21);
      expect((e as UnitListError).shown()[20]).toBe('……另有 16 处');
    }
  });
});

describe('the workbook, as Excel’s format holds it', () => {
  let book: ExcelJS.Workbook;
  let zip: Buffer;
  beforeAll(async () => {
    const written = await templateWorkbook(plan().sheets);
    zip = Buffer.from(await written.xlsx.writeBuffer());
    book = new ExcelJS.Workbook();
    await book.xlsx.load(zip as unknown as ExcelJS.Buffer);
  });

  test('reads back with its sheets, values, frozen panes and filters', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['填写说明', LEDGER_SHEET, PARAMS_SHEET, UNITS_SHEET]);
    const ws = book.getWorksheet(LEDGER_SHEET)!;
    expect(ws.getCell('A1').value).toBe('2024年充分就业社区(村)考核台账');
    expect(ws.getCell('D2').value).toBe('劳动力总数（人）');
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('C3').value, ws.getCell('C3').numFmt]).toEqual(['桃花仑社区', '社区', 1, '0"月"']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 2, topLeftCell: 'D3' });
    expect(book.getWorksheet(PARAMS_SHEET)!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.autoFilter).toBe(`A2:${ws.getCell(2, ws.actualColumnCount).address.replace(/\d+$/, '')}38`);
  });

  test('every input cell is unlocked and validated with its prompt; header and identity cells stay locked', () => {
    const ws = book.getWorksheet(LEDGER_SHEET)!;
    const p = sheet(plan(), LEDGER_SHEET);
    let checked = 0;
    for (const input of p.inputs) {
      for (const box of input.boxes) {
        for (let r = box.top; r <= box.bottom; r++) {
          const cell = ws.getCell(r + 1, box.left + 1);
          expect(cell.protection?.locked).toBe(false);
          expect(cell.dataValidation).toMatchObject({ showInputMessage: true, promptTitle: input.validation.promptTitle, prompt: input.validation.prompt, showErrorMessage: true, error: input.validation.error });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(36 * 40);
    const header = (ws.getRow(2).values as ExcelJS.CellValue[]).map(String);
    const col = (h: string) => header.indexOf(h);
    expect(ws.getCell(3, col('劳动力总数（人）')).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [1], allowBlank: true });
    expect(ws.getCell(3, col('登记失业2年以上人数（人）')).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell(3, col('电话抽查信息准确率（%）'))).toMatchObject({ numFmt: '0.0%', dataValidation: { type: 'decimal', operator: 'between', formulae: [0, 1] } });
    expect(ws.getCell(9, col('新进人员1个月内参加培训（是/否）')).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否,无新进人员,无新进,不涉及"'] });
    expect(ws.getCell(3, col('新进人员1个月内参加培训（是/否）')).dataValidation).toBeUndefined(); // January: not assessed
    expect(ws.getCell(3, col('政策宣传得分（分）')).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    for (const address of ['A2', 'D2', 'A3', 'B3', 'C3', 'A38']) {
      expect(ws.getCell(address).protection?.locked).not.toBe(false);
      expect(ws.getCell(address).dataValidation).toBeUndefined();
    }
  });

  test('every sheet is protected without a password, allowing column widths, row heights, sorting and filtering', async () => {
    for (const ws of book.worksheets) {
      const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(protection).toMatchObject({ sheet: true, formatColumns: true, formatRows: true, sort: true, autoFilter: true });
      expect(protection.hashValue).toBeUndefined();
      expect(protection.algorithmName).toBeUndefined();
    }
    const xml = (await readZipPart(zip, 'xl/worksheets/sheet2.xml'))!.toString('utf8');
    const tag = /<sheetProtection [^>]*\/>/.exec(xml)![0];
    expect(tag).toMatch(/sheet="1"/);
    expect(tag).not.toMatch(/password|hashValue|saltValue/);
    expect(/<dataValidations count="(\d+)"/.exec(xml)).not.toBeNull();
  });
});
