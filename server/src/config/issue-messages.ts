import type { z } from 'zod';
import type { ConfigIssue } from '../workspace-types';
import { suggestClosest } from './suggest';
import { knownKeysAt, valueAtPath, type ValuePath } from './zod-walk';

type ZodIssue = z.core.$ZodIssue;

/** Where zod issues come from, so messages can quote the bad value and suggest valid keys. */
export interface IssueContext {
  /** The schema the value was checked against. */
  root: z.ZodType;
  /** The value that was checked. */
  value: unknown;
  /** The file (or `settings`) the value came from. */
  source: string;
  /** Path segments put before every issue path (e.g. `['rules', 'my-rule']` for rule options). */
  prefix?: readonly string[];
}

/** Longest quoted string shown in a message before it is cut. */
const MAX_QUOTED_LENGTH = 40;
/** Objects with at most this many keys list them all when a key is unknown and nothing is close. */
const MAX_LISTED_KEYS = 8;

/** Human names of the types zod expects. */
const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
};

/** A value as a message shows it: strings quoted (and cut when long), containers by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > MAX_QUOTED_LENGTH ? `${quoted.slice(0, MAX_QUOTED_LENGTH - 2)}…"` : quoted;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? `a ${expected}`;
}

/** Dotted path of path segments: `budgets.system.maxTokens`. */
export function dottedPath(segments: readonly PropertyKey[]): string {
  return segments.map(String).join('.');
}

/**
 * The message for a key an object does not accept, suggesting the nearest valid key.
 * @example unknownKeyMessage('defaultModle', ['defaultModel']) // 'unknown key `defaultModle`; did you mean `defaultModel`?'
 */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = suggestClosest(key, known);
  if (suggestion !== undefined) return `unknown key \`${key}\`; did you mean \`${suggestion}\`?`;
  if (known.length > 0 && known.length <= MAX_LISTED_KEYS) {
    return `unknown key \`${key}\`; expected ${orList(known.map((k) => `\`${k}\``))}`;
  }
  return `unknown key \`${key}\``;
}

function sizeMessage(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const got = `, got ${describeValue(value)}`;
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'must not be empty';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must have ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      if (issue.inclusive) return `must be ${small ? 'at least' : 'at most'} ${limit}${got}`;
      return `must be ${small ? 'greater' : 'less'} than ${limit}${got}`;
  }
}

/** The human message of one (non-union, non-unknown-key) issue, given the offending value. */
function messageFor(issue: ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `required: expected ${typeName(issue.expected)}`;
      return `expected ${typeName(issue.expected)}, got ${describeValue(value)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, value);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v) ?? String(v));
      const base = allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${orList(allowed)}`;
      const strings = issue.values.filter((v): v is string => typeof v === 'string');
      const suggestion = typeof value === 'string' ? suggestClosest(value, strings) : undefined;
      return `${base}; got ${describeValue(value)}${suggestion !== undefined ? `; did you mean ${JSON.stringify(suggestion)}?` : ''}`;
    }
    case 'invalid_format':
      return `must be a valid ${issue.format}, got ${describeValue(value)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${Number(issue.divisor)}, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

/** Prefixes the paths of a union branch's issues with the union's own path. */
function rebase(issues: readonly ZodIssue[], base: ValuePath): ZodIssue[] {
  return issues.map((issue) => ({ ...issue, path: [...base, ...issue.path] }) as ZodIssue);
}

/**
 * The type a union branch wanted when it failed only because the value has another type
 * (so it is not the branch the user meant), or undefined when the value's type fits the branch.
 */
function wrongTypeOf(branch: readonly ZodIssue[], value: unknown): string | undefined {
  for (const issue of branch) {
    if (issue.path.length > 0) continue;
    if (issue.code === 'invalid_type') return issue.expected;
    if (issue.code === 'invalid_value' && issue.values.every((allowed) => typeof allowed !== typeof value)) {
      return typeof issue.values[0];
    }
  }
  return undefined;
}

/** Converts one zod issue (recursively for unions and record keys) to configuration issues. */
function convert(issue: ZodIssue, context: IssueContext): ConfigIssue[] {
  const prefix = context.prefix ?? [];
  const make = (path: ValuePath, message: string): ConfigIssue => ({
    source: context.source,
    path: dottedPath([...prefix, ...path]),
    message,
  });
  const value = valueAtPath(context.value, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(context.root, issue.path);
      return issue.keys.map((key) => make([...issue.path, key], unknownKeyMessage(key, known)));
    }
    case 'invalid_union': {
      const matching = issue.errors.filter((branch) => branch.length > 0 && wrongTypeOf(branch, value) === undefined);
      if (matching.length > 0) {
        const closest = matching.reduce((a, b) => (b.length < a.length ? b : a));
        return rebase(closest, issue.path).flatMap((inner) => convert(inner, context));
      }
      const expected = issue.errors.map((branch) => wrongTypeOf(branch, value)).filter((type) => type !== undefined);
      const names = [...new Set(expected.map(typeName))];
      if (names.length === 0) return [make(issue.path, issue.message)];
      return [make(issue.path, `expected ${orList(names)}, got ${describeValue(value)}`)];
    }
    case 'invalid_key': {
      const key = issue.path[issue.path.length - 1];
      const reasons = issue.issues.map((inner) => messageFor(inner as ZodIssue, key));
      return [make(issue.path.slice(0, -1), `invalid key ${describeValue(String(key))}: ${reasons.join('; ')}`)];
    }
    default:
      return [make(issue.path, messageFor(issue, value))];
  }
}

/**
 * Converts zod issues to configuration issues with dotted paths and messages for humans:
 * an unknown key gets its own path and a "did you mean" suggestion, a union reports the branch
 * the value was closest to, and numbers/strings quote the bad value.
 * @example zodIssuesToConfigIssues(configSchema.safeParse({ callsPerDay: 'lots' }).error!.issues, { root: configSchema, value: { callsPerDay: 'lots' }, source: '.promptcost.json' })
 * // [{ source: '.promptcost.json', path: 'callsPerDay', message: 'expected a number, got "lots"' }]
 */
export function zodIssuesToConfigIssues(issues: readonly ZodIssue[], context: IssueContext): ConfigIssue[] {
  return issues.flatMap((issue) => convert(issue, context));
}
