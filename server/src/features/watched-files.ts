import { basename } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/load-config';
import { applyConfiguration } from './config-file';
import type { Session } from './session';
import { uriToPath } from './uri';

/**
 * Files changed on disk (the client watches `.promptcost.json` and TS/JS sources): a configuration file
 * reloads the configuration; a source file that is not open is forgotten so its new content is read, and
 * open files that share prompts with it are re-linted.
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
        session.safely('reloading a changed file', file, undefined, () => session.folderFor(file).engine.remove(file));
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
