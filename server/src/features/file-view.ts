import type { FileAnalysis, PricedPrompt } from '../analysis-types';
import type { Config } from '../config/schema';
import type { Engine } from '../engine';

/** Everything the editor features show for one file, from one engine pass. */
export interface FileView {
  file: string;
  analysis: FileAnalysis;
  /**
   * The prompts of each call made in this file, by the call's start offset, including prompts defined
   * in the files it imports (a constant passed as `system:`): a call is priced whole where it is made.
   */
  calls: Map<number, PricedPrompt[]>;
  config: Config;
}

/**
 * Analyses a file together with the files it takes prompts from, in one pass so a call's expected output
 * is counted once, and groups the prompts of each call made in the file.
 */
export function buildFileView(engine: Engine, file: string): FileView {
  const dependencies = engine.dependencies(file).filter((f) => f !== file);
  const files = [file, ...dependencies];
  // Reports are shown for this file only: the files it takes prompts from are priced, not checked.
  const analyses = engine.analyzeFiles(files, [...files, ...engine.dependents(file)], [file]);
  const calls = new Map<number, PricedPrompt[]>();
  for (const analysis of analyses) {
    for (const prompt of analysis.prompts) {
      const call = prompt.site.call;
      if (!call || call.file !== file) continue;
      const list = calls.get(call.span.start);
      if (list) list.push(prompt);
      else calls.set(call.span.start, [prompt]);
    }
  }
  return { file, analysis: analyses[0], calls, config: engine.configuration };
}
