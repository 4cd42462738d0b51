import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The bundled server `npm run build` writes (the tests speak to what ships). */
export const SERVER_PATH = join(__dirname, '..', '..', '..', 'server', 'out', 'server.js');
/** Longest a test waits for the server to do something before failing. */
const WAIT_LIMIT_MS = 20_000;
/** Pause between two checks of a polled condition. */
const POLL_INTERVAL_MS = 20;

const LANGUAGES: Record<string, string> = { '.ts': 'typescript', '.tsx': 'typescriptreact', '.js': 'javascript', '.jsx': 'javascriptreact', '.json': 'json' };

/** How the server process is started, beyond the defaults. */
export interface ProcessOptions {
  /** Arguments for node before the server script, such as `['--require', preload]`. */
  nodeArgs?: string[];
  /** Variables added to the server's environment. */
  env?: Record<string, string>;
}

/** Messages of a given kind the server sent, in order. */
export interface ServerEvents {
  logs: { type: number; message: string }[];
  /** `window/showMessage` notifications (what an editor pops up). */
  messages: { type: number; message: string }[];
  published: Map<string, Diagnostic[]>;
  diagnosticRefreshes: number;
  codeLensRefreshes: number;
  analysisChanges: number;
  configurationRequests: number;
}

/**
 * A test LSP client: spawns the bundled server over stdio, answers its requests (settings, registrations,
 * refreshes), keeps the open documents as `TextDocument`s and applies workspace edits the way an editor
 * does (rejecting edits for a stale version).
 */
export class LspClient {
  readonly events: ServerEvents = { logs: [], messages: [], published: new Map(), diagnosticRefreshes: 0, codeLensRefreshes: 0, analysisChanges: 0, configurationRequests: 0 };
  readonly documents = new Map<string, TextDocument>();
  /** The `promptcost` settings section answered to `workspace/configuration`. */
  settings: Record<string, unknown> = {};
  stderr = '';
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly connection: ProtocolConnection;
  private exited: number | null | undefined;

  /** `options.nodeArgs` go to node before the server script (e.g. `--require` a preload), `options.env` is added to the environment. */
  constructor(
    readonly root: string,
    options: ProcessOptions = {},
  ) {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first (npm test does)`);
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], { cwd: root, stdio: 'pipe', env: { ...process.env, ...options.env } });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.on('exit', (code) => (this.exited = code));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.events.configurationRequests++;
      return params.items.map((item) => (item.section === 'promptcost' ? this.settings : null));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => void this.events.diagnosticRefreshes++);
    this.connection.onRequest('workspace/codeLens/refresh', () => void this.events.codeLensRefreshes++);
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => void this.events.logs.push(params));
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => void this.events.messages.push(params));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => void this.events.published.set(params.uri, params.diagnostics));
    this.connection.onNotification('promptcost/didChangeAnalysis', () => void this.events.analysisChanges++);
    this.connection.listen();
  }

  /** Starts a server on a workspace folder and finishes the initialize handshake. */
  static async start(root: string, settings: Record<string, unknown> = {}, options: { trusted?: boolean } & ProcessOptions = {}): Promise<LspClient> {
    const client = new LspClient(root, options);
    client.settings = settings;
    await client.initialize(options.trusted ?? true);
    return client;
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exited === undefined;
  }

  private async initialize(trusted: boolean): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: 'fixture' }],
      initializationOptions: { trusted },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          codeLens: { refreshSupport: true },
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeLens: {},
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
          publishDiagnostics: { relatedInformation: true },
        },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Opens a workspace file (its text from disk unless given), as an editor does. */
  async open(path: string, text = readFileSync(join(this.root, path), 'utf8')): Promise<TextDocument> {
    const uri = this.uri(path);
    const document = TextDocument.create(uri, LANGUAGES[extname(path)] ?? 'plaintext', 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text } });
    return document;
  }

  /** Replaces an open document's text (a new version). */
  async change(path: string, text: string): Promise<TextDocument> {
    const uri = this.uri(path);
    const old = this.document(path);
    const document = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [{ text }] });
    return document;
  }

  async close(path: string): Promise<void> {
    const uri = this.uri(path);
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The open document of a path, opening it from disk first if needed. */
  async ensureOpen(path: string): Promise<TextDocument> {
    return this.documents.get(this.uri(path)) ?? this.open(path);
  }

  document(path: string): TextDocument {
    const document = this.documents.get(this.uri(path));
    if (!document) throw new Error(`${path} is not open`);
    return document;
  }

  async diagnostics(path: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: this.uri(path) } });
    if (report.kind !== 'full') throw new Error('expected a full report without a previous result id');
    return report.items;
  }

  /** A pull with a previous result id, returning the raw report (full or unchanged). */
  diagnosticReport(path: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri(path) }, previousResultId });
  }

  hover(path: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(path) }, position });
  }

  codeLenses(path: string): Promise<CodeLens[]> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: this.uri(path) } });
  }

  codeActions(path: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: this.uri(path) }, range, context: { diagnostics, only } });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  async notify(method: string, params?: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /**
   * Applies a workspace edit to the open documents like an editor: a `TextDocumentEdit` whose version is
   * not the document's current version is rejected (throws). Returns the new texts by URI and sends them.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('only text document edits are expected');
      const document = this.documents.get(change.textDocument.uri);
      if (!document) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
      if (change.textDocument.version !== null && change.textDocument.version !== document.version) {
        throw new Error(`stale edit: version ${change.textDocument.version}, document is at ${document.version}`);
      }
      const edits = change.edits.map((e) => {
        if (!('newText' in e)) throw new Error('snippet edits are not expected');
        return e;
      });
      texts.set(document.uri, TextDocument.applyEdits(document, edits));
    }
    for (const [uri, text] of texts) {
      const path = uri.slice(pathToFileURL(this.root).href.length + 1);
      await this.change(decodeURIComponent(path), text);
    }
    return texts;
  }

  /** Polls until `condition` holds (the server works asynchronously); fails after a limit. */
  async waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}\nlogs:\n${this.logText()}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  logText(): string {
    return this.events.logs.map((l) => l.message).join('\n');
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // the process may already be gone
      }
    }
    this.connection.dispose();
    if (this.alive) this.process.kill();
  }
}
