import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { getProperty, numericValue, rootIdentifier, textOf, unwrap } from './syntax';
import type { Injection } from './types';

/** Options of a retriever or search call that bound how many documents come back. */
const RETRIEVAL_BOUND_KEYS = ['k', 'topK', 'top_k', 'limit', 'match_count', 'matchCount', 'numResults', 'maxResults', 'n_results', 'nResults', 'size', 'maxDocs', 'fetchK'];
/** Calls that return documents; their second argument (or an options object) is the k. */
const SEARCH_METHODS = /^(similaritySearch\w*|maxMarginalRelevanceSearch|search|query|hybridSearch|vectorSearch|retrieve|fetchDocs)$/;
/** Calls on a retriever that return its documents. */
const RETRIEVER_METHODS = /^(invoke|getRelevantDocuments|_getRelevantDocuments|retrieve|call)$/;
/** Calls whose name says they trim or summarise history (a visible bound). */
const HISTORY_BOUND_CALLS = /trim|truncat|limit|prune|window|summar|compact|fitTo|lastN|recent|takeLast|takeRight|slice/i;
/** Properties read off retrieved documents when they are joined into text. */
const DOC_FIELDS = /pageContent|page_content|content|text|chunk|snippet|body|passage/;
/** Names of variables that hold retrieved documents. */
const DOC_NAMES = /doc|chunk|passage|result|match|source|hit|context|retriev|snippet|record|node/i;

/** Names that only retrieved documents have (a join over them is a retrieval join whatever the callback reads). */
const RETRIEVED_NAMES = /^(docs|documents|chunks|passages|excerpts|\w*Excerpts|snippets|retrieved\w*|relevant\w*|\w*Docs|\w*Chunks|\w*Documents|searchResults|matches|hits)$/;

/** How deep bound detection follows declarations and wrappers. */
const MAX_FOLLOW = 12;

interface BoundResult {
  bounded: boolean;
  bound?: number;
}

function sliceBound(call: ts.CallExpression, history: boolean): BoundResult | undefined {
  const [a, b] = call.arguments;
  const first = numericValue(a);
  const second = numericValue(b);
  if (history) {
    if (first !== undefined && first < 0) return { bounded: true, bound: -first };
    if (b) return { bounded: true, bound: second !== undefined && first !== undefined ? Math.abs(second - first) : undefined };
    if (a && !ts.isNumericLiteral(unwrap(a)) && numericValue(a) === undefined) return { bounded: true }; // .slice(-max) with a variable
    return undefined;
  }
  if (b) return { bounded: true, bound: second !== undefined && first !== undefined ? second - first : undefined };
  return undefined;
}

function objectBound(obj: ts.ObjectLiteralExpression): BoundResult | undefined {
  for (const key of RETRIEVAL_BOUND_KEYS) {
    const value = getProperty(obj, key);
    if (value) return { bounded: true, bound: numericValue(value) };
  }
  return undefined;
}

/**
 * Whether the collection an expression yields (chat history or retrieved documents) is visibly bounded:
 * `.slice(-n)`, `.slice(0, k)`, `trimMessages`, a retriever or search with `k`/`topK`/`limit`.
 * Follows identifiers to their declarations (also across files).
 */
export function findBound(expr: ts.Expression, index: FileIndex, resolver: Resolver, kind: 'history' | 'retrieval', depth = 0): BoundResult {
  if (depth > MAX_FOLLOW) return { bounded: false };
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (method === 'slice' || method === 'splice' || method === 'takeLast' || method === 'last') {
      const bound = sliceBound(e, kind === 'history');
      if (bound) return bound;
    }
    if (kind === 'history' && HISTORY_BOUND_CALLS.test(method)) return { bounded: true, bound: numericValue(e.arguments[1]) };
    if (kind === 'retrieval') {
      for (const arg of e.arguments) {
        const a = unwrap(arg);
        if (ts.isObjectLiteralExpression(a)) {
          const bound = objectBound(a);
          if (bound) return bound;
        }
      }
      if (SEARCH_METHODS.test(method) && e.arguments.length >= 2 && numericValue(e.arguments[1]) !== undefined) {
        return { bounded: true, bound: numericValue(e.arguments[1]) };
      }
      if (method === 'asRetriever' && e.arguments.length > 0) return { bounded: true, bound: numericValue(e.arguments[0]) };
      if (RETRIEVER_METHODS.test(method) && ts.isPropertyAccessExpression(callee)) {
        const receiver = findBound(callee.expression, index, resolver, kind, depth + 1);
        if (receiver.bounded) return receiver;
      }
    }
    // Follow the receiver of chained calls: docs.slice(0, 4).map(...), history.filter(...).
    if (ts.isPropertyAccessExpression(callee)) return findBound(callee.expression, index, resolver, kind, depth + 1);
    if (e.arguments.length > 0 && /^(convert|format|to|map)/i.test(method)) return findBound(e.arguments[0], index, resolver, kind, depth + 1);
    return { bounded: false };
  }
  if (ts.isNewExpression(e) && kind === 'retrieval') {
    const arg = e.arguments?.[0] && unwrap(e.arguments[0]);
    if (arg && ts.isObjectLiteralExpression(arg)) return objectBound(arg) ?? { bounded: false };
    return { bounded: false };
  }
  if (ts.isPropertyAccessExpression(e)) return findBound(e.expression, index, resolver, kind, depth + 1);
  if (ts.isIdentifier(e)) {
    const resolved = resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.init;
    if (resolved && init && resolved.decl.kind === 'variable' && !resolved.decl.property) {
      return findBound(init as ts.Expression, resolved.index, resolver, kind, depth + 1);
    }
    // A variable reassigned later (`history = history.slice(-10)`) is bounded by that assignment.
    if (resolved && reassignedWithBound(resolved.index, e.text, resolver, kind, depth)) return { bounded: true };
  }
  return { bounded: false };
}

function reassignedWithBound(index: FileIndex, name: string, resolver: Resolver, kind: 'history' | 'retrieval', depth: number): boolean {
  // Cheap text check first: most files never reassign.
  if (!index.sourceFile.text.includes(`${name} = `)) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name) {
      if (findBound(node.right, index, resolver, kind, depth + 1).bounded) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(index.sourceFile);
  return found;
}

/**
 * Recognises retrieved documents joined into text: `docs.map(d => d.pageContent).join('\n')`,
 * `formatDocumentsAsString(docs)`, and variables holding such a join.
 */
export function retrievalJoin(expr: ts.Expression, index: FileIndex, resolver?: Resolver): ts.Expression | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  // A library helper (LangChain's formatDocumentsAsString); a local function of that name has its own join inside.
  const libraryHelper = ts.isIdentifier(callee) && !(resolver && index.declarations.has(callee.text));
  if (libraryHelper && /^(formatDocumentsAsString|formatDocs|combineDocuments|formatContext|docsToString)$/.test((callee as ts.Identifier).text) && e.arguments.length > 0) {
    return e.arguments[0];
  }
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return undefined;
  const receiver = unwrap(callee.expression);
  if (!ts.isCallExpression(receiver)) return undefined;
  const mapCallee = unwrap(receiver.expression);
  if (!ts.isPropertyAccessExpression(mapCallee) || mapCallee.name.text !== 'map') return undefined;
  const collection = mapCallee.expression;
  const root = rootIdentifier(collection);
  const fn = receiver.arguments[0];
  const fnText = fn ? textOf(fn, index.sourceFile) : '';
  const docLike =
    (DOC_FIELDS.test(fnText) && (!root || DOC_NAMES.test(root.text) || /pageContent|page_content/.test(fnText))) || (!!root && RETRIEVED_NAMES.test(root.text));
  return docLike ? collection : undefined;
}

/** Builds the injection record for a history or retrieval expression. */
export function makeInjection(
  kind: 'history' | 'retrieval',
  expr: ts.Expression,
  collection: ts.Expression,
  index: FileIndex,
  resolver: Resolver,
  spanFile: string,
): Injection {
  const bound = findBound(collection, index, resolver, kind);
  const root = rootIdentifier(collection);
  const sameFile = index.file === spanFile;
  const start = expr.getStart(index.sourceFile);
  return {
    kind,
    expression: textOf(expr, index.sourceFile),
    span: sameFile ? { start, end: expr.end } : { start: 0, end: 0 },
    target: root?.text,
    bounded: bound.bounded,
    bound: bound.bound,
  };
}
