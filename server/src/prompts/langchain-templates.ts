import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import { capValue, modelFrom, OUTPUT_CAP_KEYS } from './call-info';
import type { Resolver } from './resolver';
import { optionsObject, receiverInit } from './sdk-catalogue';
import { calleeChain, getProperty, numericValue, unwrap } from './syntax';
import type { DynamicSource, PromptSite, Segment } from './types';

/** f-string placeholders of LangChain templates: `{name}`, not the `{{escaped}}` braces. */
const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][\w.]*)\}(?!\})/g;
const HISTORY_SLOT = /history|messages|conversation|transcript|chat/i;
const RETRIEVAL_SLOT = /context|docs|documents|sources|excerpts|passages|chunks|retrieved|knowledge/i;

function slotSource(name: string): DynamicSource {
  if (HISTORY_SLOT.test(name)) return 'history';
  if (RETRIEVAL_SLOT.test(name)) return 'retrieval';
  return 'interpolation';
}

/**
 * Splits the static text of a LangChain template at its `{placeholders}` into dynamic segments
 * (filled at run time by `invoke({ … })`), keeping exact spans where the source text is unescaped.
 * @example splitPlaceholders([{ kind: 'static', text: 'Q: {question}' }], '') // static 'Q: ' + dynamic '{question}'
 */
export function splitPlaceholders(segments: readonly Segment[], fileText: string): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    if (seg.kind !== 'static' || !seg.text.includes('{')) {
      out.push(seg);
      continue;
    }
    const exact = seg.span !== undefined && fileText.slice(seg.span.start, seg.span.end) === seg.text;
    let last = 0;
    const piece = (from: number, to: number): Segment => ({
      kind: 'static',
      text: seg.text.slice(from, to),
      span: exact && seg.span ? { start: seg.span.start + from, end: seg.span.start + to } : undefined,
    });
    for (const match of seg.text.matchAll(PLACEHOLDER)) {
      const at = match.index ?? 0;
      if (at > last) out.push(piece(last, at));
      out.push({
        kind: 'dynamic',
        expression: match[0],
        source: slotSource(match[1]),
        span: exact && seg.span ? { start: seg.span.start + at, end: seg.span.start + at + match[0].length } : undefined,
      });
      last = at + match[0].length;
    }
    if (last < seg.text.length) out.push(piece(last, seg.text.length));
  }
  return out;
}

/** The variable a template call is assigned to (`const prompt = ChatPromptTemplate.fromMessages(…)`). */
function assignedName(node: ts.Node): string | undefined {
  let n = node;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  return n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : undefined;
}

/**
 * The model a LangChain template runs on: `prompt.pipe(llm)` or `RunnableSequence.from([prompt, llm])`
 * with `llm = new ChatOpenAI({ model })` in the same file. Fills the site's call model and cap.
 */
export function attachChainModel(site: PromptSite, index: FileIndex, resolver: Resolver, callNode: ts.Node): void {
  const call = site.call;
  if (!call || call.provider !== 'langchain' || call.model) return;
  const name = assignedName(callNode);
  if (!name) return;
  for (const c of index.calls) {
    const chain = calleeChain(c.expression);
    let model: ts.Expression | undefined;
    if (chain[chain.length - 1] === 'pipe' && chain[0] === name) model = c.arguments[0];
    else if (chain.join('.') === 'RunnableSequence.from' && c.arguments[0] && ts.isArrayLiteralExpression(unwrap(c.arguments[0]))) {
      const items = (unwrap(c.arguments[0]) as ts.ArrayLiteralExpression).elements;
      const at = items.findIndex((el) => ts.isIdentifier(el) && el.text === name);
      if (at >= 0) model = items[at + 1];
    }
    const init = model ? receiverInit(model, index) : undefined;
    const options = init && ts.isNewExpression(init) ? optionsObject(init) : undefined;
    if (!options) continue;
    const ref = modelFrom(getProperty(options, 'model') ?? getProperty(options, 'modelName'), index, resolver);
    if (ref) call.model = ref.id;
    for (const key of OUTPUT_CAP_KEYS) {
      const cap = capValue(numericValue(getProperty(options, key)));
      if (cap !== undefined) {
        call.maxOutputTokens = cap;
        call.maxOutputParam = key;
        break;
      }
    }
    return;
  }
}
