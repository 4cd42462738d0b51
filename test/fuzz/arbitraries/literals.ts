import fc from 'fast-check';
import { longPolicy, separator, sentences } from './text';

/**
 * Prompt expressions: cooked text (sentences with `${}` holes) written as source in the ways prompts
 * are written: quoted strings (escaped or not), template literals (escaped or with raw line breaks),
 * concatenations, `[...].join('\n')` arrays.
 */

/** Text or an interpolated expression. */
export type Part = { text: string } | { hole: string };

/** Expressions interpolated into prompts: user input, values that break caches, history, retrieval, nesting. */
export const HOLES = [
  'q',
  'user.question',
  'name',
  'COMPANY',
  'context',
  'new Date().toISOString()',
  'Date.now()',
  'crypto.randomUUID()',
  'user.id',
  'JSON.stringify(schema)',
  "history.map((m) => m.content).join('\\n')",
  "docs.map((d) => d.pageContent).join('\\n\\n')",
  '`nested ${q} text`',
  "flag ? 'a' : 'b'",
  '/* @prompt */ q',
  '{}',
];

/** How a text is escaped in a quoted literal. */
interface QuoteStyle {
  quote: "'" | '"';
  /** Write non-ASCII as `\u{…}` escapes (so cooked and raw offsets differ). */
  escapeUnicode: boolean;
}

/** Writes cooked text as a quoted string literal. */
export function quoted(text: string, style: QuoteStyle): string {
  let out = style.quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === style.quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t' && style.escapeUnicode) out += '\\t';
    else if (style.escapeUnicode && (cp > 0x7e || cp < 0x20)) out += `\\u{${cp.toString(16)}}`;
    else if (cp === 0x2028 || cp === 0x2029) out += ch; // allowed raw in strings since ES2019
    else out += ch;
  }
  return out + style.quote;
}

/** Writes cooked text as the inside of a template literal; raw line breaks unless `escapeNewlines`. */
export function templateChunk(text: string, escapeNewlines: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === '`') out += '\\`';
    else if (ch === '$' && text[i + 1] === '{') out += '\\$';
    else if (ch === '\r') out += '\\r'; // a raw CR would be cooked to LF
    else if (ch === '\n' && escapeNewlines) out += '\\n';
    else out += ch;
  }
  return out;
}

function templateOf(parts: readonly Part[], escapeNewlines: boolean): string {
  return '`' + parts.map((p) => ('hole' in p ? '${' + p.hole + '}' : templateChunk(p.text, escapeNewlines))).join('') + '`';
}

function concatOf(parts: readonly Part[], style: QuoteStyle, breakLines: boolean): string {
  const pieces = parts.map((p) => ('hole' in p ? (/^[\w.]+$/.test(p.hole) ? p.hole : `(${p.hole})`) : quoted(p.text, style)));
  return pieces.join(breakLines ? ' +\n  ' : ' + ') || "''";
}

/** Splits text parts at separators so a concatenation has several literals even without holes. */
function splitParts(parts: readonly Part[], every: number): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if ('hole' in p || p.text.length <= every) out.push(p);
    else for (let i = 0; i < p.text.length; i += every) out.push({ text: p.text.slice(i, i + every) });
  }
  return out;
}

/** Ways to write a prompt. */
export type LiteralForm = 'quoted' | 'template' | 'concat' | 'join';

/** A prompt body: sentences, their separator, and holes at sentence boundaries. */
export const promptParts: fc.Arbitrary<Part[]> = fc
  .tuple(sentences, separator, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOLES)), { maxLength: 3 }))
  .map(([list, sep, holes]) => {
    const parts: Part[] = [];
    list.forEach((s, i) => {
      for (const [at, hole] of holes) if (at % (list.length + 1) === i) parts.push({ hole });
      parts.push({ text: i === 0 ? s : sep + s });
    });
    for (const [at, hole] of holes) if (at % (list.length + 1) === list.length) parts.push({ hole });
    return parts;
  });

/** A prompt expression over the given parts. */
export function promptExpression(parts: readonly Part[]): fc.Arbitrary<string> {
  return fc
    .record({
      form: fc.constantFrom<LiteralForm>('quoted', 'quoted', 'template', 'template', 'concat', 'join'),
      quote: fc.constantFrom<"'" | '"'>("'", '"'),
      escapeUnicode: fc.boolean(),
      escapeNewlines: fc.boolean(),
      splitEvery: fc.integer({ min: 3, max: 60 }),
      joinWith: fc.constantFrom("'\\n'", "'\\n\\n'", "' '", "''", '"\\n"', '`\n`'),
      wrap: fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...WRAPPERS) }),
    })
    .map(({ wrap, ...rest }) => {
      const expression = written(parts, rest);
      if (!wrap) return expression;
      // A tag needs a template: other forms are wrapped in one (`dedent`${…}``).
      return wrap.endsWith('`') ? (expression.startsWith('`') ? wrap.slice(0, -1) + expression : wrap + '${' + expression + '}`') : wrap.replace('E', () => expression);
    });
}

/** Ways a prompt expression is wrapped: tags, assertions, method calls, parentheses, the force comment. */
const WRAPPERS = ['dedent`', 'String.raw`', 'html`', '(E)', 'E as const', 'E.trim()', '/* @prompt */ E', '(E satisfies string)', 'E!'];

interface WriteStyle {
  form: LiteralForm;
  quote: "'" | '"';
  escapeUnicode: boolean;
  escapeNewlines: boolean;
  splitEvery: number;
  joinWith: string;
}

function written(parts: readonly Part[], { form, quote, escapeUnicode, escapeNewlines, splitEvery, joinWith }: WriteStyle): string {
  const style = { quote, escapeUnicode };
  const hasHoles = parts.some((p) => 'hole' in p);
  switch (form) {
    case 'quoted':
      return hasHoles ? concatOf(parts, style, false) : quoted(parts.map((p) => ('text' in p ? p.text : '')).join(''), style);
    case 'template':
      return templateOf(parts, escapeNewlines);
    case 'concat':
      return concatOf(splitParts(parts, splitEvery), style, escapeNewlines);
    case 'join': {
      const elements = parts.map((p) => ('hole' in p ? p.hole : quoted(p.text.replace(/^[ \n\r-]+/, ''), style)));
      return `[\n  ${elements.join(',\n  ')},\n].join(${joinWith})`;
    }
  }
}

/** A prompt expression with its own parts. */
export const prompt: fc.Arbitrary<string> = promptParts.chain(promptExpression);

/** A long prompt written without interpolations (a system prompt worth caching). */
export const staticPrompt: fc.Arbitrary<string> = fc
  .tuple(longPolicy, separator)
  .map(([list, sep]): Part[] => [{ text: list.join(sep) }])
  .chain(promptExpression);
