/** Prompt modules: files that export prompt constants (long system prompts, templates, joins, concatenations). */
import type { Rng } from './prng';
import { camel, DOMAINS, instruction, instructionBlock, pascal, PERSONAS, screaming } from './vocabulary';
import { ordinaryCode } from './ordinary-code';

/** The names a prompt module exports, known before its text is written so call sites can import them. */
export interface PromptModuleExports {
  /** A long system prompt written as a template literal. */
  system: string;
  /** Instructions built with `[...].join('\n')`. */
  joined: string;
  /** Rules built with `+` concatenation. */
  concatenated: string;
  /** A function returning a template literal with parameters. */
  builder: string;
}

/** The export names of prompt module number `index` about `domain`. */
export function promptModuleExports(domain: string, index: number): PromptModuleExports {
  return {
    system: `${screaming(domain)}_SYSTEM_PROMPT_${index}`,
    joined: camel(domain, 'Instructions', String(index)),
    concatenated: `${screaming(domain)}_RULES_PROMPT_${index}`,
    builder: camel('build', domain, 'Prompt', String(index)),
  };
}

/** Escapes text for a template literal. */
function templateText(line: string): string {
  return line.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** A long system prompt constant (template literal, 15–60 lines of instructions). */
export function systemPromptLines(rng: Rng, name: string, domain: string, sentences: number): string[] {
  const persona = rng.pick(PERSONAS);
  const body = instructionBlock(rng, sentences).map(templateText);
  return [
    `/** System prompt of the ${domain} assistant. */`,
    `export const ${name} = \`You are ${persona} for the ${domain} team of Acme Corp.`,
    `Your job is to help employees and customers with ${domain} questions accurately and briefly.`,
    '',
    ...body,
    '',
    `Today's context will be provided in the user message.\`;`,
    '',
  ];
}

/** The text of a prompt module: four prompt exports, some helpers and a little ordinary code. */
export function promptModule(rng: Rng, index: number): string {
  const domain = DOMAINS[index % DOMAINS.length];
  const names = promptModuleExports(domain, index);
  const lines: string[] = [`// Prompts of the ${domain} assistant (module ${index}).`, ''];
  lines.push(...systemPromptLines(rng, names.system, domain, rng.int(12, 55)));

  lines.push(`export const ${names.joined} = [`);
  for (let i = rng.int(4, 10); i > 0; i--) lines.push(`  ${JSON.stringify(instruction(rng))},`);
  lines.push(`].join('\\n');`, '');

  lines.push(`export const ${names.concatenated} =`);
  const parts = rng.int(3, 7);
  for (let i = 0; i < parts; i++) lines.push(`  ${JSON.stringify(instruction(rng) + ' ')}${i === parts - 1 ? ';' : ' +'}`);
  lines.push('');

  const entity = rng.pick(['ticket', 'invoice', 'order', 'email', 'report', 'contract']);
  lines.push(
    `/** Builds the user prompt for one ${entity}. */`,
    `export function ${names.builder}(${entity}: { id: string; body: string; locale: string }, extra = ''): string {`,
    `  return \`${templateText(instruction(rng))}`,
    `${pascal(entity)} id: \${${entity}.id}`,
    `Locale: \${${entity}.locale}`,
    '',
    `${pascal(entity)}:`,
    `\${${entity}.body}`,
    '',
    `\${extra}\`;`,
    '}',
    '',
  );
  if (rng.chance(0.6)) lines.push(...ordinaryCode(rng, rng.int(10, 60), index * 100));
  return lines.join('\n') + '\n';
}
