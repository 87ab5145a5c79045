// The code labs catalogue: each lab's title, summary, difficulty, topics and points, from the API.
import { Link } from '../app/router-context.tsx';
import { ApiFailure } from '../components/labs/api-failure.tsx';
import { useRemoteValue } from '../components/labs/use-remote-value.ts';
import { browserLabApi } from '../labs/browser-lab-api.ts';
import '../styles/labs.css';

export default function LabsPage() {
  const { state, reload } = useRemoteValue((signal) => browserLabApi.listLabs(signal), []);
  return (
    <div className="home labs-page">
      <section className="home-section">
        <h1>Code labs</h1>
        <p>Write real code in the browser; Run grades it against real Redis and PostgreSQL, under load and injected faults, and every verdict comes with evidence.</p>
        {state.status === 'loading' ? <p className="loading">Loading the labs…</p> : null}
        {state.status === 'failed' ? <ApiFailure what="the labs" error={state.error} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          state.value.length === 0 ? (
            <p>No labs are published yet.</p>
          ) : (
            <ul className="card-list lab-cards">
              {state.value.map((lab) => (
                <li key={lab.id} className="card lab-card" data-lab={lab.id}>
                  <Link href={`/labs/${lab.id}`}>
                    <strong>{lab.title}</strong>
                  </Link>
                  <span>{lab.summary}</span>
                  <div className="lab-meta">
                    <span className={`difficulty difficulty-${lab.difficulty}`}>{lab.difficulty}</span>
                    <span className="lab-points">
                      {lab.maxScore} points · {lab.checkCount} checks
                    </span>
                  </div>
                  <ul className="topics" aria-label="Topics">
                    {lab.topics.map((topic) => (
                      <li key={topic}>{topic}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </div>
  );
}
