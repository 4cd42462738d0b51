import type { CodeLens } from 'vscode-languageserver';
import { costSummary, totalsOf } from './cost-text';
import { costTargets } from './prompt-lookup';
import { SHOW_PROMPT_DETAILS_COMMAND } from './protocol';
import type { Session } from './session';

/**
 * A CodeLens above each call with prompts and each prompt defined outside its call:
 * `≈ 1,240 tokens · $0.0031/call · $93/mo`; clicking it shows the hover's details there.
 */
export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(async (params) => {
    await session.ready;
    const document = session.documents.get(params.textDocument.uri);
    const file = session.sourcePath(document);
    if (!document || !file) return [];
    return session.safely('CodeLens', file, [] as CodeLens[], () => {
      const view = session.view(file);
      if (!view) return [];
      return costTargets(view).map((target) => {
        const position = document.positionAt(target.offset);
        const title = costSummary(totalsOf(target.prompts));
        return {
          range: { start: position, end: position },
          command: { title, command: SHOW_PROMPT_DETAILS_COMMAND, arguments: [document.uri, position] },
        };
      });
    });
  });
}
