/**
 * The workbook the pane writes in 通用公式 mode (its real sheet plans, src/output/sheetPlans.ts with
 * mode 'portable') over the analyst's sheets, calculated by HyperFormula — a second spreadsheet
 * engine beside LibreOffice (test/output/portableLibreOffice.test.ts) — and read back as computed
 * sheets for test/helpers/portableCheck.ts. No HS.* function is registered: the formulas must not
 * need one.
 */
import { FunctionArgumentType, FunctionPlugin, HyperFormula, type CellValue as HfValue, type ImplementedFunctions } from 'hyperformula';
import type { InterpreterState } from 'hyperformula/typings/interpreter/InterpreterState';
import type { ProcedureAst } from 'hyperformula/typings/parser/Ast';
import { excelRound } from '../../src/engine/excelRound';
import { fieldSet } from '../../src/fields';
import type { CellValue, RawLedger, SheetGrid } from '../../src/ledger/types';
import { scorePlans } from '../../src/output/sheetPlans';
import type { SheetPlan } from '../../src/output/sheetPlan';
import { HESHAN_2024_POLICY } from '../../src/policy/presets';
import type { SubsidyPolicy } from '../../src/policy/types';
import type { ScoreResult } from '../../src/result';
import { HESHAN_2024 } from '../../src/rules/heshan2024';
import type { RuleSet } from '../../src/rules/vocabulary';
import { readLedger, scorePlanOptions, scoreView, typedParamRows, workbookRubric, type LedgerView } from '../../taskpane/paneModel';
import { forHyperFormula, HF_CONFIG } from './paneWorkbook';
import type { Computed, ComputedSheet } from './portableCheck';

/**
 * HyperFormula's ROUND is Math.round(x × 10^d) / 10^d: 92.285 → 92.28, where Excel, WPS and LibreOffice
 * (checked by the LibreOffice test) round the value as shown to 15 digits, 92.29 (spec §3). The book
 * gets Excel's ROUND, so what is compared is the generated formulas, not HyperFormula's rounding.
 */
class ExcelRoundPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    ROUND: { method: 'excelRound', parameters: [{ argumentType: FunctionArgumentType.NUMBER }, { argumentType: FunctionArgumentType.NUMBER, defaultValue: 0 }] },
  };
  excelRound(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata('ROUND'), (x: number, digits: number) => excelRound(x, digits));
  }
}
HyperFormula.unregisterFunction('ROUND');
HyperFormula.registerFunction('ROUND', ExcelRoundPlugin);

const typed = (v: CellValue): string | number | boolean | null => (typeof v === 'string' ? `'${v}` : v instanceof Date ? v.toISOString() : v);

export interface PortablePlans {
  plans: SheetPlan[];
  view: LedgerView;
  /** The ledger as scored: the view's, with the typed averages where they were typed. */
  ledger: RawLedger;
  ruleSet: RuleSet;
  result: ScoreResult;
}

export interface PortableBook extends PortablePlans {
  hf: HyperFormula;
}

export interface PortableBookOptions {
  policy?: SubsidyPolicy;
  typedParams?: Record<string, number>;
}

/** The pane's 计算得分 in 通用公式 mode on these sheets: its result and its plans. */
export function portablePlans(grids: readonly SheetGrid[], options: PortableBookOptions = {}): PortablePlans {
  const policy = options.policy ?? HESHAN_2024_POLICY;
  const typedParams = options.typedParams ?? {};
  const rubric = workbookRubric(grids);
  if (rubric && 'errors' in rubric) throw new Error(`评分细则 refused: ${rubric.errors.join('; ')}`);
  const ruleSet = rubric?.ruleSet ?? HESHAN_2024;
  const view = readLedger([...grids], undefined, undefined, fieldSet(ruleSet.fields));
  const result = scoreView(view, typedParams, ruleSet, policy);
  const plans = scorePlans(result, scorePlanOptions(view, typedParams, ruleSet, 'portable', policy));
  const typed = !view.paramsSheet && Object.keys(typedParams).length > 0;
  const ledger = typed ? { ...view.ledger, params: typedParamRows(typedParams, fieldSet(ruleSet.fields)) } : view.ledger;
  return { plans, view, ledger, ruleSet, result };
}

/** The same, the plans written over the grids in HyperFormula and calculated. */
export function portableBook(grids: readonly SheetGrid[], options: PortableBookOptions = {}): PortableBook {
  const scored = portablePlans(grids, options);
  const { plans } = scored;
  const names = [...grids.map((g) => g.name), ...plans.map((p) => p.name)];
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const g of grids) sheets[g.name] = g.rows.map((row) => row.map(typed));
  for (const p of plans) sheets[p.name] = p.cells.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith('=') ? forHyperFormula(v, names) : typed(v))));
  return { ...scored, hf: HyperFormula.buildFromSheets(sheets, HF_CONFIG) };
}

/** A computed value as the checks read it: an error value by its code. */
function computed(v: HfValue): Computed {
  if (v !== null && typeof v === 'object') return (v as { value: string }).value;
  return v as Computed;
}

/** A sheet of the book as computed (header row, data rows). */
export function computedSheet(hf: HyperFormula, name: string): ComputedSheet {
  const values = hf.getSheetValues(hf.getSheetId(name)!);
  return { header: (values[0] ?? []).map((v) => String(v ?? '')), rows: values.slice(1).map((row) => row.map(computed)) };
}
