// One form field: typed text is parsed on Enter or blur; a typing mistake is shown at once, range
// problems come back from the engine's validation as `issues`.
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { parseFieldText } from '../../editor/property-fields.ts';
import type { FieldModel } from '../../editor/property-fields.ts';

export interface FieldRowProps {
  field: FieldModel;
  onCommit(value: number | string | boolean | null): void;
  /** Clears the node's own value, back to the default. */
  onReset?: () => void;
}

export function FieldRow({ field, onCommit, onReset }: FieldRowProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const problems = error ? [error, ...field.issues] : field.issues;

  const commit = () => {
    if (draft === null) return;
    const parsed = parseFieldText(field, draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    onCommit(parsed.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  let control;
  if (field.input === 'boolean') {
    control = <input id={id} type="checkbox" checked={field.checked} onChange={(e) => onCommit(e.target.checked)} />;
  } else if (field.input === 'choice') {
    control = (
      <select id={id} value={field.text} onChange={(e) => onCommit(e.target.value)}>
        {field.choices?.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={draft ?? field.text}
        placeholder={field.optional ? 'none' : undefined}
        aria-invalid={problems.length > 0}
        className={field.own ? 'own' : 'default'}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    );
  }

  return (
    <div className={`field-row ${problems.length > 0 ? 'has-problem' : ''}`} data-field={field.path}>
      <label htmlFor={id} title={field.description}>
        {field.label}
      </label>
      <div className="field-control">
        {control}
        {field.unit ? <span className="field-unit">{field.unit}</span> : null}
        {field.own && onReset ? (
          <button type="button" className="field-reset" title="Back to the default" aria-label={`Reset ${field.label}`} onClick={onReset}>
            ↺
          </button>
        ) : null}
      </div>
      {problems.map((problem) => (
        <p key={problem} className="field-problem" role="alert">
          {problem}
        </p>
      ))}
    </div>
  );
}
