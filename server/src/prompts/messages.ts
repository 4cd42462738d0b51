import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import { makeInjection } from './injections';
import type { Resolved } from './resolver';
import { evaluate, type EvalContext, type Evaluation } from './segments';
import { calleeChain, getProperty, propertyName, textOf, unwrap } from './syntax';
import type { Injection, PromptMessage, PromptRole } from './types';

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
};
/** Placeholders that inject history into a LangChain template. */
const PLACEHOLDER = /^(MessagesPlaceholder|placeholder)$/;
/** Keys of stored message records (database rows), which are data rather than a prompt being sent. */
const RECORD_KEYS = /^(chatId|createdAt|updatedAt|userId|conversationId|threadId|timestamp|attachments|messageId)$/;
/** Methods that grow or shrink an array of messages. */
const BOUNDING_MUTATIONS = /\.(shift|splice)\(|\.length\s*=|\.slice\(\s*-/;

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
    } else historyInjection(result, element, element.expression, index, ctx);
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
      historyInjection(result, e, e, index, ctx);
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
      pushMessage(result, MESSAGE_CLASSES[cls], evaluate(e.arguments[0], index, ctx), e, index, ctx);
      return;
    }
  }
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 2) {
    const roleName = stringValue(e.elements[0] as ts.Expression);
    if (roleName === 'placeholder') {
      historyInjection(result, e, e, index, ctx);
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
  pushMessage(result, 'user', { segments: [{ kind: 'dynamic', expression: textOf(e, index.sourceFile), source: 'interpolation', span: index.file === ctx.siteFile ? spanOf(e, index, ctx) : undefined }], injections: [], constants: [] }, e, index, ctx);
}

/** Messages added to a named array with `name.push(...)` in a file, and whether the array grows across turns. */
function pushedMessages(name: string, index: FileIndex, ctx: EvalContext, result: MessagesEvaluation, decl: ts.Node): void {
  const pushes = index.pushes.get(name) ?? [];
  let grows = false;
  for (const push of pushes) {
    for (const arg of push.arguments) {
      const before = result.messages.length;
      evaluateElement(arg, index, ctx, result, 1);
      const added = result.messages.slice(before);
      if (added.some((m) => m.role === 'assistant' || m.role === 'tool') || insideLoop(push, decl)) grows = true;
    }
  }
  if (grows && !BOUNDING_MUTATIONS.test(index.sourceFile.text)) {
    const start = decl.getStart(index.sourceFile);
    result.injections.push({
      kind: 'history',
      expression: `${name}.push(...)`,
      span: index.file === ctx.siteFile ? { start, end: decl.end } : { start: 0, end: 0 },
      target: name,
      bounded: false,
    });
  }
}

/** Whether a node runs in a loop or a callback relative to the declaration (so it repeats per turn). */
function insideLoop(node: ts.Node, decl: ts.Node): boolean {
  for (let p = node.parent; p && p !== decl.parent; p = p.parent) {
    if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return true;
    if (ts.isFunctionLike(p) && !(p.pos <= decl.pos && decl.end <= p.end)) return true;
  }
  return false;
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
    const init = resolved?.decl.kind === 'variable' && !resolved.decl.property ? unwrap(resolved.decl.init as ts.Expression) : undefined;
    if (resolved && init && ts.isArrayLiteralExpression(init)) {
      const inner = evaluateMessages(init, resolved.index, ctx, depth + 1);
      pushedMessages(e.text, resolved.index, ctx, inner, init);
      return inner;
    }
    if (resolved && init && (ts.isCallExpression(init) || ts.isIdentifier(init) || ts.isPropertyAccessExpression(init))) {
      const inner = evaluateMessages(init, resolved.index, ctx, depth + 1);
      if (inner.messages.length > 0 && !inner.messages.every((m) => m.segments.every((s) => s.kind === 'dynamic' && s.source === 'history'))) {
        pushedMessages(e.text, resolved.index, ctx, inner, init);
        return inner;
      }
    }
    historyInjection(result, e, e, index, ctx);
    return result;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'concat') {
    const base = evaluateMessages(e.expression.expression, index, ctx, depth + 1);
    for (const arg of e.arguments) {
      const a = unwrap(arg);
      if (ts.isArrayLiteralExpression(a)) for (const el of a.elements) evaluateElement(el, index, ctx, base, 0);
      else evaluateElement(a, index, ctx, base, 0);
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
