import type { Hover } from 'vscode-languageserver-protocol';
import { Workspace } from './fixture';
import { LspClient } from './lsp-client';

/** A server started on a private copy of the fixture workspace. */
export interface ServerSession {
  workspace: Workspace;
  client: LspClient;
  stop(): Promise<void>;
}

/** Copies the fixture workspace, starts the bundled server on it with `settings` (`promptcost.*`) and waits for its scan. */
export async function startServer(settings: Record<string, unknown> = {}, options: { trusted?: boolean } = {}): Promise<ServerSession> {
  const workspace = new Workspace();
  const client = await LspClient.start(workspace.root, settings, options);
  // The background scan ends with a refresh request: wait for it, so tests start from a quiet server.
  await client.waitFor(() => client.events.diagnosticRefreshes > 0, 'the end of the workspace scan');
  return {
    workspace,
    client,
    async stop() {
      await client.stop();
      workspace.dispose();
    },
  };
}

/** The Markdown text of a hover (empty when there is none). */
export function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
}

/** The token count in a CodeLens title such as `≈ 1,240 tokens · $0.0031/call · $93/mo`. */
export function lensTokens(title: string | undefined): number {
  const match = /^(?:≈ )?([\d,]+) tokens/.exec(title ?? '');
  if (!match) throw new Error(`not a cost lens title: ${title}`);
  return Number(match[1].replace(/,/g, ''));
}

/** The pattern every cost lens title follows. */
export const LENS_TITLE = /^(?:≈ )?[\d,]+ tokens · \$[\d.,]+\/call · \$[\d.,]+\/mo$/;

/** A diagnostic's message as text (LSP 3.18 allows Markdown content there too). */
export function messageText(diagnostic: { message: string | { value: string } }): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
