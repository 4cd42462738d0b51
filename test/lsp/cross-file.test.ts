import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LENS_TITLE, lensTokens, messageText, startServer, type ServerSession } from './helpers/server-session';

const REFUNDS = 'src/refunds.ts';
const POLICY = 'src/prompts/refund-policy.ts';
const EXTRA = '\nAlways quote the clause of this policy that applies, word for word, and explain it in plain language.'.repeat(20);
/** `workspace/didChangeWatchedFiles` change type: Changed. */
const CHANGED = 2;

describe('LSP: prompts across files', () => {
  let server: ServerSession;
  before(async () => {
    // The refund policy may cost at most $0.01 per call: over it with claude-opus, within it with claude-haiku.
    server = await startServer({ budgets: { REFUND_POLICY: { maxCostPerCall: 0.01 } } });
  });
  after(async () => server?.stop());

  async function callLensTokens(): Promise<number> {
    const [lens] = await server.client.codeLenses(REFUNDS);
    assert.match(lens.command?.title ?? '', LENS_TITLE);
    return lensTokens(lens.command?.title);
  }

  /** Waits for the server to ask the client to re-pull (another open file's results changed). */
  async function refreshAfter(change: () => Promise<unknown>): Promise<void> {
    const { client } = server;
    const before = client.events.diagnosticRefreshes;
    await change();
    await client.waitFor(() => client.events.diagnosticRefreshes > before, 'a diagnostics refresh');
  }

  it("editing the constant's file (unsaved) changes the result of the file with the call", async () => {
    const { client } = server;
    await client.open(REFUNDS);
    const policy = (await client.open(POLICY)).getText();
    const before = await callLensTokens();
    await refreshAfter(() => client.change(POLICY, policy.replace('at most 50%.`', `at most 50%.${EXTRA}\``)));
    assert.ok((await callLensTokens()) > before + 200, 'the call now sends the longer policy');
    await refreshAfter(() => client.close(POLICY));
    assert.equal(await callLensTokens(), before, 'closing the edited file makes the disk content count again');
  });

  it("editing the call's file changes the result of the constant's file (the model it is priced with)", async () => {
    const { client } = server;
    await client.open(POLICY);
    const refunds = client.document(REFUNDS).getText();
    const over = (await client.diagnostics(POLICY)).find((d) => d.code === 'prompt-token-budget');
    assert.match(over ? messageText(over) : '', /REFUND_POLICY.*\/call/);
    await refreshAfter(() => client.change(REFUNDS, refunds.replace("'claude-opus-4-1'", "'claude-haiku-4-5'")));
    assert.deepEqual((await client.diagnostics(POLICY)).filter((d) => d.code === 'prompt-token-budget'), [], 'within budget on the cheaper model');
    await client.change(REFUNDS, refunds);
  });

  it('a change on disk to a file that is not open (the file watcher) is picked up', async () => {
    const { client, workspace } = server;
    await refreshAfter(() => client.close(POLICY));
    const before = await callLensTokens();
    await refreshAfter(async () => {
      workspace.write(POLICY, workspace.read(POLICY).replace('at most 50%.`', `at most 50%.${EXTRA}\``));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(POLICY), type: CHANGED }] });
    });
    assert.ok((await callLensTokens()) > before + 200);
  });
});
