// The right-hand panel: properties of what is selected, or an overview of the design.
import type { DesignSession } from '../../editor/design-session.ts';
import { formatUsd } from '../../editor/format.ts';
import { useSessionState } from '../use-session.ts';
import { EdgeProperties } from './edge-properties.tsx';
import { NodeProperties } from './node-properties.tsx';
import { TextCommitInput } from './text-commit-input.tsx';

export function PropertyPanel({ session, trafficFromChallenge }: { session: DesignSession; trafficFromChallenge: boolean }) {
  const editor = useSessionState(session, (s) => s.editor);
  const analysis = useSessionState(session, (s) => s.analysis);
  const { design, selectedNodes, selectedEdges } = editor;
  const selectedCount = selectedNodes.size + selectedEdges.size;

  if (selectedNodes.size === 1 && selectedEdges.size === 0) {
    const id = [...selectedNodes][0]!;
    const index = design.nodes.findIndex((n) => n.id === id);
    const node = design.nodes[index];
    if (node) return <NodeProperties key={node.id} session={session} node={node} index={index} issues={analysis.issues} trafficFromChallenge={trafficFromChallenge} />;
  }
  if (selectedEdges.size === 1 && selectedNodes.size === 0) {
    const id = [...selectedEdges][0]!;
    const index = design.edges.findIndex((e) => e.id === id);
    const edge = design.edges[index];
    if (edge) return <EdgeProperties key={edge.id} session={session} edge={edge} index={index} issues={analysis.issues} />;
  }
  if (selectedCount > 1) {
    return (
      <section className="properties" aria-label="Selection">
        <p>
          {selectedNodes.size} components and {selectedEdges.size} connections selected.
        </p>
        <button type="button" className="button danger" onClick={() => session.store.deleteSelection()}>
          Delete selection
        </button>
      </section>
    );
  }
  const cost = analysis.result?.cost.monthlyUsd;
  return (
    <section className="properties" aria-label="Design">
      <TextCommitInput
        label="Design name"
        value={design.name ?? ''}
        onCommit={(name) => {
          session.store.replaceDesign({ ...design, name });
          return null;
        }}
      />
      <dl className="design-summary">
        <dt>Components</dt>
        <dd>{design.nodes.length}</dd>
        <dt>Connections</dt>
        <dd>{design.edges.length}</dd>
        <dt>Request classes</dt>
        <dd>{design.classes.map((c) => `${c.id} (${c.rate} req/s ${c.kind ?? 'read'})`).join(', ') || 'none yet: add a Clients box'}</dd>
        <dt>Monthly cost</dt>
        <dd data-testid="monthly-cost">{cost === undefined ? '—' : formatUsd(cost)}</dd>
      </dl>
      <p className="note">Select a component or a connection to edit it. Shift-drag to select several.</p>
    </section>
  );
}
