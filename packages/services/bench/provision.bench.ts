// How long it takes to provision services for a grading run. Prints one JSON object.
import { loadavg, tmpdir } from 'node:os';
import { installInterruptHandlers, teardownAll } from '@archlab/proc';
import { startPostgres, startRedis } from '../src/index.ts';

const coldStarts = 3;
const samples = 20;
const restarts = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}

function summary(values: number[]) {
  return {
    medianMs: median(values),
    minMs: Math.round(Math.min(...values) * 10) / 10,
    maxMs: Math.round(Math.max(...values) * 10) / 10,
    n: values.length,
  };
}

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await operation();
  return performance.now() - started;
}

const templateSql = `
  CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL, balance numeric NOT NULL DEFAULT 0);
  CREATE INDEX ON accounts (owner);
  INSERT INTO accounts SELECT g, 'owner' || g % 50, g FROM generate_series(1, 1000) AS g;
`;

async function benchPostgres() {
  const cold: number[] = [];
  for (let i = 0; i < coldStarts; i++) {
    let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
    cold.push(await timed(async () => (server = await startPostgres())));
    await server?.stop();
  }
  const server = await startPostgres();
  try {
    const template = await timed(() => server.createTemplate('bench', templateSql));
    const create: number[] = [];
    const drop: number[] = [];
    const perRun: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const database = await server.createDatabase({ template: 'bench' });
      const created = performance.now();
      await database.drop();
      const dropped = performance.now();
      create.push(created - started);
      drop.push(dropped - created);
      perRun.push(dropped - started);
    }
    const restart: number[] = [];
    if (server.faults.supported) {
      for (let i = 0; i < 3; i++) {
        await server.faults.kill();
        restart.push(await timed(() => server.faults.restart()));
      }
    }
    return {
      provider: server.info.provider,
      version: server.info.version,
      clusterColdStart: summary(cold),
      templateCreate: Math.round(template * 10) / 10,
      databasePerRun: { createAndDrop: summary(perRun), create: summary(create), drop: summary(drop) },
      restartAfterKill: restart.length > 0 ? summary(restart) : null,
    };
  } finally {
    await server.stop();
  }
}

async function benchRedis() {
  const perRun: number[] = [];
  const startOnly: number[] = [];
  let info = { provider: '', version: '' };
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const redis = await startRedis();
    const ready = performance.now();
    await redis.stop();
    perRun.push(performance.now() - started);
    startOnly.push(ready - started);
    info = redis.info;
  }
  const redis = await startRedis();
  const restart: number[] = [];
  try {
    if (redis.faults.supported) {
      for (let i = 0; i < restarts; i++) {
        await redis.faults.kill();
        restart.push(await timed(() => redis.faults.restart()));
      }
    }
  } finally {
    await redis.stop();
  }
  return {
    ...info,
    instancePerRun: { startToPongAndStop: summary(perRun), startToPong: summary(startOnly) },
    restartAfterKill: restart.length > 0 ? summary(restart) : null,
  };
}

installInterruptHandlers();
try {
  const redis = await benchRedis();
  const postgres = await benchPostgres();
  const result = {
    when: new Date().toISOString(),
    node: process.versions.node,
    tmpdir: tmpdir(),
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    redis,
    postgres,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await teardownAll();
}
