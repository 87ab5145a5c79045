// Properties of one edge: protocol, sync or async, routing share, calls, latency, timeout, retries.
import type { DesignIssue, EdgeDocument } from '@archlab/sim';
import type { DesignSession } from '../../editor/design-session.ts';
import { edgeFields, edgePatch } from '../../editor/edge-fields.ts';
import { issuesForEdge } from '../../editor/property-fields.ts';
import { FieldRow } from './field-row.tsx';

export interface EdgePropertiesProps {
  session: DesignSession;
  edge: EdgeDocument;
  index: number;
  issues: readonly DesignIssue[];
}

export function EdgeProperties({ session, edge, index, issues }: EdgePropertiesProps) {
  const fields = edgeFields(edge, issuesForEdge(issues, index));
  return (
    <section className="properties" aria-label={`Properties of ${edge.id}`}>
      <header className="properties-head">
        <span className="properties-kind">Connection</span>
        <p className="properties-description">
          {edge.from} → {edge.to}
        </p>
      </header>
      {fields.map((field) => (
        <FieldRow
          key={`${edge.id}-${field.path}`}
          field={field}
          onCommit={(value) => session.store.updateEdge(edge.id, edgePatch(field.path, value as number | string | null))}
          onReset={() => session.store.updateEdge(edge.id, edgePatch(field.path, null))}
        />
      ))}
    </section>
  );
}
