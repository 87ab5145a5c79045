// What the analysis worker does with one message: run the analytic engine on the draft. A draft that
// does not validate yet is normal while drawing, so its issues are an answer, not an error.
import { createAnalyzer } from '@archlab/sim';
import type { AnalysisReplyMessage, AnalyzeMessage } from './analysis-protocol.ts';
import type { Reply } from './worker-port.ts';

export function createAnalysisHandler(now: () => number = () => performance.now()): (message: AnalyzeMessage, reply: Reply<AnalysisReplyMessage>) => void {
  const analyzer = createAnalyzer();
  return (message, reply) => {
    const started = now();
    try {
      const known = new Set(message.design.nodes.map((n) => n.id));
      const classIds = message.design.classes.map((c) => c.id);
      const rates = message.options.rates;
      const output = analyzer.update(message.design, {
        down: message.options.down.filter((id) => known.has(id)),
        // Only rates for classes the draft has: the rest of a challenge's traffic has nowhere to enter yet.
        ...(rates ? { rates: Object.fromEntries(classIds.filter((id) => rates[id] !== undefined).map((id) => [id, rates[id]!])) } : {}),
      });
      reply({ kind: 'analysis', id: message.id, elapsedMs: now() - started, ...output });
    } catch (error) {
      reply({ kind: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
  };
}
