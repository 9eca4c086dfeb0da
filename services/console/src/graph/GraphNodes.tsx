/**
 * The node components of the state graph: a state box, a Parallel/Map group, a branch frame and
 * the Start/End markers. Names, types and resources are rendered as React text (never HTML).
 * Each state carries an accessible name with its name, type and status.
 */
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { GraphState } from './definition-graph.js';
import { STATUS_TEXT, type StateStatus } from './status.js';

export interface StateNodeData extends Record<string, unknown> {
  readonly state: GraphState;
  readonly status?: StateStatus;
  readonly invalid?: boolean;
}

export interface LabelNodeData extends Record<string, unknown> {
  readonly label: string;
}

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

function Handles(): React.JSX.Element {
  return (
    <>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
      <Handle id="loop-out" type="source" position={Position.Right} style={{ ...hidden, top: '30%' }} isConnectable={false} />
      <Handle id="loop-in" type="target" position={Position.Right} style={{ ...hidden, top: '70%' }} isConnectable={false} />
    </>
  );
}

function StatusBadge({ status }: { readonly status: StateStatus | undefined }): React.JSX.Element | null {
  if (!status) return null;
  const t = STATUS_TEXT[status];
  return (
    <span className={`sw-status sw-status-${status}`}>
      <span aria-hidden="true">{t.icon}</span> {t.label}
    </span>
  );
}

function Marks({ state }: { readonly state: GraphState }): React.JSX.Element {
  return (
    <span className="sw-marks">
      {state.isStart ? <span className="sw-mark">start</span> : null}
      {state.isEnd ? <span className="sw-mark">end</span> : null}
    </span>
  );
}

export function StateNode({ data, selected }: NodeProps<Node<StateNodeData>>): React.JSX.Element {
  const { state, status, invalid } = data;
  return (
    <div className={`sw-node sw-type-${state.type} ${status ? `sw-st-${status}` : ''} ${invalid ? 'sw-invalid' : ''} ${selected ? 'sw-selected' : ''}`} title={state.name}>
      <Handles />
      <div className="sw-node-head">
        <span className="sw-node-name">{state.name}</span>
        <Marks state={state} />
      </div>
      <div className="sw-node-sub">
        <span className="sw-node-type">{state.type}</span>
        <StatusBadge status={status} />
      </div>
      {state.resource ? <div className="sw-node-res">{state.resource}</div> : null}
    </div>
  );
}

export function GroupNode({ data, selected }: NodeProps<Node<StateNodeData>>): React.JSX.Element {
  const { state, status, invalid } = data;
  return (
    <div className={`sw-group sw-type-${state.type} ${status ? `sw-st-${status}` : ''} ${invalid ? 'sw-invalid' : ''} ${selected ? 'sw-selected' : ''}`}>
      <Handles />
      <div className="sw-group-head">
        <span className="sw-node-name">{state.name}</span> <span className="sw-node-type">{state.type}</span> <Marks state={state} />{' '}
        <StatusBadge status={status} />
      </div>
    </div>
  );
}

export function BranchNode({ data }: NodeProps<Node<LabelNodeData>>): React.JSX.Element {
  return (
    <div className="sw-branch">
      <div className="sw-branch-head">{data.label}</div>
    </div>
  );
}

export function MarkerNode({ data, type }: NodeProps<Node<LabelNodeData>>): React.JSX.Element {
  return (
    <div className={`sw-marker sw-marker-${type}`}>
      <Handles />
      <span>{data.label}</span>
    </div>
  );
}

export const nodeTypes = { state: StateNode, group: GroupNode, branch: BranchNode, start: MarkerNode, end: MarkerNode };
