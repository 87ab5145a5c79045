// Monaco weighs about a megabyte: it loads only when a lab workspace shows the editor.
import { lazy, Suspense } from 'react';
import type { LabWorkspace } from '../../labs/lab-workspace.ts';

const MonacoEditor = lazy(() => import('./monaco-editor.tsx'));

export function CodeEditor({ workspace }: { workspace: LabWorkspace }) {
  return (
    <Suspense fallback={<p className="loading">Loading the editor…</p>}>
      <MonacoEditor workspace={workspace} />
    </Suspense>
  );
}
