import { isAbsolute, relative } from 'node:path';

/**
 * A file path as reports show it: relative to `root` when absolute, with forward slashes.
 * @example displayPath('/repo', '/repo/src/a.ts') // 'src/a.ts'
 * @example displayPath('C:\\repo', 'C:\\repo\\src\\a.ts') // 'src/a.ts' (on Windows)
 */
export function displayPath(root: string, file: string): string {
  const shown = isAbsolute(file) ? relative(root, file) : file;
  return shown.replace(/\\/g, '/');
}
