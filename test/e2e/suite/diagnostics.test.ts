// Diagnostics reach VS Code from the bundled language server, with source, rule id, docs link and range,
// and follow unsaved edits.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { SUPPORT_CHAT, codeOf, openFile, positionOf, promptcostDiagnostics, revert, waitFor } from './helpers';

const RULE = 'prompt-token-budget';
const PROMPT_NAME = 'SUPPORT_SYSTEM_PROMPT';

/** The budget diagnostic on the support prompt constant, once it is there. */
function budgetDiagnostic(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return promptcostDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === RULE && diagnostic.message.includes(PROMPT_NAME));
}

suite('diagnostics', () => {
  test('a system prompt over its 120-token budget gets a prompt-token-budget warning', async () => {
    const document = await openFile(SUPPORT_CHAT);
    const diagnostic = await waitFor(`a ${RULE} diagnostic on ${PROMPT_NAME}`, () => budgetDiagnostic(document.uri));
    assert.equal(diagnostic.source, 'promptcost');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /is [\d,]+ tokens, over its budget of 120 tokens/);
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    assert.ok(target?.toString().includes(RULE), `the code links the rule's docs (got ${target?.toString()})`);
    assert.ok(diagnostic.range.start.isEqual(positionOf(document, '`You are Brightdesk')), 'the range starts at the prompt text');
  });

  test('re-lints unsaved text: a prompt cut under budget loses its diagnostic', async () => {
    const document = await openFile(SUPPORT_CHAT);
    await waitFor(`the ${RULE} diagnostic`, () => budgetDiagnostic(document.uri));
    const start = positionOf(document, '`You are Brightdesk', 1);   // after the opening backtick
    const end = positionOf(document, 'Brightdesk support".`', 'Brightdesk support".'.length);   // the closing backtick
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, end), 'You are a support assistant. Answer briefly.');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
      await waitFor('the diagnostic to go away after the edit', () => budgetDiagnostic(document.uri) === undefined);
    } finally {
      await revert(document);
    }
    await waitFor('the diagnostic to come back after revert', () => budgetDiagnostic(document.uri));
  });
});
