// The timeline's data: for one subject (a request class or a node), throughput, errors and p99 per
// bucket of a simulation result, plus the scales the chart draws them on.
import type { SimulationResult } from '@archlab/sim';

export type TimelineSubject = { kind: 'class'; id: string } | { kind: 'node'; id: string };

export interface TimelineTrack {
  key: 'throughput' | 'errors' | 'p99';
  label: string;
  unit: string;
  values: (number | null)[];
  max: number;
}

export interface Timeline {
  startS: number[];
  bucketS: number;
  tracks: TimelineTrack[];
}

export function subjectKey(subject: TimelineSubject): string {
  return `${subject.kind}:${subject.id}`;
}

export function parseSubjectKey(key: string): TimelineSubject | null {
  const match = /^(class|node):(.+)$/.exec(key);
  return match ? { kind: match[1] as 'class' | 'node', id: match[2]! } : null;
}

/** Every subject a result can chart: classes first, then nodes. */
export function timelineSubjects(result: SimulationResult): TimelineSubject[] {
  return [...result.series.classes.map((c) => ({ kind: 'class' as const, id: c.id })), ...result.series.nodes.map((n) => ({ kind: 'node' as const, id: n.id }))];
}

export function timelineFor(result: SimulationResult, subject: TimelineSubject): Timeline | null {
  const buckets = result.series.startS.length;
  const cut = <T>(values: T[]) => values.slice(0, buckets);
  let throughput: number[];
  let errors: number[];
  let p99: (number | null)[];
  if (subject.kind === 'class') {
    const series = result.series.classes.find((c) => c.id === subject.id);
    if (!series) return null;
    throughput = cut(series.okRps);
    errors = cut(series.errorRps);
    p99 = cut(series.p99Ms);
  } else {
    const series = result.series.nodes.find((n) => n.id === subject.id);
    if (!series) return null;
    throughput = cut(series.throughputRps);
    errors = cut(series.errorRps);
    p99 = cut(series.p99Ms);
  }
  return {
    startS: result.series.startS,
    bucketS: result.series.bucketS,
    tracks: [
      { key: 'throughput', label: subject.kind === 'class' ? 'Successful' : 'Throughput', unit: 'req/s', values: throughput, max: maxOf(throughput) },
      { key: 'errors', label: 'Errors', unit: 'req/s', values: errors, max: maxOf(errors) },
      { key: 'p99', label: 'p99', unit: 'ms', values: p99, max: maxOf(p99) },
    ],
  };
}

function maxOf(values: (number | null)[]): number {
  let max = 0;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > max) max = v;
  return max;
}
