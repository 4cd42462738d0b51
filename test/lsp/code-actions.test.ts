import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { compatibleFixes } from '../../server/src/features/fix-edits';
import { applyEdits } from '../../server/src/text/apply-edits';
import type { Fix } from '../../server/src/rules/types';
import { lineOf } from './helpers/positions';
import { startServer, type ServerSession } from './helpers/server-session';

const CHAT = 'src/support-chat.ts';
const SOURCES = ['src/support-chat.ts', 'src/refunds.ts', 'src/prompts/refund-policy.ts', 'src/summary.ts'];

function fixOf(diagnostic: Diagnostic): Fix | undefined {
  return (diagnostic.data as { fix?: Fix }).fix;
}

describe('LSP: code actions', () => {
  let server: ServerSession;
  before(async () => {
    // A budget every prompt of a call shares too, so an indented prompt is reported as well.
    server = await startServer({ budget: { maxTokens: 300 } });
  });
  after(async () => server?.stop());

  it('"Disable <rule> for this line" inserts a promptcost-ignore comment above, and the report goes away', async () => {
    const { client } = server;
    const text = (await client.open(CHAT)).getText();
    const diagnostics = await client.diagnostics(CHAT);
    const budget = diagnostics.find((d) => d.code === 'prompt-token-budget' && d.range.start.line === lineOf(text, 'export const SUPPORT_SYSTEM_PROMPT'))!;
    assert.ok(budget, 'the system prompt is over budget');
    const actions = await client.codeActions(CHAT, budget.range, [budget]);
    const disable = actions.find((a) => a.title === 'Disable prompt-token-budget for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(disable.kind, 'quickfix');
    assert.deepEqual(disable.diagnostics, [budget]);
    const [after] = (await client.applyEdit(disable.edit!)).values();
    const line = lineOf(text, 'export const SUPPORT_SYSTEM_PROMPT');
    assert.equal(after.split('\n')[line], '// promptcost-ignore prompt-token-budget');
    assert.equal(after.split('\n').length, text.split('\n').length + 1);
    const remaining = (await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget');
    assert.ok(remaining.every((d) => d.range.start.line !== line + 1), 'the ignored report is gone');
    await client.change(CHAT, text);
  });

  it('keeps the indentation of the reported line', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const line = lineOf(text, "messages: [\n      { role: 'system'");
    const budget = (await client.diagnostics(CHAT)).find((d) => d.code === 'prompt-token-budget' && d.range.start.line === line);
    assert.ok(budget, 'the messages of answer() are over the 300-token budget');
    const disable = (await client.codeActions(CHAT, budget.range, [budget])).find((a) => a.title.startsWith('Disable'))!;
    const [after] = (await client.applyEdit(disable.edit!)).values();
    assert.equal(after.split('\n')[line], '    // promptcost-ignore prompt-token-budget');
    await client.change(CHAT, text);
  });

  it('no "Disable … for this line" where the line starts inside a multi-line prompt string (the comment would become prompt text)', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const first = lineOf(text, 'export const SUPPORT_SYSTEM_PROMPT');
    const last = lineOf(text, 'the billing team decides those.`');
    for (const diagnostic of await client.diagnostics(CHAT)) {
      const line = diagnostic.range.start.line;
      const actions = await client.codeActions(CHAT, diagnostic.range, [diagnostic]);
      const disable = actions.some((a) => a.title.startsWith('Disable '));
      assert.equal(disable, !(line > first && line <= last), `${diagnostic.code} at line ${line + 1}`);
    }
  });

  it('edits are versioned: a fix from an older version is neither offered nor applicable', async () => {
    const { client } = server;
    const text = client.document(CHAT).getText();
    const [old] = (await client.diagnostics(CHAT)).filter((d) => d.code === 'prompt-token-budget');
    const [oldAction] = await client.codeActions(CHAT, old.range, [old]);
    await client.change(CHAT, `// edited\n${text}`);
    assert.deepEqual(await client.codeActions(CHAT, old.range, [old]), [], 'stale diagnostics get no actions');
    await assert.rejects(client.applyEdit(oldAction.edit!), /stale edit/);
    await client.change(CHAT, text);
  });

  it("offers each report's fix as a preferred quick fix that changes the text exactly as the fix says", async () => {
    const { client } = server;
    for (const file of SOURCES) {
      const text = (await client.ensureOpen(file)).getText();
      const count = (await client.diagnostics(file)).length;
      for (let i = 0; i < count; i++) {
        // Pull again each time: the previous round changed the document and moved its version on.
        const diagnostic = (await client.diagnostics(file))[i];
        const fix = fixOf(diagnostic);
        if (!fix || fix.edits.some((e) => e.file !== server.workspace.path(file))) continue;
        const actions = await client.codeActions(file, diagnostic.range, [diagnostic]);
        const action = actions.find((a) => a.title === fix.title);
        assert.ok(action, `${file}: no action "${fix.title}" for ${diagnostic.code}`);
        assert.equal(action.isPreferred, true);
        assert.equal(action.kind, 'quickfix');
        assert.deepEqual(action.diagnostics, [diagnostic]);
        const [after] = (await client.applyEdit(action.edit!)).values();
        assert.equal(after, applyEdits(text, fix.edits), `${file}: ${diagnostic.code}`);
        await client.change(file, text);
      }
    }
  });

  it('source.fixAll.promptcost applies every safe fix at once, and is absent when there is none', async () => {
    const { client } = server;
    for (const file of SOURCES) {
      const text = (await client.ensureOpen(file)).getText();
      const diagnostics = await client.diagnostics(file);
      const safe = diagnostics.map(fixOf).filter((f): f is Fix => !!f && f.safe);
      const actions: CodeAction[] = await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      if (safe.length === 0) {
        assert.deepEqual(actions, [], file);
        continue;
      }
      assert.equal(actions.length, 1, file);
      assert.equal(actions[0].kind, 'source.fixAll.promptcost');
      const [after] = (await client.applyEdit(actions[0].edit!)).values();
      assert.equal(after, applyEdits(text, compatibleFixes(safe).flatMap((f) => f.edits)), file);
      await client.change(file, text);
    }
  });

  it('only promptcost diagnostics get actions, and none without diagnostics', async () => {
    const { client } = server;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const foreign: Diagnostic = { range, message: 'Unexpected any', source: 'eslint', code: 'no-explicit-any', data: { version: 1, ruleId: 'x' } };
    assert.deepEqual(await client.codeActions(CHAT, range, [foreign]), []);
    assert.deepEqual(await client.codeActions(CHAT, range, []), []);
  });
});
