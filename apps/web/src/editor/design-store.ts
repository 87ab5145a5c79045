// The editor's state: the draft document, the selection, undo/redo and the clipboard. Framework-free
// (React subscribes through useSyncExternalStore); every edit goes through here so that history and
// the engine revision stay right.
import type { ClassDocument, ComponentType, DesignDocument, DocumentProps } from '@archlab/sim';
import type { ClipboardContent } from './clipboard.ts';
import { copyElements, pasteElements, PASTE_OFFSET } from './clipboard.ts';
import * as edits from './design-edits.ts';
import type { ClassPatch, EdgePatch, Point } from './design-edits.ts';
import type { History } from './history.ts';
import { emptyHistory, record, redo, undo } from './history.ts';

export interface EditorState {
  readonly design: DesignDocument;
  readonly selectedNodes: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Bumps on every change the engines care about; moves and selection leave it alone. */
  readonly engineRevision: number;
  /** Bumps on every change of the document, moves included (what autosave watches). */
  readonly documentRevision: number;
  /** Why the last edit was refused ("clients only send requests"), until the next edit. */
  readonly notice: string | null;
}

export interface DesignStoreOptions {
  /** Request classes created with the first client (a challenge's traffic). Default: one read class. */
  classTemplate?: readonly ClassDocument[];
}

export interface DesignStore {
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  addComponent(type: ComponentType, position: Point): string;
  /** Draws an edge; returns its id, or null (with a notice) when the connection is not allowed. */
  connect(from: string, to: string): string | null;
  /** Renames a node; returns an error message instead of throwing. */
  renameNode(id: string, nextId: string): string | null;
  setNodeProperty<K extends keyof DocumentProps>(id: string, key: K, value: DocumentProps[K] | undefined): void;
  updateEdge(id: string, patch: EdgePatch): void;
  addClass(source: string): string;
  updateClass(id: string, patch: ClassPatch): string | null;
  removeClass(id: string): void;
  /** Moves without a history entry each time: a drag records one entry when it ends. */
  moveNodes(positions: ReadonlyMap<string, Point>, phase: 'dragging' | 'done'): void;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  selectAll(): void;
  deleteSelection(): void;
  copySelection(): boolean;
  cutSelection(): boolean;
  paste(): boolean;
  undo(): void;
  redo(): void;
  /** Replaces the whole document (import, template, share link), undoable. */
  replaceDesign(design: DesignDocument): void;
  setNotice(notice: string | null): void;
}

const noSelection: ReadonlySet<string> = new Set();

export function createDesignStore(initial: DesignDocument, options: DesignStoreOptions = {}): DesignStore {
  let design = initial;
  let history: History<DesignDocument> = emptyHistory();
  let selectedNodes = noSelection;
  let selectedEdges = noSelection;
  let engineRevision = 0;
  let documentRevision = 0;
  let notice: string | null = null;
  let clipboard: ClipboardContent | null = null;
  let pastes = 0;
  /** The document before the drag in progress, recorded once the drag ends. */
  let dragOrigin: DesignDocument | null = null;
  const listeners = new Set<() => void>();
  let state = snapshot();

  function snapshot(): EditorState {
    return { design, selectedNodes, selectedEdges, canUndo: history.past.length > 0, canRedo: history.future.length > 0, engineRevision, documentRevision, notice };
  }

  function emit() {
    state = snapshot();
    for (const listener of [...listeners]) listener();
  }

  /** Commits an edit with a history entry; `engine: false` for changes that only move things. */
  function commit(next: DesignDocument, engine = true) {
    if (next === design) return;
    history = record(history, design);
    design = next;
    documentRevision++;
    if (engine) engineRevision++;
    notice = null;
    pruneSelection();
    emit();
  }

  function pruneSelection() {
    const nodeIds = new Set(design.nodes.map((n) => n.id));
    const edgeIds = new Set(design.edges.map((e) => e.id));
    if ([...selectedNodes].some((id) => !nodeIds.has(id))) selectedNodes = new Set([...selectedNodes].filter((id) => nodeIds.has(id)));
    if ([...selectedEdges].some((id) => !edgeIds.has(id))) selectedEdges = new Set([...selectedEdges].filter((id) => edgeIds.has(id)));
  }

  function travel(step: typeof undo) {
    const moved = step(history, design);
    if (!moved) return;
    history = moved.history;
    design = moved.state;
    documentRevision++;
    engineRevision++;
    notice = null;
    pruneSelection();
    emit();
  }

  const store: DesignStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addComponent(type, position) {
      const added = edits.addNode(design, type, position, options.classTemplate ? { classTemplate: options.classTemplate } : {});
      selectedNodes = new Set([added.id]);
      selectedEdges = noSelection;
      commit(added.design);
      return added.id;
    },
    connect(from, to) {
      const result = edits.connectNodes(design, from, to);
      if ('problem' in result) {
        notice = `Cannot connect ${from} to ${to}: ${result.problem}.`;
        emit();
        return null;
      }
      commit(result.design);
      return result.id;
    },
    renameNode(id, nextId) {
      try {
        const next = edits.renameNode(design, id, nextId);
        if (selectedNodes.has(id)) selectedNodes = new Set([...selectedNodes].map((n) => (n === id ? nextId : n)));
        commit(next);
        return null;
      } catch (error) {
        if (error instanceof edits.RenameError) return error.message;
        throw error;
      }
    },
    setNodeProperty(id, key, value) {
      commit(edits.setNodeProperty(design, id, key, value));
    },
    updateEdge(id, patch) {
      commit(edits.updateEdge(design, id, patch));
    },
    addClass(source) {
      const added = edits.addClass(design, source);
      commit(added.design);
      return added.id;
    },
    updateClass(id, patch) {
      try {
        commit(edits.updateClass(design, id, patch));
        return null;
      } catch (error) {
        if (error instanceof edits.RenameError) return error.message;
        throw error;
      }
    },
    removeClass(id) {
      commit(edits.removeClass(design, id));
    },
    moveNodes(positions, phase) {
      if (positions.size > 0) {
        dragOrigin ??= design;
        design = edits.moveNodes(design, positions);
        documentRevision++;
      }
      if (phase === 'done' && dragOrigin !== null) {
        const origin = dragOrigin;
        dragOrigin = null;
        if (origin !== design) history = record(history, origin);
      }
      emit();
    },
    select(nodes, edges = []) {
      selectedNodes = new Set(nodes);
      selectedEdges = new Set(edges);
      emit();
    },
    selectAll() {
      selectedNodes = new Set(design.nodes.map((n) => n.id));
      selectedEdges = new Set(design.edges.map((e) => e.id));
      emit();
    },
    deleteSelection() {
      commit(edits.removeElements(design, selectedNodes, selectedEdges));
    },
    copySelection() {
      const content = copyElements(design, selectedNodes);
      if (!content) return false;
      clipboard = content;
      pastes = 0;
      return true;
    },
    cutSelection() {
      const copied = store.copySelection();
      if (copied) {
        store.deleteSelection();
        pastes = -1;
      }
      return copied;
    },
    paste() {
      if (!clipboard) return false;
      pastes++;
      const offset = { x: PASTE_OFFSET.x * pastes, y: PASTE_OFFSET.y * pastes };
      const pasted = pasteElements(design, clipboard, offset);
      selectedNodes = new Set(pasted.nodeIds);
      selectedEdges = new Set(pasted.edgeIds);
      commit(pasted.design);
      return true;
    },
    undo: () => travel(undo),
    redo: () => travel(redo),
    replaceDesign(next) {
      selectedNodes = noSelection;
      selectedEdges = noSelection;
      commit(next);
    },
    setNotice(next) {
      notice = next;
      emit();
    },
  };
  return store;
}
