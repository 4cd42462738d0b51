import fc from 'fast-check';
import { numberLiteral } from './text';

/**
 * Chat history and retrieval code around a call: statements run before the call (the prelude) and
 * what the call's messages array spreads in. Bounded and unbounded shapes, so the history and
 * retrieval rules both stay quiet and report (with their fixes).
 */

/** Statements before a call, and the history spread for its messages array (undefined: none). */
export interface Prelude {
  statements: string[];
  /** An element of a messages array (`...history`), or a whole messages expression when `replaces`. */
  history?: string;
  /** The messages array is this expression itself (`msgs` built by a push loop, `history.concat(…)`). */
  replaces?: boolean;
}

/** History code: spreads, slices, trims, push loops, request bodies. */
export const historyPrelude: fc.Arbitrary<Prelude> = fc.oneof(
  fc.constant<Prelude>({ statements: [] }),
  fc.constant<Prelude>({ statements: [], history: '...history' }),
  numberLiteral.map<Prelude>((n) => ({ statements: [], history: `...history.slice(-${n})` })),
  numberLiteral.map<Prelude>((n) => ({ statements: [`const recent = history.slice(-${n});`], history: '...recent' })),
  fc.constant<Prelude>({ statements: ['const recent = trimMessages(history, { maxTokens: 1000 });'], history: '...recent' }),
  fc.constant<Prelude>({ statements: ['const { messages } = await req.json();'], history: '...messages' }),
  fc.constant<Prelude>({ statements: [], history: "history.concat([{ role: 'user', content: q }])", replaces: true }),
  fc.constantFrom('turns', 'history', 'history.slice(-8)').map<Prelude>((source) => ({
    statements: ["const msgs = [{ role: 'system', content: SYSTEM_PROMPT }];", `for (const turn of ${source}) msgs.push(turn);`, "msgs.push({ role: 'user', content: q });"],
    history: 'msgs',
    replaces: true,
  })),
  fc.constant<Prelude>({ statements: ['turns.push({ role: \'user\', content: q });'], history: '...turns' }),
  // Declared without a value, assigned later (or never).
  fc.constantFrom<Prelude>(
    { statements: ['let msgs;'], history: 'msgs', replaces: true },
    { statements: ['let msgs;', "msgs = [{ role: 'system', content: SYSTEM_PROMPT }, ...history];"], history: 'msgs', replaces: true },
    { statements: ['let recent;', 'if (history.length > 20) recent = history.slice(-20);'], history: '...recent' },
  ),
);

/** Where documents come from. */
const retrieve: fc.Arbitrary<string> = fc.oneof(
  fc.constant('const docs = await store.similaritySearch(q);'),
  numberLiteral.map((k) => `const docs = await store.similaritySearch(q, ${k});`),
  fc.constant('const docs = await store.asRetriever().invoke(q);'),
  numberLiteral.map((k) => `const docs = await store.asRetriever({ k: ${k} }).invoke(q);`),
  numberLiteral.map((k) => `const docs = await store.asRetriever(${k}).invoke(q);`),
  numberLiteral.map((k) => `const { matches: docs } = await index.query({ vector, topK: ${k}, includeMetadata: true });`),
  fc.constant('const docs = await retriever.getRelevantDocuments(q);'),
);

/** How documents become text. */
const joinDocs: fc.Arbitrary<string> = fc.oneof(
  fc.constant("const context = docs.map((d) => d.pageContent).join('\\n\\n');"),
  numberLiteral.map((k) => `const context = docs.slice(0, ${k}).map((d) => d.pageContent).join('\\n');`),
  fc.constant('const context = formatDocumentsAsString(docs);'),
  fc.constant("const context = docs.map((d) => `- ${d.metadata.title}: ${d.pageContent}`).join('\\n');"),
  fc.constant('let context = \'\';\nfor (const d of docs) context += d.pageContent;'),
);

/** Retrieval code defining `context` (or nothing). */
export const retrievalPrelude: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string[]>([]) },
  { weight: 2, arbitrary: fc.tuple(retrieve, joinDocs).map(([a, b]) => [a, b]) },
);
