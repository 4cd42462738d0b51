/**
 * A benchmark session with the real bundled language server (spawned over stdio by the tests' LspClient):
 * waits for its background workspace scan, opens the edited file, and sends one-character edits the way
 * VS Code does (incremental `didChange`; the server announces `TextDocumentSyncKind.Incremental`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../../test/lsp/helpers/lsp-client';
import { EDIT_ANCHOR, EDITED_FILE } from '../corpus/edited-file';
import { SERVER_EXEC_ARGV } from '../../client/src/server-process';

/** Longest the background scan of a workspace may take before the benchmark gives up (5,000 files on a slow machine). */
const SCAN_LIMIT_MS = 10 * 60_000;
/** Pause between two looks at the server's log while waiting for the scan. */
const POLL_MS = 50;
/** Letters typed by the edits (varied, with the position, so each inserted text is new). */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface LspSession {
  client: LspClient;
  /** The server process id (for /proc/<pid>/status). */
  pid: number;
  /** The edited file's current text (as the server has it). */
  document: TextDocument;
  /** How long the server took from spawn to the log line of its background scan. */
  scanMs: number;
  /** Offset of the edit anchor in the file as opened (edits land inside it, so it does not move). */
  anchorAt: number;
}

/** The pid of this process's child running the bundled server (read from /proc). */
function serverPid(): number {
  const pids = readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  const server = pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server.js');
    } catch {
      return false;
    }
  });
  if (server.length !== 1) throw new Error(`expected one server child process, found ${server.length}`);
  return server[0];
}

/** Starts the server on `root`, waits for its workspace scan, and opens the edited file. */
export async function startSession(root: string): Promise<LspSession> {
  const started = performance.now();
  // Started with the node options the VS Code client uses (the heap limit shapes its memory figures).
  const client = await LspClient.start(root, {}, { nodeArgs: [...SERVER_EXEC_ARGV] });
  const pid = serverPid();
  const deadline = Date.now() + SCAN_LIMIT_MS;
  while (!client.events.logs.some((l) => l.message.startsWith('scanned '))) {
    if (!client.alive) throw new Error(`the server exited during the scan\n${client.stderr}`);
    if (Date.now() > deadline) throw new Error(`the workspace scan of ${root} did not finish\n${client.logText()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const scanMs = performance.now() - started;
  const document = await client.open(EDITED_FILE);
  const anchorAt = document.getText().indexOf(EDIT_ANCHOR);
  if (anchorAt < 0) throw new Error(`${EDITED_FILE} has no "${EDIT_ANCHOR}"`);
  return { client, pid, document, scanMs, anchorAt };
}

/** Where keystroke pair `pair` lands: inside the edit anchor word, in a prompt string near the middle of the file. */
function anchorOffset(session: LspSession, pair: number): number {
  return session.anchorAt + 1 + (pair % (EDIT_ANCHOR.length - 1));
}

/**
 * Sends keystroke `i`: even keystrokes insert a letter, odd ones delete it again (an incremental change
 * with a range, as VS Code sends). Returns when the notification is written.
 */
export async function keystroke(session: LspSession, i: number): Promise<void> {
  const { document } = session;
  const offset = anchorOffset(session, Math.floor(i / 2));
  const start: Position = document.positionAt(offset);
  const change =
    i % 2 === 0
      ? { range: { start, end: start }, text: LETTERS[Math.floor(i / 2) % LETTERS.length] }
      : { range: { start, end: document.positionAt(offset + 1) }, text: '' };
  const version = document.version + 1;
  session.document = TextDocument.update(document, [change], version);
  await session.client.notify('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: [change] });
}

/** Reads the server's peak and current resident memory from /proc/<pid>/status, in MB. */
export function serverMemory(pid: number): { peakRssMB: number; rssMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${key} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { peakRssMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
}
