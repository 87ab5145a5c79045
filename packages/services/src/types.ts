export type ServiceProvider = 'external' | 'docker' | 'local';

export type ServiceName = 'redis' | 'postgres';

export interface ServiceInfo {
  provider: ServiceProvider;
  /** The server's own version, e.g. "7.0.15" or "15.18". */
  version: string;
}

/**
 * Faults a grader injects into a service it started. External services do not support them: every
 * method then rejects with FaultsUnsupportedError.
 */
export interface FaultControls {
  /** False for external services. */
  readonly supported: boolean;
  /** SIGKILLs the server (docker: kill): open connections drop and the port refuses. */
  kill(): Promise<void>;
  /** SIGSTOPs the server's process group (docker: pause): connections hang without an error. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /**
   * Starts the server again on the SAME port and resolves once it answers. Redis comes back empty (it has
   * no persistence). PostgreSQL runs crash recovery and keeps its committed data, as a real database
   * would, so every database on a shared server survives the fault.
   */
  restart(): Promise<void>;
}

export interface RedisInstance {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly info: ServiceInfo;
  readonly faults: FaultControls;
  /** Stops the server (external: releases and flushes its logical database). Idempotent. */
  stop(): Promise<void>;
}

export interface PostgresDatabase {
  readonly url: string;
  readonly name: string;
  /** DROP DATABASE ... WITH (FORCE); idempotent. */
  drop(): Promise<void>;
}

export interface PostgresServer {
  /** A superuser URL on the `postgres` database (external: the URL you gave). */
  readonly adminUrl: string;
  readonly info: ServiceInfo;
  readonly faults: FaultControls;
  /** Creates a template database by running `setupSql` once; a second call with the same name and SQL is a no-op. */
  createTemplate(name: string, setupSql: string): Promise<void>;
  /** A fresh database (copied from `template` with STRATEGY FILE_COPY when given), dropped at teardown. */
  createDatabase(options?: { template?: string }): Promise<PostgresDatabase>;
  /** Stops the cluster (external: drops the databases and templates it created). Idempotent. */
  stop(): Promise<void>;
}

/** Environment variables this package reads. */
export type ServiceEnv = Readonly<Record<string, string | undefined>>;

export interface StartServiceOptions {
  /** Aborts the start (everything acquired so far is released); no effect once started. */
  signal?: AbortSignal;
  /**
   * Where ARCHLAB_SERVICES, ARCHLAB_REDIS_URL, ARCHLAB_POSTGRES_URL, ARCHLAB_REDIS_BIN_DIR,
   * ARCHLAB_PG_BIN_DIR, DOCKER_HOST and PATH are read from. Default: process.env.
   */
  env?: ServiceEnv;
}
