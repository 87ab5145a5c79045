// One design challenge: the brief and live checklist beside the canvas, Submit for the graded report.
import { builtInChallenges } from '@archlab/sim';
import type { Challenge } from '@archlab/sim';
import { useState } from 'react';
import { Link } from '../app/router-context.tsx';
import { ChallengePanel } from '../components/challenge-panel.tsx';
import { DesignWorkspace } from '../components/design-workspace.tsx';
import { emptyDesign } from '../editor/design-edits.ts';
import { useDesignPage } from './use-design-page.ts';

export default function ChallengePage({ id }: { id: string }) {
  const challenge = builtInChallenges.find((c) => c.scenario.id === id);
  if (!challenge) {
    return (
      <section className="page-message">
        <h1>No challenge called “{id}”</h1>
        <p>
          <Link href="/#challenges">See the challenges</Link>
        </p>
      </section>
    );
  }
  return <ChallengeWorkspace challenge={challenge} />;
}

function ChallengeWorkspace({ challenge }: { challenge: Challenge }) {
  const scenario = challenge.scenario;
  const [fallback] = useState(() => emptyDesign(scenario.title));
  const { session, notice } = useDesignPage({ storageKey: `challenge:${scenario.id}`, fallback, template: null, challenge: scenario });
  if (!session) return <p className="loading">Opening the challenge…</p>;
  const pageActions = (
    <button type="button" className="button" onClick={() => session.store.replaceDesign(challenge.naive)} title="Load the design many people draw first (undo brings yours back)">
      Start from a first draft
    </button>
  );
  return <DesignWorkspace session={session} challenge={{ title: scenario.title, panel: <ChallengePanel session={session} scenario={scenario} /> }} pageActions={pageActions} pageNotice={notice} />;
}
