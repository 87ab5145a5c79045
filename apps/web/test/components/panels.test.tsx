// @vitest-environment jsdom
// Panels against a real session (engine handlers in-process): edits go through the store, the
// engine's validation comes back under the right field.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Palette } from '../../src/components/palette.tsx';
import { PropertyPanel } from '../../src/components/properties/property-panel.tsx';
import { Timeline } from '../../src/components/timeline.tsx';
import { createDesignSession } from '../../src/editor/design-session.ts';
import type { DesignSession } from '../../src/editor/design-session.ts';
import { findTemplate } from '../../src/templates/starter-templates.ts';
import type { ComponentType } from '@archlab/sim';
import { inProcessWorkers } from '../support/in-process-workers.ts';
import { waitFor } from '../support/wait-for.ts';

const sessions: DesignSession[] = [];
afterEach(() => {
  cleanup();
  for (const s of sessions.splice(0)) s.destroy();
});

async function webAppSession() {
  const session = createDesignSession({ initial: findTemplate('web-app')!.design, workers: inProcessWorkers() });
  sessions.push(session);
  await act(() => waitFor(session, (s) => s.analysis.status === 'ready'));
  return session;
}

function field(path: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-field="${path}"]`)!;
}

describe('PropertyPanel', () => {
  it('edits a property with its unit, and shows the engine’s complaint under the field', async () => {
    const session = await webAppSession();
    act(() => session.store.select(['api']));
    render(<PropertyPanel session={session} trafficFromChallenge={false} />);
    expect(within(field('instances')).getByText('instances')).toBeTruthy();
    expect(within(field('serviceTime.meanMs')).getByText('ms')).toBeTruthy();

    const instances = within(field('instances')).getByRole('textbox') as HTMLInputElement;
    fireEvent.change(instances, { target: { value: '5' } });
    fireEvent.keyDown(instances, { key: 'Enter' });
    expect(session.getState().editor.design.nodes.find((n) => n.id === 'api')!.props).toMatchObject({ instances: 5 });

    fireEvent.change(instances, { target: { value: 'five' } });
    fireEvent.blur(instances);
    expect(within(field('instances')).getByRole('alert').textContent).toBe('"five" is not a number');
    expect(instances.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(instances, { target: { value: '0' } });
    fireEvent.keyDown(instances, { key: 'Enter' });
    await act(() => waitFor(session, (s) => s.analysis.status === 'invalid'));
    expect(within(field('instances')).getByRole('alert').textContent).toMatch(/1/);
  });

  it('renames a component and refuses a name that is taken', async () => {
    const session = await webAppSession();
    act(() => session.store.select(['db-primary']));
    render(<PropertyPanel session={session} trafficFromChallenge={false} />);
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'api' } });
    fireEvent.blur(name);
    expect(screen.getByRole('alert').textContent).toBe('another component is already called api');
    fireEvent.change(name, { target: { value: 'orders-db' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(session.getState().editor.design.edges.find((e) => e.id === 'api-db-primary')!.to).toBe('orders-db');
  });

  it('fails a component now and schedules a failure for the next run', async () => {
    const session = await webAppSession();
    act(() => session.store.select(['api']));
    render(<PropertyPanel session={session} trafficFromChallenge={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Fail api now' }));
    expect(session.getState().failedNodes.has('api')).toBe(true);
    expect(screen.getByRole('button', { name: 'Bring api back' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Failure starts at (s)'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Failure ends at (s)'), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Schedule failure' }));
    expect(session.getState().simulation.faults).toEqual([{ node: 'api', fromS: 5, toS: 9 }]);
    expect(screen.getByText('down 5–9 s')).toBeTruthy();
  });

  it('edits the request classes of a client', async () => {
    const session = await webAppSession();
    act(() => session.store.select(['users']));
    render(<PropertyPanel session={session} trafficFromChallenge={false} />);
    const read = document.querySelector<HTMLElement>('[data-class="read"]')!;
    const rate = within(read.querySelector<HTMLElement>('[data-field="rate"]')!).getByRole('textbox');
    fireEvent.change(rate, { target: { value: '1,200' } });
    fireEvent.keyDown(rate, { key: 'Enter' });
    expect(session.getState().editor.design.classes.find((c) => c.id === 'read')!.rate).toBe(1200);
  });
});

describe('Palette', () => {
  it('filters by search and adds the highlighted component with Enter', () => {
    const added: ComponentType[] = [];
    render(<Palette onAdd={(type) => added.push(type)} />);
    const search = screen.getByLabelText('Search components');
    fireEvent.change(search, { target: { value: 'queue' } });
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options[0]).toMatch(/^Message queue/);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(added).toHaveLength(1);
    expect(added[0]).not.toBe('message-queue');
    fireEvent.click(screen.getByRole('button', { name: 'Add Message queue' }));
    expect(added[1]).toBe('message-queue');
    fireEvent.change(search, { target: { value: 'mainframe' } });
    expect(screen.getByText('No component matches “mainframe”.')).toBeTruthy();
  });
});

describe('Timeline', () => {
  it('charts a run and its scrubber replays a bucket on the canvas', async () => {
    const session = await webAppSession();
    act(() => session.setSimulationSettings({ durationS: 10 }));
    render(<Timeline session={session} />);
    expect(screen.getByText(/Press Run/)).toBeTruthy();
    await act(() => session.runSimulation());
    expect(document.querySelectorAll('[data-track]')).toHaveLength(3);
    const scrubber = screen.getByLabelText('Replay time') as HTMLInputElement;
    expect(scrubber.max).toBe('59');
    fireEvent.change(scrubber, { target: { value: '30' } });
    expect(session.getState().simulation.scrub).toBe(30);
    expect(session.getState().canvas.source).toBe('replay');
    expect(screen.getByTestId('scrub-time').textContent).toBe('replaying t = 5.0 s');
    fireEvent.change(screen.getByLabelText('Timeline subject'), { target: { value: 'node:db-primary' } });
    expect(screen.getByRole('img', { name: 'Throughput over time' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(session.getState().canvas.source).toBe('analysis');
  });
});
