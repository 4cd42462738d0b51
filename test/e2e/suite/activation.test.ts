// The packaged extension activates by itself on a TypeScript file and registers what package.json contributes.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, SUPPORT_CHAT, openFile, waitFor } from './helpers';

suite('activation', () => {
  test('is active once a TypeScript file is open', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded from the .vsix`);
    await openFile(SUPPORT_CHAT);
    await waitFor('the extension to activate', () => extension.isActive);
  });

  test('registers every command it contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed: string[] = (extension?.packageJSON.contributes?.commands ?? []).map((entry: { command: string }) => entry.command);
    const missing = await waitFor('the contributed commands to be registered', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      const left = contributed.filter((command) => !registered.has(command));
      return left.length === 0 ? left : undefined;
    });
    assert.deepEqual(missing, []);
  });
});
