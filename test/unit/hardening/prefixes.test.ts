import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../../server/src/engine';
import { assertRangesWithin, timed } from './harness';

/**
 * Half-typed code: every prefix of an example file, character by character, pushed into one engine with
 * `setText` as an editor does on each keystroke. The file's imports (prompts, db helpers) are read from
 * the example app on disk, so cross-file resolution runs on every prefix too.
 */
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'src');
const EXAMPLE = join(EXAMPLES, 'openai', 'chat.ts');
/**
 * Other SDK shapes (Anthropic cache_control and fixes, a LangChain RAG chain) at every STRIDE-th
 * character, to keep the run short: every character of chat.ts alone takes ~20 s here.
 */
const STRIDED = [join(EXAMPLES, 'anthropic', 'refunds.ts'), join(EXAMPLES, 'langchain', 'rag.ts')];
const STRIDE = 7;

describe('hardening: every prefix of an example file', () => {
  it('analyses each prefix of examples/src/openai/chat.ts without throwing, with ranges inside the prefix', (t) => {
    const full = readFileSync(EXAMPLE, 'utf8');
    const engine = new Engine();
    try {
      let withPrompts = 0;
      const { ms } = timed(() => {
        for (let cut = 0; cut <= full.length; cut++) {
          const prefix = full.slice(0, cut);
          engine.setText(EXAMPLE, prefix);
          const analysis = engine.analyzeFile(EXAMPLE);
          assertRangesWithin(analysis, prefix);
          if (analysis.prompts.length > 0) withPrompts++;
        }
      });
      // The complete file is analysed as usual (the prefixes left no stale state behind).
      engine.setText(EXAMPLE, full);
      const whole = engine.analyzeFile(EXAMPLE);
      assert.ok(whole.prompts.some((p) => p.site.call?.api === 'openai.chat.completions.create'), 'the finished file has its chat prompts');
      assert.ok(whole.reports.length > 0, 'and its reports');
      assert.ok(withPrompts > full.length / 3, `prompts were found in many prefixes (${withPrompts})`);
      t.diagnostic(`${full.length + 1} prefixes of ${full.length} characters in ${ms} ms (${(ms / (full.length + 1)).toFixed(1)} ms each); ${withPrompts} had prompts`);
    } finally {
      engine.dispose();
    }
  });

  for (const file of STRIDED) {
    it(`analyses every ${STRIDE}th prefix of ${file.slice(EXAMPLES.length + 1)} and then the whole file`, (t) => {
      const full = readFileSync(file, 'utf8');
      const engine = new Engine();
      try {
        const { ms } = timed(() => {
          for (let cut = 0; cut < full.length; cut += STRIDE) {
            engine.setText(file, full.slice(0, cut));
            assertRangesWithin(engine.analyzeFile(file), full.slice(0, cut));
          }
        });
        engine.setText(file, full);
        const whole = engine.analyzeFile(file);
        assertRangesWithin(whole, full);
        assert.ok(whole.prompts.length > 0 && whole.reports.length > 0, 'the finished file has prompts and reports');
        t.diagnostic(`${Math.ceil(full.length / STRIDE)} prefixes of ${full.length} characters in ${ms} ms`);
      } finally {
        engine.dispose();
      }
    });
  }
});
