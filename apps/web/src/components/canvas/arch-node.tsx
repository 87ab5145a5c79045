// A component on the canvas: type, name, instances and its live numbers (utilisation bar, req/s,
// p99), coloured by state, with badges for single points of failure and failures.
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ArchFlowNode } from '../../editor/flow-view.ts';
import { formatMs, formatRate, formatRho } from '../../editor/format.ts';

function ArchNodeView({ data, selected }: NodeProps<ArchFlowNode>) {
  const metrics = data.metrics;
  const health = data.failed ? 'down' : (metrics?.health ?? 'unknown');
  const barWidth = metrics ? Math.min(1, metrics.utilisation) * 100 : 0;
  return (
    <div
      className={`arch-node health-${health} ${selected ? 'selected' : ''} ${data.invalid ? 'invalid' : ''}`}
      data-testid={`node-${data.name}`}
      data-health={health}
      title={data.note ?? undefined}
    >
      <Handle type="target" position={Position.Left} className="arch-handle" />
      <div className="arch-node-head">
        <span className="arch-node-type">{data.typeLabel}</span>
        {data.instances !== null ? <span className="arch-node-instances" title="instances">×{data.instances}</span> : null}
      </div>
      <div className="arch-node-name">{data.name}</div>
      {data.componentType === 'client' ? (
        <div className="arch-node-metrics">
          <span className="metric" data-metric="rps">{metrics ? `${formatRate(metrics.rps)} req/s out` : 'sends requests'}</span>
        </div>
      ) : (
        <>
          <div className="util-bar" title={metrics ? `utilisation ρ ${formatRho(metrics.utilisation)}` : 'no analysis yet'}>
            <div className="util-fill" style={{ width: `${barWidth}%` }} />
          </div>
          <div className="arch-node-metrics">
            <span className="metric" data-metric="rps">{metrics ? `${formatRate(metrics.rps)} req/s` : '— req/s'}</span>
            <span className="metric" data-metric="p99">p99 {formatMs(metrics?.p99Ms ?? null)}</span>
            <span className="metric" data-metric="rho">ρ {metrics ? formatRho(metrics.utilisation) : '—'}</span>
          </div>
          {metrics && metrics.errorRps > 0 ? (
            <div className="arch-node-errors" data-metric="errors">
              {formatRate(metrics.errorRps)} err/s
            </div>
          ) : null}
        </>
      )}
      <div className="arch-node-badges">
        {data.singlePointOfFailure ? (
          <span className="badge spof" title="single point of failure">
            SPOF
          </span>
        ) : null}
        {data.failed ? <span className="badge failed">FAILED</span> : null}
        {data.failureScheduled ? (
          <span className="badge scheduled" title="a failure is scheduled in the next simulation run">
            fault scheduled
          </span>
        ) : null}
      </div>
      {data.note ? <div className="arch-node-note">{data.note}</div> : null}
      <Handle type="source" position={Position.Right} className="arch-handle" />
    </div>
  );
}

export const ArchNode = memo(ArchNodeView);
