// Messages between the canvas and the analysis worker. Plain JSON-able data only.
import type { AnalysisResult, DesignDocument, DesignIssue } from '@archlab/sim';

export interface AnalysisRequestOptions {
  /** Nodes the user has failed on the canvas. */
  down: string[];
  /** Class rates replacing the document's (a challenge's traffic), requests/s. */
  rates?: Record<string, number>;
}

export interface AnalyzeMessage {
  kind: 'analyze';
  id: number;
  design: DesignDocument;
  options: AnalysisRequestOptions;
}

export type AnalysisOutcome =
  | { ok: true; result: AnalysisResult }
  | { ok: false; issues: DesignIssue[] };

export type AnalysisReplyMessage =
  | ({ kind: 'analysis'; id: number; elapsedMs: number } & AnalysisOutcome)
  | { kind: 'failure'; id: number; message: string };
