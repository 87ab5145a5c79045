import { chmod, readdir } from 'node:fs/promises';
import { makeTempDir, pendingTeardowns } from '@archlab/proc';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultsUnsupportedError,
  ServiceStartError,
  ServiceUnavailableError,
  TemplateSetupError,
  sharedPostgres,
  startPostgres,
  type PostgresServer,
} from '../src/index.ts';
import { connectOutcome, envWith, localEnv } from './helpers.ts';

async function query<T extends Record<string, unknown>>(url: string, sql: string, queryTimeoutMs = 5000): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: queryTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function databaseNames(adminUrl: string): Promise<string[]> {
  const rows = await query<{ datname: string }>(adminUrl, 'SELECT datname FROM pg_database ORDER BY datname');
  return rows.map((row) => row.datname);
}

const portOf = (url: string) => Number(new URL(url).port);

const shopSql = `
  CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
  INSERT INTO items VALUES (1, 'seed');
`;

describe('a local server shared by the tests that only create databases', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres({ env: localEnv });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports where it runs', async () => {
    expect(server.info).toEqual({ provider: 'local', version: expect.stringMatching(/^\d+\.\d+$/) });
    expect(server.adminUrl).toMatch(/^postgres:\/\/postgres:[0-9a-f]{36}@127\.0\.0\.1:\d+\/postgres$/);
    const [row] = await query<{ server_version: string }>(server.adminUrl, 'SHOW server_version');
    expect(row?.server_version.startsWith(server.info.version)).toBe(true);
    const withoutPassword = server.adminUrl.replace(/:[0-9a-f]{36}@/, '@');
    await expect(query(withoutPassword, 'SELECT 1')).rejects.toThrow(/password/);
  });

  it('copies a template into isolated databases, and drop removes one (idempotently)', async () => {
    await server.createTemplate('shop', shopSql);
    await server.createTemplate('shop', shopSql);
    const first = await server.createDatabase({ template: 'shop' });
    const second = await server.createDatabase({ template: 'shop' });
    try {
      expect(first.name).not.toBe(second.name);
      expect(first.url).toBe(server.adminUrl.replace(/\/postgres$/, `/${first.name}`));
      await query(first.url, "INSERT INTO items VALUES (2, 'only in first')");
      expect(await query(first.url, 'SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
      expect(await query(second.url, 'SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }]);

      await first.drop();
      await first.drop();
      expect(await databaseNames(server.adminUrl)).not.toContain(first.name);
      await expect(query(first.url, 'SELECT 1')).rejects.toThrow(/does not exist/);
      expect(await query(second.url, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 1 }]);
    } finally {
      await first.drop();
      await second.drop();
    }
  });

  it('drops a database that still has open sessions', async () => {
    const database = await server.createDatabase();
    const session = new Client({ connectionString: database.url });
    session.on('error', () => undefined);
    await session.connect();
    try {
      await database.drop();
      expect(await databaseNames(server.adminUrl)).not.toContain(database.name);
    } finally {
      await session.end().catch(() => undefined);
    }
  });

  it('creates an empty database without a template', async () => {
    const database = await server.createDatabase();
    try {
      expect(await query(database.url, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([
        { n: 0 },
      ]);
    } finally {
      await database.drop();
    }
  });

  it('reports setup SQL that fails with the line, and leaves no half-built template', async () => {
    const before = await databaseNames(server.adminUrl);
    const error = await server
      .createTemplate('broken', 'CREATE TABLE ok (id int);\nCREATE TABLE broken (id int,);')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateSetupError);
    expect((error as Error).message).toMatch(/template "broken": setup SQL failed: syntax error .*\(line 2\)/);
    expect(await databaseNames(server.adminUrl)).toEqual(before);
    await expect(server.createDatabase({ template: 'broken' })).rejects.toThrow(/unknown template "broken"/);
  });

  it('rebuilds a template whose setup SQL changed', async () => {
    await server.createTemplate('versions', 'CREATE TABLE v1 (id int);');
    await server.createTemplate('versions', 'CREATE TABLE v2 (id int);');
    const database = await server.createDatabase({ template: 'versions' });
    try {
      const tables = await query<{ tablename: string }>(database.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(tables).toEqual([{ tablename: 'v2' }]);
    } finally {
      await database.drop();
    }
  });
});

describe('faults on a local server', () => {
  it('kill refuses connections; restart answers on the same port with committed data intact', async () => {
    const server = await startPostgres({ env: localEnv });
    try {
      await server.createTemplate('shop', shopSql);
      const database = await server.createDatabase({ template: 'shop' });
      await query(database.url, "INSERT INTO items VALUES (2, 'committed')");
      const session = new Client({ connectionString: database.url });
      session.on('error', () => undefined);
      await session.connect();

      await server.faults.kill();
      await expect(session.query('SELECT 1')).rejects.toThrow();
      expect(await connectOutcome(portOf(server.adminUrl))).toBe('ECONNREFUSED');

      await server.faults.restart();
      expect(await query(database.url, 'SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
      const another = await server.createDatabase({ template: 'shop' });
      expect(await query(another.url, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 1 }]);
      await session.end().catch(() => undefined);
    } finally {
      await server.stop();
    }
  });

  it('pause makes queries hang until resume', async () => {
    const server = await startPostgres({ env: localEnv });
    const session = new Client({ connectionString: server.adminUrl, query_timeout: 300 });
    session.on('error', () => undefined);
    try {
      await session.connect();
      await server.faults.pause();
      await expect(session.query('SELECT 1')).rejects.toThrow(/timeout/i);
      await server.faults.resume();
      expect(await query(server.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await session.end().catch(() => undefined);
      await server.stop();
    }
  });

  it('stop is idempotent, also while paused, and frees the port', async () => {
    const server = await startPostgres({ env: localEnv });
    await server.createDatabase();
    await server.faults.pause();
    await Promise.all([server.stop(), server.stop()]);
    expect(await connectOutcome(portOf(server.adminUrl))).toBe('ECONNREFUSED');
    await expect(server.createDatabase()).rejects.toThrow(/stopped/);
  });

  it('an abort during start releases what was acquired', async () => {
    const before = pendingTeardowns();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 100);
    await expect(startPostgres({ env: localEnv, signal: controller.signal })).rejects.toThrow('run cancelled');
    expect(pendingTeardowns()).toEqual(before);
  });
});

describe('sharedPostgres', () => {
  it('returns the same server to every caller until it is stopped', async () => {
    const [first, second] = await Promise.all([sharedPostgres(), sharedPostgres()]);
    expect(second).toBe(first);
    expect(await sharedPostgres()).toBe(first);
    await first.stop();
    const next = await sharedPostgres();
    try {
      expect(next).not.toBe(first);
      expect(await query(next.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await next.stop();
    }
  });
});

describe('external postgres', () => {
  it('creates and, at stop, drops its databases and templates on the given server', async () => {
    const backing = await startPostgres({ env: localEnv });
    try {
      const before = await databaseNames(backing.adminUrl);
      const server = await startPostgres({ env: envWith({ ARCHLAB_POSTGRES_URL: backing.adminUrl }) });
      expect(server.info.provider).toBe('external');
      expect(server.faults.supported).toBe(false);
      await expect(server.faults.pause()).rejects.toBeInstanceOf(FaultsUnsupportedError);
      await server.createTemplate('shop', shopSql);
      const database = await server.createDatabase({ template: 'shop' });
      expect(await query(database.url, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 1 }]);
      expect((await databaseNames(backing.adminUrl)).length).toBe(before.length + 2);
      await server.stop();
      expect(await databaseNames(backing.adminUrl)).toEqual(before);
    } finally {
      await backing.stop();
    }
  });

  it('names the URL and the reason when the server does not answer', async () => {
    const env = envWith({ ARCHLAB_SERVICES: 'external', ARCHLAB_POSTGRES_URL: 'postgres://app:secret@127.0.0.1:1/app' });
    const error = (await startPostgres({ env }).catch((caught: unknown) => caught)) as ServiceUnavailableError;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.tried).toEqual([
      'external: could not connect to postgres://app:***@127.0.0.1:1/app: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});

describe('without usable binaries', () => {
  it('says what it looked for and how to install PostgreSQL', async () => {
    const empty = await makeTempDir('archlab-services-test-');
    try {
      const env = envWith({ ARCHLAB_SERVICES: 'local', ARCHLAB_PG_BIN_DIR: empty.path });
      const error = (await startPostgres({ env }).catch((caught: unknown) => caught)) as ServiceUnavailableError;
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.tried).toEqual([`local: no initdb and postgres in ARCHLAB_PG_BIN_DIR=${empty.path}`]);
      expect(error.message).toContain('apt-get install -y postgresql');
      expect(error.message).toContain('brew install postgresql@16');
      expect(error.message).toContain('ARCHLAB_POSTGRES_URL');
    } finally {
      await empty.remove();
    }
  });

  // As root the cluster runs as the postgres user, which cannot enter a root-only TMPDIR: initdb fails for real.
  it.runIf(process.getuid?.() === 0)('reports a failed initdb with its output, and removes its temp dir', async () => {
    const tmp = await makeTempDir('archlab-services-test-');
    const previousTmp = process.env.TMPDIR;
    try {
      await chmod(tmp.path, 0o700);
      process.env.TMPDIR = tmp.path;
      const error = await startPostgres({ env: localEnv }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceStartError);
      expect((error as ServiceStartError).message).toMatch(/initdb exited with code 1\n--- last output ---\n/);
      expect((error as ServiceStartError).logTail).toMatch(/Permission denied/);
      expect(await readdir(tmp.path)).toEqual([]);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      await tmp.remove();
    }
  });
});
