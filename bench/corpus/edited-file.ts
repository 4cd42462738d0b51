/** The 1,000-line file the keystroke and hover benchmarks open and edit, and the prompt module it imports. */
import type { Rng } from './prng';
import { ordinaryCode } from './ordinary-code';
import { systemPromptLines } from './prompt-modules';
import { instruction } from './vocabulary';

/** Workspace-relative path of the edited file. */
export const EDITED_FILE = 'src/chat/edited.ts';
/** Workspace-relative path of the prompt module the edited file imports its hovered prompt from. */
export const SUPPORT_PROMPT_FILE = 'src/prompts/support-system.ts';
/** The imported prompt constant; the hover benchmark hovers its use in the call's messages. */
export const HOVER_IDENTIFIER = 'SUPPORT_SYSTEM_PROMPT';
/** Text just before the hovered identifier, unique in the edited file. */
export const HOVER_CONTEXT = `{ role: 'system', content: ${HOVER_IDENTIFIER} }`;
/** A word inside a prompt string in the middle of the edited file; keystrokes go right after it. */
export const EDIT_ANCHOR = 'bench-edit-anchor';
/** Most lines one ordinary-code block can have (a class with five methods). */
const LARGEST_BLOCK_LINES = 110;
/** Lines of the edited file. */
export const EDITED_FILE_LINES = 1000;

/** The prompt module `src/prompts/support-system.ts`. */
export function supportPromptModule(rng: Rng): string {
  return ['// The support assistant prompt, imported by src/chat/edited.ts.', '', ...systemPromptLines(rng, HOVER_IDENTIFIER, 'support', 40)].join('\n') + '\n';
}

/** The prompts of the edited file, spread through ordinary code. */
function promptSections(rng: Rng): string[][] {
  return [
    [
      'const openai = new OpenAI();',
      '',
      '/** Support chat: the imported system prompt, the last 20 turns and the new message. */',
      "export async function supportReply(history: { role: 'user' | 'assistant'; content: string }[], content: string): Promise<string> {",
      '  const completion = await openai.chat.completions.create({',
      "    model: 'gpt-4o',",
      '    messages: [',
      `      ${HOVER_CONTEXT},`,
      '      ...history.slice(-20),',
      "      { role: 'user', content },",
      '    ],',
      '    max_tokens: 600,',
      '  });',
      "  return completion.choices[0]?.message?.content ?? '';",
      '}',
      '',
    ],
    [
      'const anthropic = new Anthropic();',
      '',
      '/** Escalation notes for human agents. */',
      'export async function escalationNote(transcript: string): Promise<string> {',
      '  const message = await anthropic.messages.create({',
      "    model: 'claude-sonnet-4-5',",
      '    max_tokens: 400,',
      `    system: \`You write escalation notes for human support agents (${EDIT_ANCHOR}).`,
      ...Array.from({ length: 12 }, () => instruction(rng).replace(/`/g, "'")),
      'Keep the note under 120 words.`,',
      "    messages: [{ role: 'user', content: `Transcript:\\n${transcript}` }],",
      '  });',
      '  const block = message.content[0];',
      "  return block && block.type === 'text' ? block.text : '';",
      '}',
      '',
    ],
    [
      '/** Subject lines for follow-up emails. */',
      'export async function followUpSubject(summary: string): Promise<string> {',
      '  const { text } = await generateText({',
      "    model: aiOpenai('gpt-4o-mini'),",
      `    system: ${JSON.stringify(`You write short email subject lines. ${instruction(rng)}`)},`,
      '    prompt: `Write a subject line for this follow-up:\\n${summary}`,',
      '    maxOutputTokens: 30,',
      '  });',
      '  return text.trim();',
      '}',
      '',
      'const faqPrompt = ChatPromptTemplate.fromMessages([',
      `  ['system', ${JSON.stringify(`You answer questions from the FAQ below. ${instruction(rng)}\n\n{faq}`)}],`,
      "  ['human', '{question}'],",
      ']);',
      '',
      '/** Formats the FAQ prompt. */',
      'export async function faqMessages(faq: string, question: string): Promise<unknown> {',
      '  return faqPrompt.formatMessages({ faq, question });',
      '}',
      '',
    ],
  ];
}

/** The text of the edited file: about 1,000 lines, prompts at the start, middle and end. */
export function editedFile(rng: Rng): string {
  const head = [
    "import OpenAI from 'openai';",
    "import Anthropic from '@anthropic-ai/sdk';",
    "import { generateText } from 'ai';",
    "import { openai as aiOpenai } from '@ai-sdk/openai';",
    "import { ChatPromptTemplate } from '@langchain/core/prompts';",
    `import { ${HOVER_IDENTIFIER} } from '../prompts/support-system';`,
    '',
  ];
  const sections = promptSections(rng);
  const promptLines = sections.reduce((n, s) => n + s.length, 0);
  const fill = EDITED_FILE_LINES - head.length - promptLines;
  // Ordinary code between the prompts, so that the edited prompt (section 1) sits near the middle.
  const chunks = [Math.floor(fill * 0.45), Math.floor(fill * 0.3)];
  const lines = [...head, ...sections[0]];
  let id = 9000;
  const addOrdinary = (count: number): void => {
    const block = ordinaryCode(rng, count, id);
    id += 100;
    lines.push(...block);
  };
  addOrdinary(chunks[0]);
  lines.push(...sections[1]);
  addOrdinary(chunks[1]);
  lines.push(...sections[2]);
  // A block may overshoot its target: leave room, then pad with comment lines to the exact length.
  addOrdinary(Math.max(0, EDITED_FILE_LINES - lines.length - LARGEST_BLOCK_LINES));
  while (lines.length < EDITED_FILE_LINES) lines.push(`// note ${lines.length}: keep this module free of side effects at import time.`);
  return lines.join('\n') + '\n';
}
