// A text input that commits on Enter or blur and shows why a value was refused.
import { useState } from 'react';

export interface TextCommitInputProps {
  label: string;
  value: string;
  /** Returns an error message to keep the draft open, or null when accepted. */
  onCommit(value: string): string | null;
}

export function TextCommitInput({ label, value, onCommit }: TextCommitInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || draft === value) {
      setDraft(null);
      return;
    }
    const problem = onCommit(draft.trim());
    setError(problem);
    if (problem === null) setDraft(null);
  };
  return (
    <div className={`field-row ${error ? 'has-problem' : ''}`}>
      <label>
        {label}
        <input
          type="text"
          value={draft ?? value}
          aria-invalid={error !== null}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
        />
      </label>
      {error ? (
        <p className="field-problem" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
