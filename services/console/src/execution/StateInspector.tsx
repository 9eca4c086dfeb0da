/**
 * What one state received and returned: status, attempts, timing, input, output, assigned
 * variables, error and cause, for each time it was entered. All of it as text.
 */
import { useState } from 'react';
import type { StateInfo } from './history-model.js';
import { STATUS_TEXT } from '../graph/status.js';
import { formatDuration, formatTime } from '../util/format.js';
import { prettyJsonText } from '../util/json.js';

export function StateInspector({ info, name, now }: { readonly info: StateInfo | undefined; readonly name: string; readonly now: number }): React.JSX.Element {
  const [pick, setPick] = useState<number | undefined>();
  if (!info || info.entries.length === 0) {
    return (
      <div className="sw-panel" aria-label={`State ${name}`}>
        <h3>{name}</h3>
        <p>
          <span className="sw-status sw-status-notReached">
            <span aria-hidden="true">○</span> Not reached
          </span>
        </p>
      </div>
    );
  }
  const index = Math.min(pick ?? info.entries.length - 1, info.entries.length - 1);
  const e = info.entries[index]!;
  const st = STATUS_TEXT[e.status];
  return (
    <div className="sw-panel" aria-label={`State ${name}`}>
      <h3 style={{ wordBreak: 'break-all' }}>{name}</h3>
      {info.entries.length > 1 ? (
        <div className="sw-row">
          <button type="button" onClick={() => setPick(Math.max(0, index - 1))} disabled={index === 0}>
            Previous
          </button>
          <label>
            Entry <input type="number" min={1} max={info.entries.length} value={index + 1} onChange={(ev) => setPick(Math.max(0, Math.min(info.entries.length - 1, Number(ev.target.value) - 1)))} style={{ width: 90 }} /> of {info.entries.length}
          </label>
          <button type="button" onClick={() => setPick(Math.min(info.entries.length - 1, index + 1))} disabled={index === info.entries.length - 1}>
            Next
          </button>
        </div>
      ) : null}
      <dl className="sw-dl">
        <dt>Status</dt>
        <dd>
          <span className={`sw-status sw-status-${e.status}`}>
            <span aria-hidden="true">{st.icon}</span> {st.label}
          </span>
        </dd>
        <dt>Attempts</dt>
        <dd>{info.attempts}</dd>
        {e.iteration !== undefined ? (
          <>
            <dt>Map iteration</dt>
            <dd>{e.iteration}</dd>
          </>
        ) : null}
        <dt>Entered</dt>
        <dd>{formatTime(e.enteredAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration((e.exitedAt ?? now) - e.enteredAt)}{e.exitedAt === undefined ? ' (so far)' : ''}</dd>
      </dl>
      {e.error !== undefined || e.cause !== undefined ? (
        <>
          <h4>Error</h4>
          <dl className="sw-dl">
            <dt>Error</dt>
            <dd>{e.error ?? ''}</dd>
            <dt>Cause</dt>
            <dd>
              <pre className="sw-json">{prettyJsonText(e.cause)}</pre>
            </dd>
          </dl>
        </>
      ) : null}
      <h4>Input</h4>
      <pre className="sw-json">{e.input !== undefined ? prettyJsonText(e.input) : '—'}</pre>
      <h4>Output</h4>
      <pre className="sw-json">{e.output !== undefined ? prettyJsonText(e.output) : '—'}</pre>
      {e.assignedVariables ? (
        <>
          <h4>Variables assigned</h4>
          <pre className="sw-json">{JSON.stringify(Object.fromEntries(Object.entries(e.assignedVariables).map(([k, v]) => [k, typeof v === 'string' ? tryParse(v) : v])), null, 2)}</pre>
        </>
      ) : null}
    </div>
  );
}

function tryParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
