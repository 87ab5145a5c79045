// Properties of one component: its name, the catalogue's fields with units, its request classes
// (clients), and failure controls.
import { componentCatalogue } from '@archlab/sim';
import type { DesignIssue, NodeDocument } from '@archlab/sim';
import type { DesignSession } from '../../editor/design-session.ts';
import { issuesForNode, nodeFields, propsChange } from '../../editor/property-fields.ts';
import { ClassesEditor } from './classes-editor.tsx';
import { FailureControls } from './failure-controls.tsx';
import { FieldRow } from './field-row.tsx';
import { TextCommitInput } from './text-commit-input.tsx';

export interface NodePropertiesProps {
  session: DesignSession;
  node: NodeDocument;
  index: number;
  issues: readonly DesignIssue[];
  /** The challenge sets the traffic: class rates here are not what is graded. */
  trafficFromChallenge: boolean;
}

export function NodeProperties({ session, node, index, issues, trafficFromChallenge }: NodePropertiesProps) {
  const spec = componentCatalogue[node.type];
  const own = issuesForNode(issues, index);
  const fields = nodeFields(node, own);
  const general = own.filter((i) => i.path.length <= 2 || i.path[2] !== 'props');
  return (
    <section className="properties" aria-label={`Properties of ${node.id}`}>
      <header className="properties-head">
        <span className="properties-kind">{spec.label}</span>
        <p className="properties-description">{spec.description}</p>
      </header>
      <TextCommitInput key={`name-${node.id}`} label="Name" value={node.id} onCommit={(next) => session.store.renameNode(node.id, next)} />
      {general.map((issue) => (
        <p key={issue.message} className="field-problem" role="alert">
          {issue.field ? `${issue.field}: ` : ''}
          {issue.message}
        </p>
      ))}
      {fields.map((field) => (
        <FieldRow
          key={`${node.id}-${field.path}`}
          field={field}
          onCommit={(value) => {
            const change = propsChange(node, field.path, value);
            session.store.setNodeProperty(node.id, change.key, change.value);
          }}
          onReset={() => session.store.setNodeProperty(node.id, field.path.startsWith('serviceTime.') ? 'serviceTime' : (field.path as never), undefined)}
        />
      ))}
      {node.type === 'client' ? <ClassesEditor session={session} source={node.id} trafficFromChallenge={trafficFromChallenge} /> : <FailureControls session={session} nodeId={node.id} />}
    </section>
  );
}
