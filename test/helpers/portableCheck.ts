/**
 * A 通用公式 workbook's computed cells held against the engine, whichever spreadsheet program
 * computed them (LibreOffice Calc through a converted file, HyperFormula in memory): every
 * indicator (bucket items included), total, annual score, rank, 末位淘汰, group flag, tier and amount
 * of scoreLedger's result, to 1e-9; a blocked score must read 「数据有误」, a 待核实 one 待核实.
 */
import { compileRuleSet, reportedItems } from '../../src/engine/compile';
import { UNKNOWN_TYPE } from '../../src/engine/table';
import { buildLedger } from '../../src/ledger/build';
import type { RawLedger } from '../../src/ledger/types';
import { BAD_DATA } from '../../src/output/portable/portableSheets';
import { PENDING, type ScoreResult } from '../../src/result';
import type { RuleSet } from '../../src/rules/vocabulary';

/** A computed cell as read back: a number, a text, empty (null), or an error value's code (`#VALUE!`). */
export type Computed = number | string | boolean | null;

/** A computed sheet: its header row and data rows. */
export interface ComputedSheet {
  header: string[];
  rows: Computed[][];
}

const close = (a: Computed, b: number) => typeof a === 'number' && Math.abs(a - b) <= 1e-9;

/** What differs from the engine, as readable lines (empty when the workbook agrees everywhere). */
export function differences(monthly: ComputedSheet, annual: ComputedSheet, result: ScoreResult, ledger: RawLedger, ruleSet: RuleSet, opts: { year?: number } = {}): string[] {
  const out: string[] = [];
  const rubric = compileRuleSet(ruleSet);
  const built = buildLedger(ledger, rubric, { year: opts.year });
  const scores = rubric.score(built.table);
  const tableRow = new Map<string, number>();
  for (let i = 0; i < built.table.length; i++) tableRow.set(`${built.units[built.table.unit[i]].name}\u0000${built.table.month[i]}`, i);
  const codeOf = (header: string) => header.split(' ')[0];
  const items = new Set(reportedItems(ruleSet).map((i) => i.code));
  const indicatorCodes = new Set(ruleSet.indicators.map((i) => i.code));
  const col = (sheet: ComputedSheet, header: string) => sheet.header.indexOf(header);
  const totalCol = monthly.header.findIndex((h) => h.startsWith('月度总分'));

  // 月度得分 holds each scored unit-month once (in the ledger's order).
  const sheetRow = new Map<string, number>();
  monthly.rows.forEach((row, k) => sheetRow.set(`${row[0]}\u0000${row[3]}`, k));
  let k = 0;
  for (const unit of result.units) {
    for (const m of unit.months) {
      k++;
      const at = sheetRow.get(`${unit.unit}\u0000${m.month}`);
      const where = `月度得分第${(at ?? -2) + 2}行（${unit.unit}${m.month}月）`;
      if (at === undefined) {
        out.push(`${where}：没有这一行`);
        continue;
      }
      const row = monthly.rows[at];
      const i = tableRow.get(`${unit.unit}\u0000${m.month}`)!;
      monthly.header.forEach((h, c) => {
        const code = codeOf(h);
        const cell = row[c] ?? null;
        let expected: number | null | undefined; // undefined: not reported for the row (empty)
        if (items.has(code)) expected = code in m.indicators ? m.indicators[code] : undefined;
        else if (indicatorCodes.has(code)) {
          const v = scores.indicators.get(code)![i];
          const ind = ruleSet.indicators.find((x) => x.code === code)!;
          const type = built.table.type[i];
          const otherType = ind.appliesTo !== undefined && type !== UNKNOWN_TYPE && !ind.appliesTo.some((t) => rubric.typeCode(t) === type);
          expected = otherType ? undefined : Number.isNaN(v) ? null : v;
        } else return;
        if (expected === undefined ? cell !== null && cell !== '' : expected === null ? cell !== BAD_DATA : !close(cell, expected)) {
          out.push(`${where} ${code}：${JSON.stringify(cell)}，引擎为 ${expected === undefined ? '不适用' : expected ?? BAD_DATA}`);
        }
      });
      const total = row[totalCol] ?? null;
      if (m.total === null ? total !== BAD_DATA : !close(total, scores.total[i])) out.push(`${where} 月度总分：${JSON.stringify(total)}，引擎为 ${m.total ?? BAD_DATA}`);
    }
  }
  if (k !== monthly.rows.length) out.push(`月度得分有 ${monthly.rows.length} 行，引擎有 ${k} 个单位月`);

  const pendingOr = (v: number | null) => (v === null ? PENDING : v);
  const verdict = (b: boolean | null | undefined) => (b === null || b === undefined ? PENDING : b ? '是' : '否');
  result.units.forEach((u, r) => {
    const row = annual.rows[r] ?? [];
    const where = `年度汇总第${r + 2}行（${u.unit}）`;
    const expect: [string, Computed | number][] = [
      ['单位名称', u.unit],
      ['计分月数', u.scoredMonths],
      ['缺少月份', u.missingMonths.map((m) => `${m}月`).join('、')],
      ['年度得分', pendingOr(u.annual)],
      ['倒数排名', pendingOr(u.bottomRank)],
      ['末位淘汰', verdict(u.eliminated)],
      ['小组连带', verdict(u.groupFlagged)],
      ['补贴档次', u.subsidy.tier ?? ''],
      ['层级补助', pendingOr(u.subsidy.base)],
      ['小组扣减', pendingOr(u.subsidy.groupDeduction)],
      ['年终补贴合计', pendingOr(u.subsidy.total)],
      ...(u.recognised !== undefined ? [['是否认定', verdict(u.recognised)] as [string, Computed]] : []),
    ];
    for (const [header, value] of expect) {
      const c = col(annual, header);
      const cell = c < 0 ? undefined : (row[c] ?? null);
      const same = typeof value === 'number' ? close(cell ?? null, value) : value === '' ? cell === '' || cell === null : cell === value;
      if (!same) out.push(`${where} ${header}：${JSON.stringify(cell)}，引擎为 ${JSON.stringify(value)}`);
    }
  });
  return out;
}
