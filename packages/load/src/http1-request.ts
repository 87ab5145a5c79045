import type { ResolvedTarget } from './request-spec.ts';
import type { RequestSpec } from './types.ts';

/**
 * The whole HTTP/1.1 request as one buffer, so writing it is one syscall. The spec was checked
 * (no CR/LF in names or values, no framing headers) before it gets here.
 */
export function serializeRequest(spec: RequestSpec, target: ResolvedTarget): Buffer {
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
  const lines = [`${spec.method ?? 'GET'} ${spec.path} HTTP/1.1`];
  let hasHost = false;
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (name.toLowerCase() === 'host') hasHost = true;
    lines.push(`${name}: ${value}`);
  }
  if (!hasHost) lines.push(`host: ${target.host}`);
  lines.push('connection: keep-alive');
  if (body !== undefined) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body === undefined ? head : Buffer.concat([head, body]);
}
