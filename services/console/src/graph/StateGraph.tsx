/**
 * The state graph: a definition drawn with @xyflow/react after a dagre layout, optionally coloured
 * by execution status. Nodes are focusable (Tab), Enter/Space or a click selects a state. When the
 * first drawing is on screen it sets the `stepwise:graph-drawn` performance mark (the bench reads it).
 */
import { useEffect, useMemo, useRef } from 'react';
import { Background, Controls, ReactFlow, useReactFlow } from '@xyflow/react';
import { definitionGraph, type GraphScope } from './definition-graph.js';
import { layoutGraph } from './layout.js';
import { toFlow } from './to-flow.js';
import { nodeTypes } from './GraphNodes.js';
import { edgeTypes } from './GraphEdges.js';
import type { StateStatus } from './status.js';

export interface StateGraphProps {
  readonly definition: unknown;
  readonly statuses?: ReadonlyMap<string, StateStatus>;
  readonly invalid?: ReadonlySet<string>;
  readonly selectedId?: string | undefined;
  readonly onSelect?: (stateId: string | undefined) => void;
  readonly height?: number | string;
}

/** Refits the view when the drawn definition changes (the editor's live preview), not on status updates. */
function FitOnChange({ layout }: { readonly layout: unknown }): null {
  const flow = useReactFlow();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.1 }));
    return () => cancelAnimationFrame(id);
  }, [layout, flow]);
  return null;
}

export function StateGraph({ definition, statuses, invalid, selectedId, onSelect, height = 560 }: StateGraphProps): React.JSX.Element {
  const graph: GraphScope = useMemo(() => definitionGraph(definition), [definition]);
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const { nodes, edges } = useMemo(
    () => toFlow(layout, { ...(statuses ? { statuses } : {}), ...(invalid ? { invalid } : {}), selectedId }),
    [layout, statuses, invalid, selectedId],
  );
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || nodes.length === 0) return;
    marked.current = true;
    requestAnimationFrame(() => {
      performance.mark('stepwise:graph-drawn', { detail: { nodes: nodes.length } });
    });
  }, [nodes.length]);
  const stateIds = useMemo(() => new Set(layout.nodes.filter((n) => n.state).map((n) => n.id)), [layout]);
  // Keyboard: Tab focuses a node (xyflow), Enter or Space selects it for inspection.
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (!onSelect || (e.key !== 'Enter' && e.key !== ' ')) return;
    const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
    if (id && stateIds.has(id)) {
      e.preventDefault();
      onSelect(id);
    }
  };
  return (
    <div className="sw-graph" style={{ height }} data-testid="state-graph" data-node-count={layout.nodes.length} onKeyDown={onKeyDown}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        nodesFocusable
        onNodeClick={(_, n) => onSelect?.(stateIds.has(n.id) ? n.id : undefined)}
        proOptions={{ hideAttribution: true }}
      >
        <FitOnChange layout={layout} />
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
