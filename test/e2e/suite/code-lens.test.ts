// CodeLens above the prompt constant and above the call: tokens · $/call · $/mo.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { SUPPORT_CHAT, openFile, positionOf, waitFor } from './helpers';

/** `≈ 1,240 tokens · $0.0031/call · $93/mo` (README); amounts may carry k/M suffixes. */
const COST_TITLE = /[\d,.]+ tokens.*\$[\d,.]+[kKM]?\/call.*\$[\d,.]+[kKM]?\/mo\b/;
/** How many lenses the provider resolves per call (titles come from resolve when it is used). */
const RESOLVE_COUNT = 100;

suite('CodeLens', () => {
  test('titles with tokens, $/call and $/mo above the prompt constant and the call', async () => {
    const document = await openFile(SUPPORT_CHAT);
    const lines = [positionOf(document, 'export const SUPPORT_SYSTEM_PROMPT').line, positionOf(document, 'openai.chat.completions.create').line];
    const lenses = await waitFor('CodeLens titles on the prompt and call lines', async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, RESOLVE_COUNT);
      const costLenses = (all ?? []).filter((lens) => COST_TITLE.test(lens.command?.title ?? ''));
      return lines.every((line) => costLenses.some((lens) => lens.range.start.line === line)) ? costLenses : undefined;
    });
    for (const lens of lenses) assert.match(lens.command?.title ?? '', COST_TITLE);
  });
});
