import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceReport } from '../../server/src/features/protocol';
import { positionOf } from './helpers/positions';
import { hoverText, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const REFUNDS = 'src/refunds.ts';
const POLICY = 'src/prompts/refund-policy.ts';
const CONFIG = '.promptcost.json';
const REPORT = 'promptcost/workspaceReport';
/** The fixture's `.promptcost.json` budget for system prompts, which the chat's system prompt exceeds. */
const BUDGET_RULE = 'prompt-token-budget';

/**
 * Workspace trust: a trusted and an untrusted (Restricted Mode) session on the same workspace, side by side.
 * Restricted Mode must not let repository content configure promptcost or make it read the workspace
 * unasked: no `.promptcost.json`, no background scan; the files you open are still linted, with the
 * files they import.
 */
describe('LSP: trusted and untrusted (Restricted Mode) sessions', () => {
  let trusted: ServerSession;
  let untrusted: ServerSession;
  before(async () => {
    trusted = await startServer({}, { trusted: true });
    untrusted = await startServer({}, { trusted: false });
  });
  after(async () => {
    await trusted?.stop();
    await untrusted?.stop();
  });

  it("applies the workspace's .promptcost.json only when trusted (its budget, its problems shown on it)", async () => {
    for (const server of [trusted, untrusted]) await server.client.open(CHAT);
    assert.ok((await trusted.client.diagnostics(CHAT)).some((d) => d.code === BUDGET_RULE));
    assert.deepEqual((await untrusted.client.diagnostics(CHAT)).filter((d) => d.code === BUDGET_RULE), []);
    assert.ok((await untrusted.client.diagnostics(CHAT)).some((d) => d.code === 'padded-instruction'), 'the open file is still linted');

    // A broken .promptcost.json is reported on the file in a trusted session only.
    for (const server of [trusted, untrusted]) {
      server.workspace.write(CONFIG, '{ "callsPerDay": "lots" }');
      await server.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.client.uri(CONFIG), type: 2 }] });
    }
    await trusted.client.waitFor(() => (trusted.client.events.published.get(trusted.client.uri(CONFIG)) ?? []).length > 0, 'the configuration problem');
    await untrusted.client.waitFor(() => untrusted.client.events.diagnosticRefreshes > 1, 'the refresh after the change');
    assert.equal(untrusted.client.events.published.has(untrusted.client.uri(CONFIG)), false);
    assert.doesNotMatch(untrusted.client.logText(), /\.promptcost\.json/);
  });

  it('scans the workspace in the background only when trusted: the report lists unopened files only then', async () => {
    const whole = await trusted.client.request<WorkspaceReport>(REPORT);
    assert.equal(whole.complete, true);
    assert.ok(whole.items.some((i) => i.path === POLICY), 'a file never opened is listed');
    const restricted = await untrusted.client.request<WorkspaceReport>(REPORT);
    assert.equal(restricted.complete, false);
    assert.deepEqual([...new Set(restricted.items.map((i) => i.path))], [CHAT], 'open files only');
  });

  it('untrusted: a constant is priced at a call in another file once that file is opened; a call reads the files it imports', async () => {
    const { client } = untrusted;
    const policy = (await client.open(POLICY)).getText();
    await trusted.client.open(POLICY);
    const at = positionOf(policy, 'REFUND_POLICY');
    assert.match(hoverText(await client.hover(POLICY, at)), /· gpt-4o\b/, 'no scan: the call in refunds.ts is unknown, the default model prices it');
    assert.match(hoverText(await trusted.client.hover(POLICY, at)), /claude-opus-4-1/, 'trusted: the scan found the call');

    const refunds = (await client.open(REFUNDS)).getText();
    assert.match(hoverText(await client.hover(REFUNDS, positionOf(refunds, 'messages.create'))), /2 prompts · claude-opus-4-1/, 'the imported constant is read and priced at the call');
    await client.waitFor(async () => /claude-opus-4-1/.test(hoverText(await client.hover(POLICY, at))), 'the constant priced at its call');
  });
});
