import type { Span } from '../../prompts/types';

/**
 * Removing a whole string literal from source: an element of an array that is `.join(…)`ed into a
 * prompt, or an operand of a `+` concatenation of string literals. Derived from the file text around
 * the literal (quotes, commas, `+`), conservatively: anything unusual gives no edit.
 */

const QUOTES = new Set(['"', "'", '`']);

function skipSpace(text: string, i: number, step: 1 | -1): number {
  while (i >= 0 && i < text.length && /\s/.test(text[i])) i += step;
  return i;
}

/** Index just after the literal or comment that starts at `i` (a quote or `/`), or -1 when unterminated. */
function skipToken(text: string, i: number): number {
  const ch = text[i];
  if (ch === '/' && text[i + 1] === '/') return text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
  if (ch === '/' && text[i + 1] === '*') return text.indexOf('*/', i + 2) < 0 ? -1 : text.indexOf('*/', i + 2) + 2;
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === '\\') j += 2;
    else if (text[j] === ch) return j + 1;
    else if (ch === '`' && text[j] === '$' && text[j + 1] === '{') {
      const end = skipBalanced(text, j + 2, '}');
      if (end < 0) return -1;
      j = end;
    } else j++;
  }
  return -1;
}

/** Index just after the `close` bracket that ends the nesting level starting at `i`, or -1. */
function skipBalanced(text: string, i: number, close: string): number {
  const stack = [close];
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (QUOTES.has(ch) || (ch === '/' && (text[j + 1] === '/' || text[j + 1] === '*'))) {
      j = skipToken(text, j);
      if (j < 0) return -1;
      continue;
    }
    if (ch === '(') stack.push(')');
    else if (ch === '[') stack.push(']');
    else if (ch === '{') stack.push('}');
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return j + 1;
    }
    j++;
  }
  return -1;
}

/** Whether a literal's content span is a whole plain literal (quotes on both sides, no substitutions). */
function isWholeLiteral(text: string, span: Span): boolean {
  const open = text[span.start - 1];
  return QUOTES.has(open) && text[span.end] === open;
}

/** Removal of an array element `[…, "x", …].join(…)`: the element and one comma. */
function removeJoinedElement(text: string, open: number, close: number): Span | undefined {
  const before = skipSpace(text, open - 1, -1);
  const after = skipSpace(text, close, 1);
  if (text[before] !== '[' && text[before] !== ',') return undefined;
  if (text[after] !== ',' && text[after] !== ']') return undefined;
  const arrayEnd = text[after] === ']' ? after + 1 : skipBalanced(text, after, ']');
  if (arrayEnd < 0 || !/^\s*\.\s*join\s*\(/.test(text.slice(arrayEnd, arrayEnd + 40))) return undefined;
  const next = text[after] === ',' ? skipSpace(text, after + 1, 1) : after;
  // Not the last element: remove up to the next one. Last: remove from the comma before it.
  if (text[next] !== ']') return { start: open, end: next };
  return text[before] === ',' ? { start: before, end: close } : undefined;
}

/** Removal of an operand of `"a" + "x" + "b"` when a neighbour is a string literal too (so the sum stays a string). */
function removeConcatOperand(text: string, open: number, close: number): Span | undefined {
  const after = skipSpace(text, close, 1);
  const before = skipSpace(text, open - 1, -1);
  const isPlus = (i: number): boolean => text[i] === '+' && text[i - 1] !== '+' && text[i + 1] !== '+' && text[i + 1] !== '=';
  // A template right after an identifier or bracket is tagged (`dedent\`…\``): the tag would be left dangling.
  if (text[open] === '`' && /[\w$)\].]/.test(text[before] ?? '')) return undefined;
  if (isPlus(after)) {
    const next = skipSpace(text, after + 1, 1);
    return QUOTES.has(text[next]) ? { start: open, end: next } : undefined;
  }
  // The last operand: remove ` + "x"` back to the previous literal's closing quote, unless `"x"` is a receiver (`"x".trim()`).
  if (isPlus(before) && !/[.([`?]/.test(text[after] ?? '')) {
    const previous = skipSpace(text, before - 1, -1);
    if (QUOTES.has(text[previous])) return { start: previous + 1, end: close };
  }
  return undefined;
}

/**
 * The file range to delete to remove a whole string literal whose content is `span`: an element of an
 * array joined into a prompt (with one comma), or an operand of a string concatenation (with one `+`).
 * Undefined for any other place (a message's `content`, a function argument…).
 * @example
 * // ['You classify tickets.', 'Reply with one label.', 'Reply with one label.'].join('\n')
 * wholeLiteralRemoval(text, spanOfThirdContent) // → covers `, 'Reply with one label.'`
 */
export function wholeLiteralRemoval(text: string, span: Span): Span | undefined {
  if (!isWholeLiteral(text, span)) return undefined;
  const open = span.start - 1;
  const close = span.end + 1;
  return removeJoinedElement(text, open, close) ?? removeConcatOperand(text, open, close);
}
