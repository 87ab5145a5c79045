import { describeError } from './describe-error.ts';
import { ServiceUnavailableError } from './errors.ts';
import { postgresVersion } from './postgres-client.ts';
import type { PostgresBackend } from './postgres-server.ts';
import { redactUrl } from './redact-url.ts';
import { unsupportedFaults } from './unsupported-faults.ts';

function unavailable(detail: string): ServiceUnavailableError {
  return new ServiceUnavailableError('postgres', [`external: ${detail}`]);
}

/**
 * An external PostgreSQL (ARCHLAB_POSTGRES_URL, a role allowed to CREATE DATABASE). Databases and templates
 * get random names and are dropped when the server object stops; the server itself is never touched.
 */
export async function connectExternalPostgres(adminUrl: string, signal?: AbortSignal): Promise<PostgresBackend> {
  signal?.throwIfAborted();
  let protocol: string;
  try {
    protocol = new URL(adminUrl).protocol;
  } catch {
    throw unavailable(`ARCHLAB_POSTGRES_URL is not a URL: ${JSON.stringify(redactUrl(adminUrl))}`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw unavailable(`ARCHLAB_POSTGRES_URL must start with postgres:// or postgresql://, got ${redactUrl(adminUrl)}`);
  }
  let version: string;
  try {
    version = await postgresVersion(adminUrl);
  } catch (error) {
    throw unavailable(`could not connect to ${redactUrl(adminUrl)}: ${describeError(error)}`);
  }
  return {
    adminUrl,
    info: { provider: 'external', version },
    faults: unsupportedFaults('postgres'),
    ownsCluster: false,
    answering: () => true,
    stop: async () => undefined,
  };
}
