// Web Worker entry: the analytic engine off the main thread.
import { createAnalysisHandler } from './analysis-handler.ts';
import type { AnalysisReplyMessage, AnalyzeMessage } from './analysis-protocol.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<AnalyzeMessage>) => void) | null; postMessage(message: AnalysisReplyMessage): void };
const handle = createAnalysisHandler();
scope.onmessage = (event) => handle(event.data, (reply) => scope.postMessage(reply));
