// Breaking a component on purpose: fail it now (the analysis shows the effect at once), or schedule
// an outage in the next simulation run.
import { useState } from 'react';
import type { DesignSession } from '../../editor/design-session.ts';
import { useSessionState } from '../use-session.ts';

export function FailureControls({ session, nodeId }: { session: DesignSession; nodeId: string }) {
  const failed = useSessionState(session, (s) => s.failedNodes).has(nodeId);
  const faults = useSessionState(session, (s) => s.simulation.faults);
  const durationS = useSessionState(session, (s) => s.simulation.settings.durationS);
  const [fromS, setFromS] = useState(String(Math.round(durationS / 3)));
  const [toS, setToS] = useState(String(Math.round((durationS * 2) / 3)));
  const from = Number(fromS);
  const to = Number(toS);
  const valid = fromS.trim() !== '' && toS.trim() !== '' && Number.isFinite(from) && Number.isFinite(to) && from >= 0 && to > from;
  return (
    <section className="failure-controls" aria-label="Failures">
      <h3>Failures</h3>
      <button type="button" className={`button ${failed ? '' : 'danger'}`} onClick={() => session.toggleFailure(nodeId)}>
        {failed ? `Bring ${nodeId} back` : `Fail ${nodeId} now`}
      </button>
      <div className="schedule-fault">
        <span>Next run: down from</span>
        <input aria-label="Failure starts at (s)" type="text" inputMode="decimal" value={fromS} onChange={(e) => setFromS(e.target.value)} />
        <span>s to</span>
        <input aria-label="Failure ends at (s)" type="text" inputMode="decimal" value={toS} onChange={(e) => setToS(e.target.value)} />
        <span>s</span>
        <button type="button" className="button" disabled={!valid} onClick={() => session.scheduleFault({ node: nodeId, fromS: from, toS: to })}>
          Schedule failure
        </button>
      </div>
      <ul className="fault-list">
        {faults.map((fault, index) =>
          fault.node === nodeId ? (
            <li key={index}>
              down {fault.fromS}–{fault.toS} s
              <button type="button" className="link-button" onClick={() => session.removeFault(index)}>
                remove
              </button>
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
