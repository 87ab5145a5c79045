import { spawn } from 'node:child_process';
import { OutputTail } from './output-tail.ts';
import { reaperRegistry } from './reaper.ts';
import { onTeardown } from './teardown.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnManagedOptions {
  /** Shown in teardown problems and errors. */
  label: string;
  cwd?: string;
  /** The child's whole environment (nothing is inherited unless you pass it). Default: this process's env. */
  env?: NodeJS.ProcessEnv;
  /** Run as this user (root only), switching uid/gid with setpriv so the child is not wrapped by a session. */
  runAs?: string;
  /** Bytes of combined stdout+stderr kept (the tail). Default 256 KiB. */
  outputCapBytes?: number;
  /** Called with each output chunk, e.g. to watch for a readiness line. */
  onOutput?: (chunk: Buffer) => void;
  /** SIGTERM -> SIGKILL grace used at teardown. Default 2000 ms. */
  graceMs?: number;
}

export interface ManagedProcess {
  readonly label: string;
  /** The child's pid, which is also its process group id. */
  readonly pid: number;
  /** Resolves when the group leader exits. */
  readonly exited: Promise<ExitInfo>;
  /** Undefined while running. */
  exitInfo(): ExitInfo | undefined;
  /** Sends a signal to the whole process group; false if the group is gone. */
  signalGroup(signal: NodeJS.Signals): boolean;
  /** SIGCONT + SIGTERM to the group, SIGKILL after the grace period; idempotent. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** The kept output tail (optionally only the last `lines` lines). */
  output(lines?: number): string;
  readonly outputDroppedBytes: number;
}

/**
 * Starts a process in its own process group (so its children can be signalled and killed with it, and a
 * terminal's Ctrl-C reaches us first), registers its teardown at once, and tells the reaper about it.
 */
export function spawnManaged(command: string, args: readonly string[], options: SpawnManagedOptions): ManagedProcess {
  const [cmd, argv] = options.runAs
    ? ['setpriv', ['--reuid', options.runAs, '--regid', options.runAs, '--init-groups', '--', command, ...args]]
    : [command, [...args]];
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new OutputTail(options.outputCapBytes ?? 256 * 1024);
  const onChunk = (chunk: Buffer) => {
    tail.push(chunk);
    options.onOutput?.(chunk);
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);

  let info: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.on('error', (error) => {
      tail.push(Buffer.from(`${options.label}: could not start ${command}: ${error.message}\n`));
      info ??= { code: 127, signal: null };
      resolve(info);
    });
    child.on('exit', (code, signal) => {
      info = { code, signal };
      resolve(info);
    });
  });

  const pid = child.pid ?? -1;
  if (pid > 0) reaperRegistry.trackGroup(pid);

  const signalGroup = (signal: NodeJS.Signals): boolean => {
    if (pid <= 0) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };

  let stopping: Promise<ExitInfo> | undefined;
  const stop = (graceMs = options.graceMs ?? 2000): Promise<ExitInfo> => {
    stopping ??= (async () => {
      signalGroup('SIGCONT');
      signalGroup('SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
      await Promise.race([exited, timer]);
      // The leader may be gone while children it started linger in the group: always sweep it.
      signalGroup('SIGKILL');
      const result = await exited;
      if (pid > 0) reaperRegistry.forgetGroup(pid);
      return result;
    })();
    return stopping;
  };
  const release = onTeardown(`process ${options.label} (pid ${pid})`, () => stop());

  return {
    label: options.label,
    pid,
    exited,
    exitInfo: () => info,
    signalGroup,
    stop: async (graceMs?: number) => {
      const result = await stop(graceMs);
      await release();
      return result;
    },
    output: (lines?: number) => tail.text(lines),
    get outputDroppedBytes() {
      return tail.droppedBytes;
    },
  };
}
