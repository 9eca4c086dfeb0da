/**
 * Time control in the execution page: "Fire timer now" ends the Wait (or retry back-off) the
 * execution waits on, through POST /v1/executions/{arn}/fire-timer. Shown only when the api says
 * time control is on (STEPWISE_TIME_SCALE is set) and the history shows a timer wait.
 */
import { useState } from 'react';
import { timerWaits } from './timer-wait.js';
import type { HistoryEventLike } from './history-model.js';

export interface FireTimerButtonProps {
  readonly timeControl: boolean;
  readonly events: readonly HistoryEventLike[];
  readonly onFire: () => Promise<{ readonly fired: boolean }>;
}

export function FireTimerButton({ timeControl, events, onFire }: FireTimerButtonProps): React.JSX.Element | null {
  const [note, setNote] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!timeControl) return null;
  const waits = timerWaits(events);
  if (waits.length === 0) return note ? <span className="sw-muted" role="status">{note}</span> : null;
  const names = waits.filter((n) => n !== '');
  const fire = async (): Promise<void> => {
    setBusy(true);
    setNote(undefined);
    try {
      const r = await onFire();
      setNote(r.fired ? 'Timer fired' : 'No timer was waiting');
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="sw-row">
      <button type="button" disabled={busy} title={names.length > 0 ? `Waiting on a timer in: ${names.join(', ')}` : 'Waiting on a timer'} onClick={() => void fire()}>
        Fire timer now
      </button>
      {note ? <span className="sw-muted" role="status">{note}</span> : null}
    </span>
  );
}
