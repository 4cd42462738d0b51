import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encoding_for_model, get_encoding, type Tiktoken } from 'tiktoken';
import { chooseModel, countPrompt, pricePrompt, priceSites } from '../../../server/src/analysis/price-prompt';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig, type Config, type ConfigInput } from '../../../server/src/config/schema';
import type { CallInfo, PromptMessage, PromptSite, Segment } from '../../../server/src/prompts/types';
import { TokenCounter } from '../../../server/src/tokens/token-counter';
import { assertClose, referencePrice } from '../../helpers/reference';

// Reference tokenizers, independent of the counter under test.
const o200k = get_encoding('o200k_base');
const gpt4Encoding = encoding_for_model('gpt-4'); // tiktoken's own model → encoding map (cl100k_base)
const counter = new TokenCounter({ anthropic: 1.2, google: 1.1 });
after(() => {
  counter.dispose();
  o200k.free();
  gpt4Encoding.free();
});

const tokens = (text: string, encoding: Tiktoken = o200k) => encoding.encode_ordinary(text).length;



function config(input: ConfigInput = {}): Config {
  return mergeConfig(defaultConfig(), input);
}

const FILE = '/virtual/price/a.ts';
let nextStart = 0;

function call(over: Partial<CallInfo> = {}): CallInfo {
  const start = (nextStart += 1000);
  return {
    file: FILE,
    span: { start, end: start + 100 },
    calleeSpan: { start, end: start + 10 },
    provider: 'openai',
    api: 'openai.chat.completions.create',
    ...over,
  };
}

function text(value: string): Segment {
  return { kind: 'static', text: value };
}

function dynamic(expression: string, source: 'interpolation' | 'history' | 'retrieval' | 'argument' = 'interpolation', estimateTokens?: number): Segment {
  return estimateTokens === undefined ? { kind: 'dynamic', expression, source } : { kind: 'dynamic', expression, source, estimateTokens };
}

function site(over: Partial<PromptSite> = {}): PromptSite {
  const start = (nextStart += 1000);
  return {
    id: `${FILE}#${start}`,
    file: FILE,
    span: { start, end: start + 50 },
    kind: 'literal',
    role: 'system',
    segments: [text('You are a helpful assistant. Answer in one sentence.')],
    call: null,
    provider: 'unknown',
    history: null,
    retrieval: null,
    annotation: {},
    ...over,
  };
}

function message(role: PromptMessage['role'], ...segments: Segment[]): PromptMessage {
  return { role, segments, span: { start: 0, end: 0 } };
}

function messagesSite(messages: PromptMessage[], over: Partial<PromptSite> = {}): PromptSite {
  return site({ kind: 'messages', role: 'user', messages, segments: messages.flatMap((m) => m.segments), ...over });
}

const SYSTEM_TEXT = 'You are a meticulous contract reviewer. List every clause that shifts liability to the customer, with a one-line reason.';

describe('chooseModel', () => {
  it('prefers an annotation over the call model over the default', () => {
    const cfg = config({ defaultModel: 'gpt-4.1-mini' });
    assert.deepEqual(chooseModel(site({ annotation: { model: 'gpt-4.1' }, call: call({ model: 'gpt-4o' }) }), cfg), { id: 'gpt-4.1', source: 'annotation', known: true });
    assert.deepEqual(chooseModel(site({ call: call({ model: 'gpt-4o' }) }), cfg), { id: 'gpt-4o', source: 'call', known: true });
    assert.deepEqual(chooseModel(site({ call: call() }), cfg), { id: 'gpt-4.1-mini', source: 'default', known: true });
    assert.deepEqual(chooseModel(site(), cfg), { id: 'gpt-4.1-mini', source: 'default', known: true });
  });

  it('uses gpt-4o when neither the call nor the configuration names a model (README default)', () => {
    assert.deepEqual(chooseModel(site({ call: call() }), config()), { id: 'gpt-4o', source: 'default', known: true });
  });

  it("prices an Anthropic or Google call with that provider's default when the default model is another provider's", () => {
    const cfg = config(); // defaultModel gpt-4o (OpenAI)
    assert.deepEqual(chooseModel(site({ call: call({ provider: 'anthropic', api: 'anthropic.messages.create' }), provider: 'anthropic' }), cfg), {
      id: 'claude-sonnet-4-5',
      source: 'default',
      known: true,
    });
    assert.deepEqual(chooseModel(site({ call: call({ provider: 'google', api: 'google.generateContent' }), provider: 'google' }), cfg), {
      id: 'gemini-2.5-flash',
      source: 'default',
      known: true,
    });
  });

  it('keeps a default model of the same provider, and an explicit model of another provider', () => {
    const anthropicCall = call({ provider: 'anthropic', api: 'anthropic.messages.create' });
    assert.equal(chooseModel(site({ call: anthropicCall, provider: 'anthropic' }), config({ defaultModel: 'claude-haiku-4-5' })).id, 'claude-haiku-4-5');
    // An annotation is explicit: it wins even when it names another provider's model.
    assert.equal(chooseModel(site({ call: anthropicCall, provider: 'anthropic', annotation: { model: 'gpt-4.1' } }), config()).id, 'gpt-4.1');
    // An OpenAI call keeps an OpenAI default.
    assert.equal(chooseModel(site({ call: call(), provider: 'openai' }), config({ defaultModel: 'gpt-4.1-nano' })).id, 'gpt-4.1-nano');
  });

  it('marks ids missing from the catalogue and custom prices as unknown; custom prices make them known', () => {
    assert.deepEqual(chooseModel(site({ call: call({ model: 'my-private-llm-v9' }) }), config()), { id: 'my-private-llm-v9', source: 'call', known: false });
    const cfg = config({ models: { 'my-private-llm-v9': { input: 1, output: 2 } } });
    assert.equal(chooseModel(site({ call: call({ model: 'my-private-llm-v9' }) }), cfg).known, true);
  });
});

describe('countPrompt', () => {
  const cfg = config();

  it('counts static text of an OpenAI model exactly with the encoding tiktoken maps the model to', () => {
    const s = site({ segments: [text(SYSTEM_TEXT)] });
    assert.deepEqual(countPrompt(s, 'gpt-4o', counter, cfg), { static: tokens(SYSTEM_TEXT), dynamic: 0, overhead: 0, total: tokens(SYSTEM_TEXT), approximate: false });
    const gpt4 = countPrompt(s, 'gpt-4', counter, cfg);
    assert.equal(gpt4.static, tokens(SYSTEM_TEXT, gpt4Encoding));
    assert.equal(gpt4.approximate, false);
  });

  it('uses the cl100k count for gpt-4 and the o200k count for gpt-4o where they differ', () => {
    // A text whose counts differ between the two encodings, so a wrong encoding choice shows.
    const sample = 'Réponds en français, s’il te plaît: 東京の天気は？ Return JSON {"ok": true}.';
    assert.notEqual(tokens(sample), tokens(sample, gpt4Encoding));
    assert.equal(countPrompt(site({ segments: [text(sample)] }), 'gpt-4', counter, cfg).static, tokens(sample, gpt4Encoding));
    assert.equal(countPrompt(site({ segments: [text(sample)] }), 'gpt-4o', counter, cfg).static, tokens(sample));
  });

  it('estimates Claude as round(o200k × anthropic factor) and Gemini as round(o200k × google factor), approximate', () => {
    const s = site({ segments: [text(SYSTEM_TEXT)] });
    const claude = countPrompt(s, 'claude-sonnet-4-5', counter, cfg);
    assert.equal(claude.static, Math.round(tokens(SYSTEM_TEXT) * 1.2));
    assert.equal(claude.approximate, true);
    const gemini = countPrompt(s, 'gemini-2.5-flash', counter, cfg);
    assert.equal(gemini.static, Math.round(tokens(SYSTEM_TEXT) * 1.1));
    assert.equal(gemini.approximate, true);
    const custom = new TokenCounter({ anthropic: 1.5, google: 1.1 });
    try {
      assert.equal(countPrompt(s, 'claude-sonnet-4-5', custom, cfg).static, Math.round(tokens(SYSTEM_TEXT) * 1.5));
    } finally {
      custom.dispose();
    }
  });

  it('adds the chat framing for messages: 3 per message + the role token, and 3 to prime the reply (OpenAI cookbook)', () => {
    const system = 'You are a travel agent. Suggest one destination.';
    const user = 'I like beaches and quiet towns.';
    const s = messagesSite([message('system', text(system)), message('user', text(user))]);
    const counted = countPrompt(s, 'gpt-4o', counter, cfg);
    const expectedOverhead = 3 + tokens('system') + 3 + tokens('user') + 3;
    assert.equal(expectedOverhead, 11);
    assert.equal(counted.static, tokens(system) + tokens(user));
    assert.equal(counted.overhead, expectedOverhead);
    assert.equal(counted.total, tokens(system) + tokens(user) + expectedOverhead);
    // A plain text prompt has no framing.
    assert.equal(countPrompt(site({ segments: [text(system)] }), 'gpt-4o', counter, cfg).overhead, 0);
  });

  it('estimates dynamic parts by the role they appear in, or as history / retrieval', () => {
    const byRole = (role: PromptSite['role']) => countPrompt(site({ role, segments: [text('Question: '), dynamic('q')] }), 'gpt-4o', counter, cfg).dynamic;
    assert.deepEqual(
      ['system', 'user', 'assistant', 'tool', 'template', 'unknown'].map((r) => byRole(r as PromptSite['role'])),
      [50, 200, 200, 200, 100, 100], // README `dynamicTokens` defaults
    );
    const injected = site({ role: 'system', segments: [text('Context: '), dynamic('docs', 'retrieval'), dynamic('...history', 'history')] });
    assert.equal(countPrompt(injected, 'gpt-4o', counter, cfg).dynamic, 3000 + 2000);
  });

  it('takes a dynamic segment’s own estimate, and the configured dynamicTokens', () => {
    const s = site({ role: 'user', segments: [text('Q: '), dynamic('q', 'interpolation', 37), dynamic('other')] });
    assert.equal(countPrompt(s, 'gpt-4o', counter, cfg).dynamic, 37 + 200);
    const custom = config({ dynamicTokens: { user: 7, history: 11 } });
    assert.equal(countPrompt(s, 'gpt-4o', counter, custom).dynamic, 37 + 7);
  });

  it('estimates each message of a chat by its own role', () => {
    const s = messagesSite([
      message('system', text('You are terse. Today is '), dynamic('today')),
      message('unknown', dynamic('...history', 'history')),
      message('user', dynamic('question')),
    ]);
    const counted = countPrompt(s, 'gpt-4o', counter, cfg);
    assert.equal(counted.dynamic, 50 + 2000 + 200);
    assert.equal(counted.total, counted.static + counted.dynamic + counted.overhead);
  });

  it('replaces the dynamic estimate with a dynamic-tokens annotation (static text still counted)', () => {
    const s = site({ role: 'user', segments: [text(SYSTEM_TEXT), dynamic('q'), dynamic('docs', 'retrieval')], annotation: { dynamicTokens: 800 } });
    const counted = countPrompt(s, 'gpt-4o', counter, cfg);
    assert.equal(counted.dynamic, 800);
    assert.equal(counted.static, tokens(SYSTEM_TEXT));
    assert.equal(counted.total, tokens(SYSTEM_TEXT) + 800);
  });
});

describe('pricePrompt', () => {
  it('costs the same as genai-prices calcPrice for the same usage (input = all prompt tokens, output = the cap)', () => {
    const s = site({ role: 'user', segments: [text(SYSTEM_TEXT), dynamic('q')], call: call({ model: 'gpt-4o', maxOutputTokens: 300, maxOutputParam: 'max_tokens' }) });
    const priced = pricePrompt(s, counter, config(), true);
    const input = tokens(SYSTEM_TEXT) + 200;
    assert.equal(priced.tokens.total, input);
    assert.equal(priced.cost.outputTokens, 300);
    assert.equal(priced.cost.perCall, referencePrice('gpt-4o', input, 300));
    assert.equal(priced.cost.currency, 'USD');
  });

  it('prices Claude estimates with Claude prices', () => {
    const s = site({ call: call({ provider: 'anthropic', api: 'anthropic.messages.create', model: 'claude-haiku-4-5', maxOutputTokens: 1024 }), provider: 'anthropic' });
    const priced = pricePrompt(s, counter, config(), true);
    const input = Math.round(tokens('You are a helpful assistant. Answer in one sentence.') * 1.2);
    assert.equal(priced.tokens.total, input);
    assert.equal(priced.cost.perCall, referencePrice('claude-haiku-4-5', input, 1024));
  });

  it('computes perMonth = perCall × callsPerDay × 30, calls per day from an annotation or the configuration', () => {
    const s = site({ call: call({ model: 'gpt-4.1' }) });
    const fromConfig = pricePrompt(s, counter, config({ callsPerDay: 250 }), true);
    assert.equal(fromConfig.cost.callsPerDay, 250);
    assertClose(fromConfig.cost.perMonth, fromConfig.cost.perCall * 250 * 30);
    const annotated = pricePrompt(site({ call: call({ model: 'gpt-4.1' }), annotation: { callsPerDay: 5000 } }), counter, config({ callsPerDay: 250 }), true);
    assert.equal(annotated.cost.callsPerDay, 5000);
    assertClose(annotated.cost.perMonth, annotated.cost.perCall * 5000 * 30);
    // The default is 1,000 calls a day (README).
    assertClose(pricePrompt(s, counter, config(), true).cost.perMonth, referencePrice('gpt-4.1', tokens('You are a helpful assistant. Answer in one sentence.'), 500) * 1000 * 30);
  });

  it('takes output tokens from an annotation, else the call’s cap, else outputTokens', () => {
    const capped = call({ model: 'gpt-4o', maxOutputTokens: 300 });
    assert.equal(pricePrompt(site({ call: capped, annotation: { outputTokens: 77 } }), counter, config(), true).cost.outputTokens, 77);
    assert.equal(pricePrompt(site({ call: capped }), counter, config(), true).cost.outputTokens, 300);
    assert.equal(pricePrompt(site({ call: call({ model: 'gpt-4o' }) }), counter, config(), true).cost.outputTokens, 500);
    const custom = pricePrompt(site({ call: call({ model: 'gpt-4o' }) }), counter, config({ outputTokens: 42 }), true);
    assert.equal(custom.cost.outputTokens, 42);
    assert.equal(custom.cost.perCall, referencePrice('gpt-4o', custom.tokens.total, 42));
  });

  it('prices no output when withOutput is false', () => {
    const s = site({ call: call({ model: 'gpt-4o', maxOutputTokens: 300 }) });
    const priced = pricePrompt(s, counter, config(), false);
    assert.equal(priced.cost.outputTokens, 0);
    assert.equal(priced.cost.output, 0);
    assert.equal(priced.cost.perCall, referencePrice('gpt-4o', priced.tokens.total, 0));
    assert.ok(priced.cost.perCall < pricePrompt(s, counter, config(), true).cost.perCall);
  });

  it('prices an unknown model at 0 and flags it unknown (tokens are still counted)', () => {
    const priced = pricePrompt(site({ call: call({ model: 'my-private-llm-v9', maxOutputTokens: 100 }) }), counter, config(), true);
    assert.equal(priced.model.known, false);
    assert.equal(priced.cost.perCall, 0);
    assert.equal(priced.cost.perMonth, 0);
    assert.equal(priced.tokens.static, tokens('You are a helpful assistant. Answer in one sentence.'));
  });

  it('prices custom models from the configuration (USD per million tokens)', () => {
    const cfg = config({ models: { 'my-llm': { input: 3, output: 15 } } });
    const priced = pricePrompt(site({ call: call({ model: 'my-llm', maxOutputTokens: 400 }) }), counter, cfg, true);
    assert.equal(priced.model.known, true);
    assertClose(priced.cost.perCall, (priced.tokens.total * 3 + 400 * 15) / 1_000_000);
  });
});

describe('priceSites', () => {
  it('charges a call’s output once: to its first top-level prompt, never to a part of another prompt', () => {
    const shared = call({ model: 'gpt-4o', maxOutputTokens: 300 });
    const system = site({ call: shared, role: 'system' });
    const messages = messagesSite([message('user', dynamic('q'))], { call: shared });
    const part = site({ call: shared, partOf: messages.id, segments: [text(SYSTEM_TEXT)] });
    const loose = site({ segments: [text(SYSTEM_TEXT)] }); // no call: its own output
    const priced = priceSites([part, system, messages, loose], counter, config(), new Set());
    assert.deepEqual(priced.map((p) => p.cost.outputTokens), [0, 300, 0, 500]);
  });

  it('shares the taken outputs across files through the set it is given', () => {
    const shared = call({ model: 'gpt-4o', maxOutputTokens: 300 });
    const taken = new Set<string>();
    const first = priceSites([site({ call: shared })], counter, config(), taken);
    const second = priceSites([site({ call: shared })], counter, config(), taken);
    assert.equal(first[0].cost.outputTokens, 300);
    assert.equal(second[0].cost.outputTokens, 0);
  });

  it('does not re-encode unchanged text: a second pricing of the same sites is all cache hits', () => {
    const fresh = new TokenCounter({ anthropic: 1.2, google: 1.1 });
    try {
      const unique = `${Date.now()}-${Math.random()}`;
      const sites = [
        site({ segments: [text(`${SYSTEM_TEXT} (${unique})`)], call: call({ model: 'gpt-4o' }) }),
        messagesSite([message('system', text(`You are terse. ${unique}`)), message('user', text(`Hello ${unique}`))], { call: call({ model: 'claude-haiku-4-5', provider: 'anthropic' }) }),
      ];
      const first = priceSites(sites, fresh, config(), new Set());
      assert.deepEqual(fresh.stats, { hits: 0, misses: 3 });
      const second = priceSites(sites, fresh, config(), new Set());
      assert.deepEqual(fresh.stats, { hits: 3, misses: 3 });
      assert.deepEqual(second.map((p) => p.tokens), first.map((p) => p.tokens));
    } finally {
      fresh.dispose();
    }
  });
});
