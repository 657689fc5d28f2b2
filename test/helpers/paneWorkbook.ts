/**
 * The workbook the task pane writes, as a formula engine sees it: the analyst's sheets as values,
 * plus the pane's own output sheets (src/output/sheetPlans.ts, exactly as 计算得分 builds them with
 * live formulas), ready for HyperFormula with the HS plugin of ./hyperformulaHS.ts. The test
 * (test/addin/paneFormulas.test.ts) and the benchmark (bench/formulaPath.ts) both use it, so what is
 * checked and what is measured is the layout the pane really writes.
 */
import { fieldSet } from '../../src/fields';
import type { ConfigParams, RawCellContent } from 'hyperformula';
import type { CellValue, SheetGrid } from '../../src/ledger/types';
import { scorePlans } from '../../src/output/sheetPlans';
import type { SheetPlan } from '../../src/output/sheetPlan';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import type { SubsidyPolicy } from '../../src/policy/types';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import { readLedger, scorePlanOptions, scoreView, withSheetIncluded, workbookRubric, type LedgerView } from '../../taskpane/paneModel';

/**
 * Excel's dynamic arrays (IFERROR over a range inside HS.ANNUALS), Excel's sheet size, and values
 * as computed (HyperFormula's smartRounding would show 97.3684210526 as 97.368421053).
 */
export const HF_CONFIG: Partial<ConfigParams> = { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false, maxRows: 1_048_576, maxColumns: 16_384 };

export interface PaneWorkbook {
  sheets: Record<string, RawCellContent[][]>;
  plans: SheetPlan[];
  view: LedgerView;
  /** The pane's own result for the workbook (what 计算得分 reports). */
  result: ScoreResult;
  /** Cells holding formulas, and of those the ones that call HS.* functions. */
  formulas: number;
  hsCalls: number;
}

export interface PaneWorkbookOptions {
  policy?: SubsidyPolicy;
  typedParams?: Record<string, number>;
  /** Budget of one call in bytes (the pane's default otherwise). */
  blockBytes?: number;
  /** Month sheets of a ledger kept per month that the analyst left out (its 列映射 checkboxes). */
  excludeSheets?: readonly string[];
}

/** A value as typed into a cell: text stays text (HyperFormula would read '150%' as 1.5 and '=…' as a formula). */
const typed = (v: CellValue | string): RawCellContent => (typeof v === 'string' ? `'${v}` : v);

/**
 * A formula as HyperFormula reads it. Excel accepts 台账!A1; HyperFormula needs '台账'!A1. Every
 * sheet name of the workbook that appears unquoted before `!` is quoted.
 */
export function forHyperFormula(formula: string, sheetNames: readonly string[]): string {
  let out = formula;
  for (const name of [...sheetNames].sort((a, b) => b.length - a.length)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[^'\\p{L}\\p{N}_])(${escaped})!`, 'gu'), (_, before: string) => `${before}'${name.replace(/'/g, "''")}'!`);
  }
  return out;
}

/** The pane's 计算得分 on these sheets, with live formulas, laid out for HyperFormula. */
export function paneWorkbook(grids: SheetGrid[], options: PaneWorkbookOptions = {}): PaneWorkbook {
  const policy = options.policy ?? HESHAN_2024_POLICY;
  const typedParams = options.typedParams ?? {};
  // As the pane does: the workbook's 评分细则 first, whose 字段 table says what the ledger's columns are.
  const rubric = workbookRubric(grids);
  if (rubric && 'errors' in rubric) throw new Error(`评分细则 refused: ${rubric.errors.join('; ')}`);
  const ruleSet = rubric?.ruleSet ?? HESHAN_2024;
  const view = (options.excludeSheets ?? []).reduce((v, sheet) => withSheetIncluded(v, sheet, false), readLedger(grids, undefined, undefined, fieldSet(ruleSet.fields)));
  const result = scoreView(view, typedParams, ruleSet, policy);
  const plans = scorePlans(result, { ...scorePlanOptions(view, typedParams, ruleSet, 'formulas', policy), blockBytes: options.blockBytes });

  const names = [...grids.map((g) => g.name), ...plans.map((p) => p.name)];
  let formulas = 0;
  let hsCalls = 0;
  const cellOf = (v: string | number | null): RawCellContent => {
    if (typeof v !== 'string' || !v.startsWith('=')) return typed(v);
    formulas++;
    hsCalls += (v.match(/HS\.[A-Z0-9]+\(/g) ?? []).length;
    return forHyperFormula(v, names);
  };
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const g of grids) sheets[g.name] = g.rows.map((row) => row.map(typed));
  for (const p of plans) sheets[p.name] = p.cells.map((row) => row.map(cellOf));
  return { sheets, plans, view, result, formulas, hsCalls };
}
