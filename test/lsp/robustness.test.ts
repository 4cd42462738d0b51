import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerSession } from './helpers/server-session';

const BROKEN = 'src/broken.ts';
const BINARY = 'src/blob.ts';

describe('LSP: broken input never takes the server down', () => {
  let server: ServerSession;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.stop());

  /** Diagnostics, every hover position, lenses and actions on a document: all must answer. */
  async function exercise(path: string): Promise<void> {
    const { client } = server;
    const text = client.document(path).getText();
    assert.ok(Array.isArray(await client.diagnostics(path)));
    assert.ok(Array.isArray(await client.codeLenses(path)));
    const lines = text.split('\n');
    for (let line = 0; line < Math.min(lines.length, 40); line++) {
      await client.hover(path, { line, character: Math.floor(lines[line].length / 2) });
    }
    await client.hover(path, { line: lines.length + 10, character: 500 });
    const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    assert.ok(Array.isArray(await client.codeActions(path, range, [], ['source.fixAll'])));
  }

  it('a file with syntax errors is analysed as far as it goes', async () => {
    await server.client.open(BROKEN);
    await exercise(BROKEN);
    assert.ok(server.client.alive);
  });

  it('a binary file is skipped without diagnostics', async () => {
    const { client, workspace } = server;
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    workspace.write(BINARY, bytes);
    await client.open(BINARY, bytes.toString('utf8'));
    await exercise(BINARY);
    assert.deepEqual(await client.diagnostics(BINARY), []);
    assert.deepEqual(await client.codeLenses(BINARY), []);
  });

  it('edits that break and repair a file mid-typing, and unknown documents, are answered', async () => {
    const { client } = server;
    const chat = (await client.open('src/support-chat.ts')).getText();
    for (let cut = chat.length; cut > 0; cut -= Math.ceil(chat.length / 12)) {
      await client.change('src/support-chat.ts', chat.slice(0, cut));
      assert.ok(Array.isArray(await client.diagnostics('src/support-chat.ts')));
    }
    await client.change('src/support-chat.ts', chat);
    assert.ok((await client.diagnostics('src/support-chat.ts')).length > 0, 'back to normal once repaired');
    assert.deepEqual(await client.diagnostics('src/never-opened.ts'), []);
    assert.equal(await client.hover('src/never-opened.ts', { line: 0, character: 0 }), null);
  });

  it('is still alive and logged no crash', () => {
    assert.ok(server.client.alive);
    assert.doesNotMatch(server.client.stderr, /Error|Unhandled/);
  });
});
