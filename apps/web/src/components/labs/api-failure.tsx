// What a page says when the API did not give it what it needed: the API's own message, and a retry.
import type { LabApiError } from '../../labs/lab-api.ts';

export function ApiFailure({ what, error, onRetry }: { what: string; error: LabApiError; onRetry: () => void }) {
  return (
    <section className="page-message" role="alert">
      <h1>Could not load {what}</h1>
      <p>{error.message}</p>
      {error.status === 0 ? <p className="muted">Code labs need the archlab API; `pnpm start` runs it with the app and a grading worker.</p> : null}
      <p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </p>
    </section>
  );
}
