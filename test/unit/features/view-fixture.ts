import type { Config } from '../../../server/src/config/schema';
import { mergeConfig } from '../../../server/src/config/load-config';
import { defaultConfig, type ConfigInput } from '../../../server/src/config/schema';
import { Engine } from '../../../server/src/engine';
import { buildFileView, type FileView } from '../../../server/src/features/file-view';

/** In-memory files by absolute path. */
export type Files = Record<string, string>;

/** An engine over in-memory files (nothing read from disk), with every file analysed once. */
export function engineOf(files: Files, config: ConfigInput = {}): Engine {
  const full: Config = mergeConfig(defaultConfig(), config);
  const engine = new Engine({ config: full, read: (path) => files[path] });
  engine.analyzeFiles(Object.keys(files));
  return engine;
}

/** The editor view of one of the files. */
export function viewOf(engine: Engine, file: string): FileView {
  return buildFileView(engine, file);
}

/** An OpenAI chat call with a named system prompt constant above it. */
export const OPENAI_FILE = `import OpenAI from 'openai';
const openai = new OpenAI();
export const SYSTEM_PROMPT = \`You are a careful assistant. Answer in two sentences.\`;
export async function ask(q: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: 200,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: q },
    ],
  });
}
`;

/** An OpenAI chat that resends the whole history, bounded or not. */
export function historyFile(bound: string): string {
  return `import OpenAI from 'openai';
const openai = new OpenAI();
export async function chat(history: any[], text: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: 100,
    messages: [{ role: 'system', content: 'Be brief.' }, ...history${bound}, { role: 'user', content: text }],
  });
}
`;
}
