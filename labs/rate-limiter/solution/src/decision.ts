/** What a limiter decides for one request. */
export interface Decision {
  allowed: boolean;
  /** Requests still allowed right now. */
  remaining: number;
  /** Until the key is back to its full quota. */
  resetMs: number;
  /** Until the next request would be allowed (0 when allowed). */
  retryAfterMs: number;
}

export type Limiter = (key: string) => Promise<Decision>;
