import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { getProperty, numericValue, textOf, unwrap } from './syntax';
import { allReturns, countLike, lastReturn, localFunction, mutatedWithBound, numberOf, parameterUses } from './value-sources';

/**
 * Whether chat history or retrieved documents are visibly bounded: `.slice(-n)`, `trimMessages`, a
 * retriever or search with `k`/`topK`/`limit`, a query with `take`/`.limit(n)`/SQL `LIMIT`, following
 * identifiers, destructuring, local functions and parameters (see findBound).
 */

/** Options of a retriever, search or query call that bound how many documents come back. */
const RETRIEVAL_BOUND_KEYS = [
  'k', 'topK', 'top_k', 'topN', 'top_n', 'similarityTopK', 'limit', 'match_count', 'matchCount', 'numResults', 'num_results',
  'maxResults', 'max_results', 'n_results', 'nResults', 'size', 'maxDocs', 'maxK', 'take', 'count', 'first',
];

/** Options of a call that loads chat history and bound how many messages come back (Prisma `take`, `limit`, window `k`). */
const HISTORY_BOUND_KEYS = ['take', 'limit', 'last', 'k', 'lastN', 'maxMessages', 'max_messages', 'maxTurns', 'max_turns', 'windowSize', 'maxTokenLimit', 'maxTokens'];

/** Calls that return documents; their second argument (or an options object) is the k. */
const SEARCH_METHODS = /^(similaritySearch\w*|maxMarginalRelevanceSearch|search|query|hybridSearch|vectorSearch|retrieve|fetchDocs)$/;

/** Calls on a retriever that return its documents. */
const RETRIEVER_METHODS = /^(invoke|getRelevantDocuments|_getRelevantDocuments|retrieve|call)$/;

/** Query-builder and collection calls whose argument caps the rows (`.limit(4)`, `_.take(docs, 5)`). */
const LIMIT_METHODS = /^(limit|withLimit|take|takeLast|takeRight|top|topK|first|head)$/;

/** Calls whose name says they trim or summarise history (a visible bound). */
const HISTORY_BOUND_CALLS = /trim|truncat|limit|prune|window|summar|compact|fitTo|lastN|recent|takeLast|takeRight|slice/i;

/** A SQL `LIMIT` in a query string or template. */
const SQL_LIMIT = /\bLIMIT\s+(\d+|\$|\?|:|@)/i;

/** Object properties that hold a retriever another retriever or chain wraps. */
const WRAPPED_RETRIEVER = /^(retriever|baseRetriever|base_retriever|baseCompressor|vectorStore|vectorstore)$/;

/**
 * Files where a LangChain history placeholder is fed through a visible bound: `trimMessages`, window or
 * summary memories, a token limit, `.slice(-n)`.
 */
const PLACEHOLDER_BOUNDS = /\btrimMessages\b|BufferWindowMemory|ConversationSummary\w*Memory|ConversationTokenBufferMemory|\bmaxTokenLimit\b|\.slice\(\s*-|\bsummari[sz]e\w*\(/;

/** How deep bound detection follows declarations and wrappers. */
const MAX_FOLLOW = 12;

export interface BoundResult {
  bounded: boolean;
  bound?: number;
  /** The literal giving the bound, for a fix that changes it. */
  boundNode?: { index: FileIndex; node: ts.Node };
}

export type Kind = 'history' | 'retrieval';

const UNBOUNDED: BoundResult = { bounded: false };

/** The literal node a bound comes from, when the bound is written as a literal at that place. */
function literalNode(expr: ts.Expression | undefined, index: FileIndex): BoundResult['boundNode'] {
  const e = expr && unwrap(expr);
  return e && ts.isNumericLiteral(e) ? { index, node: e } : undefined;
}

function sliceBound(call: ts.CallExpression, index: FileIndex, resolver: Resolver): BoundResult | undefined {
  const [a, b] = call.arguments;
  const first = numberOf(a, index, resolver);
  const second = numberOf(b, index, resolver);
  if (first !== undefined && first < 0 && !b) return { bounded: true, bound: -first };
  if (b) return { bounded: true, bound: second !== undefined && first !== undefined ? Math.abs(second - first) : undefined, boundNode: first === 0 ? literalNode(b, index) : undefined };
  // `.slice(-max)`, `.slice(history.length - n)`: a window whose size is not visible.
  if (a && first === undefined) return { bounded: true };
  return undefined;
}

function objectBound(obj: ts.ObjectLiteralExpression, keys: readonly string[], index: FileIndex, resolver: Resolver): BoundResult | undefined {
  for (const key of keys) {
    const value = getProperty(obj, key);
    if (value) return { bounded: true, bound: numberOf(value, index, resolver), boundNode: literalNode(value, index) };
  }
  return undefined;
}

/** A string or template argument of a call (or a tagged template) with a SQL `LIMIT`. */
function sqlLimit(node: ts.CallExpression | ts.TaggedTemplateExpression, index: FileIndex): BoundResult | undefined {
  const texts = ts.isTaggedTemplateExpression(node) ? [node.template] : node.arguments.map(unwrap);
  for (const t of texts) {
    if (!ts.isStringLiteralLike(t) && !ts.isTemplateExpression(t)) continue;
    const match = SQL_LIMIT.exec(textOf(t, index.sourceFile));
    if (match) return { bounded: true, bound: /^\d+$/.test(match[1]) ? Number(match[1]) : undefined };
  }
  return undefined;
}

/** Whether a LangChain history placeholder (`new MessagesPlaceholder('history')`, `['placeholder', '{chat_history}']`) is this expression. */
function isPlaceholder(e: ts.Expression): boolean {
  if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'MessagesPlaceholder';
  return ts.isArrayLiteralExpression(e) && e.elements.length === 2 && ts.isStringLiteralLike(e.elements[0]) && e.elements[0].text === 'placeholder';
}

/**
 * A parameter is bounded when its function is called in the same file and every call passes a bounded
 * value or an array literal (whose own spreads are reported where they are written); `retriever.pipe(fn)`
 * passes the retriever's documents as the first parameter. No caller in the file: the bound is not visible.
 */
function parameterBound(nameNode: ts.Node, index: FileIndex, resolver: Resolver, kind: Kind, depth: number): BoundResult {
  const uses = parameterUses(nameNode, index);
  if (!uses) return UNBOUNDED;
  const { calls, pipes, position } = uses;
  let bound: number | undefined;
  for (const pipe of pipes) {
    const result = findBound((unwrap(pipe.expression) as ts.PropertyAccessExpression).expression, index, resolver, kind, depth + 1);
    if (!result.bounded) return UNBOUNDED;
    if (result.bound !== undefined) bound = Math.max(bound ?? 0, result.bound);
  }
  for (const call of calls) {
    const arg = call.arguments[position];
    if (!arg) return UNBOUNDED;
    if (ts.isArrayLiteralExpression(unwrap(arg))) continue;
    const result = findBound(arg, index, resolver, kind, depth + 1);
    if (!result.bounded) return UNBOUNDED;
    if (result.bound !== undefined) bound = Math.max(bound ?? 0, result.bound);
  }
  return { bounded: true, bound };
}

/** Follows a call: its bound, or the bound of what it reads. */
function callBound(e: ts.CallExpression, index: FileIndex, resolver: Resolver, kind: Kind, depth: number): BoundResult {
  const callee = unwrap(e.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (method === 'slice' || method === 'splice') {
    const bound = sliceBound(e, index, resolver);
    if (bound) return bound;
  }
  if (LIMIT_METHODS.test(method)) {
    // `.limit(4)`, `.take(5)`, or `_.take(docs, 5)` / `takeRight(history, 10)`.
    const countArg = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && /^(_|lodash|R)$/.test(callee.expression.getText(index.sourceFile))) ? e.arguments[1] : e.arguments[0];
    if (countLike(countArg)) return { bounded: true, bound: numberOf(countArg, index, resolver), boundNode: literalNode(countArg, index) };
  }
  const sql = sqlLimit(e, index);
  if (sql) return sql;
  const all = /^Promise\.(all|allSettled)$/.test(callee.getText(index.sourceFile)) && e.arguments[0] ? unwrap(e.arguments[0]) : undefined;
  if (all && ts.isArrayLiteralExpression(all)) {
    // const [a, b] = await Promise.all([search(x, 3), search(y, 3)]): bounded when every element is.
    return arrayBound(all, index, resolver, kind, depth, true);
  }
  if (all && ts.isCallExpression(all) && ts.isPropertyAccessExpression(all.expression) && all.expression.name.text === 'map' && all.arguments[0]) {
    // Promise.all(queries.map((q) => store.similaritySearch(q, 3))): k documents per query.
    const returned = lastReturn(all.arguments[0]);
    const each = returned ? findBound(returned, index, resolver, kind, depth + 1) : UNBOUNDED;
    return each.bounded ? { bounded: true } : UNBOUNDED;
  }
  for (const arg of e.arguments) {
    const a = unwrap(arg);
    if (!ts.isObjectLiteralExpression(a)) continue;
    const bound = objectBound(a, kind === 'history' ? HISTORY_BOUND_KEYS : RETRIEVAL_BOUND_KEYS, index, resolver);
    if (bound) return bound;
    if (kind === 'retrieval') {
      const wrapped = wrappedRetrieverBound(a, index, resolver, depth);
      if (wrapped) return wrapped;
    }
  }
  if (kind === 'history' && HISTORY_BOUND_CALLS.test(method)) return { bounded: true, bound: numberOf(e.arguments[1], index, resolver) };
  if (kind === 'retrieval') {
    if (SEARCH_METHODS.test(method) && countLike(e.arguments[1])) {
      return { bounded: true, bound: numberOf(e.arguments[1], index, resolver), boundNode: literalNode(e.arguments[1], index) };
    }
    // asRetriever(4) is bounded; asRetriever() and asRetriever({ filter }) use the library's default k.
    if (method === 'asRetriever') return countLike(e.arguments[0]) ? { bounded: true, bound: numberOf(e.arguments[0], index, resolver), boundNode: literalNode(e.arguments[0], index) } : UNBOUNDED;
    if (RETRIEVER_METHODS.test(method) && ts.isPropertyAccessExpression(callee)) {
      const receiver = findBound(callee.expression, index, resolver, kind, depth + 1);
      if (receiver.bounded) return receiver;
    }
  }
  // Follow the receiver of chained calls: docs.slice(0, 4).map(...), history.filter(...).
  if (ts.isPropertyAccessExpression(callee)) return findBound(callee.expression, index, resolver, kind, depth + 1);
  // A local function: what it returns (`const docs = await retrieve(q)` where retrieve queries with topK).
  // A local function: bounded when every value it returns is (`return JSON.parse(…)` beside a `return []` fallback is not).
  const local = localFunction(callee, index, resolver);
  const returns = local ? allReturns(local.fn) : [];
  if (local && returns.length > 0) {
    const results = returns.map((r) => findBound(r, local.index, resolver, kind, depth + 1));
    if (results.every((r) => r.bounded)) return results.find((r) => r.bound !== undefined) ?? results[0];
  }
  if (e.arguments.length > 0 && /^(convert|format|to|map)/i.test(method)) return findBound(e.arguments[0], index, resolver, kind, depth + 1);
  return UNBOUNDED;
}

/** A retriever wrapping another one (`{ retriever }`, `{ baseRetriever, baseCompressor }`): bounded when a wrapped part is. */
function wrappedRetrieverBound(obj: ts.ObjectLiteralExpression, index: FileIndex, resolver: Resolver, depth: number): BoundResult | undefined {
  for (const prop of obj.properties) {
    if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
    if (!ts.isIdentifier(prop.name) || !WRAPPED_RETRIEVER.test(prop.name.text)) continue;
    const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
    const result = findBound(value, index, resolver, 'retrieval', depth + 1);
    if (result.bounded) return result;
  }
  return undefined;
}

/** An array literal: a fixed number of elements plus its spreads; bounded when every spread is. */
function arrayBound(array: ts.ArrayLiteralExpression, index: FileIndex, resolver: Resolver, kind: Kind, depth: number, elementsAreCollections = false): BoundResult {
  let total = 0;
  let known = true;
  for (const el of array.elements) {
    if (!ts.isSpreadElement(el) && !elementsAreCollections) {
      total++;
      continue;
    }
    const result = findBound(ts.isSpreadElement(el) ? el.expression : el, index, resolver, kind, depth + 1);
    if (!result.bounded) return UNBOUNDED;
    if (result.bound === undefined) known = false;
    else total = elementsAreCollections ? Math.max(total, result.bound) : total + result.bound;
  }
  return { bounded: true, bound: known ? total : undefined };
}

/**
 * Whether the collection an expression yields (chat history or retrieved documents) is visibly bounded:
 * `.slice(-n)`, `.slice(0, k)`, `trimMessages`, a retriever or search with `k`/`topK`/`limit`, a query
 * with `take`/`.limit(n)`/SQL `LIMIT`. Follows identifiers to their declarations (also across files),
 * destructuring, local functions' return values, and a parameter to its callers in the same file.
 */
export function findBound(expr: ts.Expression, index: FileIndex, resolver: Resolver, kind: Kind, depth = 0): BoundResult {
  if (depth > MAX_FOLLOW) return UNBOUNDED;
  const e = unwrap(expr);
  if (kind === 'history' && isPlaceholder(e)) return PLACEHOLDER_BOUNDS.test(index.sourceFile.text) ? { bounded: true } : UNBOUNDED;
  if (ts.isCallExpression(e)) return callBound(e, index, resolver, kind, depth);
  if (ts.isTaggedTemplateExpression(e)) return sqlLimit(e, index) ?? UNBOUNDED;
  if (ts.isNewExpression(e)) {
    const arg = e.arguments?.[0] && unwrap(e.arguments[0]);
    if (!arg || !ts.isObjectLiteralExpression(arg)) return UNBOUNDED;
    return objectBound(arg, kind === 'history' ? HISTORY_BOUND_KEYS : RETRIEVAL_BOUND_KEYS, index, resolver) ?? (kind === 'retrieval' ? wrappedRetrieverBound(arg, index, resolver, depth) : undefined) ?? UNBOUNDED;
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return findBound(e.left, index, resolver, kind, depth + 1);
  }
  if (ts.isConditionalExpression(e)) {
    const a = findBound(e.whenTrue, index, resolver, kind, depth + 1);
    const b = findBound(e.whenFalse, index, resolver, kind, depth + 1);
    return a.bounded && b.bounded ? { bounded: true, bound: a.bound !== undefined && b.bound !== undefined ? Math.max(a.bound, b.bound) : undefined } : UNBOUNDED;
  }
  if (ts.isArrayLiteralExpression(e)) return arrayBound(e, index, resolver, kind, depth);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    // `this.messages` kept short with `this.messages.shift()` / `= this.messages.slice(-n)` elsewhere in the file.
    if (ts.isPropertyAccessExpression(e) && kind === 'history' && mutatedWithBound(index, textOf(e, index.sourceFile))) return { bounded: true };
    return findBound(e.expression, index, resolver, kind, depth + 1);
  }
  if (ts.isIdentifier(e)) return identifierBound(e, index, resolver, kind, depth);
  return UNBOUNDED;
}

function identifierBound(e: ts.Identifier, index: FileIndex, resolver: Resolver, kind: Kind, depth: number): BoundResult {
  const resolved = resolver.resolveName(index, e.text, e);
  if (!resolved) return UNBOUNDED;
  const { decl } = resolved;
  const init = decl.kind === 'variable' ? (decl.init as ts.Expression | undefined) : undefined;
  if (init) {
    const value = unwrap(init);
    // An array that is pushed to grows: its literal size is no bound.
    const pushed = ts.isArrayLiteralExpression(value) && resolved.index.pushes.has(e.text);
    // Destructuring (`const { matches } = await index.query({ topK })`): the call's bound covers the property.
    const result = pushed ? UNBOUNDED : findBound(init, resolved.index, resolver, kind, depth + 1);
    if (result.bounded) return result;
  }
  if (mutatedWithBound(resolved.index, e.text)) return { bounded: true };
  if (decl.kind === 'parameter') return parameterBound(decl.node, resolved.index, resolver, kind, depth);
  // A variable reassigned later (`history = history.slice(-10)`) is bounded by that assignment.
  if (reassignedWithBound(resolved.index, e.text, resolver, kind, depth)) return { bounded: true };
  return UNBOUNDED;
}

function reassignedWithBound(index: FileIndex, name: string, resolver: Resolver, kind: Kind, depth: number): boolean {
  // Cheap text check first: most files never reassign.
  if (!index.sourceFile.text.includes(`${name} = `)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name) {
      const right = unwrap(node.right);
      // `history = history.slice(0, 1)` (a reset to the system message) is no bound on growth.
      const reset = ts.isCallExpression(right) && ts.isPropertyAccessExpression(right.expression) && right.expression.name.text === 'slice' && numericValue(right.arguments[0]) === 0;
      if (!reset && !ts.isArrayLiteralExpression(right) && findBound(node.right, index, resolver, kind, depth + 1).bounded) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(index.sourceFile);
  return found;
}
