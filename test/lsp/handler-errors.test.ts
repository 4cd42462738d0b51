import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
/** LSP's `MessageType.Error` for `window/logMessage`. */
const LOG_ERROR = 1;

/**
 * A handler that throws (here: on malformed messages a buggy client could send) fails that one request
 * with an error response or is logged, and never takes the server down: it goes on answering.
 */
describe('LSP: exceptions in handlers', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  it('a request whose handler throws gets an error response or an empty result, and the server goes on', async () => {
    const { client } = server;
    await client.open(CHAT);
    const before = await client.diagnostics(CHAT);
    assert.ok(before.length > 0);
    const uri = client.uri(CHAT);
    const zero = { line: 0, character: 0 };
    const malformed: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/diagnostic', {}],
      ['textDocument/codeLens', { textDocument: 5 }],
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: zero, end: zero }, context: { diagnostics: [{ source: 'promptcost', range: { start: zero, end: zero }, message: 'x', data: { version: 1, ruleId: 'x', fix: { edits: 'not edits' } } }] } }],
      ['promptcost/languageStatus', { uri: 42 }],
    ];
    let failed = 0;
    for (const [method, params] of malformed) {
      await client.request(method, params).then(
        () => undefined,
        () => void failed++,
      );
      assert.ok(client.alive, `alive after ${method}`);
    }
    assert.ok(failed > 0, 'some of them throw inside the handler');
    assert.deepEqual(await client.diagnostics(CHAT), before, 'answers as before');
  });

  it('a notification whose handler throws is logged, and the server goes on', async () => {
    const { client } = server;
    const errorsBefore = client.events.logs.filter((l) => l.type === LOG_ERROR).length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: 'not a list' });
    await client.notify('textDocument/didOpen', {});
    await client.waitFor(() => client.events.logs.filter((l) => l.type === LOG_ERROR).length >= errorsBefore + 2, 'the failures logged');
    assert.match(client.logText(), /didChangeWatchedFiles/);
    assert.ok(client.alive);
    assert.ok((await client.diagnostics(CHAT)).length > 0);
    assert.doesNotMatch(client.stderr, /Unhandled|uncaught/i);
  });
});
