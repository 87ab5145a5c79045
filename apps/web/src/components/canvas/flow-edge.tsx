// An edge: its path, a label with protocol and live rate, and dots that travel faster the more it carries.
import { EdgeLabelRenderer, getBezierPath, useStore } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import type { ArchFlowEdge } from '../../editor/flow-view.ts';
import { formatRate } from '../../editor/format.ts';
import { animateDots, flowDotCount, prefersReducedMotion } from './flow-dots.ts';

/** Below this zoom the dots are specks: not worth their cost. */
const MIN_ANIMATION_ZOOM = 0.45;
const zoomedInEnough = (state: { transform: [number, number, number] }) => state.transform[2] >= MIN_ANIMATION_ZOOM;

function FlowEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<ArchFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const pathRef = useRef<SVGPathElement>(null);
  const dotsRef = useRef<HTMLDivElement>(null);
  const level = data?.flowLevel ?? 0;
  const visibleEnough = useStore(zoomedInEnough);
  const dotCount = data?.animated && visibleEnough ? flowDotCount(level) : 0;

  useEffect(() => {
    const pathElement = pathRef.current;
    const container = dotsRef.current;
    if (!pathElement || !container || dotCount === 0 || prefersReducedMotion()) return;
    const animation = animateDots(pathElement, [...container.children] as HTMLElement[], level);
    return () => animation.cancel();
  }, [path, level, dotCount]);

  const rate = data?.rps;
  const classes = ['flow-edge', data?.async ? 'async' : '', selected ? 'selected' : '', level > 0 ? 'flowing' : ''].filter(Boolean).join(' ');
  return (
    <>
      <path ref={pathRef} id={id} d={path} className={`react-flow__edge-path ${classes}`} markerEnd={markerEnd} fill="none" />
      <path d={path} className="react-flow__edge-interaction" fill="none" strokeOpacity={0} strokeWidth={18} />
      <EdgeLabelRenderer>
        <div className={`edge-label ${selected ? 'selected' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-edge-label={id}>
          {data?.protocol}
          {rate !== null && rate !== undefined ? <span className="edge-rate"> · {formatRate(rate)}/s</span> : null}
        </div>
        {dotCount > 0 ? (
          <div ref={dotsRef} className="edge-dots" aria-hidden="true">
            {Array.from({ length: dotCount }, (_, i) => (
              <div key={i} className="edge-dot" />
            ))}
          </div>
        ) : null}
      </EdgeLabelRenderer>
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
