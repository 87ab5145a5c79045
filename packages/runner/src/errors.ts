/** Bad input from the person running us (unknown lab, missing folder): exit 2, nothing was graded. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface StartFailure {
  instance: string;
  reason: 'build' | 'exited' | 'no-health';
  detail: string;
  logTail: string;
}

/** The solution did not come up (did not compile, crashed, or never answered its health path): exit 2 with its output. */
export class CandidateStartError extends Error {
  override readonly name = 'CandidateStartError';
  constructor(readonly failure: StartFailure) {
    super(failure.reason === 'build' ? failure.detail : `${failure.instance}: ${failure.detail}`);
  }
}

/** Sandboxed grading was asked for and this machine cannot provide it: could not grade (exit 2). */
export class SandboxUnavailableError extends Error {
  override readonly name = 'SandboxUnavailableError';
}
