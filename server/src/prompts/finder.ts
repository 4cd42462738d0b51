import { ts } from 'ts-morph';
import { callInfo } from './call-info';
import { isForced, type FileComments } from './comments';
import type { FileIndex } from './file-index';
import { allowsWordingHeuristics, isTestFile } from './file-kind';
import { isNonPromptName, isPromptName, namedPromptText, readsAsInstructions } from './heuristics';
import { historyJoin, retrievalJoin, makeInjection } from './injections';
import { isMessageElement, isMessageObject, roleOf } from './messages';
import { ArgumentReader, roleForName } from './argument-reader';
import type { IndexProvider, ModuleResolver } from './resolver';
import { argumentValue, importedProviders, matchAgent, matchCall, type CallLike, type CallPattern } from './sdk-catalogue';
import { evaluate, resolveFunction } from './segments';
import { attachChainModel, splitPlaceholders } from './langchain-templates';
import { resolveAnchor, textSite } from './site-builder';
import { calleeChain, getProperty, unwrap } from './syntax';
import { inCopyTable, inNonChatRoleObject, insideDbCall, isJsx, isLogOrError, nameOf, returningFunctionName, topStringExpression } from './text-candidates';
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
  /** The file's promptcost comments (kept so the rules need not parse the file again). */
  comments: FileComments;
}

/** Minimum length of a string that is a prompt only because of its wording (no name, no call). */
const MIN_UNNAMED_PROMPT = 60;
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


/** Finds the prompts of one file in passes: SDK calls first, then shapes, then wording. */
export class PromptFinder extends ArgumentReader {
  /** Functions of this file that pass their parameters into a model call: parameter index → role. */
  private readonly sinks = new Map<ts.Node, { index: number; role: PromptRole; info: CallInfo }[]>();

  /** Runs every pass and returns the sites. */
  run(): FinderResult {
    const notes: string[] = [];
    if (this.index.truncated) notes.push('expressions nested too deeply were skipped');
    const comments = this.collector.commentsOf(this.index);
    if (comments.ignoreFile) return { sites: [], dependencies: [], notes: ['promptcost-ignore-file'], comments };
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
    return { sites: [...this.collector.sites.values()], dependencies: [...this.resolver.dependencies], notes, comments };
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
      if (this.insideMessagesArray(call) || this.collector.covered(this.index, call)) continue;
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
    for (const site of this.collector.sitesOfCall(info)) {
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

  /** Pass 3: `{ role, content }` arrays (and LangChain message arrays) anywhere. */
  private messageArrays(): void {
    for (const array of this.index.arrays) {
      if (this.collector.sites.has(this.key(array)) || this.insideMessagesArray(array)) continue;
      if (this.collector.covered(this.index, array)) continue;
      const messages = array.elements.filter((el) => isMessageElement(el));
      if (messages.length === 0) continue;
      const objects = messages.filter((el) => ts.isObjectLiteralExpression(unwrap(el)) || ts.isNewExpression(unwrap(el)) || ts.isCallExpression(unwrap(el)));
      if (objects.length === 0 && messages.length < 2) continue;
      if (insideDbCall(array) || insideTokenCount(array) || !this.sendsPrompt(array, objects)) continue;
      // A declared array that is pushed to later: read it through its name so the pushes count.
      const decl = array.parent;
      const viaName = ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && this.index.pushes.has(decl.name.text);
      const site = this.messagesArgument(viaName ? (decl.name as ts.Identifier) : array, array, null, array);
      if (site?.history && sentThroughTrimmer(array, this.index)) site.history.bounded = true;
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
      const site = this.messagesArgument(receiver, init, null, init);
      // Grown every turn but only ever sent through a trim (`fitHistory(turns)`, `turns.slice(-10)`): bounded.
      if (site?.history && !site.history.bounded && onlySentBounded(name, init, resolved.decl.scope)) site.history.bounded = true;
    }
  }

  /** Pass 5: stand-alone `{ role: 'system', content: … }` objects, and `.map()` callbacks that build messages. */
  private messageObjects(): void {
    for (const obj of this.index.objects) {
      if (!isMessageObject(obj) || this.insideMessagesArray(obj) || insideDbCall(obj)) continue;
      if (this.collector.covered(this.index, obj)) continue;
      const parent = obj.parent;
      if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push') continue;
      const mapCall = mapCallReturning(obj);
      if (mapCall) {
        if (this.collector.sites.has(this.key(mapCall))) continue;
        const site = this.messagesArgument(mapCall, mapCall, null, mapCall);
        // A converter (`return rows.map(r => ({ role, content }))`): where its result is sent is reported, not here.
        if (site && (ts.isReturnStatement(mapCall.parent) || ts.isArrowFunction(mapCall.parent))) site.history = null;
        continue;
      }
      const roleValue = getProperty(obj, 'role');
      const role = roleOf(roleValue && ts.isStringLiteralLike(unwrap(roleValue)) ? (unwrap(roleValue) as ts.StringLiteral).text : undefined);
      const content = getProperty(obj, 'content') ?? getProperty(obj, 'parts');
      if (!content || this.collector.covered(this.index, content)) continue;
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

  /** Pass 7: prompt text with no visible call: named constants, template functions, instruction-like text, forced strings. */
  private promptTexts(): void {
    const seen = new Set<ts.Node>();
    for (const literal of this.index.strings) {
      const top = topStringExpression(literal);
      if (seen.has(top)) continue;
      seen.add(top);
      if (this.collector.covered(this.index, top)) continue;
      const forced = isForced(top, this.index.sourceFile) || isForced(literal, this.index.sourceFile);
      if (!forced && (insideDbCall(top) || this.insideMessagesArray(top) || isJsx(top) || isLogOrError(top) || inNonChatRoleObject(top) || inCopyTable(top))) continue;
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
        this.collector.covered(this.index, call) ??
        (holder
          ? [...this.collector.sites.values()].find(
              (s) => s.file === this.index.file && (s.retrieval?.expression === holder || s.segments.some((g) => g.kind === 'dynamic' && g.expression === `{${holder}}`)),
            )
          : undefined);
      // Logged or written to a file, a join is not sent to a model.
      if (!parent && isLogOrError(call)) continue;
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

/** Calls whose name says they keep a history short. */
const TRIMS = /trim|fit|truncat|limit|window|prune|summar|recent|last|slice|take|compact/i;

/** Whether every use of an array in its scope (besides pushes to it) passes it through a trim. */
function onlySentBounded(name: string, init: ts.Node, scope: ts.Node): boolean {
  let bounded = 0;
  let whole = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node.parent !== init.parent) {
      const p = node.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === node) {
        if (/^(push|length|pop)$/.test(p.name.text)) return;
        if (TRIMS.test(p.name.text)) bounded++;
        else whole++;
      } else if (ts.isCallExpression(p) && p.arguments.includes(node as ts.Expression)) {
        const callee = calleeChain(p.expression).pop() ?? '';
        if (TRIMS.test(callee)) bounded++;
        else if (!/^(stringify|log|info|debug|writeFile|set|save\w*)$/.test(callee)) whole++;
      } else if (!ts.isVariableDeclaration(p)) whole++;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return bounded > 0 && whole === 0;
}

/** `trimmer.invoke([...])` with `trimmer = trimMessages({...})`: the array is cut before it is sent. */
function sentThroughTrimmer(array: ts.Node, index: FileIndex): boolean {
  const call = array.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !ts.isIdentifier(call.expression.expression)) return false;
  const name = call.expression.expression.text;
  return (index.declarations.get(name) ?? []).some((d) => !!d.init && /\btrimMessages\s*\(/.test(d.init.getText(index.sourceFile)));
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
