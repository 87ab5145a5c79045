// Compares our closed loop with autocannon at the same concurrency against one trivial node:http
// server in a child process, then checks open-loop accuracy at a high rate. Prints one JSON object.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { runClosedLoop, runOpenLoop } from '../src/index.ts';
import type { RequestSpec } from '../src/index.ts';

const CONNECTIONS = [10, 100];
const DURATION_S = 7;
const WARM_UP_S = 1;
const OPEN_LOOP_RATE = 5000;
const OPEN_LOOP_DURATION_MS = 5000;

const SERVER_SOURCE = `
const server = require('node:http').createServer((req, res) => res.end('hello world'));
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

interface ServerChild {
  origin: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<ServerChild> {
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start within 5 s')), 5000);
      child.stdout.once('data', (data: Buffer) => {
        clearTimeout(timer);
        resolve(Number(data.toString().trim()));
      });
      child.once('exit', () => reject(new Error('server exited before listening')));
    });
    return { origin: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function compareClosedLoop(origin: string, connections: number) {
  const spec: RequestSpec = { target: origin, path: '/' };
  const theirs = await autocannon({ url: origin, connections, pipelining: 1, duration: DURATION_S });
  const ours = await runClosedLoop({ concurrency: connections, durationMs: DURATION_S * 1000, makeRequest: () => spec });
  const autocannonReqPerSec = theirs.requests.total / theirs.duration;
  const oursReqPerSec = ours.completed / (ours.durationMs / 1000);
  return {
    connections,
    durationS: DURATION_S,
    autocannonReqPerSec: Math.round(autocannonReqPerSec),
    oursReqPerSec: Math.round(oursReqPerSec),
    ratio: round(oursReqPerSec / autocannonReqPerSec),
    autocannonP99Ms: theirs.latency.p99,
    oursP99Ms: round(ours.latency.p99),
    autocannonErrors: theirs.errors + theirs.non2xx,
    oursErrors: ours.errors,
  };
}

async function measureOpenLoop(origin: string) {
  const spec: RequestSpec = { target: origin, path: '/' };
  const cpuBefore = process.cpuUsage();
  const result = await runOpenLoop({ ratePerSec: OPEN_LOOP_RATE, durationMs: OPEN_LOOP_DURATION_MS, makeRequest: () => spec });
  const cpu = process.cpuUsage(cpuBefore);
  const sentAt = result.records.filter((record) => record.error !== 'generator-saturated').map((record) => record.sentAt);
  const sendWindowMs = Math.max(...sentAt) - Math.min(...sentAt);
  return {
    targetRatePerSec: OPEN_LOOP_RATE,
    durationMs: OPEN_LOOP_DURATION_MS,
    scheduled: result.records.length,
    sent: result.sent,
    completed: result.completed,
    dropped: result.dropped,
    achievedSendRatePerSec: Math.round((result.sent - 1) / (sendWindowMs / 1000)),
    sendLatenessMs: {
      p50: round(result.sendLateness.p50, 3),
      p99: round(result.sendLateness.p99, 3),
      max: round(result.sendLateness.max, 3),
    },
    latencyFromScheduleMs: { p50: round(result.latency.p50, 3), p99: round(result.latency.p99, 3) },
    generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / result.durationMs) * 100),
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    // Both generators start against a server whose JIT is already warm.
    await autocannon({ url: server.origin, connections: 10, duration: WARM_UP_S });
    const closedLoop = [];
    for (const connections of CONNECTIONS) closedLoop.push(await compareClosedLoop(server.origin, connections));
    const openLoop = await measureOpenLoop(server.origin);
    const report = {
      node: process.version,
      cpus: cpus().length,
      server: 'node:http in a child process',
      closedLoop,
      openLoop,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await server.stop();
  }
}

await main();
