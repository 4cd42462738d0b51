import { commands, Position, ProgressLocation, Range, Selection, TextEditorRevealType, Uri, window, type Disposable, type QuickPickItem } from 'vscode';
import { formatUsd } from '../../server/src/pricing/format-usd';
import { SHOW_PROMPT_DETAILS_COMMAND, SHOW_WORKSPACE_REPORT_COMMAND, type WireRange, type WorkspaceReportItem } from '../../server/src/features/protocol';
import type { PromptcostClient } from './client';

/** Command ids contributed in package.json. */
export const COMMANDS = {
  restartServer: 'promptcost.restartServer',
  showOutput: 'promptcost.showOutput',
  showWorkspaceReport: SHOW_WORKSPACE_REPORT_COMMAND,
  showPromptDetails: SHOW_PROMPT_DETAILS_COMMAND,
} as const;

interface ReportPick extends QuickPickItem {
  item: WorkspaceReportItem;
}

/** Registers the promptcost commands. */
export function registerCommands(client: PromptcostClient): Disposable[] {
  return [
    commands.registerCommand(COMMANDS.restartServer, () => client.restart()),
    commands.registerCommand(COMMANDS.showOutput, () => client.output.show(true)),
    commands.registerCommand(COMMANDS.showWorkspaceReport, () => showWorkspaceReport(client)),
    commands.registerCommand(COMMANDS.showPromptDetails, (uri: string, position: { line: number; character: number }) => showPromptDetails(uri, position)),
  ];
}

function toRange(range: WireRange): Range {
  return new Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Opens a location, selecting the prompt's first line. */
async function reveal(item: WorkspaceReportItem, preview: boolean): Promise<void> {
  const start = new Position(item.range.start.line, item.range.start.character);
  const editor = await window.showTextDocument(Uri.parse(item.uri), { preview, preserveFocus: preview, selection: new Selection(start, start) });
  editor.revealRange(toRange(item.range), TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The workspace cost report: a quick pick of the prompts, costliest per month first, opening the one picked. */
async function showWorkspaceReport(client: PromptcostClient): Promise<void> {
  const report = await window.withProgress({ location: ProgressLocation.Window, title: 'promptcost: pricing the workspace' }, () => client.workspaceReport());
  if (report.items.length === 0) {
    void window.showInformationMessage('promptcost found no LLM prompts in this workspace.');
    return;
  }
  const picks: ReportPick[] = report.items.map((item) => ({
    label: item.label,
    description: `${formatUsd(item.perMonth)}/mo · ${item.model}`,
    detail: `${item.path}:${item.range.start.line + 1} · ${item.summary}`,
    item,
  }));
  const quickPick = window.createQuickPick<ReportPick>();
  quickPick.title = `promptcost: ${report.prompts} prompt${report.prompts === 1 ? '' : 's'}, ${formatUsd(report.perMonth)}/month${report.complete ? '' : ' (workspace scan not finished: open files only)'}`;
  quickPick.placeholder = 'Costliest prompts first; pick one to open it';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = picks;
  quickPick.onDidChangeActive(([active]) => active && void reveal(active.item, true));
  quickPick.onDidAccept(() => {
    const [picked] = quickPick.selectedItems;
    quickPick.hide();
    if (picked) void reveal(picked.item, false);
  });
  quickPick.onDidHide(() => quickPick.dispose());
  quickPick.show();
}

/** CodeLens click: puts the cursor on the prompt or call and shows its hover (the cost details). */
async function showPromptDetails(uri: string, position: { line: number; character: number }): Promise<void> {
  const at = new Position(position.line, position.character);
  await window.showTextDocument(Uri.parse(uri), { selection: new Selection(at, at), preserveFocus: false });
  await commands.executeCommand('editor.action.showHover');
}
