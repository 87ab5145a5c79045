// The view-model against the real engines (run in-process behind the worker protocol).
import { builtInChallenges } from '@archlab/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDesign } from '../src/editor/design-edits.ts';
import { createDesignSession } from '../src/editor/design-session.ts';
import type { DesignSession } from '../src/editor/design-session.ts';
import { findTemplate } from '../src/templates/starter-templates.ts';
import { inProcessWorkers } from './support/in-process-workers.ts';
import { waitFor } from './support/wait-for.ts';

const sessions: DesignSession[] = [];
function open(...args: Parameters<typeof createDesignSession>) {
  const session = createDesignSession(...args);
  sessions.push(session);
  return session;
}
afterEach(() => {
  for (const session of sessions.splice(0)) session.destroy();
});

describe('design session', () => {
  it('analyses every edit: issues while half-drawn, metrics and explanations once complete', async () => {
    const session = open({ initial: emptyDesign(), workers: inProcessWorkers() });
    const { store } = session;
    const users = store.addComponent('client', { x: 0, y: 0 });
    const api = store.addComponent('service', { x: 200, y: 0 });
    let state = await waitFor(session, (s) => s.analysis.status === 'invalid');
    expect(state.canvas.findings.map((f) => f.text)).toContain("class 'requests': source: no edge out of 'users' carries this class");

    store.connect(users, api);
    const db = store.addComponent('sql-primary', { x: 400, y: 0 });
    store.connect(api, db);
    state = await waitFor(session, (s) => s.analysis.status === 'ready');
    const metrics = state.canvas.nodeMetrics!;
    expect(metrics.get(api)!.rps).toBeCloseTo(100, 6);
    expect(metrics.get(api)!.health).toBe('ok');
    expect(state.canvas.edgeMetrics!.get('api-db-primary')!.rps).toBeCloseTo(100, 6);
    expect(state.canvas.flags.singlePointsOfFailure.has(db)).toBe(true);
    expect(state.canvas.findings.map((f) => f.text)).toContain('db-primary: one instance, no standby; losing it cuts every requests path');
    expect(state.canvas.flags.notes.get(db)).toBe('one instance, no standby; losing it cuts every requests path');
  });

  it('failing a node shows the errors it causes', async () => {
    const session = open({ initial: findTemplate('web-app')!.design, workers: inProcessWorkers() });
    await waitFor(session, (s) => s.analysis.status === 'ready');
    session.toggleFailure('db-primary');
    const state = await waitFor(session, (s) => s.analysis.status === 'ready' && s.failedNodes.has('db-primary'));
    expect(state.canvas.nodeMetrics!.get('db-primary')!.health).toBe('down');
    expect(state.analysis.result!.classes.every((c) => c.errorRate > 0.99)).toBe(true);
    expect(state.canvas.findings.some((f) => f.kind === 'down' && f.subject === 'db-primary')).toBe(true);
    session.toggleFailure('db-primary');
    const back = await waitFor(session, (s) => s.analysis.status === 'ready' && s.failedNodes.size === 0);
    expect(back.analysis.result!.classes.every((c) => c.errorRate < 0.001)).toBe(true);
  });

  it('runs a simulation with a scheduled failure and replays its buckets on the canvas', async () => {
    const session = open({ initial: findTemplate('web-app')!.design, workers: inProcessWorkers() });
    await waitFor(session, (s) => s.analysis.status === 'ready');
    session.setSimulationSettings({ durationS: 20 });
    session.scheduleFault({ node: 'db-primary', fromS: 10, toS: 15 });
    await session.runSimulation();
    const state = session.getState();
    expect(state.simulation.status).toBe('done');
    const result = state.simulation.result!;
    expect(result.series.startS).toHaveLength(60);
    const errors = result.series.classes.find((c) => c.id === 'read')!.errorRps;
    const before = errors.slice(5, 25).reduce((a, b) => a + b, 0);
    const during = errors.slice(32, 44).reduce((a, b) => a + b, 0);
    expect(before).toBe(0);
    expect(during).toBeGreaterThan(100);

    session.scrub(36);
    const replay = session.getState().canvas;
    expect(replay.source).toBe('replay');
    expect(replay.nodeMetrics!.get('db-primary')!.health).toBe('down');
    expect(replay.edgeMetrics).toBeNull();
    session.scrub(5);
    expect(session.getState().canvas.nodeMetrics!.get('db-primary')!.health).not.toBe('down');
    session.scrub(null);
    expect(session.getState().canvas.source).toBe('analysis');
  });

  it('marks a result stale after an edit and can cancel a run', async () => {
    const session = open({ initial: findTemplate('web-app')!.design, workers: inProcessWorkers() });
    await waitFor(session, (s) => s.analysis.status === 'ready');
    session.setSimulationSettings({ durationS: 5 });
    await session.runSimulation();
    session.store.setNodeProperty('api', 'instances', 3);
    expect(session.getState().simulation.stale).toBe(true);
    session.setSimulationSettings({ durationS: 600 });
    const run = session.runSimulation();
    await waitFor(session, (s) => s.simulation.progress !== null);
    session.cancelSimulation();
    await run;
    expect(session.getState().simulation.status).toBe('idle');
  });

  it('grades a challenge: the reference design passes, the first draft fails with evidence', async () => {
    const challenge = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!;
    const session = open({ initial: challenge.reference, workers: inProcessWorkers(), challenge: challenge.scenario, liveGradeDelayMs: 0 });
    const live = await waitFor(session, (s) => s.grading.live.status === 'ready', 20_000);
    expect(live.grading.live.report!.verdict).toBe('pass');
    await session.submit();
    expect(session.getState().grading.submitted.report).toMatchObject({ verdict: 'pass', profile: 'full', lab: 'url-shortener' });

    session.store.replaceDesign(challenge.naive);
    await session.submit();
    const report = session.getState().grading.submitted.report!;
    expect(report.verdict).toBe('fail');
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failed).toEqual(expect.arrayContaining([...challenge.naiveFails]));
    expect(report.checks.find((c) => c.id === 'slo.redirect-p99')?.evidence).toBeDefined();
  });

  it('uses the challenge traffic for the analysis and offers its classes to the first client', async () => {
    const challenge = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!;
    const session = open({ initial: emptyDesign(), workers: inProcessWorkers(), challenge: challenge.scenario });
    session.store.addComponent('client', { x: 0, y: 0 });
    expect(session.getState().editor.design.classes.map((c) => [c.id, c.rate, c.kind])).toEqual([
      ['redirect', 4000, 'read'],
      ['create', 200, 'write'],
    ]);
    session.store.replaceDesign({ ...challenge.naive, classes: challenge.naive.classes.map((c) => ({ ...c, rate: 1 })) });
    const state = await waitFor(session, (s) => s.analysis.status === 'ready');
    expect(state.analysis.result!.classes.find((c) => c.id === 'redirect')!.offeredRps).toBe(4000);
  });

  it('lays the design out left to right with ELK, as one undoable step', async () => {
    const session = open({ initial: findTemplate('web-app')!.design, workers: inProcessWorkers() });
    const scrambled = session.getState().editor.design.nodes.map((n, i) => [n.id, { x: 500 - i * 150, y: i * 90 }] as const);
    session.store.moveNodes(new Map(scrambled), 'done');
    await session.autoLayout(new Map());
    const xs = session.getState().editor.design.nodes.map((n) => n.position!.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    session.store.undo();
    expect(session.getState().editor.design.nodes.map((n) => n.position!.x)).toEqual(scrambled.map(([, p]) => p.x));
  });
});
