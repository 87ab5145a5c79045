// The workspace's files as a tree: open, add, rename and delete, within the API's limits (the view-model
// says why a name is refused). The entry file the graders start is marked and cannot be removed.
import { useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { LabWorkspace } from '../../labs/lab-workspace.ts';
import { fileTree, formatBytes, totalBytes } from '../../labs/workspace-files.ts';
import type { FileTreeNode } from '../../labs/workspace-files.ts';
import { useLabState } from './use-lab-workspace.ts';

export function FileTree({ workspace }: { workspace: LabWorkspace }) {
  const files = useLabState(workspace, (s) => s.files);
  const notice = useLabState(workspace, (s) => s.fileNotice);
  const lab = useLabState(workspace, (s) => s.lab);
  const [adding, setAdding] = useState(false);
  const [newPath, setNewPath] = useState('src/');

  const submitNew = (event: FormEvent) => {
    event.preventDefault();
    if (workspace.addFile(newPath)) {
      setAdding(false);
      setNewPath('src/');
    }
  };

  return (
    <nav className="file-tree" aria-label="Files">
      <div className="file-tree-head">
        <span className="panel-title">Files</span>
        <button type="button" className="button small" onClick={() => setAdding(true)} disabled={adding}>
          New file
        </button>
      </div>
      {adding ? (
        <form className="file-tree-new" onSubmit={submitNew}>
          <input
            aria-label="New file path"
            value={newPath}
            autoFocus
            spellCheck={false}
            onChange={(event) => setNewPath(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setAdding(false);
            }}
          />
          <button type="submit" className="button small primary">
            Add
          </button>
          <button type="button" className="button small" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      <ul className="file-tree-list">
        <TreeNodes nodes={fileTree(files)} workspace={workspace} entry={lab.entry} />
      </ul>
      {notice ? (
        <p className="file-tree-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <p className="file-tree-usage" data-testid="workspace-usage">
        {files.length} file{files.length === 1 ? '' : 's'} · {formatBytes(totalBytes(files))} of {formatBytes(lab.limits.maxTotalBytes)}
      </p>
      <button type="button" className="button small subtle" onClick={() => workspace.resetToStarter()}>
        Start over from the starter
      </button>
    </nav>
  );
}

function TreeNodes({ nodes, workspace, entry }: { nodes: FileTreeNode[]; workspace: LabWorkspace; entry: string }) {
  return (
    <>
      {nodes.map((node) =>
        node.kind === 'folder' ? (
          <li key={node.path} className="file-tree-folder">
            <span className="file-tree-folder-name">{node.name}/</span>
            <ul>
              <TreeNodes nodes={node.children} workspace={workspace} entry={entry} />
            </ul>
          </li>
        ) : (
          <FileRow key={node.path} path={node.path} name={node.name} workspace={workspace} isEntry={node.path === entry} />
        ),
      )}
    </>
  );
}

function FileRow({ path, name, workspace, isEntry }: { path: string; name: string; workspace: LabWorkspace; isEntry: boolean }) {
  const open = useLabState(workspace, (s) => s.openPath === path);
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [target, setTarget] = useState(path);

  if (renaming) {
    const commit = () => {
      if (workspace.renameFile(path, target)) setRenaming(false);
    };
    const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') commit();
      if (event.key === 'Escape') setRenaming(false);
    };
    return (
      <li className="file-tree-file renaming">
        <input aria-label={`New name for ${path}`} value={target} autoFocus spellCheck={false} onChange={(event) => setTarget(event.target.value)} onKeyDown={onKey} />
        <button type="button" className="button small primary" onClick={commit}>
          Rename
        </button>
      </li>
    );
  }
  return (
    <li className={`file-tree-file${open ? ' open' : ''}`} data-path={path}>
      <button type="button" className="file-tree-open" aria-current={open ? 'true' : undefined} onClick={() => workspace.openFile(path)} title={path}>
        {name}
        {isEntry ? <span className="file-tree-entry"> entry</span> : null}
      </button>
      {isEntry ? null : confirmingDelete ? (
        <span className="file-tree-actions">
          <button type="button" className="button small danger" onClick={() => workspace.deleteFile(path)}>
            Delete {name}
          </button>
          <button type="button" className="button small" onClick={() => setConfirmingDelete(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className="file-tree-actions">
          <button
            type="button"
            className="icon-button"
            aria-label={`Rename ${path}`}
            title="Rename"
            onClick={() => {
              setTarget(path);
              setRenaming(true);
            }}
          >
            ✎
          </button>
          <button type="button" className="icon-button" aria-label={`Delete ${path}`} title="Delete" onClick={() => setConfirmingDelete(true)}>
            ×
          </button>
        </span>
      )}
    </li>
  );
}
