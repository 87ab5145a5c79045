// How a grading ended, in the words the candidate needs: the report (the same view as the design
// challenges'), or why the solution did not start with the end of its log, or that the platform could not
// grade (never the candidate's fault, never a failed attempt).
import type { GradingResult } from '../../labs/api-schemas.ts';
import { ReportView } from '../report-view.tsx';

const startFailureText: Record<'build' | 'exited' | 'no-health', string> = {
  build: 'did not compile',
  exited: 'exited while starting',
  'no-health': 'started but never answered its health check',
};

export function GradingResultView({ result, title }: { result: GradingResult; title: string }) {
  switch (result.outcome) {
    case 'graded':
      return <ReportView report={result.report} title={title} />;
    case 'did-not-start':
      return (
        <article className="report report-fail start-failure" aria-label="Graded report" data-verdict="fail" data-outcome="did-not-start">
          <header className="report-head">
            <h2>{title}</h2>
            <span className="verdict verdict-fail" data-testid="verdict">
              Your solution {startFailureText[result.startFailure.reason]}
            </span>
            <span className="score" data-testid="score">
              {result.score} / {result.maxScore} points
            </span>
          </header>
          <p className="start-failure-detail">
            {result.startFailure.instance}: {result.startFailure.detail}
          </p>
          <figure className="log-tail">
            <figcaption>The end of its output</figcaption>
            <pre data-testid="log-tail">{result.startFailure.logTail || '(it printed nothing)'}</pre>
          </figure>
        </article>
      );
    case 'could-not-grade':
      return (
        <article className="report report-error" aria-label="Graded report" data-verdict="error" data-outcome="could-not-grade">
          <header className="report-head">
            <h2>{title}</h2>
            <span className="verdict verdict-error" data-testid="verdict">
              Could not grade (our problem, not yours: it does not count)
            </span>
          </header>
          <p className="check-message">{result.error}</p>
        </article>
      );
  }
}
