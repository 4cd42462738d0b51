import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { getProperty, numericValue, rootIdentifier, textOf, unwrap } from './syntax';
import type { Injection } from './types';

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
/** Properties read off retrieved documents when they are joined into text. */
const DOC_FIELDS = /pageContent|page_content|content|text|chunk|snippet|body|passage/i;
/** Names of variables that hold retrieved documents. */
const DOC_NAMES = /doc|chunk|passage|result|match|source|hit|context|retriev|snippet|record|node/i;
/** Names that only retrieved documents have (a join over them is a retrieval join whatever the callback reads). */
const RETRIEVED_NAMES = /^(docs|documents|chunks|passages|excerpts|\w*Excerpts|snippets|retrieved\w*|relevant\w*|\w*Docs|\w*Chunks|\w*Documents|searchResults|matches|hits)$/;
/** Properties of query results that hold the documents themselves (Chroma `results.documents[0]`). */
const DOC_COLLECTION_PROPERTIES = /^(documents|docs|chunks|passages|contexts)$/;
/** Names of chat records: a `.map(...).join(...)` over them is a transcript, not retrieval. */
const TRANSCRIPT_NAMES = /history|messages|conversation|transcript|thread|replies|turns|chat/i;
/** A join callback that reads who spoke (`m.role`, `m.author`, `m.user`): a transcript. */
const TRANSCRIPT_FIELDS = /\.(role|author|user|sender|speaker)\b/;
/** LangChain helpers that join documents into one string. */
const FORMAT_HELPERS = /^(formatDocumentsAsString|formatDocs|combineDocuments|formatContext|docsToString)$/;
/** LangChain chain factories that stuff every document their retriever returns into the prompt. */
const RETRIEVAL_CHAINS = /^(createRetrievalChain|RetrievalQAChain|ConversationalRetrievalQAChain)$/;

/** How deep bound detection follows declarations and wrappers. */
const MAX_FOLLOW = 12;

interface BoundResult {
  bounded: boolean;
  bound?: number;
  /** The literal giving the bound, for a fix that changes it. */
  boundNode?: { index: FileIndex; node: ts.Node };
}

type Kind = 'history' | 'retrieval';

const UNBOUNDED: BoundResult = { bounded: false };

/** The value of a numeric literal, `-literal`, or a constant holding one (`TOP_K`, `-MAX_TURNS`). */
function numberOf(expr: ts.Expression | undefined, index: FileIndex, resolver: Resolver): number | undefined {
  if (!expr) return undefined;
  const direct = numericValue(expr);
  if (direct !== undefined) return direct;
  const e = unwrap(expr);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const inner = numberOf(e.operand, index, resolver);
    return inner === undefined ? undefined : -inner;
  }
  if (ts.isIdentifier(e)) {
    const resolved = resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && resolved.decl.isConst && !resolved.decl.property ? resolved.decl.init : undefined;
    return init ? numericValue(init as ts.Expression) : undefined;
  }
  return undefined;
}

/** The literal node a bound comes from, when the bound is written as a literal at that place. */
function literalNode(expr: ts.Expression | undefined, index: FileIndex): BoundResult['boundNode'] {
  const e = expr && unwrap(expr);
  return e && ts.isNumericLiteral(e) ? { index, node: e } : undefined;
}

/** Whether an argument can be a count (a number, a constant, an expression), not a filter object or a callback. */
function countLike(expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  return !ts.isObjectLiteralExpression(e) && !ts.isArrowFunction(e) && !ts.isFunctionExpression(e) && !ts.isStringLiteralLike(e) && !ts.isArrayLiteralExpression(e);
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

/** The expression a function returns (an arrow's body, or its last `return`). */
function lastReturn(fn: ts.Node): ts.Expression | undefined {
  const body = ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn) ? fn.body : undefined;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  let last: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) last = node.expression;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return last;
}

/** The local function a callee names (declaration, arrow or function expression), with its file. */
function localFunction(callee: ts.Expression, index: FileIndex, resolver: Resolver): { index: FileIndex; fn: ts.Node } | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const resolved = resolver.resolveName(index, callee.text, callee);
  if (!resolved) return undefined;
  if (resolved.decl.kind === 'function') return { index: resolved.index, fn: resolved.decl.node };
  const init = resolved.decl.kind === 'variable' && !resolved.decl.property && resolved.decl.init ? unwrap(resolved.decl.init as ts.Expression) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? { index: resolved.index, fn: init } : undefined;
}

/** The calls in a file that pass a value for a parameter (and `x.pipe(fn)` for a first parameter); undefined when there are none. */
function parameterUses(nameNode: ts.Node, index: FileIndex): { calls: ts.CallExpression[]; pipes: ts.CallExpression[]; position: number } | undefined {
  const param = nameNode.parent;
  if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name)) return undefined;
  const fn = param.parent;
  const name = functionName(fn);
  const position = (fn as ts.SignatureDeclaration).parameters?.indexOf(param) ?? -1;
  if (!name || position < 0) return undefined;
  const calls = index.calls.filter((c) => {
    const callee = unwrap(c.expression);
    return (ts.isIdentifier(callee) && callee.text === name) || (ts.isPropertyAccessExpression(callee) && callee.name.text === name && ts.isMethodDeclaration(fn));
  });
  const pipes = position === 0 ? index.calls.filter((c) => isPipeOf(c, name)) : [];
  return calls.length > 0 || pipes.length > 0 ? { calls, pipes, position } : undefined;
}

/** Whether a parameter (its name node) receives values from calls in its own file. */
export function hasCallersInFile(nameNode: ts.Node, index: FileIndex): boolean {
  return parameterUses(nameNode, index) !== undefined;
}

/** `x.pipe(name)`: a runnable piping its output into the function `name`. */
function isPipeOf(call: ts.CallExpression, name: string): boolean {
  const callee = unwrap(call.expression);
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'pipe' && !!arg && ts.isIdentifier(arg) && arg.text === name;
}

/** The name a function is called by in its file (`function f`, `const f = () =>`, a method `f`). */
function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
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

/**
 * Whether a file keeps an array short by mutating it: `history.shift()`, `history.splice(…)`,
 * `history.length = n`, `history = history.slice(-n)` (also for `this.messages`).
 */
export function mutatedWithBound(index: FileIndex, name: string): boolean {
  const text = index.sourceFile.text;
  if (!text.includes(name)) return false;
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `.length = 0` empties the array (a reset), which is no bound on growth.
  return new RegExp(`(^|[^\\w$.])${n}\\s*\\.\\s*(shift|splice)\\(|(^|[^\\w$.])${n}\\.length\\s*=\\s*(?!0\\b)[^=\\s]|(^|[^\\w$.])${n}\\s*=\\s*[^;\\n]*\\.slice\\(\\s*-`).test(text);
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
  if (callee.getText(index.sourceFile).match(/^Promise\.(all|allSettled)$/) && e.arguments[0] && ts.isArrayLiteralExpression(unwrap(e.arguments[0]))) {
    // const [a, b] = await Promise.all([search(x, 3), search(y, 3)]): bounded when every element is.
    return arrayBound(unwrap(e.arguments[0]) as ts.ArrayLiteralExpression, index, resolver, kind, depth, true);
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
  const local = localFunction(callee, index, resolver);
  const returned = local ? lastReturn(local.fn) : undefined;
  if (local && returned) {
    const result = findBound(returned, local.index, resolver, kind, depth + 1);
    if (result.bounded) return result;
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

/** The identifier a collection expression starts from, looking through `(a ?? [])`, `a || []` and `convertToModelMessages(a)`. */
function collectionRoot(expr: ts.Expression): ts.Identifier | undefined {
  const e = unwrap(expr);
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && /^(convert|format|to|map)/i.test(e.expression.text) && e.arguments.length > 0) return collectionRoot(e.arguments[0]);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return collectionRoot(e.left);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) {
    const inner = unwrap(e.expression);
    return ts.isIdentifier(inner) ? inner : collectionRoot(inner);
  }
  return rootIdentifier(e);
}

/**
 * Recognises retrieved documents joined into text: `docs.map(d => d.pageContent).join('\n')`,
 * `formatDocumentsAsString(docs)`, `retriever.pipe(formatDocumentsAsString)`, Chroma's
 * `results.documents[0].join(…)`, and LangChain retrieval chains (`createRetrievalChain({ retriever })`,
 * `RetrievalQAChain.fromLLM(llm, retriever)`), which stuff every document into the prompt.
 * Returns the collection (or retriever) whose size decides how much text is joined.
 */
export function retrievalJoin(expr: ts.Expression, index: FileIndex, resolver?: Resolver): ts.Expression | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  // A library helper (LangChain's formatDocumentsAsString); a local function of that name has its own join inside.
  const libraryHelper = ts.isIdentifier(callee) && !(resolver && index.declarations.has(callee.text));
  if (libraryHelper && FORMAT_HELPERS.test((callee as ts.Identifier).text) && e.arguments.length > 0) {
    return e.arguments[0];
  }
  const chain = retrievalChain(e, callee);
  if (chain) return chain;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (callee.name.text === 'pipe') {
    // retriever.pipe(formatDocumentsAsString): every document the retriever returns, as one string.
    // (A local `formatDocs` has its own join, whose parameter is bounded by this retriever: see parameterBound.)
    const arg = e.arguments[0] && unwrap(e.arguments[0]);
    return arg && ts.isIdentifier(arg) && FORMAT_HELPERS.test(arg.text) && !index.declarations.has(arg.text) ? callee.expression : undefined;
  }
  if (callee.name.text !== 'join') return undefined;
  const receiver = unwrap(callee.expression);
  if (ts.isCallExpression(receiver)) return mappedCollection(receiver, index);
  // results.documents[0].join('\n\n'): the documents of a vector-store query result, joined as they are.
  let access: ts.Expression = receiver;
  while (ts.isElementAccessExpression(access)) access = unwrap(access.expression);
  return ts.isPropertyAccessExpression(access) && DOC_COLLECTION_PROPERTIES.test(access.name.text) ? receiver : undefined;
}

/** The retriever a LangChain retrieval chain factory is given. */
function retrievalChain(e: ts.CallExpression, callee: ts.Expression): ts.Expression | undefined {
  if (ts.isIdentifier(callee) && RETRIEVAL_CHAINS.test(callee.text)) {
    const options = e.arguments[0] && unwrap(e.arguments[0]);
    return options && ts.isObjectLiteralExpression(options) ? getProperty(options, 'retriever') : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fromLLM' && ts.isIdentifier(callee.expression) && RETRIEVAL_CHAINS.test(callee.expression.text)) {
    return e.arguments[1];
  }
  return undefined;
}

/** `docs.map(d => d.pageContent)`: the collection, when the mapped items read as retrieved documents. */
function mappedCollection(receiver: ts.CallExpression, index: FileIndex): ts.Expression | undefined {
  const mapCallee = unwrap(receiver.expression);
  if (!ts.isPropertyAccessExpression(mapCallee) || mapCallee.name.text !== 'map') return undefined;
  const collection = mapCallee.expression;
  const root = collectionRoot(collection);
  const fn = receiver.arguments[0];
  const fnText = fn ? textOf(fn, index.sourceFile) : '';
  const explicit = /pageContent|page_content/.test(fnText);
  // A transcript (`history.map(m => `${m.role}: ${m.content}`)`) is chat history, not retrieval.
  if (!explicit && ((root && TRANSCRIPT_NAMES.test(root.text) && !RETRIEVED_NAMES.test(root.text)) || TRANSCRIPT_FIELDS.test(fnText))) return undefined;
  const docLike = (DOC_FIELDS.test(fnText) && (!root || DOC_NAMES.test(root.text) || explicit)) || (!!root && RETRIEVED_NAMES.test(root.text));
  return docLike ? collection : undefined;
}

/**
 * Recognises chat history joined into text (a transcript): `history.map(m => `${m.role}: ${m.content}`).join('\n')`.
 * Returns the collection (for a `history` injection), or undefined when the join is not over chat records.
 */
export function historyJoin(expr: ts.Expression, index: FileIndex): ts.Expression | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return undefined;
  const receiver = unwrap(callee.expression);
  if (!ts.isCallExpression(receiver) || mappedCollection(receiver, index)) return undefined;
  const mapCallee = unwrap(receiver.expression);
  if (!ts.isPropertyAccessExpression(mapCallee) || mapCallee.name.text !== 'map') return undefined;
  const root = collectionRoot(mapCallee.expression);
  const fnText = receiver.arguments[0] ? textOf(receiver.arguments[0], index.sourceFile) : '';
  const transcript = (!!root && TRANSCRIPT_NAMES.test(root.text) && !RETRIEVED_NAMES.test(root.text)) || TRANSCRIPT_FIELDS.test(fnText);
  return transcript && /content|text|message|parts/i.test(fnText) ? mapCallee.expression : undefined;
}

/** Builds the injection record for a history or retrieval expression. */
export function makeInjection(kind: Kind, expr: ts.Expression, collection: ts.Expression, index: FileIndex, resolver: Resolver, spanFile: string): Injection {
  const bound = findBound(collection, index, resolver, kind);
  const root = collectionRoot(collection);
  const sameFile = index.file === spanFile;
  const start = expr.getStart(index.sourceFile);
  const injection: Injection = {
    kind,
    expression: textOf(expr, index.sourceFile),
    span: sameFile ? { start, end: expr.end } : { start: 0, end: 0 },
    target: root?.text,
    bounded: bound.bounded,
    bound: bound.bound,
  };
  const literal = bound.boundNode;
  if (literal && literal.index.file === spanFile) injection.boundSpan = { start: literal.node.getStart(literal.index.sourceFile), end: literal.node.end };
  return injection;
}
