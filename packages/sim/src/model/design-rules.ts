// Rules zod cannot express: references between nodes, edges and classes, routing shares that sum
// to one, no cycles. Each rule reports the node, edge or class it is about.
import { componentCatalogue } from './catalogue.ts';
import type { DesignIssue } from './design-issue.ts';
import type { DesignDocument, EdgeDocument, NodeDocument } from './schema.ts';

const SHARE_TOLERANCE = 1e-6;

export function checkDesignRules(design: DesignDocument): DesignIssue[] {
  const issues: DesignIssue[] = [];
  const nodeById = new Map<string, NodeDocument>();
  for (const node of design.nodes) nodeById.set(node.id, node);
  const edgeIds = new Set<string>();
  for (const edge of design.edges) edgeIds.add(edge.id);
  const classIds = new Set(design.classes.map((c) => c.id));
  const nodeSubject = (id: string) => `node '${id}' (${nodeById.get(id)?.type ?? 'unknown'})`;
  const edgeSubject = (edge: EdgeDocument) => `edge '${edge.id}'`;

  // As many distinct ids as items: nothing to report, and no need to walk them again.
  if (nodeById.size !== design.nodes.length) reportDuplicates(design.nodes.map((n) => n.id), 'nodes', (id) => nodeSubject(id), issues);
  if (edgeIds.size !== design.edges.length) reportDuplicates(design.edges.map((e) => e.id), 'edges', (id) => `edge '${id}'`, issues);
  if (classIds.size !== design.classes.length) reportDuplicates(design.classes.map((c) => c.id), 'classes', (id) => `class '${id}'`, issues);

  design.nodes.forEach((node, index) => {
    if (node.props?.capacityPerInstanceRps !== undefined && node.props.serviceTime !== undefined) {
      issues.push({ subject: nodeSubject(node.id), field: 'props', message: 'give serviceTime or capacityPerInstanceRps, not both', path: ['nodes', index, 'props'] });
    }
  });

  design.edges.forEach((edge, index) => {
    if (!nodeById.has(edge.from)) issues.push({ subject: edgeSubject(edge), field: 'from', message: `no node '${edge.from}'`, path: ['edges', index, 'from'] });
    const target = nodeById.get(edge.to);
    if (!target) issues.push({ subject: edgeSubject(edge), field: 'to', message: `no node '${edge.to}'`, path: ['edges', index, 'to'] });
    if (edge.from === edge.to) issues.push({ subject: edgeSubject(edge), field: 'to', message: 'an edge cannot point at its own node', path: ['edges', index, 'to'] });
    if (target?.type === 'client') {
      issues.push({ subject: edgeSubject(edge), field: 'to', message: `'${edge.to}' is a client: clients only send requests`, path: ['edges', index, 'to'] });
    }
    edge.classes?.forEach((classId, classIndex) => {
      if (!classIds.has(classId)) issues.push({ subject: edgeSubject(edge), field: `classes[${classIndex}]`, message: `no request class '${classId}'`, path: ['edges', index, 'classes', classIndex] });
    });
  });

  design.classes.forEach((requestClass, index) => {
    const subject = `class '${requestClass.id}'`;
    const source = nodeById.get(requestClass.source);
    if (!source) {
      issues.push({ subject, field: 'source', message: `no node '${requestClass.source}'`, path: ['classes', index, 'source'] });
    } else if (source.type !== 'client') {
      issues.push({ subject, field: 'source', message: `'${source.id}' is a ${source.type}; classes enter at a client node`, path: ['classes', index, 'source'] });
    } else if (!leavesSource(design, source.id, requestClass.id)) {
      issues.push({ subject, field: 'source', message: `no edge out of '${source.id}' carries this class`, path: ['classes', index, 'source'] });
    }
  });

  issues.push(...checkShares(design, nodeSubject));
  if (issues.length === 0) issues.push(...checkAcyclic(design, nodeSubject));
  return issues;
}

function leavesSource(design: DesignDocument, source: string, classId: string): boolean {
  for (const edge of design.edges) if (edge.from === source && carries(edge, classId)) return true;
  return false;
}

export function carries(edge: EdgeDocument, classId: string): boolean {
  return edge.classes === undefined || edge.classes.includes(classId);
}

function reportDuplicates(ids: string[], collection: string, subjectOf: (id: string) => string, issues: DesignIssue[]) {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) issues.push({ subject: subjectOf(id), field: 'id', message: `duplicate id '${id}' in ${collection}`, path: [collection, index, 'id'] });
    seen.add(id);
  });
}

function checkShares(design: DesignDocument, nodeSubject: (id: string) => string): DesignIssue[] {
  const issues: DesignIssue[] = [];
  const outgoing = new Map<string, EdgeDocument[]>();
  for (const edge of design.edges) {
    const list = outgoing.get(edge.from);
    if (list) list.push(edge);
    else outgoing.set(edge.from, [edge]);
  }
  design.nodes.forEach((node, nodeIndex) => {
    const edges = outgoing.get(node.id);
    if (!edges) return;
    const balancer = componentCatalogue[node.type].behaviour === 'balancer';
    for (const requestClass of design.classes) {
      let sum = 0;
      let withShare = 0;
      let missing = 0;
      for (const edge of edges) {
        if (!carries(edge, requestClass.id)) continue;
        if (edge.share === undefined) missing++;
        else {
          withShare++;
          sum += edge.share;
        }
      }
      if (balancer && missing > 0) {
        if (sum > 1 + SHARE_TOLERANCE || (sum >= 1 - SHARE_TOLERANCE && withShare > 0)) {
          issues.push({ subject: nodeSubject(node.id), field: 'edges.share', message: `class '${requestClass.id}': shares ${shareList(edges, requestClass.id)} leave nothing for the ${missing} edge(s) without one`, path: ['nodes', nodeIndex] });
        }
      } else if (withShare > 0 && Math.abs(sum - 1) > SHARE_TOLERANCE) {
        issues.push({ subject: nodeSubject(node.id), field: 'edges.share', message: `class '${requestClass.id}': routing shares ${shareList(edges, requestClass.id)} sum to ${round(sum)}, not 1`, path: ['nodes', nodeIndex] });
      }
    }
  });
  return issues;
}

function shareList(edges: EdgeDocument[], classId: string): string {
  return edges
    .filter((edge) => edge.share !== undefined && carries(edge, classId))
    .map((edge) => `'${edge.id}'=${edge.share}`)
    .join(', ');
}

/** Only called on a design whose references resolve and whose ids are unique. */
function checkAcyclic(design: DesignDocument, nodeSubject: (id: string) => string): DesignIssue[] {
  return isAcyclic(design) ? [] : describeCycle(design, nodeSubject);
}

/** Kahn's algorithm over node indices: the cheap answer for the usual, acyclic design. */
function isAcyclic(design: DesignDocument): boolean {
  const N = design.nodes.length;
  const index = new Map<string, number>();
  for (let n = 0; n < N; n++) index.set(design.nodes[n]!.id, n);
  const from = new Int32Array(design.edges.length);
  const to = new Int32Array(design.edges.length);
  const outStart = new Int32Array(N + 1);
  const indegree = new Int32Array(N);
  for (let e = 0; e < design.edges.length; e++) {
    const edge = design.edges[e]!;
    from[e] = index.get(edge.from)!;
    to[e] = index.get(edge.to)!;
    outStart[from[e]! + 1]!++;
    indegree[to[e]!]!++;
  }
  for (let n = 0; n < N; n++) outStart[n + 1]! += outStart[n]!;
  const fill = outStart.slice(0, N);
  const outTargets = new Int32Array(design.edges.length);
  for (let e = 0; e < design.edges.length; e++) outTargets[fill[from[e]!]!++] = to[e]!;
  const queue = new Int32Array(N);
  let head = 0;
  let tail = 0;
  for (let n = 0; n < N; n++) if (indegree[n] === 0) queue[tail++] = n;
  while (head < tail) {
    const n = queue[head++]!;
    for (let i = outStart[n]!; i < outStart[n + 1]!; i++) if (--indegree[outTargets[i]!]! === 0) queue[tail++] = outTargets[i]!;
  }
  return tail === N;
}

/** Depth-first search for the first cycle, in document order, to name it. */
function describeCycle(design: DesignDocument, nodeSubject: (id: string) => string): DesignIssue[] {
  const targets = new Map<string, string[]>();
  for (const edge of design.edges) {
    const list = targets.get(edge.from) ?? [];
    list.push(edge.to);
    targets.set(edge.from, list);
  }
  // Iterative depth-first search (deep designs must not overflow the call stack).
  const state = new Map<string, 'open' | 'done'>();
  for (const root of design.nodes) {
    if (state.has(root.id)) continue;
    const path: string[] = [root.id];
    const cursor: number[] = [0];
    state.set(root.id, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1]!;
      const next = (targets.get(id) ?? [])[cursor[cursor.length - 1]!];
      if (next === undefined) {
        state.set(id, 'done');
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1]!++;
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const nodeIndex = design.nodes.findIndex((n) => n.id === next);
        return [{ subject: nodeSubject(next), field: '', message: `requests would loop: ${cycle.join(' -> ')}`, path: ['nodes', nodeIndex] }];
      }
      if (!state.has(next)) {
        state.set(next, 'open');
        path.push(next);
        cursor.push(0);
      }
    }
  }
  return [];
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
