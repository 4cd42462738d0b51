import { LanguageStatusSeverity, languages, window, workspace, type Disposable, type LanguageStatusItem, type TextEditor } from 'vscode';
import { SHOW_WORKSPACE_REPORT_COMMAND } from '../../server/src/features/protocol';
import { DOCUMENT_SELECTOR, type PromptcostClient } from './client';

/** Wait after the last keystroke before asking for the file's cost again. */
const TYPING_DELAY_MS = 400;

/**
 * The language status item (the `{}` next to the language mode): the current file's prompt count and
 * monthly cost; clicking it opens the workspace cost report.
 */
export class CostStatus implements Disposable {
  private readonly item: LanguageStatusItem;
  private readonly disposables: Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly client: PromptcostClient) {
    this.item = languages.createLanguageStatusItem('promptcost.cost', DOCUMENT_SELECTOR);
    this.item.name = 'promptcost';
    this.item.text = 'promptcost';
    this.item.command = { command: SHOW_WORKSPACE_REPORT_COMMAND, title: 'Workspace cost report' };
    this.disposables.push(
      this.item,
      window.onDidChangeActiveTextEditor(() => void this.update()),
      workspace.onDidChangeTextDocument((event) => {
        if (event.document === window.activeTextEditor?.document) this.schedule();
      }),
      client.onDidChangeAnalysis(() => this.schedule()),
    );
    void this.update();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), TYPING_DELAY_MS);
  }

  /** Asks the server for the active file's cost; a newer update wins over a slower older one. */
  async update(editor: TextEditor | undefined = window.activeTextEditor): Promise<void> {
    if (!editor || !this.client.running || !languages.match(DOCUMENT_SELECTOR, editor.document)) return;
    const generation = ++this.generation;
    this.item.busy = true;
    try {
      const status = await this.client.languageStatus(editor.document.uri);
      if (generation !== this.generation) return;
      this.item.text = status.text;
      this.item.detail = status.detail;
      this.item.severity = LanguageStatusSeverity.Information;
    } catch (error) {
      if (generation !== this.generation) return;
      this.item.text = 'promptcost: no result';
      this.item.detail = String(error);
      this.item.severity = LanguageStatusSeverity.Warning;
    } finally {
      if (generation === this.generation) this.item.busy = false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
