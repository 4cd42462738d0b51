import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { findPrompts } from '../../helpers/find-prompts';
import { indexFile } from '../../../server/src/prompts/file-index';
import { historyJoin, retrievalJoin } from '../../../server/src/prompts/injections';
import type { Injection, PromptSite } from '../../../server/src/prompts/types';

const OPENAI = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";

/** The history injections of `a.ts`'s prompts (one per span). */
function histories(src: string): Injection[] {
  const f = findPrompts({ 'a.ts': src });
  const seen = new Map<number, Injection>();
  for (const s of f.in('a.ts')) if (s.history) seen.set(s.history.span.start, s.history);
  return [...seen.values()];
}

/** The retrieval injections of `a.ts`'s prompts (one per span). */
function retrievals(src: string): Injection[] {
  const f = findPrompts({ 'a.ts': src });
  const seen = new Map<number, Injection>();
  for (const s of f.in('a.ts')) if (s.retrieval) seen.set(s.retrieval.span.start, s.retrieval);
  return [...seen.values()];
}

function callSite(src: string, api = 'openai.chat.completions.create'): PromptSite {
  const f = findPrompts({ 'a.ts': src });
  // The messages (or messages argument) of the call, not its separate system prompt.
  const site = f.in('a.ts').find((s) => s.call?.api === api && !s.partOf && (s.messages || s.kind === 'argument'));
  assert.ok(site, `a prompt of ${api}`);
  return site;
}

describe('finder: history bounds on real-world shapes', () => {
  it('a constant array of few-shot messages spread into the call is not history; its messages are read', () => {
    const src = `${OPENAI}const EXAMPLES = [\n  { role: 'user' as const, content: 'I love it!' },\n  { role: 'assistant' as const, content: 'positive' },\n];\nexport const classify = (text: string) => openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Classify the sentiment.' }, ...EXAMPLES, { role: 'user', content: text }] });\n`;
    const site = callSite(src);
    assert.equal(site.history, null);
    assert.deepEqual(site.messages?.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
  });

  it('rows loaded with Prisma `take: 20` are bounded by 20; without take they are not', () => {
    const body = (opts: string) =>
      `${OPENAI}import { prisma } from './db';\nexport async function reply(chatId: string, text: string) {\n  const rows = await prisma.message.findMany({ where: { chatId }${opts} });\n  const history = rows.reverse().map((m) => ({ role: m.role, content: m.content }));\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You help.' }, ...history, { role: 'user', content: text }] });\n}\n`;
    const bounded = callSite(body(", orderBy: { createdAt: 'desc' }, take: 20")).history;
    assert.equal(bounded?.bounded, true);
    assert.equal(bounded?.bound, 20);
    assert.equal(callSite(body('')).history?.bounded, false);
  });

  it('a LangChain history placeholder is bounded when the file trims or windows the history', () => {
    const prompt = "const prompt = ChatPromptTemplate.fromMessages([['system', 'You are helpful.'], new MessagesPlaceholder('history'), ['human', '{input}']]);\n";
    const head = "import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';\n";
    assert.equal(histories(head + prompt)[0]?.bounded, false);
    assert.equal(histories(`${head}import { trimMessages } from '@langchain/core/messages';\nconst trimmer = trimMessages({ maxTokens: 2000, strategy: 'last' });\n${prompt}`)[0]?.bounded, true);
    assert.equal(histories(`${head}import { BufferWindowMemory } from 'langchain/memory';\nconst memory = new BufferWindowMemory({ k: 5 });\n${prompt}`)[0]?.bounded, true);
  });

  it('an agent_scratchpad placeholder and a spread scratchpad are not chat history', () => {
    const src = "import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';\nexport const agentPrompt = ChatPromptTemplate.fromMessages([['system', 'You are a helpful assistant with tools.'], ['human', '{input}'], new MessagesPlaceholder('agent_scratchpad')]);\n";
    assert.deepEqual(histories(src), []);
    const spread = `${OPENAI}export const reflect = (scratchpad: any[]) => openai.chat.completions.create({ model: 'gpt-4o', messages: [...scratchpad, { role: 'user', content: 'Reflect on the steps so far.' }] });\n`;
    assert.deepEqual(histories(spread), []);
  });

  it("an agent's tool loop over a local array is its scratchpad; a chat loop pushing user turns is history", () => {
    const agent = `${OPENAI}export async function run(task: string, tools: any[]) {\n  const messages: any[] = [{ role: 'system', content: 'You are an agent.' }, { role: 'user', content: task }];\n  for (let step = 0; step < 10; step++) {\n    const res = await openai.chat.completions.create({ model: 'gpt-4o', messages, tools });\n    const msg = res.choices[0].message;\n    messages.push(msg);\n    if (!msg.tool_calls) return msg.content;\n    for (const call of msg.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });\n  }\n}\n`;
    assert.equal(callSite(agent).history, null);
    const chatLoop = `${OPENAI}export async function main(ask: () => Promise<string>) {\n  const messages: any[] = [{ role: 'system', content: 'You are concise.' }];\n  while (true) {\n    messages.push({ role: 'user', content: await ask() });\n    const res = await openai.chat.completions.create({ model: 'gpt-4o', messages });\n    messages.push({ role: 'assistant', content: res.choices[0].message.content });\n  }\n}\n`;
    assert.equal(callSite(chatLoop).history?.bounded, false);
  });

  it('pushes to another array of the same name in another function do not make an array grow', () => {
    const src = `${OPENAI}export async function one(code: string) {\n  const messages = [{ role: 'system' as const, content: 'Explain the code.' }, { role: 'user' as const, content: code }];\n  return openai.chat.completions.create({ model: 'gpt-4o', messages });\n}\nexport async function two(turns: string[]) {\n  const messages: any[] = [{ role: 'system', content: 'You chat.' }];\n  for (const t of turns) messages.push({ role: 'user', content: t });\n  return openai.chat.completions.create({ model: 'gpt-4o', messages });\n}\n`;
    const f = findPrompts({ 'a.ts': src });
    assert.equal(f.at('a.ts', 'Explain the code')?.history, null);
    assert.equal(f.at('a.ts', 'You chat')?.history?.bounded, false);
  });

  it('pushes copying a bounded collection (`for (const m of history.slice(-10))`, a thread read with `limit: 50`) are bounded', () => {
    const sliced = `${OPENAI}export async function reply(history: any[]) {\n  const messages: any[] = [{ role: 'system', content: 'You help.' }];\n  for (const turn of history.slice(-10)) messages.push({ role: turn.role, content: turn.content });\n  return openai.chat.completions.create({ model: 'gpt-4o', messages });\n}\n`;
    assert.deepEqual([callSite(sliced).history?.bounded, callSite(sliced).history?.bound], [true, 10]);
    const slack = `${OPENAI}export async function reply(client: any, ts: string) {\n  const replies = await client.conversations.replies({ ts, limit: 50 });\n  const messages: any[] = [{ role: 'system', content: 'You are a Slack bot.' }];\n  for (const m of replies.messages ?? []) messages.push({ role: 'user', content: m.text });\n  return openai.chat.completions.create({ model: 'gpt-4o', messages });\n}\n`;
    assert.deepEqual([callSite(slack).history?.bounded, callSite(slack).history?.bound], [true, 50]);
  });

  it('an array argument of [system].concat(history, [user]) is history', () => {
    const src = `${OPENAI}const SYSTEM = { role: 'system' as const, content: 'You are a pirate.' };\nexport const talk = (previous: any[], text: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [SYSTEM].concat(previous, [{ role: 'user' as const, content: text }]) });\n`;
    const h = callSite(src).history;
    assert.equal(h?.bounded, false);
    assert.equal(h?.target, 'previous');
  });

  it("a wrapper's `messages` parameter passed straight through is not history; a caller in the file decides", () => {
    const wrapper = `${OPENAI}export async function complete(messages: any[]) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages });\n}\n`;
    assert.equal(callSite(wrapper).history, null);
    const called = `${wrapper}export const reply = (history: any[]) => complete(history.slice(-8));\n`;
    assert.deepEqual([callSite(called).history?.bounded, callSite(called).history?.bound], [true, 8]);
    const named = `${OPENAI}export async function respond(history: any[]) {\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages: history });\n}\n`;
    assert.equal(callSite(named).history?.bounded, false);
  });

  it('a class field kept short with shift() is bounded; without it, unbounded', () => {
    const cls = (trim: string) =>
      `import Anthropic from '@anthropic-ai/sdk';\nexport class Session {\n  private client = new Anthropic();\n  private messages: any[] = [];\n  async send(text: string) {\n    this.messages.push({ role: 'user', content: text });\n${trim}    return this.client.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 500, system: 'You tutor.', messages: this.messages });\n  }\n}\n`;
    assert.equal(callSite(cls(''), 'anthropic.messages.create').history?.bounded, false);
    assert.equal(callSite(cls('    if (this.messages.length > 20) this.messages.shift();\n'), 'anthropic.messages.create').history?.bounded, true);
  });

  it('a Discord channel read with fetch({ limit }) and spread into an array is bounded by the limit constant', () => {
    const src = `import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\nconst MAX_CONTEXT = 15;\nexport async function answer(message: any) {\n  const fetched = await message.channel.messages.fetch({ limit: MAX_CONTEXT });\n  const history = [...fetched.values()].reverse().map((m: any) => ({ role: m.author.bot ? 'assistant' : 'user', content: m.content }));\n  return anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 700, system: 'You are a bot.', messages: history });\n}\n`;
    const h = callSite(src, 'anthropic.messages.create').history;
    assert.deepEqual([h?.bounded, h?.bound], [true, 15]);
  });
});

describe('finder: retrieval bounds on real-world shapes', () => {
  const langchain = "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI({ model: 'gpt-4o' });\n";

  it('destructured results keep the bound of the query (Pinecone topK, Supabase match_count)', () => {
    const pinecone = `${OPENAI}export async function rag(index: any, vector: number[], q: string) {\n  const { matches } = await index.query({ vector, topK: 5, includeMetadata: true });\n  const context = matches.map((m: any) => m.metadata.text).join('\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Context:\\n\${context}\\n\\nQ: \${q}\` }] });\n}\n`;
    assert.deepEqual(retrievals(pinecone).map((r) => [r.bounded, r.bound]), [[true, 5], [true, 5]]);
    const supabase = `${OPENAI}export async function ask(supabase: any, embedding: number[], q: string) {\n  const { data: documents } = await supabase.rpc('match_documents', { query_embedding: embedding, match_threshold: 0.78, match_count: 10 });\n  const text = documents.map((d: any) => d.content).join('\\n---\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`\${text}\\n\\n\${q}\` }] });\n}\n`;
    assert.ok(retrievals(supabase).every((r) => r.bounded && r.bound === 10));
  });

  it('retriever.pipe(formatDocumentsAsString) is a retrieval join, bounded by the retriever', () => {
    const src = (k: string) =>
      `import { formatDocumentsAsString } from 'langchain/util/document';\nexport function build(store: any) {\n  const retriever = store.asRetriever(${k});\n  return { context: retriever.pipe(formatDocumentsAsString) };\n}\n`;
    const unbounded = retrievals(src(''));
    assert.equal(unbounded.length, 1);
    assert.deepEqual([unbounded[0].bounded, unbounded[0].expression], [false, 'retriever.pipe(formatDocumentsAsString)']);
    assert.deepEqual(retrievals(src('4')).map((r) => [r.bounded, r.bound]), [[true, 4]]);
  });

  it('a local formatDocs piped from a retriever with k is bounded by that k', () => {
    const src = `${langchain}function formatDocs(docs: any[]) {\n  return docs.map((d) => \`<doc>\${d.pageContent}</doc>\`).join('\\n');\n}\nexport function build(store: any) {\n  const retriever = store.asRetriever({ k: 6 });\n  return retriever.pipe(formatDocs);\n}\n`;
    assert.deepEqual(retrievals(src).map((r) => [r.bounded, r.bound]), [[true, 6]]);
  });

  it('createRetrievalChain({ retriever }) stuffs the retriever\'s documents: unbounded without k', () => {
    const src = (k: string) =>
      `import { createRetrievalChain } from 'langchain/chains/retrieval';\nexport const make = (store: any, combineDocsChain: any) => createRetrievalChain({ retriever: store.asRetriever(${k}), combineDocsChain });\n`;
    assert.deepEqual(retrievals(src('')).map((r) => r.bounded), [false]);
    assert.deepEqual(retrievals(src('{ k: 3 }')).map((r) => [r.bounded, r.bound]), [[true, 3]]);
  });

  it('asRetriever({ searchType }) without k is unbounded', () => {
    const src = `${langchain}export async function ask(store: any, q: string) {\n  const docs = await store.asRetriever({ searchType: 'mmr' }).invoke(q);\n  return llm.invoke(\`Context: \${docs.map((d: any) => d.pageContent).join('\\n')}\\nQ: \${q}\`);\n}\n`;
    assert.deepEqual(retrievals(src).map((r) => r.bounded), [false]);
  });

  it('Chroma results.documents[0].join(…) and LlamaIndex getContent() joins are retrieval, bounded by nResults / similarityTopK', () => {
    const chroma = `${OPENAI}export async function ask(collection: any, q: string) {\n  const results = await collection.query({ queryTexts: [q], nResults: 5 });\n  const context = results.documents[0].join('\\n\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`\${context}\\n\\n\${q}\` }] });\n}\n`;
    assert.ok(retrievals(chroma).length > 0 && retrievals(chroma).every((r) => r.bounded && r.bound === 5));
    const llama = `${OPENAI}export async function ask(index: any, q: string) {\n  const nodes = await index.asRetriever({ similarityTopK: 3 }).retrieve({ query: q });\n  const context = nodes.map((n: any) => n.node.getContent()).join('\\n');\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`\${context}\\n\\n\${q}\` }] });\n}\n`;
    assert.ok(retrievals(llama).length > 0 && retrievals(llama).every((r) => r.bounded && r.bound === 3));
  });

  it('a SQL LIMIT and a query builder .limit(n) bound the rows', () => {
    const sql = `${langchain}import { sql } from '@vercel/postgres';\nexport async function ask(q: string, e: string) {\n  const { rows: chunks } = await sql\`SELECT content FROM chunks ORDER BY embedding <=> \${e} LIMIT 6\`;\n  return llm.invoke(\`\${chunks.map((c: any) => c.content).join('\\n')}\\n\\nQ: \${q}\`);\n}\n`;
    assert.deepEqual(retrievals(sql).map((r) => [r.bounded, r.bound]), [[true, 6]]);
    const drizzle = `${langchain}export async function ask(db: any, t: any, q: string) {\n  const chunks = await db.select().from(t).orderBy(t.distance).limit(4);\n  return llm.invoke(\`\${chunks.map((c: any) => c.content).join('\\n')}\\n\\nQ: \${q}\`);\n}\n`;
    assert.deepEqual(retrievals(drizzle).map((r) => [r.bounded, r.bound]), [[true, 4]]);
  });

  it('a literal k is recorded with its span (for a fix that lowers it)', () => {
    const src = `${langchain}export async function ask(store: any, q: string) {\n  const docs = await store.similaritySearch(q, 50);\n  return llm.invoke(\`\${docs.map((d: any) => d.pageContent).join('\\n')}\\n\\nQ: \${q}\`);\n}\n`;
    const [r] = retrievals(src);
    assert.deepEqual([r.bounded, r.bound], [true, 50]);
    assert.equal(src.slice(r.boundSpan!.start, r.boundSpan!.end), '50');
  });

  it('searches run per query with Promise.all(queries.map(q => search(q, 3))) are bounded', () => {
    const src = `import { formatDocumentsAsString } from 'langchain/util/document';\n${langchain}export async function ask(store: any, variants: string[]) {\n  const docs = (await Promise.all(variants.map((q) => store.similaritySearch(q, 3)))).flat();\n  return llm.invoke(formatDocumentsAsString(docs));\n}\n`;
    assert.deepEqual(retrievals(src).map((r) => r.bounded), [true]);
  });

  it('pages of a loaded file joined for a summary are not retrieval', () => {
    const src = `${langchain}export async function summarize(path: string, PDFLoader: any) {\n  const docs = await new PDFLoader(path).load();\n  return llm.invoke(\`Summarize:\\n\${docs.map((d: any) => d.pageContent).join('\\n')}\`);\n}\n`;
    assert.deepEqual(retrievals(src), []);
  });

  it('a transcript joined from chat records is not retrieval; historyJoin recognises it', () => {
    const src = "export const t = (history: any) => (history.messages ?? []).reverse().map((m: any) => `${m.user}: ${m.text}`).join('\\n');\nexport const d = (docs: any[]) => docs.map((d) => d.pageContent).join('\\n');\n";
    const sf = ts.createSourceFile('/a.ts', src, ts.ScriptTarget.Latest, true);
    const index = indexFile('/a.ts', sf);
    const joins = index.calls.filter((c) => ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'join');
    assert.equal(joins.length, 2);
    assert.equal(retrievalJoin(joins[0], index), undefined);
    assert.equal(historyJoin(joins[0], index)?.getText(sf), '(history.messages ?? []).reverse()');
    assert.equal(retrievalJoin(joins[1], index)?.getText(sf), 'docs');
    assert.equal(historyJoin(joins[1], index), undefined);
  });
});
