import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { loadConfigFile } from '../../server/src/config/load-config';
import { Engine } from '../../server/src/engine';
import { LineMap } from '../../server/src/text/line-map';
import { LENS_TITLE, lensTokens, messageText, startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const REFUNDS = 'src/refunds.ts';
const POLICY = 'src/prompts/refund-policy.ts';
const RENAMED = 'src/prompts/policy.ts';
/** `workspace/didChangeWatchedFiles` change types (LSP `FileChangeType`). */
const CREATED = 1;
const DELETED = 3;
/** Edits sent in one burst by the rapid-edit test (a fast typist between two pulls of the client). */
const BURST = 20;
const PADDING = 'Please make sure to ';

describe('LSP: files deleted or renamed on disk, and rapid edits', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
    await server.client.open(REFUNDS);
  });
  after(async () => server?.stop());

  async function callTokens(): Promise<number> {
    const [lens] = await server.client.codeLenses(REFUNDS);
    assert.match(lens.command?.title ?? '', LENS_TITLE);
    return lensTokens(lens.command?.title);
  }

  /** Runs `change` and waits for the server to ask the client to re-pull (results of open files changed). */
  async function refreshAfter(change: () => Promise<unknown> | void): Promise<void> {
    const { client } = server;
    const before = client.events.diagnosticRefreshes;
    await change();
    await client.waitFor(() => client.events.diagnosticRefreshes > before, 'a diagnostics refresh');
  }

  function watched(...changes: [string, number][]): Promise<void> {
    const { client } = server;
    return client.notify('workspace/didChangeWatchedFiles', { changes: changes.map(([path, type]) => ({ uri: client.uri(path), type })) });
  }

  it('an imported file deleted on disk: the importer is re-linted without it; created again: with it', async () => {
    const { client, workspace } = server;
    const policy = workspace.read(POLICY);
    const withPolicy = await callTokens();
    await refreshAfter(async () => {
      rmSync(workspace.path(POLICY));
      await watched([POLICY, DELETED]);
    });
    const without = await callTokens();
    assert.ok(without < withPolicy, `the call no longer sends the policy text (${without} vs ${withPolicy})`);
    assert.ok(Array.isArray(await client.diagnostics(REFUNDS)));
    await refreshAfter(async () => {
      workspace.write(POLICY, policy);
      await watched([POLICY, CREATED]);
    });
    assert.equal(await callTokens(), withPolicy, 'the restored file counts again');
  });

  it('a renamed import (deleted + created): unresolved until the importer follows the new name', async () => {
    const { client, workspace } = server;
    const refunds = client.document(REFUNDS).getText();
    const withPolicy = await callTokens();
    await refreshAfter(async () => {
      renameSync(workspace.path(POLICY), workspace.path(RENAMED));
      await watched([POLICY, DELETED], [RENAMED, CREATED]);
    });
    assert.ok((await callTokens()) < withPolicy);
    await client.change(REFUNDS, refunds.replace("'./prompts/refund-policy'", "'./prompts/policy'"));
    assert.equal(await callTokens(), withPolicy, 'the import of the new name resolves');
    await refreshAfter(async () => {
      renameSync(workspace.path(RENAMED), workspace.path(POLICY));
      await watched([RENAMED, DELETED], [POLICY, CREATED]);
      await client.change(REFUNDS, refunds);
    });
    assert.equal(await callTokens(), withPolicy);
  });

  it('an open file deleted on disk is analysed from its buffer; once closed it is gone for its importers', async () => {
    const { client, workspace } = server;
    const policy = (await client.open(POLICY)).getText();
    const withPolicy = await callTokens();
    const diagnostics = await client.diagnostics(POLICY);
    rmSync(workspace.path(POLICY));
    await watched([POLICY, DELETED]);
    assert.deepEqual(await client.diagnostics(POLICY), diagnostics, 'the editor buffer still counts');
    assert.equal(await callTokens(), withPolicy);
    await refreshAfter(() => client.close(POLICY));
    assert.ok((await callTokens()) < withPolicy, 'closed and deleted: the importer lost it');
    await refreshAfter(async () => {
      workspace.write(POLICY, policy);
      await watched([POLICY, CREATED]);
    });
    assert.equal(await callTokens(), withPolicy);
  });

  it('imports of a directory or of a file that vanished without a watcher event are answered, not crashed on', async () => {
    const { client, workspace } = server;
    mkdirSync(workspace.path('src/prompts/folder.ts'));
    workspace.write('src/prompts/vanishing.ts', "export const VANISHING = 'You are a helpful assistant who answers in one short sentence.';\n");
    const source = [
      "import OpenAI from 'openai';",
      "import { FOLDER } from './prompts/folder.ts';",
      "import { VANISHING } from './prompts/vanishing';",
      'const openai = new OpenAI();',
      "export const a = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: FOLDER }, { role: 'user', content: q }] });",
      "export const b = (q: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: VANISHING }, { role: 'user', content: q }] });",
      '',
    ].join('\n');
    workspace.write('src/late.ts', source);
    rmSync(workspace.path('src/prompts/vanishing.ts'));
    await client.open('src/late.ts');
    assert.ok(Array.isArray(await client.diagnostics('src/late.ts')));
    assert.equal((await client.codeLenses('src/late.ts')).length, 2);
    await client.close('src/late.ts');
    assert.ok(client.alive);
  });

  it(`${BURST} edits in a burst: the pull answers for the last text only, with ranges in it`, async () => {
    const { client, workspace } = server;
    const original = (await client.open(CHAT)).getText();
    const lines = original.split('\n');
    const promptLine = lines.findIndex((line) => line.startsWith('If you do not know the answer'));
    const versions: string[] = [];
    for (let i = 1; i <= BURST; i++) {
      // Each edit shifts the text (a comment grows) and adds or removes a padded instruction.
      const edited = [...lines];
      edited[promptLine] = i % 2 === 0 ? `${PADDING}${lines[promptLine]}` : lines[promptLine].replace('say so', `say so (edit ${i})`);
      versions.push(`// draft ${'x'.repeat(i)}\n${edited.join('\n')}`);
    }
    const early: Promise<Diagnostic[]>[] = [];
    for (const [i, text] of versions.entries()) {
      await client.change(CHAT, text);
      if (i % 5 === 0) early.push(client.diagnostics(CHAT)); // pulls the client will have outdated
    }
    const final = client.document(CHAT);
    const diagnostics = await client.diagnostics(CHAT);
    await Promise.all(early);
    const finalLines = new LineMap(final.getText());
    const want = finalReports(workspace.root, final.getText()).map((r) => ({ code: r.ruleId, message: r.message, start: finalLines.positionAt(r.span.start), end: finalLines.positionAt(r.span.end) }));
    const got = diagnostics.map((d) => ({ code: d.code, message: messageText(d), start: d.range.start, end: d.range.end }));
    assert.deepEqual(got, want, 'exactly the reports of the final text');
    for (const d of diagnostics) assert.equal((d.data as { version: number }).version, final.version, 'computed on the final version');
    // The fixture's own "Please make sure to" line, and the one the last (even) edit added: 2, not the 1 of odd edits.
    const padded = diagnostics.filter((d) => d.code === 'padded-instruction').map((d) => final.getText(d.range));
    assert.equal(padded.filter((text) => text.startsWith(PADDING.trim())).length, 2, JSON.stringify(padded));
    await client.change(CHAT, original);
  });

  it('a workspace folder added while a document has unsaved edits: pulls never see the older text on disk', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const trimmed = text.replace(/^Please make sure to .*\n/m, '').replace(/^It is very important that .*\n/m, '');
    await client.change(CHAT, trimmed);
    const before = (await client.diagnostics(CHAT)).map((d) => messageText(d));
    const extra = mkdtempSync(join(tmpdir(), 'promptcost-folder-'));
    try {
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(extra).href, name: 'extra' }], removed: [] } });
      const during = client.diagnostics(CHAT); // sent while the server loads the new folder's settings
      assert.deepEqual((await during).map((d) => messageText(d)), before);
      await client.waitFor(async () => JSON.stringify((await client.diagnostics(CHAT)).map((d) => messageText(d))) === JSON.stringify(before), 'the same diagnostics after the folder change');
    } finally {
      rmSync(extra, { recursive: true, force: true });
      await client.change(CHAT, text);
    }
  });

  it('is still alive and logged no crash', () => {
    assert.ok(server.client.alive);
    assert.doesNotMatch(server.client.stderr, /Error|Unhandled/);
    assert.doesNotMatch(server.client.logText(), /failed/);
  });
});

/** The engine's reports for the chat file with `text` as its content (the rest of the workspace from disk). */
function finalReports(root: string, text: string) {
  const chat = join(root, CHAT);
  const { config, issues } = loadConfigFile(join(root, '.promptcost.json'));
  const engine = new Engine({ config, configIssues: issues, read: (path) => (path === chat ? text : readOrUndefined(path)) });
  try {
    engine.analyzeWorkspace(root);
    return engine.analyzeFile(chat).reports.filter((r) => r.file === chat);
  } finally {
    engine.dispose();
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
