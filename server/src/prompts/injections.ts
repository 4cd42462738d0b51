import { ts } from 'ts-morph';
import { findBound, type Kind } from './bounds';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { getProperty, rootIdentifier, textOf, unwrap } from './syntax';
import type { Injection } from './types';

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

/** Document loaders and splitters: their output is a whole file, not retrieved documents. */
const LOADED = /\.(load|loadAndSplit|lazyLoad|splitDocuments|splitText|createDocuments)\(/;
/** LangChain helpers that join documents into one string. */
const FORMAT_HELPERS = /^(formatDocumentsAsString|formatDocs|combineDocuments|formatContext|docsToString)$/;

/** LangChain chain factories that stuff every document their retriever returns into the prompt. */
const RETRIEVAL_CHAINS = /^(createRetrievalChain|RetrievalQAChain|ConversationalRetrievalQAChain)$/;

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

/** Calls that return search results: vector-store searches, retrievers, similarity RPCs. */
const SEARCH_CALL = /\.(similaritySearch\w*|maxMarginalRelevanceSearch|getRelevantDocuments|hybridSearch|vectorSearch|semanticSearch)\(|\bretriever\w*\.(invoke|retrieve)\(|\.rpc\(\s*['"`]match_|\.query\(\s*\{[^}]*\b(topK|vector|queryEmbeddings|queryTexts|nResults)\b|\.search\(\s*\{?[^)]*\b(vector|topK|limit)\b/;
/** Local functions named as searches (`searchDocs(q)`, `retrieveChunks(q)`). */
const SEARCH_FUNCTION = /^(search|retrieve|query|find|fetch|lookup|get)\w*(Docs|Documents|Chunks|Passages|Articles|Sections|Context|Results|Matches|Knowledge)$/i;
/** How many assignments back a collection is followed to the search that produced it. */
const MAX_SOURCE_HOPS = 3;

/** Whether a collection variable holds search results (its declaration is a search, maybe filtered or mapped). */
function fromSearch(root: ts.Identifier, index: FileIndex, hops: number): boolean {
  if (hops > MAX_SOURCE_HOPS) return false;
  for (const decl of index.declarations.get(root.text) ?? []) {
    if (decl.kind !== 'variable' || !decl.init) continue;
    const init = unwrap(decl.init as ts.Expression);
    const text = textOf(init, index.sourceFile);
    if (SEARCH_CALL.test(text)) return true;
    if (ts.isCallExpression(init)) {
      const callee = unwrap(init.expression);
      if (ts.isIdentifier(callee) && SEARCH_FUNCTION.test(callee.text)) return true;
      const inner = collectionRoot(init);
      if (inner && inner.text !== root.text && fromSearch(inner, index, hops + 1)) return true;
    }
  }
  return false;
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
  const docLike =
    (DOC_FIELDS.test(fnText) && (!root || DOC_NAMES.test(root.text) || explicit)) || (!!root && (RETRIEVED_NAMES.test(root.text) || fromSearch(root, index, 0)));
  // Pages of a loaded file (`await new PDFLoader(path).load()`) are a whole document, not search results.
  const loaded = !!root && (index.declarations.get(root.text) ?? []).some((d) => d.init && LOADED.test(textOf(d.init, index.sourceFile)));
  return docLike && !loaded ? collection : undefined;
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
