// What the simulation worker does: runs the discrete-event engine in chunks, posting progress (and
// the buckets closed so far) between them, and yields to its message loop so a cancel gets through.
// Grading is one synchronous call into the engine.
import { createSimulation, gradeChallenge } from '@archlab/sim';
import type { SimulationHandle } from '@archlab/sim';
import type { SimulationReplyMessage, SimulationRequestMessage } from './simulation-protocol.ts';
import type { Reply } from './worker-port.ts';

export interface SimulationHandlerOptions {
  /** Events per chunk between progress messages. Default 100 000 (tens of ms). */
  chunkEvents?: number;
  /** Minimum wall time between partial results (they cost a copy of the series), ms. Default 200. */
  partialEveryMs?: number;
  /** Lets queued messages (a cancel) run before the next chunk. Default setTimeout(0). */
  yieldToMessages?: () => Promise<void>;
  now?: () => number;
}

export function createSimulationHandler(options: SimulationHandlerOptions = {}): (message: SimulationRequestMessage, reply: Reply<SimulationReplyMessage>) => void {
  const chunkEvents = options.chunkEvents ?? 100_000;
  const partialEveryMs = options.partialEveryMs ?? 200;
  const yieldToMessages = options.yieldToMessages ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const now = options.now ?? (() => performance.now());
  const cancelled = new Set<number>();

  async function simulate(message: Extract<SimulationRequestMessage, { kind: 'simulate' }>, reply: Reply<SimulationReplyMessage>) {
    const started = now();
    let handle: SimulationHandle | undefined;
    try {
      handle = createSimulation(message.design, message.scenario, { seed: message.seed });
      let lastPartial = started;
      for (;;) {
        const progress = handle.step(chunkEvents);
        if (progress.done) break;
        const due = now() - lastPartial >= partialEveryMs;
        if (due) lastPartial = now();
        reply({ kind: 'progress', id: message.id, progress, partial: due ? handle.result() : null });
        await yieldToMessages();
        if (cancelled.has(message.id)) return;
      }
      reply({ kind: 'simulated', id: message.id, result: handle.result(), elapsedMs: now() - started });
    } catch (error) {
      reply({ kind: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) });
    } finally {
      handle?.destroy();
      cancelled.delete(message.id);
    }
  }

  return (message, reply) => {
    switch (message.kind) {
      case 'simulate':
        void simulate(message, reply);
        return;
      case 'cancel':
        cancelled.add(message.id);
        return;
      case 'grade': {
        const started = now();
        try {
          const report = gradeChallenge(message.design, message.scenario, { seed: message.seed, profile: message.profile });
          reply({ kind: 'graded', id: message.id, report, elapsedMs: now() - started });
        } catch (error) {
          reply({ kind: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  };
}
