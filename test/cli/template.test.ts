/**
 * `hs-score template`, in process: a template made from a unit list, filled as a community would
 * fill it (only its unlocked cells), scores exactly as the same figures do in the sample's own
 * layout — with no mapping question — for the sample district without planted errors in both layouts
 * and for the bundled sample itself; the 按月分表 layout's sheets; a bureau's rubric; bad unit lists and bad
 * options refused in Chinese, naming the cell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cliInProcess } from '../helpers/cliInProcess';
import { FIELDS } from '../../src/fields';
import type { CellValue } from '../../src/ledger/types';
import { fieldHeader } from '../../src/output/template';
import { xlsxGrids } from '../../src/read/grid';
import type { ScoreResult } from '../../src/result';
import { generateDistrict, ledgerColumns, paramColumns, SAMPLE_SEED, type District, type LedgerRow, type ParamRow } from '../../src/sample/generateLedger';
import { writeDistrictXlsx } from '../../src/sample/writeLedger';

const { file, run, remove } = cliInProcess('hs-template-');
afterAll(remove);

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');
const json = (name: string): ScoreResult => JSON.parse(fs.readFileSync(file(name), 'utf8'));

/** The figures a template is filled with: ledger rows by unit and month, 参数 rows by month, per-unit figures by unit. */
interface Figures {
  rows: Map<string, LedgerRow>;
  params: Map<number, ParamRow>;
  units: Map<string, LedgerRow>;
}

const keyOf = (unit: unknown, month: unknown) => `${String(unit)}\u0000${Number(month)}`;

function figuresOf(rows: readonly LedgerRow[], params: readonly ParamRow[]): Figures {
  const figures: Figures = { rows: new Map(), params: new Map(params.map((p) => [Number(p.month), p])), units: new Map() };
  for (const row of rows) {
    const key = keyOf(row.unit, row.month);
    if (!figures.rows.has(key)) figures.rows.set(key, row); // a unit-month given twice: the template has room for one
    if (!figures.units.has(String(row.unit))) figures.units.set(String(row.unit), row);
  }
  return figures;
}

/** A unit list as a bureau keeps one: CSV with its own wordings (社区(村)名称, 所属街道, 老带新小组, 级别). */
function unitListCsv(name: string, units: Iterable<LedgerRow>): void {
  const lines = ['序号,社区(村)名称,单位类型,所属街道,老带新小组,级别,年初创建单位'];
  let k = 1;
  for (const u of units) lines.push([k++, u.unit, u.type, u.town, u.group, u.level, u.founding].join(','));
  fs.writeFileSync(file(name), `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const KEY_BY_HEADER = new Map<string, string>([
  ...FIELDS.map((d): [string, string] => [fieldHeader(d), d.key]),
  ['带动奖励（元）', 'reward'],
  ['奖励说明', 'rewardReason'],
]);

/**
 * Fills a written template as a community would: only its unlocked cells, with the figures of the
 * unit-month the row (or the sheet, for 按月分表) names. Returns how many cells were filled.
 */
async function fill(template: string, filled: string, figures: Figures): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file(template));
  let count = 0;
  const put = (cell: ExcelJS.Cell, value: CellValue | undefined) => {
    if (cell.protection?.locked !== false || value === null || value === undefined) return;
    cell.value = value as ExcelJS.CellValue;
    count++;
  };
  for (const ws of book.worksheets) {
    const monthOfSheet = /^(\d+)月$/.exec(ws.name)?.[1];
    if (ws.name === '台账' || monthOfSheet) {
      const header = (ws.getRow(2).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
      const monthColumn = header.indexOf('月份');
      ws.eachRow((row, r) => {
        if (r <= 2) return;
        const month = monthOfSheet ?? row.getCell(monthColumn).value;
        const data = figures.rows.get(keyOf(row.getCell(1).value, month));
        if (!data) return;
        header.forEach((h, c) => {
          const key = KEY_BY_HEADER.get(h);
          if (key) put(row.getCell(c), data[key]);
        });
      });
    } else if (ws.name === '参数') {
      const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
      ws.eachRow((row, r) => {
        if (r === 1) return;
        const data = figures.params.get(Number(row.getCell(1).value));
        header.forEach((h, c) => {
          const key = KEY_BY_HEADER.get(h);
          if (key && data) put(row.getCell(c), data[key]);
        });
      });
    } else if (ws.name === '单位信息') {
      const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
      ws.eachRow((row, r) => {
        if (r === 1) return;
        const data = figures.units.get(String(row.getCell(1).value));
        header.forEach((h, c) => {
          const key = KEY_BY_HEADER.get(h);
          if (key && data) put(row.getCell(c), data[key]);
        });
      });
    }
  }
  await book.xlsx.writeFile(file(filled));
  return count;
}

/** Warnings about the header: a column not recognised, recognised only approximately, or two columns for one field. */
const mappingQuestions = (r: ScoreResult) => r.warnings.filter((w) => /列「|未识别的列|请核对|多个工作表/.test(w.message) && !/超过该单位当月劳动力总数/.test(w.message));

/** An issue without where it is: the same problem in another layout sits in another cell. */
const located = (i: ScoreResult['errors'][number]) => `${i.unit}|${i.month}|${i.field}|${i.message.replace(/[（(]?[^\s（(]*![A-Z]+\d+[)）]?/g, '')}`;

describe('filled with the sample district’s figures, the template scores as the sample', () => {
  let district: District;
  beforeAll(async () => {
    district = generateDistrict({ seed: SAMPLE_SEED, badCells: false });
    await writeDistrictXlsx(district, file('样例台账.xlsx'));
    unitListCsv('单位.csv', figuresOf(district.rows, district.params).units.values());
  });

  test('单表: the same scores, ranks and money to the cent, every column mapped at confidence 1, no question', async () => {
    const made = await run(['template', '--units', '单位.csv', '--year', '2024', '--out', '台账模板.xlsx']);
    expect(made.err).toBe('');
    expect(made.status).toBe(0);
    expect(made.out).toMatch(/^已写出台账模板：台账模板\.xlsx（2024年，单表：「台账」表，每个单位12行）/);
    expect(made.out).toMatch(/单位 36 个（社区 19 个，村 17 个，取自 单位\.csv）；每月填报 47 项，「参数」表 5 项全省平均值/);

    expect(await fill('台账模板.xlsx', '已填台账.xlsx', figuresOf(district.rows, district.params))).toBeGreaterThan(36 * 12 * 40);
    expect((await run(['score', '已填台账.xlsx', '--json', '已填.json'])).status).toBe(0);
    expect((await run(['score', '样例台账.xlsx', '--json', '样例.json'])).status).toBe(0);
    const filled = json('已填.json');
    const sample = json('样例.json');
    expect(filled.units).toEqual(sample.units);
    expect(filled.summary).toEqual(sample.summary);
    expect(filled.flaggedGroups).toEqual(sample.flaggedGroups);
    expect(filled.errors).toEqual([]);
    expect(filled.warnings.map(located)).toEqual(sample.warnings.map(located));
    expect(mappingQuestions(filled)).toEqual([]);
    expect(filled.mapping!.sheet).toBe('台账');
    for (const c of filled.mapping!.columns) {
      expect({ header: c.header, confidence: c.confidence }).toEqual({ header: c.header, confidence: c.target?.kind === 'field' ? 1 : expect.any(Number) });
      expect(c.target).not.toBeNull();
      expect(c.matchedBy).toBe('canonical');
    }
  });

  test('按月分表: filled, the twelve month sheets score as the sample, each mapped at confidence 1', async () => {
    expect((await run(['template', '--units', '单位.csv', '--year', '2024', '--layout', '按月分表', '--out', '按月模板.xlsx'])).status).toBe(0);
    await fill('按月模板.xlsx', '按月已填.xlsx', figuresOf(district.rows, district.params));
    const scored = await run(['score', '按月已填.xlsx', '--json', '按月已填.json']);
    expect(scored.status).toBe(0);
    if (!fs.existsSync(file('样例.json'))) expect((await run(['score', '样例台账.xlsx', '--json', '样例.json'])).status).toBe(0);
    const filled = json('按月已填.json');
    const sample = json('样例.json');
    expect(filled.units).toEqual(sample.units);
    expect(filled.summary).toEqual(sample.summary);
    expect(filled.errors).toEqual([]);
    expect(mappingQuestions(filled)).toEqual([]);
    expect(filled.sheets!.map((s) => [s.sheet, s.month])).toEqual(Array.from({ length: 12 }, (_, k) => [`${k + 1}月`, k + 1]));
    for (const s of filled.sheets!) {
      expect(s.mapping.columns.every((c) => c.target !== null && c.matchedBy === 'canonical')).toBe(true);
    }
  });

  test('the bundled sample: every unit-month it scores is scored alike, its planted errors found at the filled cells', async () => {
    // The bundled workbook's own figures (its planted errors included, pasted past the validation),
    // its 台账 in the ledgerColumns layout below a title and a section row.
    const grids = await xlsxGrids(SAMPLE);
    const columns = ledgerColumns(true);
    const ledger = grids.find((g) => g.name === '台账')!;
    const rows = ledger.rows.slice(3).filter((r) => r.some((v) => v !== null)).map((r) => Object.fromEntries(columns.map((c, k) => [c.key, r[k] ?? null])) as LedgerRow);
    const pcols = paramColumns();
    const params = grids.find((g) => g.name === '参数')!.rows.slice(1).map((r) => Object.fromEntries(pcols.map((c, k) => [c.key, r[k] ?? null])) as ParamRow);
    const figures = figuresOf(rows, params);
    unitListCsv('样例单位.csv', figures.units.values());
    expect((await run(['template', '--units', '样例单位.csv', '--year', '2024', '--out', '样例模板.xlsx'])).status).toBe(0);
    await fill('样例模板.xlsx', '样例已填.xlsx', figures);
    expect((await run(['score', '样例已填.xlsx', '--json', '样例已填.json'])).status).toBe(0);
    expect((await run(['score', SAMPLE, '--json', '自带样例.json'])).status).toBe(0);
    const filled = json('样例已填.json');
    const sample = json('自带样例.json');

    // The sample gives one unit-month twice (and so scores neither); the template has one row for it.
    const twice = sample.errors.filter((e) => /重复出现/.test(e.message));
    expect(twice).toHaveLength(1);
    const [{ unit: doubled, month: doubledMonth }] = twice;
    expect(filled.units.map((u) => u.unit)).toEqual(sample.units.map((u) => u.unit));
    filled.units.forEach((u, k) => {
      const s = sample.units[k];
      expect(u.months.filter((m) => !(u.unit === doubled && m.month === doubledMonth))).toEqual(s.months);
      if (u.unit !== doubled) expect(u.annual).toBe(s.annual);
    });
    expect(filled.errors.map(located).sort()).toEqual(sample.errors.filter((e) => !twice.includes(e)).map(located).sort());
    expect(filled.errors.length).toBeGreaterThanOrEqual(5);
    expect(filled.errors.every((e) => e.cell !== null && e.cell.startsWith('台账!'))).toBe(true);
    expect(mappingQuestions(filled)).toEqual([]);
  });
});

test('按月分表: 1月 … 12月, each with its title, a header without 月份, one row per unit; 参数 and 单位信息 as in 单表', async () => {
  unitListCsv('小单位.csv', [
    { unit: '桃花仑社区', type: '社区', town: '桃花仑街道', group: '第一组', level: '省级', founding: '否' },
    { unit: '龙光桥村', type: '村', town: '龙光桥街道', group: '第一组', level: '无', founding: '是' },
  ]);
  const made = await run(['template', '--units', '小单位.csv', '--year', '2025年', '--layout', '按月分表', '--out', '按月.xlsx']);
  expect(made.status).toBe(0);
  expect(made.out).toMatch(/（2025年，按月分表：「1月」至「12月」12张表，每表每个单位一行）/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file('按月.xlsx'));
  expect(book.worksheets.map((w) => w.name)).toEqual(['填写说明', ...Array.from({ length: 12 }, (_, k) => `${k + 1}月`), '参数', '单位信息']);
  for (let m = 1; m <= 12; m++) {
    const ws = book.getWorksheet(`${m}月`)!;
    expect(ws.getCell('A1').value).toBe(`2025年${m}月充分就业社区(村)考核台账`);
    const header = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['单位名称', '类型', '劳动力总数（人）']);
    expect(header).not.toContain('月份');
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('A4').value, ws.getCell('B4').value, ws.getCell('A5').value]).toEqual(['桃花仑社区', '社区', '龙光桥村', '村', null]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(ws.getCell('C3')).toMatchObject({ protection: { locked: false }, dataValidation: { type: 'whole', promptTitle: '劳动力总数' } });
    expect((ws as unknown as { sheetProtection: { sheet: boolean; hashValue?: string } }).sheetProtection).toMatchObject({ sheet: true });
    expect((ws as unknown as { sheetProtection: { hashValue?: string } }).sheetProtection.hashValue).toBeUndefined();
  }
  expect(book.getWorksheet('单位信息')!.getCell('E3').value).toBe('无');
});

test('--rubric: only the fields the bureau’s rubric reads get columns, and the rubric goes along as 评分细则', async () => {
  expect((await run(['rubric', '--out', '评分细则.xlsx'])).status).toBe(0);
  const rubric = new ExcelJS.Workbook();
  await rubric.xlsx.readFile(file('评分细则.xlsx'));
  // The bureau drops E2 (长期失业) and moves its 5 points to E1.
  const sheet = rubric.getWorksheet('评分细则')!;
  let drop = 0;
  sheet.eachRow((row, r) => {
    if (row.getCell(1).value === 'E2') drop = r;
    if (row.getCell(1).value === 'E1') row.getCell(5).value = 10;
  });
  sheet.spliceRows(drop, 1);
  await rubric.xlsx.writeFile(file('本区细则.xlsx'));
  unitListCsv('两个单位.csv', [{ unit: '甲社区', type: '社区', town: null, group: null, level: null, founding: null }, { unit: '乙村', type: '村', town: null, group: null, level: null, founding: null }]);
  const made = await run(['template', '--units', '两个单位.csv', '--year', '2024', '--rubric', '本区细则.xlsx', '--out', '本区模板.xlsx']);
  expect(made.err).toBe('');
  expect(made.out).toMatch(/规则：赫山区2024年充分就业社区\(村\)评价体系（取自 本区细则\.xlsx，已附「评分细则」表）/);
  expect(made.out).toMatch(/每月填报 46 项/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file('本区模板.xlsx'));
  expect(book.worksheets.map((w) => w.name)).toEqual(['填写说明', '台账', '参数', '单位信息', '评分细则']);
  const header = (book.getWorksheet('台账')!.getRow(2).values as ExcelJS.CellValue[]).slice(1);
  expect(header).not.toContain('登记失业2年以上人数（人）');
  expect(header).toContain('期末登记失业人员人数（人）');
  // The filled template is scored by the rubric it carries, without --rubric.
  const scored = await run(['score', '本区模板.xlsx']);
  expect(scored.out).toMatch(/规则：赫山区2024年充分就业社区\(村\)评价体系（取自台账工作簿的「评分细则」表）/);
});

describe('refusals, in Chinese, naming what is wrong', () => {
  const refused = async (args: string[]) => {
    const r = await run(args);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/\n\s+at /); // never a stack trace
    return r.err;
  };

  test('a unit list without 单位名称, with a unit twice or an unknown 类型', async () => {
    fs.writeFileSync(file('无名称.csv'), '序号,类型\r\n1,社区\r\n', 'utf8');
    expect(await refused(['template', '--units', '无名称.csv', '--year', '2024', '--out', 'x.xlsx'])).toMatch(/单位列表有误，未生成模板：\n  单位列表 无名称\.csv 的工作表 「无名称」 前20行中都找不到「单位名称」列/);
    fs.writeFileSync(file('有误.csv'), '单位名称,类型\r\n甲社区,社区\r\n乙村,街道\r\n甲社区,社区\r\n', 'utf8');
    expect(await refused(['template', '--units', '有误.csv', '--year', '2024', '--out', 'x.xlsx'])).toBe(
      'hs-score：单位列表有误，未生成模板：\n  有误!B3：单位「乙村」的「类型」应为「社区」或「村」，读到「街道」\n  有误!A4：单位「甲社区」重复（与 有误!A2 相同），每个单位只能列一次\n',
    );
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名单').addRows([['2024年单位名单'], ['单位名称', '类型'], ['甲社区', '居委']]);
    await book.xlsx.writeFile(file('名单.xlsx'));
    expect(await refused(['template', '--units', '名单.xlsx', '--year', '2024', '--out', 'x.xlsx'])).toMatch(/名单!B3：单位「甲社区」的「类型」应为「社区」或「村」，读到「居委」/);
    expect(fs.existsSync(file('x.xlsx'))).toBe(false);
  });

  test('bad options, a missing file, and an output that names the unit list', async () => {
    fs.writeFileSync(file('好.csv'), '单位名称\r\n甲社区\r\n', 'utf8');
    expect(await refused(['template', '--units', '好.csv', '--year', '24', '--out', 'x.xlsx'])).toMatch(/--year 应为2000到2100之间的年份，如 2024：24/);
    expect(await refused(['template', '--units', '好.csv', '--year', '2024', '--layout', '竖排', '--out', 'x.xlsx'])).toMatch(/--layout 应为 单表 或 按月分表：竖排/);
    expect(await refused(['template', '--units', '没有.csv', '--year', '2024', '--out', 'x.xlsx'])).toMatch(/找不到单位列表：没有\.csv/);
    expect(await refused(['template', '--units', '好.csv', '--year', '2024', '--out', 'x.csv'])).toMatch(/--out 应为 \.xlsx 文件：x\.csv/);
    expect(await refused(['template', '--units', '好.csv', '--year', '2024'])).toMatch(/缺少必需的选项：--out/);
    fs.writeFileSync(file('单位名单.xlsx'), fs.readFileSync(file('好.csv')));
    expect(await refused(['template', '--units', '单位名单.xlsx', '--year', '2024', '--out', '单位名单.xlsx'])).toMatch(/--out 指向单位列表本身/);
  });
});
