import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import { isPromptName, readsAsInstructions } from './heuristics';
import { isMessageElement } from './messages';
import { Resolver, type IndexProvider, type ModuleResolver, type Resolved } from './resolver';
import { evaluate, returnedExpression } from './segments';
import { messagesAnchor, messagesSite, resolveAnchor, SiteCollector, textSite } from './site-builder';
import { calleeChain, getProperty, unwrap } from './syntax';
import type { CallLike } from './sdk-catalogue';
import type { CallInfo, PromptRole, PromptSite } from './types';

/** A constant of prose at least this long inlined into a prompt is reported as a part of it. */
const MIN_INLINED_CONSTANT = 30;
/** Methods whose result is a formatted prompt template (the template is the site, not this value). */
const TEMPLATE_OUTPUT = /^(invoke|format|formatMessages|formatPromptValue|formatPrompt)$/;

/** Roles of prompts named by their variable. */
export function roleForName(name: string | undefined, text: string): PromptRole {
  if (name && /system|instruction|persona|preamble/i.test(name)) return 'system';
  if (name && /user|human|question|query/i.test(name)) return 'user';
  if (/^\s*(you are|you're|act as|your (task|role|job))/i.test(text)) return 'system';
  return 'template';
}

function staticText(site: PromptSite): string {
  return site.segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join('');
}

/**
 * Reads one prompt argument into sites: follows it to where its text is written (constants, template
 * functions, branches, records, let assignments) or reports the argument itself. The finder's passes
 * (finder.ts) decide which expressions are prompt arguments; this class turns them into sites.
 */
export abstract class ArgumentReader {
  protected readonly collector: SiteCollector;
  protected readonly resolver: Resolver;
  /** Calls to models found in this file. */
  protected readonly llmCalls: CallLike[] = [];

  constructor(
    protected readonly index: FileIndex,
    getIndex: IndexProvider,
    resolveModule: ModuleResolver,
  ) {
    this.resolver = new Resolver(getIndex, resolveModule);
    this.collector = new SiteCollector(this.resolver);
  }

  protected add(site: PromptSite, index: FileIndex, node: ts.Node, call: CallInfo | null, callNode?: ts.Node): PromptSite | undefined {
    return this.collector.add(site, index, node, call, this.index, callNode);
  }

  protected key(node: ts.Node): string {
    return `${this.index.file}#${node.getStart(this.index.sourceFile)}`;
  }

  protected spanOf(node: ts.Node) {
    return { start: node.getStart(this.index.sourceFile), end: node.end };
  }

  protected objectValue(value: ts.Expression): ts.ObjectLiteralExpression | undefined {
    if (ts.isObjectLiteralExpression(value)) return getProperty(value, 'contents') || getProperty(value, 'systemInstruction') ? value : undefined;
    if (!ts.isIdentifier(value)) return undefined;
    const resolved = this.resolver.resolveName(this.index, value.text, value);
    const init = resolved?.decl.init && !resolved.decl.property && resolved.index === this.index ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    return init && ts.isObjectLiteralExpression(init) && (getProperty(init, 'contents') || getProperty(init, 'systemInstruction')) ? init : undefined;
  }

  protected requestObject(obj: ts.ObjectLiteralExpression, info: CallInfo, call: ts.Node): void {
    const system = getProperty(obj, 'systemInstruction');
    if (system) {
      const s = unwrap(system);
      const parts = ts.isObjectLiteralExpression(s) ? getProperty(s, 'parts') : undefined;
      const first = parts && ts.isArrayLiteralExpression(unwrap(parts)) ? (unwrap(parts) as ts.ArrayLiteralExpression).elements[0] : undefined;
      const text = first && ts.isObjectLiteralExpression(unwrap(first)) ? getProperty(unwrap(first) as ts.ObjectLiteralExpression, 'text') : undefined;
      this.textArgument(text ?? system, text ?? system, 'system', info, call);
    }
    const contents = getProperty(obj, 'contents');
    if (contents) {
      if (this.isMessagesValue(unwrap(contents))) this.messagesArgument(unwrap(contents), contents, info, call);
      else this.textArgument(contents, contents, 'user', info, call);
    }
  }

  protected isMessagesValue(value: ts.Expression): boolean {
    if (ts.isArrayLiteralExpression(value)) return value.elements.some((el) => ts.isSpreadElement(el) || isMessageElement(el));
    if (ts.isIdentifier(value)) {
      const resolved = this.resolver.resolveName(this.index, value.text, value);
      const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (init && ts.isArrayLiteralExpression(init)) return true;
      if (init && ts.isStringLiteralLike(init)) return false;
      return /messages|history|conversation|contents|chat/i.test(value.text);
    }
    return false;
  }

  protected messagesArgument(value: ts.Expression, anchor: ts.Node, info: CallInfo | null, call: ts.Node): PromptSite | undefined {
    if (this.isFormattedTemplate(value)) return undefined;
    const { node, index, mev, name } = messagesAnchor(value, anchor, this.index, this.collector);
    const site = this.add(messagesSite(node, index, mev, info, name), index, node, info, call);
    if (site) this.constantSites(mev.constants, site, info, call);
    return site;
  }

  /** `llm.invoke(await prompt.formatMessages({...}))`: the template is the prompt, reported where it is defined. */
  protected isFormattedTemplate(value: ts.Expression): boolean {
    let e = unwrap(value);
    if (ts.isIdentifier(e)) {
      const resolved = this.resolver.resolveName(this.index, e.text, e);
      const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (!init) return false;
      e = init;
    }
    return ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)) && TEMPLATE_OUTPUT.test((unwrap(e.expression) as ts.PropertyAccessExpression).name.text) && !ts.isIdentifier(unwrap(e.arguments[0] ?? e));
  }

  protected textArgument(value: ts.Expression, anchorNode: ts.Node, role: PromptRole, info: CallInfo | null, call?: ts.Node): void {
    let e = unwrap(value);
    const record = this.recordValues(e);
    if (record) {
      // SYSTEM_BY_AUDIENCE[audience]: every text of the record can be sent.
      for (const v of record) this.textArgument(v, v, role, info, call);
      return;
    }
    if (ts.isCallExpression(e) && /^(createUserContent|createModelContent|createPartFromText)$/.test(calleeChain(e.expression).pop() ?? '') && e.arguments[0]) {
      const parts = unwrap(e.arguments[0]);
      for (const part of ts.isArrayLiteralExpression(parts) ? parts.elements : [parts]) {
        if (evaluate(part, this.index, this.collector.context(this.index.file)).segments.some((s) => s.kind === 'static')) this.textArgument(part, part, role, info, call);
      }
      return;
    }
    if (ts.isIdentifier(e)) {
      // const SYSTEM: TextBlockParam[] = [{ type: 'text', text, cache_control }]
      const resolved = this.resolver.resolveName(this.index, e.text, e);
      const init = resolved?.decl.kind === 'variable' && resolved.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (init && ts.isArrayLiteralExpression(init) && resolved!.index === this.index) e = init;
    }
    if (ts.isArrayLiteralExpression(e) && !e.elements.some((el) => isMessageElement(el))) {
      // Anthropic system blocks: [{ type: 'text', text, cache_control }, …] — each text block is prompt text.
      const texts = e.elements
        .map((el) => unwrap(el as ts.Expression))
        .flatMap((el) => (ts.isObjectLiteralExpression(el) && getProperty(el, 'text') ? [getProperty(el, 'text')!] : []));
      if (texts.length > 0) {
        for (const text of texts) this.textArgument(text, text, role, info, call);
        return;
      }
    }
    if (this.isFormattedTemplate(e)) return;
    const branches = this.branches(e);
    if (branches) {
      // system: cond ? PROMPT_A : PROMPT_B — each branch with text is a prompt of this call.
      for (const branch of branches) this.textArgument(branch, anchorNode, role, info, call);
      return;
    }
    const fn = ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? returnedExpression(e) : undefined;
    const anchor = fn ? { index: this.index, node: fn, kind: 'function' as const } : resolveAnchor(e, this.index, this.resolver);
    const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
    if (!ev.segments.some((s) => s.kind === 'static') && anchor.index === this.index) {
      const assigned = this.assignedTexts(e);
      if (assigned.length > 0) {
        // let instruction; switch (…) { case 'a': instruction = '…' } — the assigned texts are the prompts.
        for (const value of assigned) this.textArgument(value, value, role, info, call);
        return;
      }
      // No visible text: report the argument itself (its content comes from elsewhere).
      if (this.collector.sites.has(this.key(anchorNode))) return;
      const site = textSite({ index: this.index, node: anchorNode as ts.Expression, kind: 'argument' }, role, info, this.collector, ev);
      this.add(site, this.index, anchorNode, info, call);
      return;
    }
    const site = this.add(textSite(anchor, role, info, this.collector, ev), anchor.index, anchor.node, info, call);
    if (site) this.constantSites(ev.constants, site, info, call);
  }

  /** The text values of a record indexed at run time (`PROMPTS[kind]`), when it is a const object literal. */
  protected recordValues(e: ts.Expression): ts.Expression[] | undefined {
    if (!ts.isElementAccessExpression(e) || !ts.isIdentifier(e.expression) || ts.isStringLiteralLike(e.argumentExpression)) return undefined;
    const resolved = this.resolver.resolveName(this.index, e.expression.text, e.expression);
    const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    if (!resolved || !init || !ts.isObjectLiteralExpression(init)) return undefined;
    const values = init.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []));
    const texts = values.filter((v) => evaluate(v, resolved.index, this.collector.context(resolved.index.file)).segments.some((s) => s.kind === 'static'));
    return texts.length > 0 && resolved.index === this.index ? texts : undefined;
  }

  /** Text values assigned to a `let` variable after its declaration (`x = '…'`), in the same file. */
  protected assignedTexts(e: ts.Expression): ts.Expression[] {
    if (!ts.isIdentifier(e)) return [];
    const resolved = this.resolver.resolveName(this.index, e.text, e);
    if (!resolved || resolved.index !== this.index || resolved.decl.isConst || resolved.decl.kind !== 'variable') return [];
    const out: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === e.text) {
        if (evaluate(node.right, this.index, this.collector.context(this.index.file)).segments.some((s) => s.kind === 'static')) out.push(node.right);
      }
      ts.forEachChild(node, visit);
    };
    visit(resolved.decl.scope);
    return out;
  }

  /** The branches of `a ? b : c`, `a ?? b`, `a || b` (directly or through a constant) when one has text. */
  protected branches(e: ts.Expression): ts.Expression[] | undefined {
    let value = e;
    if (ts.isIdentifier(value)) {
      const resolved = this.resolver.resolveName(this.index, value.text, value);
      const init = resolved?.decl.kind === 'variable' && resolved.decl.init && !resolved.decl.property && resolved.index === this.index ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (!init) return undefined;
      value = init;
    }
    let parts: ts.Expression[] | undefined;
    if (ts.isConditionalExpression(value)) parts = [value.whenTrue, value.whenFalse];
    else if (ts.isBinaryExpression(value) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(value.operatorToken.kind)) parts = [value.left, value.right];
    if (!parts) return undefined;
    const withText = parts.filter((p) => evaluate(p, this.index, this.collector.context(this.index.file)).segments.some((s) => s.kind === 'static'));
    return withText.length > 0 ? withText : undefined;
  }

  /** Constants with prompt text used inside a larger prompt get their own site, as parts of it. */
  protected constantSites(constants: Resolved[], parent: PromptSite, info: CallInfo | null, call?: ts.Node): void {
    for (const { index, decl } of constants) {
      const init = decl.init as ts.Expression | undefined;
      if (!init || decl.property) continue;
      const returned = decl.kind === 'function' ? returnedExpression(decl.node) : undefined;
      const anchor = returned
        ? { ...resolveAnchor(returned, index, this.resolver), name: decl.name, kind: 'function' as const }
        : resolveAnchor(init, index, this.resolver);
      const site = textSite({ ...anchor, name: anchor.name ?? decl.name }, roleForName(decl.name, ''), info, this.collector);
      if (site.id === parent.id) continue;
      const text = staticText(site).trim();
      const prose = text.length >= MIN_INLINED_CONSTANT && /\s\S+\s/.test(text);
      if (!isPromptName(decl.name) && !readsAsInstructions(text) && !prose) continue;
      site.partOf = parent.id;
      this.add(site, anchor.index, anchor.node, info, call);
    }
  }

  protected insideMessagesArray(node: ts.Node): boolean {
    for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
      if (ts.isArrayLiteralExpression(p) && (p.elements.some((el) => isMessageElement(el)) || this.collector.sites.has(this.key(p)))) return true;
    }
    return false;
  }

  protected toolDescription(description: ts.Expression): void {
    const anchor = resolveAnchor(description, this.index, this.resolver);
    const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
    if (!ev.segments.some((s) => s.kind === 'static')) return;
    this.add(textSite({ ...anchor, kind: 'tool-description' }, 'tool', null, this.collector, ev), anchor.index, anchor.node, null);
  }
}
