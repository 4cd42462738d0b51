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

/**
 * Whether `offset` lies strictly inside a comment (a `/* … *\/` spanning lines, or a `//` comment): a line
 * comment inserted there would be part of that comment (and silence nothing).
 * @example insideComment(sourceFile, text.indexOf('still the comment')) // true for "/* a\n still the comment *\/ x"
 */
export function insideComment(sourceFile: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.getChildren(sourceFile).find((c) => c.pos <= offset && offset < c.end);
    if (!child) return false;
    if (child.kind >= ts.SyntaxKind.FirstJSDocNode && child.kind <= ts.SyntaxKind.LastJSDocNode) return child.pos < offset;
    if (offset < child.getStart(sourceFile)) {
      // In the token's leading trivia: inside one of its comments (TypeScript calls those on the previous
      // token's line trailing, the others leading), or between them.
      const text = sourceFile.text;
      const comments = [...(ts.getTrailingCommentRanges(text, child.pos) ?? []), ...(ts.getLeadingCommentRanges(text, child.pos) ?? [])];
      return comments.some((r) => r.pos < offset && offset < r.end);
    }
    node = child;
  }
}
