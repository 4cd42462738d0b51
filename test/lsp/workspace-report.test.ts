import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageStatus, WorkspaceReport } from '../../server/src/features/protocol';
import { lineOf } from './helpers/positions';
import { startServer, type ServerSession } from './helpers/server-session';

const REPORT = 'promptcost/workspaceReport';
const STATUS = 'promptcost/languageStatus';

describe('LSP: workspace report and language status', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  it('lists the prompts of the whole workspace (after the background scan), costliest first, with locations', async () => {
    const { client, workspace } = server;
    await client.waitFor(async () => (await client.request<WorkspaceReport>(REPORT)).complete, 'the background scan');
    const report = await client.request<WorkspaceReport>(REPORT);
    const costs = report.items.map((i) => i.perMonth);
    assert.deepEqual(costs, [...costs].sort((a, b) => b - a));
    assert.equal(report.prompts, report.items.length);
    assert.ok(Math.abs(report.perMonth - costs.reduce((a, b) => a + b, 0)) < 1e-6);
    const policy = report.items.find((i) => i.label === 'REFUND_POLICY');
    assert.ok(policy, 'the constant of a file never opened is listed');
    assert.equal(policy.uri, client.uri('src/prompts/refund-policy.ts'));
    assert.equal(policy.path, 'src/prompts/refund-policy.ts');
    assert.equal(policy.range.start.line, lineOf(workspace.read('src/prompts/refund-policy.ts'), 'export const REFUND_POLICY'));
    assert.equal(policy.model, 'claude-opus-4-1');
    assert.match(policy.summary, /^≈ [\d,]+ tokens · \$[\d.]+\/call · \$[\d,.]+\/mo$/);
  });

  it('counts the unsaved text of open files', async () => {
    const { client } = server;
    const before = (await client.request<WorkspaceReport>(REPORT)).items.find((i) => i.label === 'REFUND_POLICY')!;
    const text = (await client.open('src/prompts/refund-policy.ts')).getText();
    await client.change('src/prompts/refund-policy.ts', text.replace(/`[\s\S]*`/, '`Recommend approve or decline.`'));
    const after = (await client.request<WorkspaceReport>(REPORT)).items.find((i) => i.label === 'REFUND_POLICY')!;
    assert.ok(after.tokens < before.tokens);
  });

  it('language status: prompt count and monthly cost of a file', async () => {
    const { client } = server;
    await client.open('src/support-chat.ts');
    const status = await client.request<LanguageStatus>(STATUS, { uri: client.uri('src/support-chat.ts') });
    const report = await client.request<WorkspaceReport>(REPORT);
    const own = report.items.filter((i) => i.path === 'src/support-chat.ts');
    assert.equal(status.prompts, own.length);
    assert.ok(Math.abs(status.perMonth - own.reduce((sum, i) => sum + i.perMonth, 0)) < 1e-6);
    assert.match(status.text, /^\d+ prompts? · \$[\d.,]+\/mo$/);
  });
});

describe('LSP: Restricted Mode (untrusted workspace)', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer({}, { trusted: false });
  });
  after(async () => server?.stop());

  it("ignores the workspace's .promptcost.json and analyses only open files", async () => {
    const { client } = server;
    await client.open('src/support-chat.ts');
    assert.deepEqual((await client.diagnostics('src/support-chat.ts')).filter((d) => d.code === 'prompt-token-budget'), [], 'the budget of .promptcost.json does not apply');
    const report = await client.request<WorkspaceReport>(REPORT);
    assert.equal(report.complete, false);
    assert.deepEqual([...new Set(report.items.map((i) => i.path))], ['src/support-chat.ts']);
  });
});
