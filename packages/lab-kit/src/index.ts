export { defineLab, defineCheck, LabDefinitionError } from './define.ts';
export type { LabDefinition, CheckDefinition, CandidateContract, LabProfile, ProfileName } from './define.ts';
export type { CheckContext, CandidateInstance, ServiceHandle, ServiceFaults, LoadGenerator } from './context.ts';
export { pass, fail, CouldNotGradeError } from './outcome.ts';
export type { CheckOutcome, Evidence } from './outcome.ts';
export { createRng, deriveSeed } from './rng.ts';
export type { Rng } from './rng.ts';
export { reportSchema, checkResultSchema, checkStatusSchema, verdictSchema, verdictOf } from './report.ts';
export type { Report, CheckResult, CheckStatus, Verdict } from './report.ts';
