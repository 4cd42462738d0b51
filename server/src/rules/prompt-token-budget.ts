import { z } from 'zod';
import { budgetFor } from '../config/budgets';
import { formatUsd } from '../pricing/cost';
import { callGroups } from './utils/call-groups';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';

/**
 * `prompt-token-budget`: a prompt (or the prompts of one call together) over the budget set in
 * `budget` / `budgets` of the configuration: tokens, dollars per call, dollars per month.
 */
export default defineRule({
  meta: {
    id: 'prompt-token-budget',
    description: 'Prompts must stay within their token and cost budgets.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('prompt-token-budget'),
    messages: {
      tokens: 'Prompt{name} is {tokens} tokens, over its budget of {budget} tokens.',
      perCall: 'Prompt{name} costs {cost}/call, over its budget of {budget}/call.',
      perMonth: 'Prompt{name} costs {cost}/month, over its budget of {budget}/month.',
      callTokens: 'The prompts of this call total {tokens} tokens, over the budget of {budget} tokens.',
    },
    options: z.object({}).strict(),
    fixable: false,
  },
  check({ prompts, config, file }) {
    const reports: RuleReport[] = [];
    for (const { site, tokens, cost } of prompts) {
      // A prompt with no written text (history passed through, a join of documents) is all estimate:
      // nothing in it to trim, and unbounded-history / unbounded-retrieval speak for it.
      if (tokens.static === 0) continue;
      const budget = budgetFor(config, { name: site.name, file: site.file, role: site.role });
      const name = site.name ? ` \`${site.name}\`` : '';
      const at = { span: site.span, promptId: site.id };
      if (budget.maxTokens !== undefined && tokens.total > budget.maxTokens) {
        reports.push({ ...at, messageId: 'tokens', data: { name, tokens: `${tokens.approximate || tokens.dynamic > 0 ? '≈' : ''}${tokens.total.toLocaleString('en-US')}`, budget: budget.maxTokens.toLocaleString('en-US') } });
      }
      if (budget.maxCostPerCall !== undefined && cost.perCall > budget.maxCostPerCall) {
        reports.push({ ...at, messageId: 'perCall', data: { name, cost: formatUsd(cost.perCall), budget: formatUsd(budget.maxCostPerCall) } });
      }
      if (budget.maxCostPerMonth !== undefined && cost.perMonth > budget.maxCostPerMonth) {
        reports.push({ ...at, messageId: 'perMonth', data: { name, cost: formatUsd(cost.perMonth), budget: formatUsd(budget.maxCostPerMonth) } });
      }
    }
    // The prompts of one call together, against the `role:call` budget (written prompts only, as above).
    for (const group of callGroups(prompts, file)) {
      const written = group.prompts.filter((p) => p.tokens.static > 0);
      const budget = budgetFor(config, { file: group.call.file, role: 'call' }).maxTokens;
      const total = written.reduce((sum, p) => sum + p.tokens.total, 0);
      if (group.local && written.length > 1 && budget !== undefined && total > budget) {
        reports.push({ span: group.call.calleeSpan, messageId: 'callTokens', data: { tokens: `≈${total.toLocaleString('en-US')}`, budget: budget.toLocaleString('en-US') } });
      }
    }
    return reports;
  },
});
