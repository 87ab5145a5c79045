// Run controls: traffic shape, duration, seed, Run / Cancel, and progress.
import type { DesignSession } from '../editor/design-session.ts';
import { MAX_DURATION_S, trafficShapeLabels, trafficShapes } from '../editor/simulation-settings.ts';
import type { TrafficShape } from '../editor/simulation-settings.ts';
import { useSessionState } from './use-session.ts';

export function SimulationBar({ session, canRun }: { session: DesignSession; canRun: boolean }) {
  const simulation = useSessionState(session, (s) => s.simulation);
  const { settings, status, progress } = simulation;
  const running = status === 'running';
  return (
    <div className="simulation-bar" role="group" aria-label="Simulation">
      <label>
        Traffic
        <select value={settings.shape} disabled={running} onChange={(e) => session.setSimulationSettings({ shape: e.target.value as TrafficShape })}>
          {trafficShapes.map((shape) => (
            <option key={shape} value={shape}>
              {trafficShapeLabels[shape]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Duration
        <input
          type="number"
          min={5}
          max={MAX_DURATION_S}
          step={5}
          value={settings.durationS}
          disabled={running}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isFinite(value) && value >= 5 && value <= MAX_DURATION_S) session.setSimulationSettings({ durationS: value });
          }}
        />
        s
      </label>
      <label>
        Seed
        <input
          type="number"
          min={0}
          step={1}
          value={settings.seed}
          disabled={running}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (Number.isInteger(value) && value >= 0) session.setSimulationSettings({ seed: value });
          }}
        />
      </label>
      {running ? (
        <button type="button" className="button" onClick={() => session.cancelSimulation()}>
          Cancel
        </button>
      ) : (
        <button type="button" className="button primary" disabled={!canRun} onClick={() => void session.runSimulation()} title={canRun ? 'Simulate the design over time' : 'Finish the design first'}>
          ▶ Run
        </button>
      )}
      <span className="simulation-status" role="status" data-status={status}>
        {running && progress ? `simulating… ${progress.simulatedS.toFixed(1)} s of ${settings.durationS} s` : null}
        {running && !progress ? 'starting…' : null}
        {status === 'done' && simulation.result ? `${simulation.result.events.toLocaleString('en-US')} events in ${(simulation.elapsedMs / 1000).toFixed(1)} s${simulation.stale ? ' · the design changed since' : ''}` : null}
        {status === 'failed' ? `simulation failed: ${simulation.error}` : null}
        {simulation.faults.length > 0 && !running ? ` · ${simulation.faults.length} failure${simulation.faults.length === 1 ? '' : 's'} scheduled` : null}
      </span>
    </div>
  );
}
