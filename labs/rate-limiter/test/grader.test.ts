// Proves the grader against real Redis and real candidate processes: the reference solution and the other
// correct design pass, the starter fails, and every known-bad solution fails exactly the checks it names.
import { validateLab } from '@archlab/runner';
import { describe, expect, it } from 'vitest';
import lab from '../lab.ts';

describe('rate-limiter grader', () => {
  it('accepts correct solutions and rejects each known-bad one for its stated reason', async () => {
    const result = await validateLab(lab, { repeat: 1 });
    const summary = result.cases.map((c) => ({
      name: c.name,
      ok: c.ok,
      problems: c.attempts.flatMap((a) => a.problem ?? []),
    }));
    expect(summary.filter((c) => !c.ok)).toEqual([]);
    expect(result.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['solution', 'starter', 'variant:sliding-log', 'mutant:get-then-set-race', 'mutant:no-redis-timeout']),
    );
  });
});
