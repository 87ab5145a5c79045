import { freePort, onTeardown, sleep, waitFor, type ManagedProcess } from '@archlab/proc';
import { ServiceStartError } from './errors.ts';
import type { FaultControls, ServiceName } from './types.ts';

/** How to run one kind of server from local binaries. */
export interface LocalServerSpec {
  service: ServiceName;
  /** Spawns the server listening on 127.0.0.1:`port` (through spawnManaged). */
  spawn(port: number): ManagedProcess;
  /** Resolves true once the server answers on `port`. */
  answers(port: number): Promise<boolean>;
  /**
   * Whether the output of a server that exited shows a failure that clears by itself when tried again
   * shortly: its port still taken, or (PostgreSQL) a killed server's processes still exiting.
   */
  transientFailure(output: string): boolean;
  readyTimeoutMs: number;
  /** Polling interval while waiting for the server to answer. */
  readyIntervalMs: number;
  /** Signals the whole server (kill, pause, resume). Default: its process group. */
  signal?(server: ManagedProcess, signal: NodeJS.Signals): Promise<void>;
  /** A clean shutdown of a running (possibly paused) server. Default: the process group's stop(). */
  shutdown?(server: ManagedProcess): Promise<void>;
  /** Cleans up what a SIGKILLed server could not (e.g. PostgreSQL's SysV segment) when it is not restarted. */
  afterKilled?(): Promise<void>;
  /** Released after the server stopped (its temp dir). */
  release(): Promise<void>;
}

type LaunchOutcome = { server: ManagedProcess } | { transient: boolean; reason: string; logTail: string };

async function launchOnce(spec: LocalServerSpec, port: number, signal?: AbortSignal): Promise<LaunchOutcome> {
  const server = spec.spawn(port);
  const ready = await waitFor(async () => ((await spec.answers(port)) ? true : undefined), {
    timeoutMs: spec.readyTimeoutMs,
    intervalMs: spec.readyIntervalMs,
    stopWhen: () => server.exitInfo() !== undefined || signal?.aborted === true,
  });
  if (ready) return { server };
  const exit = server.exitInfo();
  await server.stop();
  signal?.throwIfAborted();
  const logTail = server.output(40);
  if (!exit) return { transient: false, reason: `no answer within ${spec.readyTimeoutMs} ms`, logTail };
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
  return { transient: spec.transientFailure(logTail), reason: `exited with ${how}`, logTail };
}

/** Restarting on the same port can collide with the dying server for a moment: retry that long. */
const retryWindowMs = 5000;
const retryPauseMs = 50;
/** A free port can be taken by someone else before the server binds it: try this many ports. */
const freshPortAttempts = 3;

async function launchOnPort(spec: LocalServerSpec, port: number, signal?: AbortSignal): Promise<ManagedProcess> {
  const deadline = Date.now() + retryWindowMs;
  for (;;) {
    const outcome = await launchOnce(spec, port, signal);
    if ('server' in outcome) return outcome.server;
    if (!outcome.transient || Date.now() >= deadline) {
      throw new ServiceStartError(spec.service, 'local', `${outcome.reason} on port ${port}`, outcome.logTail);
    }
    await sleep(retryPauseMs, signal);
  }
}

type State = 'running' | 'paused' | 'killed' | 'stopped';

/**
 * A server process on a fixed loopback port that faults can kill, pause and restart. Every operation runs
 * after the previous one finished, so a restart racing a stop cannot leave a server behind.
 */
export class LocalServer {
  private state: State = 'running';
  private queue: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private readonly releaseTeardown: () => Promise<void>;
  readonly faults: FaultControls;

  private constructor(
    private readonly spec: LocalServerSpec,
    readonly port: number,
    private current: ManagedProcess | undefined,
  ) {
    this.releaseTeardown = onTeardown(`local ${spec.service} on port ${port}`, () => this.shutdownNow());
    this.faults = {
      supported: true,
      kill: () => this.serially(() => this.killNow()),
      pause: () => this.serially(() => this.signalIf('running', 'SIGSTOP', 'paused')),
      resume: () => this.serially(() => this.signalIf('paused', 'SIGCONT', 'running')),
      restart: () => this.serially(() => this.restartNow()),
    };
  }

  /** Starts the server on a free port; on failure everything it acquired is released. */
  static async start(spec: LocalServerSpec, signal?: AbortSignal): Promise<LocalServer> {
    try {
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const outcome = await launchOnce(spec, port, signal);
        if ('server' in outcome) return new LocalServer(spec, port, outcome.server);
        if (!outcome.transient || attempt >= freshPortAttempts) {
          throw new ServiceStartError(spec.service, 'local', `${outcome.reason} on port ${port}`, outcome.logTail);
        }
      }
    } catch (error) {
      await spec.release();
      throw error;
    }
  }

  /** False while killed, paused or stopped. */
  get answering(): boolean {
    return this.state === 'running';
  }

  /** Stops the server and releases its files; idempotent. */
  async stop(): Promise<void> {
    await this.releaseTeardown();
    await this.shutdownNow();
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private assertNotStopped(fault: string): void {
    if (this.state === 'stopped') throw new Error(`cannot ${fault} ${this.spec.service}: it was stopped`);
  }

  private async signalServer(server: ManagedProcess, signal: NodeJS.Signals): Promise<void> {
    if (this.spec.signal) await this.spec.signal(server, signal);
    else server.signalGroup(signal);
  }

  private async signalIf(from: State, signal: NodeJS.Signals, to: State): Promise<void> {
    this.assertNotStopped(signal === 'SIGSTOP' ? 'pause' : 'resume');
    if (this.state !== from || !this.current) return;
    await this.signalServer(this.current, signal);
    this.state = to;
  }

  private async killNow(): Promise<void> {
    this.assertNotStopped('kill');
    const server = this.current;
    if (!server) return;
    await this.signalServer(server, 'SIGKILL');
    await server.exited;
    await server.stop();
    this.current = undefined;
    this.state = 'killed';
  }

  private async restartNow(): Promise<void> {
    this.assertNotStopped('restart');
    await this.killNow();
    this.current = await launchOnPort(this.spec, this.port);
    this.state = 'running';
  }

  private shutdownNow(): Promise<void> {
    this.stopping ??= this.serially(async () => {
      const wasKilled = this.state === 'killed';
      this.state = 'stopped';
      const server = this.current;
      this.current = undefined;
      try {
        if (server) await (this.spec.shutdown ? this.spec.shutdown(server) : server.stop().then(() => undefined));
        if (wasKilled) await this.spec.afterKilled?.();
      } finally {
        await this.spec.release();
      }
    });
    return this.stopping;
  }
}
