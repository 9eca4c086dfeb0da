/**
 * Converts a laid-out graph into @xyflow/react nodes and edges, with each state's accessible name
 * ("<name>, <Type> state, <status>") and its status class.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { GraphLayout } from './layout.js';
import type { RouteEdgeData } from './GraphEdges.js';
import type { LabelNodeData, StateNodeData } from './GraphNodes.js';
import { STATUS_TEXT, type StateStatus } from './status.js';

export type FlowNode = Node<StateNodeData> | Node<LabelNodeData>;

export interface FlowOptions {
  readonly statuses?: ReadonlyMap<string, StateStatus>;
  readonly invalid?: ReadonlySet<string>;
  readonly selectedId?: string | undefined;
}

export function toFlow(layout: GraphLayout, opts: FlowOptions = {}): { nodes: FlowNode[]; edges: Edge<RouteEdgeData>[] } {
  const nodes: FlowNode[] = layout.nodes.map((n) => {
    const base = {
      id: n.id,
      type: n.kind,
      position: { x: n.x, y: n.y },
      width: n.width,
      height: n.height,
      style: { width: n.width, height: n.height },
      draggable: false,
      connectable: false,
      ...(n.parentId ? { parentId: n.parentId } : {}),
    };
    if (n.state) {
      const status = opts.statuses?.get(n.id) ?? (opts.statuses ? 'notReached' : undefined);
      const invalid = opts.invalid?.has(n.id) ?? false;
      const statusText = status ? `, ${STATUS_TEXT[status].label}` : '';
      const node: Node<StateNodeData> = {
        ...base,
        data: { state: n.state, ...(status ? { status } : {}), invalid },
        ariaLabel: `${n.state.name}, ${n.state.type} state${statusText}${invalid ? ', has errors' : ''}`,
        selectable: true,
        focusable: true,
        selected: opts.selectedId === n.id,
        ...(n.kind === 'group' ? { zIndex: 0 } : {}),
      };
      return node;
    }
    const node: Node<LabelNodeData> = {
      ...base,
      data: { label: n.label ?? '' },
      ariaLabel: n.label ?? n.kind,
      selectable: false,
      focusable: n.kind !== 'branch',
    };
    return node;
  });
  const edges: Edge<RouteEdgeData>[] = layout.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: e.kind === 'retry' ? 'loop' : 'route',
    ...(e.kind === 'retry' ? { sourceHandle: 'loop-out', targetHandle: 'loop-in' } : {}),
    data: { kind: e.kind, points: e.points, ...(e.label !== undefined ? { label: e.label } : {}) },
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    selectable: false,
    focusable: false,
    zIndex: 1,
    ariaLabel: e.label ? `${e.kind} edge: ${e.label}` : `${e.kind} edge`,
  }));
  return { nodes, edges };
}
