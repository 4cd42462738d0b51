import { ts } from 'ts-morph';
import { editorLine, scanComments, type FileComments } from './comments';
import type { FileIndex } from './file-index';
import { evaluateMessages, type MessagesEvaluation } from './messages';
import type { Resolver } from './resolver';
import { importedProviders } from './sdk-catalogue';
import { evaluate, resolveFunction, returnedExpression, type EvalContext, type Evaluation } from './segments';
import { getProperty, unwrap } from './syntax';
import type { Annotation, CallInfo, Injection, PromptKind, PromptRole, PromptSite, Provider, Segment } from './types';

/** Where a prompt's text is defined: the node to report at, in which file, and under which name. */
export interface Anchor {
  index: FileIndex;
  node: ts.Expression;
  name?: string;
  kind?: PromptKind;
}

/** Shared state while finding the prompts of one file (sites by id, comments per file). */
export class SiteCollector {
  readonly sites = new Map<string, PromptSite>();
  private readonly comments = new Map<string, FileComments>();
  /**
   * Sites by file and by the end offset of their span, in the order added: a site covering a node is
   * the node or one of its ancestors (spans are syntax nodes' spans), so a lookup walks the node's
   * ancestors instead of every site (which made the finder quadratic in a file's prompts).
   */
  private readonly byEnd = new Map<string, Map<number, { start: number; order: number; site: PromptSite }[]>>();
  /** Sites by every call they have been attached to (see {@link sitesOfCall}), and the order sites were added. */
  private readonly byCall = new Map<string, PromptSite[]>();
  private readonly order = new Map<PromptSite, number>();

  constructor(readonly resolver: Resolver) {}

  /** The promptcost comments of a file, scanned once. */
  commentsOf(index: FileIndex): FileComments {
    let found = this.comments.get(index.file);
    if (!found) {
      found = scanComments(index.sourceFile);
      this.comments.set(index.file, found);
    }
    return found;
  }

  /** A fresh evaluation context for a prompt reported in `siteFile`. */
  context(siteFile: string): EvalContext {
    return { resolver: this.resolver, siteFile, depth: 0, visiting: new Set() };
  }

  /** The first site added whose span (in `index`'s file) covers `node`, if any. */
  covered(index: FileIndex, node: ts.Node): PromptSite | undefined {
    const ends = this.byEnd.get(index.file);
    if (!ends) return undefined;
    const start = node.getStart(index.sourceFile);
    let found: { order: number; site: PromptSite } | undefined;
    let lastEnd = -1;
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (n.end === lastEnd) continue;
      lastEnd = n.end;
      for (const entry of ends.get(n.end) ?? []) {
        if (entry.start <= start && (!found || entry.order < found.order)) found = entry;
      }
    }
    return found?.site;
  }

  /** The sites attached to `call`, in the order they were added. */
  sitesOfCall(call: CallInfo): PromptSite[] {
    const candidates = this.byCall.get(callKey(call)) ?? [];
    const sites = candidates.filter((site) => site.call?.span.start === call.span.start && site.call.file === call.file);
    return [...new Set(sites)].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  private attach(site: PromptSite): void {
    if (!site.call) return;
    const key = callKey(site.call);
    const list = this.byCall.get(key);
    if (list) list.push(site);
    else this.byCall.set(key, [site]);
  }

  private remember(site: PromptSite): void {
    this.order.set(site, this.sites.size);
    this.attach(site);
    let ends = this.byEnd.get(site.file);
    if (!ends) this.byEnd.set(site.file, (ends = new Map()));
    const entry = { start: site.span.start, order: this.sites.size, site };
    const list = ends.get(site.span.end);
    if (list) list.push(entry);
    else ends.set(site.span.end, [entry]);
  }

  /** Adds a site unless it is ignored by a comment or already known; returns the stored site. */
  add(site: PromptSite, index: FileIndex, node: ts.Node, call: CallInfo | null, callIndex?: FileIndex, callNode?: ts.Node): PromptSite | undefined {
    const existing = this.sites.get(site.id);
    if (existing) {
      const before = existing.call;
      if (!existing.call && call) existing.call = call;
      // Used whole by another call: it is a prompt in its own right, priced at that call.
      if (existing.partOf && !site.partOf) {
        existing.partOf = undefined;
        if (call) existing.call = call;
      }
      if (existing.call !== before) this.attach(existing);
      return existing;
    }
    const comments = this.commentsOf(index);
    if (comments.ignoreFile) return undefined;
    const line = editorLine(index.sourceFile, node.getStart(index.sourceFile));
    const statementLine = editorLine(index.sourceFile, statementOf(node).getStart(index.sourceFile));
    for (const l of [line, statementLine]) {
      const ignored = comments.ignoredLines.get(l);
      if (ignored && ignored.size === 0) return undefined;
    }
    const annotation: Annotation = {
      ...(callIndex && callNode ? this.annotationAt(callIndex, callNode) : {}),
      ...this.annotationAt(index, node),
    };
    site.annotation = annotation;
    this.remember(site);
    this.sites.set(site.id, site);
    return site;
  }

  private annotationAt(index: FileIndex, node: ts.Node): Annotation {
    const comments = this.commentsOf(index);
    if (comments.annotations.size === 0) return {};
    const sf = index.sourceFile;
    const lines = [statementOf(node), node].map((n) => editorLine(sf, n.getStart(sf)));
    return { ...comments.annotations.get(lines[0]), ...comments.annotations.get(lines[1]) };
  }
}

function callKey(call: CallInfo): string {
  return `${call.file}#${call.span.start}`;
}

/** The statement (or class member / property) a node belongs to, for comment lookup. */
export function statementOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isClassLike(n.parent) && !ts.isObjectLiteralExpression(n.parent)) {
    if (ts.isStatement(n)) return n;
    n = n.parent;
  }
  return n;
}

/** The kind of prompt an expression is written as. */
export function kindOf(node: ts.Expression): PromptKind {
  const e = unwrap(node);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return 'literal';
  if (ts.isTemplateExpression(e) || ts.isTaggedTemplateExpression(e)) return 'template';
  if (ts.isBinaryExpression(e)) return 'concat';
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join') return 'join';
  if (ts.isArrayLiteralExpression(e)) return 'messages';
  return 'argument';
}

/**
 * Follows a prompt argument to where its text is written: identifiers to their constants (also across
 * imports), `PROMPTS.x` to the property, `buildPrompt(x)` to the template the function returns.
 */
export function resolveAnchor(value: ts.Expression, index: FileIndex, resolver: Resolver, depth = 0): Anchor {
  const e = unwrap(value);
  if (depth > 8) return { index, node: e };
  if (ts.isIdentifier(e)) {
    const resolved = resolver.resolveName(index, e.text, e);
    const decl = resolved?.decl;
    if (resolved && decl?.kind === 'variable' && decl.init && !decl.property) {
      const init = unwrap(decl.init as ts.Expression);
      if (!ts.isArrowFunction(init) && !ts.isFunctionExpression(init) && !ts.isObjectLiteralExpression(init) && !ts.isNewExpression(init)) {
        const inner = resolveAnchor(init, resolved.index, resolver, depth + 1);
        return { ...inner, name: inner.name ?? decl.name };
      }
    }
    return { index, node: e };
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const ns = resolver.namespaceIndex(index, e.expression.text);
    const resolved = ns ? resolver.resolveExportIn(ns, e.name.text) : undefined;
    if (resolved?.decl.init && resolved.decl.kind === 'variable') {
      const inner = resolveAnchor(resolved.decl.init as ts.Expression, resolved.index, resolver, depth + 1);
      return { ...inner, name: inner.name ?? resolved.decl.name };
    }
    const owner = resolver.resolveName(index, e.expression.text, e);
    const init = owner?.decl.init && !owner.decl.property ? unwrap(owner.decl.init as ts.Expression) : undefined;
    if (owner && init && ts.isObjectLiteralExpression(init)) {
      const prop = getProperty(init, e.name.text);
      if (prop) {
        const inner = resolveAnchor(prop, owner.index, resolver, depth + 1);
        return { ...inner, name: inner.name ?? `${owner.decl.name}.${e.name.text}` };
      }
    }
    return { index, node: e };
  }
  if (ts.isCallExpression(e)) {
    const fn = resolveFunction(e.expression, index, resolver);
    const returned = fn ? returnedExpression(fn.fn) : undefined;
    if (fn && returned) {
      const name = ts.isFunctionDeclaration(fn.fn) && fn.fn.name ? fn.fn.name.text : ts.isVariableDeclaration(fn.fn.parent) && ts.isIdentifier(fn.fn.parent.name) ? fn.fn.parent.name.text : undefined;
      const r = unwrap(returned);
      if (ts.isStringLiteralLike(r) || ts.isTemplateExpression(r) || ts.isTaggedTemplateExpression(r) || ts.isBinaryExpression(r) || ts.isCallExpression(r)) {
        return { index: fn.index, node: r, name, kind: 'function' };
      }
    }
  }
  return { index, node: e };
}

function providerOf(call: CallInfo | null, index: FileIndex): Provider {
  if (call) return call.provider;
  const providers = [...importedProviders(index)];
  return providers.length === 1 && providers[0] !== 'other' ? providers[0] : 'unknown';
}

function firstOf(injections: Injection[], kind: 'history' | 'retrieval'): Injection | null {
  const list = injections.filter((i) => i.kind === kind);
  // Report the unbounded one when there are several.
  return list.find((i) => !i.bounded) ?? list[0] ?? null;
}

function spanOf(node: ts.Node, index: FileIndex) {
  return { start: node.getStart(index.sourceFile), end: node.end };
}

/** Builds a text prompt site from an anchor (evaluating its text). */
export function textSite(anchor: Anchor, role: PromptRole, call: CallInfo | null, collector: SiteCollector, evaluation?: Evaluation): PromptSite {
  const { index, node } = anchor;
  const ev = evaluation ?? evaluate(node, index, collector.context(index.file));
  const hasText = ev.segments.some((s) => s.kind === 'static');
  const span = spanOf(node, index);
  return {
    id: `${index.file}#${span.start}`,
    file: index.file,
    span,
    kind: anchor.kind ?? (hasText ? kindOf(node) : 'argument'),
    role,
    segments: ev.segments,
    name: anchor.name,
    call,
    provider: providerOf(call, index),
    history: firstOf(ev.injections, 'history'),
    retrieval: firstOf(ev.injections, 'retrieval'),
    annotation: {},
  };
}

/** Builds a messages prompt site anchored at `node` (the array literal, or the argument when the array is not visible). */
export function messagesSite(node: ts.Node, index: FileIndex, mev: MessagesEvaluation, call: CallInfo | null, name?: string): PromptSite {
  const span = spanOf(node, index);
  const segments: Segment[] = mev.messages.flatMap((m) => m.segments);
  const hasText = segments.some((s) => s.kind === 'static');
  // A conversation is one role only when all its messages share it (role budgets then apply to it).
  const roles = new Set(mev.messages.map((m) => m.role).filter((r) => r !== 'unknown'));
  const firstRole = roles.size === 1 ? [...roles][0] : 'user';
  return {
    id: `${index.file}#${span.start}`,
    file: index.file,
    span,
    kind: hasText || ts.isArrayLiteralExpression(node) ? 'messages' : 'argument',
    role: firstRole,
    segments,
    messages: mev.messages,
    name,
    call,
    provider: providerOf(call, index),
    history: firstOf(mev.injections, 'history'),
    retrieval: firstOf(mev.injections, 'retrieval'),
    annotation: {},
  };
}

/** Evaluates a messages argument, anchoring at the array literal it names when one is visible. */
export function messagesAnchor(value: ts.Expression, fallback: ts.Node, index: FileIndex, collector: SiteCollector): { node: ts.Node; index: FileIndex; mev: MessagesEvaluation; name?: string } {
  const e = unwrap(value);
  let siteIndex = index;
  let siteNode: ts.Node = fallback;
  let name: string | undefined;
  if (ts.isArrayLiteralExpression(e)) siteNode = e;
  else if (ts.isIdentifier(e)) {
    const resolved = collector.resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && !resolved.decl.property && resolved.decl.init ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    if (resolved && init && ts.isArrayLiteralExpression(init)) {
      siteIndex = resolved.index;
      siteNode = init;
      name = resolved.decl.name;
    }
  }
  const mev = evaluateMessages(value, index, collector.context(siteIndex.file));
  return { node: siteNode, index: siteIndex, mev, name };
}
