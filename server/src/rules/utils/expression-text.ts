/**
 * Reading a JS/TS expression's source text without a syntax tree: where its top-level member calls are
 * (`.map(`, `.join(`), and whether `.slice(…)` can be appended to it as written. Conservative: anything
 * the scanner does not understand gives "no".
 */

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const IDENTIFIER_CHAR = /[\w$]/;

/** Index just after the string, template or comment starting at `i`, or -1 when it does not end. */
function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') j += 2;
    else if (ch === quote) return j + 1;
    else if (quote === '`' && ch === '$' && text[j + 1] === '{') {
      const end = skipGroup(text, j + 1);
      if (end < 0) return -1;
      j = end;
    } else if (quote !== '`' && ch === '\n') return -1;
    else j++;
  }
  return -1;
}

/** Index just after the bracket group opening at `i` (`(`, `[` or `{`), or -1 when unbalanced. */
export function skipGroup(text: string, i: number): number {
  const stack: string[] = [];
  let j = i;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '"' || ch === "'" || ch === '`') {
      j = skipQuoted(text, j);
      if (j < 0) return -1;
      continue;
    }
    if (ch === '/' && text[j + 1] === '/') return -1;
    if (ch in OPENERS) stack.push(OPENERS[ch]);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return j + 1;
    }
    j++;
  }
  return -1;
}

/** A top-level piece of a member chain: a name (`docs`, `.map`) or a bracket group (`(…)`, `[…]`). */
interface ChainPart {
  kind: 'name' | 'member' | 'group';
  start: number;
  end: number;
  /** For `member`: the property name. */
  name?: string;
}

/**
 * Splits an expression written as a member chain (`docs.filter(f).map(g).join('\n')`,
 * `(await r.invoke(q)).map(…)`, `this.messages`) into its parts; undefined when the text is anything
 * else (operators, `await`/`new` at the top level, a tagged template, comments).
 */
export function memberChain(text: string): ChainPart[] | undefined {
  const parts: ChainPart[] = [];
  let i = 0;
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  skipSpace();
  if (text[i] === '(') {
    const end = skipGroup(text, i);
    if (end < 0) return undefined;
    parts.push({ kind: 'group', start: i, end });
    i = end;
  } else {
    const start = i;
    while (i < n && IDENTIFIER_CHAR.test(text[i])) i++;
    const word = text.slice(start, i);
    if (!word || /^\d/.test(word) || word === 'await' || word === 'new' || word === 'typeof' || word === 'void') return undefined;
    parts.push({ kind: 'name', start, end: i });
  }
  for (;;) {
    const before = i;
    skipSpace();
    if (i >= n) return parts;
    const ch = text[i];
    if (ch === '!' && text[i + 1] !== '=') {
      i++;
      continue;
    }
    if (ch === '.' || (ch === '?' && text[i + 1] === '.')) {
      i += ch === '.' ? 1 : 2;
      skipSpace();
      if (text[i] === '(' || text[i] === '[') continue; // `?.(` / `?.[`
      const start = i;
      while (i < n && IDENTIFIER_CHAR.test(text[i])) i++;
      if (i === start) return undefined;
      parts.push({ kind: 'member', start: before, end: i, name: text.slice(start, i) });
      continue;
    }
    if (ch === '(' || ch === '[') {
      const end = skipGroup(text, i);
      if (end < 0) return undefined;
      parts.push({ kind: 'group', start: i, end });
      i = end;
      continue;
    }
    return undefined;
  }
}

/**
 * Whether `.slice(…)` appended to the text applies to the whole expression (a member chain such as
 * `history`, `this.messages`, `history.get()`, `(await load()).items`).
 * @example isPostfixChain('rows.map((m) => m.content)') // true
 * @example isPostfixChain('await loadHistory(id)') // false
 */
export function isPostfixChain(text: string): boolean {
  return memberChain(text) !== undefined;
}

/**
 * Offset in `text` of the first top-level `.name(` call of a member chain (the dot), or undefined.
 * @example memberCallOffset('docs.map((d) => d.text).join("\\n")', 'map') // 4
 */
export function memberCallOffset(text: string, name: string): number | undefined {
  const parts = memberChain(text);
  if (!parts) return undefined;
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k];
    if (part.kind === 'member' && part.name === name && parts[k + 1]?.kind === 'group' && text[parts[k + 1].start] === '(') {
      return part.start + (text.slice(part.start, part.end).search(/[.?]/));
    }
  }
  return undefined;
}

/**
 * The single argument of a call written `fn(arg)` with a plain callee, as an offset range in `text`
 * (`convertToModelMessages(messages)` → the range of `messages`), or undefined.
 */
export function soleArgument(text: string): { callee: string; start: number; end: number } | undefined {
  const match = /^\s*([A-Za-z_$][\w$]*)\s*\(/.exec(text);
  if (!match) return undefined;
  const open = match[0].length - 1;
  const close = skipGroup(text, open);
  if (close !== text.trimEnd().length) return undefined;
  const inner = text.slice(open + 1, close - 1);
  const start = open + 1 + (inner.length - inner.trimStart().length);
  const end = close - 1 - (inner.length - inner.trimEnd().length);
  const arg = text.slice(start, end);
  if (!arg || !isPostfixChain(arg) || arg.includes(',')) return undefined;
  return { callee: match[1], start, end };
}
