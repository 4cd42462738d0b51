import { readFileSync } from 'node:fs';
import { MessageType, ShowMessageNotification, type Diagnostic } from 'vscode-languageserver';
import { configIssueToDiagnostic, consequence } from './config-diagnostics';
import type { Session } from './session';
import { pathToUri } from './uri';

/** Config files that currently show diagnostics, per session (to clear them once fixed). */
const published = new WeakMap<Session, Set<string>>();
/** The settings problems last shown in a window message, per session (joined lines). */
const shownSettings = new WeakMap<Session, string>();
/** Settings problems a window message lists before "and N more" (a notification shows a few lines). */
const MAX_SHOWN_SETTINGS = 3;

/**
 * Applies every folder's layered configuration (re-reading the `.promptcost.json` files when `readFiles`),
 * logs problems in the settings and publishes problems in each `.promptcost.json` as diagnostics on it,
 * placed on the bad key and naming its path.
 */
export function applyConfiguration(session: Session, { readFiles }: { readFiles: boolean }): void {
  const settingsLines = new Set<string>();
  for (const folder of session.allFolders()) {
    session.safely('loading the configuration', folder.root, undefined, () => {
      if (readFiles) folder.loadConfigFile();
      folder.apply();
      for (const issue of folder.settingsProblems()) {
        const line = `promptcost.${issue.path}: ${issue.message} (${consequence(issue)})`;
        session.connection.console.warn(`settings: ${line}`);
        settingsLines.add(line);
      }
    });
  }
  showSettingsProblems(session, [...settingsLines]);
  session.changed();
  publishConfigDiagnostics(session);
}

/**
 * Tells the user about invalid `promptcost.*` settings in a window message naming each setting (the
 * Problems panel has no place for them), once per distinct set of problems: re-applying the same
 * settings does not repeat it, and fixing them lets a later mistake show again.
 */
function showSettingsProblems(session: Session, lines: string[]): void {
  const key = lines.join('\n');
  if (key === (shownSettings.get(session) ?? '')) return;
  shownSettings.set(session, key);
  if (lines.length === 0) return;
  const listed = lines.slice(0, MAX_SHOWN_SETTINGS).join('; ');
  const more = lines.length > MAX_SHOWN_SETTINGS ? `; and ${lines.length - MAX_SHOWN_SETTINGS} more` : '';
  const what = lines.length === 1 ? 'an invalid setting' : `${lines.length} invalid settings`;
  const message = `promptcost: ${what}: ${listed}${more}. promptcost keeps running; see its output for details.`;
  void session.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
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
