// The checks of a grading in progress: which one runs, what it is doing, how the finished ones went.
import type { CheckProgress, CheckProgressStatus } from '../../labs/grading-progress.ts';

const statusText: Record<CheckProgressStatus, string> = {
  pending: 'waiting',
  running: 'running',
  pass: 'passed',
  fail: 'failed',
  error: 'could not grade',
  skip: 'skipped',
};

export function CheckProgressList({ checks }: { checks: readonly CheckProgress[] }) {
  return (
    <ol className="check-progress" aria-label="Checks">
      {checks.map((check) => (
        <li key={check.id} className={`check-progress-item status-${check.status}`} data-check={check.id} data-status={check.status}>
          <span className={`check-status status-${check.status}`}>{statusText[check.status]}</span>
          <strong className="check-title">{check.title}</strong>
          <span className="check-points">{check.result ? `${check.result.points}/${check.result.maxPoints}` : `${check.points} pts`}</span>
          {check.message ? <p className="check-progress-message">{check.message}</p> : null}
          {check.status === 'running' && check.fraction !== null ? (
            <progress className="check-progress-bar" max={1} value={check.fraction} aria-label={`${check.title} progress`} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
