import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageStatus } from '../../server/src/features/protocol';
import { positionOf } from './helpers/positions';
import { hoverText, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const SUMMARY = 'src/summary.ts';

describe('LSP: settings (promptcost.*)', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
    await server.client.open(CHAT);
    await server.client.open(SUMMARY);
  });
  after(async () => server?.stop());

  /**
   * Changes the settings the way VS Code does, waits for the server to read them (its
   * `workspace/configuration` request) and then to ask the client to re-pull diagnostics and CodeLenses.
   */
  async function changeSettings(settings: Record<string, unknown>): Promise<void> {
    const { client } = server;
    const reads = client.events.configurationRequests;
    client.settings = settings;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.events.configurationRequests > reads, 'the server reading the settings');
    const refreshes = client.events.diagnosticRefreshes;
    const lensRefreshes = client.events.codeLensRefreshes;
    await client.waitFor(() => client.events.diagnosticRefreshes > refreshes && client.events.codeLensRefreshes > lensRefreshes, 'diagnostics and CodeLens refresh requests');
  }

  it('a rule severity setting re-lints open files with the new severity', async () => {
    const { client } = server;
    const before = (await client.diagnostics(CHAT)).find((d) => d.code === 'prompt-token-budget');
    assert.equal(before?.severity, 2);
    await changeSettings({ rules: { 'prompt-token-budget': 'error' } });
    const after = (await client.diagnostics(CHAT)).find((d) => d.code === 'prompt-token-budget');
    assert.equal(after?.severity, 1);
  });

  it('turning a rule off removes its diagnostics', async () => {
    const { client } = server;
    await changeSettings({ rules: { 'prompt-token-budget': 'off' } });
    assert.deepEqual((await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget'), []);
  });

  it('defaultModel changes the model of calls that show none (hover and CodeLens)', async () => {
    const { client } = server;
    const text = client.document(SUMMARY).getText();
    const lensBefore = (await client.codeLenses(SUMMARY))[0].command?.title;
    await changeSettings({ defaultModel: 'gpt-4.1-mini' });
    const markdown = hoverText(await client.hover(SUMMARY, positionOf(text, 'SUMMARY_PROMPT')));
    assert.match(markdown, /gpt-4\.1-mini \(default model/);
    assert.notEqual((await client.codeLenses(SUMMARY))[0].command?.title, lensBefore);
  });

  it('callsPerDay scales the monthly cost', async () => {
    const { client } = server;
    await changeSettings({ callsPerDay: 1000 });
    const base = await client.request<LanguageStatus>('promptcost/languageStatus', { uri: client.uri(SUMMARY) });
    await changeSettings({ callsPerDay: 2000 });
    const doubled = await client.request<LanguageStatus>('promptcost/languageStatus', { uri: client.uri(SUMMARY) });
    assert.ok(Math.abs(doubled.perMonth - 2 * base.perMonth) < 1e-9, `${doubled.perMonth} vs ${base.perMonth}`);
  });

  it('an invalid setting is logged with its key and the default is used', async () => {
    const { client } = server;
    await changeSettings({ callsPerDay: 'lots' });
    await client.waitFor(() => /promptcost\.callsPerDay: expected a number/.test(client.logText()), 'a log line naming promptcost.callsPerDay');
    assert.match((await client.codeLenses(SUMMARY))[0].command?.title ?? '', /tokens/);
  });

  it('invalid settings pop up one warning naming each setting, not repeated for the same settings; the server keeps serving', async () => {
    const { client } = server;
    const shown = client.events.messages.length;
    const bad = { callsPerDay: -3, budget: { maxTokens: -5 }, rules: { 'padded-instrction': 'off' } };
    await changeSettings(bad);
    await client.waitFor(() => client.events.messages.length > shown, 'a window message');
    const popup = client.events.messages[shown];
    assert.equal(popup.type, 2, 'a warning');
    assert.match(popup.message, /^promptcost: 3 invalid settings: /);
    assert.match(popup.message, /promptcost\.callsPerDay: must be at least 0, got -3 \(the default is used\)/);
    assert.match(popup.message, /promptcost\.budget\.maxTokens: must be greater than 0, got -5 \(the default is used\)/);
    assert.match(popup.message, /promptcost\.rules\.padded-instrction: unknown rule `padded-instrction`; did you mean `padded-instruction`\? \(it is ignored\)/);
    await changeSettings(bad);
    assert.equal(client.events.messages.length, shown + 1, 'the same problems are not shown again');
    assert.ok((await client.diagnostics(CHAT)).length > 0, 'diagnostics with the defaults');
    assert.match((await client.codeLenses(SUMMARY))[0].command?.title ?? '', /tokens · \$/);
  });

  it('an unknown defaultModel is named in the warning; calls without a model show no price rather than a made-up one', async () => {
    const { client } = server;
    const shown = client.events.messages.length;
    await changeSettings({ defaultModel: 'gpt-4o-mnii' });
    await client.waitFor(() => client.events.messages.length > shown, 'a window message');
    assert.match(client.events.messages[shown].message, /promptcost\.defaultModel: unknown model "gpt-4o-mnii".*did you mean "gpt-4o-mini"\? \(prompts that show no model are not priced\)/);
    assert.match((await client.codeLenses(SUMMARY))[0].command?.title ?? '', /tokens · unknown model price$/);
    const status = await client.request<LanguageStatus>('promptcost/languageStatus', { uri: client.uri(SUMMARY) });
    assert.match(status.text, /unknown model price/);
  });

  it('enable: false silences diagnostics and CodeLenses; true brings them back', async () => {
    const { client } = server;
    await changeSettings({ enable: false });
    assert.deepEqual(await client.diagnostics(CHAT), []);
    assert.deepEqual(await client.codeLenses(CHAT), []);
    const status = await client.request<LanguageStatus>('promptcost/languageStatus', { uri: client.uri(CHAT) });
    assert.equal(status.enabled, false);
    await changeSettings({});
    assert.ok((await client.diagnostics(CHAT)).length > 0);
  });
});
