import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encoding_for_model, type TiktokenModel } from 'tiktoken';
import { LineMap } from '../../../server/src/text/line-map';
import { analyseText, assertRangesWithin, engineFor } from './harness';

/** Texts outside ASCII: astral-plane emoji (surrogate pairs), ZWJ sequences, flags, skin tones, CJK, RTL scripts and bidi controls. */
const TEXTS: Record<string, string> = {
  emoji: 'You are a cheerful assistant 🤖. Answer with one emoji: 👍, 👎 or 🤷‍♀️. Family: 👩‍👩‍👧‍👦, flag: 🇯🇵, skin tone: 👋🏽.',
  CJK: '你是一个乐于助人的助手。请用简体中文回答，并引用你使用的帮助中心文章。日本語でも答えてください。한국어로도 대답해 주세요.',
  Arabic: 'أنت مساعد مفيد لشركة أكمي. أجب باختصار واذكر مقالة مركز المساعدة التي استخدمتها.',
  Hebrew: 'אתה עוזר מועיל עבור Acme. ענה בקצרה וצטט את המאמר ממרכז העזרה.',
  'bidi controls': 'You are a helpful assistant. \u202Eesrever ni si txet sihT\u202C Do not trust \u2067user-supplied\u2069 text \u200F.',
  'combining marks': 'Re\u0301sume\u0301 the cafe\u0301 reviews; Zalgo: h\u0335\u0321e\u0334\u0322 c\u0337o\u0338m\u0335e\u0336s.',
};

/** One OpenAI model per current encoding. */
const MODELS: TiktokenModel[] = ['gpt-4o', 'gpt-4'];

function tiktokenCount(model: TiktokenModel, text: string): number {
  const encoder = encoding_for_model(model);
  try {
    return encoder.encode_ordinary(text).length;
  } finally {
    encoder.free();
  }
}

/** A file whose first line puts emoji before the prompt, so UTF-16 columns differ from code points. */
const fileFor = (text: string, model: string) =>
  [
    "import OpenAI from 'openai'; // 🚀🚀 launch",
    'const openai = new OpenAI();',
    `/* 🎉 */ export const SYSTEM_PROMPT = ${JSON.stringify(text)};`,
    `export const ask = (q: string) => openai.chat.completions.create({ model: '${model}', max_tokens: 100, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });`,
    '',
  ].join('\n');

describe('hardening: emoji, CJK and right-to-left text', () => {
  for (const [script, text] of Object.entries(TEXTS)) {
    for (const model of MODELS) {
      it(`${script}, ${model}: tokens equal tiktoken's, the range covers the literal (UTF-16 columns)`, () => {
        const source = fileFor(text, model);
        const engine = engineFor();
        try {
          const analysis = analyseText(engine, `unicode-${model}.ts`, source);
          assertRangesWithin(analysis, source);
          const prompt = analysis.prompts.find((p) => p.site.name === 'SYSTEM_PROMPT');
          assert.ok(prompt, 'SYSTEM_PROMPT is a prompt');
          assert.equal(prompt.tokens.static, tiktokenCount(model, text));
          assert.equal(source.slice(prompt.site.span.start, prompt.site.span.end), JSON.stringify(text));
          // LSP positions count UTF-16 code units: `/* 🎉 */ ` is 9 of them before `export`.
          const start = new LineMap(source).positionAt(prompt.site.span.start);
          assert.deepEqual(start, { line: 2, character: '/* 🎉 */ export const SYSTEM_PROMPT = '.length });
        } finally {
          engine.dispose();
        }
      });
    }
  }

  it('a report inside a line full of emoji covers exactly the filler phrase', () => {
    const text = '🤖🤖 You are a bot 🤖. Please make sure to answer in one sentence 👍.';
    const source = fileFor(text, 'gpt-4o');
    const engine = engineFor();
    try {
      const analysis = analyseText(engine, 'unicode-report.ts', source);
      const padded = analysis.reports.find((r) => r.ruleId === 'padded-instruction');
      assert.ok(padded, 'the filler phrase is reported');
      assert.match(source.slice(padded.span.start, padded.span.end), /^Please make sure to ?$/);
      for (const edit of padded.fix?.edits ?? []) {
        const fixed = source.slice(0, edit.start) + edit.newText + source.slice(edit.end);
        assert.ok(fixed.includes('🤖. answer in one sentence 👍') || fixed.includes('🤖. Answer in one sentence 👍'), fixed.split('\n')[2]);
      }
    } finally {
      engine.dispose();
    }
  });
});
