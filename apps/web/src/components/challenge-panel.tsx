// Beside the canvas on a challenge page: the brief, traffic, SLOs and budget, the live checklist
// (re-graded a moment after each edit) and Submit.
import type { ChallengeScenarioInput } from '@archlab/sim';
import { challengeRequirements, trafficLines } from '../editor/challenge-view.ts';
import type { DesignSession } from '../editor/design-session.ts';
import { BriefText } from './brief-text.tsx';
import { useSessionState } from './use-session.ts';

const statusMark: Record<string, string> = { pass: '✓', fail: '✗', error: '!', skip: '–' };

export function ChallengePanel({ session, scenario }: { session: DesignSession; scenario: ChallengeScenarioInput }) {
  const live = useSessionState(session, (s) => s.grading.live);
  const submitted = useSessionState(session, (s) => s.grading.submitted);
  const analysisStatus = useSessionState(session, (s) => s.analysis.status);
  const checks = live.report?.checks.filter((c) => c.id !== 'design' || c.status !== 'pass') ?? [];
  return (
    <section className="challenge-panel" aria-label="Challenge">
      <h2>{scenario.title}</h2>
      <BriefText text={scenario.brief} />
      <h3>Traffic</h3>
      <ul className="plain-list">
        {trafficLines(scenario).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3>Requirements</h3>
      <ul className="plain-list">
        {challengeRequirements(scenario).map((item) => (
          <li key={item.text} className={`requirement ${item.kind}`}>
            {item.text}
          </li>
        ))}
      </ul>
      <h3>
        Live checklist{' '}
        <span className="status-pill" data-testid="checklist-status">
          {live.status === 'grading' ? 'checking…' : live.report ? `${live.report.score}/${live.report.maxScore}` : 'waiting for a design'}
        </span>
      </h3>
      {analysisStatus === 'invalid' || analysisStatus === 'empty' ? <p className="note">Finish the design (see Analysis) and the checklist fills in.</p> : null}
      {live.error ? <p className="field-problem">The checklist could not be computed: {live.error}</p> : null}
      <ul className="checklist" aria-label="Live checklist">
        {checks.map((check) => (
          <li key={check.id} className={`checklist-item status-${check.status}`} data-check={check.id} data-status={check.status} title={check.message}>
            <span className="check-mark" aria-hidden="true">
              {statusMark[check.status]}
            </span>
            <span>{check.title}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="button primary submit" disabled={submitted.status === 'grading'} onClick={() => void session.submit()}>
        {submitted.status === 'grading' ? 'Grading…' : 'Submit for grading'}
      </button>
      {submitted.status === 'failed' ? <p className="field-problem">Grading failed: {submitted.error}</p> : null}
    </section>
  );
}
