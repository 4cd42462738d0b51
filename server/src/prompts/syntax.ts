import { ts } from 'ts-morph';

/** Strips parentheses, `as`, `satisfies`, `!`, `await` and type assertions around an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else return e;
  }
}

/** The name of a property (identifier, string or numeric literal), if static. */
export function propertyName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The value of a property `name` in an object literal (shorthand `{ name }` gives the identifier). */
export function getProperty(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const prop of obj.properties) {
    if (ts.isPropertyAssignment(prop) && propertyName(prop.name) === name) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === name) return prop.name;
  }
  return undefined;
}

/** The property assignment node named `name` (for spans), if any. */
export function getPropertyNode(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(p.name) === name);
}

/** Names along a callee, e.g. `openai.chat.completions.create` → ['openai', 'chat', 'completions', 'create']. */
export function calleeChain(expr: ts.Expression): string[] {
  // Collected from the end and reversed once: `unshift` per name made a 5,000-call chain quadratic per callee.
  const names: string[] = [];
  let e: ts.Expression = expr;
  for (;;) {
    e = unwrap(e);
    if (ts.isPropertyAccessExpression(e)) {
      names.push(e.name.text);
      e = e.expression;
    } else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
      names.push(e.argumentExpression.text);
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      names.push(e.text);
      return names.reverse();
    } else if (ts.isCallExpression(e)) {
      // `getClient().chat.completions.create` → keep the chain after the call.
      names.push('()');
      e = e.expression;
    } else if (e.kind === ts.SyntaxKind.ThisKeyword) {
      names.push('this');
      return names.reverse();
    } else {
      return names.reverse();
    }
  }
}

/** The root identifier of an access chain (`docs` in `docs.slice(0, 4).map(...)`). */
export function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let e: ts.Expression = unwrap(expr);
  for (;;) {
    if (ts.isIdentifier(e)) return e;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
    else if (ts.isCallExpression(e)) e = unwrap(e.expression);
    else return undefined;
  }
}

/** The numeric value of a literal (or `-literal`), if it is one. */
export function numericValue(expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return -Number(e.operand.text);
  return undefined;
}

/** Whether an expression is written as text: a string, a template, or a `+` of them. */
export function isStringish(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isTaggedTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isStringish(e.left) || isStringish(e.right);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    if (method === 'join' && ts.isArrayLiteralExpression(unwrap(e.expression.expression))) {
      return (unwrap(e.expression.expression) as ts.ArrayLiteralExpression).elements.some((el) => isStringish(el as ts.Expression));
    }
    if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') return isStringish(e.expression.expression);
  }
  return false;
}

/** The text of a node as written. */
export function textOf(node: ts.Node, sourceFile: ts.SourceFile): string {
  return sourceFile.text.slice(node.getStart(sourceFile), node.end);
}
