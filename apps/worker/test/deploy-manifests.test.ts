// docker/ cannot be built here (no container runtime): check what can be checked without one. Every file
// parses; every environment variable it sets is one the app reads; entry files, images and the queue key the
// autoscaler watches are the ones the code uses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startRedis } from '@archlab/services';
import { apiEnvVars, defaultQueueName, enqueueGrading, defaultRetryPolicy } from '@archlab/api';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { workerEnvVars } from '../src/index.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dockerDir = join(repoRoot, 'docker');
const read = (path: string) => readFileSync(join(dockerDir, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
}

/** ConfigMaps have no spec. */
type K8sDocument = { apiVersion: string; kind: string; metadata: { name: string }; spec?: Record<string, unknown> };
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
}

const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService> };
const manifests = readdirSync(join(dockerDir, 'k8s'))
  .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
  .flatMap((name) => parseAllDocuments(read(join('k8s', name))).map((document) => document.toJS() as K8sDocument));

const readsOf: Record<string, readonly string[]> = { api: apiEnvVars, worker: workerEnvVars, migrate: ['DATABASE_URL'], web: ['API_UPSTREAM'] };
const appOfImage: Record<string, string> = { 'archlab/api': 'api', 'archlab/worker': 'worker', 'archlab/web': 'web' };

/** The app a container runs: the migration Job runs the api image with another entry. */
function appOf(container: Container): string {
  return container.name === 'migrate' ? 'migrate' : (appOfImage[container.image.split(':')[0] ?? ''] ?? '?');
}

function containers(document: K8sDocument): Container[] {
  const template = (document.spec?.template as { spec?: { containers?: Container[] } } | undefined)?.spec;
  return template?.containers ?? [];
}

function configMapKeys(name: string): string[] {
  const map = manifests.find((document) => document.kind === 'ConfigMap' && document.metadata.name === name) as unknown as { data: Record<string, string> };
  return Object.keys(map?.data ?? {});
}

describe('docker/compose.yaml', () => {
  test('runs Postgres, Redis, the api, two workers and the web app, built from this repository', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'postgres', 'redis', 'web', 'worker']);
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    for (const name of ['api', 'worker', 'web']) {
      const service = compose.services[name]!;
      expect(service.image).toBe(`archlab/${name}:latest`);
      expect(service.build?.context).toBe('..');
      expect(existsSync(join(dockerDir, '..', service.build!.dockerfile))).toBe(true);
    }
  });

  test('sets only variables the apps read, and every one they require, pointing at its own services', () => {
    for (const name of ['api', 'worker', 'web']) {
      const environment = compose.services[name]?.environment ?? {};
      expect(Object.keys(environment).filter((key) => !readsOf[name]?.includes(key)), name).toEqual([]);
    }
    const postgres = compose.services.postgres?.environment ?? {};
    for (const name of ['api', 'worker']) {
      const environment = compose.services[name]?.environment ?? {};
      const database = new URL(environment.DATABASE_URL ?? '');
      expect([database.hostname, database.username, database.password, database.pathname]).toEqual([
        'postgres',
        postgres.POSTGRES_USER,
        postgres.POSTGRES_PASSWORD,
        `/${postgres.POSTGRES_DB}`,
      ]);
      expect(new URL(environment.REDIS_URL ?? '').hostname).toBe('redis');
    }
    expect(compose.services.web?.environment?.API_UPSTREAM).toBe(`http://api:${compose.services.api?.environment?.PORT}`);
  });

  test('gives a stopping worker its drain time before SIGKILL', () => {
    const worker = compose.services.worker!;
    expect(Number.parseInt(worker.stop_grace_period ?? '0', 10) * 1000).toBeGreaterThan(Number(worker.environment?.WORKER_DRAIN_TIMEOUT_MS));
  });
});

describe('docker/*.Dockerfile', () => {
  test.each(['api', 'worker', 'web'])('%s: Node 20, entry files and copied files exist, ENV names are read', (name) => {
    const dockerfile = read(`${name}.Dockerfile`);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim/m);
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
    expect(existsSync(join(dockerDir, `${name}.Dockerfile.dockerignore`))).toBe(true);
    for (const [, command] of dockerfile.matchAll(/^CMD (\[.*\])$/gm)) {
      const entry = (JSON.parse(command!) as string[]).find((part) => part.endsWith('.ts'));
      expect(entry && existsSync(join(repoRoot, entry)), `${name}: ${entry}`).toBe(true);
    }
    for (const [, source] of dockerfile.matchAll(/^COPY (docker\/\S+)/gm)) expect(existsSync(join(repoRoot, source!))).toBe(true);
    for (const [, assignments] of dockerfile.matchAll(/^ENV (.+)$/gm)) {
      for (const key of assignments!.split(/\s+/).map((pair) => pair.split('=')[0]!)) {
        expect(key === 'NODE_ENV' || readsOf[name]?.includes(key), `${name}: ENV ${key}`).toBe(true);
      }
    }
  });

  test('nginx proxies /api/ to API_UPSTREAM without buffering (SSE) and falls back to index.html', () => {
    const nginx = read('web.nginx.conf.template');
    expect(nginx).toMatch(/location \/api\/ \{[^}]*proxy_pass \$\{API_UPSTREAM\};[^}]*proxy_buffering off;/);
    expect(nginx).toContain('try_files $uri /index.html;');
  });
});

describe('docker/k8s', () => {
  test('every manifest is a named Kubernetes object, and kustomization lists every file', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    for (const document of manifests) {
      expect(document.apiVersion).toMatch(/\w/);
      expect(document.metadata.name).toMatch(/^[a-z0-9-]+$/);
    }
    const kustomization = parse(read('k8s/kustomization.yaml')) as { resources: string[]; images: { name: string }[] };
    const files = readdirSync(join(dockerDir, 'k8s')).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    expect(kustomization.images.map((image) => image.name).sort()).toEqual(['archlab/api', 'archlab/web', 'archlab/worker']);
  });

  test('containers use the compose images and set only variables their app reads, secrets from archlab-secrets', () => {
    const all = manifests.flatMap(containers);
    expect(all.map(appOf).sort()).toEqual(['api', 'migrate', 'web', 'worker']);
    for (const container of all) {
      const app = appOf(container);
      const names = [
        ...(container.env ?? []).map((variable) => variable.name),
        ...(container.envFrom ?? []).flatMap((source) => configMapKeys(source.configMapRef?.name ?? '')),
      ];
      expect(names.filter((name) => !readsOf[app]?.includes(name)), app).toEqual([]);
      for (const variable of container.env ?? []) {
        if (variable.valueFrom) expect(variable.valueFrom.secretKeyRef).toEqual({ name: 'archlab-secrets', key: variable.name });
      }
      if (app === 'api' || app === 'worker') expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
    }
    const migrate = all.find((container) => container.name === 'migrate');
    expect(existsSync(join(repoRoot, migrate?.command?.find((part) => part.endsWith('.ts')) ?? 'missing'))).toBe(true);
  });

  test('workers drain before SIGKILL, and the web app proxies to the api Service', () => {
    const worker = manifests.find((document) => document.kind === 'Deployment' && document.metadata.name === 'worker')!;
    const grace = (worker.spec?.template as { spec: { terminationGracePeriodSeconds: number } }).spec.terminationGracePeriodSeconds;
    const drain = containers(worker)[0]?.env?.find((variable) => variable.name === 'WORKER_DRAIN_TIMEOUT_MS')?.value;
    expect(grace * 1000).toBeGreaterThan(Number(drain));
    const web = containers(manifests.find((document) => document.kind === 'Deployment' && document.metadata.name === 'web')!)[0];
    const upstream = new URL(web?.env?.find((variable) => variable.name === 'API_UPSTREAM')?.value ?? '');
    const apiService = manifests.find((document) => document.kind === 'Service' && document.metadata.name === upstream.hostname);
    expect((apiService?.spec?.ports as { port: number }[] | undefined)?.[0]?.port).toBe(Number(upstream.port));
  });

  test('the autoscaler scales the worker Deployment on the Redis list BullMQ really fills', async () => {
    const scaled = manifests.find((document) => document.kind === 'ScaledObject')!;
    expect((scaled.spec?.scaleTargetRef as { name: string }).name).toBe('worker');
    const trigger = (scaled.spec?.triggers as { type: string; metadata: { listName: string } }[])[0]!;
    expect(trigger.type).toBe('redis');
    expect(configMapKeys('archlab-config')).toContain('ARCHLAB_QUEUE');

    const redis = await startRedis();
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const queue = new Queue(defaultQueueName, { connection });
    try {
      await enqueueGrading(queue, '00000000-0000-4000-8000-000000000001', defaultRetryPolicy);
      await enqueueGrading(queue, '00000000-0000-4000-8000-000000000002', defaultRetryPolicy);
      expect(await connection.llen(trigger.metadata.listName)).toBe(2);
    } finally {
      await queue.close();
      connection.disconnect();
      await redis.stop();
    }
  });
});
