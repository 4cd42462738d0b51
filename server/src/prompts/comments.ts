import { ts } from 'ts-morph';
import { LineMap } from '../text/line-map';
import type { Annotation } from './types';

/** `// promptcost-ignore-file` anywhere in a file's comments turns the file off. */
const IGNORE_FILE = /\/[/*]\s*promptcost-ignore-file\b/;
/** `// promptcost-ignore [rule-a, rule-b]` on the line before (or at the end of) a line. */
const IGNORE_LINE = /\/[/*]\s*promptcost-ignore(?!-)\b[ \t]*([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)?/g;
/** `// promptcost: calls-per-day=5000 model=gpt-4o`. */
const ANNOTATION = /\/[/*]\s*promptcost:\s*([^\n*]*)/g;
/** `/* @prompt *\/` before an expression forces it to count as a prompt. */
const FORCE = /\/\*\s*@prompt\s*\*\//;

/** What the comments of a file say, by zero-based line. */
export interface FileComments {
  ignoreFile: boolean;
  /** line → rule ids ignored on that line; an empty set means the whole line (every prompt and rule). */
  ignoredLines: Map<number, Set<string>>;
  annotations: Map<number, Annotation>;
}

const lineMaps = new WeakMap<ts.SourceFile, LineMap>();

function linesOf(sourceFile: ts.SourceFile): LineMap {
  let lines = lineMaps.get(sourceFile);
  if (!lines) lineMaps.set(sourceFile, (lines = new LineMap(sourceFile.text)));
  return lines;
}

/**
 * Zero-based line of an offset as editors and LSP count lines (`\n`, `\r\n`, `\r`), the numbering of
 * {@link FileComments}. TypeScript's own line numbers also break at U+2028/U+2029, so after such a
 * character in a string they run ahead of the editor's, and a directive silenced the wrong line.
 * @example editorLine(sourceFile, text.indexOf('second')) // 1 for "'a\u2028b'\nsecond"
 */
export function editorLine(sourceFile: ts.SourceFile, pos: number): number {
  return linesOf(sourceFile).positionAt(pos).line;
}

/** Rules ignored on a line by two directives (one above it, one at its end): an empty set (every rule) wins. */
function mergeIgnored(a: Set<string> | undefined, b: Set<string>): Set<string> {
  if (!a) return b;
  if (a.size === 0 || b.size === 0) return new Set();
  return new Set([...a, ...b]);
}

/** Parses `key=value` pairs of an annotation; unknown keys are ignored. */
export function parseAnnotation(body: string): Annotation {
  const annotation: Annotation = {};
  for (const [, key, value] of body.matchAll(/([a-z-]+)\s*=\s*([^\s,]+)/g)) {
    const number = Number(value.replace(/_/g, ''));
    if (key === 'calls-per-day' && Number.isFinite(number) && number >= 0) annotation.callsPerDay = number;
    else if (key === 'model') annotation.model = value;
    else if (key === 'dynamic-tokens' && Number.isFinite(number) && number >= 0) annotation.dynamicTokens = number;
    else if (key === 'output-tokens' && Number.isFinite(number) && number >= 0) annotation.outputTokens = number;
  }
  return annotation;
}

/** Whether a position is inside a string, template or regex literal (so `//` there is not a comment). */
function insideLiteral(sourceFile: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.getStart(sourceFile) <= pos && pos < c.end ? c : undefined));
    if (!child) break;
    node = child;
  }
  return (
    ts.isStringLiteralLike(node) ||
    ts.isTemplateLiteralToken(node) ||
    ts.isTemplateExpression(node) ||
    node.kind === ts.SyntaxKind.RegularExpressionLiteral ||
    node.kind === ts.SyntaxKind.JsxText
  );
}

/** Comments that mention promptcost: `//` to end of line, or `/* … *\/`. */
const DIRECTIVE_COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//;

/** The comments of a file without directives. */
export function noComments(): FileComments {
  return { ignoreFile: false, ignoredLines: new Map(), annotations: new Map() };
}

/**
 * Finds a file's promptcost comment directives. Cheap: a file without the word "promptcost" is not
 * scanned at all, and candidate comments inside string literals are discarded via the syntax tree.
 */
export function scanComments(sourceFile: ts.SourceFile): FileComments {
  const result: FileComments = { ignoreFile: false, ignoredLines: new Map(), annotations: new Map() };
  const text = sourceFile.text;
  if (!text.includes('promptcost')) return result;
  const pattern = new RegExp(DIRECTIVE_COMMENT.source, 'g');
  for (let found = pattern.exec(text); found; found = pattern.exec(text)) {
    const comment = found[0];
    const start = found.index;
    if (insideLiteral(sourceFile, start)) {
      // `//` or `/*` inside a string: look again just after it, or a real comment behind it is lost.
      pattern.lastIndex = start + 1;
      continue;
    }
    if (!comment.includes('promptcost')) continue;
    const line = editorLine(sourceFile, start);
    const lineStart = linesOf(sourceFile).offsetAt({ line, character: 0 });
    const trailing = text.slice(lineStart, start).trim().length > 0;
    const target = trailing ? line : editorLine(sourceFile, start + comment.length) + 1;
    if (IGNORE_FILE.test(comment)) result.ignoreFile = true;
    for (const match of comment.matchAll(IGNORE_LINE)) {
      const rules = new Set((match[1] ?? '').split(',').map((r) => r.trim()).filter(Boolean));
      result.ignoredLines.set(target, mergeIgnored(result.ignoredLines.get(target), rules));
    }
    for (const match of comment.matchAll(ANNOTATION)) {
      result.annotations.set(target, { ...result.annotations.get(target), ...parseAnnotation(match[1]) });
    }
  }
  return result;
}

/** Whether the node has a `/* @prompt *\/` comment right before it. */
export function isForced(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  // The trivia between the previous token and the node holds its comments (same line or above).
  return FORCE.test(sourceFile.text.slice(node.pos, node.getStart(sourceFile)));
}
