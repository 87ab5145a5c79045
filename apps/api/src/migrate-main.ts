// `pnpm --filter @archlab/api migrate`: applies pending migrations and exits (a Kubernetes Job runs this).
import { z } from 'zod';
import { readEnv } from './config.ts';
import { createPool } from './db/pool.ts';
import { migrate } from './db/migrate.ts';

const env = readEnv(z.object({ DATABASE_URL: z.url() }), process.env);
const pool = createPool(env.DATABASE_URL, { max: 1 });
try {
  const { applied } = await migrate(pool);
  process.stdout.write(applied.length > 0 ? `migrated: ${applied.join(', ')}\n` : 'database is up to date\n');
} catch (error) {
  process.stderr.write(`migration failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
