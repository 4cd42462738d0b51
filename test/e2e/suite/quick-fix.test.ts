// Quick fixes change the document as expected. The expectation for a rule's fix comes from the CLI's JSON
// output (the same engine through another adapter): applying its edits to the text must give exactly the
// text VS Code has after the code action's WorkspaceEdit.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { SUPPORT_CHAT, codeOf, openFile, promptcostDiagnostics, revert, waitFor, workspaceUri } from './helpers';

/** The CLI bundle `npm run build` writes (repository root is three levels above test/e2e/out/). */
const CLI = join(__dirname, '../../../dist/cli.js');

interface CliEdit { path: string; start: number; end: number; newText: string }
interface CliDiagnostic { ruleId: string; line: number; column: number; message: string; fix: { title: string; safe: boolean; edits: CliEdit[] } | null }

/** Reports of `relativePath` whose fix edits only that file, from `promptcost scan --format json`. */
function cliFixableReports(relativePath: string): CliDiagnostic[] {
  const cwd = workspaceUri('.').fsPath;
  const output = execFileSync(process.execPath, [CLI, 'scan', relativePath, '--format', 'json', '--exit-zero'], { cwd, encoding: 'utf8' });
  const json = JSON.parse(output) as { files: { diagnostics: CliDiagnostic[] }[] };
  return json.files
    .flatMap((file) => file.diagnostics)
    .filter((report) => report.fix && report.fix.edits.every((edit) => resolve(cwd, edit.path) === resolve(cwd, relativePath)));
}

/** Applies offset edits (UTF-16, non-overlapping) to a text. */
function applyEdits(text: string, edits: readonly CliEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** Quick fixes VS Code offers for a diagnostic's range. */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return (actions ?? []).filter((action): action is vscode.CodeAction => 'edit' in action || 'kind' in action);
}

suite('quick fixes', () => {
  test("a rule's fix gives the same text as the CLI's fix", async function () {
    const reports = cliFixableReports(SUPPORT_CHAT);
    if (reports.length === 0) {
      console.log(`    (no fixable report on ${SUPPORT_CHAT} from the CLI: nothing to compare)`);
      this.skip();
    }
    const document = await openFile(SUPPORT_CHAT);
    const original = document.getText();
    for (const report of reports) {
      const fix = report.fix!;
      const start = new vscode.Position(report.line - 1, report.column - 1);
      const diagnostic = await waitFor(`the ${report.ruleId} diagnostic at ${report.line}:${report.column}`, () =>
        promptcostDiagnostics(document.uri).find((d) => codeOf(d) === report.ruleId && d.range.start.isEqual(start)));
      const actions = await waitFor(`a quick fix "${fix.title}"`, async () => {
        const found = await quickFixes(document.uri, diagnostic.range);
        return found.some((action) => action.title === fix.title && action.edit) ? found : undefined;
      });
      const action = actions.find((candidate) => candidate.title === fix.title && candidate.edit)!;
      assert.equal(action.isPreferred, true, `"${fix.title}" is the preferred fix`);   // (the API command drops .diagnostics)
      try {
        assert.ok(await vscode.workspace.applyEdit(action.edit!), 'edit applied');
        assert.equal(document.getText(), applyEdits(original, fix.edits), `text after "${fix.title}"`);
      } finally {
        await revert(document);
      }
    }
  });

  test('"Disable prompt-token-budget for this line" inserts a promptcost-ignore line that silences the rule', async () => {
    const document = await openFile(SUPPORT_CHAT);
    const budget = (d: vscode.Diagnostic) => codeOf(d) === 'prompt-token-budget' && d.message.includes('SUPPORT_SYSTEM_PROMPT');
    const diagnostic = await waitFor('the prompt-token-budget diagnostic', () => promptcostDiagnostics(document.uri).find(budget));
    const actions = await waitFor('a "disable for this line" quick fix', async () => {
      const found = await quickFixes(document.uri, diagnostic.range);
      return found.some((action) => /disable/i.test(action.title) && action.title.includes('prompt-token-budget') && action.edit) ? found : undefined;
    });
    const disable = actions.find((action) => /disable/i.test(action.title) && action.title.includes('prompt-token-budget') && action.edit)!;
    const before = document.getText().split('\n');
    try {
      assert.ok(await vscode.workspace.applyEdit(disable.edit!), 'edit applied');
      const after = document.getText().split('\n');
      const line = diagnostic.range.start.line;
      assert.match(after[line] ?? '', /^\s*\/\/ promptcost-ignore\b.*prompt-token-budget/, 'a comment line above the reported line');
      assert.deepEqual([...after.slice(0, line), ...after.slice(line + 1)], before, 'nothing else changed');
      await waitFor('the rule to fall silent on that line', () => !promptcostDiagnostics(document.uri).some(budget));
    } finally {
      await revert(document);
    }
  });
});
