import { ts } from 'ts-morph';
import { returnedExpression } from './segments';
import { calleeChain, propertyName } from './syntax';

/** Receivers and methods of database writes: prompts stored in a table are data, not prompts. */
const DB_CALL = /^(db|prisma|knex|sql|supabase|mongo|collection|repo|repository|drizzle|kysely|pool|tx|trx)$|^(insert|insertInto|values|upsert|createMany|seed|save|executeQuery)$|^(save|insert|persist|store|upsert)[A-Z]/;
/** Loggers and UI notifications whose text is for people. */
const LOGGERS = /^(console|logger|log|winston|pino|Sentry)$/;
const LOG_METHODS = /^(log|info|warn|error|debug|trace|alert|toast|notify|t|i18n|__|confirm|prompt|question|spinner|fail|succeed|description|option|requiredOption|command|usage|addHelpText|describe|epilog|alias|argument|setDescription|addStringOption)$/;

/** Whether a node is an argument of a database write (a prompt stored in a table). */
export function insideDbCall(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCallExpression(p) && calleeChain(p.expression).some((name) => DB_CALL.test(name))) return true;
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** The largest expression a string belongs to as text (`'a' + b + 'c'`, a template, `[...].join()`). */
export function topStringExpression(node: ts.Expression): ts.Expression {
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
export function nameOf(node: ts.Expression): string | undefined {
  const p = node.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p)) return propertyName(p.name);
  if (ts.isPropertyDeclaration(p)) return propertyName(p.name);
  if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.EqualsToken || p.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)) {
    const left = p.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  if (ts.isParameter(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** The name of the function whose (last) returned expression this is. */
export function returningFunctionName(node: ts.Expression): string | undefined {
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

/** Chat roles; an object with another literal `role` (`'alert'`, `'status'`) is UI data. */
const CHAT_ROLES = /^(system|developer|user|human|assistant|ai|model|tool|function)$/i;

/** Whether a string is a value in an object whose literal `role` is not a chat role (`{ role: 'alert', content }`). */
export function inNonChatRoleObject(node: ts.Node): boolean {
  const prop = node.parent;
  if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.parent)) return false;
  for (const p of prop.parent.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === 'role' && ts.isStringLiteralLike(p.initializer)) return !CHAT_ROLES.test(p.initializer.text);
  }
  return false;
}

/** Names of objects that hold UI copy, messages for people or translations. */
const COPY_TABLE = /^(ui|copy|strings?|texts?|labels?|i18n|l10n|translations?|locales?|errors?|errorMessages|toasts?|notifications?|alerts?|messages_?ui|ui_?messages|en|de|fr|es)$|(Copy|Strings|Labels|Errors|Texts|Messages|Toasts)$/i;

/** Whether a string sits in an object literal bound to a UI-copy name (`export const ERRORS = { … }`). */
export function inCopyTable(node: ts.Node): boolean {
  let p: ts.Node | undefined = node.parent;
  while (p && (ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  return !!p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && COPY_TABLE.test(p.name.text) && node.parent !== p;
}

/** Whether a node is JSX text or a JSX attribute value (UI copy). */
export function isJsx(node: ts.Node): boolean {
  const p = node.parent;
  return ts.isJsxAttribute(p) || ts.isJsxExpression(p) || ts.isJsxAttribute(p.parent);
}

/** Strings passed to loggers, UI notifications, CLI questions or thrown errors. */
export function isLogOrError(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isSourceFile(p) && !ts.isStatement(p); p = p.parent) {
    if (ts.isNewExpression(p) && ts.isIdentifier(p.expression) && /Error$|Exception$/.test(p.expression.text)) return true;
    if (ts.isCallExpression(p)) {
      const chain = calleeChain(p.expression);
      return LOGGERS.test(chain[0] ?? '') || LOG_METHODS.test(chain[chain.length - 1] ?? '');
    }
  }
  return false;
}
