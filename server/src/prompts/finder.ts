import { ts } from 'ts-morph';
import { callInfo } from './call-info';
import { isForced } from './comments';
import { contains, type FileIndex } from './file-index';
import { isNonPromptName, isPromptName, readsAsInstructions, isNotPromptText } from './heuristics';
import { retrievalJoin, makeInjection } from './injections';
import { isMessageElement, isMessageObject, roleOf } from './messages';
import { Resolver, type IndexProvider, type ModuleResolver, type Resolved } from './resolver';
import { argumentValue, matchCall, importedProviders } from './sdk-catalogue';
import { evaluate, returnedExpression } from './segments';
import { messagesAnchor, messagesSite, resolveAnchor, SiteCollector, textSite } from './site-builder';
import { calleeChain, getProperty, propertyName, textOf, unwrap } from './syntax';
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

/** Keys of an object that make its `description` a tool description shown to a model. */
const TOOL_KEYS = ['parameters', 'inputSchema', 'input_schema', 'schema', 'execute', 'argsSchema', 'args', 'func', 'handler', 'function'];
/** Calls that define a tool. */
const TOOL_FACTORIES = /^(tool|createTool|defineTool|dynamicTool|DynamicStructuredTool|DynamicTool|StructuredTool|registerTool|FunctionTool)$/;
/** Receivers and methods of database writes: prompts stored in a table are data, not prompts. */
const DB_CALL = /^(db|prisma|knex|sql|supabase|mongo|collection|repo|repository|drizzle|kysely|pool|client|tx|trx)$|^(insert|insertInto|values|upsert|createMany|seed|save|executeQuery|query)$/i;
/** Fine-tuning exports write chat messages as data. */
const FINE_TUNING = /jsonl|fine[-_ ]?tun/i;
/** Minimum length of a string that is a prompt only because of its wording (no name, no call). */
const MIN_UNNAMED_PROMPT = 60;

/** Roles of SDK prompt properties. */
function roleForName(name: string | undefined, text: string): PromptRole {
  if (name && /system|instruction|persona|preamble/i.test(name)) return 'system';
  if (name && /user|human|question|query/i.test(name)) return 'user';
  if (/^\s*(you are|you're|act as|your (task|role|job))/i.test(text)) return 'system';
  return 'template';
}

function staticText(site: PromptSite): string {
  return site.segments.map((s) => (s.kind === 'static' ? s.text : ' ')).join('');
}

function insideDbCall(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCallExpression(p) && calleeChain(p.expression).some((name) => DB_CALL.test(name))) return true;
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

function enclosingFunction(node: ts.Node): ts.Node {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p)) p = p.parent;
  return p ?? node.getSourceFile();
}

/** Finds the prompts of one file. */
export class PromptFinder {
  private readonly collector: SiteCollector;
  private readonly resolver: Resolver;
  /** SDK calls found in this file, for tool descriptions and fine-tuning checks. */
  private readonly llmCalls: ts.CallExpression[] = [];

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
    this.langchainConstructors();
    this.messageArrays();
    this.pushedArrays();
    this.messageObjects();
    this.toolDescriptions();
    this.promptTexts();
    this.retrievalJoins();
    return { sites: [...this.collector.sites.values()], dependencies: [...this.resolver.dependencies], notes };
  }

  private add(site: PromptSite, index: FileIndex, node: ts.Node, call: CallInfo | null, callNode?: ts.Node): PromptSite | undefined {
    return this.collector.add(site, index, node, call, this.index, callNode);
  }

  /** Pass 1: arguments of known SDK calls. */
  private sdkCalls(): void {
    const providers = importedProviders(this.index);
    for (const call of this.index.calls) {
      const pattern = matchCall(call, this.index, providers);
      if (!pattern) continue;
      this.llmCalls.push(call);
      const info = callInfo(call, pattern, this.index, this.resolver);
      const found = pattern.args.map((arg) => ({ arg, found: argumentValue(call, arg) }));
      info.promptArgs = found.flatMap(({ arg, found: f }) =>
        f ? [{ name: arg.path ? arg.path.join('.') : `#${arg.position}`, value: this.spanOf(f.value), property: this.spanOf(f.anchor) }] : [],
      );
      for (const { arg, found: f } of found) {
        if (!f) continue;
        const found = f;
        const value = unwrap(found.value);
        const asMessages = arg.shape === 'messages' || (arg.shape === 'text-or-messages' && this.isMessagesValue(value));
        if (asMessages) this.messagesArgument(value, found.anchor, info, call);
        else this.textArgument(value, found.anchor, arg.role, info, call);
      }
    }
  }

  private spanOf(node: ts.Node) {
    return { start: node.getStart(this.index.sourceFile), end: node.end };
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
    const { node, index, mev, name } = messagesAnchor(value, anchor, this.index, this.collector);
    if (this.isFineTuningExport(node)) return undefined;
    const site = this.add(messagesSite(node, index, mev, info, name), index, node, info, call);
    if (site) this.constantSites(mev.constants, site, info, call);
    return site;
  }

  private textArgument(value: ts.Expression, anchorNode: ts.Node, role: PromptRole, info: CallInfo | null, call?: ts.Node): PromptSite | undefined {
    const e = unwrap(value);
    if (ts.isArrayLiteralExpression(e) && !e.elements.some((el) => isMessageElement(el))) {
      // Anthropic system blocks: [{ type: 'text', text, cache_control }]
      const firstText = e.elements.map((el) => unwrap(el as ts.Expression)).find((el) => ts.isObjectLiteralExpression(el) && getProperty(el, 'text')) as ts.ObjectLiteralExpression | undefined;
      const text = firstText && getProperty(firstText, 'text');
      if (text) return this.textArgument(text, text, role, info, call);
    }
    const anchor = resolveAnchor(e, this.index, this.resolver);
    const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
    if (!ev.segments.some((s) => s.kind === 'static') && anchor.index === this.index) {
      // No visible text: report the argument itself (its content comes from elsewhere).
      const site = textSite({ index: this.index, node: anchorNode as ts.Expression, kind: 'argument' }, role, info, this.collector, ev);
      return this.add(site, this.index, anchorNode, info, call);
    }
    const site = this.add(textSite(anchor, role, info, this.collector, ev), anchor.index, anchor.node, info, call);
    if (site) this.constantSites(ev.constants.slice(1), site, info, call);
    return site;
  }

  /** Constants with prompt text used inside a larger prompt get their own site, as parts of it. */
  private constantSites(constants: Resolved[], parent: PromptSite, info: CallInfo | null, call?: ts.Node): void {
    for (const { index, decl } of constants) {
      const init = decl.init as ts.Expression | undefined;
      if (!init || decl.property) continue;
      const anchor = resolveAnchor(init, index, this.resolver);
      const site = textSite({ ...anchor, name: anchor.name ?? decl.name }, roleForName(decl.name, ''), info, this.collector);
      if (site.id === parent.id) continue;
      const text = staticText(site);
      if (!isPromptName(decl.name) && !readsAsInstructions(text) && text.length < MIN_UNNAMED_PROMPT) continue;
      site.partOf = parent.id;
      this.add(site, anchor.index, anchor.node, info, call);
    }
  }

  private isFineTuningExport(node: ts.Node): boolean {
    const fn = enclosingFunction(node);
    const text = textOf(fn, this.index.sourceFile);
    return FINE_TUNING.test(text) && !this.llmCalls.some((c) => contains(fn, c));
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
      } else if (/^(SystemMessage|HumanMessage|AIMessage)$/.test(cls) && !this.claimedByArray(node)) {
        const content = ts.isObjectLiteralExpression(arg) ? getProperty(arg, 'content') : arg;
        const role = cls === 'SystemMessage' ? 'system' : cls === 'HumanMessage' ? 'user' : 'assistant';
        if (content) this.textArgument(content, content, role, null);
      }
    }
  }

  private claimedByArray(node: ts.Node): boolean {
    for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
      if (ts.isArrayLiteralExpression(p) && this.collector.sites.has(`${this.index.file}#${p.getStart(this.index.sourceFile)}`)) return true;
      if (ts.isArrayLiteralExpression(p) && p.elements.some((el) => isMessageElement(el))) return true;
    }
    return false;
  }

  /** Pass 3: `{ role, content }` arrays (and LangChain message arrays) anywhere. */
  private messageArrays(): void {
    for (const array of this.index.arrays) {
      const start = array.getStart(this.index.sourceFile);
      if (this.collector.sites.has(`${this.index.file}#${start}`)) continue;
      if (this.insideMessagesArray(array)) continue;
      const messages = array.elements.filter((el) => isMessageElement(el));
      if (messages.length === 0) continue;
      const objects = messages.filter((el) => ts.isObjectLiteralExpression(unwrap(el)) || ts.isNewExpression(unwrap(el)) || ts.isCallExpression(unwrap(el)));
      if (objects.length === 0 && messages.length < 2) continue;
      if (insideDbCall(array) || this.isFineTuningExport(array)) continue;
      // A declared array that is pushed to later: read it through its name so the pushes count.
      const decl = array.parent;
      const viaName = ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && this.index.pushes.has(decl.name.text);
      this.messagesArgument(viaName ? (decl.name as ts.Identifier) : array, array, null, array);
    }
  }

  private insideMessagesArray(node: ts.Node): boolean {
    for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
      if (ts.isArrayLiteralExpression(p) && (p.elements.some((el) => isMessageElement(el)) || this.collector.sites.has(`${this.index.file}#${p.getStart(this.index.sourceFile)}`))) return true;
    }
    return false;
  }

  /** Pass 4: arrays built with `messages.push({ role, content })`. */
  private pushedArrays(): void {
    for (const [name, pushes] of this.index.pushes) {
      if (!pushes.some((push) => push.arguments.some((arg) => isMessageElement(arg)))) continue;
      const resolved = this.resolver.resolveName(this.index, name, pushes[0]);
      const init = resolved?.decl.init && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
      if (!resolved || resolved.index !== this.index || !init || !ts.isArrayLiteralExpression(init)) continue;
      if (this.collector.sites.has(`${this.index.file}#${init.getStart(this.index.sourceFile)}`)) continue;
      if (insideDbCall(init) || this.isFineTuningExport(init)) continue;
      const receiver = (pushes[0].expression as ts.PropertyAccessExpression).expression;
      this.messagesArgument(receiver, init, null, init);
    }
  }

  /** Pass 5: stand-alone `{ role: 'system', content: … }` objects. */
  private messageObjects(): void {
    for (const obj of this.index.objects) {
      if (!isMessageObject(obj) || this.insideMessagesArray(obj) || insideDbCall(obj)) continue;
      if (ts.isCallExpression(obj.parent) && obj.parent.arguments.includes(obj) && ts.isPropertyAccessExpression(obj.parent.expression) && obj.parent.expression.name.text === 'push') continue;
      const role = roleOf(ts.isStringLiteralLike(unwrap(getProperty(obj, 'role')!)) ? (unwrap(getProperty(obj, 'role')!) as ts.StringLiteral).text : undefined);
      const content = getProperty(obj, 'content') ?? getProperty(obj, 'parts');
      if (content && !this.collector.covered(this.index.file, content.getStart(this.index.sourceFile), content.end)) {
        const anchor = resolveAnchor(content, this.index, this.resolver);
        const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
        if (ev.segments.some((s) => s.kind === 'static')) this.add(textSite(anchor, role, null, this.collector, ev), anchor.index, anchor.node, null);
      }
    }
  }

  /** Pass 6: tool descriptions given to a model. */
  private toolDescriptions(): void {
    for (const obj of this.index.objects) {
      const description = getProperty(obj, 'description');
      if (!description || !this.isToolObject(obj)) continue;
      this.toolDescription(description);
    }
    // MCP: server.tool(name, description, schema, handler)
    for (const call of this.index.calls) {
      const chain = calleeChain(call.expression);
      if (chain[chain.length - 1] === 'tool' && chain.length >= 2 && call.arguments.length >= 3 && ts.isStringLiteralLike(unwrap(call.arguments[1]))) {
        this.toolDescription(call.arguments[1]);
      }
    }
  }

  private isToolObject(obj: ts.ObjectLiteralExpression): boolean {
    if (TOOL_KEYS.some((key) => getProperty(obj, key) !== undefined)) {
      // JSON-schema property definitions ({ type: 'string', description }) are not tools.
      const type = getProperty(obj, 'type');
      if (type && ts.isStringLiteralLike(unwrap(type)) && !['function', 'object', 'custom'].includes((unwrap(type) as ts.StringLiteral).text)) return false;
      if (getProperty(obj, 'parameters') || getProperty(obj, 'inputSchema') || getProperty(obj, 'input_schema') || getProperty(obj, 'execute') || getProperty(obj, 'func') || getProperty(obj, 'argsSchema')) return true;
      if (getProperty(obj, 'schema') && getProperty(obj, 'name')) return true;
    }
    const parent = obj.parent;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const chain = calleeChain(parent.expression);
      return TOOL_FACTORIES.test(chain[chain.length - 1] ?? '');
    }
    if (ts.isPropertyAssignment(parent) && propertyName(parent.name) === 'function') return true;
    return false;
  }

  private toolDescription(description: ts.Expression): void {
    const anchor = resolveAnchor(description, this.index, this.resolver);
    const ev = evaluate(anchor.node, anchor.index, this.collector.context(anchor.index.file));
    if (!ev.segments.some((s) => s.kind === 'static')) return;
    const site = textSite({ ...anchor, kind: 'tool-description' }, 'tool', null, this.collector, ev);
    this.add(site, anchor.index, anchor.node, null);
  }

  /** Pass 7: prompt text with no visible call: named constants, template functions, instruction-like text, forced strings. */
  private promptTexts(): void {
    const seen = new Set<ts.Node>();
    for (const literal of this.index.strings) {
      const top = topStringExpression(literal);
      if (seen.has(top)) continue;
      seen.add(top);
      const start = top.getStart(this.index.sourceFile);
      if (this.collector.covered(this.index.file, start, top.end)) continue;
      const forced = isForced(top, this.index.sourceFile) || isForced(literal, this.index.sourceFile);
      if (!forced && (insideDbCall(top) || this.insideMessagesArray(top) || isJsx(top))) continue;
      const ev = evaluate(top, this.index, this.collector.context(this.index.file));
      const text = ev.segments.map((s) => (s.kind === 'static' ? s.text : ' {x} ')).join('');
      const name = nameOf(top);
      const returnedBy = returningFunctionName(top);
      const named = isPromptName(name) || isPromptName(returnedBy);
      const instructions = !isNonPromptName(name) && readsAsInstructions(text, named ? 20 : MIN_UNNAMED_PROMPT);
      if (!forced && !(named && text.trim().length >= 20 && !isNotPromptText(text)) && !instructions) continue;
      if (!forced && isLogOrError(top)) continue;
      const site = textSite({ index: this.index, node: top, name: name ?? returnedBy, kind: returnedBy ? 'function' : undefined }, roleForName(name ?? returnedBy, text), null, this.collector, ev);
      if (forced) site.forced = true;
      this.add(site, this.index, top, null);
    }
  }

  /** Pass 8: retrieved documents joined into text, as sites of their own (parts of an enclosing prompt). */
  private retrievalJoins(): void {
    for (const call of this.index.calls) {
      const collection = retrievalJoin(call, this.index);
      if (!collection) continue;
      const span = { start: call.getStart(this.index.sourceFile), end: call.end };
      const holder = nameOf(call);
      const parent =
        this.collector.covered(this.index.file, span.start, span.end) ??
        (holder ? [...this.collector.sites.values()].find((s) => s.retrieval?.expression === holder && s.file === this.index.file) : undefined);
      const injection = makeInjection('retrieval', call, collection, this.index, this.resolver, this.index.file);
      const site: PromptSite = {
        id: `${this.index.file}#${span.start}`,
        file: this.index.file,
        span,
        kind: 'join',
        role: parent?.role ?? 'user',
        segments: [{ kind: 'dynamic', expression: injection.expression, source: 'retrieval', span }],
        call: parent?.call ?? null,
        provider: parent?.provider ?? 'unknown',
        history: null,
        retrieval: injection,
        annotation: {},
        partOf: parent && parent.id !== `${this.index.file}#${span.start}` ? parent.id : undefined,
      };
      const added = this.add(site, this.index, call, site.call);
      if (added && parent && !parent.retrieval) parent.retrieval = injection;
    }
  }
}

/** The largest expression a string belongs to as text (`'a' + b + 'c'`, a template, `[...].join()`). */
function topStringExpression(node: ts.Expression): ts.Expression {
  let e: ts.Expression = node;
  for (;;) {
    const p = e.parent;
    if (!p) return e;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) e = p;
    else if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isTaggedTemplateExpression(p)) e = p;
    else if (ts.isTemplateSpan(p) && p.expression === e) e = p.parent as ts.TemplateExpression;
    else if (ts.isArrayLiteralExpression(p) && ts.isPropertyAccessExpression(p.parent) && p.parent.name.text === 'join' && ts.isCallExpression(p.parent.parent)) e = p.parent.parent;
    else if (ts.isPropertyAccessExpression(p) && /^(trim|trimStart|trimEnd)$/.test(p.name.text) && ts.isCallExpression(p.parent)) e = p.parent;
    else if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && /^(dedent|outdent|stripIndent)$/.test(p.expression.text)) e = p;
    else return e;
  }
}

/** The name a string is bound to: `const NAME =`, `name: '…'`, `this.name =`. */
function nameOf(node: ts.Expression): string | undefined {
  const p = node.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p)) return propertyName(p.name);
  if (ts.isPropertyDeclaration(p)) return propertyName(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = p.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  if (ts.isParameter(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** The name of the function whose (last) returned expression this is. */
function returningFunctionName(node: ts.Expression): string | undefined {
  let fn: ts.Node | undefined;
  const p = node.parent;
  if (ts.isReturnStatement(p)) {
    fn = p.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  } else if (ts.isArrowFunction(p) && p.body === node) fn = p;
  if (!fn || returnedExpression(fn) !== node) return undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return propertyName(fn.name as ts.PropertyName);
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  if (ts.isPropertyAssignment(fn.parent)) return propertyName(fn.parent.name);
  return undefined;
}

function isJsx(node: ts.Node): boolean {
  const p = node.parent;
  return ts.isJsxAttribute(p) || ts.isJsxExpression(p) || ts.isJsxAttribute(p.parent);
}

/** Strings passed to loggers or thrown errors. */
function isLogOrError(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isSourceFile(p) && !ts.isStatement(p); p = p.parent) {
    if (ts.isNewExpression(p) && ts.isIdentifier(p.expression) && /Error$|Exception$/.test(p.expression.text)) return true;
    if (ts.isCallExpression(p)) {
      const chain = calleeChain(p.expression);
      if (/^(console|logger|log|winston|pino)$/.test(chain[0] ?? '') || /^(log|info|warn|error|debug|trace|alert|toast|notify|t|i18n|__)$/.test(chain[chain.length - 1] ?? '')) return true;
      return false;
    }
  }
  return false;
}

/** Finds the prompts of a file given its index and a way to read other files. */
export function findPrompts(index: FileIndex, getIndex: IndexProvider, resolveModule: ModuleResolver): FinderResult {
  return new PromptFinder(index, getIndex, resolveModule).run();
}
