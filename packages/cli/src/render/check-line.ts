import pc from 'picocolors';
import type { CheckResult, Report } from '@archlab/lab-kit';

const marks: Record<CheckResult['status'], string> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.yellow('!'),
  skip: pc.dim('-'),
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** One finished check: mark, id, points, time; then for anything but a pass, the evidence and the hint. */
export function renderCheck(result: CheckResult): string {
  const points = result.status === 'skip' ? '' : pc.dim(` ${result.points}/${result.maxPoints}`);
  const head = `${marks[result.status]} ${result.id}${points} ${pc.dim(seconds(result.durationMs))}`;
  if (result.status === 'pass' || result.status === 'skip') return head;
  const lines = [head, `    ${result.message}`];
  if (result.status === 'error') lines.push(pc.dim('    (could not grade: this is not counted against you)'));
  if (result.hint) lines.push(pc.cyan(`    hint: ${result.hint}`));
  return lines.join('\n');
}

export function renderSummary(report: Report): string {
  const counted = report.checks.filter((check) => check.status !== 'skip');
  const failed = counted.filter((check) => check.status === 'fail').length;
  const errored = counted.filter((check) => check.status === 'error').length;
  const verdict = {
    pass: pc.green(pc.bold('PASS')),
    fail: pc.red(pc.bold('FAIL')),
    error: pc.yellow(pc.bold('COULD NOT GRADE')),
  }[report.verdict];
  const details = [
    failed > 0 ? `${failed} failed` : '',
    errored > 0 ? `${errored} could not be graded` : '',
    `${counted.length} checks`,
  ].filter(Boolean);
  return `${verdict}  score ${report.score}/${report.maxScore}  (${details.join(', ')}, ${seconds(report.durationMs)}, seed ${report.seed}, ${report.profile} profile)`;
}
