// Run and what follows it: the files go to the API, the grading's checks light up as they run, and the
// result replaces them. Refusals show the API's own message.
import { finishedChecks } from '../../labs/grading-progress.ts';
import type { LabWorkspace, RunState } from '../../labs/lab-workspace.ts';
import { CheckProgressList } from './check-progress-list.tsx';
import { GradingResultView } from './grading-result-view.tsx';
import { useLabState } from './use-lab-workspace.ts';

function statusLine(run: RunState): string {
  switch (run.phase) {
    case 'idle':
      return 'Run grades your files against a real Redis, with the quick profile.';
    case 'submitting':
      return 'Sending your files…';
    case 'grading': {
      const { progress, submission } = run;
      const retry = progress.attempt > 1 ? ` (attempt ${progress.attempt}: the first could not finish, this one starts over)` : '';
      if (progress.attempt === 0 && submission?.status !== 'running') return 'Queued: waiting for a grader…';
      const done = finishedChecks(progress);
      return `${progress.phase ?? 'Grading'}${retry} · ${done} of ${progress.checks.length} checks done`;
    }
    case 'done':
      return 'Graded.';
    case 'refused':
      return 'Not run.';
    case 'lost':
      return 'Lost the live progress.';
  }
}

/** The Run button and one line saying where the run is; it sits above the editor. */
export function RunBar({ workspace }: { workspace: LabWorkspace }) {
  const run = useLabState(workspace, (s) => s.run);
  return <RunBarView run={run} onRun={() => void workspace.run()} />;
}

export function RunBarView({ run, onRun }: { run: RunState; onRun: () => void }) {
  const busy = run.phase === 'submitting' || run.phase === 'grading';
  return (
    <div className="run-bar" data-phase={run.phase}>
      <button type="button" className="button primary run-button" onClick={onRun} disabled={busy}>
        {run.phase === 'submitting' ? 'Sending…' : run.phase === 'grading' ? 'Grading…' : '▶ Run'}
      </button>
      <span className="run-status" data-testid="run-status" aria-live="polite">
        {statusLine(run)}
      </span>
    </div>
  );
}

/** What the run came to: the API's refusal, the checks as they run, then the result. */
export function RunResults({ workspace }: { workspace: LabWorkspace }) {
  const run = useLabState(workspace, (s) => s.run);
  const title = useLabState(workspace, (s) => s.lab.title);
  return <RunResultsView run={run} title={title} />;
}

export function RunResultsView({ run, title }: { run: RunState; title: string }) {
  const result = run.phase === 'done' ? run.submission?.result : null;
  return (
    <section className="run-results" aria-label="Run results" data-phase={run.phase}>
      {run.phase === 'idle' ? <p className="muted">{statusLine(run)} Your files are sent as they are in the editor.</p> : null}
      {run.error ? (
        <div className="run-error" role="alert">
          <p>{run.error.message}</p>
          {run.error.issues.length > 1 ? (
            <ul>
              {run.error.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issue.path ? <code>{issue.path}</code> : null} {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {run.phase === 'grading' || run.phase === 'lost' ? <CheckProgressList checks={run.progress.checks} /> : null}
      {result ? <GradingResultView result={result} title={title} /> : null}
    </section>
  );
}
