// Traffic over time as a multiplier of each class's base rate. Every profile compiles to one
// piecewise-linear curve, so both engines (and the grader's "peak" analysis) read the same thing.
import { z } from 'zod';

const multiplier = z.number().min(0).max(1000);
const seconds = z.number().min(0);

export const trafficProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('steady') }),
  z.strictObject({ kind: z.literal('ramp'), fromMultiplier: multiplier, toMultiplier: multiplier, startS: seconds, endS: seconds }),
  z.strictObject({ kind: z.literal('spike'), multiplier, startS: seconds, durationS: z.number().positive() }),
  z.strictObject({
    kind: z.literal('piecewise'),
    points: z.array(z.strictObject({ atS: seconds, multiplier })).min(1),
  }),
]);

export type TrafficProfile = z.infer<typeof trafficProfileSchema>;

export interface TrafficCurve {
  /** Breakpoint times (s), non-decreasing; equal neighbours make a step. */
  readonly times: Float64Array;
  readonly multipliers: Float64Array;
  readonly peak: number;
}

export function compileTrafficProfile(profile: TrafficProfile): TrafficCurve {
  const points: [number, number][] = (() => {
    switch (profile.kind) {
      case 'steady':
        return [[0, 1]];
      case 'ramp':
        return [[0, profile.fromMultiplier], [profile.startS, profile.fromMultiplier], [Math.max(profile.startS, profile.endS), profile.toMultiplier]];
      case 'spike': {
        const end = profile.startS + profile.durationS;
        return [[0, 1], [profile.startS, 1], [profile.startS, profile.multiplier], [end, profile.multiplier], [end, 1]];
      }
      case 'piecewise':
        return [...profile.points].sort((a, b) => a.atS - b.atS).map((p): [number, number] => [p.atS, p.multiplier]);
    }
  })();
  const times = Float64Array.from(points, (p) => p[0]);
  const multipliers = Float64Array.from(points, (p) => p[1]);
  return { times, multipliers, peak: Math.max(...multipliers) };
}

/** The multiplier at time t (s): linear between breakpoints, flat before the first and after the last. */
export function multiplierAt(curve: TrafficCurve, t: number): number {
  const { times, multipliers } = curve;
  const last = times.length - 1;
  if (t < times[0]!) return multipliers[0]!;
  if (t >= times[last]!) return multipliers[last]!;
  let i = 0;
  while (i < last && times[i + 1]! <= t) i++;
  const t0 = times[i]!;
  const t1 = times[i + 1]!;
  const m0 = multipliers[i]!;
  const m1 = multipliers[i + 1]!;
  return t1 === t0 ? m1 : m0 + ((m1 - m0) * (t - t0)) / (t1 - t0);
}
