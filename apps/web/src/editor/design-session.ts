// One page's view-model: the editor store, the engines behind their workers, and everything the
// canvas paints (metrics, findings, flags), derived here so components only render. Created when a
// design page mounts and destroyed when it unmounts (React owns that lifecycle and nothing else).
import type { AnalysisResult, ChallengeScenarioInput, DesignDocument, DesignIssue, NodeFault, Report, SimulationProgress, SimulationResult, SimulationScenario } from '@archlab/sim';
import { createAnalysisClient } from '../engine/analysis-client.ts';
import type { AnalysisClient, AnalysisUpdate } from '../engine/analysis-client.ts';
import { createLayoutClient } from '../engine/layout-client.ts';
import type { LayoutClient } from '../engine/layout-client.ts';
import { createSimulationClient, SimulationCancelledError } from '../engine/simulation-client.ts';
import type { SimulationClient } from '../engine/simulation-client.ts';
import type { EngineWorkers } from '../engine/workers.ts';
import { createDesignStore } from './design-store.ts';
import type { DesignStore, EditorState } from './design-store.ts';
import { findingsFromAnalysis, findingsFromIssues } from './findings.ts';
import type { Finding } from './findings.ts';
import type { NodeFlags } from './flow-view.ts';
import { edgeMetricsFromAnalysis, nodeMetricsFromAnalysis, nodeMetricsFromBucket, shareUnchanged } from './metrics.ts';
import type { EdgeMetrics, NodeMetrics } from './metrics.ts';
import { defaultSimulationSettings, nodesDownAt, simulationScenario } from './simulation-settings.ts';
import type { SimulationSettings } from './simulation-settings.ts';

export interface AnalysisView {
  status: 'empty' | 'pending' | 'ready' | 'invalid' | 'failed';
  result: AnalysisResult | null;
  issues: readonly DesignIssue[];
  failure: string | null;
  /** Time the engine took for the shown result, ms. */
  engineMs: number;
  /** performance.now() of the edit the shown result answers (for the latency mark). */
  editedAt: number;
  /** Counts results shown, so a view can mark each one once it is painted. */
  sequence: number;
}

export interface SimulationView {
  settings: SimulationSettings;
  /** Failures scheduled for the next run. */
  faults: readonly NodeFault[];
  status: 'idle' | 'running' | 'done' | 'failed';
  progress: SimulationProgress | null;
  /** The finished run, or the buckets closed so far while running. */
  result: SimulationResult | null;
  /** The scenario `result` ran. */
  scenario: SimulationScenario | null;
  error: string | null;
  /** The design changed since this result was computed. */
  stale: boolean;
  /** The bucket replayed on the canvas; null shows the live analysis. */
  scrub: number | null;
  elapsedMs: number;
}

export interface GradingView {
  /** Re-graded (quick profile) a moment after every edit on a challenge page. */
  live: { status: 'idle' | 'grading' | 'ready' | 'failed'; report: Report | null; error: string | null };
  /** What Submit produced (full profile). */
  submitted: { status: 'idle' | 'grading' | 'ready' | 'failed'; report: Report | null; error: string | null };
}

export interface CanvasView {
  nodeMetrics: ReadonlyMap<string, NodeMetrics> | null;
  edgeMetrics: ReadonlyMap<string, EdgeMetrics> | null;
  flags: NodeFlags;
  findings: readonly Finding[];
  /** "analysis" while editing, "replay" while scrubbing a simulation. */
  source: 'analysis' | 'replay' | 'none';
}

export interface SessionState {
  editor: EditorState;
  analysis: AnalysisView;
  /** Nodes failed on purpose in the analytic view. */
  failedNodes: ReadonlySet<string>;
  simulation: SimulationView;
  grading: GradingView;
  canvas: CanvasView;
  layout: { status: 'idle' | 'running' | 'failed'; error: string | null };
}

export interface DesignSessionOptions {
  initial: DesignDocument;
  workers: EngineWorkers;
  /** The challenge this page grades against; its traffic drives the analysis. */
  challenge?: ChallengeScenarioInput;
  /** Called (debounced by the caller) whenever the document changes, moves included. */
  onDocumentChange?: (design: DesignDocument) => void;
  /** Quiet time after an edit before the live checklist re-grades, ms. Default 700. */
  liveGradeDelayMs?: number;
  now?: () => number;
}

export interface DesignSession {
  readonly store: DesignStore;
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  /** Fails a node in the analytic view (or brings it back). */
  toggleFailure(nodeId: string): void;
  scheduleFault(fault: NodeFault): void;
  removeFault(index: number): void;
  setSimulationSettings(patch: Partial<SimulationSettings>): void;
  runSimulation(): Promise<void>;
  cancelSimulation(): void;
  /** Replays one bucket of the last run on the canvas; null returns to the live analysis. */
  scrub(bucket: number | null): void;
  /** Grades the design against the challenge (full profile) and keeps the report. */
  submit(): Promise<void>;
  dismissReport(): void;
  autoLayout(sizes: ReadonlyMap<string, { width: number; height: number }>): Promise<void>;
  destroy(): void;
}

const emptyFlags: NodeFlags = { singlePointsOfFailure: new Set(), failed: new Set(), failureScheduled: new Set(), invalid: new Set(), notes: new Map() };
const DEFAULT_NODE_SIZE = { width: 180, height: 96 };

export function createDesignSession(options: DesignSessionOptions): DesignSession {
  const now = options.now ?? (() => performance.now());
  const challenge = options.challenge;
  const classTemplate = challenge?.traffic.classes.map((c) => ({ id: c.id, rate: c.rate, source: '', kind: c.kind ?? 'read', ...(c.keys !== undefined ? { keys: c.keys } : {}) }));
  const store = createDesignStore(options.initial, classTemplate ? { classTemplate } : {});
  const challengeRates = challenge ? Object.fromEntries(challenge.traffic.classes.map((c) => [c.id, c.rate])) : undefined;
  const listeners = new Set<() => void>();
  let destroyed = false;

  let analysis: AnalysisView = { status: 'empty', result: null, issues: [], failure: null, engineMs: 0, editedAt: 0, sequence: 0 };
  let failedNodes: ReadonlySet<string> = new Set();
  let simulation: SimulationView = { settings: defaultSimulationSettings, faults: [], status: 'idle', progress: null, result: null, scenario: null, error: null, stale: false, scrub: null, elapsedMs: 0 };
  let grading: GradingView = { live: { status: 'idle', report: null, error: null }, submitted: { status: 'idle', report: null, error: null } };
  let layout: SessionState['layout'] = { status: 'idle', error: null };
  let canvas: CanvasView = { nodeMetrics: null, edgeMetrics: null, flags: emptyFlags, findings: [], source: 'none' };
  let editor = store.getState();
  let state: SessionState = { editor, analysis, failedNodes, simulation, grading, canvas, layout };

  let analysisTag = 0;
  const editTimes = new Map<number, number>();
  const analysisClient: AnalysisClient = createAnalysisClient(options.workers.analysis(), onAnalysis);
  let simulationClient: SimulationClient | null = null;
  let gradingClient: SimulationClient | null = null;
  let layoutClient: LayoutClient | null = null;
  let liveGradeTimer: ReturnType<typeof setTimeout> | null = null;
  let liveGradeRunning = false;
  let liveGradeAgain = false;
  let analysisScheduled = false;

  function emit() {
    canvas = deriveCanvas();
    state = { editor, analysis, failedNodes, simulation, grading, canvas, layout };
    for (const listener of [...listeners]) listener();
  }

  /** Queues an analysis of the current draft; the caller emits (the status turns pending at once). */
  function requestAnalysis() {
    if (analysis.status !== 'pending' && editor.design.nodes.length > 0) analysis = { ...analysis, status: 'pending' };
    if (analysisScheduled) return;
    analysisScheduled = true;
    // Edits made in the same task (a paste, a multi-delete) become one request.
    queueMicrotask(() => {
      analysisScheduled = false;
      if (destroyed) return;
      const design = editor.design;
      if (design.nodes.length === 0) {
        analysis = { ...analysis, status: 'empty', result: null, issues: [], failure: null, sequence: analysis.sequence + 1 };
        emit();
        return;
      }
      const tag = ++analysisTag;
      editTimes.clear();
      editTimes.set(tag, now());
      analysisClient.request(design, { down: [...failedNodes], ...(challengeRates ? { rates: challengeRates } : {}) }, tag);
    });
  }

  function onAnalysis(update: AnalysisUpdate) {
    if (destroyed) return;
    const editedAt = editTimes.get(update.tag) ?? now();
    const latest = update.tag === analysisTag;
    const sequence = analysis.sequence + 1;
    if (update.ok) {
      analysis = { status: latest ? 'ready' : 'pending', result: update.result, issues: [], failure: null, engineMs: update.engineMs, editedAt, sequence };
      if (latest) scheduleLiveGrade();
    } else if ('issues' in update) {
      analysis = { status: latest ? 'invalid' : 'pending', result: null, issues: update.issues, failure: null, engineMs: update.engineMs, editedAt, sequence };
    } else {
      analysis = { status: 'failed', result: null, issues: [], failure: update.failure, engineMs: 0, editedAt, sequence };
    }
    emit();
  }

  function deriveCanvas(): CanvasView {
    const design = editor.design;
    const replay = simulation.scrub !== null && simulation.result !== null && simulation.scenario !== null;
    const previous = canvas;
    if (replay) {
      const bucket = simulation.scrub!;
      const t = bucket * simulation.result!.series.bucketS;
      const down = nodesDownAt(simulation.scenario!.faults ?? [], t);
      const key = `${bucket}`;
      if (previous.source === 'replay' && replayKey === key && replayResult === simulation.result && previous.flags.failureScheduled === scheduledSet()) return previous;
      replayKey = key;
      replayResult = simulation.result;
      return {
        nodeMetrics: shareUnchanged(previous.nodeMetrics, nodeMetricsFromBucket(simulation.result!, bucket, down)),
        edgeMetrics: null,
        flags: { ...flagsFromAnalysis(previous.findings), failed: down },
        findings: previous.findings,
        source: 'replay',
      };
    }
    replayKey = null;
    if (analysisCanvasFor === analysis && previous.source !== 'replay' && previous.flags.failureScheduled === scheduledSet()) return previous;
    analysisCanvasFor = analysis;
    const result = analysis.result;
    const findings = result ? findingsFromAnalysis(result, failedNodes) : findingsFromIssues(design, analysis.issues);
    if (analysis.status === 'failed' && analysis.failure) findings.unshift({ kind: 'invalid', severity: 'error', subject: null, text: `The analysis failed: ${analysis.failure}` });
    return {
      nodeMetrics: result ? shareUnchanged(previous.nodeMetrics, nodeMetricsFromAnalysis(result)) : null,
      edgeMetrics: result ? shareUnchanged(previous.edgeMetrics, edgeMetricsFromAnalysis(result)) : null,
      flags: flagsFromAnalysis(findings),
      findings,
      source: result ? 'analysis' : 'none',
    };
  }

  let replayKey: string | null = null;
  let replayResult: SimulationResult | null = null;
  let analysisCanvasFor: AnalysisView | null = null;
  let scheduledCache: { faults: readonly NodeFault[]; set: ReadonlySet<string> } | null = null;

  function scheduledSet(): ReadonlySet<string> {
    if (scheduledCache?.faults !== simulation.faults) scheduledCache = { faults: simulation.faults, set: new Set(simulation.faults.map((f) => f.node)) };
    return scheduledCache.set;
  }

  function flagsFromAnalysis(findings: readonly Finding[]): NodeFlags {
    const result = analysis.result;
    const invalid = new Set(findings.filter((f) => f.kind === 'invalid' && f.subject).map((f) => f.subject!));
    const notes = new Map<string, string>();
    for (const severity of ['error', 'warning', 'info'] as const) {
      for (const f of findings) {
        if (f.severity !== severity || !f.subject || notes.has(f.subject)) continue;
        const prefix = `${f.subject}: `;
        notes.set(f.subject, f.text.startsWith(prefix) ? f.text.slice(prefix.length) : f.text);
      }
    }
    return {
      singlePointsOfFailure: new Set(result?.singlePointsOfFailure.map((s) => s.node) ?? []),
      failed: failedNodes,
      failureScheduled: scheduledSet(),
      invalid,
      notes,
    };
  }

  function scheduleLiveGrade() {
    if (!challenge) return;
    if (liveGradeTimer !== null) clearTimeout(liveGradeTimer);
    liveGradeTimer = setTimeout(() => {
      liveGradeTimer = null;
      void liveGrade();
    }, options.liveGradeDelayMs ?? 700);
  }

  async function liveGrade() {
    if (!challenge || destroyed) return;
    if (liveGradeRunning) {
      liveGradeAgain = true;
      return;
    }
    liveGradeRunning = true;
    grading = { ...grading, live: { ...grading.live, status: 'grading' } };
    emit();
    try {
      gradingClient ??= createSimulationClient(options.workers.simulation());
      const { report } = await gradingClient.grade(editor.design, challenge, 1, 'quick');
      if (destroyed) return;
      grading = { ...grading, live: { status: 'ready', report, error: null } };
    } catch (error) {
      if (destroyed || error instanceof SimulationCancelledError) return;
      grading = { ...grading, live: { status: 'failed', report: grading.live.report, error: messageOf(error) } };
    } finally {
      liveGradeRunning = false;
    }
    emit();
    if (liveGradeAgain) {
      liveGradeAgain = false;
      void liveGrade();
    }
  }

  let lastEngineRevision = editor.engineRevision;
  let lastDocumentRevision = editor.documentRevision;
  const unsubscribe = store.subscribe(() => {
    editor = store.getState();
    if (editor.engineRevision !== lastEngineRevision) {
      lastEngineRevision = editor.engineRevision;
      if (failedNodes.size > 0) {
        const ids = new Set(editor.design.nodes.map((n) => n.id));
        if ([...failedNodes].some((id) => !ids.has(id))) failedNodes = new Set([...failedNodes].filter((id) => ids.has(id)));
      }
      if (simulation.result && !simulation.stale) simulation = { ...simulation, stale: true };
      requestAnalysis();
    }
    if (editor.documentRevision !== lastDocumentRevision) {
      lastDocumentRevision = editor.documentRevision;
      options.onDocumentChange?.(editor.design);
    }
    emit();
  });

  requestAnalysis();
  emit();

  const session: DesignSession = {
    store,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toggleFailure(nodeId) {
      const next = new Set(failedNodes);
      if (next.has(nodeId)) next.delete(nodeId);
      else next.add(nodeId);
      failedNodes = next;
      requestAnalysis();
      emit();
    },
    scheduleFault(fault) {
      simulation = { ...simulation, faults: [...simulation.faults, fault] };
      emit();
    },
    removeFault(index) {
      simulation = { ...simulation, faults: simulation.faults.filter((_, i) => i !== index) };
      emit();
    },
    setSimulationSettings(patch) {
      simulation = { ...simulation, settings: { ...simulation.settings, ...patch } };
      emit();
    },
    async runSimulation() {
      simulationClient ??= createSimulationClient(options.workers.simulation());
      const scenario = simulationScenario(simulation.settings, simulation.faults.filter((f) => editor.design.nodes.some((n) => n.id === f.node)), challengeRates && knownRates(challengeRates, editor.design));
      simulation = { ...simulation, status: 'running', progress: null, result: null, scenario, error: null, stale: false, scrub: null, elapsedMs: 0 };
      emit();
      try {
        const run = await simulationClient.simulate(editor.design, scenario, simulation.settings.seed, (progress, partial) => {
          simulation = { ...simulation, progress, result: partial ?? simulation.result };
          emit();
        });
        if (destroyed) return;
        simulation = { ...simulation, status: 'done', result: run.result, elapsedMs: run.elapsedMs, progress: null };
      } catch (error) {
        if (destroyed) return;
        if (error instanceof SimulationCancelledError) simulation = { ...simulation, status: 'idle', progress: null };
        else simulation = { ...simulation, status: 'failed', error: messageOf(error), progress: null };
      }
      emit();
    },
    cancelSimulation() {
      simulationClient?.cancel();
    },
    scrub(bucket) {
      const buckets = simulation.result?.series.startS.length ?? 0;
      const next = bucket === null || buckets === 0 ? null : Math.max(0, Math.min(buckets - 1, Math.round(bucket)));
      if (next === simulation.scrub) return;
      simulation = { ...simulation, scrub: next };
      emit();
    },
    async submit() {
      if (!challenge) return;
      grading = { ...grading, submitted: { status: 'grading', report: null, error: null } };
      emit();
      try {
        gradingClient ??= createSimulationClient(options.workers.simulation());
        const { report } = await gradingClient.grade(editor.design, challenge, 1, 'full');
        if (destroyed) return;
        grading = { ...grading, submitted: { status: 'ready', report, error: null } };
      } catch (error) {
        if (destroyed) return;
        grading = { ...grading, submitted: { status: 'failed', report: null, error: messageOf(error) } };
      }
      emit();
    },
    dismissReport() {
      grading = { ...grading, submitted: { status: 'idle', report: null, error: null } };
      emit();
    },
    async autoLayout(sizes) {
      layoutClient ??= createLayoutClient(options.workers.layout());
      layout = { status: 'running', error: null };
      emit();
      try {
        const design = editor.design;
        const positions = await layoutClient.layout(
          design.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_NODE_SIZE) })),
          design.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })),
        );
        if (destroyed) return;
        layout = { status: 'idle', error: null };
        store.moveNodes(positions, 'dragging');
        store.moveNodes(new Map(), 'done');
      } catch (error) {
        if (destroyed) return;
        layout = { status: 'failed', error: messageOf(error) };
        emit();
      }
    },
    destroy() {
      destroyed = true;
      unsubscribe();
      listeners.clear();
      if (liveGradeTimer !== null) clearTimeout(liveGradeTimer);
      analysisClient.destroy();
      simulationClient?.destroy();
      gradingClient?.destroy();
      layoutClient?.destroy();
    },
  };
  return session;
}

function knownRates(rates: Record<string, number>, design: DesignDocument): Record<string, number> {
  return Object.fromEntries(design.classes.filter((c) => rates[c.id] !== undefined).map((c) => [c.id, rates[c.id]!]));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
