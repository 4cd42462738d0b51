import fc from 'fast-check';

/**
 * Cooked prompt text: what a prompt says once its literal is evaluated. Sentences are plausible
 * instructions; some carry padding ("Please make sure to", "IMPORTANT:") or repeat so that the
 * padded-instruction and redundant-instruction rules fire and offer fixes; noise brings in the
 * characters that trip offset arithmetic (astral emoji, CJK, right-to-left text, combining marks,
 * special-token text, line and paragraph separators).
 */

/** Plain instructions, the body of most generated prompts. */
export const SENTENCES = [
  'You are a helpful assistant for Acme support.',
  'Answer briefly and cite the help-center article you used.',
  'Reply in the language of the customer.',
  'cite the source of every claim.',
  'Never share internal ticket notes.',
  'Keep answers under 120 words.',
  'Return JSON with the fields label and reason.',
  'Classify the ticket priority. Reply with one word: low, normal, high.',
  'Summarize the document in three bullet points.',
  'Think step by step before you answer.',
  'You are a senior engineer doing code review.',
  'Extract the invoice number and the total.',
  'Use the context below to answer the question.',
  'If you do not know the answer, say so.',
  '- Answer in the customer\'s language.',
  '1. Read the question. 2. Answer it.',
  'Translate {text} into French.',
  'Answer questions about {topic}.',
  'Question: {input}',
];

/** Filler at the start of an instruction (a subset of the rule's defaults, plus near misses). */
export const PADDING = [
  'Please make sure to',
  'Make sure that you',
  'It is very important that you',
  'It is important that',
  "It's important to",
  'Remember,',
  'Always remember to',
  "Don't forget to",
  'As mentioned above,',
  'I would like you to',
  'Please note that',
  'Keep in mind that',
  'please make sure to',
  'Please  make   sure to',
  'Make sure you are',
];

/** Shouted emphasis runs. */
export const SHOUTING = ['IMPORTANT:', 'IMPORTANT: NEVER', 'NEVER EVER', 'YOU MUST ALWAYS', 'CRITICAL: ABSOLUTELY', 'NOTE:', 'VERY IMPORTANT:', 'ALWAYS'];

/** Characters and strings that are hard on offsets, tokenizers and line maps. */
export const NOISE = [
  '😀',
  '👩‍💻',
  '🇫🇷',
  '𝒳',
  '日本語のテキスト',
  '中文提示',
  'مرحبا بالعالم',
  'שלום',
  '\u202Eevil\u202C',
  'e\u0301',
  '\u200B',
  '<|endoftext|>',
  '<|im_start|>system',
  '\t',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\\',
  '`',
  "'",
  '"',
  '${',
  '}',
  '{',
  '*/',
  '//',
  '/*',
  '// promptcost-ignore',
  'promptcost',
  '\n',
  '\r\n',
  '',
];

/** One sentence: plain, padded, shouted, or with noise in it. */
export const sentence: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SENTENCES) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...PADDING), fc.constantFrom(...SENTENCES), fc.boolean()).map(([pad, s, lower]) => `${pad} ${lower ? s[0].toLowerCase() + s.slice(1) : s}`),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SHOUTING), fc.constantFrom(...SENTENCES)).map(([shout, s]) => `${shout} ${s}`) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...NOISE), fc.nat()).map(([s, noise, at]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + noise + s.slice(i);
    }),
  },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })) },
);

/** How sentences of one prompt are separated. */
export const separator = fc.constantFrom(' ', '\n', '\n\n', '\n- ', '  ', '\r\n');

/** A long policy (a sentence block repeated), so cache rules have enough static tokens to report. */
export const longPolicy: fc.Arbitrary<string[]> = fc
  // Up to ≈1,800 tokens: past the smallest cacheable prefixes (1,024 tokens for Claude Sonnet, COST-MODEL.md).
  .tuple(fc.array(fc.constantFrom(...SENTENCES), { minLength: 2, maxLength: 4 }), fc.oneof(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 100, max: 180 })))
  .map(([block, times]) => Array.from({ length: times }, (_, i) => block[i % block.length].replace('.', ` (rule ${i + 1}).`)));

/**
 * A prompt body as a list of sentences: sometimes one sentence twice (redundant-instruction), sometimes a
 * long policy (a sentence block repeated) so cache rules have enough static tokens to report.
 */
export const sentences: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.nat()).map(([list, i]) => {
      const copy = [...list];
      copy.splice(i % (copy.length + 1), 0, list[i % list.length]);
      return copy;
    }),
  },
  { weight: 1, arbitrary: longPolicy },
);

/** Model ids: ones the catalogue knows, near misses and garbage. */
export const KNOWN_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4',
  'gpt-3.5-turbo',
  'gpt-5',
  'gpt-5-mini',
  'o3-mini',
  'gpt-oss-120b',
  'claude-3-5-sonnet-latest',
  'claude-3-5-haiku-latest',
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-opus-4-1',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
];

/** A model id as it would appear in a string literal (cooked). */
export const modelId: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN_MODELS) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'gpt-4o ', 'GPT-4O', 'claude-', 'gpt-9000', 'openai/gpt-4o', 'anthropic.claude-3-5-sonnet', 'ft:gpt-4o-mini:acme::abc', '模型', '😀') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/** Numbers as written in source for caps and k: plausible, zero, huge, separators, non-integers. */
export const numberLiteral: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4096 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1e9', '4_000', '0x10', '2.5', '-1', '9007199254740993', 'NaN', 'Infinity', '1n') },
);
