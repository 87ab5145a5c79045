// The browser's workers, created where Vite can see them (it bundles each `new URL(..., import.meta.url)`).
import type { AnalysisReplyMessage, AnalyzeMessage } from './analysis-protocol.ts';
import type { LayoutReplyMessage, LayoutRequestMessage } from './layout-protocol.ts';
import type { SimulationReplyMessage, SimulationRequestMessage } from './simulation-protocol.ts';
import type { WorkerPort } from './worker-port.ts';

export interface EngineWorkers {
  analysis(): WorkerPort<AnalyzeMessage, AnalysisReplyMessage>;
  simulation(): WorkerPort<SimulationRequestMessage, SimulationReplyMessage>;
  layout(): WorkerPort<LayoutRequestMessage, LayoutReplyMessage>;
}

export const browserWorkers: EngineWorkers = {
  analysis: () => new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'analysis' }),
  simulation: () => new Worker(new URL('./simulation-worker.ts', import.meta.url), { type: 'module', name: 'simulation' }),
  layout: () => new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module', name: 'layout' }),
};
