import { randomBytes } from 'node:crypto';
import { onTeardown } from '@archlab/proc';
import { TemplateSetupError } from './errors.ts';
import { once } from './once.ts';
import { quoteIdent, urlForDatabase, withClient } from './postgres-client.ts';
import type { FaultControls, PostgresDatabase, PostgresServer, ServiceInfo } from './types.ts';

/** A running PostgreSQL, whichever provider started it. */
export interface PostgresBackend {
  readonly adminUrl: string;
  readonly info: ServiceInfo;
  readonly faults: FaultControls;
  /**
   * True when the cluster is ours alone (local, docker): stopping it discards every database, so nothing
   * needs dropping. False for an external server, where we drop what we created.
   */
  readonly ownsCluster: boolean;
  /** False while the cluster is killed or paused. */
  answering(): boolean;
  stop(): Promise<void>;
}

interface Template {
  setupSql: string;
  database: Promise<string>;
}

/** Names are identifiers we build ourselves: lower-case, bounded (PostgreSQL truncates at 63 bytes). */
function databaseName(prefix: string, label = ''): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  return [prefix, slug, randomBytes(6).toString('hex')].filter(Boolean).join('_');
}

/** A PostgreSQL error with its detail and where in the SQL it happened. */
function describeSqlError(error: unknown, sql: string): string {
  const { message, detail, position } = error as { message: string; detail?: string; position?: string };
  const at = Number(position);
  const line = at > 0 ? ` (line ${sql.slice(0, at - 1).split('\n').length})` : '';
  return `${message}${line}${detail ? `: ${detail}` : ''}`;
}

/** Templates and per-run databases on top of a running PostgreSQL. */
export function createPostgresServer(backend: PostgresBackend): PostgresServer {
  const templates = new Map<string, Template>();
  const builtTemplates: string[] = [];
  const databases = new Set<PostgresDatabase>();
  let stopped = false;
  const major = Number.parseInt(backend.info.version, 10);

  const admin = (sql: string) => withClient(backend.adminUrl, async (client) => void (await client.query(sql)));
  const assertRunning = (action: string) => {
    if (stopped) throw new Error(`cannot ${action}: the PostgreSQL server was stopped`);
  };

  async function buildTemplate(name: string, setupSql: string): Promise<string> {
    const database = databaseName('archlab_tpl', name);
    await admin(`CREATE DATABASE ${quoteIdent(database)}`);
    try {
      await withClient(urlForDatabase(backend.adminUrl, database), (client) => client.query(setupSql));
    } catch (error) {
      await admin(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      throw new TemplateSetupError(name, describeSqlError(error, setupSql));
    }
    // No one may connect to a template: a session on it would make every copy fail.
    await admin(`ALTER DATABASE ${quoteIdent(database)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    builtTemplates.push(database);
    return database;
  }

  async function dropTemplates(): Promise<void> {
    for (const database of builtTemplates.splice(0)) {
      await admin(`ALTER DATABASE ${quoteIdent(database)} WITH IS_TEMPLATE false`);
      await admin(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    }
  }

  const server: PostgresServer = {
    adminUrl: backend.adminUrl,
    info: backend.info,
    faults: backend.faults,

    async createTemplate(name, setupSql) {
      assertRunning(`create template "${name}"`);
      const existing = templates.get(name);
      if (existing?.setupSql === setupSql) {
        await existing.database;
        return;
      }
      const template: Template = { setupSql, database: buildTemplate(name, setupSql) };
      templates.set(name, template);
      try {
        await template.database;
      } catch (error) {
        if (templates.get(name) === template) templates.delete(name);
        throw error;
      }
    },

    async createDatabase(options = {}) {
      assertRunning('create a database');
      const template = options.template === undefined ? undefined : templates.get(options.template);
      if (options.template !== undefined && !template) {
        throw new Error(`unknown template "${options.template}": call createTemplate("${options.template}", sql) first`);
      }
      const source = template ? ` TEMPLATE ${quoteIdent(await template.database)}` : '';
      // FILE_COPY copies the template's files: much faster than WAL_LOG (15's default) for small databases.
      const strategy = major >= 15 ? ' STRATEGY FILE_COPY' : '';
      const name = databaseName('archlab_db');
      await admin(`CREATE DATABASE ${quoteIdent(name)}${source}${strategy}`);
      const dropNow = async () => {
        // A cluster we own that was stopped took the database with it.
        if (stopped && backend.ownsCluster) return;
        await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      };
      let dropping: Promise<void> | undefined;
      const dropOnce = () => {
        dropping ??= dropNow().catch((error: unknown) => {
          dropping = undefined;
          throw error;
        });
        return dropping;
      };
      // At exit a killed or paused cluster of ours is about to be removed anyway: do not wait on it.
      const release = onTeardown(`database ${name}`, () =>
        backend.ownsCluster && !backend.answering() ? undefined : dropOnce(),
      );
      const database: PostgresDatabase = {
        url: urlForDatabase(backend.adminUrl, name),
        name,
        async drop() {
          await release();
          await dropOnce();
          databases.delete(database);
        },
      };
      databases.add(database);
      return database;
    },

    async stop() {
      await releaseAtExit();
      await stopOnce();
    },
  };
  const stopOnce = once(async () => {
    stopped = true;
    try {
      await Promise.all([...databases].map((database) => database.drop()));
      if (!backend.ownsCluster) await dropTemplates();
    } finally {
      await backend.stop();
    }
  });
  const releaseAtExit = onTeardown(`postgres server ${backend.adminUrl}`, stopOnce);
  return server;
}
