import { connect } from 'node:net';

export interface RedisWireOptions {
  timeoutMs: number;
  /** Sent as AUTH before the command when given. */
  password?: string;
}

type Reply = { text: string } | { error: string };

/**
 * One Redis command over a fresh TCP connection, without a client library: used to tell whether a server
 * we started answers, before anyone relies on it. Resolves with the reply's text (simple or bulk string),
 * rejects on an error reply, a refused or dropped connection, or after `timeoutMs`.
 */
export function redisCommand(host: string, port: number, args: string[], options: RedisWireOptions): Promise<string> {
  const commands = options.password === undefined ? [args] : [['AUTH', options.password], args];
  const request = commands.map(encodeCommand).join('');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (error: Error | undefined, reply?: string) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply ?? '');
    };
    const timer = setTimeout(
      () => finish(new Error(`no reply from ${host}:${port} within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    socket.on('connect', () => socket.write(request));
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`${host}:${port} closed the connection`)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const replies = parseReplies(received);
      const failed = replies.find((reply): reply is { error: string } => 'error' in reply);
      if (failed) finish(new Error(failed.error));
      else if (replies.length === commands.length) finish(undefined, (replies.at(-1) as { text: string }).text);
    });
  });
}

function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** Every complete simple-string, error or bulk-string reply at the start of `buffer`. */
function parseReplies(buffer: Buffer): Reply[] {
  const replies: Reply[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return replies;
    const kind = String.fromCharCode(buffer[offset] ?? 0);
    const line = buffer.subarray(offset + 1, lineEnd).toString('utf8');
    if (kind === '+') replies.push({ text: line });
    else if (kind === '-') replies.push({ error: line });
    else if (kind === '$') {
      const length = Number(line);
      const start = lineEnd + 2;
      if (length < 0) {
        replies.push({ text: '' });
        offset = start;
        continue;
      }
      if (buffer.length < start + length + 2) return replies;
      replies.push({ text: buffer.subarray(start, start + length).toString('utf8') });
      offset = start + length + 2;
      continue;
    } else {
      replies.push({ error: `unexpected reply type ${JSON.stringify(kind)}` });
      return replies;
    }
    offset = lineEnd + 2;
  }
}

/** True when the server replies PONG. */
export async function answersPing(host: string, port: number, password?: string): Promise<boolean> {
  try {
    return (await redisCommand(host, port, ['PING'], { timeoutMs: 500, password })) === 'PONG';
  } catch {
    return false;
  }
}

/** The server's version from INFO server, e.g. "7.0.15". */
export async function redisVersion(host: string, port: number, password?: string): Promise<string> {
  const info = await redisCommand(host, port, ['INFO', 'server'], { timeoutMs: 2000, password });
  return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
}
