import type { ServiceFaults, ServiceHandle } from '@archlab/lab-kit';

/**
 * A service handle whose faults are remembered, so the runner can bring the service back after a check
 * that broke it and did not mend it (the next check must start from a healthy service).
 */
export class GuardedService implements ServiceHandle {
  private broken: 'killed' | 'paused' | undefined;
  readonly faults: ServiceFaults;

  constructor(
    readonly url: string,
    inner: ServiceFaults,
  ) {
    this.faults = {
      supported: inner.supported,
      kill: async () => {
        this.broken = 'killed';
        await inner.kill();
      },
      pause: async () => {
        this.broken ??= 'paused';
        await inner.pause();
      },
      resume: async () => {
        await inner.resume();
        if (this.broken === 'paused') this.broken = undefined;
      },
      restart: async () => {
        await inner.restart();
        this.broken = undefined;
      },
    };
  }

  async mend(): Promise<void> {
    if (this.broken === 'paused') await this.faults.resume();
    if (this.broken === 'killed') await this.faults.restart();
  }
}
