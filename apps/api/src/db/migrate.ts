import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inTransaction } from './pool.ts';

/** apps/api/migrations: plain SQL files named NNN_what.sql, applied in order of NNN. */
export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any constant works as long as every archlab process uses the same one: it serializes migrators.
const migrationLockKey = 4_242_001;
const fileNamePattern = /^(\d{3})_[a-z0-9_-]+\.sql$/;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  /** Versions applied by this call, in order; empty when the database was up to date. */
  applied: string[];
}

/** A migration already applied was edited afterwards: add a new migration instead. */
export class MigrationChangedError extends Error {
  override readonly name = 'MigrationChangedError';
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = fileNamePattern.exec(name);
    if (!match?.[1]) throw new Error(`migration file ${name} must be named NNN_what.sql`);
    if (migrations.some((migration) => migration.version === match[1])) {
      throw new Error(`two migrations share version ${match[1]} (${name})`);
    }
    const sql = await readFile(join(dir, name), 'utf8');
    migrations.push({ version: match[1], name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies the migrations not yet recorded in schema_migrations, all in one transaction holding an advisory
 * lock: two processes starting at once do not both migrate (the second waits, then finds nothing to do),
 * and a failing migration leaves the database as it was.
 */
export async function migrate(pool: pg.Pool, options: { dir?: string } = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: string; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((row) => [row.version, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationChangedError(
            `migration ${migration.name} was changed after it was applied (as ${previous.name}); add a new migration instead`,
          );
        }
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration.version);
    }
    return { applied };
  });
}
