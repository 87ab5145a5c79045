// The design page's layout, shared by the sandbox and the challenges: toolbar, palette, canvas,
// inspector and analysis, and the simulation strip with its timeline.
import type { ComponentType } from '@archlab/sim';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { DesignSession } from '../editor/design-session.ts';
import { DesignCanvas } from './canvas/design-canvas.tsx';
import { FindingsPanel } from './findings-panel.tsx';
import { Palette } from './palette.tsx';
import { PropertyPanel } from './properties/property-panel.tsx';
import { ReportView } from './report-view.tsx';
import { SimulationBar } from './simulation-bar.tsx';
import { Timeline } from './timeline.tsx';
import { Toolbar } from './toolbar.tsx';
import { useSessionState } from './use-session.ts';
import { shortcutList, useShortcuts } from './use-shortcuts.ts';

export interface DesignWorkspaceProps {
  session: DesignSession;
  /** Challenge pages: the challenge panel, shown in the side bar's first tab. */
  challenge?: { title: string; panel: ReactNode };
  /** Extra toolbar items of the page (templates, "new"). */
  pageActions?: ReactNode;
  /** Messages from the page (a share link that could not be opened). */
  pageNotice?: string | null;
}

export function DesignWorkspace(props: DesignWorkspaceProps) {
  return (
    <ReactFlowProvider>
      <Workspace {...props} />
    </ReactFlowProvider>
  );
}

type SideTab = 'challenge' | 'inspect';

function Workspace({ session, challenge, pageActions, pageNotice }: DesignWorkspaceProps) {
  const reactFlow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const paletteRef = useRef<HTMLInputElement>(null);
  const [failMode, setFailMode] = useState(false);
  const [tab, setTab] = useState<SideTab>(challenge ? 'challenge' : 'inspect');
  const [showShortcuts, setShowShortcuts] = useState(false);
  const editor = useSessionState(session, (s) => s.editor);
  const analysisStatus = useSessionState(session, (s) => s.analysis.status);
  const submitted = useSessionState(session, (s) => s.grading.submitted);
  const added = useRef(0);

  const selectionSize = editor.selectedNodes.size + editor.selectedEdges.size;
  useEffect(() => {
    if (selectionSize > 0) setTab('inspect');
  }, [selectionSize, editor.selectedNodes, editor.selectedEdges]);

  const addAtCenter = useCallback(
    (type: ComponentType) => {
      const box = canvasRef.current?.getBoundingClientRect();
      const center = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      const point = reactFlow.screenToFlowPosition(center);
      // Consecutive keyboard adds fan out instead of stacking on one spot.
      const step = (added.current++ % 6) * 30;
      session.store.addComponent(type, { x: point.x - 90 + step, y: point.y - 45 + step });
    },
    [reactFlow, session],
  );

  const focusNode = useCallback(
    (id: string) => {
      const node = reactFlow.getNode(id);
      if (node) {
        session.store.select([id]);
        void reactFlow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 });
        return;
      }
      const edge = session.store.getState().design.edges.find((e) => e.id === id);
      if (edge) session.store.select([], [id]);
    },
    [reactFlow, session],
  );

  const autoLayout = useCallback(() => {
    const sizes = new Map(reactFlow.getNodes().map((n) => [n.id, { width: n.measured?.width ?? 180, height: n.measured?.height ?? 96 }]));
    void session.autoLayout(sizes).then(() => requestAnimationFrame(() => void reactFlow.fitView({ padding: 0.2, duration: 300 })));
  }, [reactFlow, session]);

  const shortcuts = useMemo(
    () => ({
      undo: () => session.store.undo(),
      redo: () => session.store.redo(),
      copy: () => void session.store.copySelection(),
      cut: () => void session.store.cutSelection(),
      paste: () => void session.store.paste(),
      selectAll: () => session.store.selectAll(),
      deleteSelection: () => session.store.deleteSelection(),
      focusPalette: () => paletteRef.current?.focus(),
      autoLayout,
      toggleFailure: () => {
        for (const id of session.store.getState().selectedNodes) session.toggleFailure(id);
      },
      escape: () => {
        setFailMode(false);
        setShowShortcuts(false);
        if (session.getState().grading.submitted.report) session.dismissReport();
      },
    }),
    [session, autoLayout],
  );
  useShortcuts(shortcuts);

  const notice = editor.notice ?? pageNotice ?? null;
  return (
    <div className={`workspace ${challenge ? 'with-challenge' : ''}`}>
      <Toolbar
        session={session}
        canvasRef={canvasRef}
        failMode={failMode}
        onFailMode={setFailMode}
        onAutoLayout={autoLayout}
        onShowShortcuts={() => setShowShortcuts((v) => !v)}
        pageActions={pageActions}
      />
      {notice ? (
        <div className="notice" role="status">
          {notice}
          {editor.notice ? (
            <button type="button" className="link-button" onClick={() => session.store.setNotice(null)}>
              dismiss
            </button>
          ) : null}
        </div>
      ) : null}
      <Palette ref={paletteRef} onAdd={addAtCenter} />
      <div className="canvas-area" ref={canvasRef}>
        <DesignCanvas session={session} failMode={failMode} onLayoutRequest={autoLayout} />
        {failMode ? <div className="fail-mode-banner">Fail mode: click a component to fail it or bring it back (Esc to leave)</div> : null}
      </div>
      <aside className="side">
        <div className="side-tabs" role="tablist">
          {challenge ? (
            <button type="button" role="tab" aria-selected={tab === 'challenge'} className={tab === 'challenge' ? 'active' : ''} onClick={() => setTab('challenge')}>
              Challenge
            </button>
          ) : null}
          <button type="button" role="tab" aria-selected={tab === 'inspect'} className={tab === 'inspect' ? 'active' : ''} onClick={() => setTab('inspect')}>
            Inspect
          </button>
        </div>
        <div className="side-content">{tab === 'challenge' && challenge ? challenge.panel : <PropertyPanel session={session} trafficFromChallenge={challenge !== undefined} />}</div>
        <div className="side-analysis">
          <FindingsPanel session={session} onFocus={focusNode} />
        </div>
      </aside>
      <section className="bottom" aria-label="Simulation">
        <SimulationBar session={session} canRun={analysisStatus === 'ready' || analysisStatus === 'pending'} />
        <Timeline session={session} />
      </section>
      {showShortcuts ? (
        <div className="dialog" role="dialog" aria-label="Keyboard shortcuts">
          <h2>Keyboard shortcuts</h2>
          <dl className="shortcut-list">
            {shortcutList.map((s) => (
              <div key={s.keys}>
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.action}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className="button" onClick={() => setShowShortcuts(false)}>
            Close
          </button>
        </div>
      ) : null}
      {submitted.report ? (
        <div className="overlay" role="dialog" aria-label="Grading report">
          <div className="overlay-body">
            <ReportView report={submitted.report} title={challenge ? `${challenge.title}: report` : undefined} />
            <button type="button" className="button" onClick={() => session.dismissReport()}>
              Back to the canvas
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
