import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPrompts, type FoundPrompts } from '../../helpers/find-prompts';
import type { Injection, PromptSite } from '../../../server/src/prompts/types';

const HEAD = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
const SYSTEM = "{ role: 'system', content: 'You are a support agent for Acme. Answer briefly.' }";

/** The one prompt of `a.ts` that flows into the OpenAI call. */
function callSite(f: FoundPrompts): PromptSite {
  const sites = f.in('a.ts').filter((s) => s.call?.api === 'openai.chat.completions.create' && !s.partOf);
  assert.equal(sites.length, 1, `one call-level prompt: ${sites.map((s) => f.text(s)).join(' | ')}`);
  return sites[0];
}

function history(src: string): Injection {
  const f = findPrompts({ 'a.ts': src });
  const site = callSite(f);
  assert.ok(site.history, `history found in ${f.text(site)}`);
  return site.history;
}

/** A chat call whose messages are `messages`, inside a function taking `params`. */
function chat(params: string, body: string, messages: string): string {
  return `${HEAD}export async function chat(${params}) {\n${body}  return openai.chat.completions.create({ model: 'gpt-4o', messages: ${messages} });\n}\n`;
}

describe('finder: chat history injected into messages', () => {
  it('...history is unbounded', () => {
    const src = chat('history: any[], q: string', '', `[${SYSTEM}, ...history, { role: 'user', content: q }]`);
    const h = history(src);
    assert.equal(h.kind, 'history');
    assert.equal(h.bounded, false);
    assert.equal(h.bound, undefined);
    assert.equal(h.target, 'history');
    assert.equal(h.expression, '...history');
    assert.equal(src.slice(h.span.start, h.span.end), '...history');
  });

  it('...history.slice(-10) is bounded by 10', () => {
    const h = history(chat('history: any[], q: string', '', `[${SYSTEM}, ...history.slice(-10), { role: 'user', content: q }]`));
    assert.equal(h.bounded, true);
    assert.equal(h.bound, 10);
    assert.equal(h.target, 'history');
  });

  it('a slice assigned to a variable first is bounded too', () => {
    const h = history(chat('history: any[], q: string', '  const recent = history.slice(-6);\n', `[${SYSTEM}, ...recent, { role: 'user', content: q }]`));
    assert.equal(h.bounded, true);
    assert.equal(h.bound, 6);
  });

  it('history.concat([...]) is history, unbounded', () => {
    const f = findPrompts({ 'a.ts': chat('history: any[], q: string', '', `history.concat([${SYSTEM}, { role: 'user', content: q }])`) });
    const site = callSite(f);
    assert.equal(site.history?.bounded, false);
    assert.equal(site.history?.target, 'history');
    // The literal messages passed to concat are still read.
    assert.ok(f.text(site).includes('You are a support agent for Acme. Answer briefly.'));
  });

  it('history.slice(-6).concat([...]) is bounded by 6', () => {
    const h = history(chat('history: any[], q: string', '', "history.slice(-6).concat([{ role: 'user', content: q }])"));
    assert.equal(h.bounded, true);
    assert.equal(h.bound, 6);
  });

  it('[...prev, msg] is unbounded history (inline and through a variable)', () => {
    for (const [body, messages] of [
      ['', '[...prev, msg]'],
      ['  const messages = [...prev, msg];\n', 'messages'],
    ]) {
      const h = history(chat('prev: any[], msg: any', body, messages));
      assert.equal(h.bounded, false, messages);
      assert.equal(h.target, 'prev');
    }
  });

  it('trimMessages(...) is a visible bound', () => {
    const viaVariable = history(
      `import { trimMessages } from '@langchain/core/messages';\n` +
        chat('history: any[], q: string', '  const recent = await trimMessages(history, { maxTokens: 1000 });\n', `[${SYSTEM}, ...recent, { role: 'user', content: q }]`),
    );
    assert.equal(viaVariable.bounded, true);
    const inline = history(chat('history: any[], q: string', '', `[${SYSTEM}, ...trimMessages(history, 20), { role: 'user', content: q }]`));
    assert.equal(inline.bounded, true);
  });

  it('messages read from the request body (await req.json()) are unbounded', () => {
    const spread = history(chat('req: Request', '  const { messages } = await req.json();\n', `[${SYSTEM}, ...messages]`));
    assert.equal(spread.bounded, false);
    assert.equal(spread.target, 'messages');
    const direct = history(chat('req: Request', '  const { messages } = await req.json();\n', 'messages'));
    assert.equal(direct.bounded, false);
    assert.equal(direct.target, 'messages');
  });

  it('a module-level array that every turn pushes the assistant reply onto is unbounded', () => {
    const src = `${HEAD}const conversation: any[] = [${SYSTEM}];\nexport async function turn(q: string) {\n  conversation.push({ role: 'user', content: q });\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: conversation });\n  conversation.push({ role: 'assistant', content: r.choices[0].message.content });\n}\n`;
    const h = history(src);
    assert.equal(h.bounded, false);
    assert.equal(h.target, 'conversation');
  });

  it('messages without any history have none', () => {
    const f = findPrompts({ 'a.ts': chat('q: string', '', `[${SYSTEM}, { role: 'user', content: q }]`) });
    assert.equal(callSite(f).history, null);
  });
});

/** A RAG answer function: `setup` at module level, `body` in the function, the context expression joined into the system prompt. */
function rag(setup: string, body: string, context: string): string {
  return (
    `${HEAD}${setup}export async function answer(q: string) {\n${body}  const context = ${context};\n` +
    "  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: `Answer using only this context:\\n${context}` }, { role: 'user', content: q }] });\n}\n"
  );
}

function retrieval(src: string): { call: Injection; join: PromptSite; f: FoundPrompts } {
  const f = findPrompts({ 'a.ts': src });
  const site = callSite(f);
  assert.ok(site.retrieval, `retrieval found in ${f.text(site)}`);
  const join = f.in('a.ts').find((s) => s.kind === 'join' && s.retrieval);
  assert.ok(join, 'the joined documents are a site of their own');
  assert.equal(join.partOf, site.id);
  return { call: site.retrieval, join, f };
}

const JOIN = "docs.map(d => d.pageContent).join('\\n')";

describe('finder: retrieved documents joined into a prompt', () => {
  it('docs from retriever.invoke(q) with retriever = store.asRetriever() are unbounded', () => {
    const src = rag('const retriever = store.asRetriever();\n', '  const docs = await retriever.invoke(q);\n', JOIN);
    const { call, join } = retrieval(src);
    assert.equal(call.bounded, false);
    assert.equal(call.bound, undefined);
    assert.equal(call.target, 'docs');
    assert.equal(join.retrieval?.bounded, false);
    assert.equal(join.retrieval?.expression, "docs.map(d => d.pageContent).join('\\n')");
    assert.equal(src.slice(join.span.start, join.span.end), "docs.map(d => d.pageContent).join('\\n')");
  });

  it('asRetriever(4) and asRetriever({ k: 4 }) are bounded by 4', () => {
    for (const setup of ['const retriever = store.asRetriever(4);\n', 'const retriever = store.asRetriever({ k: 4 });\n']) {
      const { call, join } = retrieval(rag(setup, '  const docs = await retriever.invoke(q);\n', JOIN));
      assert.equal(call.bounded, true, setup);
      assert.equal(call.bound, 4, setup);
      assert.equal(join.retrieval?.bound, 4, setup);
    }
  });

  it('similaritySearch(q, 4) is bounded by 4; without k it is unbounded', () => {
    const bounded = retrieval(rag('', '  const docs = await store.similaritySearch(q, 4);\n', JOIN)).call;
    assert.equal(bounded.bounded, true);
    assert.equal(bounded.bound, 4);
    const unbounded = retrieval(rag('', '  const docs = await store.similaritySearch(q);\n', JOIN)).call;
    assert.equal(unbounded.bounded, false);
  });

  it('docs.slice(0, 5) is bounded by 5 even when the retriever is not', () => {
    const { call } = retrieval(rag('const retriever = store.asRetriever();\n', '  const docs = await retriever.invoke(q);\n', "docs.slice(0, 5).map(d => d.pageContent).join('\\n')"));
    assert.equal(call.bounded, true);
    assert.equal(call.bound, 5);
    assert.equal(call.target, 'docs');
  });

  it('index.query({ topK: 3 }) is bounded by 3', () => {
    const viaProperty = retrieval(
      rag('', '  const res = await index.query({ vector: await embed(q), topK: 3, includeMetadata: true });\n  const matches = res.matches;\n', "matches.map(m => m.metadata.text).join('\\n')"),
    ).call;
    assert.equal(viaProperty.bounded, true);
    assert.equal(viaProperty.bound, 3);
    const destructured = retrieval(
      rag('', '  const { matches } = await index.query({ vector: await embed(q), topK: 3, includeMetadata: true });\n', "matches.map(m => m.metadata.text).join('\\n')"),
    ).call;
    assert.equal(destructured.bounded, true);
    assert.equal(destructured.bound, 3);
  });

  it('a join written inline in the template is found too', () => {
    const src = `${HEAD}const retriever = store.asRetriever();\nexport async function answer(q: string) {\n  const docs = await retriever.invoke(q);\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: \`Context:\\n\${docs.map(d => d.pageContent).join('\\n')}\` }, { role: 'user', content: q }] });\n}\n`;
    const f = findPrompts({ 'a.ts': src });
    const site = callSite(f);
    assert.equal(site.retrieval?.bounded, false);
    assert.equal(site.retrieval?.target, 'docs');
  });

  it('a prompt without retrieved documents has none', () => {
    const f = findPrompts({ 'a.ts': rag('', '', "['a', 'b'].join(', ')") });
    assert.equal(callSite(f).retrieval, null);
  });
});
