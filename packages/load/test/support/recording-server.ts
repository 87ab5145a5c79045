import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * Runs in a child process, so the server does not share the generator's event loop. It records, on
 * its own clock, when each connection was accepted and when each request arrived, and prints them as
 * one JSON line whenever a line arrives on stdin. Mode "raw" answers from a bare TCP server and stamps
 * a request on its first byte; mode "http" is a plain node:http server stamping each 'request'.
 */
const SERVER_SOURCE = String.raw`
const mode = process.argv[1];
const now = () => performance.timeOrigin + performance.now();
let connectedAt = [];
let arrivedAt = [];
const onConnection = () => connectedAt.push(now());
let server;
if (mode === 'raw') {
  server = require('node:net').createServer((socket) => {
    onConnection();
    socket.on('error', () => {});
    socket.once('data', () => {
      arrivedAt.push(now());
      // Answer on the next turn, so stamping the requests that arrived together is not slowed by
      // writing responses in between.
      setImmediate(() => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    });
  });
} else {
  server = require('node:http').createServer((req, res) => {
    arrivedAt.push(now());
    res.end('ok');
  });
  server.on('connection', onConnection);
}
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\n'));
require('node:readline').createInterface({ input: process.stdin }).on('line', () => {
  process.stdout.write(JSON.stringify({ connectedAt, arrivedAt }) + '\n');
  connectedAt = [];
  arrivedAt = [];
});
process.stdin.on('end', () => process.exit(0));
`;

type ServerProcess = ChildProcessByStdio<Writable, Readable, null>;

export interface Recording {
  connectedAt: number[];
  arrivedAt: number[];
}

export interface RecordingServer {
  origin: string;
  /** What happened since the previous call. */
  takeRecording(): Promise<Recording>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 5000;

export async function startRecordingServer(mode: 'raw' | 'http'): Promise<RecordingServer> {
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = lineReader(child);
  try {
    const port = Number(await lines.next(START_TIMEOUT_MS));
    return {
      origin: `http://127.0.0.1:${port}`,
      async takeRecording() {
        child.stdin.write('report\n');
        return JSON.parse(await lines.next(START_TIMEOUT_MS)) as Recording;
      },
      close: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function lineReader(child: ServerProcess): { next(timeoutMs: number): Promise<string> } {
  const ready: string[] = [];
  let partial = '';
  let wake: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    ready.push(...parts);
    wake?.();
  });
  return {
    async next(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (ready.length === 0) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error('recording server did not answer');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return ready.shift()!;
    },
  };
}

async function stopChild(child: ServerProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
