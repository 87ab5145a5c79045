// @vitest-environment jsdom
import { builtInChallenges, gradeChallenge } from '@archlab/sim';
import type { Report } from '@archlab/lab-kit';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportView } from '../../src/components/report-view.tsx';

afterEach(cleanup);

describe('ReportView', () => {
  it('shows the verdict, the score, and for each check its status, message, evidence and hint', () => {
    const challenge = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!;
    const report: Report = gradeChallenge(challenge.naive, challenge.scenario, { seed: 1 });
    render(<ReportView report={report} title="URL shortener" />);
    expect(screen.getByTestId('verdict').textContent).toBe('Not yet');
    expect(screen.getByTestId('score').textContent).toBe(`${report.score} / ${report.maxScore} points`);
    const failed = report.checks.find((c) => c.id === 'slo.redirect-p99')!;
    const item = document.querySelector<HTMLElement>('[data-check="slo.redirect-p99"]')!;
    expect(item.dataset['status']).toBe('fail');
    expect(within(item).getByText(failed.title)).toBeTruthy();
    expect(within(item).getByText(failed.message)).toBeTruthy();
    expect(within(item).getByText('Evidence').closest('details')!.open).toBe(true);
    expect(within(item).getByText('maxMs')).toBeTruthy();
    expect(within(item).getByText(`Hint: ${failed.hint}`)).toBeTruthy();
  });

  it('says that an ungradable run is not the candidate’s fault', () => {
    const report: Report = {
      lab: 'rate-limiter',
      profile: 'quick',
      verdict: 'error',
      score: 0,
      maxScore: 10,
      seed: 1,
      durationMs: 12,
      checks: [{ id: 'redis', title: 'Redis starts', status: 'error', points: 0, maxPoints: 10, durationMs: 5, message: 'redis-server did not start within 5 s' }],
      environment: { services: {}, runner: 'test' },
    };
    render(<ReportView report={report} />);
    expect(screen.getByTestId('verdict').textContent).toMatch(/Could not grade \(our problem, not yours/);
    expect(screen.getByText('could not grade')).toBeTruthy();
    expect(screen.getByRole('heading').textContent).toBe('rate-limiter');
  });
});
