import { LoadOptionsError } from './errors.ts';
import type { RequestSpec, ResponseCaptureOptions } from './types.ts';

export interface ResolvedTarget {
  /** Normalised, e.g. "http://127.0.0.1:4001". */
  origin: string;
  hostname: string;
  port: number;
  /** Value of the Host header. */
  host: string;
}

export interface CaptureSettings {
  /** Lower-cased. */
  captureHeaders: readonly string[];
  captureBody: boolean;
  maxBodyBytes: number;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY_BYTES = 4096;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH = /^\/[^\s]*$/;
const FIELD_VALUE = /^[^\r\n\0]*$/;
const MANAGED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

/** Parses and caches targets; specs in a run usually share a handful of them. */
export class TargetResolver {
  readonly #byTarget = new Map<string, ResolvedTarget>();

  /** `where` and `index` only name the culprit in the error ("makeRequest(7).target"). */
  resolve(target: string, where: string, index: number): ResolvedTarget {
    const cached = this.#byTarget.get(target);
    if (cached) return cached;
    const resolved = parseTarget(target, `${where}(${index}).target`);
    this.#byTarget.set(target, resolved);
    return resolved;
  }
}

/** Throws LoadOptionsError for a spec that cannot be sent as written ("makeRequest(7).path: ..."). */
export function checkRequestSpec(spec: RequestSpec, where: string, index: number): void {
  const fail = (field: string, problem: string): never => {
    throw new LoadOptionsError(`${where}(${index})${field}`, problem);
  };
  if (typeof spec !== 'object' || spec === null) fail('', `must be a RequestSpec object, got ${String(spec)}`);
  if (typeof spec.target !== 'string') fail('.target', `must be a string, got ${String(spec.target)}`);
  if (typeof spec.path !== 'string' || !PATH.test(spec.path)) {
    fail('.path', `must start with "/" and contain no whitespace, got ${JSON.stringify(spec.path)}`);
  }
  if (spec.method !== undefined && !TOKEN.test(spec.method)) {
    fail('.method', `is not an HTTP method token: ${JSON.stringify(spec.method)}`);
  }
  if (spec.body !== undefined && typeof spec.body !== 'string') fail('.body', 'must be a string');
  if (spec.headers !== undefined) {
    for (const name in spec.headers) {
      const value = spec.headers[name];
      if (!TOKEN.test(name)) fail('.headers', `bad header name ${JSON.stringify(name)}`);
      if (MANAGED_HEADERS.has(name.toLowerCase())) fail('.headers', `"${name}" is managed by the load generator`);
      if (typeof value !== 'string' || !FIELD_VALUE.test(value)) {
        fail('.headers', `bad value for "${name}": ${JSON.stringify(value)}`);
      }
    }
  }
}

export function resolveCaptureSettings(options: ResponseCaptureOptions): CaptureSettings {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new LoadOptionsError('timeoutMs', `must be a finite number > 0, got ${timeoutMs}`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes >= 0)) {
    throw new LoadOptionsError('maxBodyBytes', `must be an integer >= 0, got ${maxBodyBytes}`);
  }
  const captureHeaders = (options.captureHeaders ?? []).map((name) => {
    if (typeof name !== 'string' || !TOKEN.test(name)) {
      throw new LoadOptionsError('captureHeaders', `bad header name ${JSON.stringify(name)}`);
    }
    return name.toLowerCase();
  });
  return { captureHeaders, captureBody: options.captureBody ?? false, maxBodyBytes, timeoutMs };
}

function parseTarget(target: string, option: string): ResolvedTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new LoadOptionsError(option, `is not a URL: ${JSON.stringify(target)}`);
  }
  if (url.protocol !== 'http:') {
    throw new LoadOptionsError(option, `only http: origins are supported, got ${JSON.stringify(target)}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new LoadOptionsError(option, `must be an origin like "http://127.0.0.1:4001" (put the path in "path"), got ${JSON.stringify(target)}`);
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { origin: url.origin, hostname, port: url.port === '' ? 80 : Number(url.port), host: url.host };
}
