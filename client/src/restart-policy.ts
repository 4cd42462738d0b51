/**
 * When a crashed language server is started again. No `vscode` import: unit tests load it directly.
 * The numbers are those of vscode-languageclient's default handler (4 restarts; a fifth crash within
 * 3 minutes stops them), made explicit here so that each crash and restart is logged.
 */

/** Crashes restarted within the window before the client gives up. */
export const MAX_RESTARTS = 4;
/** The window in which `MAX_RESTARTS + 1` crashes stop the restarts. */
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What to do about one crash. */
export interface CrashDecision {
  restart: boolean;
  /** Crashes counted in the current window, this one included. */
  crashes: number;
  /** A line for the log (restart) or for the user (no restart). */
  message: string;
}

/**
 * Counts crashes of the server and decides whether to restart it.
 * @example const policy = new RestartPolicy(); policy.crashed() // { restart: true, crashes: 1, message: 'the promptcost server stopped unexpectedly; restarting it (crash 1 of 4 allowed in 3 minutes)' }
 */
export class RestartPolicy {
  private readonly times: number[] = [];
  /** Every crash since the client was created (also those outside the window). */
  total = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a crash (the connection closed without a stop) and says whether to restart. */
  crashed(): CrashDecision {
    this.total++;
    const at = this.now();
    this.times.push(at);
    while (this.times.length > 0 && at - this.times[0] > RESTART_WINDOW_MS) this.times.shift();
    const crashes = this.times.length;
    const minutes = RESTART_WINDOW_MS / 60_000;
    if (crashes <= MAX_RESTARTS) {
      return { restart: true, crashes, message: `the promptcost server stopped unexpectedly; restarting it (crash ${crashes} of ${MAX_RESTARTS} allowed in ${minutes} minutes)` };
    }
    return {
      restart: false,
      crashes,
      message: `The promptcost server crashed ${crashes} times in ${minutes} minutes and will not be restarted. See "promptcost: Show Output", then run "promptcost: Restart Server".`,
    };
  }

  /** Forgets the crashes counted in the window (the user restarted the server by hand). */
  reset(): void {
    this.times.length = 0;
  }
}
