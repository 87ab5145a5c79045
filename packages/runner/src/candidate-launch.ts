import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
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

/** bubblewrap's flags for one candidate: everything but the command. */
function sandboxFlags(bundleDir: string, hiddenDirs: readonly string[]): string[] {
  return [
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
  ];
}

export function candidateLaunch(bundlePath: string, isolation: Isolation, hiddenDirs: readonly string[]): LaunchPlan {
  const nodeArgs = [`--max-old-space-size=${maxOldSpaceMb}`, '--enable-source-maps', bundlePath];
  if (isolation === 'process') return { command: process.execPath, args: nodeArgs };
  return { command: 'bwrap', args: [...sandboxFlags(dirname(bundlePath), hiddenDirs), '--', process.execPath, ...nodeArgs] };
}

let sandboxChecked = false;

/**
 * Fails closed, and before any candidate starts: a sandbox that cannot be set up here (no bubblewrap, no
 * user namespaces, no /proc mount in a container) must be "could not grade", never a candidate who "did
 * not start". Probed with the very flags a candidate gets.
 */
export function assertSandboxAvailable(): void {
  if (sandboxChecked) return;
  const probe = spawnSync('bwrap', [...sandboxFlags(tmpdir(), [homedir()]), '--', process.execPath, '-e', ''], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new SandboxUnavailableError(
      'sandboxed grading needs bubblewrap (bwrap) able to create user, pid and mount namespaces here: apt-get install -y bubblewrap',
    );
  }
  sandboxChecked = true;
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
