// This browser's submissions for the lab, newest first: their verdict and score, a click shows the report
// again, and their files can be brought back into the editor.
import type { HistoryEntry, LabWorkspace } from '../../labs/lab-workspace.ts';
import { useLabState } from './use-lab-workspace.ts';

function summary(entry: HistoryEntry): string {
  const submission = entry.submission;
  if (entry.error) return entry.error;
  if (!submission) return 'loading…';
  if (submission.status !== 'done') return submission.status === 'queued' ? 'queued' : 'grading';
  const result = submission.result;
  if (!result) return 'done';
  if (result.outcome === 'could-not-grade') return 'could not grade (does not count)';
  if (result.outcome === 'did-not-start') return `did not start · ${result.score}/${result.maxScore}`;
  return `${result.verdict === 'pass' ? 'PASS' : 'FAIL'} ${result.score}/${result.maxScore}`;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

export function SubmissionHistory({ workspace }: { workspace: LabWorkspace }) {
  const history = useLabState(workspace, (s) => s.history);
  const shown = useLabState(workspace, (s) => s.run.submissionId);
  if (history.length === 0) return <p className="history-empty">Your submissions will be listed here.</p>;
  return (
    <ol className="submission-history" aria-label="Submission history">
      {history.map((entry) => (
        <li key={entry.id} className={`history-entry${entry.id === shown ? ' shown' : ''}`} data-submission={entry.id} data-verdict={entry.submission?.result?.verdict ?? ''}>
          <button type="button" className="history-open" onClick={() => void workspace.showSubmission(entry.id)} aria-current={entry.id === shown ? 'true' : undefined}>
            <span className="history-when">{when(entry.createdAt)}</span>
            <span className="history-summary">{summary(entry)}</span>
          </button>
          <button type="button" className="button small subtle" onClick={() => void workspace.restoreFiles(entry.id)} title="Replace the files in the editor with the ones you submitted then">
            Restore files
          </button>
        </li>
      ))}
    </ol>
  );
}
