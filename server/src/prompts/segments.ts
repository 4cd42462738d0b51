import { ts } from 'ts-morph';
import type { Declaration, FileIndex } from './file-index';
import { lastReturn } from './value-sources';
import { makeInjection, retrievalJoin } from './injections';
import type { Resolved, Resolver } from './resolver';
import { getProperty, textOf, unwrap } from './syntax';
import type { DynamicSource, Injection, Segment } from './types';

/** Tags that strip common indentation from a template (dedent, common-tags, outdent). */
const DEDENT_TAGS = /^(dedent|outdent|stripIndent|stripIndents|codeBlock|html|oneLine|source|trimIndent|endent)$/;
/** How deep the evaluator follows identifiers and nested expressions before calling the rest dynamic. */
const MAX_EVAL_DEPTH = 40;
/** Names that hold chat history when interpolated into text. */
const HISTORY_NAMES = /history|conversation|transcript|chatLog|previousMessages|pastMessages|turns/i;

/** The text of an expression as segments, plus injections found in it and constants it inlined. */
export interface Evaluation {
  segments: Segment[];
  injections: Injection[];
  /** Constants with text that this expression used (candidates for their own definition sites). */
  constants: Resolved[];
}

/** State for evaluating one prompt. */
export interface EvalContext {
  resolver: Resolver;
  /** The file the prompt is reported in; segment spans in other files are dropped. */
  siteFile: string;
  depth: number;
  visiting: Set<ts.Node>;
}

function staticSegment(text: string, node: ts.Node | undefined, index: FileIndex, ctx: EvalContext, startOffset = 0, endOffset = 0): Segment {
  if (!node || index.file !== ctx.siteFile) return { kind: 'static', text };
  const start = node.getStart(index.sourceFile) + startOffset;
  // An unterminated literal (`'abc` at the end of a line or file) has no closing quote to leave out.
  const end = (node as ts.LiteralLikeNode).isUnterminated ? node.end : node.end - endOffset;
  return { kind: 'static', text, span: { start, end } };
}

function dynamicSegment(expr: ts.Expression, index: FileIndex, ctx: EvalContext, source: DynamicSource): Segment {
  const segment: Segment = { kind: 'dynamic', expression: textOf(expr, index.sourceFile), source };
  if (index.file === ctx.siteFile) segment.span = { start: expr.getStart(index.sourceFile), end: expr.end };
  return segment;
}

function empty(): Evaluation {
  return { segments: [], injections: [], constants: [] };
}

function append(into: Evaluation, from: Evaluation): void {
  into.segments.push(...from.segments);
  into.injections.push(...from.injections);
  into.constants.push(...from.constants);
}

/** Length of a template literal's closing delimiter: `}` + text + `` ` `` or `${`. */
function literalText(node: ts.TemplateLiteralLikeNode | ts.NoSubstitutionTemplateLiteral): string {
  return node.text;
}

/** Removes the common leading indentation of all non-blank lines, and a leading/trailing blank line. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let min = Infinity;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    min = Math.min(min, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(min) || min === 0) return text.replace(/^\n/, '').replace(/\n[ \t]*$/, '');
  const out = lines.map((line, i) => (i === 0 ? line : line.slice(Math.min(min, line.length - line.trimStart().length))));
  return out.join('\n').replace(/^\n/, '').replace(/\n[ \t]*$/, '');
}

function evaluateTemplate(tpl: ts.TemplateExpression, index: FileIndex, ctx: EvalContext): Evaluation {
  const result = empty();
  if (tpl.head.text) result.segments.push(staticSegment(literalText(tpl.head), tpl.head, index, ctx, 1, 2));
  for (const span of tpl.templateSpans) {
    append(result, evaluate(span.expression, index, ctx));
    const isTail = ts.isTemplateTail(span.literal);
    if (span.literal.text) result.segments.push(staticSegment(literalText(span.literal), span.literal, index, ctx, 1, isTail ? 1 : 2));
  }
  return result;
}


function resolvedInit(resolved: Resolved): ts.Expression | undefined {
  const { decl } = resolved;
  if (decl.kind !== 'variable' || !decl.init) return undefined;
  const init = decl.init as ts.Expression;
  if (decl.property) {
    const obj = unwrap(init);
    return ts.isObjectLiteralExpression(obj) ? getProperty(obj, decl.property) : undefined;
  }
  return init;
}

/**
 * The expression a function returns: an arrow's body, or its last `return` (the full prompt; earlier
 * returns are usually guards).
 */
export function returnedExpression(fn: ts.Node): ts.Expression | undefined {
  return lastReturn(fn);
}

/** A declaration record for a function node (named by its declaration or the variable holding it). */
function functionDeclaration(fn: ts.Node): Declaration {
  const name = (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)
    ? fn.name.text
    : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : 'function';
  const body = (fn as ts.FunctionLikeDeclaration).body;
  return { name, kind: 'function', node: fn, init: body, isConst: true, exported: false, scope: fn };
}

/** The function a callee names, if it is a local or imported function (declaration or arrow). */
export function resolveFunction(callee: ts.Expression, index: FileIndex, resolver: Resolver): { index: FileIndex; fn: ts.Node } | undefined {
  const e = unwrap(callee);
  let resolved: Resolved | undefined;
  if (ts.isIdentifier(e)) resolved = resolver.resolveName(index, e.text, e);
  else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const ns = resolver.namespaceIndex(index, e.expression.text);
    if (ns) resolved = resolver.resolveExportIn(ns, e.name.text);
  }
  if (!resolved) return undefined;
  const { decl } = resolved;
  if (decl.kind === 'function') return { index: resolved.index, fn: decl.node };
  const init = decl.init && !decl.property ? unwrap(decl.init as ts.Expression) : undefined;
  if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return { index: resolved.index, fn: init };
  return undefined;
}

/**
 * Evaluates an expression into prompt text segments: literals are static, constants are followed to
 * their declarations (also across imports), everything unknown at analysis time is a dynamic segment.
 */
export function evaluate(expr: ts.Expression, index: FileIndex, ctx: EvalContext): Evaluation {
  if (ctx.depth > MAX_EVAL_DEPTH || ctx.visiting.has(expr)) {
    return { segments: [dynamicSegment(expr, index, ctx, 'interpolation')], injections: [], constants: [] };
  }
  ctx.visiting.add(expr);
  ctx.depth++;
  try {
    return evaluateInner(unwrap(expr), index, ctx);
  } finally {
    ctx.depth--;
    ctx.visiting.delete(expr);
  }
}

function evaluateInner(e: ts.Expression, index: FileIndex, ctx: EvalContext): Evaluation {
  if (ts.isStringLiteral(e)) return { segments: e.text ? [staticSegment(e.text, e, index, ctx, 1, 1)] : [], injections: [], constants: [] };
  if (ts.isNoSubstitutionTemplateLiteral(e)) return { segments: e.text ? [staticSegment(e.text, e, index, ctx, 1, 1)] : [], injections: [], constants: [] };
  if (ts.isTemplateExpression(e)) return evaluateTemplate(e, index, ctx);
  if (ts.isTaggedTemplateExpression(e)) {
    const tag = ts.isIdentifier(e.tag) ? e.tag.text : ts.isPropertyAccessExpression(e.tag) ? e.tag.name.text : '';
    const inner = evaluate(e.template, index, ctx);
    return DEDENT_TAGS.test(tag) ? dedentEvaluation(inner) : inner;
  }
  if (ts.isNumericLiteral(e)) return { segments: [staticSegment(e.text, undefined, index, ctx)], injections: [], constants: [] };
  if (isConcat(e)) return evaluateConcat(e, index, ctx);
  if (ts.isIdentifier(e)) return evaluateIdentifier(e, index, ctx);
  if (ts.isPropertyAccessExpression(e)) {
    const viaObject = evaluatePropertyAccess(e, index, ctx);
    if (viaObject) return viaObject;
  }
  if (ts.isCallExpression(e)) {
    const call = evaluateCall(e, index, ctx);
    if (call) return call;
  }
  const source: DynamicSource = HISTORY_NAMES.test(textOf(e, index.sourceFile)) ? 'history' : 'interpolation';
  return { segments: [dynamicSegment(e, index, ctx, source)], injections: [], constants: [] };
}

function isConcat(e: ts.Expression): e is ts.BinaryExpression {
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/**
 * `a + b + c` parses as `(a + b) + c`: the left spine is walked in a loop and each operand evaluated at
 * the same depth, so a concatenation of many parts is read whole (not cut into a dynamic part at
 * MAX_EVAL_DEPTH) and a 5,000-part chain cannot overflow the stack.
 */
function evaluateConcat(e: ts.BinaryExpression, index: FileIndex, ctx: EvalContext): Evaluation {
  const rights: ts.Expression[] = [];
  let left: ts.Expression = e;
  while (isConcat(left)) {
    rights.push(left.right);
    left = left.left;
  }
  const result = evaluate(left, index, ctx);
  for (let i = rights.length - 1; i >= 0; i--) append(result, evaluate(rights[i], index, ctx));
  return result;
}

/**
 * Which characters of `text` {@link dedent} keeps (it only removes: indentation, a leading line break, a
 * trailing blank line), so a text made of several segments can be dedented whole and each segment keep
 * its own part.
 * @example dedentKept('\n  a\n  b') // [false, false, false, true, true, false, false, true]
 */
export function dedentKept(text: string): boolean[] {
  const keep = new Array<boolean>(text.length).fill(true);
  const lines = text.split('\n');
  let min = Infinity;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    min = Math.min(min, line.length - line.trimStart().length);
  }
  if (Number.isFinite(min) && min > 0) {
    let at = 0;
    lines.forEach((line, i) => {
      if (i > 0) keep.fill(false, at, at + Math.min(min, line.length - line.trimStart().length));
      at += line.length + 1;
    });
  }
  const first = keep.indexOf(true);
  if (first >= 0 && text[first] === '\n') keep[first] = false;
  // A trailing line break followed only by spaces and tabs (among the kept characters).
  const tail: number[] = [];
  for (let i = text.length - 1; i >= 0; i--) {
    if (!keep[i]) continue;
    if (text[i] === ' ' || text[i] === '\t') tail.push(i);
    else {
      if (text[i] === '\n') for (const t of [...tail, i]) keep[t] = false;
      break;
    }
  }
  return keep;
}

function dedentEvaluation(evaluation: Evaluation): Evaluation {
  // Dedent the whole text at once (indentation is measured across segments); each static segment keeps
  // what the dedent keeps of its own characters (consecutive static segments each got the whole text).
  const marker = '\u0000';
  const joined = evaluation.segments.map((s) => (s.kind === 'static' ? s.text : marker)).join('');
  const keep = dedentKept(joined);
  let at = 0;
  for (const seg of evaluation.segments) {
    if (seg.kind !== 'static') {
      at++;
      continue;
    }
    let text = '';
    for (let k = 0; k < seg.text.length; ) {
      const start = k;
      const kept = keep[at + k];
      while (k < seg.text.length && keep[at + k] === kept) k++;
      if (kept) text += seg.text.slice(start, k);
    }
    at += seg.text.length;
    seg.text = text;
  }
  evaluation.segments = evaluation.segments.filter((s) => s.kind === 'dynamic' || s.text.length > 0);
  return evaluation;
}

function evaluateIdentifier(e: ts.Identifier, index: FileIndex, ctx: EvalContext): Evaluation {
  const resolved = ctx.resolver.resolveName(index, e.text, e);
  const init = resolved ? resolvedInit(resolved) : undefined;
  if (resolved && init && (resolved.decl.isConst || resolved.decl.kind === 'variable')) {
    const value = unwrap(init);
    if (!ts.isArrowFunction(value) && !ts.isFunctionExpression(value) && !ts.isObjectLiteralExpression(value) && !ts.isArrayLiteralExpression(value) && !ts.isNewExpression(value)) {
      const inner = evaluate(init, resolved.index, ctx);
      const hasText = inner.segments.some((s) => s.kind === 'static');
      if (hasText) {
        inner.constants.unshift(resolved);
        return inner;
      }
      // A variable holding runtime data: keep the reference at this use, with what it carries.
      const join = retrievalJoin(init, resolved.index);
      if (join) {
        return {
          segments: [dynamicSegment(e, index, ctx, 'retrieval')],
          injections: [makeInjection('retrieval', e, join, resolved.index, ctx.resolver, ctx.siteFile)],
          constants: [],
        };
      }
      return { segments: [dynamicSegment(e, index, ctx, inner.segments[0]?.kind === 'dynamic' ? inner.segments[0].source : 'interpolation')], injections: inner.injections, constants: [] };
    }
  }
  const source: DynamicSource = resolved?.decl.kind === 'parameter' ? 'argument' : HISTORY_NAMES.test(e.text) ? 'history' : 'interpolation';
  return { segments: [dynamicSegment(e, index, ctx, source)], injections: [], constants: [] };
}

function evaluatePropertyAccess(e: ts.PropertyAccessExpression, index: FileIndex, ctx: EvalContext): Evaluation | undefined {
  // PROMPTS.system where PROMPTS is a const object literal, or prompts.SYSTEM for `import * as prompts`.
  if (ts.isIdentifier(e.expression)) {
    const ns = ctx.resolver.namespaceIndex(index, e.expression.text);
    if (ns) {
      const resolved = ctx.resolver.resolveExportIn(ns, e.name.text);
      const init = resolved ? resolvedInit(resolved) : undefined;
      if (resolved && init) {
        const inner = evaluate(init, resolved.index, ctx);
        if (inner.segments.some((s) => s.kind === 'static')) {
          inner.constants.unshift(resolved);
          return inner;
        }
      }
      return undefined;
    }
    const owner = ctx.resolver.resolveName(index, e.expression.text, e);
    const init = owner ? resolvedInit(owner) : undefined;
    const obj = init ? unwrap(init) : undefined;
    if (owner && obj && ts.isObjectLiteralExpression(obj)) {
      const value = getProperty(obj, e.name.text);
      if (value) return evaluate(value, owner.index, ctx);
    }
  }
  return undefined;
}

function evaluateCall(e: ts.CallExpression, index: FileIndex, ctx: EvalContext): Evaluation | undefined {
  const callee = unwrap(e.expression);
  const join = retrievalJoin(e, index);
  if (join) {
    return {
      segments: [dynamicSegment(e, index, ctx, 'retrieval')],
      injections: [makeInjection('retrieval', e, join, index, ctx.resolver, ctx.siteFile)],
      constants: [],
    };
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const receiver = unwrap(callee.expression);
    if (method === 'join') {
      const array = ts.isArrayLiteralExpression(receiver) ? { array: receiver, index } : arrayFromIdentifier(receiver, index, ctx);
      if (array) return evaluateJoin(array.array, array.index, e.arguments[0], index, ctx);
    }
    if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') {
      const inner = evaluate(receiver, index, ctx);
      const statics = inner.segments.filter((s) => s.kind === 'static');
      if (statics.length > 0 && (method !== 'trimEnd') && inner.segments[0].kind === 'static') inner.segments[0].text = inner.segments[0].text.trimStart();
      const last = inner.segments[inner.segments.length - 1];
      if (last && last.kind === 'static' && method !== 'trimStart') last.text = last.text.trimEnd();
      return inner;
    }
    if (method === 'replace' || method === 'replaceAll' || method === 'concat' && ts.isStringLiteralLike(receiver)) {
      const inner = evaluate(receiver, index, ctx);
      if (method === 'concat') for (const arg of e.arguments) append(inner, evaluate(arg, index, ctx));
      return inner;
    }
  }
  if (ts.isIdentifier(callee) && DEDENT_TAGS.test(callee.text) && e.arguments.length === 1) {
    return dedentEvaluation(evaluate(e.arguments[0], index, ctx));
  }
  if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments.length === 1) return evaluate(e.arguments[0], index, ctx);
  // A call to a function that returns a template: the template's text, its parameters dynamic.
  const fn = resolveFunction(callee, index, ctx.resolver);
  if (fn) {
    const returned = returnedExpression(fn.fn);
    if (returned) {
      const inner = evaluate(returned, fn.index, ctx);
      if (inner.segments.some((s) => s.kind === 'static')) {
        inner.constants.unshift({ index: fn.index, decl: functionDeclaration(fn.fn) });
        return inner;
      }
    }
  }
  return undefined;
}

function arrayFromIdentifier(expr: ts.Expression, index: FileIndex, ctx: EvalContext): { array: ts.ArrayLiteralExpression; index: FileIndex } | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  const resolved = ctx.resolver.resolveName(index, expr.text, expr);
  const init = resolved ? resolvedInit(resolved) : undefined;
  const value = init ? unwrap(init) : undefined;
  return resolved && value && ts.isArrayLiteralExpression(value) ? { array: value, index: resolved.index } : undefined;
}

function evaluateJoin(array: ts.ArrayLiteralExpression, arrayIndex: FileIndex, separator: ts.Expression | undefined, index: FileIndex, ctx: EvalContext): Evaluation {
  const result = empty();
  const sepValue = separator ? unwrap(separator) : undefined;
  const sep = sepValue === undefined ? ',' : ts.isStringLiteralLike(sepValue) ? sepValue.text : undefined;
  array.elements.forEach((element, i) => {
    if (i > 0) {
      if (sep !== undefined) {
        if (sep) result.segments.push(staticSegment(sep, undefined, index, ctx));
      } else if (separator) result.segments.push(dynamicSegment(separator, index, ctx, 'interpolation'));
    }
    if (ts.isSpreadElement(element)) result.segments.push(dynamicSegment(element.expression, arrayIndex, ctx, 'interpolation'));
    else if (!ts.isOmittedExpression(element)) append(result, evaluate(element, arrayIndex, ctx));
  });
  return result;
}

