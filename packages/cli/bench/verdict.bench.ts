// Time to verdict for the rate-limiter reference solution, as a candidate experiences it (`pnpm lab run`
// in a fresh process: services started from cold) and inside one long-lived process (a grading worker).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { teardownAll } from '@archlab/proc';
import { loadLab, runLab } from '@archlab/runner';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const solution = join(repoRoot, 'labs/rate-limiter/solution');
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function cliRun(): { wallMs: number; verdict: string; reportMs: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, 'run', 'rate-limiter', '--solution', solution, '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const wallMs = Math.round(performance.now() - started);
  const report = JSON.parse(result.stdout) as { verdict: string; durationMs: number };
  return { wallMs, verdict: report.verdict, reportMs: report.durationMs };
}

const lab = await loadLab('rate-limiter');
const inProcess = [];
for (let i = 0; i < 2; i++) {
  const started = performance.now();
  const report = await runLab({ lab, solutionDir: solution, seed: i + 1 });
  inProcess.push({
    wallMs: Math.round(performance.now() - started),
    verdict: report.verdict,
    checksMs: Object.fromEntries(report.checks.map((c) => [c.id, c.durationMs])),
  });
}
await teardownAll();

const cold = [cliRun(), cliRun()];
console.log(
  JSON.stringify(
    {
      bench: 'time to verdict, rate-limiter reference solution, quick profile',
      cliFreshProcess: cold,
      inOneProcess: inProcess,
    },
    null,
    2,
  ),
);
