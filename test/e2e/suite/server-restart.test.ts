// A language server that dies (killed with SIGKILL, as a crash would end it) is started again by the client,
// which counts the crash, and diagnostics come back and follow edits. Runs last: it kills the server.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { PromptcostApi } from '../../../client/src/extension';
import { EXTENSION_ID, SUPPORT_CHAT, codeOf, openFile, positionOf, promptcostDiagnostics, revert, waitFor } from './helpers';

/** The bundled server's script, as it appears on its command line. */
const SERVER_SCRIPT = '/server/out/server.js';
const RULE = 'prompt-token-budget';

/**
 * The pids of promptcost servers started by this extension host (children of this process running the
 * server script), read from /proc: never another VS Code's or another test's server on the machine.
 */
function serverPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith(SERVER_SCRIPT));
      } catch {
        return false; // the process ended while we looked
      }
    });
}

function budgetDiagnostic(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return promptcostDiagnostics(uri).find((diagnostic) => codeOf(diagnostic) === RULE);
}

suite('server restart', () => {
  test('a killed server is restarted, the crash is counted, and diagnostics come back and follow edits', async () => {
    const extension = vscode.extensions.getExtension<PromptcostApi>(EXTENSION_ID);
    assert.ok(extension);
    const document = await openFile(SUPPORT_CHAT);
    const api = await extension.activate();
    await waitFor('promptcost diagnostics on the file', () => promptcostDiagnostics(document.uri).length > 0);
    const [before] = await waitFor('the server process', () => {
      const pids = serverPids();
      return pids.length === 1 && pids;
    });
    const crashes = api.client.crashes;

    process.kill(before, 'SIGKILL');

    const [after] = await waitFor('a new server process', () => {
      const pids = serverPids();
      return pids.length === 1 && pids[0] !== before && pids;
    });
    assert.notEqual(after, before);
    await waitFor('the client to count the crash and run again', () => api.client.crashes === crashes + 1 && api.client.running);
    await waitFor(`the ${RULE} diagnostic from the new server`, () => budgetDiagnostic(document.uri));

    // The new server answers: an edit that cuts the prompt under budget clears the diagnostic, a revert brings it back.
    const start = positionOf(document, '`You are Brightdesk', 1);
    const end = positionOf(document, 'Brightdesk support".`', 'Brightdesk support".'.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, end), 'You are a support assistant. Answer briefly.');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit), 'edit applied');
      await waitFor('the diagnostic to go away after the edit', () => budgetDiagnostic(document.uri) === undefined);
    } finally {
      await revert(document);
    }
    await waitFor('the diagnostic to come back after revert', () => budgetDiagnostic(document.uri));
    assert.deepEqual(serverPids(), [after], 'still the restarted server');
  });
});
