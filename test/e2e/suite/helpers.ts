// Helpers for the extension-host tests: open fixture files, find positions by searching text, and wait
// for conditions by polling (woken early by diagnostics changes) instead of sleeping a fixed time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'promptcost.promptcost';
/** `Diagnostic.source` of every promptcost diagnostic. */
export const SOURCE = 'promptcost';
/** The fixture file with a prompt over budget (test/fixtures/e2e/workspace/src/support-chat.ts). */
export const SUPPORT_CHAT = 'src/support-chat.ts';

/** Re-check interval while waiting; diagnostics changes wake the wait up earlier. */
const POLL_MS = 100;
/** Default wait: a cold language server on a busy 2-core machine takes a few seconds. */
const WAIT_MS = 60_000;

/** @returns the URI of a file in the (temporary copy of the) fixture workspace */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Opens a workspace file in an editor and returns its document. */
export async function openFile(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Waits until `probe` returns something other than undefined/false and returns it.
 * @example const diagnostics = await waitFor('diagnostics', () => promptcostDiagnostics(uri).at(0));
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;   // e.g. a provider not registered yet: keep polling
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await nextChange(POLL_MS);
  }
}

/** Resolves after `ms`, or earlier when any diagnostics change. */
function nextChange(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics(() => done());
    const timer = setTimeout(() => done(), ms);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}

/** @returns the diagnostics promptcost reports for a file */
export function promptcostDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** @returns a diagnostic's code as a string (the rule id), whether plain or `{ value, target }` */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/**
 * The position of the `occurrence`-th match of `needle` in the document, plus `offset` characters.
 * @example positionOf(document, 'SUPPORT_SYSTEM_PROMPT =') // the start of the declaration's name
 */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 1): vscode.Position {
  let index = -1;
  for (let found = 0; found < occurrence; found++) {
    index = document.getText().indexOf(needle, index + 1);
    assert.notEqual(index, -1, `"${needle}" (occurrence ${found + 1}) not found in ${document.uri.fsPath}`);
  }
  return document.positionAt(index + offset);
}

/** @returns the plain text of all hover contents, joined by newlines */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Reverts a document to its saved text (the fixture copy on disk) so the next test starts clean. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${document.uri.fsPath} to be reverted`, () => !document.isDirty);
}
