// What the Run button simulates: a traffic shape over the design's own class rates, a duration, a
// seed, and the failures the user scheduled. Turned into the engine's scenario here.
import type { NodeFault, SimulationScenario, TrafficProfile } from '@archlab/sim';

export const trafficShapes = ['steady', 'spike', 'ramp'] as const;
export type TrafficShape = (typeof trafficShapes)[number];

export const trafficShapeLabels: Record<TrafficShape, string> = {
  steady: 'Steady',
  spike: 'Spike (3× for a fifth of the run)',
  ramp: 'Ramp (1× to 3×)',
};

export interface SimulationSettings {
  shape: TrafficShape;
  /** Virtual seconds of traffic. */
  durationS: number;
  seed: number;
}

export const defaultSimulationSettings: SimulationSettings = { shape: 'steady', durationS: 60, seed: 1 };

/** Longest run the canvas offers, virtual seconds. */
export const MAX_DURATION_S = 600;
/** Buckets on the timeline (the engine's default is the same). */
const TIMELINE_BUCKETS = 60;
const SPIKE_MULTIPLIER = 3;

export function trafficProfile(shape: TrafficShape, durationS: number): TrafficProfile {
  switch (shape) {
    case 'steady':
      return { kind: 'steady' };
    case 'spike':
      return { kind: 'spike', multiplier: SPIKE_MULTIPLIER, startS: round(durationS * 0.4), durationS: round(durationS * 0.2) };
    case 'ramp':
      return { kind: 'ramp', fromMultiplier: 1, toMultiplier: SPIKE_MULTIPLIER, startS: 0, endS: round(durationS * 0.8) };
  }
}

export function simulationScenario(settings: SimulationSettings, faults: readonly NodeFault[], rates?: Record<string, number>): SimulationScenario {
  return {
    durationS: settings.durationS,
    warmupS: Math.min(5, settings.durationS / 10),
    bucketS: settings.durationS / TIMELINE_BUCKETS,
    profile: trafficProfile(settings.shape, settings.durationS),
    faults: faults.map((f) => ({ ...f })),
    ...(rates ? { rates } : {}),
  };
}

/** Nodes down at virtual time t under a scenario's faults (whole-node faults only). */
export function nodesDownAt(faults: readonly NodeFault[], t: number): Set<string> {
  return new Set(faults.filter((f) => f.instances === undefined && t >= f.fromS && t < f.toS).map((f) => f.node));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
