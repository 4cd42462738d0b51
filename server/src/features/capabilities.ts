import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './code-actions';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic';

/** What the promptcost server offers, announced in the `initialize` result. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: false },
    hoverProvider: true,
    codeLensProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
