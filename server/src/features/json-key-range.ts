import { ts } from 'ts-morph';
import type { Span } from '../prompts/types';

/** Where an `invalid JSON at 3:14: …` issue message points (1-based line and column). */
const JSON_ERROR_POSITION = /^invalid JSON at (\d+):(\d+)/;

/**
 * The span of the key that a dotted configuration key path names inside a JSON text: the deepest property
 * of the path that exists (so an unknown nested key points at its parent when it cannot be found). Keys may
 * contain dots themselves (`budgets.src/*.ts.maxTokens`): longer keys are tried first. An empty path, or
 * text that is not a JSON object, yields the first character of the text.
 * @example keyPathSpan('{"budgets": {"role:system": {"maxTokens": -5}}}', 'budgets.role:system.maxTokens') // { start: 29, end: 40 }
 */
export function keyPathSpan(text: string, path: string): Span {
  const fallback = firstCharacter(text);
  if (path === '') return fallback;
  let root: ts.Expression | undefined;
  try {
    root = ts.parseJsonText('config.json', text).statements[0]?.expression;
  } catch {
    return fallback;
  }
  if (!root || !ts.isObjectLiteralExpression(root)) return fallback;
  return find(root, path, text) ?? fallback;
}

/**
 * The span an `invalid JSON at L:C` message points to (one character), or undefined for other messages.
 * @example jsonErrorSpan('{"a": 1,}', "invalid JSON at 1:9: trailing comma before '}'") // { start: 8, end: 9 }
 */
export function jsonErrorSpan(text: string, message: string): Span | undefined {
  const match = JSON_ERROR_POSITION.exec(message);
  if (!match) return undefined;
  const body = text.startsWith('\uFEFF') ? 1 : 0;
  const [line, column] = [Number(match[1]) - 1, Number(match[2]) - 1];
  let offset = body;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  const start = Math.min(offset + column, text.length);
  return { start, end: Math.min(start + 1, text.length) };
}

function firstCharacter(text: string): Span {
  const start = Math.max(0, text.search(/\S/));
  return { start, end: Math.min(start + 1, text.length) };
}

/** Property name text of a JSON property (a string literal in JSON). */
function keyOf(property: ts.ObjectLiteralElementLike): { key: string; node: ts.Node; value: ts.Expression } | undefined {
  if (!ts.isPropertyAssignment(property)) return undefined;
  const name = property.name;
  const key = ts.isStringLiteral(name) || ts.isIdentifier(name) || ts.isNumericLiteral(name) ? name.text : undefined;
  return key === undefined ? undefined : { key, node: name, value: property.initializer };
}

function find(node: ts.Expression, rest: string, text: string): Span | undefined {
  const children: { key: string; node: ts.Node; value: ts.Expression }[] = [];
  if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      const child = keyOf(property);
      if (child) children.push(child);
    }
  } else if (ts.isArrayLiteralExpression(node)) {
    node.elements.forEach((value, index) => children.push({ key: String(index), node: value, value }));
  }
  children.sort((a, b) => b.key.length - a.key.length);
  for (const child of children) {
    if (rest === child.key) return spanOf(child.node, text);
    if (rest.startsWith(child.key + '.')) return find(child.value, rest.slice(child.key.length + 1), text) ?? spanOf(child.node, text);
  }
  return undefined;
}

/** A node's span without its leading whitespace. */
function spanOf(node: ts.Node, text: string): Span {
  let start = node.pos;
  while (start < node.end && /\s/.test(text[start])) start++;
  return { start, end: node.end };
}
