// The code editor: one Monaco model per workspace file (so each keeps its undo history and scroll
// position), the open file shown, every change sent to the view-model. Loaded lazily (see code-editor.tsx).
import Editor from '@monaco-editor/react';
import { useEffect } from 'react';
import type { LabWorkspace } from '../../labs/lab-workspace.ts';
import { languageOf } from '../../labs/workspace-files.ts';
import { setUpMonaco } from './monaco-setup.ts';
import { useLabState } from './use-lab-workspace.ts';

const monaco = setUpMonaco();

/** Model URIs live under file:///workspace/ so that relative imports between files resolve. */
function modelUri(path: string): string {
  return `file:///workspace/${path}`;
}

export default function MonacoEditor({ workspace }: { workspace: LabWorkspace }) {
  const openPath = useLabState(workspace, (s) => s.openPath);
  const files = useLabState(workspace, (s) => s.files);
  const content = files.find((file) => file.path === openPath)?.content ?? '';

  // Models of files that were renamed, deleted or replaced are disposed, so stale copies do not linger.
  useEffect(() => {
    const contentByUri = new Map(files.map((file) => [monaco.Uri.parse(modelUri(file.path)).toString(), file.content]));
    const shown = openPath === null ? null : monaco.Uri.parse(modelUri(openPath)).toString();
    for (const model of monaco.editor.getModels()) {
      const uri = model.uri.toString();
      if (!uri.startsWith('file:///workspace/') || uri === shown) continue;
      if (contentByUri.get(uri) !== model.getValue()) model.dispose();
    }
  }, [files, openPath]);

  useEffect(
    () => () => {
      for (const model of monaco.editor.getModels()) if (model.uri.toString().startsWith('file:///workspace/')) model.dispose();
    },
    [],
  );

  if (openPath === null) return <p className="editor-empty">No file open.</p>;
  return (
    <div className="monaco-host" data-testid="code-editor" data-path={openPath}>
      <Editor
        path={modelUri(openPath)}
        language={languageOf(openPath)}
        value={content}
        onChange={(value) => workspace.editFile(openPath, value ?? '')}
        saveViewState
        loading={<p className="loading">Loading the editor…</p>}
        options={{
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          scrollBeyondLastLine: false,
          renderWhitespace: 'selection',
          wordWrap: 'off',
        }}
      />
    </div>
  );
}
