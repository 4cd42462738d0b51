import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../../server/src/engine';
import { costTargets, hoverTargetAt } from '../../../server/src/features/prompt-lookup';
import { engineOf, OPENAI_FILE, viewOf } from './view-fixture';

const POLICY = `export const POLICY = \`Refunds within 30 days only. Quote the clause that applies.\`;\n`;
const CALLER = `import Anthropic from '@anthropic-ai/sdk';
import { POLICY } from './policy';
const anthropic = new Anthropic();
export const decide = (reason: string) =>
  anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: POLICY, messages: [{ role: 'user', content: reason }] });
`;

let engine: Engine;
after(() => engine?.dispose());

describe('costTargets and hoverTargetAt', () => {
  it('a constant above its call and the call each get a target, in file order', () => {
    engine = engineOf({ '/w/a.ts': OPENAI_FILE });
    const targets = costTargets(viewOf(engine, '/w/a.ts'));
    assert.deepEqual(targets.map((t) => t.kind), ['prompt', 'call']);
    assert.equal(targets[0].offset, OPENAI_FILE.indexOf('`You are'));
    assert.equal(targets[1].offset, OPENAI_FILE.indexOf('openai.chat.completions.create'));
  });

  it('a call groups the prompts of other files it uses', () => {
    engine.dispose();
    engine = engineOf({ '/w/policy.ts': POLICY, '/w/caller.ts': CALLER });
    const call = costTargets(viewOf(engine, '/w/caller.ts')).find((t) => t.kind === 'call')!;
    assert.deepEqual(call.prompts.map((p) => p.site.file).sort(), ['/w/caller.ts', '/w/policy.ts']);
    const [constant] = costTargets(viewOf(engine, '/w/policy.ts'));
    assert.equal(constant.kind, 'prompt');
    assert.equal(constant.prompts[0].site.call?.file, '/w/caller.ts');
  });

  it('hover: the prompt under the cursor or starting later on its line, else the call', () => {
    engine.dispose();
    engine = engineOf({ '/w/a.ts': OPENAI_FILE });
    const v = viewOf(engine, '/w/a.ts');
    const lineEnd = (offset: number) => OPENAI_FILE.indexOf('\n', offset);
    const name = OPENAI_FILE.indexOf('SYSTEM_PROMPT');
    assert.equal(hoverTargetAt(v, name, lineEnd(name))?.kind, 'prompt', 'on the constant name');
    const inside = OPENAI_FILE.indexOf('careful');
    assert.equal(hoverTargetAt(v, inside, lineEnd(inside))?.prompts[0].site.name, 'SYSTEM_PROMPT');
    const model = OPENAI_FILE.indexOf("model: 'gpt-4o'");
    assert.equal(hoverTargetAt(v, model, lineEnd(model))?.kind, 'call');
    const top = OPENAI_FILE.indexOf('import');
    assert.equal(hoverTargetAt(v, top, lineEnd(top)), undefined);
  });
});
