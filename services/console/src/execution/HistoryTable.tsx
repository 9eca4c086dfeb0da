/**
 * The full event history as a filterable, virtualised table: 25,000 events stay responsive
 * because only the visible rows exist in the DOM. Details are shown as formatted text.
 */
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { eventDetails, type EventRow } from './history-model.js';
import { formatDuration, formatTime } from '../util/format.js';

const KINDS: Record<string, (t: string) => boolean> = {
  'All events': () => true,
  'State transitions': (t) => /State(Entered|Exited)$/.test(t),
  Tasks: (t) => /^(Task|Activity|LambdaFunction)/.test(t) && !/State/.test(t),
  'Errors and failures': (t) => /(Failed|TimedOut|Aborted)$/.test(t),
  'Map and Parallel': (t) => /^(Map|Parallel)/.test(t),
  Execution: (t) => t.startsWith('Execution'),
};

const COLS = '64px 210px minmax(120px, 1fr) 110px minmax(0, 2fr)';
const ROW_H = 28;

export interface HistoryTableProps {
  readonly rows: readonly EventRow[];
  readonly startedAt?: number | undefined;
}

export function HistoryTable({ rows, startedAt }: HistoryTableProps): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('All events');
  const [selected, setSelected] = useState<number | undefined>();
  const q = useDeferredValue(query.trim().toLowerCase());
  const filtered = useMemo(() => {
    const test = KINDS[kind] ?? KINDS['All events']!;
    return rows.filter((r) => test(r.event.type) && (!q || `${r.event.id} ${r.event.type} ${r.state} ${JSON.stringify(eventDetails(r.event) ?? '')}`.toLowerCase().includes(q)));
  }, [rows, kind, q]);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: filtered.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 12, initialRect: { width: 900, height: 480 } });
  const chosen = selected === undefined ? undefined : rows.find((r) => r.event.id === selected);
  return (
    <div>
      <div className="sw-row" style={{ marginBottom: 8 }}>
        <label>
          Filter <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="type, state or detail" aria-label="Filter events" />
        </label>
        <label>
          Show{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Event kind">
            {Object.keys(KINDS).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <span className="sw-muted" aria-live="polite">
          {filtered.length} of {rows.length} events
        </span>
      </div>
      <div className="sw-vhead" style={{ gridTemplateColumns: COLS }} aria-hidden="true">
        <span>ID</span>
        <span>Type</span>
        <span>State</span>
        <span>Elapsed</span>
        <span>Details</span>
      </div>
      <div ref={scroller} className="sw-virtual" role="grid" aria-label="Event history" aria-rowcount={filtered.length}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const r = filtered[item.index];
            if (!r) return null;
            const d = eventDetails(r.event);
            return (
              <div
                key={r.event.id}
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={selected === r.event.id}
                tabIndex={0}
                className="sw-vrow"
                style={{ top: item.start, height: ROW_H, gridTemplateColumns: COLS }}
                onClick={() => setSelected(r.event.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    setSelected(r.event.id);
                  }
                }}
              >
                <span role="gridcell">{r.event.id}</span>
                <span role="gridcell" className={/(Failed|TimedOut)$/.test(r.event.type) ? 'sw-status-failed' : ''}>
                  {/(Failed|TimedOut)$/.test(r.event.type) ? '✗ ' : ''}
                  {r.event.type}
                </span>
                <span role="gridcell">{r.state}</span>
                <span role="gridcell">{startedAt !== undefined ? formatDuration(r.at - startedAt) : formatTime(r.at)}</span>
                <span role="gridcell" style={{ overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
                  {d ? JSON.stringify(d).slice(0, 200) : ''}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {chosen ? (
        <div className="sw-panel" style={{ marginTop: 8 }} aria-label="Selected event">
          <strong>
            Event {chosen.event.id}: {chosen.event.type}
          </strong>{' '}
          <span className="sw-muted">{formatTime(chosen.at)}</span>
          <pre className="sw-json">{JSON.stringify(chosen.event, null, 2)}</pre>
        </div>
      ) : null}
    </div>
  );
}
