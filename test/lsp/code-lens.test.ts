import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf } from './helpers/positions';
import { LENS_TITLE, lensTokens, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const REFUNDS = 'src/refunds.ts';
const POLICY = 'src/prompts/refund-policy.ts';

describe('LSP: CodeLens', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  it('one lens above each call and each prompt constant, titled tokens · $/call · $/mo', async () => {
    const { client } = server;
    const text = (await client.open(CHAT)).getText();
    const lenses = await client.codeLenses(CHAT);
    const lines = lenses.map((l) => l.range.start.line);
    assert.deepEqual(lines, [
      lineOf(text, 'export const SUPPORT_SYSTEM_PROMPT'),
      lineOf(text, 'openai.chat.completions.create', 0),
      lineOf(text, 'openai.chat.completions.create', 1),
    ]);
    for (const lens of lenses) {
      assert.match(lens.command?.title ?? '', LENS_TITLE);
      assert.equal(lens.command?.command, 'promptcost.showPromptDetails');
      assert.deepEqual(lens.command?.arguments, [client.uri(CHAT), lens.range.start]);
    }
    assert.ok(!lenses[0].command!.title.startsWith('≈'), 'a static OpenAI prompt is counted exactly');
    assert.ok(lenses[1].command!.title.startsWith('≈ '), 'a call with a dynamic user message is an estimate');
  });

  it("a call's lens includes the constant imported from another file", async () => {
    const { client } = server;
    const refundsText = (await client.open(REFUNDS)).getText();
    const policyText = (await client.open(POLICY)).getText();
    const [call] = await client.codeLenses(REFUNDS);
    const [constant] = await client.codeLenses(POLICY);
    assert.equal(call.range.start.line, lineOf(refundsText, 'anthropic.messages.create'));
    assert.equal(constant.range.start.line, lineOf(policyText, 'export const REFUND_POLICY'));
    assert.ok(lensTokens(call.command?.title) > lensTokens(constant.command?.title), `${call.command?.title} vs ${constant.command?.title}`);
  });

  it('no lenses in a file without prompts', async () => {
    const { client } = server;
    await client.open('src/empty.ts', 'export const answer = 42;\n');
    assert.deepEqual(await client.codeLenses('src/empty.ts'), []);
  });
});
