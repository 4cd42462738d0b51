import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPostfixChain, memberCallOffset, soleArgument } from '../../../../server/src/rules/utils/expression-text';

describe('expression-text', () => {
  it('isPostfixChain: member chains take a postfix call; operators, await, new and literals do not', () => {
    for (const text of ['history', 'this.messages', 's.history', 'history.get()', 'rows.map((m) => ({ role: m.role, content: m.text }))', '(await load(id)).items', 'state.messages!', 'a?.b', "results.documents[0]", 'rows\n  .reverse()\n  .map((m) => m)']) {
      assert.equal(isPostfixChain(text), true, text);
    }
    for (const text of ['await loadHistory(id)', 'new MessagesPlaceholder("h")', "['placeholder', '{messages}']", 'a ?? []', 'a + b', 'cond ? a : b', '`x`', '42', "history.concat(x) // c"]) {
      assert.equal(isPostfixChain(text), false, text);
    }
  });

  it('memberCallOffset: the first top-level .name( of a chain, not one inside arguments', () => {
    const text = "docs.filter((d) => d.map(1)).map((d) => d.pageContent).join('\\n')";
    assert.equal(text.slice(memberCallOffset(text, 'map')!), ".map((d) => d.pageContent).join('\\n')");
    assert.equal(text.slice(memberCallOffset(text, 'join')!), ".join('\\n')");
    assert.equal(memberCallOffset('formatDocumentsAsString(docs)', 'map'), undefined);
    assert.equal(memberCallOffset('a + b.map(f)', 'map'), undefined);
  });

  it('soleArgument: one plain argument of a plain call', () => {
    const text = 'convertToModelMessages( messages )';
    const arg = soleArgument(text)!;
    assert.equal(arg.callee, 'convertToModelMessages');
    assert.equal(text.slice(arg.start, arg.end), 'messages');
    assert.equal(soleArgument('f(a, b)'), undefined);
    assert.equal(soleArgument('f(await a)'), undefined);
    assert.equal(soleArgument('f(a).g'), undefined);
  });
});
