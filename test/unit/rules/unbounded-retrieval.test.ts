import rule from '../../../server/src/rules/unbounded-retrieval';
import { testRule } from '../../helpers/rule-tester';

const LANGCHAIN = "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o' });\n";
const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";

/** A RAG answer: documents from `retrieve`, joined with `join`, sent in the user message. */
const rag = (retrieve: string, join: string) =>
  `${LANGCHAIN}export async function ask(store: any, question: string) {\n  const docs = await ${retrieve};\n  const context = ${join};\n  return llm.invoke(\`Answer from the context only.\\n\\nContext:\\n\${context}\\n\\nQuestion: \${question}\`);\n}\n`;

const MAP_JOIN = "docs.map((d: any) => d.pageContent).join('\\n\\n')";

testRule(rule, {
  valid: [
    { name: 'similaritySearch with k', code: rag('store.similaritySearch(question, 4)', MAP_JOIN) },
    { name: 'a retriever with k', code: rag('store.asRetriever({ k: 3 }).invoke(question)', MAP_JOIN) },
    { name: 'documents cut with slice(0, k)', code: rag('store.asRetriever().invoke(question)', "docs.slice(0, 4).map((d: any) => d.pageContent).join('\\n')") },
    { name: 'k equal to maxK', code: rag('store.similaritySearch(question, 10)', MAP_JOIN) },
    {
      name: 'Pinecone query with topK, destructured',
      code: `${OPENAI}export async function rag(index: any, vector: number[], question: string) {\n  const { matches } = await index.query({ vector, topK: 5, includeMetadata: true });\n  const context = matches.map((m: any) => m.metadata.text).join('\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: \`Answer from the context.\\n\\n\${context}\` }, { role: 'user', content: question }] });\n}\n`,
    },
    {
      name: 'Supabase match_documents with match_count',
      code: `${OPENAI}export async function ask(supabase: any, embedding: number[], q: string) {\n  const { data: documents } = await supabase.rpc('match_documents', { query_embedding: embedding, match_threshold: 0.78, match_count: 8 });\n  const contextText = documents.map((d: any) => d.content).join('\\n---\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Context sections:\\n\${contextText}\\n\\nQuestion: \${q}\` }] });\n}\n`,
    },
    {
      name: 'a list of product features joined (not retrieval)',
      code: `${OPENAI}export const tagline = (features: { name: string; text: string }[]) =>\n  openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Write a tagline for:\\n\${features.map((f) => \`- \${f.name}: \${f.text}\`).join('\\n')}\` }] });\n`,
    },
    {
      name: 'LCEL chain whose retriever has k',
      code: "import { formatDocumentsAsString } from 'langchain/util/document';\nexport const context = (store: any) => store.asRetriever(4).pipe(formatDocumentsAsString);\n",
    },
  ],
  invalid: [
    {
      name: 'retriever without k, documents mapped and joined (fix keeps the first 5)',
      code: rag('store.asRetriever().invoke(question)', MAP_JOIN),
      errors: [{ messageId: 'unbounded', message: /Retrieved documents `docs` are joined .* \(priced here at ≈3,000 tokens a call, \$225\/month on gpt-4o\)/, line: 'const context' }],
      output: rag('store.asRetriever().invoke(question)', "docs.slice(0, 5).map((d: any) => d.pageContent).join('\\n\\n')"),
    },
    {
      name: 'similaritySearch without k, joined inline in the system message',
      code: `${OPENAI}export async function answer(store: any, q: string) {\n  const results = await store.similaritySearch(q);\n  return openai.chat.completions.create({\n    model: 'gpt-4o-mini',\n    messages: [\n      { role: 'system', content: \`Use this context:\\n\${results.map((r: any) => r.pageContent).join('\\n---\\n')}\` },\n      { role: 'user', content: q },\n    ],\n  });\n}\n`,
      errors: [{ messageId: 'unbounded', message: '$13.50/month on gpt-4o-mini', line: 'Use this context' }],
      output: `${OPENAI}export async function answer(store: any, q: string) {\n  const results = await store.similaritySearch(q);\n  return openai.chat.completions.create({\n    model: 'gpt-4o-mini',\n    messages: [\n      { role: 'system', content: \`Use this context:\\n\${results.slice(0, 5).map((r: any) => r.pageContent).join('\\n---\\n')}\` },\n      { role: 'user', content: q },\n    ],\n  });\n}\n`,
    },
    {
      name: 'k of 50: reported at the literal k, which the fix lowers',
      code: rag('store.similaritySearch(question, 50)', MAP_JOIN),
      errors: [{ messageId: 'tooMany', message: 'Retrieval returns up to 50 documents for `docs` (more than 10): ≈25,000 tokens of context a call at ≈500 a document. Keeping 5 saves ≈$1,688/month on gpt-4o.', line: 'similaritySearch(question, 50)' }],
      output: rag('store.similaritySearch(question, 5)', MAP_JOIN),
    },
    {
      name: 'a k above a lower maxK option, written in the retriever options',
      code: rag('store.asRetriever({ k: 8 }).invoke(question)', MAP_JOIN),
      options: { maxK: 6, k: 4, tokensPerDocument: 300 },
      errors: [{ messageId: 'tooMany', message: 'up to 8 documents for `docs` (more than 6): ≈2,400 tokens' }],
      output: rag('store.asRetriever({ k: 4 }).invoke(question)', MAP_JOIN),
    },
    {
      name: 'formatDocumentsAsString over an unbounded retriever',
      code: `import { formatDocumentsAsString } from 'langchain/util/document';\n${rag('store.asRetriever({ searchType: \'mmr\' }).invoke(question)', 'formatDocumentsAsString(docs)')}`,
      errors: [{ messageId: 'unbounded', message: 'Retrieved documents `formatDocumentsAsString(docs)`' }],
      output: `import { formatDocumentsAsString } from 'langchain/util/document';\n${rag('store.asRetriever({ searchType: \'mmr\' }).invoke(question)', 'formatDocumentsAsString(docs.slice(0, 5))')}`,
    },
    {
      name: 'Chroma query without nResults: the documents are cut before the join',
      code: `${OPENAI}export async function ask(collection: any, q: string) {\n  const results = await collection.query({ queryTexts: [q] });\n  const context = results.documents[0].join('\\n\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Context:\\n\${context}\\n\\nQ: \${q}\` }] });\n}\n`,
      errors: [{ messageId: 'unbounded', line: 'const context' }],
      output: `${OPENAI}export async function ask(collection: any, q: string) {\n  const results = await collection.query({ queryTexts: [q] });\n  const context = results.documents[0].slice(0, 5).join('\\n\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Context:\\n\${context}\\n\\nQ: \${q}\` }] });\n}\n`,
    },
    {
      name: 'LCEL: retriever.pipe(formatDocumentsAsString) with a retriever without k (no text fix)',
      code: "import { formatDocumentsAsString } from 'langchain/util/document';\nexport function context(vectorStore: any) {\n  const retriever = vectorStore.asRetriever();\n  return retriever.pipe(formatDocumentsAsString);\n}\n",
      errors: [{ messageId: 'unbounded', message: '`retriever.pipe(formatDocumentsAsString)`', line: 'return retriever' }],
      output: null,
    },
    {
      name: 'createRetrievalChain with a retriever without k (no text fix)',
      code: "import { createRetrievalChain } from 'langchain/chains/retrieval';\nexport const makeChain = (vectorstore: any, combineDocsChain: any) =>\n  createRetrievalChain({ retriever: vectorstore.asRetriever(), combineDocsChain });\n",
      errors: [{ messageId: 'unbounded', line: 'createRetrievalChain({' }],
      output: null,
    },
    {
      name: 'an unknown model: no price in the message',
      code: rag('store.similaritySearch(question)', MAP_JOIN).replace("model: 'gpt-4o'", "model: 'acme-llm-7'"),
      errors: [{ messageId: 'unboundedNoPrice' }],
      output: rag('store.similaritySearch(question)', "docs.slice(0, 5).map((d: any) => d.pageContent).join('\\n\\n')").replace("model: 'gpt-4o'", "model: 'acme-llm-7'"),
    },
  ],
});
