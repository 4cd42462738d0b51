import { CodeLensRefreshRequest, TextDocuments, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildFileView, type FileView } from './file-view';
import { FolderEngine } from './folder-engine';
import { DID_CHANGE_ANALYSIS_NOTIFICATION } from './protocol';
import { pathToUri, uriToPath } from './uri';

/** Languages promptcost analyses (VS Code language ids). */
export const SOURCE_LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
/** Delay that merges bursts of changes (typing, a settings edit) into one refresh of other documents. */
const REFRESH_DELAY_MS = 200;

/** What the client said it supports, as far as the features care. */
interface ClientSupport {
  configuration: boolean;
  diagnosticRefresh: boolean;
  codeLensRefresh: boolean;
  configurationChangeRegistration: boolean;
  workspaceFolders: boolean;
}

/**
 * The language server's state: open documents, one engine per workspace folder, cached file views,
 * logging, and the refresh of editors when results change. Features are thin handlers over it.
 */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  support: ClientSupport = { configuration: false, diagnosticRefresh: false, codeLensRefresh: false, configurationChangeRegistration: false, workspaceFolders: false };
  trusted = true;
  private folders: FolderEngine[] = [];
  private loose = new FolderEngine(undefined, true);
  private views = new Map<string, { generation: number; view: FileView | undefined }>();
  private generation = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  private settle!: () => void;
  /** Resolves once the first settings and `.promptcost.json` are loaded; handlers wait for it. */
  readonly ready = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(readonly connection: Connection) {}

  /** Marks the configuration loaded (handlers waiting on `ready` go on). */
  markReady(): void {
    this.settle();
  }

  /** Reads the client capabilities the features depend on. */
  setCapabilities(capabilities: ClientCapabilities): void {
    this.support = {
      configuration: !!capabilities.workspace?.configuration,
      diagnosticRefresh: !!capabilities.workspace?.diagnostics?.refreshSupport,
      codeLensRefresh: !!capabilities.workspace?.codeLens?.refreshSupport,
      configurationChangeRegistration: !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
      workspaceFolders: !!capabilities.workspace?.workspaceFolders,
    };
  }

  /** Replaces the workspace folders (absolute paths); files outside all of them use settings only. */
  setFolders(roots: readonly string[]): void {
    for (const folder of this.folders) folder.dispose();
    this.loose.dispose();
    this.folders = roots.map((root) => new FolderEngine(root, this.trusted));
    this.loose = new FolderEngine(undefined, this.trusted);
    this.changed();
  }

  /** Every folder engine, the one for loose files last. */
  allFolders(): FolderEngine[] {
    return [...this.folders, this.loose];
  }

  /** The workspace folders (without the loose-files engine). */
  workspaceFolders(): FolderEngine[] {
    return [...this.folders];
  }

  /** The engine of the innermost folder containing a file. */
  folderFor(file: string): FolderEngine {
    let best: FolderEngine | undefined;
    for (const folder of this.folders) {
      if (folder.contains(file) && (!best || folder.root!.length > best.root!.length)) best = folder;
    }
    return best ?? this.loose;
  }

  /** The path of a document promptcost analyses (a TS/JS file on disk), else undefined. */
  sourcePath(document: TextDocument | undefined): string | undefined {
    if (!document || !SOURCE_LANGUAGES.includes(document.languageId)) return undefined;
    return uriToPath(document.uri);
  }

  /** The text of a file as the engine sees it: the open buffer, else the file on disk. */
  textOf(file: string): string | undefined {
    return this.openDocument(file)?.getText() ?? this.folderFor(file).engine.project.text(file);
  }

  /** Marks every cached view stale (a text, the configuration or the files on disk changed). */
  changed(): void {
    this.generation++;
  }

  /** The analysis of a file for the editor features, cached until anything changes; undefined when disabled. */
  view(file: string): FileView | undefined {
    const cached = this.views.get(file);
    if (cached && cached.generation === this.generation) return cached.view;
    const folder = this.folderFor(file);
    const view = folder.enabled ? buildFileView(folder.engine, file) : undefined;
    this.views.set(file, { generation: this.generation, view });
    if (this.views.size > this.documents.keys().length + 16) this.pruneViews();
    return view;
  }

  /** Keeps cached views of open documents only. */
  private pruneViews(): void {
    const open = new Set(this.documents.keys().map(uriToPath));
    for (const file of this.views.keys()) if (!open.has(file)) this.views.delete(file);
  }

  /** The open document of a file path, if any. */
  openDocument(file: string): TextDocument | undefined {
    return this.documents.get(pathToUri(file)) ?? this.documents.all().find((d) => uriToPath(d.uri) === file);
  }

  /** The URI the client uses for a file (its open document's URI, else the `file:` URI). */
  uriOf(file: string): string {
    return this.openDocument(file)?.uri ?? pathToUri(file);
  }

  /**
   * Runs a handler; an error is logged with what failed and on which file, and the fallback is returned,
   * so one bad file or rule never takes the server down.
   */
  safely<T>(what: string, file: string | undefined, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.connection.console.error(`${what} failed${file ? ` for ${file}` : ''}: ${detail}`);
      return fallback;
    }
  }

  /**
   * Asks the client (soon, once per burst) to pull diagnostics and CodeLenses again for every open
   * document, and to re-query the language status: results of documents other than the edited one changed.
   */
  scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refreshNow();
    }, REFRESH_DELAY_MS);
  }

  private refreshNow(): void {
    const failed = (what: string) => (error: unknown) => this.connection.console.warn(`${what} refresh failed: ${String(error)}`);
    if (this.support.diagnosticRefresh) this.connection.languages.diagnostics.refresh().catch(failed('diagnostics'));
    if (this.support.codeLensRefresh) this.connection.sendRequest(CodeLensRefreshRequest.type).catch(failed('CodeLens'));
    void this.connection.sendNotification(DID_CHANGE_ANALYSIS_NOTIFICATION).catch(failed('status'));
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const folder of this.allFolders()) folder.dispose();
  }
}
