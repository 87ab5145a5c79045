import type { burst, runClosedLoop, runOpenLoop } from '@archlab/load';
import type { Rng } from './rng.ts';

/** One running instance of the candidate's service, owned by the runner. */
export interface CandidateInstance {
  /** 0-based position. */
  readonly index: number;
  /** The INSTANCE_ID it was given. */
  readonly id: string;
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly port: number;
  alive(): boolean;
  /** The tail of its stdout+stderr. */
  logs(lines?: number): string;
  /**
   * Signals its whole process group. Faults injected through here are known to the runner, so an
   * instance the grader killed is never blamed on the candidate.
   */
  signal(signal: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL' | 'SIGTERM'): void;
  /** Starts it again with the same port and environment and waits until it is healthy. */
  restart(): Promise<void>;
}

/** Fault controls of a service the runner started (unsupported for external services). */
export interface ServiceFaults {
  readonly supported: boolean;
  kill(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Back on the same port, empty. */
  restart(): Promise<void>;
}

export interface ServiceHandle {
  readonly url: string;
  readonly faults: ServiceFaults;
}

/** Load generation, already bound to the check's abort signal. */
export interface LoadGenerator {
  openLoop: typeof runOpenLoop;
  closedLoop: typeof runClosedLoop;
  burst: typeof burst;
}

export interface CheckContext<P> {
  readonly lab: string;
  readonly profile: string;
  readonly params: P;
  /** The run's seed; `rng` is this check's own stream derived from it. */
  readonly seed: number;
  readonly rng: Rng;
  readonly instances: readonly CandidateInstance[];
  readonly services: { readonly redis?: ServiceHandle; readonly postgres?: ServiceHandle };
  readonly load: LoadGenerator;
  /** Aborted when the check times out or the run is interrupted. */
  readonly signal: AbortSignal;
  /** Live progress for the person waiting ("burst 3/8"); fraction in [0, 1] when known. */
  progress(message: string, fraction?: number): void;
  sleep(ms: number): Promise<void>;
}
