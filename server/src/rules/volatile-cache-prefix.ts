import { z } from 'zod';
import { formatUsd } from '../pricing/cost';
import type { DynamicSegment } from '../prompts/types';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { moveToEnd } from './utils/move-to-end';
import { cacheTerms, movingParts, promptHeads, staticTokensAfter } from './utils/prompt-head';
import { breakerOf, type Volatility } from './utils/volatile-values';

const MESSAGE_IDS: Record<Volatility, string> = { 'per-call': 'perCall', daily: 'daily', 'per-user': 'perUser', serialised: 'serialised' };

/**
 * `volatile-cache-prefix`: cache breakers in the static head of a prompt: the current time, random ids,
 * request, user or session ids, JSON of objects (COST-MODEL.md, "Silent cache breakers in a prefix").
 * A value that changes on every request before the static text (and the chat history after it) makes
 * every request a cache miss.
 */
export default defineRule({
  meta: {
    id: 'volatile-cache-prefix',
    description: 'Volatile values (time, random or request ids, user ids, serialised objects) must not sit in the cached head of a prompt.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('volatile-cache-prefix'),
    messages: {
      perCall:
        '`{expression}` ({label}) changes on every request and sits before {cached}, so every request is a cache miss: ≈{saving}/month on {model}. Move it to the end of the prompt.',
      daily: '`{expression}` ({label}) sits before ≈{tokens} tokens of static prompt: the prefix changes every day, so the cache starts cold daily and is never shared across days. Move it to the end of the prompt.',
      perUser:
        '`{expression}` ({label}) sits before ≈{tokens} tokens of static prompt, so the cached prefix is not shared between users or sessions (worth up to ≈{saving}/month on {model}). Move it to the end of the prompt.',
      serialised:
        '`{expression}` ({label}) sits before ≈{tokens} tokens of static prompt; serialised objects change with their data and key order, so the prefix rarely repeats (up to ≈{saving}/month on {model}). Move it to the end of the prompt.',
    },
    options: z
      .object({
        /** Tokens that must follow the value to report (default: the model's minimum cacheable prefix, else 1024). */
        minCacheableTokens: z.number().int().positive().optional(),
        /** Report today's date too (it changes once a day). */
        reportDaily: z.boolean().default(true),
        /** Report user, session and conversation ids (per-user prefixes). */
        reportIds: z.boolean().default(true),
      })
      .strict(),
    fixable: true,
  },
  check({ file, text, prompts, options, config }) {
    const reports: RuleReport[] = [];
    const seen = new Set<number>();
    for (const head of promptHeads(prompts, config)) {
      const terms = cacheTerms(head.prompt, config, options.minCacheableTokens);
      if (!terms) continue;
      let fixed = false;
      head.segments.forEach((s, i) => {
        if (s.kind !== 'dynamic' || !s.span || seen.has(s.span.start)) return;
        const breaker = breakerOf(s.expression);
        if (!breaker || (breaker.volatility === 'daily' && !options.reportDaily) || (breaker.volatility === 'per-user' && !options.reportIds)) return;
        const statics = staticTokensAfter(head, i);
        // A per-call value also keeps the chat history after the head out of the cache.
        const history = breaker.volatility === 'per-call' ? head.historyAfter : 0;
        const tokens = statics + history;
        if (statics === 0 || tokens < terms.minimum) return;
        seen.add(s.span.start);
        const moving = fixed ? undefined : movingParts(head, []);
        const edit = moving?.spans ? moveToEnd(text, head.segments, moving.spans) : undefined;
        fixed ||= !!edit;
        const expression = (s as DynamicSegment).expression.replace(/\s+/g, ' ');
        reports.push({
          span: s.span,
          promptId: head.prompt.site.id,
          messageId: MESSAGE_IDS[breaker.volatility],
          data: {
            expression: expression.length > 40 ? `${expression.slice(0, 39)}…` : expression,
            label: breaker.label,
            tokens: statics.toLocaleString('en-US'),
            cached: `≈${statics.toLocaleString('en-US')} tokens of static prompt${history > 0 ? ` and ≈${history.toLocaleString('en-US')} tokens of chat history` : ''}`,
            saving: formatUsd(tokens * terms.perTokenMonth),
            model: head.prompt.model.id,
          },
          fix: edit ? { title: `Move \`${expression.length > 30 ? 'the dynamic part' : expression}\` to the end of the prompt`, edits: [{ file, ...edit }], safe: false } : undefined,
        });
      });
    }
    return reports;
  },
});
