import { z } from 'zod';
import type { PricedPrompt } from '../analysis-types';
import { cacheMinimum } from '../pricing/cache-minimums';
import { lookupModel } from '../pricing/catalogue';
import { formatUsd } from '../pricing/cost';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type Fix, type RuleReport } from './types';
import { callGroups, formatTokens, isSystemArgument, promptArg, type CallGroup } from './utils/call-groups';
import { cacheRates, cacheSavingPerMonth, MAX_CACHE_WRITES_PER_DAY, staticHead } from './utils/prompt-cache';

/** Calls whose `system` parameter accepts text blocks with `cache_control` (Anthropic SDK). */
const ANTHROPIC_SDK_CALL = /^anthropic\.messages\.(create|stream)$/;
/** Providers whose calls reach Claude's explicit cache (the Anthropic SDK, the AI SDK, LangChain). */
const CACHING_PROVIDERS = new Set(['anthropic', 'ai-sdk', 'langchain']);
/** Prompt kinds whose value is a string expression (one that can be the `text` of a block). */
const STRING_KINDS = new Set(['literal', 'template', 'concat', 'join']);

/** How to mark the prefix, by provider. */
const HOW: Record<string, string> = {
  anthropic: "Send it as a text block with cache_control: { type: 'ephemeral' }.",
  'ai-sdk': "Send it as a system message with providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } }.",
  langchain: "Give it a content block with cache_control: { type: 'ephemeral' }.",
};

/**
 * `missing-cache-breakpoint`: an Anthropic (Claude) call whose static prefix (the system prompt, or the
 * static head of the messages) is at least the model's minimum cacheable length, with no `cache_control`:
 * Claude caches only what a request marks, so every call pays full price for the same tokens.
 */
export default defineRule({
  meta: {
    id: 'missing-cache-breakpoint',
    description: 'Long static prefixes sent to Claude should carry a cache_control breakpoint.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('missing-cache-breakpoint'),
    messages: {
      missing:
        '{what} ({tokens} static tokens) is sent to {model} without cache_control, so every call pays the full input price for it ({input} per million tokens; cache reads {read}). Caching it saves about {saving}/month at {calls} calls/day ({model} caches prefixes of {minimum}+ tokens; up to {writes} cache writes a day counted). {how}',
    },
    options: z
      .object({
        /** Report only when caching would save at least this much per month (USD). */
        minSavingPerMonth: z.number().nonnegative().default(1),
      })
      .strict(),
    fixable: true,
  },
  check({ prompts, file, text, config, options }) {
    const reports: RuleReport[] = [];
    for (const group of callGroups(prompts, file)) {
      const { call, model } = group;
      const minimum = cacheMinimum(model.id);
      if (!minimum?.explicit || call.cacheControl || !CACHING_PROVIDERS.has(call.provider)) continue;
      const system = group.prompts.filter(isSystemArgument);
      // The system prompt is defined in another file: it is checked there, with this call.
      if (group.local && promptArg(call, 'system') && system.length === 0) continue;
      const head = staticHead(system.length > 0 ? system : group.prompts);
      if (head.tokens < minimum.tokens) continue;
      const prices = lookupModel(model.id, config.models);
      if (!prices) continue;
      const saving = cacheSavingPerMonth(head.tokens, prices, group.callsPerDay);
      if (saving < options.minSavingPerMonth) continue;
      const rates = cacheRates(prices);
      reports.push({
        span: reportSpan(group, system),
        promptId: system[0]?.site.id,
        messageId: 'missing',
        data: {
          what: system.length > 0 ? (system[0].site.name ? `The system prompt \`${system[0].site.name}\`` : 'The system prompt') : "The static head of this call's messages",
          tokens: formatTokens(head.tokens, head.approximate),
          model: model.id,
          minimum: formatTokens(minimum.tokens),
          read: formatUsd(rates.read),
          input: formatUsd(rates.input),
          saving: formatUsd(saving),
          calls: group.callsPerDay.toLocaleString('en-US'),
          writes: Math.min(group.callsPerDay, MAX_CACHE_WRITES_PER_DAY),
          how: HOW[call.provider],
        },
        fix: system.length === 1 && head.wholeStatic && ANTHROPIC_SDK_CALL.test(call.api) ? blockFix(group, system[0], text) : undefined,
      });
    }
    return reports;
  },
});

/** At the call's `system` property when the call is in this file, else at the system prompt's definition. */
function reportSpan(group: CallGroup, system: PricedPrompt[]) {
  const arg = promptArg(group.call, 'system');
  if (group.local) return arg?.property ?? group.call.calleeSpan;
  return system[0]?.site.span ?? group.prompts[0].site.span;
}

/**
 * `system: X` → `system: [{ type: 'text', text: X, cache_control: { type: 'ephemeral' } }]` at the call.
 * In another file the value's text is not at hand: the fix then only applies when the value is the
 * prompt's own name (its length matches and the prompt is a string constant), as two insertions around it.
 */
function blockFix(group: CallGroup, system: PricedPrompt, text: string): Fix | undefined {
  const arg = promptArg(group.call, 'system');
  if (!arg) return undefined;
  const file = group.call.file;
  const open = "[{ type: 'text', text: ";
  const close = ", cache_control: { type: 'ephemeral' } }]";
  const title = 'Send the system prompt as a text block with cache_control';
  const shorthand = arg.property.start === arg.value.start && arg.property.end === arg.value.end;
  if (group.local) {
    const value = text.slice(arg.value.start, arg.value.end);
    if (/^[[{(]/.test(value)) return undefined;
    const newText = shorthand ? `system: ${open}${value}${close}` : `${open}${value}${close}`;
    return { title, safe: false, edits: [{ file, start: arg.value.start, end: arg.value.end, newText }] };
  }
  const { name, kind } = system.site;
  if (shorthand || !name || !STRING_KINDS.has(kind) || arg.value.end - arg.value.start !== name.length) return undefined;
  return {
    title,
    safe: false,
    edits: [
      { file, start: arg.value.start, end: arg.value.start, newText: open },
      { file, start: arg.value.end, end: arg.value.end, newText: close },
    ],
  };
}
