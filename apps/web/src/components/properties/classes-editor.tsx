// The request classes entering at a client: name, rate, read or write, and how many keys send them.
import { useSessionState } from '../use-session.ts';
import type { DesignSession } from '../../editor/design-session.ts';
import { FieldRow } from './field-row.tsx';
import { TextCommitInput } from './text-commit-input.tsx';

export interface ClassesEditorProps {
  session: DesignSession;
  source: string;
  trafficFromChallenge: boolean;
}

export function ClassesEditor({ session, source, trafficFromChallenge }: ClassesEditorProps) {
  const classes = useSessionState(session, (s) => s.editor.design.classes);
  const mine = classes.filter((c) => c.source === source);
  const store = session.store;
  return (
    <section className="classes-editor" aria-label="Request classes">
      <h3>Request classes</h3>
      {trafficFromChallenge ? <p className="note">The challenge sets the rates, kinds and keys of its classes; keep their names.</p> : null}
      {mine.map((c) => (
        <div key={c.id} className="class-card" data-class={c.id}>
          <TextCommitInput label="Class" value={c.id} onCommit={(next) => store.updateClass(c.id, { id: next })} />
          <FieldRow
            field={{ path: 'rate', label: 'Rate', unit: 'req/s', input: 'number', integer: false, optional: false, description: 'Requests per second entering here.', text: String(c.rate), checked: false, own: true, issues: [] }}
            onCommit={(value) => store.updateClass(c.id, { rate: value as number })}
          />
          <FieldRow
            field={{
              path: 'kind',
              label: 'Kind',
              unit: '',
              input: 'choice',
              integer: false,
              optional: false,
              description: 'Reads can be answered by caches; writes always go through.',
              text: c.kind ?? 'read',
              checked: false,
              own: true,
              choices: [
                { value: 'read', label: 'read' },
                { value: 'write', label: 'write' },
              ],
              issues: [],
            }}
            onCommit={(value) => store.updateClass(c.id, { kind: value as 'read' | 'write' })}
          />
          <FieldRow
            field={{ path: 'keys', label: 'Keys', unit: 'senders', input: 'number', integer: true, optional: false, description: 'Distinct API keys or tenants sending this class evenly (rate limiters count per key).', text: String(c.keys ?? 1), checked: false, own: c.keys !== undefined, issues: [] }}
            onCommit={(value) => store.updateClass(c.id, { keys: value as number })}
          />
          <button type="button" className="link-button danger" onClick={() => store.removeClass(c.id)}>
            Remove class {c.id}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => store.addClass(source)}>
        Add a request class
      </button>
    </section>
  );
}
