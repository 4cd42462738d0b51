import { applyConfiguration } from './config-file';
import type { Session } from './session';
import { loadSettings, registerForSettingsChanges } from './settings';
import { registerWorkspaceFolders } from './workspace-folders';
import { scanWorkspace } from './workspace-scan';

/**
 * What happens once the client is initialized: listen for folder and settings changes, load the settings
 * and `.promptcost.json`, let requests through (even when loading failed: defaults then apply), and scan
 * the workspace in the background.
 */
export async function startSession(session: Session): Promise<void> {
  try {
    registerWorkspaceFolders(session);
    await registerForSettingsChanges(session);
    await loadSettings(session);
    applyConfiguration(session, { readFiles: true });
  } catch (error) {
    session.connection.console.error(`starting promptcost failed (defaults are used): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    session.markReady();
  }
  await scanWorkspace(session);
}
