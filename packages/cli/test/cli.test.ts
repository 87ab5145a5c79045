import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '@archlab/lab-kit';
import { makeTempDir, teardownAll, waitFor, type TempDir } from '@archlab/proc';
import { repoRoot, runCli, startCli, waitForOutput } from './run-cli.ts';

const solution = join(repoRoot, 'labs/rate-limiter/solution');
let scratch: TempDir;

beforeAll(async () => {
  scratch = await makeTempDir('archlab-cli-test-');
});
afterAll(teardownAll);

describe('lab list / usage', () => {
  it('lists the labs', async () => {
    const result = await runCli(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rate-limiter\s+Distributed rate limiter/);
  });

  it('answers bad usage with a message and exit 2, never a stack trace', async () => {
    for (const [args, message] of [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['run', 'no-such-lab', '--solution', '.'], /unknown lab "no-such-lab"/],
      [['run', 'rate-limiter', '--solution', '/nonexistent/solution'], /solution folder not found/],
      [['run', 'rate-limiter', '--profile', 'huge', '--solution', solution], /--profile must be quick or full/],
      [['run', 'rate-limiter', '--bogus'], /Unknown option '--bogus'/],
      [['run', 'rate-limiter'], /no solution to grade/],
    ] as const) {
      const result = await runCli([...args], { cwd: scratch.path });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('lab init and run', () => {
  it('creates a workspace, refuses to overwrite it, and grades it from inside', async () => {
    const init = await runCli(['init', 'rate-limiter', 'my-limiter'], { cwd: scratch.path });
    expect(init.code).toBe(0);
    const workspace = join(scratch.path, 'my-limiter');
    expect(readdirSync(workspace).sort()).toEqual(['.archlab.json', 'README.md', 'src']);

    const again = await runCli(['init', 'rate-limiter', 'my-limiter'], { cwd: scratch.path });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists and is not empty/);

    const run = await runCli(['run', '--check', 'contract', '--json'], { cwd: workspace });
    expect(run.code).toBe(1);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'contract')).toMatchObject({ status: 'fail', hint: expect.any(String) });
    expect(report.checks.find((c) => c.id === 'contract')!.message).toMatch(/no RateLimit|RateLimit-Limit/);
  });

  it('passes the reference solution, printing only a schema-valid report with --json', async () => {
    const run = await runCli(['run', 'rate-limiter', '--solution', solution, '--check', 'contract', '--check', 'shared-state', '--json', '--seed', '3']);
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report).toMatchObject({ verdict: 'pass', seed: 3, score: 20, maxScore: 20 });
    expect(report.environment.services.redis?.version).toMatch(/^\d+\.\d+/);
  });

  it('shows the log tail of a solution that does not start, exit 2', async () => {
    const broken = join(scratch.path, 'broken');
    mkdirSync(join(broken, 'src'), { recursive: true });
    writeFileSync(join(broken, 'src/server.ts'), "throw new Error('RATE_LIMIT parse failed at line 3');\n");
    const run = await runCli(['run', 'rate-limiter', '--solution', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the solution did not start: instance i\d exited with code 1/);
    expect(run.stderr).toContain('RATE_LIMIT parse failed at line 3');
  });
});

describe('without Redis', () => {
  it('says how to install it and exits 2', async () => {
    const run = await runCli(['run', 'rate-limiter', '--solution', solution], {
      env: { ARCHLAB_SERVICES: 'local', ARCHLAB_REDIS_BIN_DIR: scratch.path },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/could not grade: no redis available/);
    expect(run.stderr).toMatch(/apt-get install -y redis-server/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/** Pids of the processes whose working directory is `dir` (the candidate's instances run in their folder). */
function processesIn(dir: string): string[] {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && cwdOf(pid) === dir);
}

function cwdOf(pid: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/** Every process below `root` (children keep their parent even in their own process groups). */
function descendantsOf(root: number): { pid: string; args: string; cwd: string | undefined }[] {
  const parents = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!);
    } catch {
      // exited while we looked
    }
  }
  const found: { pid: string; args: string; cwd: string | undefined }[] = [];
  const queue = [String(root)];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid !== parent) continue;
      queue.push(pid);
      let args = '';
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      found.push({ pid, args, cwd: cwdOf(pid) });
    }
  }
  return found;
}

const alive = (pid: string) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

describe('Ctrl-C', () => {
  it('stops a run midway and leaves no process, port or temp dir behind', async () => {
    const copy = join(scratch.path, 'interrupted-solution');
    cpSync(solution, copy, { recursive: true });
    const cli = startCli(['run', 'rate-limiter', '--solution', copy]);
    await waitForOutput(cli.child, cli.output, /✓ contract/, 60_000);
    const started = descendantsOf(cli.child.pid!);
    expect(processesIn(copy).length).toBeGreaterThanOrEqual(2);
    expect(started.some((p) => p.args.includes('redis-server'))).toBe(true);
    const mentioned = started.flatMap((p) => `${p.args} ${p.cwd ?? ''}`.match(/\/(?:tmp|dev\/shm)\/archlab-[\w-]+/g) ?? []);
    const tempDirs = [...new Set(mentioned)].filter((dir) => dir !== scratch.path);
    expect(tempDirs.length).toBeGreaterThan(0);

    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted: stopping and cleaning up/);
    const clean = await waitFor(
      () => (started.every((p) => !alive(p.pid)) && tempDirs.every((dir) => !existsSync(dir)) ? true : undefined),
      { timeoutMs: 5000 },
    );
    expect(clean, JSON.stringify({ alive: started.filter((p) => alive(p.pid)), dirs: tempDirs.filter((d) => existsSync(d)) })).toBe(true);
    expect(readFileSync(join(copy, 'src/server.ts'), 'utf8')).toContain('tokenBucket');
  });
});
