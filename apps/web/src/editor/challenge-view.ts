// A challenge's requirements in words, straight from its scenario file (the checks that grade them
// come from the engine; these lines are what the candidate reads before any grading).
import type { ChallengeScenarioInput } from '@archlab/sim';
import { formatPercent, formatRate, formatUsd } from './format.ts';

export interface Requirement {
  kind: 'slo' | 'budget' | 'fault' | 'constraint';
  text: string;
}

export function challengeRequirements(scenario: ChallengeScenarioInput): Requirement[] {
  const items: Requirement[] = [];
  for (const slo of scenario.slos) {
    switch (slo.kind) {
      case 'latency':
        items.push({ kind: 'slo', text: `p${slo.percentile} of ${slo.class}${slo.measure === 'completion' ? ' (until async work is done)' : ''} ≤ ${slo.maxMs} ms` });
        break;
      case 'error-rate':
        items.push({ kind: 'slo', text: `errors of ${slo.class} ≤ ${formatPercent(slo.max)}` });
        break;
      case 'availability':
        items.push({ kind: 'slo', text: `availability of ${slo.class} ≥ ${(slo.min * 100).toFixed(2).replace(/\.?0+$/, '')}%` });
        break;
      case 'duplicate-rate':
        items.push({ kind: 'slo', text: `duplicate writes of ${slo.class} ≤ ${formatPercent(slo.max)}` });
        break;
    }
  }
  if (scenario.budget) items.push({ kind: 'budget', text: `costs at most ${formatUsd(scenario.budget.maxMonthlyUsd)} a month` });
  for (const fault of scenario.faults ?? []) {
    if (fault.kind === 'any-single-instance') items.push({ kind: 'fault', text: `survives losing any one instance (errors ≤ ${formatPercent(fault.maxErrorRate ?? 0.001)})` });
    else if (fault.kind === 'any-single-node') items.push({ kind: 'fault', text: `survives losing any one component (errors ≤ ${formatPercent(fault.maxErrorRate ?? 0.001)})` });
    else items.push({ kind: 'fault', text: `every ${fault.type} is down from ${fault.fromS} s to ${fault.toS} s of the run` });
  }
  for (const constraint of scenario.constraints ?? []) {
    if (constraint.kind === 'max-utilisation') items.push({ kind: 'constraint', text: `no component above ρ ${constraint.max}` });
    else items.push({ kind: 'constraint', text: `only these components: ${constraint.types.join(', ')}` });
  }
  return items;
}

export function trafficLines(scenario: ChallengeScenarioInput): string[] {
  return scenario.traffic.classes.map((c) => `${c.id}: ${formatRate(c.rate)} req/s ${c.kind ?? 'read'}${c.keys !== undefined ? ` from ${c.keys.toLocaleString('en-US')} keys` : ''}`);
}
