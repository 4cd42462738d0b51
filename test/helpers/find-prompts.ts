import { ProjectCache } from '../../server/src/prompts/project';
import { PromptIndex } from '../../server/src/prompts/prompt-index';
import type { PromptSite } from '../../server/src/prompts/types';

/** Root of the in-memory test workspaces (never touched on disk). */
export const ROOT = '/virtual/ws';

export interface FoundPrompts {
  sites: PromptSite[];
  /** The 1-based line a site starts on. */
  line(site: PromptSite): number;
  /** Sites of a file (relative name). */
  in(file: string): PromptSite[];
  /** The site whose span contains the first occurrence of `needle` in `file`. */
  at(file: string, needle: string): PromptSite | undefined;
  /** Text of a site: static parts as written, dynamic parts as `{source:expr}`. */
  text(site: PromptSite): string;
}

/** Runs the finder over in-memory files (`{ 'a.ts': '…' }`); other files are unreadable. */
export function findPrompts(files: Record<string, string>): FoundPrompts {
  const project = new ProjectCache(() => undefined);
  const paths = Object.keys(files).map((name) => `${ROOT}/${name}`);
  for (const [name, text] of Object.entries(files)) project.setText(`${ROOT}/${name}`, text);
  const index = new PromptIndex(project);
  const grouped = index.sitesByFile(paths);
  const sites = [...grouped.values()].flat();
  const textOf = (file: string) => files[file.slice(ROOT.length + 1)] ?? '';
  return {
    sites,
    line: (site) => textOf(site.file).slice(0, site.span.start).split('\n').length,
    in: (file) => grouped.get(`${ROOT}/${file}`) ?? [],
    at(file, needle) {
      const offset = files[file].indexOf(needle);
      if (offset < 0) throw new Error(`'${needle}' not in ${file}`);
      return (grouped.get(`${ROOT}/${file}`) ?? []).filter((s) => s.span.start <= offset && offset < s.span.end).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    },
    text: (site) => site.segments.map((s) => (s.kind === 'static' ? s.text : `{${s.source}:${s.expression}}`)).join(''),
  };
}

/** The 1-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`'${needle}' not found`);
  return text.slice(0, offset).split('\n').length;
}
