import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@archlab/proc';
import { sharedPostgres } from '@archlab/services';
import { describe, expect, test } from 'vitest';
import { createPool, migrate, MigrationChangedError, readMigrations } from '../src/index.ts';

async function withDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const database = await (await sharedPostgres()).createDatabase();
  try {
    await work(database.url);
  } finally {
    await database.drop();
  }
}

async function tables(url: string): Promise<string[]> {
  const pool = createPool(url, { max: 1 });
  try {
    const { rows } = await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    return rows.map((row) => (row as { tablename: string }).tablename);
  } finally {
    await pool.end();
  }
}

describe('migrate', () => {
  test('applies every migration once, in order, and records it', async () => {
    await withDatabase(async (url) => {
      const pool = createPool(url, { max: 2 });
      try {
        const versions = (await readMigrations()).map((migration) => migration.version);
        expect(versions[0]).toBe('001');
        expect(await migrate(pool)).toEqual({ applied: versions });
        expect(await migrate(pool)).toEqual({ applied: [] });
        const { rows } = await pool.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((row) => (row as { version: string }).version)).toEqual(versions);
      } finally {
        await pool.end();
      }
      expect(await tables(url)).toEqual(['reports', 'schema_migrations', 'submission_events', 'submissions']);
    });
  });

  test('processes starting at once: exactly one of them migrates, none fails', async () => {
    await withDatabase(async (url) => {
      const pools = Array.from({ length: 4 }, () => createPool(url, { max: 1 }));
      try {
        const results = await Promise.all(pools.map((pool) => migrate(pool)));
        const appliers = results.filter((result) => result.applied.length > 0);
        expect(appliers).toHaveLength(1);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });
  });

  test('a failing migration leaves nothing behind; an edited one is refused', async () => {
    const dir = await makeTempDir('archlab-migrations-');
    try {
      await writeFile(join(dir.path, '001_first.sql'), 'CREATE TABLE first (id int);');
      await writeFile(join(dir.path, '002_broken.sql'), 'CREATE TABLE second (id int); SELECT no_such_function();');
      await withDatabase(async (url) => {
        const pool = createPool(url, { max: 1 });
        try {
          await expect(migrate(pool, { dir: dir.path })).rejects.toThrow(/no_such_function/);
          expect(await tables(url)).toEqual([]);

          await writeFile(join(dir.path, '002_broken.sql'), 'CREATE TABLE second (id int);');
          expect(await migrate(pool, { dir: dir.path })).toEqual({ applied: ['001', '002'] });
          await writeFile(join(dir.path, '001_first.sql'), 'CREATE TABLE first (id bigint);');
          await expect(migrate(pool, { dir: dir.path })).rejects.toBeInstanceOf(MigrationChangedError);
        } finally {
          await pool.end();
        }
      });
    } finally {
      await dir.remove();
    }
  });
});
