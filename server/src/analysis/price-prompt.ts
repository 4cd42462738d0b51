import type { PricedPrompt, PromptTokens, PromptCost, ModelChoice } from '../analysis-types';
import type { Config } from '../config/schema';
import { lookupModel } from '../pricing/catalogue';
import { callCost, monthlyCost } from '../pricing/cost';
import type { PromptRole, PromptSite, Segment } from '../prompts/types';
import { chatOverhead } from '../tokens/chat-overhead';
import { modelFamily } from '../tokens/encodings';
import type { TokenCounter } from '../tokens/token-counter';

/**
 * Models used when a call shows none and the configured default belongs to another provider
 * (pricing an Anthropic call at an OpenAI price would mislead). Mid-tier models of each family.
 */
export const PROVIDER_DEFAULT_MODELS: Record<string, string> = {
  anthropic: 'claude-sonnet-4-5',
  google: 'gemini-2.5-flash',
};

/** Picks the model a prompt is priced with: an annotation, the call's model, or the default. */
export function chooseModel(site: PromptSite, config: Config): ModelChoice {
  let id: string;
  let source: ModelChoice['source'];
  if (site.annotation.model) [id, source] = [site.annotation.model, 'annotation'];
  else if (site.call?.model) [id, source] = [site.call.model, 'call'];
  else {
    source = 'default';
    id = config.defaultModel;
    const provider = site.call?.provider ?? site.provider;
    const fallback = PROVIDER_DEFAULT_MODELS[provider];
    if (fallback && modelFamily(id) !== provider) id = fallback;
  }
  return { id, source, known: lookupModel(id, config.models) !== undefined };
}

function staticText(segments: readonly Segment[]): string {
  let text = '';
  for (const s of segments) if (s.kind === 'static') text += s.text;
  return text;
}

/** Tokens assumed for one dynamic segment: its own estimate, else the configured default for its kind or role. */
export function dynamicEstimate(segment: Segment, role: PromptRole, config: Config): number {
  if (segment.kind !== 'dynamic') return 0;
  if (segment.estimateTokens !== undefined) return segment.estimateTokens;
  if (segment.source === 'history') return config.dynamicTokens.history;
  if (segment.source === 'retrieval') return config.dynamicTokens.retrieval;
  return config.dynamicTokens[role];
}

/** Counts a prompt's tokens for a model: static text exactly, dynamic parts estimated, chat framing added. */
export function countPrompt(site: PromptSite, model: string, counter: TokenCounter, config: Config): PromptTokens {
  let staticTokens = 0;
  let dynamic = 0;
  let approximate = false;
  const parts = site.messages ?? [{ role: site.role, segments: site.segments }];
  for (const part of parts) {
    const counted = counter.count(staticText(part.segments), model);
    staticTokens += counted.tokens;
    approximate ||= counted.approximate;
    for (const seg of part.segments) dynamic += dynamicEstimate(seg, part.role, config);
  }
  if (site.annotation.dynamicTokens !== undefined) dynamic = site.annotation.dynamicTokens;
  const overhead = site.messages ? chatOverhead(site.messages.length) : 0;
  return { static: staticTokens, dynamic, overhead, total: staticTokens + dynamic + overhead, approximate };
}

/** Expected output tokens of a call: an annotation, the call's cap, or the configured default. */
export function expectedOutput(site: PromptSite, config: Config): number {
  return site.annotation.outputTokens ?? site.call?.maxOutputTokens ?? config.outputTokens;
}

/**
 * Prices a prompt. `withOutput` says whether this prompt carries its call's expected output
 * (one prompt per call does, so a call with a system and a user prompt is not paid twice).
 */
export function pricePrompt(site: PromptSite, counter: TokenCounter, config: Config, withOutput: boolean): PricedPrompt {
  const model = chooseModel(site, config);
  const tokens = countPrompt(site, model.id, counter, config);
  const prices = lookupModel(model.id, config.models);
  const outputTokens = withOutput ? expectedOutput(site, config) : 0;
  const callsPerDay = site.annotation.callsPerDay ?? config.callsPerDay;
  let cost: PromptCost = { perCall: 0, perMonth: 0, input: 0, output: 0, outputTokens, callsPerDay, currency: 'USD' };
  if (prices) {
    const parts = callCost({ input: tokens.total, output: outputTokens }, prices);
    cost = { ...cost, perCall: parts.total, input: parts.input, output: parts.output, perMonth: monthlyCost(parts.total, callsPerDay) };
  }
  return { site, model, tokens, cost };
}

/** Prices all sites of a file; the first top-level prompt of each call carries the call's output. */
export function priceSites(sites: readonly PromptSite[], counter: TokenCounter, config: Config, outputTaken: Set<string>): PricedPrompt[] {
  return sites.map((site) => {
    const key = site.call ? `${site.call.file}#${site.call.span.start}` : site.id;
    const withOutput = !site.partOf && !outputTaken.has(key);
    if (withOutput) outputTaken.add(key);
    return pricePrompt(site, counter, config, withOutput);
  });
}
