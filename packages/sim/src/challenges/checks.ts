// The checks a scenario asks for, each with its id, title and points next to how it is judged.
// Messages put the evidence first and name the component to look at.
import type { AnalysisResult } from '../analytic/types.ts';
import { componentCatalogue } from '../model/catalogue.ts';
import { count, ms, percent, rho, usd } from './format.ts';
import type { GradingContext } from './grading-context.ts';
import type { ChallengeScenario, Constraint, FaultSpec, Slo } from './scenario-schema.ts';

const DEFAULT_POINTS = 10;
const DEFAULT_FAULT_ERROR_RATE = 0.001;

export interface CheckOutcome {
  passed: boolean;
  message: string;
  evidence: Record<string, unknown>;
}

export interface PlannedCheck {
  id: string;
  title: string;
  maxPoints: number;
  hint?: string;
  evaluate(context: GradingContext): CheckOutcome;
}

export function planChecks(scenario: ChallengeScenario): PlannedCheck[] {
  const checks: PlannedCheck[] = scenario.slos.map(sloCheck);
  if (scenario.budget) checks.push(budgetCheck(scenario.budget));
  for (const fault of scenario.faults ?? []) {
    if (fault.kind !== 'component-down') checks.push(faultCheck(fault));
  }
  for (const constraint of scenario.constraints ?? []) checks.push(constraintCheck(constraint));
  return checks;
}

function withHint(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}

function sloCheck(slo: Slo): PlannedCheck {
  const points = slo.points ?? DEFAULT_POINTS;
  switch (slo.kind) {
    case 'latency': {
      const measure = slo.measure ?? 'response';
      const what = `p${slo.percentile} of ${slo.class}${measure === 'completion' ? ' (completion)' : ''}`;
      return {
        id: `slo.${slo.id ?? `${slo.class}-p${slo.percentile}${measure === 'completion' ? '-completion' : ''}`}`,
        title: `${what} <= ${ms(slo.maxMs)}`,
        maxPoints: points,
        ...withHint(slo.hint),
        evaluate(context) {
          const key = `p${slo.percentile}Ms` as 'p50Ms' | 'p95Ms' | 'p99Ms';
          const perSeed = context.simulations().map((run) => {
            const result = run.classes.find((c) => c.id === slo.class)!;
            return (measure === 'completion' ? result.completion : result.latency)[key];
          });
          const analytic = context.peak().classes.find((c) => c.id === slo.class)!;
          const evidence = { class: slo.class, percentile: slo.percentile, measure, maxMs: slo.maxMs, perSeedMs: perSeed, analyticAtPeakMs: (measure === 'completion' ? analytic.completion : analytic.latency)[key], criticalPath: analytic.criticalPath };
          if (perSeed.some((value) => value === null)) {
            return { passed: false, message: `no ${slo.class} request succeeded in the simulation; ${context.explain(slo.class)}`, evidence: { ...evidence, measuredMs: null } };
          }
          const worst = Math.max(...(perSeed as number[]));
          const passed = worst <= slo.maxMs;
          return {
            passed,
            message: passed ? `${what} ${ms(worst)} <= ${ms(slo.maxMs)} SLO` : `${what} ${ms(worst)} > ${ms(slo.maxMs)} SLO; ${context.explain(slo.class)}; slowest path: ${analytic.criticalPath.join(' -> ')}`,
            evidence: { ...evidence, measuredMs: worst },
          };
        },
      };
    }
    case 'error-rate':
      return {
        id: `slo.${slo.id ?? `${slo.class}-errors`}`,
        title: `error rate of ${slo.class} <= ${percent(slo.max)}`,
        maxPoints: points,
        ...withHint(slo.hint),
        evaluate(context) {
          const results = context.simulations().map((run) => run.classes.find((c) => c.id === slo.class)!);
          const worst = results.reduce((a, b) => (b.errorRate > a.errorRate ? b : a));
          const passed = worst.errorRate <= slo.max;
          const causes = Object.entries(worst.failures).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${count(n)}`);
          if (worst.inFlight > 0) causes.push(`unanswered ${count(worst.inFlight)}`);
          const detail = `${causes.length > 0 ? `${causes.join(', ')} of ` : ''}${count(worst.offered)} requests`;
          return {
            passed,
            message: passed
              ? `error rate of ${slo.class} ${percent(worst.errorRate)} <= ${percent(slo.max)} SLO (${detail})`
              : `error rate of ${slo.class} ${percent(worst.errorRate)} > ${percent(slo.max)} SLO (${detail}); ${context.explain(slo.class)}`,
            evidence: { class: slo.class, errorRate: worst.errorRate, max: slo.max, offered: worst.offered, failures: worst.failures, inFlight: worst.inFlight, retries: worst.retries },
          };
        },
      };
    case 'availability':
      return {
        id: `slo.${slo.id ?? `${slo.class}-availability`}`,
        title: `availability of ${slo.class} >= ${percent(slo.min)}`,
        maxPoints: points,
        ...withHint(slo.hint),
        evaluate(context) {
          const analysis = context.peak();
          const availability = analysis.classes.find((c) => c.id === slo.class)!.availability;
          const spofs = analysis.singlePointsOfFailure.filter((s) => s.classes.some((c) => c.id === slo.class)).map((s) => `${s.node} (${s.type})`);
          const passed = availability >= slo.min;
          return {
            passed,
            message: passed
              ? `availability of ${slo.class} ${percent(availability)} >= ${percent(slo.min)} SLO`
              : `availability of ${slo.class} ${percent(availability)} < ${percent(slo.min)} SLO; ${spofs.length > 0 ? `single points of failure: ${spofs.join(', ')}` : 'no single point of failure, but too little redundancy'}`,
            evidence: { class: slo.class, availability, min: slo.min, singlePointsOfFailure: spofs },
          };
        },
      };
    case 'duplicate-rate':
      return {
        id: `slo.${slo.id ?? `${slo.class}-duplicates`}`,
        title: `duplicate effects of ${slo.class} <= ${percent(slo.max)}`,
        maxPoints: points,
        ...withHint(slo.hint),
        evaluate(context) {
          const results = context.simulations().map((run) => run.classes.find((c) => c.id === slo.class)!);
          const rate = (r: (typeof results)[number]) => (r.ok > 0 ? r.duplicates / r.ok : 0);
          const worst = results.reduce((a, b) => (rate(b) > rate(a) ? b : a));
          const passed = rate(worst) <= slo.max;
          return {
            passed,
            message: passed
              ? `${count(worst.duplicates)} duplicate ${slo.class} effects in ${count(worst.ok)} requests (${percent(rate(worst))}) <= ${percent(slo.max)} SLO`
              : `${count(worst.duplicates)} duplicate ${slo.class} effects in ${count(worst.ok)} requests (${percent(rate(worst))}) > ${percent(slo.max)} SLO: timed-out attempts were retried and still succeeded with no idempotent handler on their path (${count(worst.retries)} retries)`,
            evidence: { class: slo.class, duplicates: worst.duplicates, ok: worst.ok, retries: worst.retries, rate: rate(worst), max: slo.max },
          };
        },
      };
  }
}

function budgetCheck(budget: NonNullable<ChallengeScenario['budget']>): PlannedCheck {
  return {
    id: `budget${budget.id ? `.${budget.id}` : ''}`,
    title: `monthly cost <= ${usd(budget.maxMonthlyUsd)}`,
    maxPoints: budget.points ?? DEFAULT_POINTS,
    ...withHint(budget.hint),
    evaluate(context) {
      const analysis = context.base();
      const cost = analysis.cost.monthlyUsd;
      const biggest = [...analysis.nodes].sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd).filter((n) => n.monthlyCostUsd > 0).slice(0, 5);
      const passed = cost <= budget.maxMonthlyUsd;
      const breakdown = biggest.map((n) => `${n.id} ${usd(n.monthlyCostUsd)}`).join(', ');
      return {
        passed,
        message: passed ? `monthly cost ${usd(cost)} <= ${usd(budget.maxMonthlyUsd)} budget` : `monthly cost ${usd(cost)} > ${usd(budget.maxMonthlyUsd)} budget; biggest: ${breakdown}`,
        evidence: { monthlyUsd: cost, maxMonthlyUsd: budget.maxMonthlyUsd, biggest: biggest.map((n) => ({ node: n.id, monthlyUsd: n.monthlyCostUsd })) },
      };
    },
  };
}

function faultCheck(fault: Extract<FaultSpec, { kind: 'any-single-instance' | 'any-single-node' }>): PlannedCheck {
  const maxErrorRate = fault.maxErrorRate ?? DEFAULT_FAULT_ERROR_RATE;
  const instanceLevel = fault.kind === 'any-single-instance';
  return {
    id: `fault.${fault.id ?? fault.kind}`,
    title: instanceLevel ? 'survives losing any single instance' : 'survives losing any single component',
    maxPoints: fault.points ?? DEFAULT_POINTS,
    ...withHint(fault.hint),
    evaluate(context) {
      const peak = context.peak();
      const scenarioClasses = new Set(context.scenario.traffic.classes.filter((c) => c.rate > 0).map((c) => c.id));
      const failures: { node: string; lost: string; classes: { id: string; errorRate: number }[]; saturated: { node: string; utilisation: number }[]; cut: string[] }[] = [];
      for (const node of context.design.nodes) {
        const spec = componentCatalogue[node.type];
        const baseline = peak.nodes.find((n) => n.id === node.id)!;
        if (spec.behaviour === 'source' || spec.managed || baseline.arrivalRps <= 0) continue;
        const degraded = context.degraded(instanceLevel ? { lostInstances: { [node.id]: 1 } } : { down: [node.id] });
        // Only what the failure makes worse counts here; trouble at full strength is the SLOs' business.
        const classes = degraded.classes
          .filter((c) => scenarioClasses.has(c.id))
          .map((c) => ({ id: c.id, errorRate: classErrorRate(c) }))
          .filter((c) => c.errorRate > maxErrorRate && c.errorRate > classErrorRate(peak.classes.find((p) => p.id === c.id)!) + 1e-9);
        const saturated = degraded.nodes
          .filter((n) => n.saturated && !peak.nodes.find((p) => p.id === n.id)!.saturated)
          .map((n) => ({ node: n.id, utilisation: n.utilisation }));
        if (classes.length === 0 && saturated.length === 0) continue;
        const spof = peak.singlePointsOfFailure.find((s) => s.node === node.id);
        failures.push({ node: node.id, lost: lossLabel(node.id, baseline.servingInstances, degraded, instanceLevel), classes, saturated, cut: spof?.classes[0]?.paths[0] ?? [] });
      }
      const passed = failures.length === 0;
      const describe = (f: (typeof failures)[number]) => {
        const effects = [
          ...f.classes.map((c) => `${c.id} fails ${percent(c.errorRate)}`),
          ...(f.saturated.length > 0 ? [`saturated: ${f.saturated.map((s) => `${s.node} at rho ${rho(s.utilisation)}`).join(', ')}`] : []),
        ];
        return `${f.lost}: ${effects.join('; ')}${f.cut.length > 0 ? ` (cuts ${f.cut.join(' -> ')})` : ''}`;
      };
      return {
        passed,
        message: passed
          ? `every ${instanceLevel ? 'single-instance' : 'single-component'} failure keeps all classes under ${percent(maxErrorRate)} errors at peak, nothing saturates`
          : `${failures.slice(0, 3).map(describe).join('; ')}${failures.length > 3 ? `; and ${failures.length - 3} more` : ''}`,
        evidence: { maxErrorRate, failures },
      };
    },
  };
}

function classErrorRate(c: AnalysisResult['classes'][number]): number {
  return Math.max(c.errorRate, 1 - c.completion.successRate);
}

function lossLabel(id: string, serving: number, degraded: AnalysisResult, instanceLevel: boolean): string {
  if (!instanceLevel) return `losing '${id}'`;
  const after = degraded.nodes.find((n) => n.id === id)!.servingInstances;
  if (after === serving) return `losing one instance of '${id}' (failover keeps ${after} serving)`;
  return after === 0 ? `losing the only instance of '${id}'` : `losing one instance of '${id}' (${serving} -> ${after})`;
}

function constraintCheck(constraint: Constraint): PlannedCheck {
  const points = constraint.points ?? DEFAULT_POINTS;
  switch (constraint.kind) {
    case 'max-utilisation':
      return {
        id: `constraint.${constraint.id ?? 'max-utilisation'}`,
        title: `no component above ${percent(constraint.max)} utilisation at peak`,
        maxPoints: points,
        ...withHint(constraint.hint),
        evaluate(context) {
          const hot = context.peak().nodes.filter((n) => n.utilisation > constraint.max).sort((a, b) => b.utilisation - a.utilisation);
          const passed = hot.length === 0;
          const top = context.peak().bottlenecks[0];
          return {
            passed,
            message: passed
              ? `busiest component ${top ? `${top.node} at ${percent(top.utilisation)}` : 'none'} <= ${percent(constraint.max)}`
              : `${hot.slice(0, 5).map((n) => `${n.id} at ${percent(n.utilisation)} (${count(n.arrivalRps)} req/s for ${count(n.capacityRps)} capacity)`).join(', ')} > ${percent(constraint.max)} at peak`,
            evidence: { max: constraint.max, over: hot.map((n) => ({ node: n.id, utilisation: n.utilisation, arrivalRps: n.arrivalRps, capacityRps: n.capacityRps })) },
          };
        },
      };
    case 'allowed-components':
      return {
        id: `constraint.${constraint.id ?? 'allowed-components'}`,
        title: `uses only ${constraint.types.join(', ')}`,
        maxPoints: points,
        ...withHint(constraint.hint),
        evaluate(context) {
          const allowed = new Set<string>(constraint.types);
          const extra = context.design.nodes.filter((n) => !allowed.has(n.type));
          const passed = extra.length === 0;
          return {
            passed,
            message: passed ? 'every component is allowed' : `not allowed here: ${extra.map((n) => `${n.id} (${n.type})`).join(', ')}`,
            evidence: { allowed: constraint.types, notAllowed: extra.map((n) => ({ node: n.id, type: n.type })) },
          };
        },
      };
  }
}
