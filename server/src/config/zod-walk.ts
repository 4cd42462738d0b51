import { z } from 'zod';

/** A path into a configuration value, as zod reports it. */
export type ValuePath = readonly PropertyKey[];

/** Greatest number of wrappers (default, optional, …) peeled off one schema; guards against cycles. */
const MAX_UNWRAP_DEPTH = 16;

/** Keys never copied from user input into configuration objects (prototype pollution). */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/**
 * The schema under `default`, `optional`, `nullable`, `prefault`, `readonly` and `catch` wrappers.
 * @example unwrapSchema(z.number().default(1)) // the z.number() schema
 */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch
    ) {
      current = current.unwrap() as z.ZodType;
    } else break;
  }
  return current;
}

/** Whether a value is a plain JSON-style object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schemas that can describe the value one step below `schema` at `segment`. */
function childSchemas(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    return typeof segment === 'string' && Object.hasOwn(shape, segment) ? [shape[segment]] : [];
  }
  if (inner instanceof z.ZodRecord) return [inner.valueType as z.ZodType];
  if (inner instanceof z.ZodArray) return [inner.element as z.ZodType];
  if (inner instanceof z.ZodTuple) {
    const items = inner.def.items as z.ZodType[];
    const index = Number(segment);
    return Number.isInteger(index) && index < items.length ? [items[index]] : [];
  }
  if (inner instanceof z.ZodUnion) {
    return (inner.options as z.ZodType[]).flatMap((option) => childSchemas(option, segment));
  }
  return [];
}

/**
 * The schemas (several when unions are crossed) that describe the value at `path` under `root`.
 * @example schemasAtPath(configSchema, ['budgets', 'system']) // [budgetSchema]
 */
export function schemasAtPath(root: z.ZodType, path: ValuePath): z.ZodType[] {
  let current: z.ZodType[] = [root];
  for (const segment of path) current = current.flatMap((schema) => childSchemas(schema, segment));
  return current;
}

/** The keys an object schema at `path` accepts (from the first object schema found there). */
export function knownKeysAt(root: z.ZodType, path: ValuePath): string[] {
  const queue = schemasAtPath(root, path);
  for (let i = 0; i < queue.length; i++) {
    const inner = unwrapSchema(queue[i]);
    if (inner instanceof z.ZodObject) return Object.keys(inner.shape);
    if (inner instanceof z.ZodUnion) queue.push(...(inner.options as z.ZodType[]));
  }
  return [];
}

/** The value at `path` inside `value`, or undefined when the path leaves it. */
export function valueAtPath(value: unknown, path: ValuePath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || typeof segment === 'symbol') return undefined;
    const key = String(segment);
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Sets an own property without ever touching a prototype. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Keeps the valid parts of `value` for `schema`: an invalid object keeps its valid keys (recursively)
 * and drops the rest, so their defaults apply; a record keeps its valid entries. Returns `{ ok: false }`
 * when nothing valid can be kept (the caller then falls back to the default).
 * @example salvage(budgetSchema, { maxTokens: -5, maxCostPerCall: 0.1 }) // { ok: true, value: { maxCostPerCall: 0.1 } }
 */
export function salvage(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (schema.safeParse(value).success) return { ok: true, value };
  const inner = unwrapSchema(schema);
  if (!isPlainObject(value)) return { ok: false };
  let kept: Record<string, unknown> | undefined;
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    kept = {};
    for (const [key, child] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(key) || !Object.hasOwn(shape, key)) continue;
      const result = salvage(shape[key], child);
      if (result.ok) defineOwn(kept, key, result.value);
    }
  } else if (inner instanceof z.ZodRecord) {
    kept = {};
    for (const [key, child] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(key) || !(inner.keyType as z.ZodType).safeParse(key).success) continue;
      const result = salvage(inner.valueType as z.ZodType, child);
      if (result.ok) defineOwn(kept, key, result.value);
    }
  }
  if (kept === undefined || !schema.safeParse(kept).success) return { ok: false };
  return { ok: true, value: kept };
}
