/**
 * A small JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema uses, so the
 * SARIF test runs offline without a validator dependency. It throws on any keyword it does not
 * implement, so a schema it cannot fully check fails loudly instead of passing silently.
 */

type Schema = Record<string, unknown>;

/** Keywords with no effect on validity. */
const ANNOTATIONS = new Set(['$schema', 'id', 'title', 'description', 'default']);
/** Keywords this validator checks. */
const CHECKED = new Set([
  '$ref', 'type', 'enum', 'properties', 'additionalProperties', 'required', 'items', 'minItems',
  'uniqueItems', 'minimum', 'maximum', 'pattern', 'format', 'anyOf', 'oneOf', 'definitions',
]);

/** RFC 3339 date-time. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
/** Characters never allowed raw in a URI reference (RFC 3986), plus malformed percent escapes. */
const NOT_URI_REFERENCE = /[\s<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

function checkFormat(format: string, value: string): boolean {
  switch (format) {
    case 'uri':
      return URL.canParse(value) && !NOT_URI_REFERENCE.test(value);
    case 'uri-reference':
      return !NOT_URI_REFERENCE.test(value);
    case 'date-time':
      return DATE_TIME.test(value);
    default:
      throw new Error(`json-schema-lite: unsupported format ${format}`);
  }
}

/** Validates `value` against `schema`; returns error strings (`/json/pointer: problem`), empty when valid. */
export function validate(rootSchema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`json-schema-lite: unsupported $ref ${ref}`);
    let node: unknown = rootSchema;
    for (const part of ref.slice(2).split('/')) node = (node as Schema)[part];
    if (node === undefined) throw new Error(`json-schema-lite: unresolved $ref ${ref}`);
    return node as Schema;
  };
  const check = (schema: Schema, v: unknown, at: string, out: string[]): void => {
    for (const keyword of Object.keys(schema)) {
      if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`json-schema-lite: unsupported keyword ${keyword}`);
    }
    if (typeof schema.$ref === 'string') return check(resolve(schema.$ref), v, at, out);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((type) => hasType(v, type))) {
        out.push(`${at}: expected ${types.join('|')}, got ${typeOf(v)}`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(v))) {
      out.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) out.push(`${at}: ${v} < minimum ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) out.push(`${at}: ${v} > maximum ${schema.maximum}`);
    }
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${at}: does not match ${schema.pattern}`);
      if (typeof schema.format === 'string' && !checkFormat(schema.format, v)) out.push(`${at}: not a valid ${schema.format}: ${v}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
      if (schema.uniqueItems === true && new Set(v.map((item) => JSON.stringify(item))).size !== v.length) out.push(`${at}: items are not unique`);
      if (schema.items !== undefined) v.forEach((item, i) => check(schema.items as Schema, item, `${at}/${i}`, out));
    }
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) if (!Object.hasOwn(object, key)) out.push(`${at}: missing required ${key}`);
      for (const [key, child] of Object.entries(object)) {
        if (Object.hasOwn(properties, key)) check(properties[key], child, `${at}/${key}`, out);
        else if (schema.additionalProperties === false) out.push(`${at}: unexpected property ${key}`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, child, `${at}/${key}`, out);
      }
    }
    const passing = (alternatives: Schema[]): number =>
      alternatives.filter((alternative) => {
        const inner: string[] = [];
        check(alternative, v, at, inner);
        return inner.length === 0;
      }).length;
    if (Array.isArray(schema.anyOf) && passing(schema.anyOf as Schema[]) === 0) out.push(`${at}: matches none of anyOf`);
    if (Array.isArray(schema.oneOf) && passing(schema.oneOf as Schema[]) !== 1) out.push(`${at}: does not match exactly one of oneOf`);
  };
  check(rootSchema, value, '', errors);
  return errors;
}
