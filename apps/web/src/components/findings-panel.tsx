// What the analysis says about the design, most serious first; a finding about a node focuses it.
import type { DesignSession } from '../editor/design-session.ts';
import type { Finding } from '../editor/findings.ts';
import { formatMs, formatPercent, formatUsd } from '../editor/format.ts';
import { useSessionState } from './use-session.ts';

const severityOrder: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function FindingsPanel({ session, onFocus }: { session: DesignSession; onFocus(id: string): void }) {
  const canvas = useSessionState(session, (s) => s.canvas);
  const analysis = useSessionState(session, (s) => s.analysis);
  const findings = [...canvas.findings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const result = analysis.result;
  return (
    <section className="findings" aria-label="Analysis" data-status={analysis.status}>
      <h2>
        Analysis <span className="status-pill">{statusText(analysis.status)}</span>
      </h2>
      {result ? (
        <ul className="class-summary">
          {result.classes.map((c) => (
            <li key={c.id} data-class={c.id}>
              <strong>{c.id}</strong> {c.offeredRps.toLocaleString('en-US', { maximumFractionDigits: 1 })} req/s · p99 {formatMs(c.latency.p99Ms)} · errors {formatPercent(c.errorRate)} · availability {formatPercent(c.availability)}
            </li>
          ))}
          <li>
            <strong>cost</strong> {formatUsd(result.cost.monthlyUsd)} / month
          </li>
        </ul>
      ) : null}
      {analysis.status === 'empty' ? <p className="note">Drag components from the palette onto the canvas, then connect their handles.</p> : null}
      <ul className="finding-list">
        {findings.map((finding, i) => (
          <li key={`${finding.kind}-${finding.subject ?? ''}-${i}`} className={`finding ${finding.severity}`} data-kind={finding.kind}>
            {finding.subject ? (
              <button type="button" className="link-button" onClick={() => onFocus(finding.subject!)}>
                {finding.text}
              </button>
            ) : (
              finding.text
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function statusText(status: string): string {
  switch (status) {
    case 'pending':
      return 'updating…';
    case 'ready':
      return 'up to date';
    case 'invalid':
      return 'incomplete design';
    case 'failed':
      return 'engine error';
    default:
      return 'empty canvas';
  }
}
