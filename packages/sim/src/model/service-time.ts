// Service-time distributions shared by both engines. Only the first two moments matter to the
// analytic engine (M/G/c via Allen-Cunneen); the discrete-event engine samples the real shape.
import { z } from 'zod';

export const serviceTimeSchema = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('exponential'), meanMs: z.number().positive() }),
  z.strictObject({
    dist: z.literal('lognormal'),
    meanMs: z.number().positive(),
    /** Coefficient of variation (standard deviation / mean). */
    cv: z.number().positive().max(20),
  }),
  z.strictObject({ dist: z.literal('deterministic'), valueMs: z.number().positive() }),
]);

export type ServiceTime = z.infer<typeof serviceTimeSchema>;

export function serviceMeanMs(time: ServiceTime): number {
  return time.dist === 'deterministic' ? time.valueMs : time.meanMs;
}

/** Squared coefficient of variation: 1 for exponential, 0 for deterministic. */
export function serviceScv(time: ServiceTime): number {
  if (time.dist === 'exponential') return 1;
  if (time.dist === 'deterministic') return 0;
  return time.cv * time.cv;
}
