export type Evidence = Record<string, unknown>;

export interface CheckOutcome {
  status: 'pass' | 'fail';
  /** Evidence first: what was observed against what was allowed. */
  message: string;
  evidence?: Evidence;
}

export function pass(message: string, evidence?: Evidence): CheckOutcome {
  return { status: 'pass', message, ...(evidence ? { evidence } : {}) };
}

export function fail(message: string, evidence?: Evidence): CheckOutcome {
  return { status: 'fail', message, ...(evidence ? { evidence } : {}) };
}

/**
 * Thrown by a check when the platform, not the candidate, is at fault (a service we own did not come back,
 * the load generator could not run). The check ends as "error" and never costs the candidate points.
 */
export class CouldNotGradeError extends Error {
  override readonly name = 'CouldNotGradeError';
}
