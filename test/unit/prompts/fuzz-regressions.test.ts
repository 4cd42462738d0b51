import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, summarize } from '../../../server/src/engine';

/**
 * Shrunk counterexamples of `npm run fuzz` (test/fuzz) for the finder and the engine: each test is a
 * workspace the fuzzer found, reduced, with the property it broke.
 */

const ROOT = '/virtual/fuzz-regressions';

function analyze(files: Record<string, string>, order = Object.keys(files)) {
  const engine = new Engine({ read: (p) => (p.startsWith(ROOT + '/') ? files[p.slice(ROOT.length + 1)] : undefined) });
  try {
    const paths = order.map((f) => `${ROOT}/${f}`);
    return engine.analyzeFiles(paths);
  } finally {
    engine.dispose();
  }
}

describe('fuzz regressions: finder and engine', () => {
  it('a negative output cap is no cap (it priced the output at -1 tokens, a negative cost)', () => {
    const [analysis] = analyze({
      'main.ts': [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        'export async function ask(q) {',
        "  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: -1, system: 'You are a helpful assistant for Acme support.', messages: [{ role: 'user', content: q }] });",
        '}',
        "import { ChatOpenAI } from '@langchain/openai';",
        "export const chain = (q) => new ChatOpenAI({ model: 'gpt-4o', maxTokens: -1 }).invoke([new SystemMessage('You are a senior engineer doing code review.'), new HumanMessage(q)]);",
        '',
      ].join('\n'),
    });
    const withCall = analysis.prompts.filter((p) => p.site.call);
    assert.ok(withCall.length >= 2, `prompts at both calls: ${withCall.map((p) => p.site.call?.api).join(', ')}`);
    for (const p of withCall) {
      assert.equal(p.site.call?.maxOutputTokens, undefined, `${p.site.call?.api}: -1 is not a cap`);
      assert.ok(p.cost.outputTokens >= 0 && p.cost.perCall >= 0, `${p.site.call?.api}: ${p.cost.outputTokens} output tokens, $${p.cost.perCall}`);
    }
  });

  it('an unterminated literal keeps its last character in the segment span (it was cut as if a closing quote were there)', () => {
    // Shrunk from npm run fuzz: a truncated file ending inside a string; the span split the last emoji's surrogate pair.
    const text = 'export const TEMPLATE = "Always remember to answer in the customer\'s language.\\n\\nYou a\u{10000}';
    const [analysis] = analyze({ 'prompts.ts': text });
    const segment = analysis.prompts[0]?.site.segments[0];
    assert.ok(segment?.kind === 'static' && segment.span, 'a static segment with a span');
    assert.equal(segment.span.end, text.length);
    assert.equal(text.slice(segment.span.start, segment.span.end), 'Always remember to answer in the customer\'s language.\\n\\nYou a\u{10000}');
    // Unterminated at the end of a line too (also a model id: a fix replacing it must replace all of it).
    const call = [
      "import OpenAI from 'openai';",
      'const openai = new OpenAI();',
      "export const ask = (q) => openai.chat.completions.create({ model: 'gpt-4o",
      "  , messages: [{ role: 'system', content: `You are a helpful assistant for Acme support. Answer briefly and cite the article.",
      '});',
      '',
    ].join('\n');
    const [chat] = analyze({ 'chat.ts': call });
    const site = chat.prompts.find((p) => p.site.call?.modelSpan);
    assert.ok(site?.site.call?.modelSpan, 'a prompt at the call with a model span');
    const { modelSpan } = site.site.call;
    assert.equal(call.slice(modelSpan.start, modelSpan.end), 'gpt-4o');
  });

  it('a constant inside a messages array with no call in view is part of it whichever file is analysed first', () => {
    // Shrunk from npm run fuzz: analysed prompts.ts first, the constant was a prompt of its own (its text
    // and an output counted twice in the totals); main.ts first, a part of the array.
    const files = {
      'prompts.ts': "export const SYSTEM_PROMPT = 'You are a helpful assistant for Acme support. Answer briefly.';\n",
      'main.ts': [
        "import { SYSTEM_PROMPT } from './prompts';",
        'export function build(q, history) {',
        "  const msgs = [{ role: 'system', content: SYSTEM_PROMPT }];",
        '  for (const turn of history) msgs.push(turn);',
        "  msgs.push({ role: 'user', content: q });",
        '  return msgs;',
        '}',
        '',
      ].join('\n'),
    };
    const forward = analyze(files, ['prompts.ts', 'main.ts']);
    const backward = analyze(files, ['main.ts', 'prompts.ts']).reverse();
    const constant = (runs: typeof forward) => runs[0].prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
    assert.ok(constant(backward)?.site.partOf, 'main.ts first: the constant is a part of the messages array');
    assert.equal(constant(forward)?.site.partOf, constant(backward)?.site.partOf);
    assert.deepEqual({ ...summarize(forward, 0) }, { ...summarize(backward, 0) });
  });

  it('messages from a variable declared without a value (`let msgs;`) do not stop the finder', () => {
    // From npm run fuzz: the finder threw on the file ("Cannot read properties of undefined"), so the file was skipped.
    const [analysis] = analyze({
      'main.ts': [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const anthropic = new Anthropic();',
        'let msgs;',
        "export const f = () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: 'You are a helpful assistant for Acme support. Answer briefly.', messages: msgs });",
        '',
      ].join('\n'),
    });
    assert.deepEqual(analysis.notes, []);
    assert.ok(analysis.prompts.some((p) => p.site.role === 'system' && p.site.call?.api === 'anthropic.messages.create'));
  });
});
