// What a simulation run is asked to do: how long, which traffic shape, which faults. Validated
// like a design, because it also arrives from the canvas or a scenario file.
import { z } from 'zod';
import { idSchema } from '../model/schema.ts';
import { trafficProfileSchema } from '../model/traffic-profile.ts';

export const nodeFaultSchema = z.strictObject({
  node: idSchema,
  fromS: z.number().min(0),
  toS: z.number().min(0),
  /** Instances lost; default: all of them (the node is down). */
  instances: z.number().int().min(1).optional(),
});

export const simulationScenarioSchema = z
  .strictObject({
    /** Virtual seconds of traffic. */
    durationS: z.number().positive().max(86_400),
    /** Leading seconds left out of the summaries (queues filling up). Default 0. */
    warmupS: z.number().min(0).optional(),
    /** Width of one time-series bucket, s. Default: durationS / 60. */
    bucketS: z.number().positive().optional(),
    /** After the traffic stops, virtual seconds allowed for requests in flight to finish. Default 30. */
    drainS: z.number().min(0).max(86_400).optional(),
    /** Rate multiplier over time. Default steady. */
    profile: trafficProfileSchema.optional(),
    /** Per-class profiles by class id, replacing `profile` for those classes. */
    profiles: z.record(z.string(), trafficProfileSchema).optional(),
    /** Replace class rates (requests/s) by class id. */
    rates: z.record(z.string(), z.number().min(0)).optional(),
    faults: z.array(nodeFaultSchema).optional(),
  })
  .refine((s) => (s.warmupS ?? 0) < s.durationS, { message: 'warmupS must be shorter than durationS', path: ['warmupS'] })
  .refine((s) => s.durationS / (s.bucketS ?? s.durationS / 60) <= 100_000, { message: 'at most 100000 buckets', path: ['bucketS'] });

export type NodeFault = z.infer<typeof nodeFaultSchema>;
export type SimulationScenario = z.infer<typeof simulationScenarioSchema>;

export interface SimulationOptions {
  /** Seed of every random stream. Default 1. */
  seed?: number;
  /** Stop (marking the result truncated) after this many events. Default 200 million. */
  maxEvents?: number;
}
