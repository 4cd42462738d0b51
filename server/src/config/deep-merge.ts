import { isPlainObject } from './zod-walk';

/** Keys skipped when merging, so user input can never reach `Object.prototype`. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Deep-merges `override` onto `base` without mutating either: plain objects merge key by key,
 * anything else (arrays, strings, numbers) in `override` replaces the base value, and
 * `undefined` in `override` keeps the base value.
 * @example deepMerge({ a: { x: 1, y: 2 }, l: [1] }, { a: { y: 3 }, l: [2] }) // { a: { x: 1, y: 3 }, l: [2] }
 */
export function deepMerge<T>(base: T, override: unknown): T {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override as T;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (UNSAFE_KEYS.has(key) || value === undefined) continue;
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    result[key] = deepMerge(current, value);
  }
  return result as T;
}
