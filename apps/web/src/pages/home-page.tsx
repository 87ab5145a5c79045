// The start page: the sandbox with its templates, the design challenges, and the code labs.
import { builtInChallenges } from '@archlab/sim';
import { Link } from '../app/router-context.tsx';
import { starterTemplates } from '../templates/starter-templates.ts';

export function HomePage() {
  return (
    <div className="home">
      <section className="home-section">
        <h1>Design sandbox</h1>
        <p>Draw an architecture and watch it behave: every edit is analysed at once; Run simulates it over time.</p>
        <p>
          <Link href="/sandbox" className="button primary">
            Open the sandbox
          </Link>
        </p>
        <ul className="card-list">
          {starterTemplates.map((template) => (
            <li key={template.id} className="card">
              <Link href={`/sandbox?template=${template.id}`}>
                <strong>{template.title}</strong>
              </Link>
              <span>{template.summary}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="home-section" id="challenges">
        <h1>Challenges</h1>
        <p>A brief, SLOs and a budget. Your design is simulated under the challenge's traffic and faults, and graded with evidence.</p>
        <ul className="card-list">
          {builtInChallenges.map(({ scenario }) => (
            <li key={scenario.id} className="card">
              <Link href={`/challenges/${scenario.id}`}>
                <strong>{scenario.title}</strong>
              </Link>
              <span>{firstSentence(scenario.brief)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="home-section" id="labs">
        <h1>Code labs</h1>
        <p>Build a rate limiter, a zero-downtime migration, idempotent consumers: write the code in the browser and Run grades it against real Redis and PostgreSQL, with evidence for every verdict. Or work locally with <code>pnpm lab init &lt;lab&gt;</code>.</p>
        <p>
          <Link href="/labs" className="button primary">
            Browse the code labs
          </Link>
        </p>
      </section>
    </div>
  );
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}
