// Short explanations of what the engines found, each tied to the node it is about, e.g.
// "db-primary: one instance, no standby; losing it cuts every write path". Wording only: every
// number comes from the analysis result.
import type { AnalysisResult, DesignDocument, DesignIssue, SinglePointOfFailure } from '@archlab/sim';
import { formatIssue } from '@archlab/sim';
import { formatMs, formatPercent, formatRate, formatRho } from './format.ts';
import { HOT_UTILISATION } from './metrics.ts';

export type FindingKind = 'invalid' | 'down' | 'saturated' | 'bottleneck' | 'single-point-of-failure' | 'errors' | 'warning';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  /** The node (or edge) the finding is about, to focus it on the canvas. */
  subject: string | null;
  text: string;
}

/** A class's error rate below this is rounding, not a finding. */
const ERROR_RATE_FLOOR = 0.001;
/** A node whose failure loses at least this fraction of a class "cuts" its path. */
const CUT_FRACTION = 0.999;

export function findingsFromIssues(design: DesignDocument, issues: readonly DesignIssue[]): Finding[] {
  return issues.map((issue) => ({ kind: 'invalid', severity: 'error', subject: subjectOfIssue(design, issue), text: formatIssue(issue) }));
}

function subjectOfIssue(design: DesignDocument, issue: DesignIssue): string | null {
  const [collection, index] = issue.path;
  if (typeof index !== 'number') return null;
  if (collection === 'nodes') return design.nodes[index]?.id ?? null;
  if (collection === 'edges') return design.edges[index]?.id ?? null;
  if (collection === 'classes') return design.classes[index]?.source ?? null;
  return null;
}

export function findingsFromAnalysis(result: AnalysisResult, failed: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const id of failed) {
    const node = result.nodes.find((n) => n.id === id);
    if (node) findings.push({ kind: 'down', severity: 'error', subject: id, text: `${id}: failed on purpose; ${formatRate(node.arrivalRps)} req/s arrive at a dead box` });
  }
  for (const node of result.nodes) {
    if (!node.saturated || node.down) continue;
    const lost = node.droppedRps + node.unroutableRps;
    const parts = [`${formatRate(lost)} req/s dropped`];
    if (node.backlogRps > 0) parts.push(`queue grows by ${formatRate(node.backlogRps)} req/s`);
    findings.push({ kind: 'saturated', severity: 'error', subject: node.id, text: `${node.id}: saturated at ρ ${formatRho(node.utilisation)}: ${parts.join(', ')}` });
  }
  for (const requestClass of result.classes) {
    if (requestClass.errorRate < ERROR_RATE_FLOOR) continue;
    findings.push({
      kind: 'errors',
      severity: 'error',
      subject: null,
      text: `${requestClass.id}: ${formatPercent(requestClass.errorRate)} of requests fail; p99 of the rest ${formatMs(requestClass.latency.p99Ms)}`,
    });
  }
  const top = result.bottlenecks[0];
  if (top && top.utilisation < 1) {
    findings.push({
      kind: 'bottleneck',
      severity: top.utilisation >= HOT_UTILISATION ? 'warning' : 'info',
      subject: top.node,
      text: `${top.node}: the bottleneck at ρ ${formatRho(top.utilisation)}; it saturates at ${top.headroom.toFixed(1)}× this traffic`,
    });
  }
  for (const spof of result.singlePointsOfFailure) findings.push({ kind: 'single-point-of-failure', severity: 'warning', subject: spof.node, text: explainSinglePointOfFailure(spof) });
  for (const warning of result.warnings) findings.push({ kind: 'warning', severity: 'warning', subject: null, text: warning });
  return findings;
}

export function explainSinglePointOfFailure(spof: SinglePointOfFailure): string {
  const what = spof.type === 'sql-primary' ? 'one instance, no standby' : 'one instance';
  const cut = spof.classes.filter((c) => c.failedFraction >= CUT_FRACTION).map((c) => c.id);
  const partial = spof.classes.filter((c) => c.failedFraction < CUT_FRACTION).map((c) => `${formatPercent(c.failedFraction)} of ${c.id}`);
  const effects: string[] = [];
  if (cut.length > 0) effects.push(`cuts every ${joinWords(cut)} path`);
  if (partial.length > 0) effects.push(`fails ${joinWords(partial)} requests`);
  return `${spof.node}: ${what}; losing it ${effects.join(' and ')}`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
