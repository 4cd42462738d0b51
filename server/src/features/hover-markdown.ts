import { basename } from 'node:path';
import type { PricedPrompt } from '../analysis-types';
import type { Config } from '../config/schema';
import { formatUsd } from '../pricing/cost';
import { lookupModel } from '../pricing/catalogue';
import { formatTokens } from './cost-text';
import { basisOf, cacheView, historyRows, tierRows, type CostBasis, type CostRow } from './cost-views';

/** What a hover describes: one prompt, or every prompt of one call. */
export interface HoverSubject {
  kind: 'prompt' | 'call';
  prompts: readonly PricedPrompt[];
  /** 1-based line of the call, for "→ api in file:line" when the call is in another file. */
  callLine?: number;
}

const MODEL_SOURCES: Record<PricedPrompt['model']['source'], string> = {
  call: '',
  annotation: ' (from the annotation)',
  default: ' (default model: none visible at the call)',
};

/**
 * Compact Markdown for a hover over a prompt or a call: a title, one line of token counts and the
 * output cap, and a table of $/call and $/month for the model, its cheaper tiers, the cached path and,
 * with chat history, later turns.
 * @example hoverMarkdown({ kind: 'prompt', prompts: [priced] }, config)
 * // '**promptcost** · `SYSTEM_PROMPT` · system prompt · gpt-4o\n\n812 static + ≈200 dynamic … \n\n| | tokens | $/call | $/month |…'
 */
export function hoverMarkdown(subject: HoverSubject, config: Config): string {
  const basis = basisOf(subject.prompts, config);
  const parts = [title(subject, basis), tokenLine(basis, config)];
  const known = lookupModel(basis.model.id, config.models) !== undefined;
  if (!known) {
    parts.push(`\`${basis.model.id}\` has no known price: add it under \`promptcost.models\` (or \`models\` in \`.promptcost.json\`).`);
    return parts.join('\n\n');
  }
  const cache = cacheView(basis, config);
  const tiers = tierRows(basis, config);
  const rows: CostRow[] = [
    { label: `**${basis.model.id}**`, tokens: basis.totalTokens, approximate: basis.approximate, perCall: basis.perCall, perMonth: basis.perMonth },
    ...tiers.map((row) => ({ ...row, label: `${row.label} (cheaper tier)` })),
    ...cache.rows,
    ...historyRows(basis, config),
  ];
  parts.push(table(rows));
  const notes = [`${basis.callsPerDay.toLocaleString('en-US')} calls/day`];
  if (tiers.length > 0) notes.push('cheaper tiers: check quality with an eval first');
  if (cache.notCached) notes.push(`not cached: ${cache.notCached}`);
  else if (cache.needsMarker) notes.push('caching needs `cache_control` on the prefix');
  if (basis.history) notes.push(historyNote(basis));
  parts.push(notes.join(' · '));
  return parts.join('\n\n');
}

function title(subject: HoverSubject, basis: CostBasis): string {
  const model = `${basis.model.id}${MODEL_SOURCES[basis.model.source]}`;
  if (subject.kind === 'call') {
    const api = basis.call ? `\`${basis.call.api}\`` : 'call';
    const count = subject.prompts.filter((p) => !p.site.partOf).length;
    return `**promptcost** · ${api} · ${count} prompt${count === 1 ? '' : 's'} · ${model}`;
  }
  const site = subject.prompts[0].site;
  const name = site.name ? `\`${site.name}\` · ` : '';
  const role = site.role === 'unknown' || site.role === 'template' ? 'prompt' : `${site.role} prompt`;
  let target = '';
  if (site.call) {
    const elsewhere = site.call.file !== site.file ? ` in ${basename(site.call.file)}${subject.callLine ? `:${subject.callLine}` : ''}` : '';
    target = ` → \`${site.call.api}\`${elsewhere}`;
  }
  return `**promptcost** · ${name}${role} · ${model}${target}`;
}

function tokenLine(basis: CostBasis, config: Config): string {
  const exactness = basis.estimatedTokenizer ? 'estimated' : 'exact';
  const parts = [`${formatTokens(basis.staticTokens, basis.estimatedTokenizer)} static (${exactness})`];
  if (basis.dynamicTokens > 0) parts.push(`${formatTokens(basis.dynamicTokens, true)} dynamic (estimated)`);
  if (basis.overheadTokens > 0) parts.push(`${basis.overheadTokens} chat framing`);
  const total = `**${formatTokens(basis.totalTokens, basis.approximate)} tokens**`;
  return `${parts.join(' + ')} = ${total} · ${outputText(basis, config)}`;
}

function outputText(basis: CostBasis, config: Config): string {
  const call = basis.call;
  if (call?.maxOutputTokens !== undefined) {
    return `output cap ${call.maxOutputTokens.toLocaleString('en-US')} (\`${call.maxOutputParam ?? 'max_tokens'}\`)`;
  }
  const expected = basis.outputTokens > 0 ? basis.outputTokens : config.outputTokens;
  return `no output cap (${expected.toLocaleString('en-US')} expected)`;
}

function historyNote(basis: CostBasis): string {
  const history = basis.history!;
  if (!history.bounded) return 'chat history unbounded: every turn resends all earlier turns';
  return history.bound !== undefined ? `chat history bounded to ${history.bound} messages` : 'chat history bounded';
}

function money(value: number | undefined): string {
  return value === undefined ? '—' : formatUsd(value);
}

function table(rows: readonly CostRow[]): string {
  const lines = ['| | tokens | $/call | $/month |', '|:--|--:|--:|--:|'];
  for (const row of rows) lines.push(`| ${row.label} | ${formatTokens(row.tokens, row.approximate)} | ${money(row.perCall)} | ${money(row.perMonth)} |`);
  return lines.join('\n');
}
