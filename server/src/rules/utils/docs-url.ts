/** Where rule documentation lives: one Markdown page per rule id under docs/rules/. */
export const RULE_DOCS_BASE = 'https://github.com/promptcost/promptcost/blob/main/docs/rules';

/** The documentation URL of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}/${id}.md`;
}
