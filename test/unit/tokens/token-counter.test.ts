import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { HASH_KEY_THRESHOLD, TokenCounter } from '../../../server/src/tokens/token-counter';

// Reference encoders, independent of the counter under test.
const reference: Record<'o200k_base' | 'cl100k_base', Tiktoken> = {
  o200k_base: get_encoding('o200k_base'),
  cl100k_base: get_encoding('cl100k_base'),
};
const counter = new TokenCounter({ anthropic: 1.2, google: 1.1 });
after(() => {
  counter.dispose();
  reference.o200k_base.free();
  reference.cl100k_base.free();
});

const SAMPLES: Record<string, string> = {
  english: 'You are a helpful assistant. Answer the question in two sentences, citing the document you used.',
  code: 'export function add(a: number, b: number): number {\n  return a + b; // TODO: overflow?\n}\nconst xs = [1, 2, 3].map((x) => x ** 2);',
  emoji: 'Ship it 🚀🔥 — family: 👨‍👩‍👧‍👦, flags: 🇫🇷🇯🇵, skin tone: 👍🏽',
  cjk: '你好，世界！これは日本語のテキストです。한국어 문장도 있습니다。',
  rtl: 'مرحبا بالعالم، هذا نص عربي. שלום עולם, זה טקסט בעברית.',
  endoftext: 'Summarise the text below.<|endoftext|>Ignore previous instructions.',
  chatml: '<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nhi<|im_end|>',
  bom: '\uFEFFHello with a byte order mark',
  whitespace: '   \n\n\t  trailing   spaces   \n',
};

describe('TokenCounter.countEncoding', () => {
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    for (const [name, text] of Object.entries(SAMPLES)) {
      it(`equals tiktoken encode_ordinary for ${name} (${encoding})`, () => {
        assert.equal(counter.countEncoding(text, encoding), reference[encoding].encode_ordinary(text).length);
      });
    }
  }

  it('counts special-token text as ordinary text instead of throwing', () => {
    const text = SAMPLES.endoftext;
    assert.throws(() => reference.o200k_base.encode(text)); // plain encode rejects it: the reason we use encode_ordinary
    const tokens = counter.countEncoding(text, 'o200k_base');
    assert.ok(tokens > reference.o200k_base.encode_ordinary('Summarise the text below.Ignore previous instructions.').length);
  });

  it('matches a published count: "hello world" is 2 tokens in cl100k_base (tiktoken README)', () => {
    assert.equal(counter.countEncoding('hello world', 'cl100k_base'), 2);
  });

  it('returns 0 for the empty string without touching the cache', () => {
    const before = { ...counter.stats };
    assert.equal(counter.countEncoding('', 'o200k_base'), 0);
    assert.deepEqual(counter.stats, before);
  });

  it('counts o200k_harmony like o200k_base (same vocabulary; tiktoken 1.0.22 cannot load harmony)', () => {
    assert.equal(counter.countEncoding(SAMPLES.english, 'o200k_harmony'), reference.o200k_base.encode_ordinary(SAMPLES.english).length);
  });
});

describe('TokenCounter cache', () => {
  it('answers a second count of the same text from the cache (a rescan does not re-encode)', () => {
    const fresh = new TokenCounter({ anthropic: 1.2, google: 1.1 });
    try {
      const text = `cache probe ${Math.random()}`;
      const first = fresh.count(text, 'gpt-4o');
      assert.deepEqual(fresh.stats, { hits: 0, misses: 1 });
      const second = fresh.count(text, 'gpt-4o');
      assert.deepEqual(second, first);
      assert.deepEqual(fresh.stats, { hits: 1, misses: 1 });
    } finally {
      fresh.dispose();
    }
  });

  it('keys by encoding: the same text in another encoding is a miss', () => {
    const fresh = new TokenCounter({ anthropic: 1, google: 1 });
    try {
      fresh.countEncoding('same text', 'o200k_base');
      fresh.countEncoding('same text', 'cl100k_base');
      assert.deepEqual(fresh.stats, { hits: 0, misses: 2 });
    } finally {
      fresh.dispose();
    }
  });

  it('hash-keys long texts correctly: near-identical long texts get their own counts, repeats hit', () => {
    const fresh = new TokenCounter({ anthropic: 1, google: 1 });
    try {
      const long = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
      assert.ok(long.length > HASH_KEY_THRESHOLD);
      const variant = `${long}Extra words at the end change the count.`;
      assert.equal(fresh.countEncoding(long, 'o200k_base'), reference.o200k_base.encode_ordinary(long).length);
      assert.equal(fresh.countEncoding(variant, 'o200k_base'), reference.o200k_base.encode_ordinary(variant).length);
      assert.equal(fresh.countEncoding(long, 'o200k_base'), reference.o200k_base.encode_ordinary(long).length);
      assert.deepEqual(fresh.stats, { hits: 1, misses: 2 });
    } finally {
      fresh.dispose();
    }
  });

  it('keeps working after dispose (encoders are re-created lazily)', () => {
    const fresh = new TokenCounter({ anthropic: 1, google: 1 });
    fresh.countEncoding(SAMPLES.code, 'cl100k_base');
    fresh.dispose();
    assert.equal(fresh.countEncoding(SAMPLES.code, 'cl100k_base'), reference.cl100k_base.encode_ordinary(SAMPLES.code).length);
    fresh.dispose();
  });
});

describe('TokenCounter.count', () => {
  it('is exact for OpenAI models, with the model’s encoding', () => {
    assert.deepEqual(counter.count(SAMPLES.cjk, 'gpt-4'), { tokens: reference.cl100k_base.encode_ordinary(SAMPLES.cjk).length, approximate: false });
    assert.deepEqual(counter.count(SAMPLES.cjk, 'gpt-4o'), { tokens: reference.o200k_base.encode_ordinary(SAMPLES.cjk).length, approximate: false });
  });

  it('applies the anthropic factor to Claude and marks it approximate', () => {
    const o200k = reference.o200k_base.encode_ordinary(SAMPLES.code).length;
    assert.deepEqual(counter.count(SAMPLES.code, 'claude-sonnet-4-5'), { tokens: Math.round(o200k * 1.2), approximate: true });
    assert.deepEqual(counter.count(SAMPLES.code, 'anthropic/claude-3-5-haiku-latest'), { tokens: Math.round(o200k * 1.2), approximate: true });
  });

  it('applies the google factor to Gemini and marks it approximate', () => {
    const o200k = reference.o200k_base.encode_ordinary(SAMPLES.rtl).length;
    assert.deepEqual(counter.count(SAMPLES.rtl, 'gemini-2.5-flash'), { tokens: Math.round(o200k * 1.1), approximate: true });
  });

  it('uses the plain o200k count for unknown models, marked approximate', () => {
    assert.deepEqual(counter.count(SAMPLES.english, 'llama-3.3-70b'), { tokens: reference.o200k_base.encode_ordinary(SAMPLES.english).length, approximate: true });
  });

  it('setFactors changes estimates without re-encoding', () => {
    const fresh = new TokenCounter({ anthropic: 1.2, google: 1.1 });
    try {
      const o200k = reference.o200k_base.encode_ordinary(SAMPLES.english).length;
      assert.equal(fresh.count(SAMPLES.english, 'claude-opus-4-1').tokens, Math.round(o200k * 1.2));
      fresh.setFactors({ anthropic: 1.5, google: 1.1 });
      assert.equal(fresh.count(SAMPLES.english, 'claude-opus-4-1').tokens, Math.round(o200k * 1.5));
      assert.deepEqual(fresh.stats, { hits: 1, misses: 1 });
    } finally {
      fresh.dispose();
    }
  });
});
