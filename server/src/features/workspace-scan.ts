import { getHeapStatistics } from 'node:v8';
import type { FolderEngine } from './folder-engine';
import type { Session } from './session';

/**
 * Files whose prompts are found per turn of the event loop: small enough that a request waits at most
 * a few tens of milliseconds behind the scan (about 1 ms per typical file, bench/), large enough that
 * the turns cost nothing.
 */
const SCAN_BATCH_FILES = 25;

/**
 * Share of V8's heap limit (the client sets it, client/src/server-process.ts) past which the background
 * scan stops: the rest of a very large workspace is analysed as its files are opened, instead of the
 * server running out of memory.
 */
const SCAN_HEAP_SHARE = 0.8;

/** Whether the heap is too full to go on scanning. */
function heapTooFull(): boolean {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  return used > SCAN_HEAP_SHARE * limit;
}

/**
 * Finds the prompts of every workspace folder in the background, a batch of files per turn of the event
 * loop so editor requests are answered meanwhile, so cross-file prompts (a constant imported into a call)
 * and the workspace report are known before the files are opened. Only the finder runs (pricing and rules
 * run when a file is shown). Skipped in untrusted workspaces and for disabled folders.
 */
export function scanWorkspace(session: Session): Promise<void> {
  const pending = session.workspaceFolders().filter((folder) => folder.trusted && folder.enabled && !folder.scanned);
  return new Promise((resolve) => {
    const nextFolder = (): void => {
      const folder = pending.shift();
      if (!folder) {
        session.changed();
        session.scheduleRefresh();
        resolve();
        return;
      }
      scanFolder(session, folder, nextFolder);
    };
    setImmediate(nextFolder);
  });
}

function scanFolder(session: Session, folder: FolderEngine, done: () => void): void {
  const started = performance.now();
  const files = session.safely('listing the workspace folder', folder.root, [] as string[], () => folder.engine.workspaceFiles(folder.root!));
  let next = 0;
  let prompts = 0;
  const batch = (): void => {
    // A folder removed or disabled meanwhile stops its scan.
    if (!folder.enabled || folder.disposed) return done();
    const chunk = files.slice(next, next + SCAN_BATCH_FILES);
    next += chunk.length;
    prompts += session.safely('scanning the workspace folder', folder.root, 0, () => folder.engine.prepare(chunk));
    if (next < files.length && heapTooFull()) {
      session.connection.console.warn(`stopped scanning ${folder.root} after ${next} of ${files.length} files: the server's memory is ${Math.round(SCAN_HEAP_SHARE * 100)}% full; the other files are analysed when opened`);
    } else if (next < files.length) return void setImmediate(batch);
    folder.scanned = true;
    session.connection.console.info(`scanned ${folder.root}: ${next} files, ${prompts} prompts in ${Math.round(performance.now() - started)} ms`);
    done();
  };
  batch();
}
