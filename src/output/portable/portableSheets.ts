/**
 * 通用公式: 月度得分 and 年度汇总 as ordinary worksheet formulas generated from the rule set, for
 * colleagues without the add-in, offices on WPS 表格 (which runs no add-ins) and auditors who want
 * to see how each point was worked out. The formulas read the ledger's own cells through the
 * analyst's mapping (and the 参数 sheet's), so editing a ledger figure rescores in any spreadsheet
 * program; the same rulings as the engine hold, cell by cell (ruleFormulas.ts, inputReading.ts,
 * annualFormulas.ts). Both `hs-score score --formulas 通用` and the pane's third choice write these
 * tables; 问题清单 is written as in the other modes, with a 提示 for every cell the formulas read
 * differently from the engine.
 *
 * What a formula cannot say: which cell is wrong and why, in words. An indicator shows
 * 「数据有误」 and 问题清单 (written with the sheets, from the engine) names the cell; after an edit,
 * only hs-score or the pane can say what the new error is.
 */
import { compileRuleSet } from '../../engine/compile';
import { buildLedger } from '../../ledger/build';
import { readMonth } from '../../ledger/cells';
import type { CellValue, RawLedger } from '../../ledger/types';
import type { SubsidyPolicy } from '../../policy/types';
import { columnLetter, quoteSheetName } from '../../read/address';
import type { IssueResult, ScoreResult } from '../../result';
import type { RuleSet } from '../../rules/vocabulary';
import type { SheetTable } from '../sheets';
import { parseCellAddress } from '../tableLayout';
import { annualFormulas } from './annualFormulas';
import { monthlyFormulas, type CellSources } from './monthlyFormulas';

export { BAD_DATA } from './formulaText';

/** The Chinese and English names of the mode, as `--formulas` accepts them. */
export const PORTABLE_MODE_NAMES = ['通用', '通用公式', 'portable'] as const;

/** A ledger the portable formulas cannot read (cells in another file): said in Chinese, nothing written. */
export class PortableRefusal extends Error {}

export interface PortableOptions {
  ruleSet: RuleSet;
  policy: SubsidyPolicy;
  /** The year the ledger was scored for (hs-score's --year), so the rows read are the ones scored. */
  year?: number;
  /** The sheets of the workbook the formulas are written into: every cell they read must be on one. */
  workbookSheets: readonly string[];
  /** Province averages typed in the pane (a workbook without a 参数 sheet), written as a sheet of that name. */
  typedParams?: { sheet: string; values: Readonly<Record<string, number>> };
}

export interface PortableSheets {
  monthly: SheetTable;
  annual: SheetTable;
  /** The cells the formulas read differently from the engine, as 提示 for 问题清单. */
  notes: IssueResult[];
  /** The typed province averages the formulas read, when they were typed. */
  params: SheetTable | null;
}

/** 问题清单's rows for the mode: the engine's issues, then the portable notes as 提示. */
export function withPortableNotes(result: ScoreResult, notes: readonly IssueResult[]): ScoreResult {
  return notes.length ? { ...result, warnings: [...result.warnings, ...notes] } : result;
}

function paramTable(sheet: string, values: Readonly<Record<string, number>>, ruleSet: RuleSet): { table: SheetTable; keys: string[] } {
  const keys = ruleSet.fields.filter((f) => f.param && values[f.key] !== undefined).map((f) => f.key);
  return {
    keys,
    table: {
      name: sheet,
      columns: [{ header: '月份', kind: 'integer' }, ...keys.map((k) => ({ header: ruleSet.fields.find((f) => f.key === k)!.zh, kind: 'text' as const }))],
      rows: Array.from({ length: 12 }, (_, m) => [m + 1, ...keys.map((k) => values[k])]),
    },
  };
}

export function portableSheets(result: ScoreResult, ledger: RawLedger, options: PortableOptions): PortableSheets {
  const { ruleSet } = options;
  const rubric = compileRuleSet(ruleSet);
  // Which row is which unit-month, read again as the engine read it (the result keeps no cells).
  const built = buildLedger(ledger, rubric, { year: options.year });
  if (built.units.length !== result.units.length || built.units.some((u, i) => u.name !== result.units[i].unit) || built.table.length !== result.summary.unitMonths) {
    throw new Error('内部错误：重新读取的台账与评分结果不一致');
  }

  const sheets = new Set(options.workbookSheets);
  const reference = (cell: string): string => {
    const at = parseCellAddress(cell);
    if (!at || !sheets.has(at.sheet)) {
      throw new PortableRefusal(`通用公式只能读取写入的工作簿中的单元格，「${cell}」不在其中（台账或参数表来自其他文件）；请把台账和「参数」表放在一个工作簿中，或改用「数值」写法`);
    }
    return cell;
  };

  const typed = options.typedParams ? paramTable(options.typedParams.sheet, options.typedParams.values, ruleSet) : null;
  if (typed) sheets.add(typed.table.name);
  // The 参数 sheet's first row for each month, as the engine reads it (a repeated month is an error there, the first row used).
  const paramRows = new Map<number, Record<string, { cell: string; value: CellValue }>>();
  for (const row of ledger.params) {
    const m = readMonth(row.month.value);
    if (m.ok && !paramRows.has(m.month)) paramRows.set(m.month, row.fields);
  }
  const cells: CellSources = {
    reference,
    param(month, field) {
      if (typed) {
        const k = typed.keys.indexOf(field);
        return k < 0 ? null : { cell: `${quoteSheetName(typed.table.name)}!${columnLetter(k + 1)}${month + 1}`, value: options.typedParams!.values[field] };
      }
      const source = paramRows.get(month)?.[field];
      return source ? { cell: source.cell, value: source.value } : null;
    },
  };

  const monthly = monthlyFormulas(result, built, rubric, cells);
  const annual = annualFormulas(result, { ranking: ruleSet.ranking, policy: options.policy, totals: monthly.totals });
  return { monthly: monthly.table, annual, notes: monthly.notes, params: typed?.table ?? null };
}
