import { join } from 'node:path';
import { EventEmitter, Uri, window, workspace, type Disposable, type Event, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  DID_CHANGE_ANALYSIS_NOTIFICATION,
  LANGUAGE_STATUS_REQUEST,
  WORKSPACE_REPORT_REQUEST,
  type InitializationOptions,
  type LanguageStatus,
  type WorkspaceReport,
} from '../../server/src/features/protocol';
import { RestartPolicy } from './restart-policy';
import { SERVER_EXEC_ARGV } from './server-process';

/** The client id: also the prefix of `promptcost.trace.server`, which the language client reads itself. */
export const CLIENT_ID = 'promptcost';
/** Languages the server analyses (VS Code language ids). */
export const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'] as const;
/** The document selector of the features and the status item: TS/JS files on disk. */
export const DOCUMENT_SELECTOR = LANGUAGES.map((language) => ({ scheme: 'file', language }));
/** Files whose changes on disk the server hears about: its configuration and sources it may have read. */
const WATCHED_GLOBS = ['**/.promptcost.json', '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
/** Port the server listens on for a debugger when the extension runs in debug mode. */
const DEBUG_PORT = 6011;
/** Read/write errors on the connection tolerated in a row before the server is shut down (vscode-languageclient's default). */
const MAX_CONNECTION_ERRORS = 3;

/**
 * The promptcost language client: starts the bundled server over IPC with a log output channel, forwards
 * the workspace trust, and exposes the custom requests. Only this folder touches the `vscode` API.
 */
export class PromptcostClient implements Disposable {
  readonly output: LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly changed = new EventEmitter<void>();
  private readonly disposables: Disposable[] = [];
  private readonly restarts = new RestartPolicy();
  /** Fires when results may have changed (settings, configuration file, another file, a restart). */
  readonly onDidChangeAnalysis: Event<void> = this.changed.event;

  constructor(private readonly context: ExtensionContext) {
    this.output = window.createOutputChannel('promptcost', { log: true });
    this.disposables.push(
      this.output,
      this.changed,
      workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
  }

  /** Starts the server (and creates the client the first time). */
  async start(): Promise<void> {
    this.client ??= this.create();
    await this.client.start();
    this.changed.fire();
  }

  /** Stops and starts the server again (the "promptcost: Restart Server" command). */
  async restart(): Promise<void> {
    if (!this.client) return this.start();
    this.output.info('restarting the promptcost server');
    this.restarts.reset();
    await this.client.restart();
    this.changed.fire();
  }

  async stop(): Promise<void> {
    if (this.client?.isRunning()) await this.client.stop();
  }

  /** Whether the server is up and answering. */
  get running(): boolean {
    return !!this.client?.isRunning();
  }

  /** How many times the server stopped unexpectedly (each is logged, and restarted within limits). */
  get crashes(): number {
    return this.restarts.total;
  }

  /** The costliest prompts of the workspace. */
  workspaceReport(): Promise<WorkspaceReport> {
    return this.request<WorkspaceReport>(WORKSPACE_REPORT_REQUEST, undefined);
  }

  /** The prompt count and monthly cost of one file. */
  languageStatus(uri: Uri): Promise<LanguageStatus> {
    return this.request<LanguageStatus>(LANGUAGE_STATUS_REQUEST, { uri: uri.toString() });
  }

  private async request<R>(method: string, params: unknown): Promise<R> {
    if (!this.client?.isRunning()) throw new Error('the promptcost server is not running');
    return this.client.sendRequest<R>(method, params);
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath(join('server', 'out', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', `--inspect=${DEBUG_PORT}`] } },
    };
    const watchers = WATCHED_GLOBS.map((glob) => workspace.createFileSystemWatcher(glob));
    this.disposables.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      synchronize: { fileEvents: watchers },
      initializationOptions: (): InitializationOptions => ({ trusted: workspace.isTrusted }),
      diagnosticPullOptions: { onChange: true, onSave: true },
      errorHandler: this.errorHandler(),
    };
    const client = new LanguageClient(CLIENT_ID, 'promptcost', serverOptions, clientOptions);
    this.disposables.push(
      client.onNotification(DID_CHANGE_ANALYSIS_NOTIFICATION, () => this.changed.fire()),
      // After a restart (by hand or after a crash) every result may differ: refresh the status item.
      client.onDidChangeState(({ newState }) => newState === State.Running && this.changed.fire()),
    );
    return client;
  }

  /**
   * A server that stops unexpectedly (a crash, a kill) is logged and started again, up to the limits of
   * `RestartPolicy`; past them the user is told and the server stays stopped until "Restart Server".
   */
  private errorHandler(): ErrorHandler {
    return {
      error: (error, _message, count) => {
        this.output.error(`promptcost server connection error: ${error.message}`);
        return { action: count !== undefined && count <= MAX_CONNECTION_ERRORS ? ErrorAction.Continue : ErrorAction.Shutdown };
      },
      closed: () => {
        const decision = this.restarts.crashed();
        if (!decision.restart) return { action: CloseAction.DoNotRestart, message: decision.message }; // logged and shown by the client
        this.output.warn(decision.message);
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  dispose(): void {
    void this.stop();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
