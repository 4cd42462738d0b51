import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addPropertyEdits, readObjectLayout } from '../../../../server/src/rules/utils/object-text';
import { applyEdits } from '../../../../server/src/text/apply-edits';

/** The layout of the first `{ … }` after `marker` (the object must close at the matching brace). */
function layoutOf(text: string, marker = 'create(') {
  const start = text.indexOf('{', text.indexOf(marker));
  let depth = 0;
  let end = start;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  return readObjectLayout(text, { start, end });
}

function added(text: string, property = 'max_tokens: 1024'): string {
  const layout = layoutOf(text);
  assert.ok(layout);
  return applyEdits(text, addPropertyEdits('f', text, layout, property));
}

describe('readObjectLayout', () => {
  it('lists top-level keys, skipping strings, templates, regexes, comments and nested objects', () => {
    const text = "create({ model: 'a,b}', 'quoted-key': 1, messages: [{ role: 'user', content: `x ${ { y: 1 }.y } }` }], re: /[}]/, // note }\n  fn() { return 1; }, ...rest })";
    const layout = readObjectLayout(text, { start: text.indexOf('{'), end: text.lastIndexOf('}') + 1 });
    assert.deepEqual(layout?.keys, ['model', 'quoted-key', 'messages', 're', 'fn', '...']);
    assert.equal(layout?.hasSpread, true);
    assert.equal(layout?.multiline, false);
  });
  it('refuses a span that is not one balanced object', () => {
    assert.equal(readObjectLayout('f({ a: 1 }, { b })', { start: 2, end: 17 }), undefined);
  });
});

describe('addPropertyEdits', () => {
  it('inline, with and without a trailing comma, and an empty object', () => {
    assert.equal(added("create({ model: 'gpt-4o', messages })"), "create({ model: 'gpt-4o', messages, max_tokens: 1024 })");
    assert.equal(added("create({ model: 'gpt-4o', messages, })"), "create({ model: 'gpt-4o', messages, max_tokens: 1024, })");
    assert.equal(added('create({})'), 'create({ max_tokens: 1024 })');
  });
  it('multi-line: own line, same indentation, trailing comma kept or not', () => {
    assert.equal(added("create({\n    model: 'gpt-4o',\n    messages,\n  })"), "create({\n    model: 'gpt-4o',\n    messages,\n    max_tokens: 1024,\n  })");
    assert.equal(added("create({\n  model: 'gpt-4o',\n  messages\n})"), "create({\n  model: 'gpt-4o',\n  messages,\n  max_tokens: 1024\n})");
  });
  it('keeps an end-of-line comment on the line it belongs to', () => {
    assert.equal(added("create({\n  model: 'gpt-4o', // cheap enough\n})"), "create({\n  model: 'gpt-4o', // cheap enough\n  max_tokens: 1024,\n})");
    assert.equal(added("create({\n  model: 'gpt-4o' // cheap enough\n})"), "create({\n  model: 'gpt-4o', // cheap enough\n  max_tokens: 1024\n})");
  });
});
