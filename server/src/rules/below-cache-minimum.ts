import { z } from 'zod';
import type { Span } from '../prompts/types';
import { cacheMinimum } from '../pricing/cache-minimums';
import { ruleDocsUrl } from './utils/docs-url';
import { defineRule, type RuleReport } from './types';
import { callGroups, formatTokens, groupTokens, isSystemArgument, promptArg, type CallGroup } from './utils/call-groups';
import { readObjectLayout } from './utils/object-text';

/** A breakpoint as a property key: Anthropic SDK `cache_control`, AI SDK / LangChain `cacheControl` (not a mention in a comment). */
const MARKER = /(?<![\w$])['"]?(cache_control|cacheControl)['"]?\s*:/g;
/** Where the minimums come from (cacheMinimum's table cites COST-MODEL.md and Anthropic's documentation). */
const SOURCE = "Anthropic's prompt caching documentation, minimum cacheable prompt length";
/** Providers whose calls are read here (LangChain models may have tools bound elsewhere, which join the prefix). */
const PROVIDERS = new Set(['anthropic', 'ai-sdk']);
/** Options that put content before the system prompt in the cached prefix (tools come first, COST-MODEL.md). */
const BEFORE_SYSTEM = ['tools', 'toolChoice', 'tool_choice', 'mcp_servers'];

/**
 * `below-cache-minimum`: a `cache_control` breakpoint on a prefix shorter than the model's minimum
 * cacheable length. Anthropic then caches nothing and raises no error: the marker only looks like a saving.
 */
export default defineRule({
  meta: {
    id: 'below-cache-minimum',
    description: 'cache_control breakpoints must mark at least the model’s minimum cacheable prefix.',
    defaultSeverity: 'warning',
    docsUrl: ruleDocsUrl('below-cache-minimum'),
    messages: {
      below:
        'cache_control marks a prefix of at most {tokens} tokens{parts}, below the {minimum}-token minimum {model} caches ({source}). Nothing is cached and no error is raised: every call pays the full input price. Put the breakpoint after at least {minimum} tokens of stable content, or remove it.',
    },
    options: z.object({}).strict(),
    fixable: false,
  },
  check({ prompts, file, text }) {
    const reports: RuleReport[] = [];
    for (const group of callGroups(prompts, file)) {
      const { call, model } = group;
      const minimum = cacheMinimum(model.id);
      if (!group.local || !call.cacheControl || !minimum?.explicit || !PROVIDERS.has(call.provider) || !call.optionsSpan) continue;
      const layout = readObjectLayout(text, call.optionsSpan);
      if (!layout || layout.hasSpread || layout.keys.some((key) => BEFORE_SYSTEM.includes(key))) continue;
      const markers = markersIn(text, call.span);
      const prefix = markedPrefix(group, markers);
      if (!prefix || prefix.tokens >= minimum.tokens) continue;
      reports.push({
        span: markers[0],
        messageId: 'below',
        data: {
          tokens: formatTokens(prefix.tokens, prefix.approximate),
          parts: prefix.parts,
          minimum: formatTokens(minimum.tokens),
          model: model.id,
          source: SOURCE,
        },
      });
    }
    return reports;
  },
});

function markersIn(text: string, span: Span): Span[] {
  const found: Span[] = [];
  for (const match of text.slice(span.start, span.end).matchAll(MARKER)) {
    const start = span.start + match.index + match[0].indexOf(match[1]);
    found.push({ start, end: start + match[1].length });
  }
  return found;
}

const inside = (marker: Span, span: Span) => span.start <= marker.start && marker.end <= span.end;

/**
 * An upper bound on the prefix the breakpoints mark: the system prompt when every marker is inside
 * `system`, else all the call's prompts (dynamic parts at their estimates). Undefined when a marker is
 * outside the prompts or a prompt of the prefix is defined in another file (its size is not known here).
 */
function markedPrefix(group: CallGroup, markers: Span[]): { tokens: number; approximate: boolean; parts: string } | undefined {
  const args = group.call.promptArgs ?? [];
  if (markers.length === 0 || !markers.every((m) => args.some((arg) => inside(m, arg.value)))) return undefined;
  const systemArg = promptArg(group.call, 'system');
  const system = group.prompts.filter(isSystemArgument);
  if (systemArg && system.length === 0) return undefined;
  if (systemArg && markers.every((m) => inside(m, systemArg.value))) {
    const tokens = groupTokens({ ...group, prompts: system });
    return { tokens: tokens.total, approximate: tokens.approximate || tokens.dynamic > 0, parts: ' (the system prompt)' };
  }
  // A marker in the messages: the prefix runs through them; every prompt argument must be seen here.
  if (group.prompts.length - system.length < args.filter((arg) => arg !== systemArg).length) return undefined;
  const tokens = groupTokens(group);
  return { tokens: tokens.total, approximate: tokens.approximate || tokens.dynamic > 0, parts: ' (the whole request)' };
}
