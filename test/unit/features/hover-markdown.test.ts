import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/config/schema';
import type { Engine } from '../../../server/src/engine';
import { basisOf, cacheView, historyRows, tierRows } from '../../../server/src/features/cost-views';
import { hoverMarkdown } from '../../../server/src/features/hover-markdown';
import { costTargets } from '../../../server/src/features/prompt-lookup';
import { engineOf, historyFile, OPENAI_FILE, viewOf } from './view-fixture';

const engines: Engine[] = [];
function view(files: Record<string, string>, file: string, config = {}) {
  const engine = engineOf(files, config);
  engines.push(engine);
  return viewOf(engine, file);
}
after(() => engines.forEach((e) => e.dispose()));

describe('hoverMarkdown', () => {
  it('a call: title, token line with output cap, and a table with the cheaper tier', () => {
    const v = view({ '/w/a.ts': OPENAI_FILE }, '/w/a.ts');
    const call = costTargets(v).find((t) => t.kind === 'call')!;
    const markdown = hoverMarkdown({ kind: 'call', prompts: call.prompts }, v.config);
    const [title, tokens, table, notes] = markdown.split('\n\n');
    assert.equal(title, '**promptcost** · `openai.chat.completions.create` · 1 prompt · gpt-4o');
    assert.match(tokens, /^\d+ static \(exact\) \+ ≈200 dynamic \(estimated\) \+ \d+ chat framing = \*\*≈[\d,]+ tokens\*\* · output cap 200 \(`max_tokens`\)$/);
    const rows = table.split('\n');
    assert.equal(rows[0], '| | tokens | $/call | $/month |');
    assert.match(rows[2], /^\| \*\*gpt-4o\*\* \| ≈[\d,]+ \| \$[\d.]+ \| \$[\d.,]+ \|$/);
    assert.match(rows[3], /^\| gpt-4o-mini \(cheaper tier\) \|/);
    assert.match(notes, /^1,000 calls\/day · cheaper tiers: check quality with an eval first · not cached: static prefix below the 1,024-token minimum$/);
  });

  it('a model without a price says how to add one instead of a table', () => {
    const v = view({ '/w/a.ts': OPENAI_FILE.replace("'gpt-4o'", "'my-model'") }, '/w/a.ts');
    const call = costTargets(v).find((t) => t.kind === 'call')!;
    const markdown = hoverMarkdown({ kind: 'call', prompts: call.prompts }, v.config);
    assert.match(markdown, /`my-model` has no known price: add it under `promptcost\.models`/);
    assert.doesNotMatch(markdown, /\| tokens \|/);
  });

  it('custom prices from the configuration are used, cache rows included', () => {
    const models = { 'my-model': { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 } };
    const v = view({ '/w/a.ts': OPENAI_FILE.replace("'gpt-4o'", "'my-model'") }, '/w/a.ts', { models });
    const call = costTargets(v).find((t) => t.kind === 'call')!;
    const markdown = hoverMarkdown({ kind: 'call', prompts: call.prompts }, v.config);
    assert.match(markdown, /\| \*\*my-model\*\* \|/);
    assert.match(markdown, /\| cache hit \(≈?\d+ cached\) \|/);
    assert.match(markdown, /\| cache write \(miss\) \|/);
  });
});

describe('cost views', () => {
  const config = defaultConfig();

  it('cheaper tiers keep the tokens and cost less', () => {
    const v = view({ '/w/a.ts': OPENAI_FILE }, '/w/a.ts');
    const basis = basisOf(costTargets(v).find((t) => t.kind === 'call')!.prompts, config);
    const [mini] = tierRows(basis, config);
    assert.equal(mini.label, 'gpt-4o-mini');
    assert.equal(mini.tokens, basis.totalTokens);
    assert.ok(mini.perCall! < basis.perCall);
  });

  it('a prompt above the cache minimum is cheaper on a cache hit', () => {
    const long = `export const BIG_PROMPT = \`${'Follow the refund policy exactly and quote the clause that applies. '.repeat(120)}\`;\n`;
    const v = view({ '/w/p.ts': long }, '/w/p.ts');
    const basis = basisOf(v.analysis.prompts, config);
    const cache = cacheView(basis, config);
    assert.equal(cache.notCached, undefined);
    assert.equal(cache.minimum, 1024);
    assert.ok(cache.rows[0].perCall! < basis.perCall, 'cache reads cost less than input');
  });

  it('unbounded history grows turn by turn; a .slice(-N) bound caps it', () => {
    const unbounded = basisOf(view({ '/w/h.ts': historyFile('') }, '/w/h.ts').analysis.prompts, config);
    const [ten, fifty] = historyRows(unbounded, config);
    assert.deepEqual([ten.label, fifty.label], ['at turn 10', 'at turn 50']);
    assert.ok(fifty.tokens > ten.tokens && fifty.perCall! > ten.perCall!);
    const bounded = basisOf(view({ '/w/h.ts': historyFile('.slice(-6)') }, '/w/h.ts').analysis.prompts, config);
    const [boundTen, boundFifty] = historyRows(bounded, config);
    assert.equal(boundTen.tokens, boundFifty.tokens, 'six messages = three turns at most');
    assert.ok(boundTen.tokens < ten.tokens);
  });

  it('no history rows without history', () => {
    const v = view({ '/w/a.ts': OPENAI_FILE }, '/w/a.ts');
    assert.deepEqual(historyRows(basisOf(v.analysis.prompts, config), config), []);
  });
});
