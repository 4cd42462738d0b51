import type { FolderEngine } from './folder-engine';
import type { Session } from './session';

/**
 * Analyses every workspace folder once, in the background (one folder per turn of the event loop), so
 * cross-file prompts (a constant imported into a call) and the workspace report are known before the
 * files are opened. Skipped in untrusted workspaces and for disabled folders.
 */
export function scanWorkspace(session: Session): Promise<void> {
  const pending = session.workspaceFolders().filter((folder) => folder.trusted && folder.enabled && !folder.scanned);
  return new Promise((resolve) => {
    const next = (): void => {
      const folder = pending.shift();
      if (!folder) {
        session.changed();
        session.scheduleRefresh();
        resolve();
        return;
      }
      scanFolder(session, folder);
      setImmediate(next);
    };
    setImmediate(next);
  });
}

function scanFolder(session: Session, folder: FolderEngine): void {
  session.safely('scanning the workspace folder', folder.root, undefined, () => {
    const analysis = folder.engine.analyzeWorkspace(folder.root!);
    const { files, prompts, durationMs } = analysis.summary;
    session.connection.console.info(`scanned ${folder.root}: ${files} files, ${prompts} prompts in ${durationMs} ms`);
  });
  folder.scanned = true;
}
