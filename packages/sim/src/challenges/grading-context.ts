// Everything checks read, computed once per grading and only when first needed: the design with
// the scenario's traffic applied, the analytic views (peak, base, faults) and the simulations.
import { analyzeDocument } from '../analytic/analyze.ts';
import type { AnalysisResult, AnalyzeOptions } from '../analytic/types.ts';
import { simulate } from '../des/simulation.ts';
import type { SimulationResult } from '../des/result.ts';
import type { NodeFault } from '../des/scenario.ts';
import type { DesignDocument } from '../model/schema.ts';
import { compileTrafficProfile } from '../model/traffic-profile.ts';
import { count, rho } from './format.ts';
import type { ChallengeScenario } from './scenario-schema.ts';

export interface GradingContext {
  readonly scenario: ChallengeScenario;
  /** The candidate's design carrying the scenario's traffic. */
  readonly design: DesignDocument;
  readonly seeds: readonly number[];
  /** Steady state with every class at its peak rate. */
  peak(): AnalysisResult;
  /** Steady state at the base rates (what the bill is computed on). */
  base(): AnalysisResult;
  /** Peak traffic with some capacity removed. */
  degraded(options: Pick<AnalyzeOptions, 'down' | 'lostInstances'>): AnalysisResult;
  /** One simulation per seed. */
  simulations(): readonly SimulationResult[];
  /**
   * "saturated: db at rho 1.40" or "busiest: api at rho 0.62", from the peak analysis, among the
   * components the class reaches (all of them without a class).
   */
  loadNote(classId?: string): string;
  /**
   * Why a simulated SLO of a class may have failed: the peak analysis, then what the first
   * simulation saw on its path (components near 100 % busy or losing requests, scheduled outages).
   */
  explain(classId: string): string;
}

/**
 * The graded design: the scenario's assumptions written over component properties, and its rates,
 * kinds and keys on the classes; classes the scenario does not name carry no traffic.
 */
export function applyScenario(design: DesignDocument, scenario: ChallengeScenario): DesignDocument {
  const byId = new Map(scenario.traffic.classes.map((c) => [c.id, c]));
  return {
    ...design,
    nodes: design.nodes.map((node) => {
      const assumed = scenario.assumptions?.[node.type];
      if (!assumed) return node;
      const own = { ...node.props };
      if (assumed.serviceTime !== undefined || assumed.capacityPerInstanceRps !== undefined) {
        delete own.serviceTime;
        delete own.capacityPerInstanceRps;
      }
      return { ...node, props: { ...own, ...assumed } };
    }),
    classes: design.classes.map((c) => {
      const given = byId.get(c.id);
      if (!given) return { ...c, rate: 0 };
      return { ...c, rate: given.rate, kind: given.kind ?? 'read', keys: given.keys ?? 1 };
    }),
  };
}

export function createGradingContext(design: DesignDocument, scenario: ChallengeScenario, seeds: readonly number[]): GradingContext {
  const graded = applyScenario(design, scenario);
  const peakRates = Object.fromEntries(
    scenario.traffic.classes.map((c) => [c.id, c.rate * compileTrafficProfile(c.profile ?? scenario.traffic.profile ?? { kind: 'steady' }).peak]),
  );
  const horizonS = scenario.simulation.durationS;
  let peak: AnalysisResult | undefined;
  let base: AnalysisResult | undefined;
  let runs: SimulationResult[] | undefined;
  const context: GradingContext = {
    scenario,
    design: graded,
    seeds,
    peak: () => (peak ??= analyzeDocument(graded, { rates: peakRates, horizonS })),
    base: () => (base ??= analyzeDocument(graded, { horizonS, singlePointsOfFailure: false })),
    degraded: (options) => analyzeDocument(graded, { ...options, rates: peakRates, horizonS, singlePointsOfFailure: false }),
    simulations: () => (runs ??= seeds.map((seed) => simulate(graded, simulationScenario(graded, scenario), { seed }))),
    loadNote: (classId) => {
      const analysis = context.peak();
      const onPath = analysis.nodes.filter((n) => classId === undefined || (n.perClass[classId]?.arrivalRps ?? 0) > 0);
      const saturated = onPath.filter((n) => n.saturated).sort((a, b) => b.utilisation - a.utilisation);
      if (saturated.length > 0) return `saturated: ${saturated.map((n) => `${n.id} at rho ${rho(n.utilisation)}`).join(', ')}`;
      const top = onPath.filter((n) => n.utilisation > 0).sort((a, b) => b.utilisation - a.utilisation)[0];
      return top ? `busiest: ${top.id} at rho ${rho(top.utilisation)}` : 'no component is loaded';
    },
    explain: (classId) => {
      const run = context.simulations()[0]!;
      const onPath = new Set(context.peak().nodes.filter((n) => (n.perClass[classId]?.arrivalRps ?? 0) > 0).map((n) => n.id));
      const parts = [context.loadNote(classId)];
      const busy = run.series.nodes
        .filter((n) => onPath.has(n.id))
        .map((n) => ({ id: n.id, peak: Math.max(0, ...n.utilisation) }))
        .filter((n) => n.peak >= 0.95)
        .sort((a, b) => b.peak - a.peak)
        .slice(0, 3);
      if (busy.length > 0) parts.push(`simulated: ${busy.map((n) => `${n.id} reached ${Math.round(n.peak * 100)} % busy`).join(', ')}`);
      const losing = run.nodes
        .filter((n) => onPath.has(n.id))
        .map((n) => ({ id: n.id, lost: n.dropped + n.rejected + n.downFailures }))
        .filter((n) => n.lost > 0)
        .sort((a, b) => b.lost - a.lost)
        .slice(0, 3);
      if (losing.length > 0) parts.push(`lost requests at ${losing.map((n) => `${n.id} (${count(n.lost)})`).join(', ')}`);
      for (const outage of scenario.faults ?? []) {
        if (outage.kind !== 'component-down') continue;
        const nodes = graded.nodes.filter((n) => n.type === outage.type && onPath.has(n.id)).map((n) => n.id);
        if (nodes.length > 0) parts.push(`${nodes.join(', ')} (${outage.type}) down ${outage.fromS}-${outage.toS} s`);
      }
      return parts.join('; ');
    },
  };
  return context;
}

function simulationScenario(design: DesignDocument, scenario: ChallengeScenario) {
  const faults: NodeFault[] = [];
  for (const fault of scenario.faults ?? []) {
    if (fault.kind !== 'component-down') continue;
    for (const node of design.nodes) if (node.type === fault.type) faults.push({ node: node.id, fromS: fault.fromS, toS: fault.toS });
  }
  const profiles = Object.fromEntries(scenario.traffic.classes.filter((c) => c.profile).map((c) => [c.id, c.profile!]));
  return {
    durationS: scenario.simulation.durationS,
    ...(scenario.simulation.warmupS !== undefined ? { warmupS: scenario.simulation.warmupS } : {}),
    ...(scenario.simulation.bucketS !== undefined ? { bucketS: scenario.simulation.bucketS } : {}),
    ...(scenario.traffic.profile ? { profile: scenario.traffic.profile } : {}),
    profiles,
    faults,
  };
}
