/**
 * The rule set the HS.* functions score with. Heshan 2024 until something else is made active:
 * the task pane (same runtime) activates a bureau's own rubric when the workbook has one, and then
 * cells and the pane's output can never disagree.
 */
import { HESHAN_2024 } from '../rules/heshan2024';
import type { RuleSet } from '../rules/vocabulary';

let active: RuleSet = HESHAN_2024;

export function activeRuleSet(): RuleSet {
  return active;
}

export function setActiveRuleSet(ruleSet: RuleSet): void {
  active = ruleSet;
}
