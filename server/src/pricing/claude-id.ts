/** Claude model tiers, most capable first. */
export type ClaudeTier = 'opus' | 'sonnet' | 'haiku';

/** A Claude model's tier and version, e.g. Sonnet 4.5 → { tier: 'sonnet', major: 4, minor: 5 }. */
export interface ClaudeVersion {
  tier: ClaudeTier;
  major: number;
  minor: number;
}

// `claude-sonnet-4-5-20250929`, `claude-opus-4.1`, `claude-sonnet-4-20250514` (4.0: the `-2…` is a date), `claude-opus-4@20250514`
const NEW_STYLE = /claude-(opus|sonnet|haiku)-(\d+)(?:[-.](\d)(?!\d))?/;
// `claude-3-5-sonnet-latest`, `claude-3-opus-20240229`, `claude-4-opus`, `claude-4.5-haiku`
const OLD_STYLE = /claude-(\d+)(?:[-.](\d))?-(opus|sonnet|haiku)/;

/**
 * Reads tier and version from any spelling of a Claude id (Anthropic API, Bedrock, Vertex, dated or aliased).
 * @example parseClaudeId('claude-3-5-haiku-20241022') // { tier: 'haiku', major: 3, minor: 5 }
 * @example parseClaudeId('claude-sonnet-4-20250514') // { tier: 'sonnet', major: 4, minor: 0 }
 */
export function parseClaudeId(id: string): ClaudeVersion | undefined {
  const name = id.toLowerCase();
  const modern = NEW_STYLE.exec(name);
  if (modern) return { tier: modern[1] as ClaudeTier, major: Number(modern[2]), minor: Number(modern[3] ?? 0) };
  const legacy = OLD_STYLE.exec(name);
  if (legacy) return { tier: legacy[3] as ClaudeTier, major: Number(legacy[1]), minor: Number(legacy[2] ?? 0) };
  return undefined;
}
