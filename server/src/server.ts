import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { serverCapabilities } from './features/capabilities';
import { registerCodeActions } from './features/code-actions';
import { registerCodeLens } from './features/code-lens';
import { registerDiagnostics } from './features/diagnostics';
import { registerDocuments } from './features/documents';
import { registerHover } from './features/hover';
import { registerLanguageStatus } from './features/language-status';
import type { InitializationOptions } from './features/protocol';
import { Session } from './features/session';
import { registerSettings } from './features/settings';
import { startSession } from './features/startup';
import { registerWatchedFiles } from './features/watched-files';
import { workspaceRoots } from './features/workspace-folders';
import { registerWorkspaceReport } from './features/workspace-report';

/** The promptcost language server: wires the connection to the features (see features/). */
const connection = createConnection(ProposedFeatures.all);
const session = new Session(connection);

connection.onInitialize((params) => {
  session.trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted !== false;
  session.setCapabilities(params.capabilities);
  session.setFolders(workspaceRoots(params));
  return { capabilities: serverCapabilities(), serverInfo: { name: 'promptcost', version: '0.1.0' } };
});
connection.onInitialized(() => void startSession(session));
connection.onShutdown(() => session.dispose());
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

registerDocuments(session);
registerSettings(session);
registerWatchedFiles(session);
registerDiagnostics(session);
registerHover(session);
registerCodeLens(session);
registerCodeActions(session);
registerWorkspaceReport(session);
registerLanguageStatus(session);

session.documents.listen(connection);
connection.listen();
