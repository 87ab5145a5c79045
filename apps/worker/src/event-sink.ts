import type { Redis } from 'ioredis';
import { appendEvent, submissionChannel, type GradingEvent, type Pool } from '@archlab/api';
import { describe, type Log } from './log.ts';

export interface EventSink {
  push(event: GradingEvent): void;
  /** Resolves once every pushed event is stored (or given up on). */
  flush(): Promise<void>;
}

/**
 * Stores a run's events in order and nudges live streams through Redis pub/sub. Progress is best effort:
 * a lost event never fails a grading (the result is what counts), so failures are logged once.
 */
export function createEventSink(options: { pool: Pool; publisher: Redis; submissionId: string; run: number; log: Log }): EventSink {
  const channel = submissionChannel(options.submissionId);
  let chain = Promise.resolve();
  let warned = false;
  return {
    push(event) {
      chain = chain
        .then(async () => {
          const id = await appendEvent(options.pool, options.submissionId, options.run, event);
          await options.publisher.publish(channel, String(id)).catch(() => undefined);
        })
        .catch((error: unknown) => {
          if (!warned) options.log.warn('progress event not stored', { submission: options.submissionId, error: describe(error) });
          warned = true;
        });
    },
    flush: () => chain,
  };
}
