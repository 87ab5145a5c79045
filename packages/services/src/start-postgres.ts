import { onTeardown } from '@archlab/proc';
import { findPostgresBinaries } from './binaries.ts';
import { startDockerPostgres } from './docker-postgres.ts';
import { connectExternalPostgres } from './external-postgres.ts';
import { startLocalPostgres } from './local-postgres.ts';
import { createPostgresServer } from './postgres-server.ts';
import { ProviderMissing, provision } from './provider-choice.ts';
import { postgresAccount } from './service-account.ts';
import type { PostgresServer, StartServiceOptions } from './types.ts';

/**
 * A PostgreSQL server of its own per call: local -> initdb + postgres in a temp dir on a free loopback port;
 * docker -> a postgres:16 container; external -> ARCHLAB_POSTGRES_URL (faults unsupported).
 */
export async function startPostgres(options: StartServiceOptions = {}): Promise<PostgresServer> {
  const env = options.env ?? process.env;
  const backend = await provision({
    service: 'postgres',
    env,
    urlVariable: 'ARCHLAB_POSTGRES_URL',
    external: (url) => connectExternalPostgres(url, options.signal),
    docker: () => startDockerPostgres(options.signal),
    local: async () => {
      const binaries = await findPostgresBinaries(env);
      if ('missing' in binaries) throw new ProviderMissing(binaries.missing);
      const account = await postgresAccount();
      if ('missing' in account) throw new ProviderMissing(account.missing);
      return startLocalPostgres(binaries.found, account.account, options.signal);
    },
  });
  return createPostgresServer(backend);
}

let shared: Promise<PostgresServer> | undefined;

/**
 * One server per process, started on first use and reused by every run (each run takes its own database).
 * Stopped at process teardown, or by its stop(); the next call then starts a new one. A failed start is not
 * remembered: the next call tries again.
 */
export function sharedPostgres(): Promise<PostgresServer> {
  shared ??= startPostgres().then(
    (server) => {
      const forget = onTeardown('shared postgres', async () => {
        shared = undefined;
      });
      return {
        ...server,
        stop: async () => {
          await forget();
          await server.stop();
        },
      };
    },
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}
