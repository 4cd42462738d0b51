import type { Span } from '../../prompts/types';
import type { TextEdit } from '../types';

/**
 * Reading and extending an object literal from its source text (the span the finder gives, e.g.
 * `CallInfo.optionsSpan`), so a fix can add a property in the object's own style. A small scanner over
 * the characters (strings, template literals, comments, regular expressions and brackets are skipped
 * whole), not a syntax-tree walk.
 */

/** The top-level layout of an object literal. */
export interface ObjectLayout {
  /** Top-level property names in order; `...` for a spread, `[]` for a computed key. */
  keys: string[];
  /** Whether the object spreads another object (`{ ...defaults, model }`): its keys are not visible. */
  hasSpread: boolean;
  /** Whether the first property starts on a new line after `{`. */
  multiline: boolean;
  /** Offsets of each top-level property: start, and end of its last significant character. */
  properties: Span[];
  /** Offset of the comma after the last property, if there is one. */
  trailingComma?: number;
  /** Offset of the closing `}`. */
  close: number;
}

const OPEN = '([{';
const CLOSE = ')]}';
/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';

function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i + 1;
  }
  return i;
}

function skipComment(text: string, i: number): number {
  if (text[i + 1] === '/') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? text.length : close + 2;
}

function skipRegex(text: string, i: number): number {
  let inClass = false;
  for (i++; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') inClass = true;
    else if (text[i] === ']') inClass = false;
    else if (text[i] === '/' && !inClass) return i + 1;
  }
  return i;
}

function skipTemplate(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
    else if (text[i] === '$' && text[i + 1] === '{') i = skipBalanced(text, i + 1) - 1;
  }
  return i;
}

/**
 * Skips one token that must not be scanned character by character (string, template, comment, regex,
 * bracketed group); returns the offset after it, or undefined when `text[i]` starts none.
 */
function skipToken(text: string, i: number, prev: string): number | undefined {
  const c = text[i];
  if (c === '"' || c === "'") return skipQuoted(text, i);
  if (c === '`') return skipTemplate(text, i);
  if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return skipComment(text, i);
  if (c === '/' && (prev === '' || REGEX_AFTER.includes(prev))) return skipRegex(text, i);
  if (OPEN.includes(c)) return skipBalanced(text, i);
  return undefined;
}

/** From an opening bracket, the offset after its matching closing bracket. */
function skipBalanced(text: string, i: number): number {
  let prev = text[i];
  for (i++; i < text.length; ) {
    const c = text[i];
    if (CLOSE.includes(c)) return i + 1;
    const next = skipToken(text, i, prev);
    if (next !== undefined) {
      // After a string, group or regex a `/` divides; a comment leaves `prev` as it was.
      if (!(c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) prev = ')';
      i = next;
      continue;
    }
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return i;
}

function keyAt(text: string, i: number): string {
  if (text.startsWith('...', i)) return '...';
  const c = text[i];
  if (c === '"' || c === "'") return text.slice(i + 1, skipQuoted(text, i) - 1);
  if (c === '[') return '[]';
  const match = /^(?:(?:async|get|set)\s+)?\*?\s*([\w$]+)/.exec(text.slice(i, i + 200));
  return match ? match[1] : '';
}

/**
 * The layout of the object literal at `span` in `text`, or undefined when the span is not an object
 * literal the scanner can read with confidence.
 * @example readObjectLayout("f({ a: 1, b })", { start: 2, end: 13 })?.keys // ['a', 'b']
 */
export function readObjectLayout(text: string, span: Span): ObjectLayout | undefined {
  if (text[span.start] !== '{' || text[span.end - 1] !== '}') return undefined;
  if (skipBalanced(text, span.start) !== span.end) return undefined;
  const close = span.end - 1;
  const layout: ObjectLayout = { keys: [], hasSpread: false, multiline: false, properties: [], close };
  let i = span.start + 1;
  let prev = '{';
  let current: Span | undefined;
  while (i < close) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const isComment = c === '/' && (text[i + 1] === '/' || text[i + 1] === '*');
    if (isComment) {
      i = skipComment(text, i);
      continue;
    }
    if (c === ',') {
      if (current) layout.trailingComma = i;
      current = undefined;
      prev = ',';
      i++;
      continue;
    }
    if (!current) {
      current = { start: i, end: i };
      layout.properties.push(current);
      const key = keyAt(text, i);
      layout.keys.push(key);
      if (key === '...') layout.hasSpread = true;
      if (layout.properties.length === 1) layout.multiline = text.slice(span.start, i).includes('\n');
      layout.trailingComma = undefined;
    }
    const next = skipToken(text, i, prev) ?? i + 1;
    prev = next === i + 1 ? c : ')';
    current.end = next;
    i = next;
  }
  return layout;
}

/** The whitespace a line starts with, for the line that contains `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * Edits that add `property` (e.g. `max_tokens: 1024`) as the last property of an object literal, in the
 * object's style: on its own line with the same indentation in a multi-line object, inline otherwise;
 * keeping a trailing comma when the object has one, and keeping end-of-line comments on their line.
 * @example addPropertyEdits('f', 'x({ a: 1 })', layout, 'b: 2') // inserts ', b: 2' after '1'
 */
export function addPropertyEdits(file: string, text: string, layout: ObjectLayout, property: string): TextEdit[] {
  const last = layout.properties[layout.properties.length - 1];
  if (!last) {
    const open = text.lastIndexOf('{', layout.close);
    return [{ file, start: open + 1, end: layout.close, newText: ` ${property} ` }];
  }
  if (!layout.multiline) {
    if (layout.trailingComma !== undefined) return [{ file, start: layout.trailingComma + 1, end: layout.trailingComma + 1, newText: ` ${property},` }];
    return [{ file, start: last.end, end: last.end, newText: `, ${property}` }];
  }
  const indent = indentAt(text, last.start);
  const after = layout.trailingComma !== undefined ? layout.trailingComma + 1 : last.end;
  const lineEnd = endOfLineAfter(text, after, layout.close);
  if (layout.trailingComma !== undefined) return [{ file, start: lineEnd, end: lineEnd, newText: `\n${indent}${property},` }];
  if (lineEnd === last.end) return [{ file, start: last.end, end: last.end, newText: `,\n${indent}${property}` }];
  // `a: 1 // note`: the comma goes after the value, the new property after the comment.
  return [
    { file, start: last.end, end: last.end, newText: ',' },
    { file, start: lineEnd, end: lineEnd, newText: `\n${indent}${property}` },
  ];
}

/** Where to insert after `offset`: the end of its line when only a comment follows, else `offset` itself. */
function endOfLineAfter(text: string, offset: number, limit: number): number {
  const rest = text.slice(offset, limit);
  const nl = rest.indexOf('\n');
  const line = nl < 0 ? rest : rest.slice(0, nl);
  if (nl >= 0 && /^\s*\/\/.*$/.test(line)) return offset + nl;
  if (nl >= 0 && /^\s*\/\*.*\*\/\s*$/.test(line)) return offset + nl;
  return offset;
}
