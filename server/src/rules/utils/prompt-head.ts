import type { PricedPrompt } from '../../analysis-types';
import type { Config } from '../../config/schema';
import { cacheMinimum } from '../../pricing/cache-minimums';
import { lookupModel } from '../../pricing/catalogue';
import { callCost, monthlyCost } from '../../pricing/cost';
import type { DynamicSegment, Segment, Span } from '../../prompts/types';
import { systemApart } from './injection-reports';

/**
 * The head of a request: the text a provider's prefix cache sees first (COST-MODEL.md, "Prompt
 * caching"): a system prompt, or the first message when the call sends no system prompt apart.
 */
export interface PromptHead {
  prompt: PricedPrompt;
  segments: Segment[];
  /** Tokens per character of static text in this prompt (its priced static tokens spread over its static text). */
  tokensPerChar: number;
  /** Tokens of chat history sent right after the head (cacheable within a conversation when the head is stable). */
  historyAfter: number;
}

/** Minimum cacheable prefix when the model's is not documented (OpenAI's automatic caching threshold, COST-MODEL.md). */
export const FALLBACK_CACHE_MINIMUM = 1024;

function staticChars(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + (s.kind === 'static' ? s.text.length : 0), 0);
}

/** The heads among a file's prompts, top-level prompts first (so a constant inside a messages array comes second). */
export function promptHeads(prompts: readonly PricedPrompt[], config: Config): PromptHead[] {
  const heads: PromptHead[] = [];
  const ordered = [...prompts].sort((a, b) => Number(!!a.site.partOf) - Number(!!b.site.partOf));
  for (const prompt of ordered) {
    const { site } = prompt;
    if (site.kind === 'join' || site.kind === 'tool-description' || site.kind === 'argument') continue;
    let segments: Segment[] | undefined;
    let historyAfter = 0;
    if (site.messages) {
      if (systemApart(site) || site.messages.length === 0) continue;
      segments = site.messages[0].segments;
      for (const m of site.messages.slice(1)) {
        for (const s of m.segments) if (s.kind === 'dynamic' && s.source === 'history') historyAfter += s.estimateTokens ?? config.dynamicTokens.history;
      }
    } else if (site.role === 'system' || (!site.partOf && !(site.call && systemApart(site)))) {
      segments = site.segments;
    }
    if (!segments || !segments.some((s) => s.kind === 'static')) continue;
    const chars = staticChars(site.messages ? site.messages.flatMap((m) => m.segments) : site.segments);
    heads.push({ prompt, segments, tokensPerChar: chars > 0 ? prompt.tokens.static / chars : 0, historyAfter });
  }
  return heads;
}

/** Static tokens of a head after segment `index` (estimated from the priced static count). */
export function staticTokensAfter(head: PromptHead, index: number): number {
  return Math.round(staticChars(head.segments.slice(index + 1)) * head.tokensPerChar);
}

/** The cache facts of a prompt's model: the minimum cacheable prefix and the monthly saving per cached token, or undefined without caching. */
export function cacheTerms(prompt: PricedPrompt, config: Config, minimum?: number): { minimum: number; perTokenMonth: number } | undefined {
  const prices = prompt.model.known ? lookupModel(prompt.model.id, config.models) : undefined;
  if (!prices || prices.cacheRead === undefined || prices.cacheRead >= prices.input) return undefined;
  // A small probe keeps long-context price tiers out of the per-token saving.
  const probe = 1000;
  const saving = callCost({ input: probe, output: 0 }, prices).total - callCost({ input: 0, cacheRead: probe, output: 0 }, prices).total;
  return { minimum: minimum ?? cacheMinimum(prompt.model.id)?.tokens ?? FALLBACK_CACHE_MINIMUM, perTokenMonth: monthlyCost(saving / probe, prompt.cost.callsPerDay) };
}

/** Interpolations whose value is the same on every request (constants, environment, settings). */
const STABLE = /^([A-Z][A-Z0-9_]*|process\.env\.\w+|import\.meta\.env\.\w+|(config|settings|env|CONFIG|SETTINGS)(\.\w+)+)(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Whether a dynamic segment can differ between requests: user input, retrieved text, history, runtime
 * values; not constants, environment variables, settings, or names matched by `stable` (regex sources).
 */
export function varies(segment: DynamicSegment, stable: readonly RegExp[]): boolean {
  const expression = segment.expression.replace(/^\{|\}$/g, '').trim();
  if (STABLE.test(expression)) return false;
  return !stable.some((re) => re.test(expression));
}

/**
 * The varying dynamic segments of a head that have static text after them (what a reorder moves to the
 * end), with their spans when all are in the analysed file (else no fix can move them).
 */
export function movingParts(head: PromptHead, stable: readonly RegExp[]): { indexes: number[]; spans: Span[] | undefined } {
  const indexes: number[] = [];
  head.segments.forEach((s, i) => {
    if (s.kind === 'dynamic' && varies(s, stable) && head.segments.slice(i + 1).some((t) => t.kind === 'static' && t.text.trim())) indexes.push(i);
  });
  const spans = indexes.map((i) => head.segments[i].span);
  return { indexes, spans: spans.every((s): s is Span => !!s) ? spans : undefined };
}
