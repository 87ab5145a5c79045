export { startRedis } from './start-redis.ts';
export { startPostgres, sharedPostgres } from './start-postgres.ts';
export { probeDocker } from './docker-probe.ts';
export type { DockerProbeOptions, DockerProbeResult } from './docker-probe.ts';
export { ServiceUnavailableError, ServiceStartError, FaultsUnsupportedError, TemplateSetupError } from './errors.ts';
export type {
  ServiceProvider,
  ServiceName,
  ServiceInfo,
  FaultControls,
  RedisInstance,
  PostgresDatabase,
  PostgresServer,
  ServiceEnv,
  StartServiceOptions,
} from './types.ts';
