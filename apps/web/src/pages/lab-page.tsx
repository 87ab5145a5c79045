// One code lab: the task, the files and the editor, Run with live progress and the report, the history
// of this browser's submissions, and how to carry on in a terminal.
import { useEffect, useState } from 'react';
import { Link } from '../app/router-context.tsx';
import { ApiFailure } from '../components/labs/api-failure.tsx';
import { CodeEditor } from '../components/labs/code-editor.tsx';
import { ContinueLocally } from '../components/labs/continue-locally.tsx';
import { FileTree } from '../components/labs/file-tree.tsx';
import { MarkdownView } from '../components/labs/markdown-view.tsx';
import { RunBar, RunResults } from '../components/labs/run-panel.tsx';
import { SubmissionHistory } from '../components/labs/submission-history.tsx';
import { useLabState } from '../components/labs/use-lab-workspace.ts';
import { useRemoteValue } from '../components/labs/use-remote-value.ts';
import type { LabDetail } from '../labs/api-schemas.ts';
import { browserLabApi } from '../labs/browser-lab-api.ts';
import { createLabWorkspace } from '../labs/lab-workspace.ts';
import type { LabWorkspace } from '../labs/lab-workspace.ts';
import { createWorkspaceStorage } from '../labs/workspace-storage.ts';
import '../styles/labs.css';

export default function LabPage({ id }: { id: string }) {
  const { state, reload } = useRemoteValue((signal) => browserLabApi.getLab(id, signal), [id]);
  if (state.status === 'loading') return <p className="loading">Opening the lab…</p>;
  if (state.status === 'failed') {
    if (state.error.status === 404) {
      return (
        <section className="page-message">
          <h1>No lab called “{id}”</h1>
          <p>
            <Link href="/labs">See the labs</Link>
          </p>
        </section>
      );
    }
    return <ApiFailure what="this lab" error={state.error} onRetry={reload} />;
  }
  return <LabWorkspaceView key={state.value.id} lab={state.value} />;
}

function useLabWorkspace(lab: LabDetail): LabWorkspace | null {
  const [workspace, setWorkspace] = useState<LabWorkspace | null>(null);
  useEffect(() => {
    const created = createLabWorkspace({ lab, api: browserLabApi, storage: createWorkspaceStorage(window.localStorage, lab.id) });
    // A reload or a closed tab must not lose the last keystrokes still waiting for the autosave.
    window.addEventListener('pagehide', created.saveNow);
    setWorkspace(created);
    // The latest submission comes back into view (its report, or its live progress if still grading).
    const latest = created.getState().history[0];
    if (latest) void created.showSubmission(latest.id);
    void created.refreshHistory();
    return () => {
      window.removeEventListener('pagehide', created.saveNow);
      created.destroy();
      setWorkspace(null);
    };
  }, [lab]);
  return workspace;
}

type SideTab = 'task' | 'run' | 'locally';

function LabWorkspaceView({ lab }: { lab: LabDetail }) {
  const workspace = useLabWorkspace(lab);
  if (!workspace) return <p className="loading">Opening the lab…</p>;
  return <LabLayout lab={lab} workspace={workspace} />;
}

function LabLayout({ lab, workspace }: { lab: LabDetail; workspace: LabWorkspace }) {
  const [tab, setTab] = useState<SideTab>('task');
  const restoreNotice = useLabState(workspace, (s) => s.restoreNotice);
  const runPhase = useLabState(workspace, (s) => s.run.phase);
  // Run brings its progress into view.
  useEffect(() => {
    if (runPhase === 'submitting') setTab('run');
  }, [runPhase]);

  const tabButton = (name: SideTab, label: string) => (
    <button type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} onClick={() => setTab(name)}>
      {label}
    </button>
  );
  return (
    <div className="lab-workspace">
      <header className="lab-header">
        <Link href="/labs">Labs</Link>
        <span aria-hidden="true">/</span>
        <h1>{lab.title}</h1>
        <span className={`difficulty difficulty-${lab.difficulty}`}>{lab.difficulty}</span>
        <span className="lab-points">{lab.maxScore} points</span>
        {restoreNotice ? <span className="lab-restored">{restoreNotice}</span> : null}
      </header>
      <FileTree workspace={workspace} />
      <main className="lab-editor">
        <RunBar workspace={workspace} />
        <CodeEditor workspace={workspace} />
      </main>
      <aside className="side lab-side">
        <div className="side-tabs" role="tablist">
          {tabButton('task', 'Task')}
          {tabButton('run', 'Run')}
          {tabButton('locally', 'Locally')}
        </div>
        <div className="side-content">
          {tab === 'task' ? <MarkdownView markdown={lab.readme} className="lab-readme" /> : null}
          {tab === 'run' ? (
            <>
              <RunResults workspace={workspace} />
              <h3 className="history-title">Your submissions</h3>
              <SubmissionHistory workspace={workspace} />
            </>
          ) : null}
          {tab === 'locally' ? <ContinueLocally labId={lab.id} /> : null}
        </div>
      </aside>
    </div>
  );
}
