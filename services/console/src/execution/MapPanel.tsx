/**
 * A Map state's run: counts by status, the iterations as a virtualised list (10,000 items stay
 * responsive), and a drill-down that draws one iteration's item processor with its own statuses.
 */
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { buildExecutionModel, iterationEvents, statusesByNode, type ExecutionModel, type MapInfo } from './history-model.js';
import { allStates, definitionGraph } from '../graph/definition-graph.js';
import { StateGraph } from '../graph/StateGraph.js';
import { StateInspector } from './StateInspector.js';
import { isRecord } from '../util/json.js';

const ICON: Record<string, string> = { running: '◔', succeeded: '✓', failed: '✗', aborted: '⊘' };
const LABEL: Record<string, string> = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed', aborted: 'Aborted' };

export interface MapPanelProps {
  readonly map: MapInfo;
  readonly model: ExecutionModel;
  /** The Map state's definition (for its ItemProcessor / Iterator). */
  readonly stateDefinition: unknown;
  readonly now: number;
}

export function MapPanel({ map, model, stateDefinition, now }: MapPanelProps): React.JSX.Element {
  const [index, setIndex] = useState<number | undefined>();
  const [picked, setPicked] = useState<string | undefined>();
  const indices = useMemo(() => [...map.iterations.keys()].sort((a, b) => a - b), [map]);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: indices.length, getScrollElement: () => scroller.current, estimateSize: () => 26, overscan: 10, initialRect: { width: 300, height: 300 } });
  const processor = isRecord(stateDefinition) ? (stateDefinition['ItemProcessor'] ?? stateDefinition['Iterator']) : undefined;
  const sub = useMemo(() => (index === undefined ? undefined : buildExecutionModel(iterationEvents(model, map.name, index))), [index, model, map.name]);
  const subGraph = useMemo(() => definitionGraph(processor), [processor]);
  const names = useMemo(() => new Map(allStates(subGraph).map((s) => [s.name, s.id])), [subGraph]);
  const statuses = useMemo(() => (sub ? statusesByNode(sub, names) : undefined), [sub, names]);
  const pickedName = picked ? allStates(subGraph).find((s) => s.id === picked)?.name : undefined;
  return (
    <div className="sw-panel" aria-label={`Map run of ${map.name}`}>
      <h3 style={{ wordBreak: 'break-all' }}>Map run: {map.name}</h3>
      <div className="sw-counts" role="list" aria-label="Iterations by status">
        <div role="listitem">Started: {map.started}</div>
        <div role="listitem" className="sw-status-running">◔ Running: {map.started - map.succeeded - map.failed - map.aborted}</div>
        <div role="listitem" className="sw-status-succeeded">✓ Succeeded: {map.succeeded}</div>
        <div role="listitem" className="sw-status-failed">✗ Failed: {map.failed}</div>
        <div role="listitem" className="sw-status-cancelled">⊘ Aborted: {map.aborted}</div>
      </div>
      <div className="sw-split" style={{ marginTop: 12, gridTemplateColumns: '220px 1fr' }}>
        <div ref={scroller} className="sw-virtual" style={{ height: 300 }} role="listbox" aria-label="Iterations">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((item) => {
              const i = indices[item.index]!;
              const st = map.iterations.get(i) ?? 'running';
              return (
                <div
                  key={i}
                  role="option"
                  aria-selected={index === i}
                  tabIndex={0}
                  className="sw-vrow"
                  style={{ top: item.start, height: 26, gridTemplateColumns: '1fr' }}
                  onClick={() => setIndex(i)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      setIndex(i);
                    }
                  }}
                >
                  <span className={`sw-status-${st === 'aborted' ? 'cancelled' : st}`}>
                    <span aria-hidden="true">{ICON[st]}</span> Item {i} — {LABEL[st]}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
        <div>
          {index === undefined || !sub ? (
            <p className="sw-muted">Choose an iteration to see its states.</p>
          ) : (
            <>
              <p>
                <strong>Iteration {index}</strong> <span className="sw-muted">({sub.rows.length} events)</span>
              </p>
              <StateGraph key={index} definition={processor} {...(statuses ? { statuses } : {})} selectedId={picked} onSelect={setPicked} height={300} />
              {pickedName ? <StateInspector info={sub.states.get(pickedName)} name={pickedName} now={now} /> : null}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
