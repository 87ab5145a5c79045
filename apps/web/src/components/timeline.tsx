// The simulation timeline: throughput, errors and p99 per bucket for one class or node, with a
// scrubber that replays that moment on the canvas.
import { useState } from 'react';
import type { MouseEvent } from 'react';
import type { NodeFault } from '@archlab/sim';
import type { DesignSession } from '../editor/design-session.ts';
import { formatMs, formatRate } from '../editor/format.ts';
import { parseSubjectKey, subjectKey, timelineFor, timelineSubjects } from '../editor/timeline-view.ts';
import type { TimelineTrack } from '../editor/timeline-view.ts';
import { useSessionState } from './use-session.ts';

const WIDTH = 600;
const HEIGHT = 60;

export function Timeline({ session }: { session: DesignSession }) {
  const simulation = useSessionState(session, (s) => s.simulation);
  const [subjectText, setSubjectText] = useState<string | null>(null);
  const result = simulation.result;
  if (!result || result.series.startS.length === 0) {
    return <p className="note timeline-empty">{simulation.status === 'running' ? 'The first buckets appear in a moment…' : 'Press Run to simulate the design over time; the timeline appears here.'}</p>;
  }
  const subjects = timelineSubjects(result);
  const chosen = (subjectText && parseSubjectKey(subjectText)) || subjects[0]!;
  const timeline = timelineFor(result, chosen) ?? timelineFor(result, subjects[0]!)!;
  const buckets = timeline.startS.length;
  const scrub = simulation.scrub;
  const faults = simulation.scenario?.faults ?? [];

  const onChartClick = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    session.scrub(((event.clientX - box.left) / box.width) * buckets - 0.5);
  };

  return (
    <section className="timeline" aria-label="Simulation timeline">
      <div className="timeline-controls">
        <label>
          Show
          <select value={subjectKey(chosen)} onChange={(e) => setSubjectText(e.target.value)} aria-label="Timeline subject">
            {subjects.map((s) => (
              <option key={subjectKey(s)} value={subjectKey(s)}>
                {s.kind === 'class' ? `class ${s.id}` : s.id}
              </option>
            ))}
          </select>
        </label>
        <input
          className="scrubber"
          type="range"
          min={0}
          max={buckets - 1}
          step={1}
          value={scrub ?? buckets - 1}
          onChange={(e) => session.scrub(Number(e.target.value))}
          aria-label="Replay time"
        />
        <span className="scrub-time" data-testid="scrub-time">
          {scrub === null ? 'live analysis on the canvas' : `replaying t = ${(timeline.startS[scrub] ?? 0).toFixed(1)} s`}
        </span>
        {scrub !== null ? (
          <button type="button" className="button" onClick={() => session.scrub(null)}>
            Back to live
          </button>
        ) : null}
      </div>
      {timeline.tracks.map((track) => (
        <TrackChart key={track.key} track={track} buckets={buckets} bucketS={timeline.bucketS} scrub={scrub} faults={faults} onClick={onChartClick} />
      ))}
    </section>
  );
}

interface TrackChartProps {
  track: TimelineTrack;
  buckets: number;
  bucketS: number;
  scrub: number | null;
  faults: readonly NodeFault[];
  onClick(event: MouseEvent<SVGSVGElement>): void;
}

function TrackChart({ track, buckets, bucketS, scrub, faults, onClick }: TrackChartProps) {
  const max = track.max > 0 ? track.max : 1;
  const x = (i: number) => ((i + 0.5) / buckets) * WIDTH;
  const y = (v: number) => HEIGHT - (v / max) * (HEIGHT - 4) - 2;
  const segments: string[] = [];
  let current: string[] = [];
  track.values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const format = track.unit === 'ms' ? formatMs : (v: number) => `${formatRate(v)} ${track.unit}`;
  const at = scrub === null ? null : track.values[scrub];
  return (
    <div className={`track track-${track.key}`} data-track={track.key}>
      <div className="track-label">
        <span>{track.label}</span>
        <span className="track-max">max {format(track.max)}</span>
        {scrub !== null ? <span className="track-at">now {at === null || at === undefined ? '—' : format(at)}</span> : null}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="track-chart" onClick={onClick} role="img" aria-label={`${track.label} over time`}>
        {faults.map((f, i) => (
          <rect key={i} className="fault-window" x={(f.fromS / bucketS / buckets) * WIDTH} width={((f.toS - f.fromS) / bucketS / buckets) * WIDTH} y={0} height={HEIGHT} />
        ))}
        {segments.map((points, i) => (
          <polyline key={i} points={points} className="track-line" vectorEffect="non-scaling-stroke" />
        ))}
        {scrub !== null ? <line className="scrub-line" x1={x(scrub)} x2={x(scrub)} y1={0} y2={HEIGHT} vectorEffect="non-scaling-stroke" /> : null}
      </svg>
    </div>
  );
}
