/**
 * A timeline of states over time: one lane per state, a bar per entry from entered to exited.
 * Lanes are virtualised and bars closer than a pixel are merged, so a Map of 10,000 items draws
 * a bounded number of elements. Each bar carries its status as text for assistive tech.
 */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ExecutionModel } from './history-model.js';
import { STATUS_TEXT } from '../graph/status.js';
import { formatDuration } from '../util/format.js';

const LANE_H = 22;
const WIDTH = 720;
const COLORS: Record<string, string> = {
  running: 'var(--run)', waiting: 'var(--wait)', succeeded: 'var(--ok)', failed: 'var(--bad)', caught: 'var(--caught)',
  retried: 'var(--retry)', cancelled: 'var(--off)', notReached: 'var(--off)',
};

export function Timeline({ model, now, onSelect }: { readonly model: ExecutionModel; readonly now: number; readonly onSelect?: (name: string) => void }): React.JSX.Element {
  const start = model.startedAt ?? model.rows[0]?.at ?? now;
  const end = Math.max(model.endedAt ?? now, start + 1);
  const lanes = useMemo(() => {
    const list = [...model.states.values()].filter((s) => s.entries.length > 0);
    list.sort((a, b) => (a.entries[0]?.enteredAt ?? 0) - (b.entries[0]?.enteredAt ?? 0));
    return list.map((s) => {
      const bars: { x: number; w: number; status: string; count: number }[] = [];
      for (const e of s.entries) {
        const x = ((e.enteredAt - start) / (end - start)) * WIDTH;
        const w = Math.max(2, (((e.exitedAt ?? end) - e.enteredAt) / (end - start)) * WIDTH);
        const last = bars[bars.length - 1];
        if (last && x <= last.x + last.w + 1 && last.status === e.status) {
          last.w = Math.max(last.w, x + w - last.x);
          last.count++;
        } else bars.push({ x, w, status: e.status, count: 1 });
      }
      return { state: s, bars };
    });
  }, [model, start, end]);
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: lanes.length, getScrollElement: () => scroller.current, estimateSize: () => LANE_H, overscan: 8, initialRect: { width: 900, height: 360 } });
  return (
    <div>
      <p className="sw-muted">
        {formatDuration(end - start)} from the start{model.endedAt === undefined ? ' (running)' : ''}.
      </p>
      <div className="sw-vhead" style={{ gridTemplateColumns: `180px ${WIDTH}px` }} aria-hidden="true">
        <span>State</span>
        <span style={{ position: 'relative', height: 16 }}>
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span key={f} style={{ position: 'absolute', left: f * WIDTH, transform: f === 1 ? 'translateX(-100%)' : f > 0 ? 'translateX(-50%)' : undefined }}>
              {formatDuration(f * (end - start))}
            </span>
          ))}
        </span>
      </div>
      <div ref={scroller} className="sw-virtual" style={{ height: 360 }} role="list" aria-label="Timeline of states">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((item) => {
            const lane = lanes[item.index];
            if (!lane) return null;
            const s = lane.state;
            const first = s.entries[0];
            const last = s.entries[s.entries.length - 1];
            const span = first && last ? (last.exitedAt ?? end) - first.enteredAt : 0;
            return (
              <div key={s.name} role="listitem" className="sw-vrow" style={{ top: item.start, height: LANE_H, gridTemplateColumns: `180px ${WIDTH}px` }} onClick={() => onSelect?.(s.name)}>
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={s.name}>
                  {s.name}
                </span>
                <span style={{ position: 'relative', height: LANE_H }} aria-label={`${s.name}: ${STATUS_TEXT[s.status].label}, ${s.entries.length} ${s.entries.length === 1 ? 'entry' : 'entries'}, ${formatDuration(span)}`}>
                  {lane.bars.map((b, k) => (
                    <span key={k} className="sw-bar" style={{ left: b.x, width: b.w, background: COLORS[b.status] ?? 'var(--off)' }} title={`${STATUS_TEXT[b.status as keyof typeof STATUS_TEXT]?.label ?? b.status}${b.count > 1 ? ` (${b.count})` : ''}`} />
                  ))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
