import type { ModelChoice, PricedPrompt } from '../analysis-types';
import type { Config } from '../config/schema';
import { cacheMinimum } from '../pricing/cache-minimums';
import { lookupModel } from '../pricing/catalogue';
import { callCost, monthlyCost, type TokenUsage } from '../pricing/cost';
import { cheaperTiers } from '../pricing/tiers';
import type { CallInfo, Injection, Segment } from '../prompts/types';
import { TOKENS_PER_MESSAGE, TOKENS_PER_ROLE } from '../tokens/chat-overhead';
import { isApproximate } from './cost-text';

/** Conversation lengths the hover prices a chat-history call at (COST-MODEL.md: price history over a conversation). */
export const HISTORY_TURNS = [10, 50] as const;
/** Messages per conversation turn: the user's message and the assistant's reply. */
const MESSAGES_PER_TURN = 2;

/** What the hover and its alternatives are computed from: one prompt, or the prompts of one call together. */
export interface CostBasis {
  model: ModelChoice;
  staticTokens: number;
  dynamicTokens: number;
  /** Chat framing tokens (roles, separators). */
  overheadTokens: number;
  totalTokens: number;
  /** True when any count is an estimate (tokenizer or dynamic parts). */
  approximate: boolean;
  /** True when the static count comes from an estimated tokenizer (Claude, Gemini, unknown models). */
  estimatedTokenizer: boolean;
  /** Expected output tokens included in `perCall` (0 when another prompt of the call carries the output). */
  outputTokens: number;
  callsPerDay: number;
  perCall: number;
  perMonth: number;
  /** Tokens of the chat history part of `dynamicTokens` (its estimate), 0 without history. */
  historyTokens: number;
  history: Injection | null;
  call: CallInfo | null;
}

/** One row of the hover's cost table. */
export interface CostRow {
  label: string;
  tokens: number;
  approximate: boolean;
  /** Undefined when the row has no price (unknown model, nothing cacheable). */
  perCall?: number;
  perMonth?: number;
}

/**
 * The combined basis of prompts priced for one call (or a single prompt). Prompts that are part of
 * another prompt in the list are skipped (their text is counted there).
 * @example basisOf([priced]).totalTokens // priced.tokens.total
 */
export function basisOf(prompts: readonly PricedPrompt[], config: Config): CostBasis {
  const ids = new Set(prompts.map((p) => p.site.id));
  const list = prompts.filter((p) => !(p.site.partOf && ids.has(p.site.partOf)));
  const first = list[0] ?? prompts[0];
  const basis: CostBasis = {
    model: first.model,
    staticTokens: 0,
    dynamicTokens: 0,
    overheadTokens: 0,
    totalTokens: 0,
    approximate: false,
    estimatedTokenizer: false,
    outputTokens: 0,
    callsPerDay: first.cost.callsPerDay,
    perCall: 0,
    perMonth: 0,
    historyTokens: 0,
    history: null,
    call: first.site.call,
  };
  for (const p of list) {
    basis.staticTokens += p.tokens.static;
    basis.dynamicTokens += p.tokens.dynamic;
    basis.overheadTokens += p.tokens.overhead;
    basis.totalTokens += p.tokens.total;
    basis.approximate ||= isApproximate(p);
    basis.estimatedTokenizer ||= p.tokens.approximate;
    basis.outputTokens += p.cost.outputTokens;
    basis.perCall += p.cost.perCall;
    basis.perMonth += p.cost.perMonth;
    basis.history ??= p.site.history;
    if (p.site.annotation.dynamicTokens === undefined) basis.historyTokens += historyEstimate(p.site.messages?.flatMap((m) => m.segments) ?? p.site.segments, config);
  }
  return basis;
}

function historyEstimate(segments: readonly Segment[], config: Config): number {
  let tokens = 0;
  for (const s of segments) if (s.kind === 'dynamic' && s.source === 'history') tokens += s.estimateTokens ?? config.dynamicTokens.history;
  return tokens;
}

/** Cost of a call with `usage` on `modelId`, or undefined when the model has no known price. */
function priced(modelId: string, usage: TokenUsage, basis: CostBasis, config: Config): { perCall: number; perMonth: number } | undefined {
  const prices = lookupModel(modelId, config.models);
  if (!prices) return undefined;
  const perCall = callCost(usage, prices).total;
  return { perCall, perMonth: monthlyCost(perCall, basis.callsPerDay) };
}

/**
 * The same input and output on the cheaper tiers of the model's family, nearest first.
 * Counts are kept (tiers of one family share a tokenizer).
 * @example tierRows(basisOf([gpt4oPrompt], config), config) // [{ label: 'gpt-4o-mini', tokens: 1240, perCall: 0.00049, … }]
 */
export function tierRows(basis: CostBasis, config: Config): CostRow[] {
  return cheaperTiers(basis.model.id).map((tier) => ({
    label: tier,
    tokens: basis.totalTokens,
    approximate: basis.approximate,
    ...priced(tier, { input: basis.totalTokens, output: basis.outputTokens }, basis, config),
  }));
}

/** Why a prompt is not cached, or the rows of its cached path. */
export interface CacheView {
  /** Minimum cacheable prefix of the model, when documented. */
  minimum?: number;
  /** Set when nothing would be cached; says why. */
  notCached?: string;
  /** True when the provider needs explicit markers (Anthropic `cache_control`) and the call has none. */
  needsMarker: boolean;
  rows: CostRow[];
}

/**
 * The prompt on the cached path: its static text as the cached prefix (static first is how caches match),
 * read from the cache on a hit, and written to it on a miss when the model bills cache writes.
 * @example cacheView(basisOf([longSystemPrompt], config), config).rows[0].label // 'cache hit (≈1,266 cached)'
 */
export function cacheView(basis: CostBasis, config: Config): CacheView {
  const minimum = cacheMinimum(basis.model.id);
  const prices = lookupModel(basis.model.id, config.models);
  const needsMarker = !!minimum?.explicit && !basis.call?.cacheControl;
  if (!prices) return { needsMarker, rows: [], notCached: 'unknown model price' };
  if (prices.cacheRead === undefined && minimum === undefined) return { needsMarker, rows: [], notCached: `${basis.model.id} has no cache price` };
  const cached = basis.staticTokens;
  if (minimum && cached < minimum.tokens) {
    return { minimum: minimum.tokens, needsMarker, rows: [], notCached: `static prefix below the ${minimum.tokens.toLocaleString('en-US')}-token minimum` };
  }
  const uncached = Math.max(0, basis.totalTokens - cached);
  const cachedLabel = `${basis.estimatedTokenizer ? '≈' : ''}${cached.toLocaleString('en-US')}`;
  const rows: CostRow[] = [
    { label: `cache hit (${cachedLabel} cached)`, tokens: basis.totalTokens, approximate: basis.approximate, ...priced(basis.model.id, { input: uncached, cacheRead: cached, output: basis.outputTokens }, basis, config) },
  ];
  if (prices.cacheWrite !== undefined) {
    rows.push({ label: 'cache write (miss)', tokens: basis.totalTokens, approximate: basis.approximate, ...priced(basis.model.id, { input: uncached, cacheWrite: cached, output: basis.outputTokens }, basis, config) });
  }
  return { minimum: minimum?.tokens, needsMarker, rows };
}

/**
 * The call once the conversation has run 10 and 50 turns: the history holds every earlier turn (a user
 * message and a reply, at the configured `dynamicTokens.user` / `.assistant` sizes plus framing), capped
 * by a visible bound (`.slice(-20)` keeps 10 turns). Empty when no chat history is injected.
 * @example historyRows(basisOf([chatWithHistory], config), config).map((r) => r.label) // ['at turn 10', 'at turn 50']
 */
export function historyRows(basis: CostBasis, config: Config): CostRow[] {
  if (!basis.history) return [];
  const base = basis.totalTokens - basis.historyTokens;
  const perTurn = config.dynamicTokens.user + config.dynamicTokens.assistant + MESSAGES_PER_TURN * (TOKENS_PER_MESSAGE + TOKENS_PER_ROLE);
  const { bounded, bound } = basis.history;
  const boundTurns = bounded && bound !== undefined ? Math.floor(bound / MESSAGES_PER_TURN) : undefined;
  return HISTORY_TURNS.map((turn) => {
    const earlier = Math.min(turn - 1, boundTurns ?? Infinity);
    // A bound of unknown size (a token trimmer, a summary): keep the configured history estimate.
    const tokens = bounded && bound === undefined ? basis.totalTokens : base + earlier * perTurn;
    return { label: `at turn ${turn}`, tokens, approximate: true, ...priced(basis.model.id, { input: tokens, output: basis.outputTokens }, basis, config) };
  });
}
