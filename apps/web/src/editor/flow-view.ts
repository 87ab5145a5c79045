// The document as React Flow nodes and edges. Objects are cached per element and reused while
// nothing about that element changed, so dragging one box re-renders one box, not three hundred.
import { componentCatalogue } from '@archlab/sim';
import type { ComponentType, DesignDocument, EdgeProtocol, NodeDocument } from '@archlab/sim';
import type { Edge, Node } from '@xyflow/react';
import { resolvedProperty } from './design-edits.ts';
import type { EdgeMetrics, NodeMetrics } from './metrics.ts';

export interface ArchNodeData extends Record<string, unknown> {
  componentType: ComponentType;
  typeLabel: string;
  name: string;
  /** "3", or "1 + 1 standby" for a primary; null where instances mean nothing (clients, managed). */
  instances: string | null;
  metrics: NodeMetrics | null;
  singlePointOfFailure: boolean;
  /** Failed by the user in the analytic view. */
  failed: boolean;
  /** A failure is scheduled for the next simulation run. */
  failureScheduled: boolean;
  /** The validator reported an issue about this node. */
  invalid: boolean;
  /** The most serious explanation about this node ("one instance; losing it cuts every write path"). */
  note: string | null;
}

export type ArchFlowNode = Node<ArchNodeData, 'arch'>;

export interface FlowEdgeData extends Record<string, unknown> {
  protocol: EdgeProtocol;
  async: boolean;
  /** Requests/s over the edge; null while unknown (invalid draft, or a replay without edge data). */
  rps: number | null;
  /** 0 (no flow) to 1 (the busiest edge): how lively the flow animation is. */
  flowLevel: number;
  /** Among the busiest edges that get moving dots (the animation budget). */
  animated: boolean;
}

export type ArchFlowEdge = Edge<FlowEdgeData, 'flow'>;

/**
 * Edges that animate at most: dots on hundreds of edges cost the compositor more than they tell
 * anyone, so only the busiest carry them.
 */
export const FLOW_ANIMATION_BUDGET = 60;

export interface NodeFlags {
  singlePointsOfFailure: ReadonlySet<string>;
  failed: ReadonlySet<string>;
  failureScheduled: ReadonlySet<string>;
  invalid: ReadonlySet<string>;
  notes: ReadonlyMap<string, string>;
}

export interface FlowViewInput {
  design: DesignDocument;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  nodeMetrics: ReadonlyMap<string, NodeMetrics> | null;
  edgeMetrics: ReadonlyMap<string, EdgeMetrics> | null;
  flags: NodeFlags;
  /** Sizes React Flow measured; handed back so it does not measure unchanged boxes again. */
  sizes: ReadonlyMap<string, NodeSize>;
}

export interface NodeSize {
  width: number;
  height: number;
}

export interface FlowView {
  nodes: ArchFlowNode[];
  edges: ArchFlowEdge[];
}

interface NodeCacheEntry {
  doc: NodeDocument;
  metrics: NodeMetrics | undefined;
  selected: boolean;
  flagKey: number;
  note: string | null;
  size: NodeSize | undefined;
  node: ArchFlowNode;
}

interface EdgeCacheEntry {
  doc: DesignDocument['edges'][number];
  rps: number | null;
  flowLevel: number;
  animated: boolean;
  selected: boolean;
  edge: ArchFlowEdge;
}

export function instancesLabel(node: NodeDocument): string | null {
  const spec = componentCatalogue[node.type];
  if (node.type === 'sql-primary') {
    const standbys = resolvedProperty(node, 'standbys') ?? 0;
    return standbys > 0 ? `1 + ${standbys} standby` : '1';
  }
  if (!spec.properties.includes('instances') || spec.managed) return null;
  return String(resolvedProperty(node, 'instances') ?? 1);
}

/** Creates a mapper that remembers its last output to reuse unchanged objects. */
export function createFlowViewMapper(): (input: FlowViewInput) => FlowView {
  let nodeCache = new Map<string, NodeCacheEntry>();
  let edgeCache = new Map<string, EdgeCacheEntry>();

  return (input) => {
    const nextNodes = new Map<string, NodeCacheEntry>();
    const nodes = input.design.nodes.map((doc) => {
      const metrics = input.nodeMetrics?.get(doc.id);
      const selected = input.selectedNodes.has(doc.id);
      const flagKey =
        (input.flags.singlePointsOfFailure.has(doc.id) ? 1 : 0) |
        (input.flags.failed.has(doc.id) ? 2 : 0) |
        (input.flags.failureScheduled.has(doc.id) ? 4 : 0) |
        (input.flags.invalid.has(doc.id) ? 8 : 0);
      const size = input.sizes.get(doc.id);
      const note = input.flags.notes.get(doc.id) ?? null;
      const cached = nodeCache.get(doc.id);
      const entry =
        cached && cached.doc === doc && cached.metrics === metrics && cached.selected === selected && cached.flagKey === flagKey && cached.note === note && cached.size === size
          ? cached
          : { doc, metrics, selected, flagKey, note, size, node: toFlowNode(doc, metrics ?? null, selected, flagKey, note, size) };
      nextNodes.set(doc.id, entry);
      return entry.node;
    });
    nodeCache = nextNodes;

    let maxRps = 0;
    let withinBudget: ReadonlySet<string> | null = null;
    if (input.edgeMetrics) {
      const flowing = [...input.edgeMetrics].filter(([, m]) => m.rps > 0);
      for (const [, m] of flowing) maxRps = Math.max(maxRps, m.rps);
      if (flowing.length > FLOW_ANIMATION_BUDGET) withinBudget = new Set(flowing.sort((a, b) => b[1].rps - a[1].rps).slice(0, FLOW_ANIMATION_BUDGET).map(([id]) => id));
    }
    const nextEdges = new Map<string, EdgeCacheEntry>();
    const edges = input.design.edges.map((doc) => {
      const rps = input.edgeMetrics ? (input.edgeMetrics.get(doc.id)?.rps ?? 0) : null;
      const flowLevel = rps === null || rps <= 0 || maxRps <= 0 ? 0 : Math.max(0.05, Math.log1p(rps) / Math.log1p(maxRps));
      const animated = flowLevel > 0 && (withinBudget === null || withinBudget.has(doc.id));
      const selected = input.selectedEdges.has(doc.id);
      const cached = edgeCache.get(doc.id);
      const entry =
        cached && cached.doc === doc && cached.rps === rps && cached.flowLevel === flowLevel && cached.animated === animated && cached.selected === selected
          ? cached
          : { doc, rps, flowLevel, animated, selected, edge: toFlowEdge(doc, rps, flowLevel, animated, selected) };
      nextEdges.set(doc.id, entry);
      return entry.edge;
    });
    edgeCache = nextEdges;
    return { nodes, edges };
  };
}

function toFlowNode(doc: NodeDocument, metrics: NodeMetrics | null, selected: boolean, flagKey: number, note: string | null, size: NodeSize | undefined): ArchFlowNode {
  return {
    id: doc.id,
    type: 'arch',
    position: doc.position ?? { x: 0, y: 0 },
    selected,
    ...(size ? { measured: size } : {}),
    data: {
      componentType: doc.type,
      typeLabel: componentCatalogue[doc.type].label,
      name: doc.id,
      instances: instancesLabel(doc),
      metrics,
      singlePointOfFailure: (flagKey & 1) !== 0,
      failed: (flagKey & 2) !== 0,
      failureScheduled: (flagKey & 4) !== 0,
      invalid: (flagKey & 8) !== 0,
      note,
    },
  };
}

function toFlowEdge(doc: DesignDocument['edges'][number], rps: number | null, flowLevel: number, animated: boolean, selected: boolean): ArchFlowEdge {
  return {
    id: doc.id,
    source: doc.from,
    target: doc.to,
    type: 'flow',
    selected,
    data: { protocol: doc.protocol ?? 'http', async: doc.mode === 'async', rps, flowLevel, animated },
  };
}
