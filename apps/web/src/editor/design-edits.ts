// Pure edits of a draft design document. Each returns a new document and keeps every untouched
// node and edge object as it was, so the canvas can tell what changed by identity.
import { CURRENT_DESIGN_VERSION, componentCatalogue } from '@archlab/sim';
import type { ClassDocument, ComponentType, DesignDocument, DocumentProps, EdgeDocument, EdgeProtocol, NodeDocument } from '@archlab/sim';
import { defaultNamePrefix, isValidId, uniqueId } from './ids.ts';

export interface Point {
  x: number;
  y: number;
}

/** Rate of the request class created with the first client of an empty design, requests/s. */
export const DEFAULT_CLASS_RATE = 100;

export function emptyDesign(name = 'Untitled design'): DesignDocument {
  return { version: CURRENT_DESIGN_VERSION, name, classes: [], nodes: [], edges: [] };
}

export interface AddNodeOptions {
  /** Request classes to create when this is the first client (a challenge's traffic). Default: one read class. */
  classTemplate?: readonly ClassDocument[];
}

export function addNode(design: DesignDocument, type: ComponentType, position: Point, options: AddNodeOptions = {}): { design: DesignDocument; id: string } {
  const id = uniqueId(defaultNamePrefix[type], new Set(design.nodes.map((n) => n.id)));
  const node: NodeDocument = { id, type, position: roundPoint(position) };
  let classes = design.classes;
  if (type === 'client' && classes.length === 0) {
    const template = options.classTemplate ?? [{ id: 'requests', rate: DEFAULT_CLASS_RATE, source: id, kind: 'read' }];
    classes = template.map((c) => ({ ...c, source: id }));
  }
  return { design: { ...design, nodes: [...design.nodes, node], classes }, id };
}

/** Why an edge from -> to cannot be drawn, or null when it can. */
export function connectionProblem(design: DesignDocument, from: string, to: string): string | null {
  if (from === to) return 'a component cannot call itself';
  const target = design.nodes.find((n) => n.id === to);
  if (!target || !design.nodes.some((n) => n.id === from)) return 'both ends must be components on the canvas';
  if (target.type === 'client') return 'clients only send requests';
  if (design.edges.some((e) => e.from === from && e.to === to)) return `${from} already calls ${to}`;
  if (reaches(design, to, from)) return `requests would loop back to ${from}`;
  return null;
}

export function connectNodes(design: DesignDocument, from: string, to: string): { design: DesignDocument; id: string } | { problem: string } {
  const problem = connectionProblem(design, from, to);
  if (problem !== null) return { problem };
  const id = uniqueId(`${from}-${to}`, new Set(design.edges.map((e) => e.id)));
  const target = design.nodes.find((n) => n.id === to)!;
  const source = design.nodes.find((n) => n.id === from)!;
  const edge: EdgeDocument = { id, from, to, protocol: defaultProtocol(source.type, target.type) };
  return { design: { ...design, edges: [...design.edges, edge] }, id };
}

function defaultProtocol(from: ComponentType, to: ComponentType): EdgeProtocol {
  switch (to) {
    case 'sql-primary':
    case 'read-replica':
      return 'sql';
    case 'cache':
      return 'redis';
    case 'message-queue':
      return 'amqp';
    case 'dns':
      return 'dns';
    case 'nosql':
      return 'tcp';
    default:
      return from === 'client' || to === 'external-api' || to === 'cdn' ? 'https' : 'http';
  }
}

function reaches(design: DesignDocument, start: string, goal: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of design.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === goal) return true;
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return false;
}

export class RenameError extends Error {
  override readonly name = 'RenameError';
}

/** Renames a node and every reference to it (edges, class sources). Throws RenameError. */
export function renameNode(design: DesignDocument, id: string, nextId: string): DesignDocument {
  if (nextId === id) return design;
  if (!isValidId(nextId)) throw new RenameError('names are 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');
  if (design.nodes.some((n) => n.id === nextId)) throw new RenameError(`another component is already called ${nextId}`);
  return {
    ...design,
    nodes: design.nodes.map((n) => (n.id === id ? { ...n, id: nextId } : n)),
    edges: design.edges.map((e) => (e.from === id || e.to === id ? { ...e, from: e.from === id ? nextId : e.from, to: e.to === id ? nextId : e.to } : e)),
    classes: design.classes.map((c) => (c.source === id ? { ...c, source: nextId } : c)),
  };
}

/** Sets (or with undefined, clears back to the catalogue default) one property of a node. */
export function setNodeProperty<K extends keyof DocumentProps>(design: DesignDocument, id: string, key: K, value: DocumentProps[K] | undefined): DesignDocument {
  return mapNode(design, id, (node) => {
    const props: DocumentProps = { ...node.props };
    if (value === undefined) delete props[key];
    else props[key] = value;
    // A capacity in requests/s replaces the service time (the schema accepts one or the other).
    if (key === 'serviceTime' && value !== undefined) delete props.capacityPerInstanceRps;
    if (key === 'capacityPerInstanceRps' && value !== undefined) delete props.serviceTime;
    const { props: _old, ...rest } = node;
    return Object.keys(props).length > 0 ? { ...rest, props } : rest;
  });
}

export type EdgePatch = { [K in keyof Omit<EdgeDocument, 'id' | 'from' | 'to'>]?: EdgeDocument[K] | undefined };

/** Applies a patch to an edge; undefined values remove the field (back to its default). */
export function updateEdge(design: DesignDocument, id: string, patch: EdgePatch): DesignDocument {
  return {
    ...design,
    edges: design.edges.map((edge) => {
      if (edge.id !== id) return edge;
      const next: Record<string, unknown> = { ...edge };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete next[key];
        else next[key] = value;
      }
      return next as unknown as EdgeDocument;
    }),
  };
}

export function moveNodes(design: DesignDocument, positions: ReadonlyMap<string, Point>): DesignDocument {
  if (positions.size === 0) return design;
  return { ...design, nodes: design.nodes.map((n) => (positions.has(n.id) ? { ...n, position: roundPoint(positions.get(n.id)!) } : n)) };
}

/** Removes nodes (with their edges and the classes entering at them) and edges. */
export function removeElements(design: DesignDocument, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): DesignDocument {
  if (nodeIds.size === 0 && edgeIds.size === 0) return design;
  const classes = design.classes.filter((c) => !nodeIds.has(c.source));
  const removedClasses = new Set(design.classes.filter((c) => nodeIds.has(c.source)).map((c) => c.id));
  return {
    ...design,
    nodes: design.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: design.edges
      .filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.from) && !nodeIds.has(e.to))
      .map((e) => withoutClasses(e, removedClasses)),
    classes,
  };
}

function withoutClasses(edge: EdgeDocument, removed: ReadonlySet<string>): EdgeDocument {
  if (!edge.classes || !edge.classes.some((c) => removed.has(c))) return edge;
  const kept = edge.classes.filter((c) => !removed.has(c));
  const { classes: _classes, ...rest } = edge;
  return kept.length > 0 ? { ...rest, classes: kept } : rest;
}

export function addClass(design: DesignDocument, source: string): { design: DesignDocument; id: string } {
  const id = uniqueId('requests', new Set(design.classes.map((c) => c.id)));
  return { design: { ...design, classes: [...design.classes, { id, rate: DEFAULT_CLASS_RATE, source, kind: 'read' }] }, id };
}

export type ClassPatch = Partial<Pick<ClassDocument, 'id' | 'rate' | 'kind' | 'keys' | 'label'>>;

/** Updates a class; a new id is applied to the edges that name it too. Throws RenameError. */
export function updateClass(design: DesignDocument, id: string, patch: ClassPatch): DesignDocument {
  const nextId = patch.id ?? id;
  if (nextId !== id) {
    if (!isValidId(nextId)) throw new RenameError('class names are 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');
    if (design.classes.some((c) => c.id === nextId)) throw new RenameError(`another request class is already called ${nextId}`);
  }
  return {
    ...design,
    classes: design.classes.map((c) => (c.id === id ? { ...c, ...patch, id: nextId } : c)),
    edges: nextId === id ? design.edges : design.edges.map((e) => (e.classes?.includes(id) ? { ...e, classes: e.classes.map((c) => (c === id ? nextId : c)) } : e)),
  };
}

export function removeClass(design: DesignDocument, id: string): DesignDocument {
  return { ...design, classes: design.classes.filter((c) => c.id !== id), edges: design.edges.map((e) => withoutClasses(e, new Set([id]))) };
}

/** What a node's property resolves to: its own value or the catalogue default for its type. */
export function resolvedProperty<K extends keyof DocumentProps>(node: NodeDocument, key: K): DocumentProps[K] {
  const own = node.props?.[key];
  if (own !== undefined) return own;
  const defaults = componentCatalogue[node.type].defaults as DocumentProps;
  return defaults[key];
}

function mapNode(design: DesignDocument, id: string, change: (node: NodeDocument) => NodeDocument): DesignDocument {
  return { ...design, nodes: design.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

function roundPoint(point: Point): Point {
  return { x: Math.round(point.x), y: Math.round(point.y) };
}
