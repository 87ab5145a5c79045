// The lab's README, lab.ts and checks/ must agree: a check the candidate is not told about, or points that
// differ between what they read and what they get, is a grader bug.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesign } from '@archlab/sim';
import lab from '../lab.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const gradedTable = [...readme.matchAll(/^\| `([a-z-]+)` \| (\d+) \|/gm)].map(([, id, points]) => ({ id, points: Number(points) }));

describe('rate-limiter lab spec', () => {
  it('README grading table lists exactly the checks of lab.ts, in order, with their points', () => {
    expect(gradedTable).toEqual(lab.checks.map(({ id, points }) => ({ id, points })));
  });

  it('has one file per check in checks/', () => {
    const files = readdirSync(new URL('../checks/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(lab.checks.map((check) => check.id).sort());
  });

  it('is worth 100 points and every check has a hint', () => {
    expect(lab.checks.reduce((sum, check) => sum + check.points, 0)).toBe(100);
    for (const check of lab.checks) expect(check.hint.length).toBeGreaterThan(20);
  });

  it('ships a diagram that is a valid design document', () => {
    const diagram: unknown = JSON.parse(readFileSync(new URL('../diagram.json', import.meta.url), 'utf8'));
    expect(() => parseDesign(diagram)).not.toThrow();
  });

  it('states the quick profile the README promises', () => {
    expect(readme).toContain(`L=${lab.profiles.quick.params.limit} per ${lab.profiles.quick.params.windowMs} ms, ${lab.profiles.quick.params.instances} instances`);
    expect(readme).toContain(`L=${lab.profiles.full!.params.limit} per ${lab.profiles.full!.params.windowMs} ms, ${lab.profiles.full!.params.instances} instances`);
  });
});
