// Main-thread side of the simulation worker: one run at a time (a new run cancels the previous),
// progress callbacks, and grading requests, each answered by id.
import type { DesignDocument, Report, SimulationProgress, SimulationResult, SimulationScenario } from '@archlab/sim';
import type { SimulationReplyMessage, SimulationRequestMessage } from './simulation-protocol.ts';
import type { WorkerPort } from './worker-port.ts';

export class SimulationCancelledError extends Error {
  override readonly name = 'SimulationCancelledError';
}

export class EngineFailureError extends Error {
  override readonly name = 'EngineFailureError';
}

export interface SimulationRun {
  result: SimulationResult;
  elapsedMs: number;
}

export interface SimulationClient {
  simulate(design: DesignDocument, scenario: SimulationScenario, seed: number, onProgress: (progress: SimulationProgress, partial: SimulationResult | null) => void): Promise<SimulationRun>;
  /** Cancels the run in progress (its promise rejects with SimulationCancelledError). */
  cancel(): void;
  /** Grades a design against a challenge scenario ("quick": one seed, "full": three, the worst counts). */
  grade(design: DesignDocument, scenario: unknown, seed: number, profile: 'quick' | 'full'): Promise<{ report: Report; elapsedMs: number }>;
  destroy(): void;
}

interface Pending {
  resolve(reply: SimulationReplyMessage): void;
  reject(error: Error): void;
  onProgress?: (progress: SimulationProgress, partial: SimulationResult | null) => void;
}

export function createSimulationClient(port: WorkerPort<SimulationRequestMessage, SimulationReplyMessage>): SimulationClient {
  let nextId = 1;
  let currentRun: number | null = null;
  const pending = new Map<number, Pending>();

  const onMessage = (event: MessageEvent<SimulationReplyMessage>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    if (reply.kind === 'progress') {
      waiter.onProgress?.(reply.progress, reply.partial);
      return;
    }
    pending.delete(reply.id);
    if (reply.id === currentRun) currentRun = null;
    if (reply.kind === 'failure') waiter.reject(new EngineFailureError(reply.message));
    else waiter.resolve(reply);
  };
  port.addEventListener('message', onMessage);

  const cancel = () => {
    if (currentRun === null) return;
    const id = currentRun;
    currentRun = null;
    port.postMessage({ kind: 'cancel', id });
    pending.get(id)?.reject(new SimulationCancelledError('the simulation was cancelled'));
    pending.delete(id);
  };

  return {
    simulate(design, scenario, seed, onProgress) {
      cancel();
      const id = nextId++;
      currentRun = id;
      return new Promise<SimulationRun>((resolve, reject) => {
        pending.set(id, {
          resolve: (reply) => {
            if (reply.kind === 'simulated') resolve({ result: reply.result, elapsedMs: reply.elapsedMs });
          },
          reject,
          onProgress,
        });
        port.postMessage({ kind: 'simulate', id, design, scenario, seed });
      });
    },
    cancel,
    grade(design, scenario, seed, profile) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: (reply) => {
            if (reply.kind === 'graded') resolve({ report: reply.report, elapsedMs: reply.elapsedMs });
          },
          reject,
        });
        port.postMessage({ kind: 'grade', id, design, scenario, seed, profile });
      });
    },
    destroy() {
      for (const waiter of pending.values()) waiter.reject(new SimulationCancelledError('the page was closed'));
      pending.clear();
      port.removeEventListener('message', onMessage);
      port.terminate();
    },
  };
}
