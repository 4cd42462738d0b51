import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { positionOf, rangeOf } from './helpers/positions';
import { messageText, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const CONFIG = '.promptcost.json';
/** `workspace/didChangeWatchedFiles` change types (LSP `FileChangeType`). */
const CHANGED = 2;
const DELETED = 3;

describe('LSP: .promptcost.json', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
    await server.client.open(CHAT);
  });
  after(async () => server?.stop());

  /** Writes the config file and tells the server, as the client's file watcher does; waits for its diagnostics. */
  async function writeConfig(text: string, ready: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const { client, workspace } = server;
    workspace.write(CONFIG, text);
    client.events.published.delete(client.uri(CONFIG));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(CONFIG), type: CHANGED }] });
    await client.waitFor(() => ready(client.events.published.get(client.uri(CONFIG)) ?? []) && client.events.published.has(client.uri(CONFIG)), 'config diagnostics');
    return client.events.published.get(client.uri(CONFIG))!;
  }

  it('a bad key yields a diagnostic on that key naming its path; its default is used', async () => {
    const { client } = server;
    assert.equal((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget').length, 1);
    const text = '{\n  "budgets": { "role:system": { "maxTokens": -5 } },\n  "defaultModle": "gpt-4o-mini"\n}\n';
    const refreshes = client.events.diagnosticRefreshes;
    const diagnostics = await writeConfig(text, (d) => d.length === 2);
    const budget = diagnostics.find((d) => messageText(d).startsWith('budgets.role:system.maxTokens: '));
    assert.ok(budget, JSON.stringify(diagnostics));
    assert.deepEqual(budget.range, rangeOf(text, '"maxTokens"'));
    assert.match(messageText(budget), /\(the default is used\)$/);
    assert.equal(budget.source, 'promptcost');
    assert.equal(budget.severity, 1);
    const typo = diagnostics.find((d) => messageText(d).startsWith('defaultModle: '));
    assert.match(typo ? messageText(typo) : '', /did you mean `defaultModel`\?/);
    assert.deepEqual(typo?.range, rangeOf(text, '"defaultModle"'));
    await client.waitFor(() => client.events.diagnosticRefreshes > refreshes, 'a diagnostics refresh');
    assert.deepEqual((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget'), [], 'no budget once its key is invalid');
  });

  it('an unknown rule id and bad JSON are reported where they are', async () => {
    const unknownRule = '{ "rules": { "prompt-token-budgett": "error" } }';
    const [rule] = await writeConfig(unknownRule, (d) => d.length === 1);
    assert.match(messageText(rule), /^rules\.prompt-token-budgett: unknown rule .*did you mean `prompt-token-budget`\?/);
    assert.deepEqual(rule.range, rangeOf(unknownRule, '"prompt-token-budgett"'));
    const badJson = '{\n  "callsPerDay": 10,\n}\n';
    const [syntax] = await writeConfig(badJson, (d) => d.length === 1 && /invalid JSON/.test(messageText(d[0])));
    assert.match(messageText(syntax), /^invalid JSON at \d+:\d+: trailing comma.*\(the defaults are used\)$/);
    assert.deepEqual(syntax.range.start, positionOf(badJson, ',\n}'));
  });

  it('with invalid JSON the server keeps linting source files with the defaults', async () => {
    const { client } = server;
    const refreshes = client.events.diagnosticRefreshes;
    await writeConfig('{ "budgets": { "role:system": { "maxTokens": 150 } ', (d) => d.length === 1 && /invalid JSON/.test(messageText(d[0])));
    await client.waitFor(() => client.events.diagnosticRefreshes > refreshes, 'a diagnostics refresh');
    const diagnostics = await client.diagnostics(CHAT);
    assert.ok(diagnostics.some((d) => d.code === 'padded-instruction'), JSON.stringify(diagnostics.map((d) => d.code)));
    assert.deepEqual(diagnostics.filter((d) => d.code === 'prompt-token-budget'), [], 'the budget of the broken file is not applied');
    assert.ok(client.alive);
  });

  it('an unknown defaultModel is reported on its key with the nearest known id', async () => {
    const text = '{\n  "defaultModel": "gpt-4o-mnii"\n}\n';
    const [model] = await writeConfig(text, (d) => d.length === 1 && messageText(d[0]).startsWith('defaultModel'));
    assert.equal(messageText(model), 'defaultModel: unknown model "gpt-4o-mnii": not in the price catalogue nor in `models`; did you mean "gpt-4o-mini"? (prompts that show no model are not priced)');
    assert.deepEqual(model.range, rangeOf(text, '"defaultModel"'));
  });

  it('a fixed file clears its diagnostics and applies again', async () => {
    const { client } = server;
    const refreshes = client.events.diagnosticRefreshes;
    await writeConfig('{ "budgets": { "role:system": { "maxTokens": 150 } } }', (d) => d.length === 0);
    await client.waitFor(() => client.events.diagnosticRefreshes > refreshes, 'a diagnostics refresh');
    assert.equal((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget').length, 1);
  });

  it('a deleted file clears its diagnostics and the defaults apply', async () => {
    const { client, workspace } = server;
    await writeConfig('{ "callsPerDay": "lots", "budgets": { "role:system": { "maxTokens": 150 } } }', (d) => d.length === 1);
    const refreshes = client.events.diagnosticRefreshes;
    rmSync(workspace.path(CONFIG));
    client.events.published.delete(client.uri(CONFIG));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(CONFIG), type: DELETED }] });
    await client.waitFor(() => client.events.published.get(client.uri(CONFIG))?.length === 0, 'the config diagnostics cleared');
    await client.waitFor(() => client.events.diagnosticRefreshes > refreshes, 'a diagnostics refresh');
    assert.deepEqual((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget'), [], 'no budget without the file');
  });
});
