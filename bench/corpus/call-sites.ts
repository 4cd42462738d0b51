/** Files with LLM SDK calls (OpenAI, Anthropic, Vercel AI SDK, LangChain), chat history and RAG code. */
import type { Rng } from './prng';
import type { PromptModuleExports } from './prompt-modules';
import { ordinaryCode } from './ordinary-code';
import { camel, ENTITIES, instruction, pascal } from './vocabulary';

/** A prompt module a call-site file imports: its relative specifier and export names. */
export interface ImportedPrompts {
  specifier: string;
  names: PromptModuleExports;
}

/** Import lines a file needs, by module specifier. */
class Imports {
  private readonly named = new Map<string, Set<string>>();
  private readonly defaults = new Map<string, string>();
  add(specifier: string, ...names: string[]): void {
    const set = this.named.get(specifier) ?? new Set<string>();
    for (const n of names) set.add(n);
    this.named.set(specifier, set);
  }
  addDefault(specifier: string, name: string): void {
    this.defaults.set(specifier, name);
  }
  lines(): string[] {
    const out = [...this.defaults].map(([s, n]) => `import ${n} from '${s}';`);
    for (const [s, names] of this.named) out.push(`import { ${[...names].join(', ')} } from '${s}';`);
    return out;
  }
}

/** Writes one function with an SDK call; `p` is the prompt module it takes its prompts from. */
type CallWriter = (rng: Rng, id: number, p: ImportedPrompts, imports: Imports) => string[];

const OPENAI_MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini'] as const;
const CLAUDE_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'] as const;

const openaiChat: CallWriter = (rng, id, p, imports) => {
  imports.addDefault('openai', 'OpenAI');
  imports.add(p.specifier, p.names.system);
  const entity = rng.pick(ENTITIES);
  const bounded = rng.chance(0.5);
  return [
    `const openai${id} = new OpenAI();`,
    '',
    `/** Answers one chat turn about a ${entity}, with the stored conversation. */`,
    `export async function ${camel('chatAbout', entity, String(id))}(history: { role: 'user' | 'assistant'; content: string }[], content: string): Promise<string> {`,
    `  const completion = await openai${id}.chat.completions.create({`,
    `    model: '${rng.pick(OPENAI_MODELS)}',`,
    '    messages: [',
    `      { role: 'system', content: ${p.names.system} },`,
    `      ...history${bounded ? '.slice(-20)' : ''},`,
    "      { role: 'user', content },",
    '    ],',
    ...(rng.chance(0.6) ? [`    max_tokens: ${rng.pick([200, 500, 800, 1200])},`] : []),
    `    temperature: ${rng.pick(['0', '0.2', '0.7'])},`,
    '  });',
    "  return completion.choices[0]?.message?.content ?? '';",
    '}',
    '',
  ];
};

const openaiResponses: CallWriter = (rng, id, p, imports) => {
  imports.addDefault('openai', 'OpenAI');
  imports.add(p.specifier, p.names.joined);
  const entity = rng.pick(ENTITIES);
  return [
    `const client${id} = new OpenAI();`,
    '',
    `export async function ${camel('summarize', entity, String(id))}(text: string): Promise<string> {`,
    `  const response = await client${id}.responses.create({`,
    `    model: '${rng.pick(OPENAI_MODELS)}',`,
    `    instructions: ${p.names.joined},`,
    `    input: \`Summarize this ${entity} for the weekly report:\\n\\n\${text}\`,`,
    `    max_output_tokens: ${rng.pick([300, 600, 1000])},`,
    '  });',
    '  return response.output_text;',
    '}',
    '',
  ];
};

const anthropicCall: CallWriter = (rng, id, p, imports) => {
  imports.addDefault('@anthropic-ai/sdk', 'Anthropic');
  imports.add(p.specifier, p.names.concatenated);
  const entity = rng.pick(ENTITIES);
  return [
    `const anthropic${id} = new Anthropic();`,
    '',
    `export async function ${camel('review', entity, String(id))}(${entity}: { id: string; text: string }): Promise<string> {`,
    `  const message = await anthropic${id}.messages.create({`,
    `    model: '${rng.pick(CLAUDE_MODELS)}',`,
    `    max_tokens: ${rng.pick([256, 1024, 2048])},`,
    `    system: ${p.names.concatenated},`,
    `    messages: [{ role: 'user', content: \`${pascal(entity)} \${${entity}.id}:\\n\${${entity}.text}\` }],`,
    '  });',
    '  const block = message.content[0];',
    `  if (!block || block.type !== 'text') throw new Error('no text in ${entity} review (' + message.stop_reason + ')');`,
    '  return block.text;',
    '}',
    '',
  ];
};

const aiSdkCall: CallWriter = (rng, id, p, imports) => {
  imports.add('ai', 'generateText');
  imports.add('@ai-sdk/openai', 'openai');
  imports.add(p.specifier, p.names.system, p.names.builder);
  return [
    `export async function ${camel('draftReply', String(id))}(ticket: { id: string; body: string; locale: string }): Promise<string> {`,
    '  const { text } = await generateText({',
    `    model: openai('${rng.pick(OPENAI_MODELS)}'),`,
    `    system: ${p.names.system},`,
    `    prompt: ${p.names.builder}(ticket),`,
    `    maxOutputTokens: ${rng.pick([400, 800])},`,
    '  });',
    '  return text;',
    '}',
    '',
  ];
};

const langchainCall: CallWriter = (rng, id, p, imports) => {
  imports.add('@langchain/core/prompts', 'ChatPromptTemplate', 'PromptTemplate');
  imports.add('@langchain/openai', 'ChatOpenAI');
  imports.add(p.specifier, p.names.system);
  const entity = rng.pick(ENTITIES);
  return [
    `const llm${id} = new ChatOpenAI({ model: '${rng.pick(OPENAI_MODELS)}', temperature: 0, maxTokens: ${rng.pick([300, 700])} });`,
    '',
    `const chatPrompt${id} = ChatPromptTemplate.fromMessages([`,
    `  ['system', ${p.names.system}],`,
    "  ['human', '{question}'],",
    ']);',
    '',
    `const ${entity}Template${id} = PromptTemplate.fromTemplate(\`${instruction(rng)}`,
    '',
    `${pascal(entity)}: {input}\`);`,
    '',
    `export async function ${camel('ask', entity, String(id))}(question: string): Promise<unknown> {`,
    `  return chatPrompt${id}.pipe(llm${id}).invoke({ question });`,
    '}',
    '',
    `export async function ${camel('format', entity, String(id))}(input: string): Promise<string> {`,
    `  return ${entity}Template${id}.format({ input });`,
    '}',
    '',
  ];
};

const ragCall: CallWriter = (rng, id, p, imports) => {
  imports.addDefault('openai', 'OpenAI');
  imports.add(p.specifier, p.names.joined);
  return [
    `const ragClient${id} = new OpenAI();`,
    '',
    `/** Answers from the knowledge base: the closest excerpts joined into the prompt. */`,
    `export async function ${camel('answerFromDocs', String(id))}(vectorStore: { similaritySearch(q: string, k: number): Promise<{ pageContent: string }[]> }, question: string): Promise<string> {`,
    `  const docs = await vectorStore.similaritySearch(question, ${rng.pick([4, 4, 6, 8, 20])});`,
    "  const context = docs.map((d) => d.pageContent).join('\\n\\n');",
    `  const completion = await ragClient${id}.chat.completions.create({`,
    `    model: '${rng.pick(OPENAI_MODELS)}',`,
    '    messages: [',
    `      { role: 'system', content: ${p.names.joined} },`,
    "      { role: 'user', content: `Context:\\n${context}\\n\\nQuestion: ${question}` },",
    '    ],',
    '  });',
    "  return completion.choices[0]?.message?.content ?? '';",
    '}',
    '',
  ];
};

const inlineCall: CallWriter = (rng, id, _p, imports) => {
  imports.addDefault('openai', 'OpenAI');
  const entity = rng.pick(ENTITIES);
  return [
    `const inlineClient${id} = new OpenAI();`,
    '',
    `export async function ${camel('classify', entity, String(id))}(text: string): Promise<string> {`,
    `  const completion = await inlineClient${id}.chat.completions.create({`,
    `    model: '${rng.pick(OPENAI_MODELS)}',`,
    '    messages: [',
    `      { role: 'system', content: ${JSON.stringify(`You classify ${entity}s. ${instruction(rng)} ${instruction(rng)}`)} },`,
    "      { role: 'user', content: text },",
    '    ],',
    `    max_tokens: ${rng.pick([5, 20, 100])},`,
    '  });',
    "  return completion.choices[0]?.message?.content?.trim() ?? 'unknown';",
    '}',
    '',
  ];
};

const CALLS: readonly CallWriter[] = [openaiChat, openaiResponses, anthropicCall, aiSdkCall, langchainCall, ragCall, inlineCall];

/** The text of a call-site file: 1–4 SDK calls taking prompts from `prompts`, plus ordinary code. */
export function callSiteFile(rng: Rng, index: number, prompts: readonly ImportedPrompts[], targetLines: number): string {
  const imports = new Imports();
  const body: string[] = [];
  const calls = rng.int(1, 4);
  for (let i = 0; i < calls; i++) body.push(...rng.pick(CALLS)(rng, index * 10 + i, rng.pick(prompts), imports));
  const rest = Math.max(0, targetLines - body.length - 6);
  if (rest > 0) body.push(...ordinaryCode(rng, rest, index * 100));
  return [...imports.lines(), '', ...body].join('\n') + '\n';
}
