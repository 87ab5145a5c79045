import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTempDir } from '@archlab/proc';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '@archlab/lab-kit';
import { CandidateStartError, UsageError, runLab, type RunEvent } from '../src/index.ts';
import { echoLab, fixtureDir } from './echo-lab.ts';

const statuses = (report: Awaited<ReturnType<typeof runLab>>) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe('runLab', () => {
  it('grades a working solution and keeps "could not grade" apart from "fail"', async () => {
    const events: RunEvent[] = [];
    const report = await runLab({ lab: echoLab, solutionDir: fixtureDir('good'), seed: 7, onEvent: (e) => events.push(e) });
    expect(reportSchema.parse(report)).toEqual(report);
    expect(statuses(report)).toEqual({
      hello: 'pass',
      'kills-one': 'pass',
      'after-kill': 'pass',
      'our-fault': 'error',
      'grader-bug': 'error',
      slow: 'error',
    });
    expect(report.verdict).toBe('error');
    expect(report.score).toBe(4);
    expect(report.checks.find((c) => c.id === 'our-fault')?.message).toBe('could not grade: the mock bank did not start');
    expect(report.checks.find((c) => c.id === 'slow')?.message).toMatch(/did not finish within 200 ms/);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['phase', 'run-start', 'check-start', 'check-end', 'run-end']));
  });

  it('runs only the selected checks and reports the rest as skipped', async () => {
    const report = await runLab({ lab: echoLab, solutionDir: fixtureDir('good'), checkIds: ['hello'] });
    expect(report.verdict).toBe('pass');
    expect(report.checks.filter((c) => c.status === 'skip')).toHaveLength(5);
    expect(report.maxScore).toBe(2);
  });

  it('fails a check during which the candidate crashed, with its log tail as evidence', async () => {
    const report = await runLab({ lab: echoLab, solutionDir: fixtureDir('crashes-on-hello'), checkIds: ['hello', 'after-kill'] });
    const hello = report.checks.find((c) => c.id === 'hello')!;
    expect(hello.status).toBe('fail');
    expect(hello.message).toMatch(/instance i\d exited with code 1 during the check/);
    expect(JSON.stringify(hello.evidence)).toContain('fatal: cannot say hello');
    expect(report.checks.find((c) => c.id === 'after-kill')!.status).toBe('pass');
  });

  it('fails the remaining checks when a crashed instance cannot start again', async () => {
    try {
      const report = await runLab({ lab: echoLab, solutionDir: fixtureDir('starts-once'), checkIds: ['hello', 'after-kill'] });
      expect(report.checks.find((c) => c.id === 'hello')).toMatchObject({ status: 'fail', message: expect.stringMatching(/exited with code 1 during the check/) });
      const next = report.checks.find((c) => c.id === 'after-kill')!;
      expect(next).toMatchObject({ status: 'fail', points: 0, maxPoints: 1, message: expect.stringMatching(/could not be started again/) });
      expect(JSON.stringify(next.evidence)).toContain('refusing to start');
    } finally {
      for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('archlab-starts-once-'))) rmSync(join(tmpdir(), name));
    }
  });

  it('resolves packages the lab provides for a solution folder elsewhere on disk', async () => {
    const elsewhere = await makeTempDir('archlab-solution-');
    try {
      cpSync(fixtureDir('imports-lab-package'), elsewhere.path, { recursive: true });
      const report = await runLab({ lab: echoLab, solutionDir: elsewhere.path, checkIds: ['hello'] });
      expect(report.verdict).toBe('pass');
    } finally {
      await elsewhere.remove();
    }
  });

  it('says why a solution did not start, with its output', async () => {
    const crash = await runLab({ lab: echoLab, solutionDir: fixtureDir('crashes-on-start') }).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(CandidateStartError);
    expect((crash as CandidateStartError).failure).toMatchObject({ reason: 'exited', logTail: expect.stringContaining('GREETING is not configured') });

    const silent = await runLab({ lab: echoLab, solutionDir: fixtureDir('never-healthy') }).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(CandidateStartError);
    expect((silent as CandidateStartError).failure).toMatchObject({ reason: 'no-health', logTail: expect.stringContaining('not healthy') });
    expect((silent as Error).message).toMatch(/did not answer GET \/healthz with 200 within 3000 ms/);
  });

  it('refuses to compile files from outside the solution folder into it', async () => {
    const elsewhere = await makeTempDir('archlab-solution-');
    try {
      cpSync(fixtureDir('reads-outside'), elsewhere.path, { recursive: true });
      const source = `import env from '/proc/self/environ' with { type: 'text' };\nconsole.log(env);\n`;
      writeFileSync(join(elsewhere.path, 'src/server.ts'), source);
      const error = await runLab({ lab: echoLab, solutionDir: elsewhere.path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CandidateStartError);
      expect((error as CandidateStartError).failure).toMatchObject({ reason: 'build', logTail: expect.stringMatching(/cannot import \/proc\/\w+\/environ/) });
    } finally {
      await elsewhere.remove();
    }
    const relative = await runLab({ lab: echoLab, solutionDir: fixtureDir('reads-outside') }).catch((e: unknown) => e);
    expect((relative as CandidateStartError).failure?.logTail).toMatch(/cannot import .*src\/errors\.ts/);
  });

  it('rejects a missing folder, a folder without the entry file, and unknown checks', async () => {
    await expect(runLab({ lab: echoLab, solutionDir: '/nonexistent/archlab' })).rejects.toThrow(UsageError);
    await expect(runLab({ lab: echoLab, solutionDir: fixtureDir('') })).rejects.toThrow(/has no src\/server.ts/);
    await expect(runLab({ lab: echoLab, solutionDir: fixtureDir('good'), checkIds: ['nope'] })).rejects.toThrow(/unknown check nope/);
  });
});
