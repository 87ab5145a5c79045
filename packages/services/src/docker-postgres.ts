import { randomBytes } from 'node:crypto';
import { startContainer } from './docker-server.ts';
import { acceptsConnections, postgresVersion } from './postgres-client.ts';
import type { PostgresBackend } from './postgres-server.ts';

/**
 * postgres:16 in a container, without fsync like the local cluster. Docker publishes ports on every
 * interface, so the superuser gets a random password instead of trust auth.
 */
export async function startDockerPostgres(signal?: AbortSignal): Promise<PostgresBackend> {
  const password = randomBytes(12).toString('hex');
  const adminUrlFor = (host: string, port: number) => `postgres://postgres:${password}@${host}:${port}/postgres`;
  const server = await startContainer(
    {
      service: 'postgres',
      image: 'postgres:16',
      containerPort: 5432,
      command: ['postgres', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
      environment: { POSTGRES_PASSWORD: password },
      answers: (host, port) => acceptsConnections(adminUrlFor(host, port), 1000),
      readyTimeoutMs: 120_000,
    },
    signal,
  );
  const adminUrl = adminUrlFor(server.host, server.port);
  try {
    return {
      adminUrl,
      info: { provider: 'docker', version: await postgresVersion(adminUrl) },
      faults: server.faults,
      ownsCluster: true,
      answering: () => server.answering,
      stop: server.stop,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
