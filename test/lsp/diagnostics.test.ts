import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/rules';
import { LineMap } from '../../server/src/text/line-map';
import { engineReports } from './helpers/engine-oracle';
import { positionOf } from './helpers/positions';
import { messageText, startServer, type ServerSession } from './helpers/server-session';

const SOURCES = ['src/support-chat.ts', 'src/refunds.ts', 'src/prompts/refund-policy.ts', 'src/summary.ts', 'src/broken.ts'];
const CHAT = 'src/support-chat.ts';
const PROMPT_START = '`You are the support assistant';
const PROMPT_END = 'the billing team decides those.`';

describe('LSP: pull diagnostics', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  it('reports the system prompt over its budget on the prompt text, with source, code, docs link and data', async () => {
    const { client } = server;
    const text = (await client.open(CHAT)).getText();
    const diagnostics = await client.diagnostics(CHAT);
    const budget = diagnostics.find((d) => d.code === 'prompt-token-budget');
    assert.ok(budget, `no prompt-token-budget diagnostic in ${JSON.stringify(diagnostics)}`);
    assert.deepEqual(budget.range, { start: positionOf(text, PROMPT_START), end: positionOf(text, PROMPT_END, 0, PROMPT_END.length) });
    assert.equal(budget.source, 'promptcost');
    assert.equal(budget.severity, 2, 'warning: the rule default');
    assert.match(messageText(budget), /SUPPORT_SYSTEM_PROMPT.*over its budget of 150 tokens/);
    assert.match(budget.codeDescription?.href ?? '', /\/docs\/rules\/prompt-token-budget\.md$/);
    assert.deepEqual({ version: (budget.data as { version: number }).version, ruleId: (budget.data as { ruleId: string }).ruleId }, { version: 1, ruleId: 'prompt-token-budget' });
  });

  it('gives exactly the engine reports of every registered rule, for every fixture file', async () => {
    const { client, workspace } = server;
    const expected = engineReports(workspace.root, SOURCES);
    const ruleIds = new Set(RULES.map((r) => r.meta.id));
    for (const file of SOURCES) {
      const text = client.documents.has(client.uri(file)) ? client.document(file).getText() : (await client.open(file)).getText();
      const lines = new LineMap(text);
      const diagnostics = await client.diagnostics(file);
      for (const d of diagnostics) assert.ok(ruleIds.has(String(d.code)), `${file}: ${d.code} is not a registered rule`);
      const got = diagnostics.map((d) => ({ code: d.code, message: messageText(d), range: d.range, fix: (d.data as { fix?: unknown }).fix ?? null }));
      const want = expected.get(file)!.map((r) => ({
        code: r.ruleId,
        message: r.message,
        range: { start: lines.positionAt(r.span.start), end: lines.positionAt(r.span.end) },
        fix: r.fix ?? null,
      }));
      assert.deepEqual(got, want, file);
    }
  });

  it('answers "unchanged" when the client already has the result', async () => {
    const { client } = server;
    const first = await client.diagnosticReport(CHAT);
    assert.equal(first.kind, 'full');
    const second = await client.diagnosticReport(CHAT, first.resultId);
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
  });

  it('lints the unsaved text: a shorter prompt is within budget, and its diagnostics carry the new version', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const start = text.indexOf(PROMPT_START) + 1;
    const end = text.indexOf(PROMPT_END) + PROMPT_END.length - 1;
    const short = await client.change(CHAT, text.slice(0, start) + 'You are the support assistant of Acme Cloud. Answer politely.' + text.slice(end));
    const diagnostics = await client.diagnostics(CHAT);
    assert.equal(diagnostics.filter((d) => d.code === 'prompt-token-budget').length, 0);
    for (const d of diagnostics) assert.equal((d.data as { version: number }).version, short.version);
    await client.change(CHAT, text);
    assert.equal((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget').length, 1);
  });

  it('has nothing to say about documents that are not open TS/JS files', async () => {
    const { client } = server;
    assert.deepEqual(await client.diagnostics('src/not-open.ts'), []);
    await client.open('notes.md', '# You are a helpful assistant. Please make sure to always answer politely.');
    assert.deepEqual(await client.diagnostics('notes.md'), []);
  });
});
