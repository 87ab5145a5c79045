// The analytic engine as an object the canvas keeps for its lifetime: `update` on every edit
// returns the analysis, or the validation issues while the design is half-drawn; `destroy`
// drops the listener and the memos.
import type { DesignIssue } from '../model/design-issue.ts';
import { createIncrementalValidator } from '../model/incremental-validation.ts';
import { analyzeDocument } from './analyze.ts';
import type { AnalysisResult, AnalyzeOptions } from './types.ts';

export class AnalyzerDestroyedError extends Error {
  override readonly name = 'AnalyzerDestroyedError';
}

export type AnalyzerOutput = { ok: true; result: AnalysisResult } | { ok: false; issues: DesignIssue[] };

export interface AnalyzerParams {
  /** Called with every output of `update`. */
  onUpdate?: (output: AnalyzerOutput) => void;
  /** Options for every analysis (default: AnalyzeOptions defaults). */
  options?: AnalyzeOptions;
}

export interface Analyzer {
  /**
   * Analyses `design`; the same design object as last time returns the memoised output. Nodes and
   * edges equal, field for field, to ones that were valid in an earlier update skip the schema check.
   */
  update(design: unknown, options?: AnalyzeOptions): AnalyzerOutput;
  destroy(): void;
}

export function createAnalyzer(params: AnalyzerParams = {}): Analyzer {
  let onUpdate = params.onUpdate;
  let last: { design: unknown; options: AnalyzeOptions | undefined; output: AnalyzerOutput } | undefined;
  let destroyed = false;
  const validator = createIncrementalValidator();
  return {
    update(design, options = params.options) {
      if (destroyed) throw new AnalyzerDestroyedError('this analyzer was destroyed');
      if (last && last.design === design && last.options === options) return last.output;
      const validation = validator.validate(design);
      const output: AnalyzerOutput = validation.ok ? { ok: true, result: analyzeDocument(validation.design, options) } : { ok: false, issues: validation.issues };
      last = { design, options, output };
      onUpdate?.(output);
      return output;
    },
    destroy() {
      destroyed = true;
      onUpdate = undefined;
      last = undefined;
    },
  };
}
