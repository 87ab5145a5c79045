// A design challenge as a file: the brief, the traffic the grader applies (the design's own
// rates are ignored), the SLOs, the budget, the faults to survive and the constraints. Every
// graded item carries its points and a hint next to it.
import { z } from 'zod';
import { componentTypes } from '../model/catalogue.ts';
import type { ComponentType } from '../model/catalogue.ts';
import { idSchema, propsSchemaFor } from '../model/schema.ts';
import type { DocumentProps } from '../model/schema.ts';
import { trafficProfileSchema } from '../model/traffic-profile.ts';

export const CURRENT_SCENARIO_VERSION = 1;

const graded = {
  /** Check id suffix; default derived from the item (e.g. "read-p99"). */
  id: idSchema.optional(),
  /** Default 10. */
  points: z.number().int().min(0).max(1000).optional(),
  hint: z.string().max(2000).optional(),
};

export const sloSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('latency'),
    class: idSchema,
    percentile: z.union([z.literal(50), z.literal(95), z.literal(99)]),
    maxMs: z.number().positive(),
    /** "response": what the caller waits for; "completion": until asynchronous work is done too. Default "response". */
    measure: z.enum(['response', 'completion']).optional(),
    ...graded,
  }),
  z.strictObject({ kind: z.literal('error-rate'), class: idSchema, max: z.number().min(0).max(1), ...graded }),
  z.strictObject({ kind: z.literal('availability'), class: idSchema, min: z.number().min(0).max(1), ...graded }),
  z.strictObject({ kind: z.literal('duplicate-rate'), class: idSchema, max: z.number().min(0).max(1), ...graded }),
]);

export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** N+1: each self-managed box in turn loses one instance (a SQL primary fails over if it can). */
    kind: z.literal('any-single-instance'),
    /** Highest error rate any class may reach meanwhile. Default 0.001. */
    maxErrorRate: z.number().min(0).max(1).optional(),
    ...graded,
  }),
  z.strictObject({
    /** Each self-managed box in turn goes down entirely. */
    kind: z.literal('any-single-node'),
    maxErrorRate: z.number().min(0).max(1).optional(),
    ...graded,
  }),
  z.strictObject({
    /** Every box of this type is down during [fromS, toS] of the simulation; the SLOs are judged with it. */
    kind: z.literal('component-down'),
    type: z.enum(componentTypes),
    fromS: z.number().min(0),
    toS: z.number().min(0),
  }),
]);

export const constraintSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('max-utilisation'), max: z.number().positive().max(1), ...graded }),
  z.strictObject({ kind: z.literal('allowed-components'), types: z.array(z.enum(componentTypes)).min(1), ...graded }),
]);

export const scenarioClassSchema = z.strictObject({
  id: idSchema,
  label: z.string().max(200).optional(),
  rate: z.number().min(0),
  kind: z.enum(['read', 'write']).optional(),
  keys: z.number().int().min(1).optional(),
  /** This class's own traffic shape, replacing the scenario's. */
  profile: trafficProfileSchema.optional(),
});

/**
 * Workload facts the candidate does not choose (how long a query takes, how cacheable the data
 * is), per component type. The grader writes them over the design's own values.
 */
export const assumptionsSchema = z.strictObject(
  Object.fromEntries(componentTypes.map((type) => [type, propsSchemaFor(type).optional()])) as Record<ComponentType, z.ZodOptional<z.ZodType<DocumentProps>>>,
);

export const scenarioSchema = z.strictObject({
  version: z.literal(CURRENT_SCENARIO_VERSION),
  id: idSchema,
  title: z.string().min(1).max(200),
  /** Markdown shown to the candidate. */
  brief: z.string().min(1).max(20_000),
  traffic: z.strictObject({
    classes: z.array(scenarioClassSchema).min(1),
    profile: trafficProfileSchema.optional(),
  }),
  simulation: z.strictObject({
    durationS: z.number().positive().max(3600),
    warmupS: z.number().min(0).optional(),
    bucketS: z.number().positive().optional(),
  }),
  assumptions: assumptionsSchema.optional(),
  slos: z.array(sloSchema).min(1),
  budget: z.strictObject({ maxMonthlyUsd: z.number().positive(), ...graded }).optional(),
  faults: z.array(faultSpecSchema).optional(),
  constraints: z.array(constraintSchema).optional(),
});

export type Slo = z.infer<typeof sloSchema>;
export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type Constraint = z.infer<typeof constraintSchema>;
export type ScenarioClass = z.infer<typeof scenarioClassSchema>;
export type ChallengeScenario = z.infer<typeof scenarioSchema>;
/** A scenario as written (before defaults). */
export type ChallengeScenarioInput = z.input<typeof scenarioSchema>;
