/**
 * Reading and writing the raw content of JavaScript string and template literals: escapes decoded
 * with the raw offset of every cooked character, and cooked text written back as raw content.
 */

/** A raw literal's content decoded, with the raw offset where each cooked code unit starts. */
export interface Decoded {
  text: string;
  /** `rawAt[i]`: raw offset of cooked unit i (`rawAt[text.length]` = raw length); undefined inside a multi-unit escape. */
  rawAt: (number | undefined)[];
}

/** The quote of a literal; template middles and tails (after `}`) count as '`'. */
export type Quote = '"' | "'" | '`';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);

/** The quote of the literal whose content starts at `start` (`}` starts a template's middle or tail). */
export function quoteBefore(fileText: string, start: number): Quote | undefined {
  const ch = fileText[start - 1];
  if (ch === '"' || ch === "'" || ch === '`') return ch;
  return ch === '}' ? '`' : undefined;
}

function hexValue(hex: string): number | undefined {
  return /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : undefined;
}

/** The escape sequence at `raw[i]` (a backslash): its value and raw length; undefined for escapes not mapped. */
function escapeAt(raw: string, i: number): { value: string; length: number } | undefined {
  const next = raw[i + 1];
  if (next === undefined) return undefined;
  if (next === '\r' && raw[i + 2] === '\n') return { value: '', length: 3 }; // line continuation
  if (LINE_BREAKS.has(next)) return { value: '', length: 2 };
  if (next in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[next], length: 2 };
  if (next === '0' && !/[0-9]/.test(raw[i + 2] ?? '')) return { value: '\0', length: 2 };
  if (/[0-9]/.test(next)) return undefined; // legacy octal
  if (next === 'x') {
    const hex = raw.slice(i + 2, i + 4);
    const value = hex.length === 2 ? hexValue(hex) : undefined;
    return value === undefined ? undefined : { value: String.fromCharCode(value), length: 4 };
  }
  if (next === 'u') {
    const braced = raw[i + 2] === '{';
    const close = braced ? raw.indexOf('}', i + 3) : i + 6;
    const hex = braced ? raw.slice(i + 3, close) : raw.slice(i + 2, i + 6);
    const value = close < 0 || (!braced && hex.length < 4) ? undefined : hexValue(hex);
    if (value === undefined || value > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(value), length: close + (braced ? 1 : 0) - i };
  }
  return { value: next, length: 2 };
}

/** Decodes the raw content of a string or template literal; undefined when it is not a valid, simple literal. */
export function decode(raw: string, quote: Quote): Decoded | undefined {
  let text = '';
  const rawAt: (number | undefined)[] = [];
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    let value = ch;
    let length = 1;
    if (ch === '\\') {
      const escape = escapeAt(raw, i);
      if (!escape) return undefined;
      ({ value, length } = escape);
    } else if (quote === '`') {
      if (ch === '`' || (ch === '$' && raw[i + 1] === '{')) return undefined;
      if (ch === '\r') [value, length] = ['\n', raw[i + 1] === '\n' ? 2 : 1];
    } else if (ch === quote || ch === '\n' || ch === '\r') return undefined;
    for (let k = 0; k < value.length; k++) rawAt.push(k === 0 ? i : undefined);
    text += value;
    i += length;
  }
  rawAt.push(raw.length);
  return { text, rawAt };
}

/** Writes cooked text as raw literal content for a literal with this quote. */
export function encode(text: string, quote: Quote): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (quote === '`') out += ch === '`' ? '\\`' : ch === '$' ? '\\$' : ch;
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return out;
}
