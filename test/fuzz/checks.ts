import { ts } from 'ts-morph';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editsToWorkspaceEdit } from '../../server/src/features/fix-edits';
import type { PromptSite, Span } from '../../server/src/prompts/types';
import type { TextEdit } from '../../server/src/rules/types';
import { applyEdits } from '../../server/src/text/apply-edits';
import { LineMap } from '../../server/src/text/line-map';

/** Helpers of the fuzz properties: range checks, parsing, applying edits as the editor does. */

/** A property violation, with what was checked. */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

/** Throws a {@link PropertyFailure} when `ok` is false. */
export function expect(ok: boolean, message: () => string): asserts ok {
  if (!ok) throw new PropertyFailure(message());
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether `offset` falls between the two halves of a surrogate pair (an astral character such as an emoji). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Checks that a span is a well-formed range of `text` that cuts no astral character in two. */
export function expectSpan(span: Span | undefined, text: string, what: string): void {
  if (!span) return;
  const { start, end } = span;
  expect(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, () => `${what}: span ${start}-${end} outside the document (length ${text.length})`);
  expect(!splitsSurrogatePair(text, start) && !splitsSurrogatePair(text, end), () => `${what}: span ${start}-${end} splits a surrogate pair`);
}

/** Checks every span a prompt site carries against the texts of the files they point into. */
export function expectSiteSpans(site: PromptSite, textOf: (file: string) => string | undefined): void {
  const siteText = textOf(site.file);
  expect(siteText !== undefined, () => `site ${site.id} is in an unknown file ${site.file}`);
  const where = `site ${site.kind} ${site.name ?? ''} at ${site.span.start}`;
  expectSpan(site.span, siteText, where);
  for (const s of site.segments) expectSpan(s.span, siteText, `${where}: segment ${JSON.stringify(s.kind === 'static' ? s.text.slice(0, 40) : s.expression)}`);
  for (const m of site.messages ?? []) {
    expectSpan(m.span, siteText, `${where}: ${m.role} message`);
    for (const s of m.segments) expectSpan(s.span, siteText, `${where}: ${m.role} message segment`);
  }
  for (const injection of [site.history, site.retrieval]) {
    if (!injection) continue;
    expectSpan(injection.span, siteText, `${where}: ${injection.kind} injection`);
    expectSpan(injection.boundSpan, siteText, `${where}: ${injection.kind} bound`);
  }
  const call = site.call;
  if (!call) return;
  const callText = textOf(call.file);
  expect(callText !== undefined, () => `${where}: call in an unknown file ${call.file}`);
  for (const [name, span] of [['call', call.span], ['callee', call.calleeSpan], ['model', call.modelSpan], ['options', call.optionsSpan]] as const) {
    expectSpan(span, callText, `${where}: ${name} of ${call.api}`);
  }
  for (const arg of call.promptArgs ?? []) {
    expectSpan(arg.value, callText, `${where}: argument ${arg.name} of ${call.api}`);
    expectSpan(arg.property, callText, `${where}: argument property ${arg.name} of ${call.api}`);
  }
}

/** The innermost string or template literal token of a file containing `offset` (undefined outside literals). */
function literalAt(sourceFile: ts.SourceFile, offset: number): ts.LiteralLikeNode | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= offset && offset < c.end ? c : undefined));
    if (!child) break;
    node = child;
  }
  if (ts.isTemplateExpression(node)) node = [node.head, ...node.templateSpans.map((s) => s.literal)].find((l) => l.getStart(sourceFile) <= offset && offset < l.end) ?? node;
  return ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) ? node : undefined;
}

/** Whether `part` is `whole` with characters left out (dedent, trim and escapes only ever remove). */
function isSubsequence(part: string, whole: string): boolean {
  let j = 0;
  for (let i = 0; i < whole.length && j < part.length; i++) if (whole[i] === part[j]) j++;
  return j === part.length;
}

/**
 * Checks that the text of each static segment written in a literal comes from that literal: it is the
 * literal's cooked text with at most some characters left out. A segment carrying more (another
 * segment's text, the whole prompt) has wrong token counts and misplaced reports.
 */
export function expectSegmentTexts(site: PromptSite, sourceFile: ts.SourceFile): void {
  for (const s of [...site.segments, ...(site.messages ?? []).flatMap((m) => m.segments)]) {
    if (s.kind !== 'static' || !s.span || s.span.start === s.span.end) continue;
    const literal = literalAt(sourceFile, s.span.start);
    if (!literal) continue;
    expect(isSubsequence(s.text, literal.text), () => `site ${site.kind} ${site.name ?? ''} at ${site.span.start}: static segment at ${s.span!.start}-${s.span!.end} has text ${JSON.stringify(s.text.slice(0, 120))} that is not in its literal ${JSON.stringify(literal.text.slice(0, 120))}`);
  }
}

/** TypeScript's script kind for a file name (as the engine parses it). */
export function scriptKindOf(name: string): ts.ScriptKind {
  if (/\.tsx$/.test(name)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(name)) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(name)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses kept for the texts seen last (a case parses its original text once per fix). */
const PARSE_CACHE_ENTRIES = 64;
const parsed = new Map<string, string[]>();

/** The parser's syntax errors of a text (messages with their offsets). */
export function syntaxErrors(name: string, text: string): string[] {
  const key = `${scriptKindOf(name)}:${text}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  const errors = parse(name, text);
  if (parsed.size >= PARSE_CACHE_ENTRIES) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, errors);
  return errors;
}

function parse(name: string, text: string): string[] {
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, scriptKindOf(name));
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  return diagnostics.map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/**
 * Applies edits of one file twice, as `--fix`-style offsets and as the editor does (LSP positions
 * computed with the server's line map, applied by vscode-languageserver-textdocument); both must agree.
 */
export function applyAsEditor(file: string, text: string, edits: readonly TextEdit[], what: string): string {
  let byOffsets: string;
  try {
    byOffsets = applyEdits(text, edits);
  } catch (error) {
    throw new PropertyFailure(`${what}: edits do not apply: ${(error as Error).message}`);
  }
  const workspaceEdit = editsToWorkspaceEdit(edits, () => ({ uri: 'file:///fuzz', version: 1, lines: new LineMap(text) }));
  const lspEdits = (workspaceEdit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : [])).filter((e) => 'newText' in e);
  const byPositions = TextDocument.applyEdits(TextDocument.create('file:///fuzz', 'typescript', 1, text), lspEdits);
  expect(byPositions === byOffsets, () => `${what}: the edits give another text when applied by an editor (LSP positions) than by offsets in ${file}: ${JSON.stringify(edits)}`);
  return byOffsets;
}

/**
 * Where the first syntax error of a text may have come from, or undefined when it parses: the start of
 * the leading trivia of the token the error is reported at (an "Expression expected" at `}` is about the
 * gap before it, comments included).
 */
function firstError(name: string, text: string): number | undefined {
  const errors = syntaxErrors(name, text);
  if (errors.length === 0) return undefined;
  const at = Math.min(...errors.map((e) => Number(e.slice(0, e.indexOf(':')))));
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, scriptKindOf(name));
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.pos <= at && at < c.end);
    if (!child) return Math.min(at, node === sf ? at : node.pos);
    node = child;
  }
}

/** Where `offset` of the text before `edits` is after them (an offset inside or at the end of an edit maps to the edit's start). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.end < offset) shift += e.newText.length - (e.end - e.start);
    else if (e.start <= offset) return e.start + shift;
  }
  return offset + shift;
}

/**
 * Checks that applying `edits` adds no syntax error. A file that parses must still parse. In a file that
 * already has syntax errors the parser's recovery after the first one is not stable under harmless edits
 * (deleting a whole array element before an invalid character turned 1 error into 3), so there the fixed
 * text must have no error before the place the first original one comes from (edits there are free).
 */
export function expectNoNewSyntaxErrors(name: string, before: string, after: string, edits: readonly TextEdit[], what: string): void {
  const old = firstError(name, before);
  const limit = old === undefined ? Infinity : mapOffset(old, [...edits].sort((a, b) => a.start - b.start));
  const now = syntaxErrors(name, after).filter((e) => Number(e.slice(0, e.indexOf(':'))) < limit);
  expect(now.length === 0, () => `${what} adds syntax errors to ${name}: ${JSON.stringify(now.slice(0, 3))} (${old === undefined ? 'it parsed' : `first error before at ${old}`})\n--- fixed text ---\n${after}`);
}
