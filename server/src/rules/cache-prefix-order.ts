import { z } from 'zod';
import { formatUsd } from '../pricing/cost';
import type { DynamicSegment } from '../prompts/types';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { moveToEnd } from './utils/move-to-end';
import { cacheTerms, movingParts, promptHeads, staticTokensAfter } from './utils/prompt-head';
import { breakerOf } from './utils/volatile-values';

/** Template variables that are the same on every request in LangChain agents (the tool list, format instructions). */
const DEFAULT_STABLE = ['^(format_instructions|tools|tool_names|schema)$'];

const SOURCE_LABELS: Record<DynamicSegment['source'], string> = {
  interpolation: 'a value known only at run time',
  argument: 'a function argument',
  history: 'chat history',
  retrieval: 'retrieved text',
};

/**
 * `cache-prefix-order`: dynamic content (user input, retrieved text, history, runtime values) before a
 * long static part of a system prompt or first message. Prefix caches match byte-exact prefixes, so
 * static text after a varying value is never shared between requests (COST-MODEL.md, "Prompt caching").
 * Cache breakers proper (dates, ids) are `volatile-cache-prefix`'s.
 */
export default defineRule({
  meta: {
    id: 'cache-prefix-order',
    description: 'Static prompt text should come before dynamic content so the provider can cache it.',
    defaultSeverity: 'info',
    docsUrl: ruleDocsUrl('cache-prefix-order'),
    messages: {
      dynamicFirst:
        '`{expression}` ({what}) comes before ≈{tokens} tokens of static text in the {where}, so requests cannot share that prefix in the prompt cache. With the dynamic part at the end those tokens could be read from cache: ≈{saving}/month on {model}.',
    },
    options: z
      .object({
        /** Static tokens after the dynamic part needed to report (default: the model's minimum cacheable prefix, else 1024). */
        minCacheableTokens: z.number().int().positive().optional(),
        /** Regular expressions (sources) of interpolations that are the same on every request. */
        stable: z.array(z.string()).default(DEFAULT_STABLE),
      })
      .strict(),
    fixable: true,
  },
  check({ file, text, prompts, options, config }) {
    const reports: RuleReport[] = [];
    const stable = options.stable.map((s) => new RegExp(s));
    const seen = new Set<number>();
    for (const head of promptHeads(prompts, config)) {
      const terms = cacheTerms(head.prompt, config, options.minCacheableTokens);
      if (!terms) continue;
      const moving = movingParts(head, stable);
      // The first varying value that is not a cache breaker proper, with enough static text after it.
      const at = moving.indexes.find((i) => !breakerOf((head.segments[i] as DynamicSegment).expression));
      if (at === undefined) continue;
      const segment = head.segments[at] as DynamicSegment;
      const tokens = staticTokensAfter(head, at);
      if (tokens < terms.minimum || !segment.span || seen.has(segment.span.start)) continue;
      seen.add(segment.span.start);
      const edit = moving.spans ? moveToEnd(text, head.segments, moving.spans) : undefined;
      const expression = segment.expression.replace(/\s+/g, ' ');
      reports.push({
        span: segment.span,
        promptId: head.prompt.site.id,
        messageId: 'dynamicFirst',
        data: {
          expression: expression.length > 40 ? `${expression.slice(0, 39)}…` : expression,
          what: SOURCE_LABELS[segment.source],
          tokens: tokens.toLocaleString('en-US'),
          where: head.prompt.site.role === 'system' || head.prompt.site.messages?.[0]?.role === 'system' ? 'system prompt' : 'first message',
          saving: formatUsd(tokens * terms.perTokenMonth),
          model: head.prompt.model.id,
        },
        fix: edit ? { title: 'Move the dynamic part to the end of the prompt', edits: [{ file, ...edit }], safe: false } : undefined,
      });
    }
    return reports;
  },
});
