import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { numericValue, unwrap } from './syntax';

/**
 * Following a value to where it comes from, for bound detection (bounds.ts): what a local function
 * returns, which calls in the file pass a parameter, and whether the file trims an array in place.
 */

/** Every expression a function returns (an arrow's body, or each `return`), in source order. */
export function allReturns(fn: ts.Node): ts.Expression[] {
  const body = ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn) ? fn.body : undefined;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const returns: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returns;
}

/** The expression a function returns (an arrow's body, or its last `return`). */
export function lastReturn(fn: ts.Node): ts.Expression | undefined {
  return allReturns(fn).pop();
}

/** The local function a callee names (declaration, arrow or function expression), with its file. */
export function localFunction(callee: ts.Expression, index: FileIndex, resolver: Resolver): { index: FileIndex; fn: ts.Node } | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const resolved = resolver.resolveName(index, callee.text, callee);
  if (!resolved) return undefined;
  if (resolved.decl.kind === 'function') return { index: resolved.index, fn: resolved.decl.node };
  const init = resolved.decl.kind === 'variable' && !resolved.decl.property && resolved.decl.init ? unwrap(resolved.decl.init as ts.Expression) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? { index: resolved.index, fn: init } : undefined;
}

/** The calls in a file that pass a value for a parameter (and `x.pipe(fn)` for a first parameter); undefined when there are none. */
export function parameterUses(nameNode: ts.Node, index: FileIndex): { calls: ts.CallExpression[]; pipes: ts.CallExpression[]; position: number } | undefined {
  const param = nameNode.parent;
  if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name)) return undefined;
  const fn = param.parent;
  const name = functionName(fn);
  const position = (fn as ts.SignatureDeclaration).parameters?.indexOf(param) ?? -1;
  if (!name || position < 0) return undefined;
  const calls = index.calls.filter((c) => {
    const callee = unwrap(c.expression);
    return (ts.isIdentifier(callee) && callee.text === name) || (ts.isPropertyAccessExpression(callee) && callee.name.text === name && ts.isMethodDeclaration(fn));
  });
  const pipes = position === 0 ? index.calls.filter((c) => isPipeOf(c, name)) : [];
  return calls.length > 0 || pipes.length > 0 ? { calls, pipes, position } : undefined;
}

/** Whether a parameter (its name node) receives values from calls in its own file. */
export function hasCallersInFile(nameNode: ts.Node, index: FileIndex): boolean {
  return parameterUses(nameNode, index) !== undefined;
}

/** `x.pipe(name)`: a runnable piping its output into the function `name`. */
function isPipeOf(call: ts.CallExpression, name: string): boolean {
  const callee = unwrap(call.expression);
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'pipe' && !!arg && ts.isIdentifier(arg) && arg.text === name;
}

/** The name a function is called by in its file (`function f`, `const f = () =>`, a method `f`). */
function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/**
 * Whether a file keeps an array short by mutating it: `history.shift()`, `history.splice(…)`,
 * `history.length = n`, `history = history.slice(-n)` (also for `this.messages`).
 */
export function mutatedWithBound(index: FileIndex, name: string): boolean {
  const text = index.sourceFile.text;
  if (!text.includes(name)) return false;
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `.length = 0` empties the array (a reset), which is no bound on growth.
  return new RegExp(`(^|[^\\w$.])${n}\\s*\\.\\s*(shift|splice)\\(|(^|[^\\w$.])${n}\\.length\\s*=\\s*(?!0\\b)[^=\\s]|(^|[^\\w$.])${n}\\s*=\\s*[^;\\n]*\\.slice\\(\\s*-`).test(text);
}

/** The value of a numeric literal, `-literal`, or a constant holding one (`TOP_K`, `-MAX_TURNS`). */
export function numberOf(expr: ts.Expression | undefined, index: FileIndex, resolver: Resolver): number | undefined {
  if (!expr) return undefined;
  const direct = numericValue(expr);
  if (direct !== undefined) return direct;
  const e = unwrap(expr);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const inner = numberOf(e.operand, index, resolver);
    return inner === undefined ? undefined : -inner;
  }
  if (ts.isIdentifier(e)) {
    const resolved = resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && resolved.decl.isConst && !resolved.decl.property ? resolved.decl.init : undefined;
    return init ? numericValue(init as ts.Expression) : undefined;
  }
  return undefined;
}

/** Whether an argument can be a count (a number, a constant, an expression), not a filter object or a callback. */
export function countLike(expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  const e = unwrap(expr);
  return !ts.isObjectLiteralExpression(e) && !ts.isArrowFunction(e) && !ts.isFunctionExpression(e) && !ts.isStringLiteralLike(e) && !ts.isArrayLiteralExpression(e);
}
