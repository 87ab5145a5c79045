import { createServer, type Server } from 'node:net';
import { makeTempDir, pendingTeardowns } from '@archlab/proc';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { FaultsUnsupportedError, ServiceUnavailableError, startRedis, type RedisInstance } from '../src/index.ts';
import { connectOutcome, envWith, localEnv } from './helpers.ts';

/** A client that fails fast instead of retrying, so a broken server shows up as an error. */
function clientFor(url: string, commandTimeout = 2000): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, commandTimeout, lazyConnect: true });
  client.on('error', () => undefined);
  return client;
}

async function withRedis(test: (redis: RedisInstance) => Promise<void>, env = localEnv): Promise<void> {
  const redis = await startRedis({ env });
  try {
    await test(redis);
  } finally {
    await redis.stop();
  }
}

/** A plain TCP listener that hangs up on everyone (so closing it does not wait for open connections). */
function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('local redis', () => {
  it('starts a fresh server that answers PING, SET and GET, and stop frees the port', async () => {
    let port = 0;
    await withRedis(async (redis) => {
      port = redis.port;
      expect(redis.info).toEqual({ provider: 'local', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      expect(redis.url).toMatch(new RegExp(`^redis://:[0-9a-f]{36}@127\\.0\\.0\\.1:${redis.port}$`));
      expect(redis.faults.supported).toBe(true);
      const client = clientFor(redis.url);
      try {
        expect(await client.ping()).toBe('PONG');
        await client.set('greeting', 'hello');
        const intruder = clientFor(`redis://127.0.0.1:${redis.port}`);
        try {
          await expect(intruder.get('greeting')).rejects.toThrow(/NOAUTH/);
        } finally {
          intruder.disconnect();
        }
        expect(await client.get('greeting')).toBe('hello');
      } finally {
        client.disconnect();
      }
    });
    expect(await connectOutcome(port)).toBe('ECONNREFUSED');
  });

  it('kill drops connections and refuses the port; restart comes back empty on the same port', async () => {
    await withRedis(async (redis) => {
      const before = clientFor(redis.url);
      const after = clientFor(redis.url);
      try {
        await before.set('survivor', 'no');
        await redis.faults.kill();
        await expect(before.get('survivor')).rejects.toThrow();
        expect(await connectOutcome(redis.port)).toBe('ECONNREFUSED');

        await redis.faults.restart();
        expect(await connectOutcome(redis.port)).toBe('connected');
        expect(await after.get('survivor')).toBeNull();
        expect(await after.dbsize()).toBe(0);
      } finally {
        before.disconnect();
        after.disconnect();
      }
    });
  });

  it('restart retries while the port is still taken', async () => {
    await withRedis(async (redis) => {
      await redis.faults.kill();
      const squatter = await listenOn(redis.port);
      const started = Date.now();
      const released = new Promise<void>((resolve) => setTimeout(() => squatter.close(() => resolve()), 300));
      try {
        await redis.faults.restart();
      } finally {
        await released;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      const client = clientFor(redis.url);
      try {
        expect(await client.ping()).toBe('PONG');
      } finally {
        client.disconnect();
      }
    });
  });

  it('pause makes commands hang until resume', async () => {
    await withRedis(async (redis) => {
      const client = clientFor(redis.url, 300);
      try {
        expect(await client.ping()).toBe('PONG');
        await redis.faults.pause();
        await expect(client.ping()).rejects.toThrow(/timed out/i);
        await redis.faults.resume();
        const fresh = clientFor(redis.url);
        try {
          expect(await fresh.ping()).toBe('PONG');
        } finally {
          fresh.disconnect();
        }
      } finally {
        client.disconnect();
      }
    });
  });

  it('gives every call its own isolated server', async () => {
    await withRedis(async (first) => {
      await withRedis(async (second) => {
        expect(second.port).not.toBe(first.port);
        const a = clientFor(first.url);
        const b = clientFor(second.url);
        try {
          await a.set('owner', 'first');
          expect(await b.get('owner')).toBeNull();
          await first.faults.kill();
          expect(await b.ping()).toBe('PONG');
        } finally {
          a.disconnect();
          b.disconnect();
        }
      });
    });
  });

  it('stop is idempotent, also after a kill, and faults refuse afterwards', async () => {
    const redis = await startRedis({ env: localEnv });
    await redis.faults.kill();
    await Promise.all([redis.stop(), redis.stop()]);
    await redis.stop();
    await expect(redis.faults.restart()).rejects.toThrow(/stopped/);
  });

  it('an aborted start acquires nothing', async () => {
    const before = pendingTeardowns();
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    await expect(startRedis({ env: localEnv, signal: controller.signal })).rejects.toThrow('run cancelled');
    expect(pendingTeardowns()).toEqual(before);
  });
});

describe('external redis', () => {
  it('leases a separate, empty logical database per instance and flushes it at stop', async () => {
    await withRedis(async (backing) => {
      const env = envWith({ ARCHLAB_SERVICES: undefined, ARCHLAB_REDIS_URL: backing.url });
      const first = await startRedis({ env });
      const second = await startRedis({ env });
      const a = clientFor(first.url);
      const b = clientFor(second.url);
      try {
        expect(first.info.provider).toBe('external');
        expect(first.url).not.toBe(second.url);
        expect(first.port).toBe(backing.port);
        await a.set('run', 'first');
        expect(await b.get('run')).toBeNull();
        expect(first.faults.supported).toBe(false);
        await expect(first.faults.kill()).rejects.toBeInstanceOf(FaultsUnsupportedError);

        const firstUrl = first.url;
        await first.stop();
        expect(await a.dbsize()).toBe(0);
        const third = await startRedis({ env });
        try {
          expect(third.url).toBe(firstUrl);
        } finally {
          await third.stop();
        }
      } finally {
        a.disconnect();
        b.disconnect();
        await first.stop();
        await second.stop();
      }
    });
  });

  it('names the URL and the reason when the external server does not answer', async () => {
    const closed = await listenOn(0);
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const env = envWith({ ARCHLAB_SERVICES: 'external', ARCHLAB_REDIS_URL: `redis://:secret@127.0.0.1:${port}` });
    const error = await startRedis({ env }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).message).toContain(`127.0.0.1:${port}`);
    expect((error as ServiceUnavailableError).message).toContain('ECONNREFUSED');
    expect((error as ServiceUnavailableError).message).not.toContain('secret');
  });

  it('rejects a URL that is not a redis URL, and a forced external provider without a URL', async () => {
    await expect(startRedis({ env: envWith({ ARCHLAB_REDIS_URL: 'http://127.0.0.1:6379' }) })).rejects.toThrow(
      /must start with redis:\/\//,
    );
    await expect(startRedis({ env: envWith({ ARCHLAB_SERVICES: 'external' }) })).rejects.toThrow(
      /ARCHLAB_REDIS_URL is not set/,
    );
  });
});

describe('when no provider is available', () => {
  it('lists each provider tried and how to install one', async () => {
    const empty = await makeTempDir('archlab-services-test-');
    try {
      const env = envWith({ PATH: empty.path, DOCKER_HOST: `unix://${empty.path}/docker.sock` });
      const error = (await startRedis({ env }).catch((caught: unknown) => caught)) as ServiceUnavailableError;
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.service).toBe('redis');
      expect(error.tried).toEqual([
        'external: ARCHLAB_REDIS_URL is not set',
        expect.stringMatching(/^docker: no daemon on unix:\/\/.*docker\.sock: .*ENOENT/),
        'local: no redis-server on PATH',
      ]);
      expect(error.message).toContain('apt-get install -y redis-server');
      expect(error.message).toContain('brew install redis');
      expect(error.message).toContain('ARCHLAB_REDIS_URL');
    } finally {
      await empty.remove();
    }
  });

  it('searches only ARCHLAB_REDIS_BIN_DIR when it is set', async () => {
    const empty = await makeTempDir('archlab-services-test-');
    try {
      const env = envWith({ ARCHLAB_SERVICES: 'local', ARCHLAB_REDIS_BIN_DIR: empty.path });
      await expect(startRedis({ env })).rejects.toThrow(`no redis-server in ARCHLAB_REDIS_BIN_DIR=${empty.path}`);
    } finally {
      await empty.remove();
    }
  });

  it('rejects an unknown ARCHLAB_SERVICES value', async () => {
    await expect(startRedis({ env: envWith({ ARCHLAB_SERVICES: 'kubernetes' }) })).rejects.toThrow(
      'ARCHLAB_SERVICES=kubernetes is not one of external, docker, local',
    );
  });
});
