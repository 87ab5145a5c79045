// @vitest-environment jsdom
// The lab workspace's panels: the file tree over a real view-model, the run panel for each phase of a
// grading (states folded from real event sequences), and the README renderer's sanitising.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTree } from '../../src/components/labs/file-tree.tsx';
import { MarkdownView } from '../../src/components/labs/markdown-view.tsx';
import { RunBarView, RunResultsView } from '../../src/components/labs/run-panel.tsx';
import type { GradingEvent, LabDetail, SubmissionView } from '../../src/labs/api-schemas.ts';
import { applyGradingEvent, initialProgress } from '../../src/labs/grading-progress.ts';
import { createLabApi } from '../../src/labs/lab-api.ts';
import { createLabWorkspace } from '../../src/labs/lab-workspace.ts';
import type { LabWorkspace, RunState } from '../../src/labs/lab-workspace.ts';
import { createWorkspaceStorage } from '../../src/labs/workspace-storage.ts';
import { memoryStorage } from '../support/memory-storage.ts';

const checks = [
  { id: 'contract', title: 'Health, status codes and RateLimit headers', points: 10 },
  { id: 'burst-across-instances', title: 'A burst across instances', points: 20 },
  { id: 'redis-outage', title: 'Redis down', points: 15 },
];
const lab: LabDetail = {
  id: 'rate-limiter',
  title: 'Distributed rate limiter',
  summary: 'Rate-limit each key.',
  difficulty: 'intermediate',
  topics: ['redis'],
  checkCount: 3,
  maxScore: 45,
  readme: '# Lab',
  entry: 'src/server.ts',
  starterFiles: [{ path: 'src/server.ts', content: 'export {};\n' }],
  checks,
  profiles: [{ name: 'quick', description: 'quick' }],
  limits: { maxFiles: 50, maxFileBytes: 204_800, maxTotalBytes: 1_048_576, maxPathLength: 200, maxPathDepth: 8, allowedExtensions: ['.ts', '.js', '.json', '.md', '.sql'] },
};

const workspaces: LabWorkspace[] = [];
afterEach(() => {
  cleanup();
  for (const workspace of workspaces.splice(0)) workspace.destroy();
});

function openWorkspace() {
  // The file tree never talks to the API: nothing listens at this address, and nothing is sent to it.
  const workspace = createLabWorkspace({ lab, api: createLabApi({ baseUrl: 'http://127.0.0.1:9' }), storage: createWorkspaceStorage(memoryStorage(), lab.id) });
  workspaces.push(workspace);
  return workspace;
}

function fileRows(): (string | null)[] {
  return [...document.querySelectorAll('.file-tree-file')].map((row) => row.getAttribute('data-path'));
}

describe('FileTree', () => {
  it('adds a file and opens it, and says why a name is refused', () => {
    const workspace = openWorkspace();
    render(<FileTree workspace={workspace} />);
    expect(fileRows()).toEqual(['src/server.ts']);
    expect(screen.queryByRole('button', { name: 'Delete src/server.ts' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'New file' }));
    fireEvent.change(screen.getByLabelText('New file path'), { target: { value: 'src/redis.ts' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(fileRows()).toEqual(['src/redis.ts', 'src/server.ts']);
    expect(workspace.getState().openPath).toBe('src/redis.ts');
    expect(screen.getByRole('button', { name: 'redis.ts' }).getAttribute('aria-current')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'New file' }));
    fireEvent.change(screen.getByLabelText('New file path'), { target: { value: 'notes.txt' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe('a file must end in .ts, .js, .json, .md, .sql');
    expect(screen.getByLabelText('New file path')).toBeTruthy();
    expect(screen.getByTestId('workspace-usage').textContent).toBe('2 files · 11 B of 1 MB');
  });

  it('renames and deletes (after a confirmation) any file but the entry', () => {
    const workspace = openWorkspace();
    act(() => void workspace.addFile('src/redis.ts'));
    render(<FileTree workspace={workspace} />);

    fireEvent.click(screen.getByRole('button', { name: 'Rename src/redis.ts' }));
    const name = screen.getByLabelText('New name for src/redis.ts');
    fireEvent.change(name, { target: { value: 'src/server.ts' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('src/server.ts already exists');
    fireEvent.change(name, { target: { value: 'src/store/redis.ts' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(fileRows()).toEqual(['src/store/redis.ts', 'src/server.ts']);
    expect(screen.getByText('store/')).toBeTruthy();
    expect(workspace.getState().openPath).toBe('src/store/redis.ts');

    fireEvent.click(screen.getByRole('button', { name: 'Delete src/store/redis.ts' }));
    expect(fileRows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Delete redis.ts' }));
    expect(fileRows()).toEqual(['src/server.ts']);
    expect(workspace.getState().openPath).toBe('src/server.ts');
  });
});

function runState(phase: RunState['phase'], events: GradingEvent[], extra: Partial<RunState> = {}): RunState {
  return { phase, submissionId: 's1', submission: null, progress: events.reduce(applyGradingEvent, initialProgress(checks)), error: null, ...extra };
}

const view = (status: SubmissionView['status'], result: SubmissionView['result'] = null): SubmissionView => ({
  id: 's1',
  lab: 'rate-limiter',
  profile: 'quick',
  seed: 1,
  status,
  attempts: 1,
  createdAt: '2026-11-25T07:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  result,
});

describe('run panel', () => {
  it('shows the checks as they run: which runs, its progress, how the finished ones went', () => {
    const run = runState(
      'grading',
      [
        { type: 'attempt-start', attempt: 1 },
        { type: 'run-start', checks },
        { type: 'check-start', id: 'contract', title: checks[0]!.title, index: 0, total: 3 },
        {
          type: 'check-end',
          result: { id: 'contract', title: checks[0]!.title, status: 'fail', points: 0, maxPoints: 10, durationMs: 300, message: 'no 429 after 60 requests one at a time' },
        },
        { type: 'check-start', id: 'burst-across-instances', title: checks[1]!.title, index: 1, total: 3 },
        { type: 'check-progress', id: 'burst-across-instances', message: 'releasing 60 requests for key 2 of 6', fraction: 0.3 },
      ],
      { submission: view('running') },
    );
    render(
      <>
        <RunBarView run={run} onRun={() => undefined} />
        <RunResultsView run={run} title={lab.title} />
      </>,
    );
    expect((screen.getByRole('button', { name: 'Grading…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('run-status').textContent).toBe(`check 2 of 3: ${checks[1]!.title} · 1 of 3 checks done`);
    const items = screen.getByRole('list', { name: 'Checks' }).querySelectorAll('li');
    expect([...items].map((item) => item.getAttribute('data-status'))).toEqual(['fail', 'running', 'pending']);
    expect(within(items[0] as HTMLElement).getByText('no 429 after 60 requests one at a time')).toBeTruthy();
    expect(within(items[0] as HTMLElement).getByText('0/10')).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('releasing 60 requests for key 2 of 6')).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(0.3);
  });

  it('says a queued run waits, and that a retried attempt starts over', () => {
    const queued = runState('grading', [], { submission: view('queued') });
    const { rerender } = render(<RunBarView run={queued} onRun={() => undefined} />);
    expect(screen.getByTestId('run-status').textContent).toBe('Queued: waiting for a grader…');
    const retried = runState('grading', [{ type: 'attempt-start', attempt: 1 }, { type: 'phase', message: 'starting services' }, { type: 'attempt-start', attempt: 2 }], {
      submission: view('running'),
    });
    rerender(<RunBarView run={retried} onRun={() => undefined} />);
    expect(screen.getByTestId('run-status').textContent).toMatch(/^Grading \(attempt 2: the first could not finish, this one starts over\) · 0 of 3 checks done$/);
  });

  it('shows a solution that did not start with the end of its log, and a platform failure as not the candidate’s', () => {
    const didNotStart = runState('done', [], {
      submission: view(
        'done',
        { outcome: 'did-not-start', verdict: 'fail', score: 0, maxScore: 45, startFailure: { instance: 'build', reason: 'build', detail: 'src/server.ts does not compile (1 error)', logTail: 'src/server.ts:4:0: Expected ")" but found "}"' } },
      ),
    });
    const { rerender } = render(<RunResultsView run={didNotStart} title={lab.title} />);
    expect(screen.getByTestId('verdict').textContent).toBe('Your solution did not compile');
    expect(screen.getByText('build: src/server.ts does not compile (1 error)')).toBeTruthy();
    expect(screen.getByTestId('log-tail').textContent).toBe('src/server.ts:4:0: Expected ")" but found "}"');
    expect(screen.getByTestId('score').textContent).toBe('0 / 45 points');

    const couldNotGrade = runState('done', [], { submission: view('done', { outcome: 'could-not-grade', verdict: 'error', score: 0, maxScore: 45, error: 'redis did not start within 5 s' }) });
    rerender(<RunResultsView run={couldNotGrade} title={lab.title} />);
    expect(screen.getByTestId('verdict').textContent).toMatch(/^Could not grade \(our problem, not yours/);
    expect(screen.getByText('redis did not start within 5 s')).toBeTruthy();
  });

  it('shows the API’s refusal in its own words, with the fields it names', () => {
    const refused = runState('refused', [], {
      submissionId: null,
      error: {
        message: 'invalid body: files.0.path: file name "a b.ts" may only use letters (and 1 more)',
        issues: [
          { path: 'files.0.path', message: 'may only use letters' },
          { path: 'files', message: 'files total 2000000 bytes' },
        ],
      },
    });
    render(
      <>
        <RunBarView run={refused} onRun={() => undefined} />
        <RunResultsView run={refused} title={lab.title} />
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('invalid body: files.0.path: file name "a b.ts" may only use letters (and 1 more)')).toBeTruthy();
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['files.0.path may only use letters', 'files files total 2000000 bytes']);
    expect((screen.getByRole('button', { name: '▶ Run' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('MarkdownView', () => {
  it('renders GitHub markdown and drops what could run code or leave the machine', () => {
    const markdown = [
      '# Lab: x',
      '',
      '| check | points |',
      '|---|---|',
      '| `contract` | 10 |',
      '',
      '<script>window.pwned = true</script><img src="https://example.invalid/x.png"><a href="javascript:alert(1)" onclick="alert(2)">bad</a>',
      '',
      '[docs](https://example.invalid/docs)',
    ].join('\n');
    const { container } = render(<MarkdownView markdown={markdown} />);
    expect(screen.getByRole('heading', { name: 'Lab: x' })).toBeTruthy();
    expect(container.querySelector('td code')?.textContent).toBe('contract');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    const bad = screen.getByText('bad');
    expect(bad.getAttribute('href')).toBeNull();
    expect(bad.getAttribute('onclick')).toBeNull();
    const docs = screen.getByRole('link', { name: 'docs' });
    expect(docs.getAttribute('target')).toBe('_blank');
    expect(docs.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
