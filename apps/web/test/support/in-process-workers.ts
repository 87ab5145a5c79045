// The app's worker handlers running in the test's own thread: the real engines behind the same
// message protocol the browser uses, with asynchronous delivery like a Worker.
import { createAnalysisHandler } from '../../src/engine/analysis-handler.ts';
import { handleLayoutMessage } from '../../src/engine/layout-handler.ts';
import { createSimulationHandler } from '../../src/engine/simulation-handler.ts';
import { createInProcessPort } from '../../src/engine/worker-port.ts';
import type { EngineWorkers } from '../../src/engine/workers.ts';

export function inProcessWorkers(): EngineWorkers {
  return {
    analysis: () => createInProcessPort(createAnalysisHandler()),
    simulation: () => createInProcessPort(createSimulationHandler({ chunkEvents: 50_000, partialEveryMs: 0 })),
    layout: () => createInProcessPort(handleLayoutMessage),
  };
}
