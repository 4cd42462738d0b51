/** Where rule documentation lives (the README's rule sections, one anchor per rule id). */
export const RULE_DOCS_BASE = 'https://github.com/promptcost/promptcost/blob/main/docs/rules.md';

/** The documentation URL of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}#${id}`;
}
