// The React Flow canvas: renders the view-model's nodes and edges and turns React Flow's events
// (drags, selection, connections, drops from the palette) into store edits. No modelling here.
import { Background, ControlButton, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Connection, EdgeChange, Node, NodeChange, NodeMouseHandler } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { connectionProblem } from '../../editor/design-edits.ts';
import type { DesignSession } from '../../editor/design-session.ts';
import { createFlowViewMapper } from '../../editor/flow-view.ts';
import type { ArchFlowEdge, ArchFlowNode, NodeSize } from '../../editor/flow-view.ts';
import { isComponentType, PALETTE_DRAG_TYPE } from '../../editor/palette.ts';
import { useSessionState } from '../use-session.ts';
import { ArchNode } from './arch-node.tsx';
import { FlowEdge } from './flow-edge.tsx';

const nodeTypes = { arch: ArchNode };
const edgeTypes = { flow: FlowEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
/** Half a typical box, so a dropped component lands centred under the pointer. */
const DROP_OFFSET = { x: 90, y: 45 };

export interface DesignCanvasProps {
  session: DesignSession;
  /** Clicking a node fails it (or brings it back) instead of selecting it. */
  failMode: boolean;
  onLayoutRequest(): void;
}

export function DesignCanvas({ session, failMode, onLayoutRequest }: DesignCanvasProps) {
  const editor = useSessionState(session, (s) => s.editor);
  const canvas = useSessionState(session, (s) => s.canvas);
  const [sizes, setSizes] = useState<ReadonlyMap<string, NodeSize>>(new Map());
  // Flow dots pause while a node is dragged: the frame budget goes to the drag.
  const [draggingNode, setDraggingNode] = useState(false);
  const mapFlowView = useMemo(() => createFlowViewMapper(), []);
  const view = useMemo(
    () =>
      mapFlowView({
        design: editor.design,
        selectedNodes: editor.selectedNodes,
        selectedEdges: editor.selectedEdges,
        nodeMetrics: canvas.nodeMetrics,
        edgeMetrics: canvas.edgeMetrics,
        flags: canvas.flags,
        sizes,
      }),
    [mapFlowView, editor.design, editor.selectedNodes, editor.selectedEdges, canvas, sizes],
  );
  const { screenToFlowPosition } = useReactFlow();
  const designRef = useRef(editor.design);
  designRef.current = editor.design;
  useAnalysisPaintMark(session);

  const onNodesChange = useCallback(
    (changes: NodeChange<ArchFlowNode>[]) => {
      const store = session.store;
      const positions = new Map<string, { x: number; y: number }>();
      let dragEnded = false;
      let selection: Set<string> | null = null;
      let measured: Map<string, NodeSize> | null = null;
      for (const change of changes) {
        if (change.type === 'position') {
          if (change.position) positions.set(change.id, change.position);
          if (change.dragging === false) dragEnded = true;
        } else if (change.type === 'select') {
          selection ??= new Set(store.getState().selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        } else if (change.type === 'dimensions' && change.dimensions) {
          measured ??= new Map();
          measured.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
        }
      }
      if (positions.size > 0 || dragEnded) store.moveNodes(positions, dragEnded ? 'done' : 'dragging');
      if (positions.size > 0 && !dragEnded) setDraggingNode(true);
      if (dragEnded) setDraggingNode(false);
      if (selection) store.select(selection, store.getState().selectedEdges);
      if (measured) {
        const update = measured;
        setSizes((previous) => {
          const next = new Map(previous);
          for (const [id, size] of update) {
            const old = previous.get(id);
            if (!old || old.width !== size.width || old.height !== size.height) next.set(id, size);
          }
          return next;
        });
      }
    },
    [session],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ArchFlowEdge>[]) => {
      const store = session.store;
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(store.getState().selectedEdges);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) store.select(store.getState().selectedNodes, selection);
    },
    [session],
  );

  const onConnect = useCallback((connection: Connection) => session.store.connect(connection.source, connection.target), [session]);
  const isValidConnection = useCallback((connection: Connection | ArchFlowEdge) => connectionProblem(designRef.current, connection.source, connection.target) === null, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isComponentType(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      session.store.addComponent(type, { x: point.x - DROP_OFFSET.x, y: point.y - DROP_OFFSET.y });
    },
    [screenToFlowPosition, session],
  );

  const onNodeClick: NodeMouseHandler<Node> = useCallback(
    (_event, node) => {
      if (failMode) session.toggleFailure(node.id);
    },
    [failMode, session],
  );

  return (
    <div className={`canvas ${failMode ? 'fail-mode' : ''} ${draggingNode ? 'dragging-node' : ''}`} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<ArchFlowNode, ArchFlowEdge>
        nodes={view.nodes}
        edges={view.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeClick={onNodeClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2.5}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      >
        <Background gap={24} size={1} />
        <MiniMap pannable zoomable nodeClassName={miniMapClass} />
        <Controls showInteractive={false}>
          <ControlButton onClick={onLayoutRequest} title="Auto-layout (Shift+L)" aria-label="Auto-layout">
            ⇶
          </ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}

function miniMapClass(node: Node): string {
  const data = (node as ArchFlowNode).data;
  return `minimap-node health-${data.failed ? 'down' : (data.metrics?.health ?? 'unknown')}`;
}

/**
 * Marks `archlab:analysis` in the performance timeline from the edit to the frame after its result
 * is on the canvas; the bench reads these marks.
 */
function useAnalysisPaintMark(session: DesignSession) {
  const analysis = useSessionState(session, (s) => s.analysis);
  useEffect(() => {
    if (analysis.status !== 'ready' || analysis.sequence === 0) return;
    const frame = requestAnimationFrame(() => {
      performance.measure('archlab:analysis', { start: analysis.editedAt, end: performance.now(), detail: { engineMs: analysis.engineMs, sequence: analysis.sequence } });
    });
    return () => cancelAnimationFrame(frame);
  }, [analysis]);
}
