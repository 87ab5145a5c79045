// Proves the grader against real Redis and real candidate processes: the reference solution and the other
// correct design pass, the starter fails, and every known-bad solution fails exactly the checks it names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLab, validateLab } from '@archlab/runner';
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

describe('a solution that hangs', () => {
  it('fails the probes with the timeout as evidence instead of leaving them ungraded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archlab-hang-'));
    try {
      mkdirSync(join(dir, 'src'));
      const server = `import { createServer } from 'node:http';
createServer((req, res) => {
  if (req.url === '/healthz') return res.end('ok');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;
      writeFileSync(join(dir, 'src/server.ts'), server);
      const checkIds = ['contract', 'shared-state', 'retry-after-honest'];
      const report = await runLab({ lab, solutionDir: dir, checkIds });
      for (const id of checkIds) {
        const check = report.checks.find((c) => c.id === id)!;
        expect(check.status, `${id}: ${check.message}`).toBe('fail');
        expect(check.message).toMatch(/timeout after \d+ ms/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
