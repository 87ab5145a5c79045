// Messages between the canvas and the simulation worker (discrete-event runs and challenge grading).
import type { DesignDocument, Report, SimulationProgress, SimulationResult, SimulationScenario } from '@archlab/sim';

export type SimulationRequestMessage =
  | { kind: 'simulate'; id: number; design: DesignDocument; scenario: SimulationScenario; seed: number }
  | { kind: 'cancel'; id: number }
  | { kind: 'grade'; id: number; design: DesignDocument; scenario: unknown; seed: number; profile: 'quick' | 'full' };

export type SimulationReplyMessage =
  | { kind: 'progress'; id: number; progress: SimulationProgress; partial: SimulationResult | null }
  | { kind: 'simulated'; id: number; result: SimulationResult; elapsedMs: number }
  | { kind: 'graded'; id: number; report: Report; elapsedMs: number }
  | { kind: 'failure'; id: number; message: string };
