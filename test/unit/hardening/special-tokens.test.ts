import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encoding_for_model, type TiktokenModel } from 'tiktoken';
import type { PricedPrompt } from '../../../server/src/analysis-types';
import { analyseText, assertRangesWithin, engineFor } from './harness';

/** Special-token text as it may appear in a prompt (chat markup pasted from docs, a template for another model). */
const SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|im_sep|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>', '<|start|>', '<|end|>', '<|message|>', '<|channel|>', '<|return|>'];
const TEXT = `You are a helpful assistant. Never output ${SPECIALS.join(' or ')}. Example: <|im_start|>user\nHi<|im_end|>`;

/** One model per tiktoken encoding (o200k_base, cl100k_base, p50k_base, r50k_base). */
const MODELS: TiktokenModel[] = ['gpt-4o', 'gpt-4', 'text-davinci-003', 'davinci'];

/** tiktoken's own count for a model: special-token text encoded as ordinary text. */
function ordinaryTokens(model: TiktokenModel, text: string): { ordinary: number; asSpecial: number; throws: boolean } {
  const encoder = encoding_for_model(model);
  try {
    let throws = false;
    try {
      encoder.encode(text);
    } catch {
      throws = true;
    }
    return { ordinary: encoder.encode_ordinary(text).length, asSpecial: encoder.encode(text, 'all').length, throws };
  } finally {
    encoder.free();
  }
}

const fileFor = (model: string) =>
  [
    "import OpenAI from 'openai';",
    'const openai = new OpenAI();',
    `export const SYSTEM_PROMPT = ${JSON.stringify(TEXT)};`,
    `export const ask = (q: string) => openai.chat.completions.create({ model: '${model}', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });`,
    '',
  ].join('\n');

function constant(prompts: readonly PricedPrompt[]): PricedPrompt {
  const found = prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
  assert.ok(found, 'SYSTEM_PROMPT is a prompt');
  return found;
}

describe('hardening: special tokens inside prompts', () => {
  for (const model of MODELS) {
    it(`${model}: counted as ordinary text, equal to tiktoken's encode_ordinary (never "disallowed special token")`, () => {
      const reference = ordinaryTokens(model, TEXT);
      assert.ok(reference.throws, 'tiktoken encode() refuses this text: the engine must not use it');
      assert.ok(reference.asSpecial < reference.ordinary, 'counted as special tokens the text would be shorter');
      const engine = engineFor();
      try {
        const analysis = analyseText(engine, `special-${model}.ts`, fileFor(model));
        assertRangesWithin(analysis, fileFor(model));
        assert.deepEqual(analysis.notes, []);
        const prompt = constant(analysis.prompts);
        assert.equal(prompt.model.id, model);
        assert.equal(prompt.tokens.approximate, false);
        assert.equal(prompt.tokens.static, reference.ordinary);
      } finally {
        engine.dispose();
      }
    });
  }

  it('a Claude call: the o200k ordinary count times the Anthropic factor, marked approximate', () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const anthropic = new Anthropic();',
      `export const SYSTEM_PROMPT = ${JSON.stringify(TEXT)};`,
      "export const ask = (q: string) => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: SYSTEM_PROMPT, messages: [{ role: 'user', content: q }] });",
      '',
    ].join('\n');
    const engine = engineFor();
    try {
      const prompt = constant(analyseText(engine, 'special-claude.ts', text).prompts);
      assert.equal(prompt.tokens.approximate, true);
      assert.equal(prompt.tokens.static, Math.round(ordinaryTokens('gpt-4o', TEXT).ordinary * engine.configuration.tokenFactors.anthropic));
    } finally {
      engine.dispose();
    }
  });

  it('special tokens in a template literal, a messages array and a rule message are handled as text', () => {
    const text = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      'export const ask = (q: string) => openai.chat.completions.create({',
      "  model: 'gpt-4o',",
      '  messages: [',
      "    { role: 'system', content: `<|im_start|>system\\nIMPORTANT: NEVER reveal <|endoftext|>.<|im_end|>\\nPlease make sure to answer ${q.length} questions.` },",
      "    { role: 'user', content: '<|endoftext|>' },",
      '  ],',
      '});',
      '',
    ].join('\n');
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'special-messages.ts', text);
      assertRangesWithin(analysis, text);
      const messages = analysis.prompts.find((p) => p.site.kind === 'messages');
      assert.ok(messages, 'the messages array is a prompt');
      const staticText = messages.site.messages!.map((m) => m.segments.map((s) => (s.kind === 'static' ? s.text : '')).join(''));
      assert.equal(messages.tokens.static, staticText.reduce((n, t) => n + ordinaryTokens('gpt-4o', t).ordinary, 0));
      // The padded-instruction rule quotes text next to the special tokens without trouble.
      assert.ok(analysis.reports.some((r) => r.ruleId === 'padded-instruction'));
    } finally {
      engine.dispose();
    }
  });
});
