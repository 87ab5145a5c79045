import type { CandidateInstance } from '@archlab/lab-kit';
import { freePort, sleep, spawnManaged, type ExitInfo, type ManagedProcess } from '@archlab/proc';
import { candidateEnv, candidateLaunch, type Isolation } from './candidate-launch.ts';
import { CandidateStartError } from './errors.ts';

export interface FleetOptions {
  /** The candidate's compiled bundle (see buildCandidate). */
  bundle: string;
  /** Their working directory: the solution folder. */
  solutionDir: string;
  isolation: Isolation;
  /** Folders a sandboxed candidate must not see (the labs). */
  hiddenDirs: readonly string[];
  count: number;
  /** Contract environment shared by every instance (PORT and INSTANCE_ID are added per instance). */
  env: Record<string, string>;
  healthPath: string;
  startTimeoutMs: number;
  /** Bytes of output kept per instance. */
  outputCapBytes?: number;
}

/** What went wrong with an instance that the grader did not break itself. */
export interface InstanceIncident {
  instance: string;
  exit: ExitInfo;
  logTail: string;
}

const logTailLines = 20;

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

class FleetInstance implements CandidateInstance {
  private process: ManagedProcess | undefined;
  /** Set when the grader itself stopped or killed it, so its death is not the candidate's fault. */
  private faultedByGrader = false;
  private reportedExit = false;

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly options: FleetOptions,
  ) {}

  get id(): string {
    return `i${this.index + 1}`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  alive(): boolean {
    return this.process !== undefined && this.process.exitInfo() === undefined;
  }

  logs(lines = logTailLines): string {
    return this.process?.output(lines) ?? '';
  }

  signal(signal: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL' | 'SIGTERM'): void {
    if (signal === 'SIGKILL' || signal === 'SIGTERM') this.faultedByGrader = true;
    this.process?.signalGroup(signal);
  }

  async start(): Promise<void> {
    const { options } = this;
    this.faultedByGrader = false;
    this.reportedExit = false;
    const launch = candidateLaunch(options.bundle, options.isolation, options.hiddenDirs);
    this.process = spawnManaged(launch.command, launch.args, {
      label: `candidate ${this.id}`,
      cwd: options.solutionDir,
      env: candidateEnv({ ...options.env, PORT: String(this.port), INSTANCE_ID: this.id }, options.isolation),
      outputCapBytes: options.outputCapBytes ?? 128 * 1024,
      graceMs: 1000,
    });
    await this.waitHealthy();
  }

  private async waitHealthy(): Promise<void> {
    const child = this.process!;
    const url = `${this.origin}${this.options.healthPath}`;
    const deadline = Date.now() + this.options.startTimeoutMs;
    while (Date.now() < deadline) {
      const exit = child.exitInfo();
      if (exit) {
        throw new CandidateStartError({
          instance: this.id,
          reason: 'exited',
          detail: `${describeExit(exit)} before answering GET ${this.options.healthPath}`,
          logTail: child.output(logTailLines),
        });
      }
      if (await answersHealth(url)) return;
      await sleep(50);
    }
    throw new CandidateStartError({
      instance: this.id,
      reason: 'no-health',
      detail: `did not answer GET ${this.options.healthPath} with 200 within ${this.options.startTimeoutMs} ms`,
      logTail: child.output(logTailLines),
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * Lets a death that just happened be seen: an instance whose health probe fails gets a moment for its
   * exit to be reported, since the process's exit event can trail the last failed request by a few ms.
   */
  async settle(): Promise<void> {
    const child = this.process;
    if (!child || child.exitInfo() || this.faultedByGrader) return;
    if (await answersHealth(`${this.origin}${this.options.healthPath}`)) return;
    await Promise.race([child.exited, sleep(1000)]);
  }

  /** An exit the grader did not cause, reported once. */
  takeIncident(): InstanceIncident | undefined {
    const exit = this.process?.exitInfo();
    if (!exit || this.faultedByGrader || this.reportedExit) return undefined;
    this.reportedExit = true;
    return { instance: this.id, exit, logTail: this.logs() };
  }

  async stop(): Promise<void> {
    this.faultedByGrader = true;
    await this.process?.stop();
  }
}

/** The candidate's service instances, started in parallel and kept healthy between checks. */
export class CandidateFleet {
  private constructor(readonly instances: readonly FleetInstance[]) {}

  static async start(options: FleetOptions): Promise<CandidateFleet> {
    const ports = await Promise.all(Array.from({ length: options.count }, () => freePort()));
    const fleet = new CandidateFleet(ports.map((port, index) => new FleetInstance(index, port, options)));
    const started = await Promise.allSettled(fleet.instances.map((instance) => instance.start()));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await fleet.stop();
      throw failure.reason;
    }
    return fleet;
  }

  /** Exits since the last call that the grader did not cause. */
  async takeIncidents(): Promise<InstanceIncident[]> {
    await Promise.all(this.instances.map((instance) => instance.settle()));
    return this.instances.flatMap((instance) => instance.takeIncident() ?? []);
  }

  /** Restarts instances that are down (crashed, or killed on purpose by the last check). */
  async heal(): Promise<void> {
    for (const instance of this.instances) {
      instance.signal('SIGCONT');
      if (!instance.alive()) await instance.restart();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
  }
}

export function describeIncident(incident: InstanceIncident): string {
  return `instance ${incident.instance} ${describeExit(incident.exit)} during the check`;
}
