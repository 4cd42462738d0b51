import { ts } from 'ts-morph';
import { findBound } from './bounds';
import type { FileIndex } from './file-index';
import type { MessagesEvaluation } from './messages';
import type { EvalContext } from './segments';
import { textOf, unwrap } from './syntax';
import type { PromptMessage } from './types';
import { mutatedWithBound } from './value-sources';

/** Evaluates one element of a messages array into `result` (messages.ts's evaluateElement). */
export type ElementEvaluator = (element: ts.Expression, index: FileIndex, ctx: EvalContext, result: MessagesEvaluation, depth: number) => void;

/** A loop body that runs a tool-calling step (an agent loop growing its own scratchpad within one task). */
const TOOL_LOOP = /tool_calls|tool_use|tool_result|toolCalls|toolResults|tool_call_id|functionCall|function_call|stop_reason|finish_reason|finishReason/;
/** Text of a pushed user message that carries tool output rather than a new user turn. */
const TOOL_OUTPUT = /tool|result|observation|function/i;

/**
 * Messages added to a named array with `name.push(...)` in a file, and whether the array grows across
 * turns: pushes in a loop or a callback, or of assistant/tool messages. Growth is bounded when the file
 * trims the array (`shift`, `splice`, `= name.slice(-n)`) or the loop copies a bounded collection
 * (`for (const m of history.slice(-10))`). An agent's tool loop over a local array is its scratchpad
 * within one task, not a conversation's history.
 */
export function pushedMessages(name: string, index: FileIndex, ctx: EvalContext, result: MessagesEvaluation, decl: ts.Node, evaluateElement: ElementEvaluator): void {
  // Pushes to this array, not to another array of the same name elsewhere in the file.
  const pushes = (index.pushes.get(name) ?? []).filter((push) => {
    const receiver = (push.expression as ts.PropertyAccessExpression).expression;
    const init = ctx.resolver.resolveName(index, name, receiver)?.decl.init;
    return !init || unwrap(init as ts.Expression) === decl;
  });
  let grows = false;
  let agentSteps = true;
  let copied: { bounded: boolean; bound?: number } | undefined;
  for (const push of pushes) {
    for (const arg of push.arguments) {
      const before = result.messages.length;
      evaluateElement(arg, index, ctx, result, 1);
      const added = result.messages.slice(before);
      const repeated = insideLoop(push, decl);
      if (!repeated && !added.some((m) => m.role === 'assistant' || m.role === 'tool')) continue;
      grows = true;
      if (!isToolStep(push, arg, decl, added, index)) agentSteps = false;
      const source = repeated ? iteratedCollection(push, decl) : undefined;
      const bound = source ? findBound(source, index, ctx.resolver, 'history') : { bounded: false };
      if (!copied) copied = { bounded: bound.bounded, bound: bound.bound };
      else if (!copied.bounded || !bound.bounded) copied = { bounded: false };
      else copied = { bounded: true, bound: copied.bound !== undefined && bound.bound !== undefined ? Math.max(copied.bound, bound.bound) : undefined };
    }
  }
  if (!grows || (agentSteps && localTo(decl))) return;
  const bounded = mutatedWithBound(index, name) || !!copied?.bounded;
  const start = decl.getStart(index.sourceFile);
  result.injections.push({
    kind: 'history',
    expression: `${name}.push(...)`,
    span: index.file === ctx.siteFile ? { start, end: decl.end } : { start: 0, end: 0 },
    target: name,
    bounded,
    bound: bounded && copied?.bounded ? copied.bound : undefined,
  });
}

/** Whether a declaration is inside a function (a local array, fresh on each call). */
function localTo(decl: ts.Node): boolean {
  for (let p = decl.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isFunctionLike(p)) return true;
    if (ts.isClassLike(p)) return false;
  }
  return false;
}

/** The innermost loop (or `forEach`/`map` callback) around a node, below the declaration. */
function enclosingLoop(node: ts.Node, decl: ts.Node): ts.Node | undefined {
  for (let p = node.parent; p && p !== decl.parent; p = p.parent) {
    if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return p;
    if (ts.isFunctionLike(p)) return p;
  }
  return undefined;
}

/** The collection a loop around a push copies from: `for (const m of X)`, `X.forEach(m => …)`. */
function iteratedCollection(push: ts.Node, decl: ts.Node): ts.Expression | undefined {
  const loop = enclosingLoop(push, decl);
  if (loop && ts.isForOfStatement(loop)) return loop.expression;
  const call = loop?.parent;
  if (loop && ts.isFunctionLike(loop) && call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && /^(forEach|map)$/.test(call.expression.name.text)) {
    return call.expression.expression;
  }
  return undefined;
}

/** A push in a tool-calling loop that adds the model's reply or tool output (not a new user turn). */
function isToolStep(push: ts.Node, arg: ts.Expression, decl: ts.Node, added: PromptMessage[], index: FileIndex): boolean {
  const loop = enclosingLoop(push, decl);
  if (!loop || ts.isFunctionLike(loop) || !TOOL_LOOP.test(textOf(loop, index.sourceFile))) return false;
  const literal = !ts.isIdentifier(unwrap(arg)) && !ts.isPropertyAccessExpression(unwrap(arg));
  const userTurn = added.some((m) => m.role === 'user') && literal && !TOOL_OUTPUT.test(textOf(arg, index.sourceFile));
  return !userTurn;
}

/** Whether a node runs in a loop or a callback relative to the declaration (so it repeats per turn). */
function insideLoop(node: ts.Node, decl: ts.Node): boolean {
  for (let p = node.parent; p && p !== decl.parent; p = p.parent) {
    if (ts.isForStatement(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return true;
    if (ts.isFunctionLike(p) && !(p.pos <= decl.pos && decl.end <= p.end)) return true;
  }
  return false;
}
