// Hovers on a prompt and on its call show tokens and dollars.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { SUPPORT_CHAT, codeOf, hoverText, openFile, positionOf, promptcostDiagnostics, waitFor } from './helpers';

/** Waits for a hover at `position` whose text has a token count and a dollar amount. */
function costHover(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return waitFor('a hover with tokens and $', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const text = hoverText(hovers ?? []);
    return /tokens/i.test(text) && /\$\d/.test(text) ? text : undefined;
  });
}

suite('hover', () => {
  test('on the prompt text: its token count (as in the diagnostic), $/call and $/month', async () => {
    const document = await openFile(SUPPORT_CHAT);
    const text = await costHover(document.uri, positionOf(document, 'support assistant', 2));
    const diagnostic = await waitFor('the budget diagnostic', () =>
      promptcostDiagnostics(document.uri).find((d) => codeOf(d) === 'prompt-token-budget' && d.message.includes('SUPPORT_SYSTEM_PROMPT')));
    const tokens = /is ([\d,]+) tokens/.exec(diagnostic.message)?.[1];
    assert.ok(tokens && text.includes(tokens), `the hover shows the ${tokens} tokens the diagnostic reports:\n${text}`);
    assert.match(text, /gpt-4o/);
    assert.match(text, /mo(nth)?\b/i);
  });

  test('on the call: the cost of its prompts', async () => {
    const document = await openFile(SUPPORT_CHAT);
    const text = await costHover(document.uri, positionOf(document, 'completions.create', 'completions.'.length + 2));
    assert.match(text, /gpt-4o/);
  });
});
