import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf } from './helpers/positions';
import { hoverText, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const REFUNDS = 'src/refunds.ts';
const POLICY = 'src/prompts/refund-policy.ts';

describe('LSP: hover', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  it('on a prompt constant: exact tokens, $/call and $/month, the cheaper tier, caching and the output cap', async () => {
    const { client } = server;
    const text = (await client.open(CHAT)).getText();
    const hover = await client.hover(CHAT, positionOf(text, 'SUPPORT_SYSTEM_PROMPT'));
    const markdown = hoverText(hover);
    assert.match(markdown, /`SUPPORT_SYSTEM_PROMPT` · system prompt · gpt-4o → `openai\.chat\.completions\.create`/);
    assert.match(markdown, /^\d+ static \(exact\) = \*\*\d+ tokens\*\* · no output cap/m, 'OpenAI counts are exact');
    assert.match(markdown, /\| \| tokens \| \$\/call \| \$\/month \|/);
    assert.match(markdown, /\| \*\*gpt-4o\*\* \| \d+ \| \$[\d.]+ \| \$[\d.,]+ \|/);
    assert.match(markdown, /\| gpt-4o-mini \(cheaper tier\) \|/);
    assert.match(markdown, /check quality with an eval/);
    assert.match(markdown, /not cached: static prefix below the 1,024-token minimum/);
    assert.deepEqual(hover?.range?.start, positionOf(text, '`You are the support assistant'));
  });

  it('on a call: every prompt of the call, imported ones included, with estimates marked ≈ for Claude', async () => {
    const { client } = server;
    const text = (await client.open(REFUNDS)).getText();
    const markdown = hoverText(await client.hover(REFUNDS, positionOf(text, 'messages.create')));
    assert.match(markdown, /`anthropic\.messages\.create` · 2 prompts · claude-opus-4-1/);
    assert.match(markdown, /≈[\d,]+ static \(estimated\) \+ ≈[\d,]+ dynamic \(estimated\)/);
    assert.match(markdown, /output cap 400 \(`max_tokens`\)/);
    assert.match(markdown, /\| claude-sonnet-4-5 \(cheaper tier\) \| ≈[\d,]+ \|/);
    assert.match(markdown, /\| claude-haiku-4-5 \(cheaper tier\) \| ≈[\d,]+ \|/);
  });

  it('on an imported constant: priced with the model of the call in the other file, which it names', async () => {
    const { client } = server;
    const text = (await client.open(POLICY)).getText();
    const refunds = client.document(REFUNDS).getText();
    const callLine = positionOf(refunds, 'anthropic.messages.create').line + 1;
    const markdown = hoverText(await client.hover(POLICY, positionOf(text, 'REFUND_POLICY')));
    assert.match(markdown, new RegExp(`\`REFUND_POLICY\` · system prompt · claude-opus-4-1 → \`anthropic\\.messages\\.create\` in refunds\\.ts:${callLine}`));
  });

  it('on a call with unbounded chat history: the cost at turn 10 and turn 50, growing', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const markdown = hoverText(await client.hover(CHAT, positionOf(text, 'openai.chat.completions.create', 1)));
    const turn = (n: number) => {
      const match = new RegExp(`\\| at turn ${n} \\| ≈([\\d,]+) \\| \\$[\\d.]+ \\|`).exec(markdown);
      assert.ok(match, `no row for turn ${n} in\n${markdown}`);
      return Number(match[1].replace(/,/g, ''));
    };
    assert.ok(turn(50) > turn(10));
    assert.match(markdown, /chat history unbounded/);
  });

  it('on a prompt whose call shows no model: the default model, said so', async () => {
    const { client } = server;
    const text = (await client.open('src/summary.ts')).getText();
    const markdown = hoverText(await client.hover('src/summary.ts', positionOf(text, 'SUMMARY_PROMPT')));
    assert.match(markdown, /gpt-4o \(default model: none visible at the call\)/);
  });

  it('nothing where there is no prompt', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    assert.equal(await client.hover(CHAT, positionOf(text, 'import OpenAI')), null);
  });
});
