/** Heap cap per candidate process; memory is limited through V8, since RLIMIT_AS breaks it. */
const maxOldSpaceMb = 256;

export function candidateNodeArgs(bundlePath: string): string[] {
  return [`--max-old-space-size=${maxOldSpaceMb}`, '--enable-source-maps', bundlePath];
}

/**
 * The candidate's whole environment: only what the contract promises plus what Node needs. Nothing of the
 * grader's own environment leaks in (tokens, service admin URLs).
 */
export function candidateEnv(contract: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    ...contract,
  };
}
