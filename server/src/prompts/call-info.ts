import { ts } from 'ts-morph';
import type { FileIndex } from './file-index';
import type { Resolver } from './resolver';
import { optionsObject, receiverInit, type CallLike, type CallPattern } from './sdk-catalogue';
import { calleeChain, getProperty, numericValue, propertyName, textOf, unwrap } from './syntax';
import type { CallInfo, Span } from './types';

/** Option names of the output cap across SDKs (OpenAI, Anthropic, Responses, Google, AI SDK, LangChain). */
export const OUTPUT_CAP_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens', 'maxTokens'];
/** Option names of the model. */
const MODEL_KEYS = ['model', 'modelName', 'model_name'];
/** Nested option objects where Google and LangChain keep the model's settings. */
const NESTED_CONFIG_KEYS = ['config', 'generationConfig', 'modelKwargs', 'callOptions'];
/** Options that ask for structured output. */
const STRUCTURED_KEYS = ['response_format', 'schema', 'output', 'responseSchema', 'responseMimeType', 'text'];
/** Provider helper functions in the AI SDK (`openai('gpt-4o')`, `anthropic.messages('…')`). */
const PROVIDER_HELPER = /^(openai|anthropic|google|vertex|azure|mistral|groq|xai|deepseek|bedrock|createOpenAI|createAnthropic|createGoogleGenerativeAI|gateway)$/;

/** A model id found in source, with where its literal is (when it is a literal in `file`). */
interface ModelRef {
  id: string;
  span?: Span;
}

function spanIn(node: ts.Node, index: FileIndex): Span {
  return { start: node.getStart(index.sourceFile), end: node.end };
}

/** Reads a model id from an expression: a literal, a constant, or a provider helper call. */
export function modelFrom(expr: ts.Expression | undefined, index: FileIndex, resolver: Resolver, depth = 0): ModelRef | undefined {
  if (!expr || depth > 6) return undefined;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return { id: e.text, span: { start: e.getStart(index.sourceFile) + 1, end: e.isUnterminated ? e.end : e.end - 1 } };
  if (ts.isIdentifier(e)) {
    const resolved = resolver.resolveName(index, e.text, e);
    const init = resolved?.decl.kind === 'variable' && !resolved.decl.property ? (resolved.decl.init as ts.Expression | undefined) : undefined;
    const ref = init ? modelFrom(init, resolved!.index, resolver, depth + 1) : undefined;
    // A literal in another file cannot be edited from this call's fix; keep the id, drop the span.
    return ref && resolved!.index.file !== index.file ? { id: ref.id } : ref;
  }
  if (ts.isCallExpression(e)) {
    const chain = calleeChain(e.expression);
    if (chain.some((name) => PROVIDER_HELPER.test(name)) || chain[0] === '()') return modelFrom(e.arguments[0], index, resolver, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const owner = resolver.resolveName(index, e.expression.text, e);
    const init = owner?.decl.init ? unwrap(owner.decl.init as ts.Expression) : undefined;
    if (owner && init && ts.isObjectLiteralExpression(init)) {
      const ref = modelFrom(getProperty(init, e.name.text), owner.index, resolver, depth + 1);
      return ref && owner.index.file !== index.file ? { id: ref.id } : ref;
    }
  }
  return undefined;
}

function findKey(obj: ts.ObjectLiteralExpression, keys: string[]): { key: string; value: ts.Expression } | undefined {
  for (const key of keys) {
    const value = getProperty(obj, key);
    if (value) return { key, value };
  }
  for (const nested of NESTED_CONFIG_KEYS) {
    const inner = getProperty(obj, nested);
    const value = inner && unwrap(inner);
    if (value && ts.isObjectLiteralExpression(value)) {
      const found = findKey(value, keys);
      if (found) return found;
    }
  }
  return undefined;
}

/** The options object of the model a call runs on (`new ChatOpenAI({...})`, `getGenerativeModel({...})`). */
function modelOptions(call: CallLike, index: FileIndex): ts.ObjectLiteralExpression | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  let init = receiverInit(callee.expression, index);
  // model.withStructuredOutput(schema).invoke(...), llm.bind({...})
  if (!init && ts.isCallExpression(unwrap(callee.expression))) {
    const inner = unwrap(callee.expression) as ts.CallExpression;
    if (ts.isPropertyAccessExpression(unwrap(inner.expression))) init = receiverInit((unwrap(inner.expression) as ts.PropertyAccessExpression).expression, index);
  }
  if (init && ts.isCallExpression(init) && ts.isPropertyAccessExpression(unwrap(init.expression)) && !optionsObject(init)) {
    init = receiverInit((unwrap(init.expression) as ts.PropertyAccessExpression).expression, index) ?? init;
  }
  const args = init && (ts.isNewExpression(init) || ts.isCallExpression(init)) ? init.arguments : undefined;
  const first = args?.[0] && unwrap(args[0]);
  return first && ts.isObjectLiteralExpression(first) ? first : undefined;
}

/** Facts about an LLM call: provider, API, model, output cap, caching and structured output. */
export function callInfo(call: CallLike, pattern: CallPattern, index: FileIndex, resolver: Resolver): CallInfo {
  const info: CallInfo = {
    file: index.file,
    span: spanIn(call, index),
    calleeSpan: spanIn(call.expression, index),
    provider: pattern.provider,
    api: pattern.api,
    structuredOutput: pattern.structured || undefined,
  };
  const sources = [optionsObject(call), modelOptions(call, index)].filter((o): o is ts.ObjectLiteralExpression => !!o);
  if (sources[0] && sources[0] === optionsObject(call)) info.optionsSpan = spanIn(sources[0], index);
  for (const obj of sources) {
    const model = info.model ? undefined : findKey(obj, MODEL_KEYS);
    const ref = model ? modelFrom(model.value, index, resolver) : undefined;
    if (ref) {
      info.model = ref.id;
      info.modelSpan = ref.span;
    }
    const cap = info.maxOutputTokens !== undefined ? undefined : findKey(obj, OUTPUT_CAP_KEYS);
    if (cap) {
      info.maxOutputParam = cap.key;
      info.maxOutputTokens = capValue(numericValue(cap.value) ?? resolvedNumber(cap.value, index, resolver));
    }
    if (findKey(obj, STRUCTURED_KEYS)) info.structuredOutput = true;
  }
  const text = textOf(call, index.sourceFile);
  if (/cache_control|cacheControl/.test(text) && hasCacheBreakpoint(call)) info.cacheControl = true;
  if (/withStructuredOutput|zodResponseFormat|response_format|responseSchema/.test(text)) info.structuredOutput = true;
  return info;
}

/** Whether a `cache_control` / `cacheControl` property is written inside a node (a mention in a comment does not count). */
function hasCacheBreakpoint(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if ((ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) && /^(cache_control|cacheControl)$/.test(propertyName(n.name) ?? '')) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * An output cap as written, when it can be one: a finite number of tokens, not negative (`max_tokens: -1`
 * is rejected by the APIs; pricing it would give negative output costs). Undefined otherwise, as for a cap
 * whose value is not visible.
 * @example capValue(-1) // undefined
 */
export function capValue(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function resolvedNumber(expr: ts.Expression, index: FileIndex, resolver: Resolver): number | undefined {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const resolved = resolver.resolveName(index, e.text, e);
  return resolved?.decl.init ? numericValue(resolved.decl.init as ts.Expression) : undefined;
}
