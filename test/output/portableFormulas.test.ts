/**
 * 通用公式 (issue 15) in HyperFormula: the pane's plans in 通用公式 mode calculated by a formula
 * engine that knows nothing of the add-in, every indicator, total and annual figure held against
 * scoreLedger — for the bundled sample (with its planted bad cells), a generated district, a
 * rubric using every rule type (ruling R2 both ways) and a county's rubric with its own fields and
 * unit types — then again after editing ledger cells, which the engine recalculates through the
 * formulas' own dependencies. The same workbooks in LibreOffice: portableLibreOffice.test.ts.
 */
import * as path from 'node:path';
import { xlsxGrids } from '../../src/read/grid';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { BAD_DATA } from '../../src/output/portable/portableSheets';
import { PENDING } from '../../src/result';
import { allKindsRuleSet, withRubricSheet } from '../helpers/allKindsRubric';
import { bureauGrids } from '../helpers/bureauRubric';
import { districtGrids } from '../helpers/districtGrids';
import { differences } from '../helpers/portableCheck';
import { computedSheet, portableBook, portablePlans, type PortableBook, type PortablePlans } from '../helpers/portableWorkbook';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'heshan-2024-sample.xlsx');

/** What the book's computed sheets say differently from the engine's `expected` result (the book's own by default). */
function check(book: PortableBook, expected: PortablePlans = book): string[] {
  return differences(computedSheet(book.hf, '月度得分'), computedSheet(book.hf, '年度汇总'), expected.result, expected.ledger, expected.ruleSet);
}

/** The grids with cells set (sheet, 0-based row and column), as an analyst's edits. */
function withCells(grids: readonly SheetGrid[], sheet: string, cells: readonly [row0: number, col0: number, value: CellValue][]): SheetGrid[] {
  return grids.map((g) => {
    if (g.name !== sheet) return g;
    const rows = g.rows.map((r) => [...r]);
    for (const [r, c, v] of cells) rows[r][c] = v;
    return { ...g, rows };
  });
}

/** Edits the book's ledger in HyperFormula (only the edited cells are recalculated), and checks it against the engine on the edited grids. */
function editAndCheck(book: PortableBook, grids: readonly SheetGrid[], sheet: string, cells: readonly [number, number, CellValue][]): { edited: SheetGrid[]; fresh: PortablePlans; problems: string[] } {
  const id = book.hf.getSheetId(sheet)!;
  book.hf.batch(() => {
    for (const [row, col, v] of cells) book.hf.setCellContents({ sheet: id, row, col }, typeof v === 'string' ? `'${v}` : v);
  });
  const edited = withCells(grids, sheet, cells);
  // The engine's answer for the edited ledger (its plans are not used: the book keeps its own formulas).
  const fresh = portablePlans(edited);
  return { edited, fresh, problems: check(book, fresh) };
}

/** The ledger column mapped to a field or attribute. */
const mapped = (book: PortableBook, key: string): number => book.view.ledger.mapping.columns.find((c) => c.target?.key === key)!.column;

describe('通用公式 calculated by HyperFormula', () => {
  let sample: SheetGrid[];
  let book: PortableBook;
  beforeAll(async () => {
    sample = await xlsxGrids(SAMPLE);
    book = portableBook(sample);
  });

  test('the sample: every figure equals the engine; no formula ends in a spreadsheet error', () => {
    expect(check(book)).toEqual([]);
    const cells = [...computedSheet(book.hf, '月度得分').rows.flat(), ...computedSheet(book.hf, '年度汇总').rows.flat()];
    expect(cells.filter((v) => typeof v === 'string' && v.startsWith('#'))).toEqual([]);
  });

  test('the planted bad cells: their indicators, the month total and 备注 say 数据有误, never a number', () => {
    const monthly = computedSheet(book.hf, '月度得分');
    const blocked = book.result.units.flatMap((u) => u.months.filter((m) => m.total === null).map((m) => ({ unit: u.unit, month: m.month, codes: Object.keys(m.indicators).filter((c) => m.indicators[c] === null) })));
    expect(blocked.length).toBeGreaterThanOrEqual(4); // negative, 无, part above whole, 150 %, blank 劳动力总数
    const total = monthly.header.findIndex((h) => h.startsWith('月度总分'));
    const note = monthly.header.indexOf('备注');
    for (const { unit, month, codes } of blocked) {
      const row = monthly.rows.find((r) => r[0] === unit && r[3] === month)!;
      for (const code of codes) expect({ unit, month, code, shown: row[monthly.header.findIndex((h) => h.startsWith(`${code} `))] }).toEqual({ unit, month, code, shown: BAD_DATA });
      expect(row[total]).toBe(BAD_DATA);
      expect(row[note]).toBe(`${codes.join('、')}有错误未能计分，见问题清单`);
    }
  });

  test('editing ledger cells rescores: a bad cell corrected, a unit left without any scored month (ruling R9)', () => {
    const ledger = sample.find((g) => g.name === book.view.ledger.sheet)!;
    const complaints = mapped(book, 'validComplaints');
    const none = ledger.rows.findIndex((r) => r[complaints] === '无');
    expect(none).toBeGreaterThan(0);
    const fixed = editAndCheck(book, sample, ledger.name, [[none, complaints, 0]]);
    expect(fixed.problems).toEqual([]);
    expect(fixed.fresh.result.errors.length).toBe(book.result.errors.length - 1);

    // Every month of the first unit without 劳动力总数: no annual score, so its verdicts and money are 待核实.
    const labour = mapped(book, 'laborForce');
    const unitColumn = mapped(book, 'unit');
    const first = book.result.units[0].unit;
    const rows = fixed.edited.find((g) => g.name === ledger.name)!.rows.flatMap((r, i) => (r[unitColumn] === first ? [i] : []));
    const blanked = editAndCheck(book, fixed.edited, ledger.name, rows.map((r) => [r, labour, null]));
    expect(blanked.problems).toEqual([]);
    const annual = computedSheet(book.hf, '年度汇总');
    const row = annual.rows[0];
    for (const header of ['年度得分', '倒数排名', '末位淘汰', '层级补助', '年终补贴合计']) expect(row[annual.header.indexOf(header)]).toBe(PENDING);
  });

  test('a generated district (another seed; LibreOffice calculates a larger one)', () => {
    expect(check(portableBook(districtGrids({ units: 12, seed: 11 })))).toEqual([]);
  });

  test('a rubric using every rule type, as the workbook’s own 评分细则', () => {
    const allKinds = portableBook(withRubricSheet(sample, allKindsRuleSet()));
    expect(allKinds.ruleSet.id).toBe('all-kinds');
    expect(check(allKinds)).toEqual([]);
    expect(allKinds.result.summary.eliminated.length).toBeGreaterThan(0);
  });

  test('ruling R2 the other way: an empty base blocks the indicator instead of counting as met', () => {
    const strict = portableBook(withRubricSheet(sample, allKindsRuleSet({ emptyBaseCountsAsMet: false })));
    expect(strict.ruleSet.scoring.emptyBaseCountsAsMet).toBe(false);
    expect(strict.result.units.some((u) => u.months.some((m) => m.indicators.K11 === null))).toBe(true);
    expect(check(strict)).toEqual([]);
  });

  test('a county’s rubric with its own fields and unit types (街道, 镇)', () => {
    const county = portableBook(bureauGrids());
    expect(check(county)).toEqual([]);
  });

  test('typed province averages (no 参数 sheet) are written on a sheet the formulas read', () => {
    const typed = { provinceUpdateCoverage: 0.9, provinceAvgServiceCount: 120, provinceAvgMatchSuccess: 0.6, provinceAvgTrainingCoverage: 0.3, provinceAvgSubsidyCoverage: 0.65 };
    const noParams = portableBook(sample.filter((g) => g.name !== '参数'), { typedParams: typed });
    expect(noParams.plans[0].name).toBe('评分映射');
    expect(noParams.plans[0].hidden).toBe(false);
    expect(check(noParams)).toEqual([]);
  });

  test('a 是/否 answer the engine reads but a formula cannot (a full-width space or a line break after it) is said in 问题清单 with its cell', () => {
    const ledger = book.view.ledger;
    const column = mapped(book, 'staffTrainingMet');
    const rows = ledger.rows.filter((r) => Number(r.attributes.month?.value) >= 4).slice(0, 2).map((r) => r.row - 1);
    const edited = portablePlans(withCells(sample, ledger.sheet, [[rows[0], column, '是　'], [rows[1], column, '否\n']]));
    const notes = edited.plans.find((p) => p.name === '问题清单')!.cells.filter((r) => r[0] === '提示' && String(r[5]).includes('年度业务培训达标'));
    expect(notes.map((r) => r[5])).toEqual([
      expect.stringMatching(/^「年度业务培训达标」填的「是　」：通用公式读为「数据有误」/),
      expect.stringMatching(/^「年度业务培训达标」填的「否\n」：通用公式读为「数据有误」/),
    ]);
    // Every plain 是 or 否 of the sample is read alike: no note for it.
    expect(book.plans.find((p) => p.name === '问题清单')!.cells.filter((r) => r[0] === '提示' && String(r[5]).includes('年度业务培训达标'))).toEqual([]);
  });

  test('a number stored as text scores in the engine but reads 数据有误 here, said in 问题清单 with its cell', () => {
    const ledger = book.view.ledger;
    const column = mapped(book, 'longTermUnemployed');
    const row0 = ledger.rows[0].row - 1;
    const asText = portablePlans(withCells(sample, ledger.sheet, [[row0, column, '1']]));
    const issues = asText.plans.find((p) => p.name === '问题清单')!.cells;
    const note = issues.find((r) => r[0] === '提示' && String(r[5]).includes('以文本存储的数字'));
    expect(note?.[5]).toMatch(/登记失业2年以上人数/);
    expect(asText.result.units[0].months[0].indicators.E2).toBe(4.5); // the engine reads "1"
    // The formula does not: the same edit in the calculated book.
    book.hf.setCellContents({ sheet: book.hf.getSheetId(ledger.sheet)!, row: row0, col: column }, "'1");
    const monthly = computedSheet(book.hf, '月度得分');
    expect(monthly.rows[0][monthly.header.findIndex((h) => h.startsWith('E2 '))]).toBe(BAD_DATA);
  });
});
