import { ts } from 'ts-morph';
import { callInfo } from './call-info';
import { isForced } from './comments';
import type { FileIndex } from './file-index';
import { allowsWordingHeuristics, isTestFile } from './file-kind';
import { isNonPromptName, isPromptName, namedPromptText, readsAsInstructions } from './heuristics';
import { historyJoin, retrievalJoin, makeInjection } from './injections';
import { isMessageElement, isMessageObject, roleOf } from './messages';
import { Resolver, type IndexProvider, type ModuleResolver, type Resolved } from './resolver';
import { argumentValue, importedProviders, matchAgent, matchCall, type CallLike, type CallPattern } from './sdk-catalogue';
import { evaluate, resolveFunction, returnedExpression } from './segments';
import { attachChainModel, splitPlaceholders } from './langchain-templates';
import { messagesAnchor, messagesSite, resolveAnchor, SiteCollector, textSite } from './site-builder';
import { calleeChain, getProperty, unwrap } from './syntax';
import { inNonChatRoleObject, insideDbCall, isJsx, isLogOrError, nameOf, returningFunctionName, topStringExpression } from './text-candidates';
import { isToolObject, mcpToolDescription } from './tools';
import type { CallInfo, PromptRole, PromptSite } from './types';

/** What the finder returns for one file. */
export interface FinderResult {
  /** Sites found from this file: in it, or at definitions in files it imports. */
  sites: PromptSite[];
  /** Files read while resolving (invalidate this result when one changes). */
  dependencies: string[];
  /** Why the file was only partly analysed, if it was. */
  notes: string[];
}

/** Minimum length of a string that is a prompt only because of its wording (no name, no call). */
const MIN_UNNAMED_PROMPT = 60;
/** A constant of prose at least this long inlined into a prompt is reported as a part of it. */
const MIN_INLINED_CONSTANT = 30;
/** Names of arrays that are shown, not sent (demo transcripts, mocks). */
const DEMO_NAME = /demo|sample|mock|fixture|placeholder|preview|example_?ui|transcript_?ui/i;
/** Calls that only count or embed text. */
const TOKEN_COUNT = /^(countTokens|count_tokens|estimateTokens|tokenize|embed|embedMany|embedContent|embedDocuments|embedQuery)$/;

function insideTokenCount(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isSourceFile(p) && !ts.isFunctionLike(p); p = p.parent) {
    if (ts.isCallExpression(p) && TOKEN_COUNT.test(calleeChain(p.expression).pop() ?? '')) return true;
  }
  return false;
}

/** Methods whose result is a formatted prompt template (the template is the site, not this value). */
const TEMPLATE_OUTPUT = /^(invoke|format|formatMessages|formatPromptValue|formatPrompt)$/;

/** Roles of prompts named by their variable. */
function roleForName(name: string | undefined, text: string): PromptRole {
  if (name && /system|instruction|persona|preamble/i.test(name)) return 'system';
  if (name && /user|human|question|query/i.test(name)) return 'user';
  if (/^\s*(you are|you're|act as|your (task|role|job))/i.test(text)) return 'system';
  return 'template';
}

function staticText(site: PromptSite): string {
  return site.segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join('');
}

/** Finds the prompts of one file in passes: SDK calls first, then shapes, then wording. */
export class PromptFinder {
  private readonly collector: SiteCollector;
  private readonly resolver: Resolver;
  /** Calls to models found in this file. */
  private readonly llmCalls: CallLike[] = [];
  /** Functions of this file that pass their parameters into a model call: parameter index → role. */
  private readonly sinks = new Map<ts.Node, { index: number; role: PromptRole; info: CallInfo }[]>();

  constructor(
    private readonly index: FileIndex,
    getIndex: IndexProvider,
    resolveModule: ModuleResolver,
  ) {
    this.resolver = new Resolver(getIndex, resolveModule);
    this.collector = new SiteCollector(this.resolver);
  }

  /** Runs every pass and returns the sites. */
  run(): FinderResult {
    const notes: string[] = [];
    if (this.index.truncated) notes.push('expressions nested too deeply were skipped');
    if (this.collector.commentsOf(this.index).ignoreFile) return { sites: [], dependencies: [], notes: ['promptcost-ignore-file'] };
    this.sdkCalls();
    this.wrapperCalls();
    this.langchainConstructors();
    if (!isTestFile(this.index)) {
      this.messageArrays();
      this.pushedArrays();
      this.messageObjects();
    }
    this.toolDescriptions();
    if (allowsWordingHeuristics(this.index, this.llmCalls.length > 0)) this.promptTexts();
    this.langchainTemplates();
    this.joins();
    return { sites: [...this.collector.sites.values()], dependencies: [...this.resolver.dependencies], notes };
  }

  private add(site: PromptSite, index: FileIndex, node: ts.Node, call: CallInfo | null, callNode?: ts.Node): PromptSite | undefined {
    return this.collector.add(site, index, node, call, this.index, callNode);
  }

  private key(node: ts.Node): string {
    return `${this.index.file}#${node.getStart(this.index.sourceFile)}`;
  }

  private spanOf(node: ts.Node) {
    return { start: node.getStart(this.index.sourceFile), end: node.end };
  }

  /** Pass 1: arguments of known SDK calls and agent definitions. */
  private sdkCalls(): void {
    const providers = importedProviders(this.index);
    const candidates: [CallLike, CallPattern | undefined][] = [
      ...this.index.calls.map((c): [CallLike, CallPattern | undefined] => [c, matchCall(c, this.index, providers) ?? matchAgent(c, providers)]),
      ...this.index.news.map((n): [CallLike, CallPattern | undefined] => [n, matchAgent(n, providers)]),
    ];
    candidates.sort((a, b) => a[0].pos - b[0].pos);
    for (const [call, pattern] of candidates) {
      if (!pattern) continue;
      // A template inside a messages array already found (fromMessages([SystemMessagePromptTemplate.fromTemplate(…)])).
      if (this.insideMessagesArray(call) || this.collector.covered(this.index.file, call.getStart(this.index.sourceFile), call.end)) continue;
      this.llmCalls.push(call);
      const info = callInfo(call, pattern, this.index, this.resolver);
      const found = pattern.args.map((arg) => ({ arg, found: argumentValue(call, arg) }));
      info.promptArgs = found.flatMap(({ arg, found: f }) =>
        f ? [{ name: arg.path ? arg.path.join('.') : `#${arg.position}`, value: this.spanOf(f.value), property: this.spanOf(f.anchor) }] : [],
      );
      const handoff = pattern.api === 'agent.instructions' ? argumentValue(call, { path: ['handoffDescription'], role: 'tool', shape: 'text' }) : undefined;
      if (handoff) this.toolDescription(handoff.value);
      for (const { arg, found: f } of found) {
        if (!f) continue;
        const value = unwrap(f.value);
        const object = arg.position !== undefined ? this.objectValue(value) : undefined;
        if (object) {
          // generateContent(request) with a request object: read its prompt keys.
          this.requestObject(object, info, call);
          continue;
        }
        const asMessages = arg.shape === 'messages' || (arg.shape === 'text-or-messages' && this.isMessagesValue(value));
        if (asMessages) this.messagesArgument(value, f.anchor, info, call);
        else this.textArgument(value, f.anchor, arg.role, info, call);
      }
      this.recordSinks(call, info);
    }
  }

  /**
   * A function that passes its parameters into a model call (`complete(system, user)` wrapping
   * `chat.completions.create`) makes its callers' arguments prompts: remember which parameter is which.
   */
  private recordSinks(call: CallLike, info: CallInfo): void {
    let fn: ts.Node | undefined = call.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    if (!fn || !ts.isFunctionLike(fn)) return;
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
    const found: { index: number; role: PromptRole; info: CallInfo }[] = [];
    for (const site of this.collector.sites.values()) {
      if (site.call?.span.start !== info.span.start || site.call.file !== info.file) continue;
      const parts = site.messages ?? [{ role: site.role, segments: site.segments }];
      for (const part of parts) {
        for (const seg of part.segments) {
          const at = seg.kind === 'dynamic' && seg.source === 'argument' ? params.indexOf(seg.expression) : -1;
          if (at >= 0 && !found.some((s) => s.index === at)) found.push({ index: at, role: part.role === 'unknown' ? 'user' : part.role, info });
        }
      }
    }
    if (found.length > 0) this.sinks.set(fn, [...(this.sinks.get(fn) ?? []), ...found]);
  }

  /** Pass 1b: arguments of this file's wrapper functions (see recordSinks) are prompts of the wrapped call. */
  private wrapperCalls(): void {
    if (this.sinks.size === 0) return;
    for (const call of this.index.calls) {
      const fn = resolveFunction(call.expression, this.index, this.resolver);
      const sinks = fn && fn.index === this.index ? this.sinks.get(fn.fn) : undefined;
      for (const sink of sinks ?? []) {
        const arg = call.arguments[sink.index];
        if (arg) this.textArgument(arg, arg, sink.role, sink.info, call);
      }
    }
  }

  private objectValue(value: ts.Expression): ts.ObjectLiteralExpression | undefined {
    if (ts.isObjectLiteralExpression(value)) return getProperty(value, 'contents') || getProperty(value, 'systemInstruction') ? value : undefined;
    if (!ts.isIdentifier(value)) return undefined;
    const resolved = this.resolver.resolveName(this.index, value.text, value);
    const init = resolved?.decl.init && !resolved.decl.property && resolved.index === this.index ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    return init && ts.isObjectLiteralExpression(init) && (getProperty(init, 'contents') || getProperty(init, 'systemInstruction')) ? init : undefined;
  }

  private requestObject(obj: ts.ObjectLiteralExpression, info: CallInfo, call: ts.Node): void {
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

  private isMessagesValue(value: ts.Expression): boolean {
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

  private messagesArgument(value: ts.Expression, anchor: ts.Node, info: CallInfo | null, call: ts.Node): PromptSite | undefined {
    if (this.isFormattedTemplate(value)) return undefined;
    const { node, index, mev, name } = messagesAnchor(value, anchor, this.index, this.collector);
    const site = this.add(messagesSite(node, index, mev, info, name), index, node, info, call);
    if (site) this.constantSites(mev.constants, site, info, call);
    return site;
  }

  /** `llm.invoke(await prompt.formatMessages({...}))`: the template is the prompt, reported where it is defined. */
  private isFormattedTemplate(value: ts.Expression): boolean {
    let e = unwrap(value);
    if (ts.isIdentifier(e)) {
      const resolved = this.resolver.resolveName(this.index, e.text, e);
      const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (!init) return false;
      e = init;
    }
    return ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)) && TEMPLATE_OUTPUT.test((unwrap(e.expression) as ts.PropertyAccessExpression).name.text) && !ts.isIdentifier(unwrap(e.arguments[0] ?? e));
  }

  private textArgument(value: ts.Expression, anchorNode: ts.Node, role: PromptRole, info: CallInfo | null, call?: ts.Node): void {
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
  private recordValues(e: ts.Expression): ts.Expression[] | undefined {
    if (!ts.isElementAccessExpression(e) || !ts.isIdentifier(e.expression) || ts.isStringLiteralLike(e.argumentExpression)) return undefined;
    const resolved = this.resolver.resolveName(this.index, e.expression.text, e.expression);
    const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    if (!resolved || !init || !ts.isObjectLiteralExpression(init)) return undefined;
    const values = init.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : []));
    const texts = values.filter((v) => evaluate(v, resolved.index, this.collector.context(resolved.index.file)).segments.some((s) => s.kind === 'static'));
    return texts.length > 0 && resolved.index === this.index ? texts : undefined;
  }

  /** Text values assigned to a `let` variable after its declaration (`x = '…'`), in the same file. */
  private assignedTexts(e: ts.Expression): ts.Expression[] {
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
  private branches(e: ts.Expression): ts.Expression[] | undefined {
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
  private constantSites(constants: Resolved[], parent: PromptSite, info: CallInfo | null, call?: ts.Node): void {
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

  /** Pass 2: LangChain `new PromptTemplate({ template })`, `new SystemMessage('…')`. */
  private langchainConstructors(): void {
    for (const node of this.index.news) {
      if (!ts.isIdentifier(node.expression) || !node.arguments?.length) continue;
      const cls = node.expression.text;
      const arg = unwrap(node.arguments[0]);
      if (cls === 'PromptTemplate' && ts.isObjectLiteralExpression(arg)) {
        const template = getProperty(arg, 'template');
        if (template) this.textArgument(template, template, 'template', null);
      } else if (/^(SystemMessage|HumanMessage|AIMessage)$/.test(cls) && !this.insideMessagesArray(node)) {
        const content = ts.isObjectLiteralExpression(arg) ? getProperty(arg, 'content') : arg;
        const role = cls === 'SystemMessage' ? 'system' : cls === 'HumanMessage' ? 'user' : 'assistant';
        if (content) this.textArgument(content, content, role, null);
      }
    }
  }

  private insideMessagesArray(node: ts.Node): boolean {
    for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
      if (ts.isArrayLiteralExpression(p) && (p.elements.some((el) => isMessageElement(el)) || this.collector.sites.has(this.key(p)))) return true;
    }
    return false;
  }

  /** Pass 3: `{ role, content }` arrays (and LangChain message arrays) anywhere. */
  private messageArrays(): void {
    for (const array of this.index.arrays) {
      if (this.collector.sites.has(this.key(array)) || this.insideMessagesArray(array)) continue;
      if (this.collector.covered(this.index.file, array.getStart(this.index.sourceFile), array.end)) continue;
      const messages = array.elements.filter((el) => isMessageElement(el));
      if (messages.length === 0) continue;
      const objects = messages.filter((el) => ts.isObjectLiteralExpression(unwrap(el)) || ts.isNewExpression(unwrap(el)) || ts.isCallExpression(unwrap(el)));
      if (objects.length === 0 && messages.length < 2) continue;
      if (insideDbCall(array) || insideTokenCount(array) || !this.sendsPrompt(array, objects)) continue;
      // A declared array that is pushed to later: read it through its name so the pushes count.
      const decl = array.parent;
      const viaName = ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && this.index.pushes.has(decl.name.text);
      this.messagesArgument(viaName ? (decl.name as ts.Identifier) : array, array, null, array);
    }
  }

  /**
   * Whether a messages array outside a known call is a prompt: not training data (fine-tuning
   * exports), and not a state update that only appends the model's reply to stored history.
   */
  private sendsPrompt(array: ts.ArrayLiteralExpression, objects: ts.Expression[]): boolean {
    if (!allowsWordingHeuristics(this.index, this.llmCalls.length > 0) && this.llmCalls.length === 0) return false;
    const roles = objects.map((o) => {
      const e = unwrap(o);
      const role = ts.isObjectLiteralExpression(e) ? getProperty(e, 'role') : undefined;
      return role && ts.isStringLiteralLike(unwrap(role)) ? roleOf((unwrap(role) as ts.StringLiteral).text) : 'unknown';
    });
    const onlyReplies = roles.length > 0 && roles.every((r) => r === 'assistant' || r === 'tool');
    if (onlyReplies && array.elements.some((el) => ts.isSpreadElement(el))) return false;
    // In a file that neither calls nor imports a model SDK, only a named, exported or prompt-like array is a prompt.
    if (this.llmCalls.length === 0 && importedProviders(this.index).size === 0) {
      const holder = nameOf(array);
      if (!holder || DEMO_NAME.test(holder)) return false;
      return isPromptName(holder) || /messages|history|conversation|few_?shot|examples|shots/i.test(holder);
    }
    return true;
  }

  /** Pass 4: arrays built with `messages.push({ role, content })`. */
  private pushedArrays(): void {
    for (const [name, pushes] of this.index.pushes) {
      if (!pushes.some((push) => push.arguments.some((arg) => isMessageElement(arg)))) continue;
      const resolved = this.resolver.resolveName(this.index, name, pushes[0]);
      const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (!resolved || resolved.index !== this.index || !init || !ts.isArrayLiteralExpression(init)) continue;
      if (this.collector.sites.has(this.key(init)) || insideDbCall(init)) continue;
      if (!allowsWordingHeuristics(this.index, this.llmCalls.length > 0)) continue;
      const receiver = (pushes[0].expression as ts.PropertyAccessExpression).expression;
      this.messagesArgument(receiver, init, null, init);
    }
  }

  /** Pass 5: stand-alone `{ role: 'system', content: … }` objects, and `.map()` callbacks that build messages. */
  private messageObjects(): void {
    for (const obj of this.index.objects) {
      if (!isMessageObject(obj) || this.insideMessagesArray(obj) || insideDbCall(obj)) continue;
      if (this.collector.covered(this.index.file, obj.getStart(this.index.sourceFile), obj.end)) continue;
      const parent = obj.parent;
      if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push') continue;
      const mapCall = mapCallReturning(obj);
      if (mapCall) {
        if (!this.collector.sites.has(this.key(mapCall))) this.messagesArgument(mapCall, mapCall, null, mapCall);
        continue;
      }
      const roleValue = getProperty(obj, 'role');
      const role = roleOf(roleValue && ts.isStringLiteralLike(unwrap(roleValue)) ? (unwrap(roleValue) as ts.StringLiteral).text : undefined);
      const content = getProperty(obj, 'content') ?? getProperty(obj, 'parts');
      if (!content || this.collector.covered(this.index.file, content.getStart(this.index.sourceFile), content.end)) continue;
      const anchor = resolveAnchor(content, this.index, this.resolver);
      const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
      if (ev.segments.some((s) => s.kind === 'static')) this.add(textSite(anchor, role, null, this.collector, ev), anchor.index, anchor.node, null);
    }
  }

  /** Pass 6: tool descriptions given to a model. */
  private toolDescriptions(): void {
    for (const obj of this.index.objects) {
      const description = getProperty(obj, 'description');
      if (description && isToolObject(obj)) this.toolDescription(description);
    }
    for (const call of this.index.calls) {
      const description = mcpToolDescription(call);
      if (description) this.toolDescription(description);
    }
  }

  private toolDescription(description: ts.Expression): void {
    const anchor = resolveAnchor(description, this.index, this.resolver);
    const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
    if (!ev.segments.some((s) => s.kind === 'static')) return;
    this.add(textSite({ ...anchor, kind: 'tool-description' }, 'tool', null, this.collector, ev), anchor.index, anchor.node, null);
  }

  /** Pass 7: prompt text with no visible call: named constants, template functions, instruction-like text, forced strings. */
  private promptTexts(): void {
    const seen = new Set<ts.Node>();
    for (const literal of this.index.strings) {
      const top = topStringExpression(literal);
      if (seen.has(top)) continue;
      seen.add(top);
      if (this.collector.covered(this.index.file, top.getStart(this.index.sourceFile), top.end)) continue;
      const forced = isForced(top, this.index.sourceFile) || isForced(literal, this.index.sourceFile);
      if (!forced && (insideDbCall(top) || this.insideMessagesArray(top) || isJsx(top) || isLogOrError(top) || inNonChatRoleObject(top))) continue;
      const ev = evaluate(top, this.index, this.collector.context(this.index.file));
      const text = ev.segments.map((s) => (s.kind === 'static' ? s.text : ' {x} ')).join('');
      const name = nameOf(top);
      const returnedBy = returningFunctionName(top);
      const named = isPromptName(name) || isPromptName(returnedBy);
      const plain = ev.segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join('');
      const byName = named && namedPromptText(text, plain);
      const byWording = !isNonPromptName(name) && readsAsInstructions(text, MIN_UNNAMED_PROMPT);
      if (!forced && !byName && !byWording) continue;
      const site = textSite({ index: this.index, node: top, name: name ?? returnedBy, kind: returnedBy ? 'function' : undefined }, roleForName(name ?? returnedBy, text), null, this.collector, ev);
      if (forced) site.forced = true;
      this.add(site, this.index, top, null);
    }
  }

  /** LangChain templates: `{placeholders}` become dynamic parts, and the chain's model prices them. */
  private langchainTemplates(): void {
    for (const site of this.collector.sites.values()) {
      if (site.file !== this.index.file || site.call?.provider !== 'langchain') continue;
      site.segments = splitPlaceholders(site.segments, this.index.sourceFile.text);
      for (const message of site.messages ?? []) message.segments = splitPlaceholders(message.segments, this.index.sourceFile.text);
      if (site.messages) site.segments = site.messages.flatMap((m) => m.segments);
      const callNode = this.llmCalls.find((c) => c.getStart(this.index.sourceFile) === site.call!.span.start);
      if (callNode) attachChainModel(site, this.index, this.resolver, callNode);
    }
  }

  /**
   * Pass 8: retrieved documents or a chat transcript joined into text (`docs.map(d => d.pageContent).join()`,
   * `history.map(m => m.content).join()`), as sites of their own (parts of an enclosing prompt).
   */
  private joins(): void {
    for (const call of this.index.calls) {
      const retrieved = retrievalJoin(call, this.index, this.resolver);
      const transcript = retrieved ? undefined : historyJoin(call, this.index);
      const collection = retrieved ?? transcript;
      if (!collection) continue;
      const kind = retrieved ? 'retrieval' : 'history';
      const span = this.spanOf(call);
      const holder = nameOf(call);
      const parent =
        this.collector.covered(this.index.file, span.start, span.end) ??
        (holder
          ? [...this.collector.sites.values()].find(
              (s) => s.file === this.index.file && (s.retrieval?.expression === holder || s.segments.some((g) => g.kind === 'dynamic' && g.expression === `{${holder}}`)),
            )
          : undefined);
      // A transcript shown on a page is not sent: without a prompt around it, only files that talk to a model count.
      if (kind === 'history' && !parent && (DEMO_NAME.test(collection.getText(this.index.sourceFile)) || (this.llmCalls.length === 0 && importedProviders(this.index).size === 0))) continue;
      const injection = makeInjection(kind, call, collection, this.index, this.resolver, this.index.file);
      const id = `${this.index.file}#${span.start}`;
      const site: PromptSite = {
        id,
        file: this.index.file,
        span,
        kind: 'join',
        role: parent?.role ?? 'user',
        segments: [{ kind: 'dynamic', expression: injection.expression, source: kind, span }],
        call: parent?.call ?? null,
        provider: parent?.provider ?? 'unknown',
        history: kind === 'history' ? injection : null,
        retrieval: kind === 'retrieval' ? injection : null,
        annotation: {},
        partOf: parent && parent.id !== id ? parent.id : undefined,
      };
      const added = this.add(site, this.index, call, site.call);
      if (added && parent && kind === 'retrieval' && !parent.retrieval) parent.retrieval = injection;
      if (added && parent && kind === 'history' && !parent.history) parent.history = injection;
    }
  }
}

/** The `.map()` call whose callback returns this object (`history.map(m => ({ role, content }))`). */
function mapCallReturning(obj: ts.ObjectLiteralExpression): ts.CallExpression | undefined {
  let node: ts.Node = obj;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  let fn: ts.Node | undefined = node.parent;
  if (fn && ts.isReturnStatement(fn)) {
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  }
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'map') return undefined;
  return call;
}

/** Finds the prompts of a file given its index and a way to read other files. */
export function findPrompts(index: FileIndex, getIndex: IndexProvider, resolveModule: ModuleResolver): FinderResult {
  return new PromptFinder(index, getIndex, resolveModule).run();
}
