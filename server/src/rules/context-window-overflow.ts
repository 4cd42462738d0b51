import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import { basename } from 'node:path';
import { contextWindow } from '../pricing/context-window';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { callGroups, callReportSpan, formatTokens, groupOutput, groupTokens } from './utils/call-groups';

/**
 * `context-window-overflow`: the prompts of a call (static tokens plus estimated dynamic tokens) plus its
 * output cap exceed the model's context window, so the request fails (or the provider truncates it).
 * Prompts defined here and sent by a call in another file are checked on their own (a lower bound).
 */
export default defineRule({
  meta: {
    id: 'context-window-overflow',
    description: "A call's prompts plus its output must fit in the model's context window.",
    defaultSeverity: 'error',
    docsUrl: ruleDocsUrl('context-window-overflow'),
    messages: {
      call: 'This call sends {input} tokens ({static} static + {dynamic} estimated dynamic) and allows {output} output tokens: {total} in all, beyond the {window}-token context window of {model}{limit}. The request will fail or be truncated.',
      remote: 'The prompt text defined here, sent by {call}, is {input} tokens ({static} static + {dynamic} estimated dynamic) before that call adds anything, beyond the {window}-token context window of {model}{limit}. The request will fail or be truncated.',
    },
    options: z
      .object({
        /** Report when the tokens pass this share of the window (1 = the window itself; 0.9 warns 10% early). */
        maxWindowShare: z.number().positive().max(1).default(1),
      })
      .strict(),
    fixable: false,
  },
  check({ prompts, file, config, options }) {
    const reports: RuleReport[] = [];
    const limitOf = (model: string) => {
      const window = contextWindow(model, config.models);
      return window === undefined ? undefined : { window, limit: window * options.maxWindowShare };
    };
    const share = options.maxWindowShare < 1 ? ` (limit set at ${Math.round(options.maxWindowShare * 100)}%)` : '';
    for (const group of callGroups(prompts, file)) {
      const window = limitOf(group.model.id);
      if (!window) continue;
      const tokens = groupTokens(group);
      if (group.local) {
        const output = groupOutput(group, config);
        if (tokens.total + output <= window.limit) continue;
        reports.push({
          span: callReportSpan(group),
          messageId: 'call',
          data: {
            ...sizes(tokens),
            output: formatTokens(output),
            total: formatTokens(tokens.total + output, tokens.approximate || tokens.dynamic > 0),
            window: formatTokens(window.window),
            model: modelLabel(group.model),
            limit: share,
          },
        });
      } else {
        // The call is in another file, where its other prompts are seen: these alone may already be too many.
        if (tokens.total <= window.limit) continue;
        const first = group.prompts[0];
        reports.push({
          span: first.site.span,
          promptId: first.site.id,
          messageId: 'remote',
          data: {
            ...sizes(tokens),
            window: formatTokens(window.window),
            model: modelLabel(group.model),
            limit: share,
            call: `\`${group.call.api}\` in ${basename(group.call.file)}`,
          },
        });
      }
    }
    return reports;
  },
});

/** The input side of a message: all tokens, static, estimated dynamic (`≈` where estimated). */
function sizes(tokens: ReturnType<typeof groupTokens>): { input: string; static: string; dynamic: string } {
  return {
    input: formatTokens(tokens.total, tokens.approximate || tokens.dynamic > 0),
    static: formatTokens(tokens.static, tokens.approximate),
    dynamic: formatTokens(tokens.dynamic, tokens.dynamic > 0),
  };
}

function modelLabel(model: PricedPrompt['model']): string {
  return model.source === 'default' ? `${model.id} (the default model: the call shows none)` : model.id;
}
