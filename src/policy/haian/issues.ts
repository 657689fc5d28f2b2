/**
 * Errors and warnings of the 海安 ledgers, located as precisely as the input allows: the person,
 * the field (its canonical Chinese header), the cell, and the findings the problem blocks.
 */
import type { IssueResult } from '../../result';
import { FINDING_NAMES, type FindingKind } from './settings';

export interface HaianIssue {
  severity: 'error' | 'warning';
  town: string | null;
  community: string | null;
  /** The person's name (or ID number, or 第N行); null for a sheet- or town-level problem. */
  person: string | null;
  field: string | null;
  /** Sheet-qualified address (`明细表!F7`), or null when no single cell is at fault. */
  cell: string | null;
  /** Chinese, naming the cell and person first: `明细表!F7（张三）：「最近跟踪服务日期」…；跟踪服务无法评估`. */
  message: string;
  /** The findings this issue leaves unassessed (empty for warnings). */
  blocks: FindingKind[];
}

/** `；跟踪服务、131服务无法评估` for the findings blocked; empty when none. */
export function blockedWords(blocks: readonly FindingKind[]): string {
  return blocks.length ? `；${blocks.map((k) => FINDING_NAMES[k]).join('、')}无法评估` : '';
}

/** The message with its cell and person in front, so it reads alone in a list. */
export function locatedMessage(cell: string | null, person: string | null, text: string, blocks: readonly FindingKind[] = []): string {
  const where = [cell, person ? `（${person}）` : null].filter((s) => s !== null).join('');
  return `${where ? `${where}：` : ''}${text}${blockedWords(blocks)}`;
}

/** The issue in the shape of hs-score's JSON contract (`errors`/`warnings`): the unit is `区镇 社区(村) 人员`. */
export function toIssueResult(issue: HaianIssue): IssueResult {
  const unit = [issue.town, issue.community, issue.person].filter((s): s is string => s !== null).join(' ');
  return { unit: unit === '' ? null : unit, month: null, field: issue.field, cell: issue.cell, message: issue.message };
}
