import { DidChangeConfigurationNotification } from 'vscode-languageserver';
import { applyConfiguration } from './config-file';
import { scanWorkspace } from './workspace-scan';
import type { Session } from './session';
import { pathToUri } from './uri';

/** The settings section promptcost reads (`promptcost.*`). */
export const SETTINGS_SECTION = 'promptcost';

/** Re-reads the settings when they change, and re-lints open files with them. */
export function registerSettings(session: Session): void {
  session.connection.onDidChangeConfiguration(async (params) => {
    await session.ready;
    const pushed = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    await loadSettings(session, pushed);
    applyConfiguration(session, { readFiles: false });
    session.scheduleRefresh();
    await scanWorkspace(session); // folders just enabled
  });
}

/** Asks the client to send configuration changes (when it supports registering for them). */
export async function registerForSettingsChanges(session: Session): Promise<void> {
  if (!session.support.configurationChangeRegistration) return;
  await session.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
}

/**
 * Loads the `promptcost` settings of every folder (`workspace/configuration` with the folder as scope,
 * so folder settings apply), or the pushed settings of a client without configuration requests.
 * Call `applyConfiguration` afterwards to use them.
 */
export async function loadSettings(session: Session, pushed?: unknown): Promise<void> {
  const folders = session.allFolders();
  let values: unknown[] = folders.map(() => pushed ?? {});
  if (session.support.configuration) {
    try {
      values = await session.connection.workspace.getConfiguration(folders.map((f) => ({ scopeUri: f.root ? pathToUri(f.root) : undefined, section: SETTINGS_SECTION })));
    } catch (error) {
      session.connection.console.error(`reading the promptcost settings failed (defaults are used): ${String(error)}`);
    }
  }
  folders.forEach((folder, i) => folder.setSettings(values[i]));
}
