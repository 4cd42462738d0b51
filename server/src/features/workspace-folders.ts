import type { InitializeParams } from 'vscode-languageserver';
import { applyConfiguration } from './config-file';
import type { Session } from './session';
import { loadSettings } from './settings';
import { uriToPath } from './uri';
import { scanWorkspace } from './workspace-scan';

/**
 * The absolute paths of the workspace folders given at initialization (or the root URI of older clients).
 * @example workspaceRoots({ workspaceFolders: [{ uri: 'file:///repo', name: 'repo' }] } as InitializeParams) // ['/repo']
 */
export function workspaceRoots(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri'>): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

/** Folders added or removed: new engines, settings and configuration files loaded again, then a scan. Call once initialized. */
export function registerWorkspaceFolders(session: Session): void {
  if (!session.support.workspaceFolders) return;
  session.connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    const roots = session.workspaceFolders().map((f) => f.root!).filter((root) => !gone.has(root));
    roots.push(...added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined));
    session.setFolders(roots);
    // The new engines get the open documents' unsaved text at once: a request answered while the settings
    // load below would otherwise analyse the older text on disk.
    for (const document of session.documents.all()) {
      const file = session.sourcePath(document);
      if (file) session.safely('updating the document', file, undefined, () => session.folderFor(file).engine.setText(file, document.getText()));
    }
    session.changed();
    await loadSettings(session);
    applyConfiguration(session, { readFiles: true });
    await scanWorkspace(session);
  });
}
