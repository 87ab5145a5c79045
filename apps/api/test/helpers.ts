import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSolutionFiles, type SolutionFile } from '@archlab/runner';
import { sharedPostgres, startRedis, type RedisInstance } from '@archlab/services';
import {
  createApi,
  createPool,
  migrate,
  type Api,
  type ApiOptions,
  type ErrorBody,
  type Pool,
  type StoredEvent,
  type SubmissionView,
} from '../src/index.ts';

/** Either answer of the API, typed loosely on purpose: a test reads the fields of the shape it expects. */
export type Answer = SubmissionView & ErrorBody;

export interface Stores {
  databaseUrl: string;
  redis: RedisInstance;
  pool: Pool;
  close(): Promise<void>;
}

/** A fresh, migrated database and a fresh Redis, for one test. */
export async function freshStores(): Promise<Stores> {
  const server = await sharedPostgres();
  const database = await server.createDatabase();
  const redis = await startRedis().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const pool = createPool(database.url, { max: 4 });
  const close = async () => {
    await pool.end().catch(() => undefined);
    await redis.stop();
    await database.drop();
  };
  try {
    await migrate(pool);
  } catch (error) {
    await close();
    throw error;
  }
  return { databaseUrl: database.url, redis, pool, close };
}

export interface TestApi {
  api: Api;
  url: string;
}

export async function startTestApi(stores: Stores, options: Partial<ApiOptions> = {}): Promise<TestApi> {
  const api = await createApi({ databaseUrl: stores.databaseUrl, redisUrl: stores.redis.url, submissionsPerMinute: 1000, ...options });
  try {
    return { api, url: await api.listen(0) };
  } catch (error) {
    await api.close();
    throw error;
  }
}

const labsDir = fileURLToPath(new URL('../../../labs/', import.meta.url));

/** A folder of a lab (solution, starter) as submission files. */
export function labFiles(lab: string, folder: string): SolutionFile[] {
  return readSolutionFiles(join(labsDir, lab, folder));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Answer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as Answer };
}

export async function countRows(pool: Pool, table: 'submissions' | 'reports' | 'submission_events'): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return (rows[0] as { n: number }).n;
}

export interface SseFrame {
  id?: number;
  event: string;
  /** A stored event (`progress`) or the submission (`result`). */
  data: Partial<StoredEvent> & Partial<SubmissionView>;
}

/** Reads an SSE stream until it ends (or `timeoutMs` passes, which throws), parsed into frames. */
export async function readSse(
  url: string,
  options: { headers?: Record<string, string>; timeoutMs?: number; onFrame?: (frame: SseFrame) => void } = {},
): Promise<SseFrame[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`SSE ${url} did not end within ${options.timeoutMs ?? 30_000} ms`)), options.timeoutMs ?? 30_000);
  const frames: SseFrame[] = [];
  try {
    const response = await fetch(url, { headers: options.headers ?? {}, signal: controller.signal });
    if (response.status !== 200) throw new Error(`SSE ${url}: HTTP ${response.status} ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of raw.split('\n')) {
          const match = /^([a-z]+): ?(.*)$/.exec(line);
          if (match?.[1]) fields.set(match[1], match[2] ?? '');
        }
        if (!fields.has('data')) continue;
        const frame: SseFrame = {
          event: fields.get('event') ?? 'message',
          data: JSON.parse(fields.get('data') ?? 'null') as SseFrame['data'],
          ...(fields.has('id') ? { id: Number(fields.get('id')) } : {}),
        };
        frames.push(frame);
        options.onFrame?.(frame);
      }
    }
    return frames;
  } finally {
    clearTimeout(timer);
  }
}
