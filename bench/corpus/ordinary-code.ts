/** Blocks of ordinary application code (no prompts): types, classes, SQL, URLs, logs, i18n, switches. */
import type { Rng } from './prng';
import { camel, DOMAINS, ENTITIES, LOCALES, logMessage, pascal, screaming, UI_LABELS, VERBS } from './vocabulary';

/** Writes one block of code; `id` keeps declared names unique within a file. */
type BlockWriter = (rng: Rng, id: number) => string[];

const STATUSES = ['pending', 'active', 'suspended', 'closed', 'failed', 'archived'] as const;

const interfaceBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const name = pascal(entity, 'Record', String(id));
  const fields = rng.sample(['id: string', 'createdAt: Date', 'updatedAt: Date', 'ownerId: string', 'amountCents: number', 'currency: string', 'tags: string[]', 'notes?: string', 'version: number', 'deleted: boolean', 'email: string', 'locale: string'], rng.int(4, 9));
  return [
    `/** A ${entity} as stored in the ${rng.pick(DOMAINS)} database. */`,
    `export interface ${name} {`,
    ...fields.map((f) => `  ${f};`),
    `  status: ${STATUSES.map((s) => `'${s}'`).join(' | ')};`,
    '}',
    '',
    `export type ${name}Patch = Partial<Omit<${name}, 'id' | 'createdAt'>>;`,
    '',
  ];
};

const classBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const cls = pascal(entity, 'Service', String(id));
  const methods = rng.sample(VERBS, rng.int(2, 5));
  const lines = [
    `export class ${cls} {`,
    `  private readonly cache = new Map<string, { value: unknown; expires: number }>();`,
    `  private requests = 0;`,
    '',
    `  constructor(private readonly baseUrl: string, private readonly timeoutMs = ${rng.pick([1000, 5000, 15000, 30000])}) {}`,
    '',
  ];
  for (const verb of methods) {
    lines.push(
      `  async ${camel(verb, entity)}(id: string, options: { force?: boolean } = {}): Promise<unknown> {`,
      `    this.requests++;`,
      `    const key = \`${entity}:\${id}\`;`,
      `    const hit = this.cache.get(key);`,
      `    if (hit && hit.expires > Date.now() && !options.force) return hit.value;`,
      `    const res = await fetch(\`\${this.baseUrl}/api/v${rng.int(1, 3)}/${entity}s/\${encodeURIComponent(id)}/${verb}\`, {`,
      `      method: '${rng.pick(['GET', 'POST', 'PUT', 'DELETE'])}',`,
      `      headers: { 'content-type': 'application/json', 'x-request-count': String(this.requests) },`,
      `      signal: AbortSignal.timeout(this.timeoutMs),`,
      '    });',
      '    if (!res.ok) {',
      `      throw new Error(\`${logMessage(rng)}: HTTP \${res.status} \${res.statusText}\`);`,
      '    }',
      '    const value: unknown = await res.json();',
      `    this.cache.set(key, { value, expires: Date.now() + ${rng.pick([60, 300, 900])}_000 });`,
      '    return value;',
      '  }',
      '',
    );
  }
  lines.push('  get requestCount(): number {', '    return this.requests;', '  }', '}', '');
  return lines;
};

const switchBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const lines = [`export function describe${pascal(entity)}Status${id}(status: string, count: number): string {`, '  switch (status) {'];
  for (const s of rng.sample(STATUSES, rng.int(3, 6))) {
    lines.push(`    case '${s}':`, `      return count === 1 ? 'One ${entity} is ${s}' : \`\${count} ${entity}s are ${s}\`;`);
  }
  lines.push('    default:', `      throw new RangeError(\`Unknown ${entity} status "\${status}"\`);`, '  }', '}', '');
  return lines;
};

const sqlBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const table = `${entity}s`;
  const cols = rng.sample(['id', 'owner_id', 'status', 'created_at', 'updated_at', 'amount_cents', 'currency', 'email', 'locale'], rng.int(3, 7));
  return [
    `const ${screaming('select', entity, String(id))} = \`SELECT ${cols.join(', ')}`,
    `  FROM ${table}`,
    `  WHERE owner_id = $1 AND status = ANY($2)`,
    `  ORDER BY created_at DESC`,
    `  LIMIT $3\`;`,
    '',
    `const ${screaming('update', entity, String(id))} = 'UPDATE ${table} SET status = $2, updated_at = now() WHERE id = $1 RETURNING id';`,
    '',
    `export async function ${camel('query', entity, String(id))}(db: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }, ownerId: string, limit = ${rng.pick([20, 50, 100])}) {`,
    `  const { rows } = await db.query(${screaming('select', entity, String(id))}, [ownerId, ['active', 'pending'], limit]);`,
    `  if (rows.length === 0) console.warn('${logMessage(rng)}', { ownerId });`,
    '  return rows;',
    '}',
    '',
    `export async function ${camel('mark', entity, String(id))}(db: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }, id: string, status: string) {`,
    `  await db.query(${screaming('update', entity, String(id))}, [id, status]);`,
    '}',
    '',
  ];
};

const urlBlock: BlockWriter = (rng, id) => {
  const domain = rng.pick(DOMAINS);
  const host = `https://${rng.pick(['api', 'internal', 'hooks', 'edge'])}.${rng.pick(['example.com', 'acme.io', 'corp.internal'])}`;
  return [
    `export const ${screaming(domain, 'endpoints', String(id))} = {`,
    `  list: '${host}/v2/${domain}',`,
    `  detail: (id: string) => \`${host}/v2/${domain}/\${id}\`,`,
    `  search: (q: string, page = 1) => \`${host}/v2/${domain}/search?q=\${encodeURIComponent(q)}&page=\${page}\`,`,
    `  webhook: '${host}/hooks/${domain}/events',`,
    '} as const;',
    '',
  ];
};

const i18nBlock: BlockWriter = (rng, id) => {
  const keys = ['save', 'cancel', 'error', 'empty', 'loading', 'confirmDelete', 'signIn', 'expired'];
  const lines = [`export const ${camel(rng.pick(DOMAINS), 'messages', String(id))}: Record<string, Record<string, string>> = {`];
  for (const locale of rng.sample(LOCALES, rng.int(2, 4))) {
    lines.push(`  ${locale}: {`);
    keys.forEach((k, i) => lines.push(`    ${k}: ${JSON.stringify(UI_LABELS[locale][i])},`));
    lines.push('  },');
  }
  lines.push('};', '');
  return lines;
};

const validationBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  return [
    `export function validate${pascal(entity)}${id}(input: Record<string, unknown>): string[] {`,
    '  const errors: string[] = [];',
    `  if (typeof input.id !== 'string' || input.id.length === 0) errors.push('${entity} id is required');`,
    `  if (typeof input.email === 'string' && !/^[^@\\s]+@[^@\\s]+$/.test(input.email)) errors.push('email address is not valid');`,
    `  if (typeof input.amountCents === 'number' && input.amountCents < 0) errors.push('amount must not be negative');`,
    `  if (input.currency !== undefined && !['USD', 'EUR', 'GBP'].includes(String(input.currency))) {`,
    `    errors.push(\`unsupported currency: \${String(input.currency)}\`);`,
    '  }',
    '  return errors;',
    '}',
    '',
  ];
};

const enumBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const name = pascal(entity, 'Kind', String(id));
  const members = rng.sample(['Standard', 'Premium', 'Trial', 'Internal', 'Legacy', 'Partner', 'Enterprise'], rng.int(3, 6));
  return [
    `export enum ${name} {`,
    ...members.map((m) => `  ${m} = '${m.toLowerCase()}',`),
    '}',
    '',
    `export const ${camel(entity, 'kindLabels', String(id))}: Record<${name}, string> = {`,
    ...members.map((m) => `  [${name}.${m}]: '${m} ${entity}',`),
    '};',
    '',
  ];
};

const jobBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  const verb = rng.pick(VERBS);
  return [
    `export async function ${camel('run', verb, entity, 'job', String(id))}(ids: string[], worker: (id: string) => Promise<void>): Promise<{ ok: number; failed: string[] }> {`,
    '  const failed: string[] = [];',
    '  let ok = 0;',
    `  console.info('[${entity}-job] starting', { count: ids.length });`,
    '  for (const id of ids) {',
    '    try {',
    '      await worker(id);',
    '      ok++;',
    '    } catch (err) {',
    '      failed.push(id);',
    `      console.error(\`[${entity}-job] ${logMessage(rng)}: \${id}\`, err);`,
    '    }',
    '  }',
    `  console.info('[${entity}-job] done', { ok, failed: failed.length });`,
    '  return { ok, failed };',
    '}',
    '',
  ];
};

const utilBlock: BlockWriter = (rng, id) => {
  const entity = rng.pick(ENTITIES);
  return [
    `export function group${pascal(entity)}sBy${id}<T extends Record<string, unknown>>(items: readonly T[], key: keyof T): Map<unknown, T[]> {`,
    '  const out = new Map<unknown, T[]>();',
    '  for (const item of items) {',
    '    const k = item[key];',
    '    const list = out.get(k);',
    '    if (list) list.push(item);',
    '    else out.set(k, [item]);',
    '  }',
    '  return out;',
    '}',
    '',
    `export function format${pascal(entity)}Amount${id}(cents: number, currency = '${rng.pick(['USD', 'EUR', 'GBP'])}'): string {`,
    `  return new Intl.NumberFormat('${rng.pick(['en-US', 'de-DE', 'fr-FR'])}', { style: 'currency', currency }).format(cents / 100);`,
    '}',
    '',
  ];
};

const BLOCKS: readonly BlockWriter[] = [interfaceBlock, classBlock, switchBlock, sqlBlock, urlBlock, i18nBlock, validationBlock, enumBlock, jobBlock, utilBlock];

/** Ordinary code blocks appended until the file reaches about `targetLines` lines. */
export function ordinaryCode(rng: Rng, targetLines: number, firstId = 0): string[] {
  const lines: string[] = [];
  let id = firstId;
  while (lines.length < targetLines) lines.push(...rng.pick(BLOCKS)(rng, id++));
  return lines;
}
