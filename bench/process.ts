/** Runs a command as a separate process and times it from spawn to exit (node startup included). */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** Where the benchmark runs from: the repository root. */
export const REPO_ROOT = new URL('..', import.meta.url).pathname;

export interface TimedRun {
  wallMs: number;
  status: number | null;
  stderr: string;
}

/** Most output a timed process may write to its pipe (ESLint's JSON goes to a file instead). */
const MAX_PIPE_BYTES = 256 * 1024 * 1024;

/**
 * Runs `node <args>` synchronously; stdout goes to `stdoutFile` (or /dev/null) so that writing the
 * report costs what it costs a user redirecting it. Throws when the process fails.
 */
export function runNode(args: readonly string[], options: { cwd?: string; stdoutFile?: string } = {}): TimedRun {
  const fd = openSync(options.stdoutFile ?? '/dev/null', 'w');
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: options.cwd ?? REPO_ROOT, stdio: ['ignore', fd, 'pipe'], maxBuffer: MAX_PIPE_BYTES });
    const wallMs = performance.now() - started;
    const stderr = result.stderr?.toString() ?? '';
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}\n${stderr}`);
    return { wallMs, status: result.status, stderr };
  } finally {
    closeSync(fd);
  }
}
