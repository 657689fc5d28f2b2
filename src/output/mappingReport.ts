/**
 * The column mapping in words: which header fed which rubric input, and how sure the match was.
 * The CLI prints it; the task pane's 列映射 step shows the same lines.
 */
import { ATTRIBUTES, FIELD_BY_KEY } from '../fields';
import type { ColumnMapping, ColumnTarget, SheetMapping } from '../ledger/types';
import { columnLetter } from '../read/address';

const HOW: Record<ColumnMapping['matchedBy'], string> = {
  canonical: '规范列名',
  synonym: '同义列名',
  fuzzy: '近似匹配，请核对',
  manual: '手工指定',
  none: '未识别',
};

export function targetLabel(target: ColumnTarget): string {
  return target.kind === 'field'
    ? (FIELD_BY_KEY.get(target.key)?.zh ?? target.key)
    : (ATTRIBUTES.find((a) => a.key === target.key)?.zh ?? target.key);
}

/** One line per column: `F 劳动力数(人) → 劳动力总数（同义列名，置信度 0.90）`. */
export function mappingLines(mapping: SheetMapping): string[] {
  return mapping.columns.map((c) => {
    const where = `${columnLetter(c.column)}  ${c.header || '（空表头）'}`;
    if (!c.target) return `${where} → 未识别，已忽略`;
    return `${where} → ${targetLabel(c.target)}（${HOW[c.matchedBy]}，置信度 ${c.confidence.toFixed(2)}）`;
  });
}

/** A one-line count, naming the columns that need a look (fuzzy or unmatched). */
export function mappingSummary(mapping: SheetMapping): string {
  const matched = mapping.columns.filter((c) => c.target !== null);
  const fuzzy = matched.filter((c) => c.matchedBy === 'fuzzy');
  const unmatched = mapping.columns.filter((c) => c.target === null && c.header !== '');
  const rows = mapping.headerRows.map((r) => r + 1).join('、');
  const parts = [`列映射：表头在第${rows}行，识别 ${matched.length} 列`];
  if (fuzzy.length) parts.push(`近似匹配 ${fuzzy.length} 列请核对（${fuzzy.map((c) => `「${c.header}」→${targetLabel(c.target!)}`).join('、')}）`);
  if (unmatched.length) parts.push(`未识别 ${unmatched.length} 列（${unmatched.map((c) => `「${c.header}」`).join('、')}）`);
  return parts.join('，');
}
