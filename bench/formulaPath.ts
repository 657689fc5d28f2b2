/**
 * The formula path: a ledger scored by HS.* formulas in cells, calculated by a real formula engine
 * (HyperFormula with the HS plugin of test/helpers/hyperformulaHS.ts), the way a workbook in
 * Excel would be. `formulaWorkbook` lays the workbook out (test/addin/formulaCells.test.ts checks
 * every cell of it against scoreLedger); `benchFormulaPath` times it.
 *
 * The workbook: the ledger's sheets as values, plus
 * - 月度得分, one row per ledger row, grouped by unit (the ledger is kept month by month):
 *   单位, 月份, 总分 =HS.MONTHSCORE(header rows, the row, 参数), 计入年度 (the total, or #N/A for
 *   a unit-month entered twice, which hs-score does not score: COUNTIF over the unit's own rows) and
 *   =HS.BREAKDOWN(…) spilled under =HS.ITEMS();
 * - 年度汇总, one row per unit: 单位, 小组, 认定层级, 带动奖励 (references to the unit's first
 *   ledger row), =HS.ANNUAL(IFERROR(its months,"")) (a month with an error is left out, as hs-score
 *   leaves out blocked months), and one spilled formula per column for =HS.BOTTOMRANK, =HS.ELIMINATED,
 *   =HS.GROUPFLAG, =HS.SUBSIDY and its 说明 (one call per column, not one per unit).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HyperFormula, type ConfigParams, type RawCellContent } from 'hyperformula';
import { readText } from '../src/ledger/cells';
import type { CellValue, SheetGrid } from '../src/ledger/types';
import type { UnitAttributeKey } from '../src/fields';
import { columnLetter } from '../src/read/address';
import { readXlsxGrids } from '../src/read/grid';
import { ledgerFromGrids, PARAMS_SHEET } from '../src/read/ledgerGrids';
import { generateDistrict } from '../src/sample/generateLedger';
import { writeDistrictXlsx } from '../src/sample/writeLedger';
import { scoreLedger } from '../src/score';
import { registerHsFunctions } from '../test/helpers/hyperformulaHS';

export const MONTH_SHEET = '月度得分';
export const ANNUAL_SHEET = '年度汇总';
/** Columns of 月度得分 (0-based); BREAKDOWN spills from `breakdown` on. */
export const MONTH_COL = { unit: 0, month: 1, total: 2, counted: 3, breakdown: 4 } as const;
/** Columns of 年度汇总 (0-based). */
export const ANNUAL_COL = { unit: 0, group: 1, level: 2, reward: 3, annual: 4, bottomRank: 5, eliminated: 6, groupFlag: 7, subsidy: 8, explanation: 9 } as const;

/**
 * Excel's dynamic arrays (IFERROR over a range inside HS.ANNUAL), Excel's sheet size, and values
 * as computed (HyperFormula's smartRounding would show 97.3684210526 as 97.368421053).
 */
export const HF_CONFIG: Partial<ConfigParams> = { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false, maxRows: 1_048_576, maxColumns: 16_384 };

export interface FormulaWorkbookOptions {
  /** HS.BREAKDOWN spilled on every row of 月度得分 (default true). */
  breakdown?: boolean;
}

export interface MonthRow {
  /** 0-based row of the ledger sheet this 月度得分 row scores. */
  ledgerRow: number;
  unit: string | null;
  month: CellValue;
}

export interface UnitRow {
  unit: string;
  /** 0-based rows of 月度得分 holding the unit's months (inclusive). */
  first: number;
  last: number;
}

export interface FormulaWorkbook {
  sheets: Record<string, RawCellContent[][]>;
  ledgerSheet: string;
  /** 月度得分 row i + 1 (row 0 is the header). */
  months: MonthRow[];
  /** 年度汇总 row u + 1 (row 0 is the header). */
  units: UnitRow[];
  formulas: number;
  /** Of which HS.* calls. */
  hsFormulas: number;
}

/** A sheet name as HyperFormula reads it in a formula: always quoted (it rejects bare 台账!A1, which Excel accepts). */
const sheetRef = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const abs = (row0: number, col0: number) => `$${columnLetter(col0)}$${row0 + 1}`;
const rel = (row0: number, col0: number) => `${columnLetter(col0)}${row0 + 1}`;

/** A cell value as typed: text stays text (HyperFormula would read '150%' as 1.5 and '=…' as a formula). */
const typed = (v: CellValue): RawCellContent => (typeof v === 'string' ? `'${v}` : v);

const valuesOf = (grid: SheetGrid): RawCellContent[][] => grid.rows.map((row) => row.map(typed));

export function formulaWorkbook(grids: readonly SheetGrid[], options: FormulaWorkbookOptions = {}): FormulaWorkbook {
  const withBreakdown = options.breakdown ?? true;
  const raw = ledgerFromGrids(grids, { source: 'formulaWorkbook' });
  const ledger = grids.find((g) => g.name === raw.sheet)!;
  const params = grids.find((g) => g.name !== ledger.name && g.name.trim() === PARAMS_SHEET);
  const L = sheetRef(ledger.name);
  const columnOf = (key: UnitAttributeKey) => raw.mapping.columns.find((c) => c.target?.kind === 'attribute' && c.target.key === key)?.column;

  const width = Math.max(...ledger.rows.map((r) => r.length));
  const header = `${L}!${abs(Math.min(...raw.mapping.headerRows), 0)}:${abs(Math.max(...raw.mapping.headerRows), width - 1)}`;
  const paramsRange = params ? `${sheetRef(params.name)}!${abs(0, 0)}:${abs(params.rows.length - 1, Math.max(...params.rows.map((r) => r.length)) - 1)}` : '';
  const unitCol = columnOf('unit')!;
  const monthCol = columnOf('month')!;

  // 月度得分 rows grouped by unit, in order of first appearance; within a unit, ledger order.
  const byUnit = new Map<string | null, MonthRow[]>();
  for (const row of raw.rows) {
    const unit = readText(row.attributes.unit?.value ?? null);
    const list = byUnit.get(unit) ?? [];
    list.push({ ledgerRow: row.row - 1, unit, month: row.attributes.month?.value ?? null });
    byUnit.set(unit, list);
  }
  const months = [...byUnit.values()].flat();
  const units: UnitRow[] = [];
  let next = 1;
  for (const [unit, rows] of byUnit) {
    if (unit !== null) units.push({ unit, first: next, last: next + rows.length - 1 });
    next += rows.length;
  }

  let formulas = 0;
  let hsFormulas = 0;
  const formula = (text: string) => {
    formulas++;
    if (text.includes('HS.')) hsFormulas++;
    return text;
  };
  const monthSheet: RawCellContent[][] = [['单位', '月份', '总分', '计入年度', withBreakdown ? formula('=HS.ITEMS()') : null]];
  const blockOf = new Map(units.map((u) => [u.unit, u]));
  months.forEach((m, i) => {
    const r = i + 1;
    const args = `${header},${L}!${abs(m.ledgerRow, 0)}:${abs(m.ledgerRow, width - 1)}${paramsRange ? `,${paramsRange}` : ''}`;
    const block = m.unit === null ? undefined : blockOf.get(m.unit)!;
    const sameMonth = block ? `COUNTIF(${abs(block.first, MONTH_COL.month)}:${abs(block.last, MONTH_COL.month)},${rel(r, MONTH_COL.month)})>1` : 'FALSE()';
    const row: RawCellContent[] = [
      formula(`=${L}!${abs(m.ledgerRow, unitCol)}`),
      formula(`=${L}!${abs(m.ledgerRow, monthCol)}`),
      formula(`=HS.MONTHSCORE(${args})`),
      formula(`=IF(${sameMonth},NA(),${rel(r, MONTH_COL.total)})`),
    ];
    if (withBreakdown) row.push(formula(`=HS.BREAKDOWN(${args})`));
    monthSheet.push(row);
  });

  const M = sheetRef(MONTH_SHEET);
  const last = units.length;
  const all = (col: number) => `${abs(1, col)}:${abs(last, col)}`;
  const attribute = (u: UnitRow, key: UnitAttributeKey): RawCellContent => {
    const col = columnOf(key);
    return col === undefined ? null : formula(`=${L}!${abs(months[u.first - 1].ledgerRow, col)}`);
  };
  const annualSheet: RawCellContent[][] = [['单位', '小组', '认定层级', '带动奖励', '年度得分', '倒数排名', '末位淘汰', '小组标记', '补贴合计', '说明']];
  units.forEach((u, i) => {
    const district = `${all(ANNUAL_COL.unit)},${all(ANNUAL_COL.annual)},${all(ANNUAL_COL.level)},${all(ANNUAL_COL.group)},${all(ANNUAL_COL.reward)}`;
    annualSheet.push([
      attribute(u, 'unit'),
      attribute(u, 'group'),
      attribute(u, 'level'),
      attribute(u, 'reward'),
      formula(`=HS.ANNUAL(IFERROR(${M}!${abs(u.first, MONTH_COL.counted)}:${abs(u.last, MONTH_COL.counted)},""))`),
      // District-wide answers: one formula per column in the first unit's row, spilling down the column.
      ...(i > 0
        ? [null, null, null, null, null]
        : [
            formula(`=HS.BOTTOMRANK(${all(ANNUAL_COL.annual)},${all(ANNUAL_COL.annual)})`),
            formula(`=HS.ELIMINATED(${all(ANNUAL_COL.annual)},${all(ANNUAL_COL.annual)})`),
            formula(`=HS.GROUPFLAG(${all(ANNUAL_COL.group)},${all(ANNUAL_COL.group)},${all(ANNUAL_COL.eliminated)})`),
            formula(`=HS.SUBSIDY(${all(ANNUAL_COL.unit)},${district})`),
            formula(`=HS.SUBSIDY(${all(ANNUAL_COL.unit)},${district},,"说明")`),
          ]),
    ]);
  });

  const sheets: Record<string, RawCellContent[][]> = {};
  for (const g of grids) sheets[g.name] = valuesOf(g);
  sheets[MONTH_SHEET] = monthSheet;
  sheets[ANNUAL_SHEET] = annualSheet;
  return { sheets, ledgerSheet: ledger.name, months, units, formulas, hsFormulas };
}

/* ---------- Benchmark ---------- */

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const SAMPLE = join('samples', 'heshan-2024-sample.xlsx');

function benchWorkbook(label: string, grids: readonly SheetGrid[]): void {
  const book = formulaWorkbook(grids, { breakdown: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let start = process.hrtime.bigint();
  const hf = HyperFormula.buildFromSheets(book.sheets, HF_CONFIG);
  const built = seconds(start);

  // The formula path agrees with the engine (so the figures are for a workbook that scores right).
  const annualSheet = hf.getSheetId(ANNUAL_SHEET)!;
  const raw = ledgerFromGrids(grids, { source: label });
  const engine = scoreLedger(raw);
  const engineAnnual = new Map(engine.units.map((u) => [u.unit, u.annual]));
  const agree = book.units.filter((u, i) => hf.getCellValue({ sheet: annualSheet, row: i + 1, col: ANNUAL_COL.annual }) === engineAnnual.get(u.unit)).length;

  // One input cell edited: a unit's 期末登记失业人员人数 in its last month.
  const col = raw.mapping.columns.find((c) => c.target?.kind === 'field' && c.target.key === 'registeredUnemployed')!.column;
  const target = book.months[book.units[0].last - 1].ledgerRow;
  const ledgerSheet = hf.getSheetId(book.ledgerSheet)!;
  const before = hf.getCellValue({ sheet: ledgerSheet, row: target, col }) as number;
  start = process.hrtime.bigint();
  const changes = hf.setCellContents({ sheet: ledgerSheet, row: target, col }, before + 200);
  const recalculated = seconds(start);

  console.log(`${label}（${fmt(book.months.length)} 行台账，${fmt(book.units.length)} 个单位，${fmt(book.formulas)} 个公式，其中 HS.* ${fmt(book.hsFormulas)} 个）`);
  console.log(`    建表并全部计算  ${built.toFixed(2)} s  →  每个公式 ${fmt((built / book.formulas) * 1e6)} µs，每个 HS.* 公式 ${fmt((built / book.hsFormulas) * 1e6)} µs`);
  console.log(`    改一个输入后重算 ${recalculated.toFixed(3)} s（${fmt(changes.length)} 个单元格的值变化）`);
  console.log(`    年度得分与引擎一致 ${fmt(agree)}/${fmt(book.units.length)}；峰值内存 (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  hf.destroy();
}

export async function benchFormulaPath(units: number): Promise<void> {
  await registerHsFunctions();
  console.log('公式路径（HyperFormula + HS.* 函数：每行 MONTHSCORE，每单位 ANNUAL；BOTTOMRANK、ELIMINATED、GROUPFLAG、SUBSIDY×2 各一个整列溢出公式）');
  let root = __dirname;
  while (!existsSync(join(root, SAMPLE))) {
    if (dirname(root) === root) throw new Error(`${SAMPLE} not found above ${__dirname}`);
    root = dirname(root); // bench/, or its compiled copy lib/bench/
  }
  benchWorkbook('  样例台账', await readXlsxGrids(join(root, SAMPLE)));

  const dir = mkdtempSync(join(tmpdir(), 'hs-formulas-'));
  try {
    const file = join(dir, 'ledger.xlsx');
    await writeDistrictXlsx(generateDistrict({ units, seed: 11, badCells: false }), file, { styles: false });
    benchWorkbook('  合成台账', await readXlsxGrids(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
