import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver';
import { configIssueToDiagnostic } from './config-diagnostics';
import type { Session } from './session';
import { pathToUri } from './uri';

/** Config files that currently show diagnostics, per session (to clear them once fixed). */
const published = new WeakMap<Session, Set<string>>();

/**
 * Applies every folder's layered configuration (re-reading the `.promptcost.json` files when `readFiles`),
 * logs problems in the settings and publishes problems in each `.promptcost.json` as diagnostics on it,
 * placed on the bad key and naming its path.
 */
export function applyConfiguration(session: Session, { readFiles }: { readFiles: boolean }): void {
  for (const folder of session.allFolders()) {
    session.safely('loading the configuration', folder.root, undefined, () => {
      if (readFiles) folder.loadConfigFile();
      folder.apply();
      for (const issue of folder.settingsProblems()) {
        session.connection.console.warn(`settings: promptcost.${issue.path}: ${issue.message} (the default is used)`);
      }
    });
  }
  session.changed();
  publishConfigDiagnostics(session);
}

function publishConfigDiagnostics(session: Session): void {
  const byFile = new Map<string, Diagnostic[]>();
  for (const folder of session.allFolders()) {
    const path = folder.configFile;
    if (!path || byFile.has(path)) continue;
    const issues = folder.configFileIssues();
    for (const issue of issues) session.connection.console.warn(`${path}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
    const text = issues.length > 0 ? readText(path) : '';
    byFile.set(path, issues.map((issue) => configIssueToDiagnostic(issue, text)));
  }
  const before = published.get(session) ?? new Set<string>();
  const now = new Set<string>();
  for (const [path, diagnostics] of byFile) {
    if (diagnostics.length === 0 && !before.has(path)) continue;
    void session.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics });
    if (diagnostics.length > 0) now.add(path);
  }
  for (const path of before) if (!byFile.has(path)) void session.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: [] });
  published.set(session, now);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
