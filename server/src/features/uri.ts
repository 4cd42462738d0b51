import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The file system path of a `file:` URI, or undefined for other schemes (untitled, git, vscode-notebook-cell…).
 * @example uriToPath('file:///repo/src/chat.ts') // '/repo/src/chat.ts'
 * @example uriToPath('untitled:Untitled-1') // undefined
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The `file:` URI of an absolute path.
 * @example pathToUri('/repo/src/chat.ts') // 'file:///repo/src/chat.ts'
 */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
