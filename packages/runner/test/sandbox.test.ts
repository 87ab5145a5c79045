import { defineCheck, defineLab, pass } from '@archlab/lab-kit';
import { describe, expect, it } from 'vitest';
import { defaultLabsDir, runLab } from '../src/index.ts';
import { fixtureDir } from './echo-lab.ts';

/** A lab whose only check reports what the candidate saw from the inside. */
const probeLab = defineLab<object>({
  id: 'probe',
  title: 'Probe',
  summary: 'what a candidate process can see',
  difficulty: 'intro',
  topics: [],
  root: new URL('./', import.meta.url),
  services: {},
  candidate: { entry: 'src/server.ts', instances: () => 1, env: () => ({ LABS_DIR: defaultLabsDir }), healthPath: '/', startTimeoutMs: 5000 },
  profiles: { quick: { description: 'one instance', params: {} } },
  checks: [
    defineCheck<object>({
      id: 'look',
      title: 'Look around',
      points: 1,
      hint: 'n/a',
      async run(ctx) {
        const [record] = await ctx.load.burst([{ target: ctx.instances[0]!.origin, path: '/' }], { captureBody: true });
        return pass('looked', JSON.parse(record!.body!) as Record<string, unknown>);
      },
    }),
  ],
});

describe('candidate isolation', () => {
  it('sandbox: the labs are hidden, the system is read-only, the uid is unprivileged', async () => {
    const report = await runLab({ lab: probeLab, solutionDir: fixtureDir('snoops'), isolation: 'sandbox' });
    expect(report.checks[0]!.evidence).toEqual({ labs: 0, write: 'EROFS', uid: 65534 });
  });

  it('process: the candidate owns the machine (local CLI)', async () => {
    const report = await runLab({ lab: probeLab, solutionDir: fixtureDir('snoops') });
    const seen = report.checks[0]!.evidence!;
    expect(seen.labs).toBeGreaterThan(0);
    expect(seen.uid).toBe(process.getuid?.());
  });
});
