// A graded report, the one schema every grader produces (design challenges here, code labs later):
// the verdict and score, then each check with its status, message, evidence and hint.
import type { CheckResult, Report } from '@archlab/lab-kit';

const statusLabel: Record<CheckResult['status'], string> = { pass: 'passed', fail: 'failed', error: 'could not grade', skip: 'skipped' };
const verdictText: Record<Report['verdict'], string> = {
  pass: 'Passed',
  fail: 'Not yet',
  error: 'Could not grade (our problem, not yours: it does not count)',
};

export function ReportView({ report, title }: { report: Report; title?: string }) {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  return (
    <article className={`report report-${report.verdict}`} aria-label="Graded report" data-verdict={report.verdict}>
      <header className="report-head">
        <h2>{title ?? report.lab}</h2>
        <span className={`verdict verdict-${report.verdict}`} data-testid="verdict">
          {verdictText[report.verdict]}
        </span>
        <span className="score" data-testid="score">
          {report.score} / {report.maxScore} points
        </span>
        <span className="report-meta">
          {report.profile} profile · seed {report.seed} · {Math.round(report.durationMs)} ms{failed > 0 ? ` · ${failed} check${failed === 1 ? '' : 's'} failed` : ''}
        </span>
      </header>
      <ol className="check-list">
        {report.checks.map((check) => (
          <li key={check.id} className={`check status-${check.status}`} data-check={check.id} data-status={check.status}>
            <div className="check-head">
              <span className={`check-status status-${check.status}`}>{statusLabel[check.status]}</span>
              <strong className="check-title">{check.title}</strong>
              <span className="check-points">
                {check.points}/{check.maxPoints}
              </span>
            </div>
            <p className="check-message">{check.message}</p>
            {check.evidence && Object.keys(check.evidence).length > 0 ? <Evidence evidence={check.evidence} open={check.status === 'fail'} /> : null}
            {check.hint ? <p className="check-hint">Hint: {check.hint}</p> : null}
          </li>
        ))}
      </ol>
    </article>
  );
}

function Evidence({ evidence, open }: { evidence: Record<string, unknown>; open: boolean }) {
  return (
    <details className="evidence" open={open}>
      <summary>Evidence</summary>
      <dl>
        {Object.entries(evidence).map(([key, value]) => (
          <div key={key} className="evidence-row">
            <dt>{key}</dt>
            <dd>{renderValue(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toPrecision(4)));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(renderValue).join(', ');
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v));
}
