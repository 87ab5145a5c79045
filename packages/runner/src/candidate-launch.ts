import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { SandboxUnavailableError } from './errors.ts';

/**
 * How a candidate process is started. "process": its own process group with resource limits (the local
 * CLI, where the candidate owns the machine). "sandbox": additionally inside bubblewrap (hosted grading):
 * a read-only view of the system, an empty /tmp and home, the lab's folder (reference solution, mutants,
 * checks) hidden, an unprivileged uid, no capabilities, its own pid/ipc/uts namespaces. The network is
 * shared: the candidate must reach the run's Redis/Postgres on loopback and be reachable by the grader.
 */
export type Isolation = 'process' | 'sandbox';

/** Heap cap per candidate process; memory is limited through V8, since RLIMIT_AS breaks it. */
const maxOldSpaceMb = 256;
const nobody = '65534';

export interface LaunchPlan {
  command: string;
  args: string[];
}

export function candidateLaunch(bundlePath: string, isolation: Isolation, hiddenDirs: readonly string[]): LaunchPlan {
  const nodeArgs = [`--max-old-space-size=${maxOldSpaceMb}`, '--enable-source-maps', bundlePath];
  if (isolation === 'process') return { command: process.execPath, args: nodeArgs };
  const bundleDir = dirname(bundlePath);
  return {
    command: 'bwrap',
    args: [
      '--ro-bind', '/', '/',
      '--dev', '/dev',
      '--proc', '/proc',
      '--tmpfs', '/tmp',
      ...hiddenDirs.flatMap((dir) => ['--tmpfs', dir]),
      '--ro-bind', bundleDir, bundleDir,
      '--chdir', bundleDir,
      '--unshare-user', '--uid', nobody, '--gid', nobody,
      '--unshare-pid', '--unshare-ipc', '--unshare-uts',
      '--die-with-parent',
      '--cap-drop', 'ALL',
      '--', process.execPath, ...nodeArgs,
    ],
  };
}

let bwrapChecked = false;

/** Fails closed: a sandboxed run on a machine without bubblewrap is not graded at all. */
export function assertSandboxAvailable(): void {
  if (bwrapChecked) return;
  const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-user', '--', 'true'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new SandboxUnavailableError('sandboxed grading needs bubblewrap (bwrap) with user namespaces: apt-get install -y bubblewrap');
  }
  bwrapChecked = true;
}

/**
 * The candidate's whole environment: only what the contract promises plus what Node needs. Nothing of the
 * grader's own environment leaks in (tokens, service admin URLs).
 */
export function candidateEnv(contract: Record<string, string>, isolation: Isolation): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: isolation === 'sandbox' ? '/tmp' : (process.env.HOME ?? '/tmp'),
    NODE_ENV: 'production',
    ...contract,
  };
}
