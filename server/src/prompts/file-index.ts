import { ts } from 'ts-morph';

/** A name bound in a file: a variable, a function, a parameter, a class. */
export interface Declaration {
  name: string;
  kind: 'variable' | 'function' | 'parameter' | 'class';
  node: ts.Node;
  /** The initializer (variables), the body (functions). */
  init?: ts.Expression | ts.ConciseBody;
  /** For destructuring `const { a } = obj`: the property name read from `init`. */
  property?: string;
  isConst: boolean;
  exported: boolean;
  /** The node whose extent is the declaration's scope. */
  scope: ts.Node;
}

/** `import { a as b } from 'm'` → b: { module: 'm', imported: 'a' }. `*` for namespaces, `default` for defaults. */
export interface ImportBinding {
  module: string;
  imported: string;
}

/**
 * One syntax walk's worth of facts about a file: bindings, imports, exports, and the nodes the finder
 * looks at (calls, arrays, objects, `new` expressions). Built once per file version.
 */
export interface FileIndex {
  file: string;
  sourceFile: ts.SourceFile;
  declarations: Map<string, Declaration[]>;
  imports: Map<string, ImportBinding>;
  /** exported name → local name. */
  exports: Map<string, string>;
  /** `export { x } from './m'` and `export * from './m'`. */
  reExports: { module: string; names: Map<string, string> | '*' }[];
  /** Module specifiers imported or required (for provider detection). */
  modules: Set<string>;
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  arrays: ts.ArrayLiteralExpression[];
  objects: ts.ObjectLiteralExpression[];
  /** String and template literals long enough to be prompts (see MIN_STRING_LENGTH). */
  strings: ts.Expression[];
  /** `x.push(...)` calls by receiver name. */
  pushes: Map<string, ts.CallExpression[]>;
  /** Nesting depth reached; walks stop at MAX_DEPTH and record it here. */
  truncated: boolean;
}

/** Literals shorter than this are not considered as stand-alone prompts (they may still be part of one). */
export const MIN_STRING_LENGTH = 24;

/**
 * Deeper than this the walk stops (a guard against stack overflow on generated code, e.g. a 5,000-part
 * `'…' + '…'` chain, which TypeScript parses in a loop). The recursive walk overflowed Node's default
 * stack at about 1,190 levels (measured under tsx), so the former 1,500 guarded nothing.
 */
export const MAX_DEPTH = 500;

/**
 * The syntax kinds, read once: TypeScript's bundle exposes every member of `ts` through a getter, which
 * costs a call per access; the walk below reads a kind per node (a profile showed the getters at half its time).
 */
const K = ts.SyntaxKind;
const isFunctionLike = ts.isFunctionLike;
const forEachChild = ts.forEachChild;

/** Kinds that open a scope besides functions. */
const SCOPE_KINDS = new Set<ts.SyntaxKind>([K.SourceFile, K.Block, K.ModuleBlock, K.CaseBlock, K.ForStatement, K.ForOfStatement, K.ForInStatement]);

function isScope(node: ts.Node): boolean {
  return SCOPE_KINDS.has(node.kind) || isFunctionLike(node);
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function addDeclaration(index: FileIndex, decl: Declaration): void {
  const list = index.declarations.get(decl.name);
  if (list) list.push(decl);
  else index.declarations.set(decl.name, [decl]);
}

/** Records the names a binding pattern declares, with the property each reads. */
function bindNames(
  index: FileIndex,
  name: ts.BindingName,
  base: Omit<Declaration, 'name' | 'node' | 'property'>,
  property?: string,
): void {
  if (name.kind === K.Identifier) {
    // One object shape for every declaration (a spread here made the walk's hottest allocation polymorphic).
    addDeclaration(index, { name: name.text, kind: base.kind, node: name, init: base.init, property, isConst: base.isConst, exported: base.exported, scope: base.scope });
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const prop =
      element.propertyName && (ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName))
        ? element.propertyName.text
        : ts.isIdentifier(element.name)
          ? element.name.text
          : undefined;
    bindNames(index, element.name, base, ts.isObjectBindingPattern(name) ? prop : undefined);
  }
}

function requireSpecifier(expr: ts.Expression | undefined): string | undefined {
  let e = expr;
  while (e && ts.isAwaitExpression(e)) e = e.expression;
  if (
    e &&
    ts.isCallExpression(e) &&
    ((ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword) &&
    e.arguments.length === 1 &&
    ts.isStringLiteralLike(e.arguments[0])
  ) {
    return e.arguments[0].text;
  }
  return undefined;
}

/** Name of the synthetic declaration that holds an exported value written inline (`export default '…'`). */
function syntheticName(exported: string): string {
  return `*export ${exported}*`;
}

/** Records `exported` as a value written inline, resolvable like a top-level const. */
function exportValue(index: FileIndex, exported: string, value: ts.Expression, sourceFile: ts.SourceFile): void {
  if (ts.isIdentifier(value)) {
    index.exports.set(exported, value.text);
    return;
  }
  const name = syntheticName(exported);
  addDeclaration(index, { name, kind: 'variable', node: value, init: value, isConst: true, exported: true, scope: sourceFile });
  index.exports.set(exported, name);
}

/** CommonJS: `module.exports = { A, B: expr }`, `module.exports.A = …`, `exports.A = …` (top level). */
function commonJsExport(index: FileIndex, bin: ts.BinaryExpression, sourceFile: ts.SourceFile): void {
  const left = bin.left;
  const isModuleExports = (e: ts.Expression) => ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
  if (isModuleExports(left)) {
    const value = bin.right;
    if (ts.isObjectLiteralExpression(value)) {
      for (const prop of value.properties) {
        if (ts.isShorthandPropertyAssignment(prop)) index.exports.set(prop.name.text, prop.name.text);
        else if (ts.isPropertyAssignment(prop) && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) exportValue(index, prop.name.text, prop.initializer, sourceFile);
      }
    } else exportValue(index, 'default', value, sourceFile);
  } else if (ts.isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
    exportValue(index, left.name.text, bin.right, sourceFile);
  }
}

/** Builds the index of a parsed file in one walk over the compiler's nodes. */
export function indexFile(file: string, sourceFile: ts.SourceFile): FileIndex {
  const index: FileIndex = {
    file,
    sourceFile,
    declarations: new Map(),
    imports: new Map(),
    exports: new Map(),
    reExports: [],
    modules: new Set(),
    calls: [],
    news: [],
    arrays: [],
    objects: [],
    strings: [],
    pushes: new Map(),
    truncated: false,
  };

  const mayForce = sourceFile.text.includes('@prompt');
  const isLong = (node: ts.Node) =>
    node.end - node.pos >= MIN_STRING_LENGTH || (mayForce && sourceFile.text.slice(node.pos, node.getStart(sourceFile)).includes('@prompt'));
  const visit = (node: ts.Node, scope: ts.Node, depth: number): void => {
    if (depth > MAX_DEPTH) {
      index.truncated = true;
      return;
    }
    switch (node.kind) {
      case K.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(decl.moduleSpecifier)) break;
        const module = decl.moduleSpecifier.text;
        index.modules.add(module);
        const clause = decl.importClause;
        if (clause?.name) index.imports.set(clause.name.text, { module, imported: 'default' });
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) index.imports.set(bindings.name.text, { module, imported: '*' });
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            index.imports.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
          }
        }
        return;
      }
      case K.ExportDeclaration: {
        const decl = node as ts.ExportDeclaration;
        const module = decl.moduleSpecifier && ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : undefined;
        if (module) index.modules.add(module);
        if (!decl.exportClause) {
          if (module) index.reExports.push({ module, names: '*' });
        } else if (ts.isNamedExports(decl.exportClause)) {
          const names = new Map<string, string>();
          for (const el of decl.exportClause.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
          if (module) index.reExports.push({ module, names });
          else for (const [exported, local] of names) index.exports.set(exported, local);
        }
        return;
      }
      case K.ExportAssignment: {
        const assign = node as ts.ExportAssignment;
        if (ts.isIdentifier(assign.expression)) index.exports.set('default', assign.expression.text);
        else exportValue(index, 'default', assign.expression, sourceFile);
        break;
      }
      case K.BinaryExpression: {
        const bin = node as ts.BinaryExpression;
        if (bin.operatorToken.kind === ts.SyntaxKind.EqualsToken && depth <= 3) commonJsExport(index, bin, sourceFile);
        break;
      }
      case K.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        const list = decl.parent;
        const statement = list?.parent;
        const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
        const exported = !!statement && ts.isVariableStatement(statement) && hasExportModifier(statement);
        const spec = requireSpecifier(decl.initializer);
        if (spec) {
          index.modules.add(spec);
          if (ts.isIdentifier(decl.name)) index.imports.set(decl.name.text, { module: spec, imported: '*' });
          else if (ts.isObjectBindingPattern(decl.name)) {
            for (const el of decl.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              index.imports.set(el.name.text, { module: spec, imported });
            }
          }
          break;
        }
        bindNames(index, decl.name, { kind: 'variable', init: decl.initializer, isConst, exported, scope });
        if (exported && ts.isIdentifier(decl.name)) index.exports.set(decl.name.text, decl.name.text);
        break;
      }
      case K.FunctionDeclaration: {
        const fn = node as ts.FunctionDeclaration;
        if (fn.name) {
          const exported = hasExportModifier(fn);
          addDeclaration(index, { name: fn.name.text, kind: 'function', node: fn, init: fn.body, isConst: true, exported, scope });
          if (exported) {
            const isDefault = ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
            index.exports.set(isDefault ? 'default' : fn.name.text, fn.name.text);
          }
        }
        break;
      }
      case K.ClassDeclaration: {
        const cls = node as ts.ClassDeclaration;
        if (cls.name) addDeclaration(index, { name: cls.name.text, kind: 'class', node: cls, isConst: true, exported: hasExportModifier(cls), scope });
        break;
      }
      case K.Parameter: {
        const param = node as ts.ParameterDeclaration;
        // A parameter's scope is its function; `scope` here is already that function (see below).
        bindNames(index, param.name, { kind: 'parameter', init: param.initializer, isConst: false, exported: false, scope });
        break;
      }
      case K.CallExpression: {
        const call = node as ts.CallExpression;
        index.calls.push(call);
        if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'push' && ts.isIdentifier(call.expression.expression)) {
          const name = call.expression.expression.text;
          const list = index.pushes.get(name);
          if (list) list.push(call);
          else index.pushes.set(name, [call]);
        }
        const spec = requireSpecifier(call);
        if (spec) index.modules.add(spec);
        break;
      }
      case K.NewExpression:
        index.news.push(node as ts.NewExpression);
        break;
      case K.ArrayLiteralExpression:
        index.arrays.push(node as ts.ArrayLiteralExpression);
        break;
      case K.ObjectLiteralExpression:
        index.objects.push(node as ts.ObjectLiteralExpression);
        break;
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        if (isLong(node) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) index.strings.push(node as ts.Expression);
        return;
      case K.TemplateExpression:
        if (isLong(node)) index.strings.push(node as ts.Expression);
        break;
    }
    const childScope = isScope(node) ? node : scope;
    forEachChild(node, (child) => visit(child, childScope, depth + 1));
  };

  forEachChild(sourceFile, (child) => visit(child, sourceFile, 1));
  return index;
}

/** Whether `inner` lies within `outer`'s text. */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return outer.pos <= inner.pos && inner.end <= outer.end;
}

/**
 * The declaration an identifier at `at` refers to: the innermost declaration of that name whose scope
 * encloses the reference (syntactic scoping; good enough for prompts, no type checker needed).
 */
export function findDeclaration(index: FileIndex, name: string, at: ts.Node): Declaration | undefined {
  const list = index.declarations.get(name);
  if (!list) return undefined;
  let best: Declaration | undefined;
  for (const decl of list) {
    if (!contains(decl.scope, at)) continue;
    if (!best || decl.scope.pos >= best.scope.pos) best = decl;
  }
  return best;
}
