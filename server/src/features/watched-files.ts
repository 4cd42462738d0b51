import { basename } from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../config/load-config';
import { applyConfiguration } from './config-file';
import type { Session } from './session';
import { uriToPath } from './uri';

/**
 * Files changed on disk (the client watches `.promptcost.json` and TS/JS sources): a configuration file
 * reloads the configuration; a source file that is not open is forgotten so its new content is read (a
 * deleted one is then missing for its importers; a created one may resolve imports that did not resolve
 * before), and open files are re-linted.
 */
export function registerWatchedFiles(session: Session): void {
  session.connection.onDidChangeWatchedFiles(({ changes }) => {
    let config = false;
    let sources = false;
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      if (basename(file) === CONFIG_FILE_NAME) config = true;
      else if (!session.openDocument(file)) {
        session.safely('reloading a changed file', file, undefined, () => {
          const { engine } = session.folderFor(file);
          if (change.type === FileChangeType.Created) engine.added(file);
          else engine.remove(file);
        });
        sources = true;
      }
    }
    if (config) applyConfiguration(session, { readFiles: true });
    if (config || sources) {
      session.changed();
      session.scheduleRefresh();
    }
  });
}
