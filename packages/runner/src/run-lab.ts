import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  reportSchema,
  verdictOf,
  type CheckDefinition,
  type CheckResult,
  type LabDefinition,
  type ProfileName,
  type Report,
} from '@archlab/lab-kit';
import { sharedPostgres, startRedis, type PostgresDatabase } from '@archlab/services';
import { makeTempDir } from '@archlab/proc';
import { buildCandidate } from './candidate-build.ts';
import { CandidateFleet } from './candidate-fleet.ts';
import { assertSandboxAvailable, type Isolation } from './candidate-launch.ts';
import { defaultLabsDir } from './discover-labs.ts';
import { CandidateStartError, UsageError } from './errors.ts';
import type { RunEvent } from './events.ts';
import { GuardedService } from './guarded-service.ts';
import { runCheck } from './run-check.ts';

export interface RunLabOptions<P> {
  lab: LabDefinition<P>;
  /** The folder holding the candidate's solution (the lab's entry file inside it). */
  solutionDir: string;
  /** Default "quick". */
  profile?: ProfileName;
  /** Default 1: a run replays from its seed. */
  seed?: number;
  /** Only these checks run; the others are reported as "skip". */
  checkIds?: readonly string[];
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
  /** "process" (default; the local CLI) or "sandbox" (bubblewrap; hosted grading). See candidate-launch.ts. */
  isolation?: Isolation;
}

const runnerVersion = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export function checkSolutionDir(lab: LabDefinition<unknown>, solutionDir: string): string {
  const dir = resolve(solutionDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`solution folder not found: ${dir}`);
  }
  if (!existsSync(join(dir, lab.candidate.entry))) {
    throw new UsageError(`${dir} has no ${lab.candidate.entry}: the ${lab.id} lab starts the solution from that file`);
  }
  return dir;
}

function selectChecks<P>(lab: LabDefinition<P>, checkIds: readonly string[] | undefined) {
  if (!checkIds || checkIds.length === 0) return lab.checks;
  const known = new Set(lab.checks.map((check) => check.id));
  const unknown = checkIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown check ${unknown.join(', ')} in lab ${lab.id}; its checks: ${[...known].join(', ')}`);
  }
  return lab.checks.filter((check) => checkIds.includes(check.id));
}

interface RunServices {
  handles: { redis?: GuardedService; postgres?: GuardedService };
  /** REDIS_URL / DATABASE_URL for the candidate. */
  env: Record<string, string>;
  info: Report['environment']['services'];
}

/** This run's own Redis instance and/or Postgres database, each released through `cleanups`. */
async function provisionServices(
  lab: LabDefinition<unknown>,
  cleanups: (() => Promise<void>)[],
  signal: AbortSignal | undefined,
): Promise<RunServices> {
  const run: RunServices = { handles: {}, env: {}, info: {} };
  const [redis, postgres] = await Promise.all([
    lab.services.redis ? startRedis({ signal }) : undefined,
    lab.services.postgres ? provisionDatabase() : undefined,
  ]);
  if (redis) {
    cleanups.push(() => redis.stop());
    run.handles.redis = new GuardedService(redis.url, redis.faults);
    run.env.REDIS_URL = redis.url;
    run.info.redis = redis.info;
  }
  if (postgres) {
    cleanups.push(() => postgres.database.drop());
    run.handles.postgres = new GuardedService(postgres.database.url, postgres.server.faults);
    run.env.DATABASE_URL = postgres.database.url;
    run.info.postgres = postgres.server.info;
  }
  return run;
}

function notRestarted(check: CheckDefinition<unknown>, error: CandidateStartError): CheckResult {
  return {
    id: check.id,
    title: check.title,
    status: 'fail',
    points: 0,
    maxPoints: check.points,
    durationMs: 0,
    message: `not run: instance ${error.failure.instance} could not be started again after it went down (${error.failure.detail})`,
    evidence: { logTail: error.failure.logTail },
    hint: check.hint,
  };
}

/** Every check of the lab in order: the ones run, the others as skipped. */
function reportChecks(lab: LabDefinition<unknown>, results: Map<string, CheckResult>, interrupted: boolean): CheckResult[] {
  return lab.checks.map(
    (check): CheckResult =>
      results.get(check.id) ?? {
        id: check.id,
        title: check.title,
        status: 'skip',
        points: 0,
        maxPoints: 0,
        durationMs: 0,
        message: interrupted ? 'not run: the run was interrupted' : 'not selected for this run',
      },
  );
}

/**
 * Grades one solution: fresh services for this run, the candidate's instances in their own process groups,
 * then each check in turn on a healthy fleet. Throws UsageError / CandidateStartError / ServiceUnavailableError
 * when there is nothing to grade; otherwise always returns a schema-valid report.
 */
export async function runLab<P>(options: RunLabOptions<P>): Promise<Report> {
  const { lab, onEvent = () => undefined, signal } = options;
  const profileName = options.profile ?? 'quick';
  const profile = lab.profiles[profileName];
  if (!profile) throw new UsageError(`lab ${lab.id} has no "${profileName}" profile`);
  const seed = options.seed ?? 1;
  const solutionDir = checkSolutionDir(lab as LabDefinition<unknown>, options.solutionDir);
  const selected = selectChecks(lab, options.checkIds);
  const isolation = options.isolation ?? 'process';
  if (isolation === 'sandbox') assertSandboxAvailable();
  const started = performance.now();
  const params = profile.params;

  const cleanups: (() => Promise<void>)[] = [];
  try {
    onEvent({ type: 'phase', message: 'starting services' });
    const services = await provisionServices(lab as LabDefinition<unknown>, cleanups, signal);

    onEvent({ type: 'phase', message: `compiling ${lab.candidate.entry}` });
    const buildDir = await makeTempDir('archlab-build-');
    cleanups.push(() => buildDir.remove());
    const labDir = fileURLToPath(lab.root);
    const bundle = await buildCandidate({ solutionDir, entry: lab.candidate.entry, labDir, outDir: buildDir.path });

    const count = lab.candidate.instances(params);
    onEvent({ type: 'phase', message: `starting ${count} instance${count === 1 ? '' : 's'} of the solution` });
    const fleet = await CandidateFleet.start({
      bundle,
      solutionDir,
      isolation,
      hiddenDirs: [defaultLabsDir, labDir, homedir()],
      count,
      env: { ...lab.candidate.env(params), ...services.env },
      healthPath: lab.candidate.healthPath,
      startTimeoutMs: lab.candidate.startTimeoutMs ?? 20_000,
    });
    cleanups.push(() => fleet.stop());

    onEvent({
      type: 'run-start',
      lab: lab.id,
      profile: profileName,
      seed,
      checks: selected.map(({ id, title, points }) => ({ id, title, points })),
    });
    const results = new Map<string, CheckResult>();
    for (const [index, check] of selected.entries()) {
      if (signal?.aborted) break;
      // Each check starts from healthy services and instances, whatever the previous one broke.
      await Promise.all([services.handles.redis?.mend(), services.handles.postgres?.mend()]);
      const unhealed = await fleet.heal().then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof CandidateStartError) return error;
          throw error;
        },
      );
      if (unhealed) {
        // The solution no longer starts: the remaining checks cannot pass, and the earned points stay.
        for (const rest of selected.slice(index)) results.set(rest.id, notRestarted(rest, unhealed));
        break;
      }
      await fleet.takeIncidents();
      onEvent({ type: 'check-start', id: check.id, title: check.title, index, total: selected.length });
      const result = await runCheck({
        check,
        base: { lab: lab.id, profile: profileName, params, seed, instances: fleet.instances, services: services.handles },
        onProgress: (message, fraction) =>
          onEvent({ type: 'check-progress', id: check.id, message, ...(fraction === undefined ? {} : { fraction }) }),
        takeIncidents: () => fleet.takeIncidents(),
        ...(signal ? { runSignal: signal } : {}),
      });
      results.set(check.id, result);
      onEvent({ type: 'check-end', result });
    }

    const interrupted = signal?.aborted === true;
    const checks = reportChecks(lab as LabDefinition<unknown>, results, interrupted);
    const report = reportSchema.parse({
      lab: lab.id,
      profile: profileName,
      verdict: interrupted ? 'error' : verdictOf(checks),
      score: checks.reduce((sum, check) => sum + check.points, 0),
      maxScore: checks.reduce((sum, check) => sum + check.maxPoints, 0),
      seed,
      durationMs: Math.round(performance.now() - started),
      checks,
      environment: { services: services.info, runner: runnerVersion, node: process.versions.node },
    } satisfies Report);
    onEvent({ type: 'run-end', report });
    return report;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function provisionDatabase(): Promise<{ server: Awaited<ReturnType<typeof sharedPostgres>>; database: PostgresDatabase }> {
  const server = await sharedPostgres();
  return { server, database: await server.createDatabase() };
}

