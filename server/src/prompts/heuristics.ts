/**
 * Text heuristics: does a string read as instructions to a model, or as something else
 * (an error, SQL, HTML, UI copy)? Used only where no SDK call shows that a string is a prompt.
 */

/** Names of variables, properties and functions that hold prompts. */
export const PROMPT_NAME = /prompt|instruction|template|system_?message|system_?msg|persona|preamble|guidelines/i;
/** Names ending in a prompt word (`titlePrompt`, `SYSTEM_PROMPT`, `agentInstructions`). */
const PROMPT_SUFFIX = /(prompt|instructions?|template|system_?message|persona|preamble)s?$/i;
/** Names that look like prompts but hold something else. */
const NOT_PROMPT_NAME = /placeholder|label|title|button|tooltip|help|hint|caption|desc|subtitle|heading|cta|toast|notification|^body$|banner|error|url|path|route|id$|key$|table|column|sql|query_?string|regex|pattern|selector|class_?name|style|filename|^prompts?(Table|Repo|Store|Schema|Model|Dao|Service)$/i;

/** Openings of instructions to a model. */
const INSTRUCTION_START =
  /^\s*([-*#>]+\s*|\d+[.)]\s*)?(<\w+>\s*)?(you are|you're|you will|you must|you should|your (task|job|role|goal|mission)|act as|as an? (ai|expert|assistant|helpful|senior|professional)|given (the|a|an|this|these)|answer|summari[sz]e|translate|classify|categori[sz]e|extract|rewrite|rephrase|respond|reply|write (a|an|the)|generate|compose|draft|here (is|are)|below (is|are)|based on|using the|use the (following|context|information|provided)|the following|you will be (given|provided)|i want you to|i need you to|please (answer|summari[sz]e|write|provide|generate|analy[sz]e|read|review|explain|help|classify|extract|translate|rewrite)|return (only|a|an|the|json)|output (only|a|an|the)|analy[sz]e|identify (the|all)|(turn|convert|list|suggest|explain|describe|create|make|give|provide|find|improve|evaluate|grade|rate|compare|propose|recommend|format|rank|critique|proofread|correct|paraphrase|simplify|outline|start|begin|keep|include|avoid|add|prefix|end|use|mention|address|summarise|combine|split) (the|a|an|this|these|each|all|two|three|one|every|only|\d)\b|determine (the|whether|if)|decide (whether|if|which)|read the|consider the|imagine|pretend|system:|human:|user:|assistant:|instructions?:|context:|question:|task:|role:|objective:)/i;
/** Phrases that occur inside prompts and rarely elsewhere. */
const INSTRUCTION_MARKERS =
  /\b(you are an? [a-z]|you are the [a-z]|(respond|answer|reply) (only )?(with|in) (json|valid|a |an |one |the |markdown|english|plain|exactly|\d)|respond only|answer only|(^|[.!\n:]\s*)(do not|don't|never) (mention|include|make up|reveal|add|use|invent|guess)|in (valid )?json|json (object|format|array)|step[- ]by[- ]step|if you (don't|do not) know|think (step|carefully)|your (response|answer|output) (should|must)|the user('s)? (question|message|query|input|request)|below is|the following (text|context|document|conversation|question|article|code)|as a helpful|helpful assistant|be concise|(question|context|input|chat_history|history|query|text|document)\s*:\s*\{)|\{(input|question|context|query|chat_history|history|text|topic|document|content)\}|\{\{\s*\w+\s*\}\}/i;
/** Strings that are clearly not prompts. */
const NOT_PROMPT_TEXT = [
  /^\s*(select|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+(table|index|view)|alter\s+table|drop\s+table|with\s+\w+\s+as\s*\()\b/i,
  /^\s*<(!doctype|html|div|span|p|a|table|body|head|section|svg|script|style|ul|li|h[1-6]|button|form|input|img)\b/i,
  /^\s*(https?:|wss?:|file:|data:|mailto:)/i,
  /^\s*(error|failed|unable|cannot|can't|could not|couldn't|invalid|missing|unexpected|not found|unauthori[sz]ed|forbidden|denied|warning|deprecated)\b/i,
  /^\s*you (are|were) (not|now|being|already|currently|signed|logged|offline|online|about to|using|on|\w+ing)\b/i,
  /^\s*you (have|need|must) (been|to (log|sign|be logged|be signed|upgrade|enable|verify))\b/i,
  /^\s*(\$\s*)?(npm|npx|yarn|pnpm|git|docker|curl|node)\s/,
];

/** Second person or a placeholder: what separates "Summarize {text}" from a button's "Generate report". */
const ADDRESSED = /\b(you|your)\b|\{[\w ]+\}/i;

/**
 * Whether text reads as an instruction to a model: prompt phrases anywhere, or an instruction opening
 * that also addresses the model (second person, a placeholder). `{x}` stands for interpolations.
 */
export function readsAsInstructions(text: string, minLength = 40): boolean {
  const trimmed = text.trim();
  if (trimmed.length < minLength) return false;
  if (NOT_PROMPT_TEXT.some((re) => re.test(trimmed))) return false;
  return INSTRUCTION_MARKERS.test(trimmed) || (INSTRUCTION_START.test(trimmed) && ADDRESSED.test(trimmed));
}

/** Whether a name says it holds something other than a prompt (a label, an error, a URL, a table). */
export function isNonPromptName(name: string | undefined): boolean {
  return !!name && NOT_PROMPT_NAME.test(name) && !PROMPT_SUFFIX.test(name);
}

/** Whether a name suggests it holds a prompt (and not a UI label, an error, a table name). */
export function isPromptName(name: string | undefined): boolean {
  if (!name) return false;
  // The last word decides: `titlePrompt` is a prompt, `promptTitle` is a label.
  if (PROMPT_SUFFIX.test(name)) return true;
  return PROMPT_NAME.test(name) && !isNonPromptName(name);
}

/** Whether text is obviously not a prompt, whatever its name (SQL, HTML, URL, error). */
export function isNotPromptText(text: string): boolean {
  return NOT_PROMPT_TEXT.some((re) => re.test(text));
}

/**
 * Whether text bound to a prompt-like name is prompt text: it reads as instructions, addresses the
 * model, or is long prose. (`const prompt = 'Continue?'` in a CLI is a question to the user.)
 */
export function namedPromptText(text: string, plain = text): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 20 || isNotPromptText(trimmed)) return false;
  // `plain` has interpolations blanked: `${name}` alone does not make text address a model.
  const sentences = trimmed.split(/(?<=[.!?:])\s+|\n+/);
  return sentences.some((s) => INSTRUCTION_START.test(s)) || readsAsInstructions(trimmed, 20) || (ADDRESSED.test(plain) && plain.trim().length >= 40) || trimmed.length >= LONG_PROSE;
}

/** Text this long bound to a prompt name is prompt text whatever its wording. */
const LONG_PROSE = 200;

