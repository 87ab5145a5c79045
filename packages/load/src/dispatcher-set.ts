import type { Dispatcher } from 'undici';

/** The dispatchers of one run, one per origin, created on first use and all destroyed together. */
export class DispatcherSet<D extends Dispatcher> {
  readonly #byOrigin = new Map<string, D>();
  readonly #create: (origin: string) => D;

  constructor(create: (origin: string) => D) {
    this.#create = create;
  }

  get(origin: string): D {
    let dispatcher = this.#byOrigin.get(origin);
    if (!dispatcher) {
      dispatcher = this.#create(origin);
      this.#byOrigin.set(origin, dispatcher);
    }
    return dispatcher;
  }

  /** Destroy, not close: every exchange has settled by now, and a late one must not keep a socket open. */
  async destroyAll(): Promise<void> {
    const dispatchers = [...this.#byOrigin.values()];
    this.#byOrigin.clear();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy()));
  }
}
