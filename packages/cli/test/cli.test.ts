import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('Ctrl-C', () => {
  const redisServers = () => {
    try {
      return execFileSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  const archlabTempDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('archlab-') && !scratch.path.endsWith(name));

  it('stops a run midway and leaves no process, port or temp dir behind', async () => {
    const copy = join(scratch.path, 'interrupted-solution');
    cpSync(solution, copy, { recursive: true });
    const redisBefore = redisServers();
    const dirsBefore = archlabTempDirs();
    const cli = startCli(['run', 'rate-limiter', '--solution', copy]);
    await waitForOutput(cli.child, cli.output, /✓ contract/, 60_000);
    const candidates = execFileSync('pgrep', ['-f', copy], { encoding: 'utf8' }).trim().split('\n');
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted: stopping and cleaning up/);
    const clean = await waitFor(
      () => {
        let leftovers: string[] = [];
        try {
          leftovers = execFileSync('pgrep', ['-f', copy], { encoding: 'utf8' }).trim().split('\n');
        } catch {
          leftovers = [];
        }
        const newRedis = redisServers().filter((pid) => !redisBefore.includes(pid));
        const newDirs = archlabTempDirs().filter((name) => !dirsBefore.includes(name));
        return leftovers.length === 0 && newRedis.length === 0 && newDirs.length === 0 ? true : undefined;
      },
      { timeoutMs: 5000 },
    );
    expect(clean).toBe(true);
    expect(existsSync(copy)).toBe(true);
    expect(readFileSync(join(copy, 'src/server.ts'), 'utf8')).toContain('tokenBucket');
  });
});
