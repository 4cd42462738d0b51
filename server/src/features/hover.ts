import type { Hover } from 'vscode-languageserver';
import { LineMap } from '../text/line-map';
import { hoverMarkdown } from './hover-markdown';
import { hoverTargetAt } from './prompt-lookup';
import type { Session } from './session';

/** Hover over a prompt or a call: tokens, cost per call and per month, and the cheaper alternatives. */
export function registerHover(session: Session): void {
  session.connection.onHover(async (params) => {
    await session.ready;
    const document = session.documents.get(params.textDocument.uri);
    const file = session.sourcePath(document);
    if (!document || !file) return null;
    return session.safely('hover', file, null as Hover | null, () => {
      const view = session.view(file);
      if (!view) return null;
      const offset = document.offsetAt(params.position);
      const lineEnd = document.offsetAt({ line: params.position.line + 1, character: 0 });
      const target = hoverTargetAt(view, offset, lineEnd);
      if (!target) return null;
      const call = target.prompts[0].site.call;
      let callLine: number | undefined;
      if (call && call.file !== file) {
        const text = session.textOf(call.file);
        if (text !== undefined) callLine = new LineMap(text).positionAt(call.span.start).line + 1;
      }
      const value = hoverMarkdown({ kind: target.kind, prompts: target.prompts, callLine }, view.config);
      return {
        contents: { kind: 'markdown', value },
        range: { start: document.positionAt(target.span.start), end: document.positionAt(target.span.end) },
      };
    });
  });
}
