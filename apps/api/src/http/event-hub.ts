import type { Redis } from 'ioredis';
import { submissionChannel } from '../grading-queue.ts';

/** Nudges for live SSE streams: Postgres holds the events, Redis pub/sub only says "look again". */
export interface SubmissionEventHub {
  /** Calls `onNudge` whenever a worker announces news for the submission; returns the unsubscribe. */
  watch(submissionId: string, onNudge: () => void): () => void;
  close(): Promise<void>;
}

/**
 * One subscriber connection for every stream of this API process, one Redis subscription per watched
 * submission. ioredis resubscribes after a reconnect; what is published meanwhile is caught by the streams'
 * periodic poll.
 */
export function createEventHub(subscriber: Redis): SubmissionEventHub {
  const watchers = new Map<string, Set<() => void>>();
  subscriber.on('message', (channel: string) => {
    for (const nudge of watchers.get(channel) ?? []) nudge();
  });
  return {
    watch(submissionId, onNudge) {
      const channel = submissionChannel(submissionId);
      let set = watchers.get(channel);
      if (!set) {
        set = new Set();
        watchers.set(channel, set);
        subscriber.subscribe(channel).catch(() => undefined);
      }
      set.add(onNudge);
      return () => {
        const current = watchers.get(channel);
        if (!current?.delete(onNudge) || current.size > 0) return;
        watchers.delete(channel);
        subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
    async close() {
      watchers.clear();
      subscriber.disconnect();
    },
  };
}
