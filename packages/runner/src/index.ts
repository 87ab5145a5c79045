export { runLab, checkSolutionDir } from './run-lab.ts';
export type { RunLabOptions } from './run-lab.ts';
export type { RunEvent } from './events.ts';
export { UsageError, CandidateStartError, SandboxUnavailableError } from './errors.ts';
export type { Isolation } from './candidate-launch.ts';
export type { StartFailure } from './errors.ts';
export { listLabIds, loadLab, loadAllLabs, defaultLabsDir } from './discover-labs.ts';
export { validateLab, validationCases } from './validate-lab.ts';
export type { ValidationResult, ValidationCaseResult, ValidationAttempt, ValidationCase } from './validate-lab.ts';
