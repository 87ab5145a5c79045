// The public face of the discrete-event engine: a handle the caller drives in chunks (a Web
// Worker posts progress between them; nothing here owns a timer), or `simulate` to run to the end.
import { compileDesign } from '../model/compile.ts';
import { fieldOf } from '../model/design-issue.ts';
import type { DesignDocument } from '../model/schema.ts';
import { compileTrafficProfile } from '../model/traffic-profile.ts';
import { parseDesign } from '../model/validate.ts';
import { DesEngine } from './engine.ts';
import type { EngineFault } from './engine.ts';
import { buildResult } from './result.ts';
import type { SimulationResult } from './result.ts';
import { simulationScenarioSchema } from './scenario.ts';
import type { SimulationOptions, SimulationScenario } from './scenario.ts';

const DEFAULT_SEED = 1;
const DEFAULT_MAX_EVENTS = 200_000_000;
const DEFAULT_DRAIN_S = 30;
const DEFAULT_CHUNK_EVENTS = 250_000;

export class SimulationScenarioError extends Error {
  override readonly name = 'SimulationScenarioError';
}

export class SimulationDestroyedError extends Error {
  override readonly name = 'SimulationDestroyedError';
}

export interface SimulationProgress {
  simulatedS: number;
  events: number;
  /** Time-series buckets closed so far (what a chart can already show). */
  buckets: number;
  done: boolean;
  truncated: boolean;
}

export interface SimulationHandle {
  /** Processes at most `maxEvents` events (default 250 000). */
  step(maxEvents?: number): SimulationProgress;
  /** Processes events up to virtual time `simulatedS` (bounded by the event limit). */
  runUntil(simulatedS: number): SimulationProgress;
  /** Runs to the end and returns the result. */
  run(): SimulationResult;
  progress(): SimulationProgress;
  /** The result so far (complete once `done`). */
  result(): SimulationResult;
  /** Restarts with a new design, scenario or seed (what is not given is kept). */
  update(next: { design?: unknown; scenario?: SimulationScenario; seed?: number }): void;
  destroy(): void;
}

export function createSimulation(design: unknown, scenario: SimulationScenario, options: SimulationOptions = {}): SimulationHandle {
  let current = { design: parseDesign(design), scenario: parseScenario(scenario), seed: options.seed ?? DEFAULT_SEED };
  let engine: DesEngine | undefined = createEngine(current.design, current.scenario, current.seed, options.maxEvents ?? DEFAULT_MAX_EVENTS);
  const live = (): DesEngine => {
    if (!engine) throw new SimulationDestroyedError('this simulation was destroyed');
    return engine;
  };
  const progress = (): SimulationProgress => {
    const e = live();
    return { simulatedS: e.now / 1000, events: e.events, buckets: e.bucketsClosed, done: e.done, truncated: e.truncated };
  };
  return {
    step(maxEvents = DEFAULT_CHUNK_EVENTS) {
      live().run(Infinity, maxEvents);
      return progress();
    },
    runUntil(simulatedS) {
      live().run(simulatedS * 1000, Infinity);
      return progress();
    },
    run() {
      const e = live();
      while (!e.done) e.run(Infinity, DEFAULT_CHUNK_EVENTS);
      return buildResult(e);
    },
    progress,
    result: () => buildResult(live()),
    update(next) {
      live();
      current = {
        design: next.design === undefined ? current.design : parseDesign(next.design),
        scenario: next.scenario === undefined ? current.scenario : parseScenario(next.scenario),
        seed: next.seed ?? current.seed,
      };
      engine = createEngine(current.design, current.scenario, current.seed, options.maxEvents ?? DEFAULT_MAX_EVENTS);
    },
    destroy() {
      engine = undefined;
    },
  };
}

/** Runs a whole simulation: identical inputs and seed give an identical result. */
export function simulate(design: unknown, scenario: SimulationScenario, options: SimulationOptions = {}): SimulationResult {
  return createSimulation(design, scenario, options).run();
}

function parseScenario(scenario: SimulationScenario): SimulationScenario {
  const parsed = simulationScenarioSchema.safeParse(scenario);
  if (!parsed.success) {
    throw new SimulationScenarioError(`invalid simulation scenario:\n${parsed.error.issues.map((i) => `- ${fieldOf(i.path.filter((p): p is string | number => typeof p !== 'symbol')) || 'scenario'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

function createEngine(design: DesignDocument, scenario: SimulationScenario, seed: number, maxEvents: number): DesEngine {
  const classIds = new Set(design.classes.map((c) => c.id));
  for (const [field, record] of [['rates', scenario.rates], ['profiles', scenario.profiles]] as const) {
    for (const id of Object.keys(record ?? {})) {
      if (!classIds.has(id)) throw new SimulationScenarioError(`${field}.${id}: no request class '${id}' in the design`);
    }
  }
  const compiled = compileDesign(design, scenario.rates ? { rates: scenario.rates } : {});
  const faults: EngineFault[] = (scenario.faults ?? []).map((fault, i) => {
    const node = compiled.nodeIndex.get(fault.node);
    if (node === undefined) throw new SimulationScenarioError(`faults[${i}].node: no node '${fault.node}' in the design`);
    if (fault.toS < fault.fromS) throw new SimulationScenarioError(`faults[${i}]: toS (${fault.toS}) is before fromS (${fault.fromS})`);
    return { node, fromMs: fault.fromS * 1000, toMs: fault.toS * 1000, instances: fault.instances ?? Infinity };
  });
  const durationMs = scenario.durationS * 1000;
  return new DesEngine({
    design: compiled,
    seed: seed >>> 0,
    durationMs,
    warmupMs: (scenario.warmupS ?? 0) * 1000,
    bucketMs: (scenario.bucketS ?? scenario.durationS / 60) * 1000,
    drainMs: (scenario.drainS ?? DEFAULT_DRAIN_S) * 1000,
    curves: design.classes.map((c) => compileTrafficProfile(scenario.profiles?.[c.id] ?? scenario.profile ?? { kind: 'steady' })),
    rates: compiled.classRate,
    faults,
    maxEvents,
  });
}
