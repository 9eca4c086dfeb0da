/**
 * Edge components: a route through dagre's points with its label (Choice rule, Default, Catch),
 * and a loop on a state's right side for Retry. Labels are React text.
 */
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import type { EdgeKind } from './definition-graph.js';
import type { Point } from './layout.js';

export interface RouteEdgeData extends Record<string, unknown> {
  readonly kind: EdgeKind;
  readonly label?: string;
  readonly points: readonly Point[];
}

function pathThrough(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 0) return `M${first.x},${first.y}`;
  if (rest.length === 1) {
    const b = rest[0]!;
    const my = (first.y + b.y) / 2;
    return `M${first.x},${first.y} C${first.x},${my} ${b.x},${my} ${b.x},${b.y}`;
  }
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i]!;
    const next = rest[i + 1];
    if (next) {
      const mx = (p.x + next.x) / 2;
      const my = (p.y + next.y) / 2;
      d += ` Q${p.x},${p.y} ${mx},${my}`;
    } else {
      d += ` L${p.x},${p.y}`;
    }
  }
  return d;
}

export function RouteEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<Edge<RouteEdgeData>>): React.JSX.Element {
  const points = data && data.points.length >= 2 ? data.points : [{ x: sourceX, y: sourceY }, { x: targetX, y: targetY }];
  const half = Math.floor(points.length / 2);
  const m1 = points[half - 1] ?? points[0]!;
  const m2 = points[half] ?? m1;
  const mid = { x: (m1.x + m2.x) / 2, y: (m1.y + m2.y) / 2 };
  const kind = data?.kind ?? 'next';
  return (
    <>
      <BaseEdge id={id} path={pathThrough(points)} className={`sw-edge sw-edge-${kind}`} {...(markerEnd ? { markerEnd } : {})} />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div className={`sw-edge-label sw-edge-label-${kind}`} style={{ transform: `translate(-50%, -50%) translate(${mid.x}px, ${mid.y}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export function LoopEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<Edge<RouteEdgeData>>): React.JSX.Element {
  const bulge = 46;
  const path = `M${sourceX},${sourceY} C${sourceX + bulge},${sourceY - 10} ${targetX + bulge},${targetY + 10} ${targetX},${targetY}`;
  return (
    <>
      <BaseEdge id={id} path={path} className="sw-edge sw-edge-retry" {...(markerEnd ? { markerEnd } : {})} />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div className="sw-edge-label sw-edge-label-retry" style={{ transform: `translate(0, -50%) translate(${sourceX + bulge - 8}px, ${(sourceY + targetY) / 2}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const edgeTypes = { route: RouteEdge, loop: LoopEdge };
