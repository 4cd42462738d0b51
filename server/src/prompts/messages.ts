import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import { makeInjection } from './injections';
import { pushedMessages } from './message-pushes';
import type { Resolved } from './resolver';
import { evaluate, type EvalContext, type Evaluation } from './segments';
import { calleeChain, getProperty, propertyName, textOf, unwrap } from './syntax';
import type { Injection, PromptMessage, PromptRole } from './types';
import { hasCallersInFile, lastReturn, localFunction } from './value-sources';

/** Role names across SDKs mapped to ours. */
const ROLE_NAMES: Record<string, PromptRole> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
};
/** LangChain message classes and prompt-template classes. */
const MESSAGE_CLASSES: Record<string, PromptRole> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  FunctionMessage: 'tool',
  ChatMessage: 'unknown',
  SystemMessagePromptTemplate: 'system',
  HumanMessagePromptTemplate: 'user',
  AIMessagePromptTemplate: 'assistant',
  LanguageModelChatMessage: 'unknown',
};
/** `vscode.LanguageModelChatMessage.User(…)` / `.Assistant(…)`. */
const FACTORY_ROLES: Record<string, PromptRole> = { User: 'user', Assistant: 'assistant', System: 'system' };
/** Placeholders that inject history into a LangChain template. */
const PLACEHOLDER = /^(MessagesPlaceholder|placeholder)$/;
/** Keys of stored message records (database rows), which are data rather than a prompt being sent. */
const RECORD_KEYS = /^(chatId|createdAt|updatedAt|userId|conversationId|threadId|timestamp|attachments|messageId)$/;
/** An agent's own working messages (tool calls and results within one task), not a conversation's history. */
const SCRATCHPAD = /scratchpad|intermediate_?steps/i;
/** Names of arrays of messages (a `concat` argument with such a name adds many messages, not one). */
const MESSAGE_LIST_NAMES = /history|messages|previous|prev|conversation|turns|thread|transcript/i;
/**
 * Generic names of a wrapper's parameter passed whole as a call's messages (`complete(messages)`): the
 * caller, not the wrapper, decides whether it is a conversation.
 */
const PASS_THROUGH = /^(messages|msgs|input|prompt)$/;

/** The messages of a chat prompt, with history injections and constants used. */
export interface MessagesEvaluation {
  messages: PromptMessage[];
  injections: Injection[];
  constants: Resolved[];
  /** The array literal the messages were read from (the site's anchor), when there is one. */
  array?: { node: ts.ArrayLiteralExpression; index: FileIndex };
}

/** Maps an SDK role string to our role. */
export function roleOf(name: string | undefined): PromptRole {
  return (name && ROLE_NAMES[name.toLowerCase()]) || 'unknown';
}

function stringValue(expr: ts.Expression | undefined): string | undefined {
  const e = expr && unwrap(expr);
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

function spanOf(node: ts.Node, index: FileIndex, ctx: EvalContext) {
  return index.file === ctx.siteFile ? { start: node.getStart(index.sourceFile), end: node.end } : { start: 0, end: 0 };
}

/** Text of a message content: a string, a template, or an array of parts (`{ type: 'text', text }`, `{ text }`). */
export function evaluateContent(expr: ts.Expression, index: FileIndex, ctx: EvalContext): Evaluation {
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) {
    const result: Evaluation = { segments: [], injections: [], constants: [] };
    for (const part of e.elements) {
      const p = unwrap(part as ts.Expression);
      if (ts.isObjectLiteralExpression(p)) {
        const text = getProperty(p, 'text') ?? getProperty(p, 'content');
        if (text) {
          const inner = evaluate(text, index, ctx);
          result.segments.push(...inner.segments);
          result.injections.push(...inner.injections);
          result.constants.push(...inner.constants);
        }
      } else if (!ts.isSpreadElement(part)) {
        const inner = evaluate(p, index, ctx);
        result.segments.push(...inner.segments);
        result.injections.push(...inner.injections);
        result.constants.push(...inner.constants);
      }
    }
    return result;
  }
  return evaluate(e, index, ctx);
}

/** Whether an object literal looks like a chat message (`{ role, content }`, Gemini `{ role, parts }`). */
export function isMessageObject(obj: ts.ObjectLiteralExpression): boolean {
  let role = false;
  let content = false;
  for (const prop of obj.properties) {
    const name = ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop) ? propertyName(prop.name) : undefined;
    if (name === 'role') {
      // A literal role must be a chat role (`{ role: 'tooltip', content }` is UI data).
      const value = ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : undefined;
      role = !value || !ts.isStringLiteralLike(value) || value.text.toLowerCase() in ROLE_NAMES;
    } else if (name === 'content' || name === 'parts') content = true;
    else if (name && RECORD_KEYS.test(name)) return false;
  }
  return role && content;
}

/** Whether an expression is a message-like element: a message object, a LangChain message, or a role tuple. */
export function isMessageElement(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return isMessageObject(e);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) return e.expression.text in MESSAGE_CLASSES || PLACEHOLDER.test(e.expression.text);
  if (ts.isCallExpression(e)) {
    const chain = calleeChain(e.expression);
    return chain.length >= 2 && chain[chain.length - 2] in MESSAGE_CLASSES;
  }
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 2) {
    const role = stringValue(e.elements[0] as ts.Expression);
    return !!role && (role in ROLE_NAMES || role === 'placeholder');
  }
  return false;
}

function pushMessage(result: MessagesEvaluation, role: PromptRole, evaluation: Evaluation, node: ts.Node, index: FileIndex, ctx: EvalContext): void {
  result.messages.push({ role, segments: evaluation.segments, span: spanOf(node, index, ctx) });
  result.injections.push(...evaluation.injections);
  result.constants.push(...evaluation.constants);
}

function historyInjection(result: MessagesEvaluation, expr: ts.Expression, collection: ts.Expression, index: FileIndex, ctx: EvalContext): void {
  const injection = makeInjection('history', expr, collection, index, ctx.resolver, ctx.siteFile);
  result.injections.push(injection);
  result.messages.push({
    role: 'unknown',
    segments: [{ kind: 'dynamic', expression: injection.expression, source: 'history', span: index.file === ctx.siteFile ? injection.span : undefined }],
    span: spanOf(expr, index, ctx),
  });
}

/** One element of a messages array. */
function evaluateElement(element: ts.Expression, index: FileIndex, ctx: EvalContext, result: MessagesEvaluation, depth: number): void {
  if (ts.isSpreadElement(element)) {
    const inner = unwrap(element.expression);
    if (ts.isArrayLiteralExpression(inner)) {
      for (const el of inner.elements) evaluateElement(el, index, ctx, result, depth + 1);
      return;
    }
    const constant = constantMessages(inner, index, ctx);
    if (constant) {
      // ...FEW_SHOT_EXAMPLES: a constant array of messages, the same on every call.
      for (const el of constant.array.elements) evaluateElement(el, constant.index, ctx, result, depth + 1);
    } else if (SCRATCHPAD.test(textOf(inner, index.sourceFile))) runtimeMessage(result, 'assistant', inner, index, ctx);
    else historyInjection(result, element, element.expression, index, ctx);
    return;
  }
  const e = unwrap(element);
  if (ts.isObjectLiteralExpression(e)) {
    const role = roleOf(stringValue(getProperty(e, 'role')));
    const content = getProperty(e, 'content') ?? getProperty(e, 'parts');
    if (content) pushMessage(result, role, evaluateContent(content, index, ctx), e, index, ctx);
    return;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const cls = e.expression.text;
    if (PLACEHOLDER.test(cls)) {
      if (SCRATCHPAD.test(textOf(e, index.sourceFile))) runtimeMessage(result, 'assistant', e, index, ctx);
      else historyInjection(result, e, e, index, ctx);
      return;
    }
    const arg = e.arguments?.[0];
    const argValue = arg && unwrap(arg);
    const content = argValue && ts.isObjectLiteralExpression(argValue) ? getProperty(argValue, 'content') : arg;
    if (content) pushMessage(result, MESSAGE_CLASSES[cls] ?? 'unknown', evaluateContent(content, index, ctx), e, index, ctx);
    return;
  }
  if (ts.isCallExpression(e)) {
    const chain = calleeChain(e.expression);
    const cls = chain[chain.length - 2];
    if (cls in MESSAGE_CLASSES && e.arguments[0]) {
      const role = FACTORY_ROLES[chain[chain.length - 1]] ?? MESSAGE_CLASSES[cls];
      pushMessage(result, role, evaluate(e.arguments[0], index, ctx), e, index, ctx);
      return;
    }
  }
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 2) {
    const roleName = stringValue(e.elements[0] as ts.Expression);
    if (roleName === 'placeholder') {
      if (SCRATCHPAD.test(textOf(e, index.sourceFile))) runtimeMessage(result, 'assistant', e, index, ctx);
      else historyInjection(result, e, e, index, ctx);
      return;
    }
    if (roleName) {
      pushMessage(result, roleOf(roleName), evaluate(e.elements[1] as ts.Expression, index, ctx), e, index, ctx);
      return;
    }
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const resolved = ctx.resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && !resolved.decl.property ? resolved.decl.init : undefined;
    if (resolved && init && isMessageElement(init as ts.Expression)) {
      evaluateElement(init as ts.Expression, resolved.index, ctx, result, depth + 1);
      return;
    }
  }
  // Anything else is one message whose content is only known at run time.
  runtimeMessage(result, 'user', e, index, ctx);
}

/** A message whose content is only known at run time (not chat history). */
function runtimeMessage(result: MessagesEvaluation, role: PromptRole, e: ts.Expression, index: FileIndex, ctx: EvalContext): void {
  pushMessage(result, role, { segments: [{ kind: 'dynamic', expression: textOf(e, index.sourceFile), source: 'interpolation', span: index.file === ctx.siteFile ? spanOf(e, index, ctx) : undefined }], injections: [], constants: [] }, e, index, ctx);
}

/** A constant array literal of messages that nothing pushes to (few-shot examples), with its file. */
function constantMessages(expr: ts.Expression, index: FileIndex, ctx: EvalContext): { array: ts.ArrayLiteralExpression; index: FileIndex } | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  const resolved = ctx.resolver.resolveName(index, expr.text, expr);
  const decl = resolved?.decl;
  const init = decl && decl.kind === 'variable' && decl.isConst && !decl.property && decl.init ? unwrap(decl.init as ts.Expression) : undefined;
  if (!resolved || !init || !ts.isArrayLiteralExpression(init) || resolved.index.pushes.has(expr.text)) return undefined;
  if (init.elements.length === 0 || !init.elements.every((el) => isMessageElement(el))) return undefined;
  return { array: init, index: resolved.index };
}

/** Whether a `concat` argument is one message (`msg`, `{ role, content }`) rather than an array of them. */
function isOneMessage(expr: ts.Expression, index: FileIndex, ctx: EvalContext): boolean {
  if (isMessageElement(expr)) return true;
  if (!ts.isIdentifier(expr)) return !MESSAGE_LIST_NAMES.test(textOf(expr, index.sourceFile));
  const resolved = ctx.resolver.resolveName(index, expr.text, expr);
  const init = resolved?.decl.kind === 'variable' && !resolved.decl.property ? resolved.decl.init : undefined;
  if (init) return isMessageElement(init as ts.Expression);
  return !MESSAGE_LIST_NAMES.test(expr.text);
}

/**
 * Reads a messages expression: an array literal of messages, a variable holding one (plus its
 * `.push`es), or history passed whole (`messages`, `history.concat(...)`, `prev.slice(-10)`).
 */
export function evaluateMessages(expr: ts.Expression, index: FileIndex, ctx: EvalContext, depth = 0): MessagesEvaluation {
  const result: MessagesEvaluation = { messages: [], injections: [], constants: [] };
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) {
    result.array = { node: e, index };
    for (const el of e.elements) evaluateElement(el, index, ctx, result, 0);
    return result;
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const resolved = ctx.resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && !resolved.decl.property && resolved.decl.init ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    if (resolved && init && ts.isArrayLiteralExpression(init)) {
      const inner = evaluateMessages(init, resolved.index, ctx, depth + 1);
      pushedMessages(e.text, resolved.index, ctx, inner, init, evaluateElement);
      return inner;
    }
    if (resolved && init && (ts.isCallExpression(init) || ts.isIdentifier(init) || ts.isPropertyAccessExpression(init))) {
      const inner = evaluateMessages(init, resolved.index, ctx, depth + 1);
      if (inner.messages.length > 0 && !inner.messages.every((m) => m.segments.every((s) => s.kind === 'dynamic' && s.source === 'history'))) {
        pushedMessages(e.text, resolved.index, ctx, inner, init, evaluateElement);
        return inner;
      }
    }
    if (depth === 0 && resolved?.decl.kind === 'parameter' && PASS_THROUGH.test(e.text) && !resolved.index.pushes.has(e.text) && !hasCallersInFile(resolved.decl.node, resolved.index)) {
      runtimeMessage(result, 'unknown', e, index, ctx);
      return result;
    }
    historyInjection(result, e, e, index, ctx);
    return result;
  }
  const local = ts.isCallExpression(e) && depth < 4 ? localFunction(e.expression, index, ctx.resolver) : undefined;
  const returned = local ? lastReturn(local.fn) : undefined;
  if (local && returned && ts.isArrayLiteralExpression(unwrap(returned))) {
    // buildMessages(history, input) returning `[system, ...history, user]`: its messages (and history, reported there).
    const inner = evaluateMessages(returned, local.index, ctx, depth + 1);
    inner.array = undefined;
    return inner;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'concat') {
    const base = evaluateMessages(e.expression.expression, index, ctx, depth + 1);
    for (const arg of e.arguments) {
      const a = unwrap(arg);
      if (ts.isArrayLiteralExpression(a)) for (const el of a.elements) evaluateElement(el, index, ctx, base, 0);
      else if (isOneMessage(a, index, ctx)) evaluateElement(a, index, ctx, base, 0);
      // [system].concat(history, [user]): an array argument adds all its messages.
      else historyInjection(base, a, a, index, ctx);
    }
    return base;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'map' && depth < 4) {
    // history.map(m => ({ role: m.role, content: m.text })): still the whole history.
    historyInjection(result, e, e, index, ctx);
    return result;
  }
  historyInjection(result, e, e, index, ctx);
  return result;
}
