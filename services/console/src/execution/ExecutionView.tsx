/**
 * One execution drawn from its definition and history: the graph coloured by state status, the
 * selected state's inspector, the filterable history, the timeline and each Map's run. Pure
 * presentation over events, so the live page only has to keep `events` current.
 */
import { useMemo, useState } from 'react';
import { buildExecutionModel, statusesByNode, type HistoryEventLike } from './history-model.js';
import { allStates, definitionGraph } from '../graph/definition-graph.js';
import { StateGraph } from '../graph/StateGraph.js';
import { StateInspector } from './StateInspector.js';
import { HistoryTable } from './HistoryTable.js';
import { Timeline } from './Timeline.js';
import { MapPanel } from './MapPanel.js';
import { isRecord } from '../util/json.js';

const TABS = ['Graph', 'Event history', 'Timeline', 'Map runs'] as const;
type Tab = (typeof TABS)[number];

export interface ExecutionViewProps {
  readonly definition: unknown;
  readonly events: readonly HistoryEventLike[];
  readonly now: number;
}

/** The definition object of a state, found by its JSON pointer. */
function stateAt(definition: unknown, pointer: string): unknown {
  let cur: unknown = definition;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isRecord(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

export function ExecutionView({ definition, events, now }: ExecutionViewProps): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('Graph');
  const [selected, setSelected] = useState<string | undefined>();
  const model = useMemo(() => buildExecutionModel(events), [events]);
  const graph = useMemo(() => definitionGraph(definition), [definition]);
  const states = useMemo(() => allStates(graph), [graph]);
  const idsByName = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of states) if (!m.has(s.name)) m.set(s.name, s.id);
    return m;
  }, [states]);
  const statuses = useMemo(() => statusesByNode(model, idsByName), [model, idsByName]);
  const selectedName = selected ? states.find((s) => s.id === selected)?.name : undefined;
  const maps = [...model.maps.values()];
  return (
    <div>
      <div className="sw-tabs" role="tablist" aria-label="Execution views">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
            {t === 'Event history' ? ` (${model.rows.length})` : t === 'Map runs' ? ` (${maps.length})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'Graph' ? (
          <div className="sw-split">
            <StateGraph definition={definition} statuses={statuses} selectedId={selected} onSelect={setSelected} height={600} />
            <div>
              {selectedName ? (
                <StateInspector key={selectedName} info={model.states.get(selectedName)} name={selectedName} now={now} />
              ) : (
                <p className="sw-muted">Select a state (click it, or Tab to it and press Enter) to see its input, output, variables, error and timing.</p>
              )}
              {selected && model.maps.get(selectedName ?? '') ? (
                <button type="button" onClick={() => setTab('Map runs')}>
                  Open the map run
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {tab === 'Event history' ? <HistoryTable rows={model.rows} startedAt={model.startedAt} /> : null}
        {tab === 'Timeline' ? (
          <Timeline
            model={model}
            now={now}
            onSelect={(name) => {
              const id = idsByName.get(name);
              if (id) setSelected(id);
              setTab('Graph');
            }}
          />
        ) : null}
        {tab === 'Map runs' ? (
          maps.length === 0 ? (
            <p className="sw-muted">This execution has no Map iterations.</p>
          ) : (
            maps.map((m) => <MapPanel key={m.name} map={m} model={model} stateDefinition={stateAt(definition, idsByName.get(m.name) ?? '')} now={now} />)
          )
        ) : null}
      </div>
    </div>
  );
}
