import { ts } from 'ts-morph';

/**
 * Whether `offset` lies strictly inside a string, template or JSX text literal of the source: a
 * comment inserted there would become part of the text (and silence nothing).
 * @example insideLiteral(sourceFile, text.indexOf('second line of the template')) // true
 */
export function insideLiteral(sourceFile: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= offset && offset < c.end ? c : undefined));
    if (!child) break;
    node = child;
  }
  const literal =
    ts.isStringLiteralLike(node) ||
    ts.isTemplateLiteralToken(node) ||
    ts.isTemplateExpression(node) ||
    node.kind === ts.SyntaxKind.JsxText ||
    node.kind === ts.SyntaxKind.RegularExpressionLiteral;
  // JSX text owns its leading whitespace; other tokens start after their trivia.
  const start = node.kind === ts.SyntaxKind.JsxText ? node.pos : node.getStart(sourceFile);
  return literal && start < offset;
}
