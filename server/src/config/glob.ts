/**
 * A small glob matcher for configuration keys and include/exclude lists.
 * Node's `path.matchesGlob` is experimental in Node 20 (it prints an ExperimentalWarning on
 * stderr, which pollutes CLI output and the language server's log) and absent before 20.17,
 * so promptcost uses this instead.
 *
 * Syntax: `*` any characters but `/`; `**` as a whole segment, any number of segments (including none; `dir/**` matches `dir` too);
 * `?` one character but `/`; `{a,b}` alternatives (nestable); `[abc]`, `[a-z]`, `[!a]` character classes;
 * `\x` a literal `x`. Paths and globs use `/`; backslashes in paths are treated as `/`.
 */

/** Characters with a meaning in regular expressions, escaped when literal. */
const REGEX_SPECIALS = /[.+^$()|[\]{}\\*?]/g;

/** Compiled globs, by source and options. */
const cache = new Map<string, RegExp>();

/** Bound on the cache so arbitrary keys cannot grow it without limit. */
const MAX_CACHED = 1000;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits the inside of `{…}` on top-level commas. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Translates a `[...]` class starting at `open`; returns the regex source and the index after `]`. */
function characterClass(glob: string, open: number): { source: string; next: number } | undefined {
  const close = glob.indexOf(']', open + 2);
  if (close < 0) return undefined;
  let body = glob.slice(open + 1, close);
  const negate = body.startsWith('!') || body.startsWith('^');
  if (negate) body = body.slice(1);
  const escaped = body.replace(/[\\\]^]/g, '\\$&');
  return { source: negate ? `[^/${escaped}]` : `[${escaped}]`, next: close + 1 };
}

/** Regex source of a glob (no anchors). */
function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i];
    const atSegmentStart = i === 0 || glob[i - 1] === '/';
    if (ch === '*' && glob[i + 1] === '*' && atSegmentStart && (i + 2 === glob.length || glob[i + 2] === '/')) {
      // `**/` matches zero or more whole segments; a trailing `**` matches the rest of the path.
      out += i + 2 === glob.length ? '.*' : '(?:[^/]*/)*';
      i += 3;
      continue;
    }
    if (ch === '*') {
      while (glob[i] === '*') i++;
      out += '[^/]*';
      continue;
    }
    if (ch === '/' && glob.slice(i + 1) === '**') {
      // A trailing `/**` also matches the directory itself.
      out += '(?:/.*)?';
      break;
    }
    if (ch === '?') out += '[^/]';
    else if (ch === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else if (ch === '{') {
      const close = closingBrace(glob, i);
      if (close > 0) {
        out += `(?:${splitAlternatives(glob.slice(i + 1, close)).map(translate).join('|')})`;
        i = close + 1;
        continue;
      }
      out += '\\{';
    } else if (ch === '[') {
      const cls = characterClass(glob, i);
      if (cls !== undefined) {
        out += cls.source;
        i = cls.next;
        continue;
      }
      out += '\\[';
    } else out += escapeRegex(ch);
    i++;
  }
  return out;
}

/**
 * Compiles a glob to an anchored regular expression.
 * With `matchBase`, a glob without a leading `/` or `**` may match at any directory boundary
 * (as if it started with `**\/`), so `src/*.ts` matches `/home/me/app/src/a.ts`.
 * @example globToRegExp('src/**\/*.{ts,js}').test('src/a/b.ts') // true
 */
export function globToRegExp(glob: string, options: { matchBase?: boolean } = {}): RegExp {
  const key = `${options.matchBase ? 'b' : 'a'}:${glob}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let source = translate(glob);
  if (options.matchBase && !glob.startsWith('/') && !glob.startsWith('**')) source = `(?:.*/)?${source}`;
  const regex = new RegExp(`^${source}$`);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** A path with `/` separators. */
export function toPosixPath(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Whether `path` matches `glob` (see the module comment for the syntax).
 * @example matchesGlob('src/prompts/system.ts', 'src/**\/*.ts') // true
 * @example matchesGlob('/repo/src/a.ts', 'src/*.ts', { matchBase: true }) // true
 */
export function matchesGlob(path: string, glob: string, options: { matchBase?: boolean } = {}): boolean {
  return globToRegExp(glob, options).test(toPosixPath(path));
}
