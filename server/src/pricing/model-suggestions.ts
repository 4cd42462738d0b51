import { LruCache } from '../tokens/lru-cache';
import { splitModelId } from '../tokens/model-id';
import { editDistance } from '../text/edit-distance';
import { catalogueModel, majorProviderListings } from './genai-catalogue';

/** Suggestions are asked for unknown ids only, but while typing there can be many; keep the memo bounded. */
const SUGGESTION_CACHE_ENTRIES = 1_000;

/**
 * Distance counted for the same name segments in another order (`gemini-pro-2.5` → `gemini-2.5-pro`,
 * `claude-4.5-sonnet` → `claude-sonnet-4-5`): as close as a one-character typo.
 */
const REORDERED_SEGMENTS_DISTANCE = 1;

interface Candidate {
  name: string;
  /** The catalogue's own model id (preferred over an alias at equal distance). */
  primary: boolean;
  deprecated: boolean;
  segments: string;
}

let candidates: Candidate[] | undefined;
const suggestions = new LruCache<string, string | null>(SUGGESTION_CACHE_ENTRIES);

/**
 * How many edits a suggestion may be away, by length of the typed name: short names must be nearly
 * exact (`o3` vs `o1` are different models), longer ones tolerate a couple of typos. A design choice.
 */
function maxDistance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 8) return 1;
  if (length <= 16) return 2;
  return 3;
}

/**
 * The nearest known model id for a misspelt one, among the catalogue ids (and their literal aliases) of
 * OpenAI, Anthropic and Google; undefined when the id is known or nothing is reasonably close.
 * A provider prefix is kept as written.
 * @example suggestModelId('gpt-4o-mnii') // 'gpt-4o-mini'
 * @example suggestModelId('openai/gpt4o') // 'openai/gpt-4o'
 */
export function suggestModelId(id: string): string | undefined {
  const trimmed = id.trim();
  const cached = suggestions.get(trimmed);
  if (cached !== undefined) return cached ?? undefined;
  const suggestion = computeSuggestion(trimmed) ?? null;
  suggestions.set(trimmed, suggestion);
  return suggestion ?? undefined;
}

function computeSuggestion(id: string): string | undefined {
  const { prefix, model } = splitModelId(id);
  if (model.length === 0 || catalogueModel(id)) return undefined;
  const limit = maxDistance(model.length);
  const segments = sortedSegments(model);
  let best: { candidate: Candidate; distance: number } | undefined;
  for (const candidate of allCandidates()) {
    let distance = editDistance(model, candidate.name);
    if (distance > REORDERED_SEGMENTS_DISTANCE && candidate.segments === segments) distance = REORDERED_SEGMENTS_DISTANCE;
    if (distance > limit) continue;
    if (!best || better(candidate, distance, best.candidate, best.distance)) best = { candidate, distance };
  }
  if (!best) return undefined;
  return prefix ? id.slice(0, prefix.length + 1) + best.candidate.name : best.candidate.name;
}

function better(a: Candidate, distanceA: number, b: Candidate, distanceB: number): boolean {
  if (distanceA !== distanceB) return distanceA < distanceB;
  if (a.primary !== b.primary) return a.primary;
  if (a.deprecated !== b.deprecated) return !a.deprecated;
  if (a.name.length !== b.name.length) return a.name.length < b.name.length;
  return a.name < b.name;
}

function allCandidates(): Candidate[] {
  if (candidates) return candidates;
  const byName = new Map<string, Candidate>();
  for (const listing of majorProviderListings()) {
    for (const raw of [listing.id, ...listing.names]) {
      const name = raw.toLowerCase();
      if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) || !catalogueModel(name)) continue; // skip `ft:` prefixes, partial `…-` stems
      const primary = name === listing.id.toLowerCase();
      const existing = byName.get(name);
      if (!existing || (primary && !existing.primary)) {
        byName.set(name, { name, primary, deprecated: listing.deprecated, segments: sortedSegments(name) });
      }
    }
  }
  candidates = [...byName.values()];
  return candidates;
}

function sortedSegments(name: string): string {
  return name.split(/[-.]/).sort().join('-');
}
