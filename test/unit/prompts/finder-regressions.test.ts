import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine } from '../../../server/src/engine';
import { LineMap } from '../../../server/src/text/line-map';
import { applyEdits } from '../../../server/src/text/apply-edits';
import { findPrompts } from '../../helpers/find-prompts';

const ROOT = '/virtual/regress';

function engineFor(files: Record<string, string>): Engine {
  return new Engine({ read: (p) => (p.startsWith(ROOT + '/') ? files[p.slice(ROOT.length + 1)] : undefined) });
}

describe('regressions found by review', () => {
  it('the order files are analysed in does not change a shared constant', () => {
    const files = {
      'prompts.ts': "export const SYSTEM_PROMPT = 'You are a helpful assistant. Answer briefly and cite sources.';\n",
      'chat.ts': "import OpenAI from 'openai';\nimport { SYSTEM_PROMPT } from './prompts';\nconst c = new OpenAI();\nexport const ask = (q: string) => c.chat.completions.create({ model: 'gpt-4.1-mini', max_tokens: 200, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: q }] });\n",
    };
    const paths = Object.keys(files).map((f) => `${ROOT}/${f}`);
    const forward = engineFor(files).analyzeFiles(paths);
    const backward = engineFor(files).analyzeFiles([...paths].reverse());
    const constant = (runs: typeof forward) => runs.find((a) => a.file.endsWith('prompts.ts'))!.prompts[0];
    assert.equal(constant(forward).site.partOf, constant(backward).site.partOf);
    assert.ok(constant(forward).site.partOf, 'the constant is a part of the messages prompt');
    assert.equal(constant(forward).cost.outputTokens, 0, 'a part does not carry the call output');
  });

  it('a byte-order mark does not shift positions', () => {
    const text = "\uFEFFexport const SYSTEM_PROMPT = 'You are a helpful assistant for Acme. Answer in one sentence.';\n";
    const [analysis] = engineFor({ 'a.ts': text }).analyzeFiles([`${ROOT}/a.ts`]);
    const { span } = analysis.prompts[0].site;
    assert.equal(analysis.text.slice(span.start, span.end), "'You are a helpful assistant for Acme. Answer in one sentence.'");
  });

  it('a directive after a string containing // or /* still applies', () => {
    const f = findPrompts({
      'a.ts': [
        "export const SYSTEM_PROMPT = 'See https://example.com first. You are a helpful assistant. Answer in one short sentence.'; // promptcost-ignore",
        "const GLOB = 'src/*.ts';",
        '/* promptcost: model=gpt-4.1 */',
        "export const OTHER_PROMPT = 'You are a poet. Write one haiku about the weather today.';",
      ].join('\n'),
    });
    assert.deepEqual(f.sites.map((s) => s.name), ['OTHER_PROMPT']);
    assert.equal(f.sites[0].annotation.model, 'gpt-4.1');
  });

  it('CommonJS exports and `export default` literals resolve across files', () => {
    const f = findPrompts({
      'p.js': "const BILLING = 'You answer billing questions for Acme. Be brief.';\nmodule.exports = { BILLING };\nexports.TONE = 'Write in a warm and friendly tone for customers.';\n",
      'd.ts': "export default 'You are the default system prompt for the docs bot.';\n",
      'a.js': "const OpenAI = require('openai');\nconst { BILLING, TONE } = require('./p');\nnew OpenAI().responses.create({ model: 'gpt-4o', instructions: BILLING, input: TONE });\n",
      'b.ts': "import sys from './d';\nimport OpenAI from 'openai';\nnew OpenAI().responses.create({ model: 'gpt-5', instructions: sys, input: 'hi' });\n",
    });
    assert.equal(f.at('p.js', 'You answer billing')?.call?.model, 'gpt-4o');
    assert.equal(f.at('p.js', 'Write in a warm')?.call?.api, 'openai.responses.create');
    assert.equal(f.at('d.ts', 'You are the default')?.call?.model, 'gpt-5');
  });

  it('LineMap agrees with LSP on CRLF, lone CR and positions past a line end', () => {
    for (const text of ['ab\ncd', 'ab\r\ncd', 'ab\rcd\r\n\nx', '😀a\r\nb']) {
      const ours = new LineMap(text);
      const lsp = TextDocument.create('file:///a', 'ts', 1, text);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(ours.positionAt(offset), lsp.positionAt(offset), `positionAt(${offset}) in ${JSON.stringify(text)}`);
      for (let line = 0; line < 4; line++) {
        for (let character = 0; character < 7; character++) assert.equal(ours.offsetAt({ line, character }), lsp.offsetAt({ line, character }), `offsetAt(${line}:${character}) in ${JSON.stringify(text)}`);
      }
    }
  });

  it('applyEdits keeps inserts at one offset in their given order', () => {
    assert.equal(applyEdits('0123456789', [{ file: 'f', start: 5, end: 5, newText: 'A' }, { file: 'f', start: 5, end: 5, newText: 'B' }]), '01234AB56789');
  });
});

describe('retrieval recognised by where the collection comes from', () => {
  it('search results joined through a named formatter are retrieval, bounded or not', () => {
    const f = findPrompts({
      'a.ts': [
        "import { ChatOpenAI } from '@langchain/openai';",
        "import { SystemMessage, HumanMessage } from '@langchain/core/messages';",
        "const chat = new ChatOpenAI({ model: 'gpt-4o-mini' });",
        'const formatArticle = (d: any) => `${d.metadata.title}: ${d.pageContent}`;',
        'export async function ask(store: any, q: string) {',
        '  const results = await store.similaritySearch(q);',
        "  return chat.invoke([new SystemMessage(`Use these articles:\\n${results.map(formatArticle).join('\\n')}`), new HumanMessage(q)]);",
        '}',
        'export async function ranked(store: any, q: string) {',
        '  const scored = await store.similaritySearchWithScore(q, 25);',
        '  const relevant = scored.filter(([, s]: any) => s > 0.7).map(([d]: any) => d);',
        "  return chat.invoke([new HumanMessage(`Articles:\\n${relevant.map(formatArticle).join('\\n')}`)]);",
        '}',
      ].join('\n'),
    });
    const joins = f.sites.filter((s) => s.kind === 'join');
    assert.deepEqual(joins.map((s) => [s.retrieval?.bounded, s.retrieval?.bound]), [[false, undefined], [true, 25]]);
  });
});
