// One process-wide registry: whoever acquires a resource registers its release at once (STYLE habit 8), and
// every exit path (normal end, Ctrl-C, SIGTERM, an uncaught error) runs the releases newest-first.
type Release = () => unknown;

const releases = new Map<number, { label: string; release: Release }>();
let nextId = 0;
let running: Promise<void> | undefined;
let handlersInstalled = false;

/** Registers a release; returns a function that runs it now (once) and forgets it. */
export function onTeardown(label: string, release: Release): () => Promise<void> {
  const id = nextId++;
  releases.set(id, { label, release });
  return async () => {
    const entry = releases.get(id);
    if (!entry) return;
    releases.delete(id);
    await entry.release();
  };
}

/** Runs every registered release, newest first. Errors are collected, never stop the others. */
export function teardownAll(): Promise<void> {
  running ??= (async () => {
    const entries = [...releases.entries()].reverse();
    releases.clear();
    const failures: string[] = [];
    for (const [, { label, release }] of entries) {
      try {
        await release();
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) process.stderr.write(`teardown problems:\n  ${failures.join('\n  ')}\n`);
  })().finally(() => {
    running = undefined;
  });
  return running;
}

export function pendingTeardowns(): string[] {
  return [...releases.values()].map((entry) => entry.label);
}

const exitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Tears everything down on Ctrl-C, SIGTERM and SIGHUP, then exits with 128+signal. A second Ctrl-C while
 * tearing down exits at once (the reaper still cleans up). Call once from an entry point (CLI, app).
 */
export function installInterruptHandlers(options: { onSignal?: (signal: NodeJS.Signals) => void } = {}): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let interrupted = false;
  for (const signal of Object.keys(exitCodes) as NodeJS.Signals[]) {
    process.on(signal, () => {
      const code = exitCodes[signal] ?? 1;
      if (interrupted) process.exit(code);
      interrupted = true;
      options.onSignal?.(signal);
      void teardownAll().finally(() => process.exit(code));
    });
  }
}
