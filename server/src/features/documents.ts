import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from './session';

/**
 * Keeps the engines in step with the editor: an open document is analysed from its unsaved text, a
 * change re-analyses that file (the client pulls its diagnostics itself) and asks for a refresh when
 * other open files share prompts with it (a constant imported into a call); closing a document drops
 * its buffer so the file on disk counts again.
 */
export function registerDocuments(session: Session): void {
  const { documents } = session;
  documents.onDidChangeContent(({ document }) => {
    const file = session.sourcePath(document);
    if (!file) return;
    session.safely('updating the document', file, undefined, () => {
      session.folderFor(file).engine.setText(file, document.getText());
      session.changed();
      if (affectsOtherOpenFiles(session, file, document)) session.scheduleRefresh();
    });
  });
  documents.onDidClose(({ document }) => {
    const file = session.sourcePath(document);
    if (!file) return;
    session.safely('closing the document', file, undefined, () => {
      const affected = affectsOtherOpenFiles(session, file, document);
      session.folderFor(file).engine.remove(file);
      session.changed();
      if (affected) session.scheduleRefresh();
    });
  });
}

/** Whether an open document other than `document` imports prompts from `file` or gives prompts to it. */
function affectsOtherOpenFiles(session: Session, file: string, document: TextDocument): boolean {
  const engine = session.folderFor(file).engine;
  const related = new Set([...engine.dependents(file), ...engine.dependencies(file)]);
  related.delete(file);
  if (related.size === 0) return false;
  return session.documents.all().some((d) => d.uri !== document.uri && related.has(session.sourcePath(d) ?? ''));
}
