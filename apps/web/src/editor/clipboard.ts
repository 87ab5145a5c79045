// Copy and paste of a selection: nodes, the edges among them, and the request classes that enter
// at copied clients. Pasted elements get fresh ids and are offset so they do not hide the originals.
import type { ClassDocument, DesignDocument, EdgeDocument, NodeDocument } from '@archlab/sim';
import { uniqueId } from './ids.ts';
import type { Point } from './design-edits.ts';

export interface ClipboardContent {
  nodes: NodeDocument[];
  edges: EdgeDocument[];
  classes: ClassDocument[];
}

/** Offset of a pasted copy from its original, in canvas units. */
export const PASTE_OFFSET: Point = { x: 40, y: 40 };

export function copyElements(design: DesignDocument, nodeIds: ReadonlySet<string>): ClipboardContent | null {
  if (nodeIds.size === 0) return null;
  return {
    nodes: design.nodes.filter((n) => nodeIds.has(n.id)),
    edges: design.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to)),
    classes: design.classes.filter((c) => nodeIds.has(c.source)),
  };
}

export function pasteElements(
  design: DesignDocument,
  content: ClipboardContent,
  offset: Point = PASTE_OFFSET,
): { design: DesignDocument; nodeIds: string[]; edgeIds: string[] } {
  const nodeTaken = new Set(design.nodes.map((n) => n.id));
  const edgeTaken = new Set(design.edges.map((e) => e.id));
  const classTaken = new Set(design.classes.map((c) => c.id));
  const nodeIdMap = new Map<string, string>();
  const nodes = content.nodes.map((node) => {
    const id = uniqueId(node.id, nodeTaken);
    nodeTaken.add(id);
    nodeIdMap.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    return { ...node, id, position: { x: position.x + offset.x, y: position.y + offset.y } };
  });
  const classIdMap = new Map<string, string>();
  const classes = content.classes.map((c) => {
    const id = uniqueId(c.id, classTaken);
    classTaken.add(id);
    classIdMap.set(c.id, id);
    return { ...c, id, source: nodeIdMap.get(c.source) ?? c.source };
  });
  const edges = content.edges.map((edge) => {
    const id = uniqueId(edge.id, edgeTaken);
    edgeTaken.add(id);
    const copy: EdgeDocument = { ...edge, id, from: nodeIdMap.get(edge.from)!, to: nodeIdMap.get(edge.to)! };
    if (edge.classes) copy.classes = edge.classes.map((c) => classIdMap.get(c) ?? c);
    return copy;
  });
  return {
    design: { ...design, nodes: [...design.nodes, ...nodes], edges: [...design.edges, ...edges], classes: [...design.classes, ...classes] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
