// Live progress folded from a grading's events, including a retry that starts over.
import type { CheckResult } from '@archlab/lab-kit';
import { describe, expect, it } from 'vitest';
import type { GradingEvent } from '../src/labs/api-schemas.ts';
import { applyGradingEvent, finishedChecks, initialProgress } from '../src/labs/grading-progress.ts';

const checks = [
  { id: 'contract', title: 'Contract', points: 10 },
  { id: 'burst', title: 'Burst', points: 20 },
];
const contractFailed: CheckResult = { id: 'contract', title: 'Contract', status: 'fail', points: 0, maxPoints: 10, durationMs: 40, message: 'no 429 after 60 requests' };

function fold(events: GradingEvent[]) {
  return events.reduce(applyGradingEvent, initialProgress(checks));
}

describe('grading progress', () => {
  it('marks the running check, its progress, and how finished checks went', () => {
    const progress = fold([
      { type: 'attempt-start', attempt: 1 },
      { type: 'phase', message: 'starting services' },
      { type: 'run-start', checks },
      { type: 'check-start', id: 'contract', title: 'Contract', index: 0, total: 2 },
      { type: 'check-end', result: contractFailed },
      { type: 'check-start', id: 'burst', title: 'Burst', index: 1, total: 2 },
      { type: 'check-progress', id: 'burst', message: 'key 3 of 6', fraction: 0.5 },
    ]);
    expect(progress.phase).toBe('check 2 of 2: Burst');
    expect(progress.checks.map((c) => [c.id, c.status, c.message, c.fraction])).toEqual([
      ['contract', 'fail', 'no 429 after 60 requests', null],
      ['burst', 'running', 'key 3 of 6', 0.5],
    ]);
    expect(finishedChecks(progress)).toBe(1);
  });

  it('starts over on a new attempt', () => {
    const progress = fold([
      { type: 'attempt-start', attempt: 1 },
      { type: 'check-start', id: 'contract', title: 'Contract', index: 0, total: 2 },
      { type: 'check-end', result: contractFailed },
      { type: 'attempt-start', attempt: 2 },
    ]);
    expect(progress.attempt).toBe(2);
    expect(progress.checks.every((c) => c.status === 'pending' && c.result === null)).toBe(true);
  });

  it('ignores events about checks it does not list', () => {
    const before = initialProgress(checks);
    expect(applyGradingEvent(before, { type: 'check-progress', id: 'other', message: 'x' })).toBe(before);
  });
});
