/**
 * Executions of one state machine, newest first (the api's order), filtered by status, paged
 * with the api's nextToken, with stop / redrive / start-again buttons.
 */
import { useState } from 'react';
import { api } from '../api/stepwise.js';
import { toMs, type ExecutionListItem, type ExecutionStatus } from '../api/responses.js';
import { useAsync } from '../app/use-async.js';
import { Link, navigate, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { ExecutionStatusPill } from './ExecutionStatusPill.js';
import { formatDuration, formatTime } from '../util/format.js';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export function ExecutionsList({ stateMachineArn, initialStatus }: { readonly stateMachineArn: string; readonly initialStatus?: string | undefined }): React.JSX.Element {
  const [status, setStatus] = useState<ExecutionStatus | ''>(STATUSES.includes(initialStatus as ExecutionStatus) ? (initialStatus as ExecutionStatus) : '');
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [problem, setProblem] = useState<Error | undefined>();
  const token = tokens[tokens.length - 1];
  const list = useAsync(() => api.listExecutions(stateMachineArn, status || undefined, token), [stateMachineArn, status, token], 3000);
  const act = async (f: () => Promise<unknown>): Promise<void> => {
    setProblem(undefined);
    try {
      await f();
      list.reload();
    } catch (e) {
      setProblem(e instanceof Error ? e : new Error(String(e)));
    }
  };
  const startAgain = async (e: ExecutionListItem): Promise<void> => {
    const d = await api.describeExecution(e.executionArn);
    const r = await api.startExecution(e.stateMachineArn, d.input ?? '{}');
    navigate(paths.execution(r.executionArn));
  };
  const rows = list.data?.executions ?? [];
  return (
    <div>
      <div className="sw-row" style={{ marginBottom: 8 }}>
        <label>
          Status{' '}
          <select
            value={status}
            aria-label="Status filter"
            onChange={(e) => {
              setStatus(e.target.value as ExecutionStatus | '');
              setTokens([undefined]);
            }}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </div>
      {list.error ? <Problem error={list.error} retry={list.reload} /> : null}
      {problem ? <Problem error={problem} /> : null}
      {list.data && rows.length === 0 ? <p className="sw-muted">No executions{status ? ` with status ${status}` : ''}.</p> : null}
      {rows.length > 0 ? (
        <table className="sw-table" aria-label="Executions">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const start = toMs(e.startDate);
              const stop = toMs(e.stopDate);
              return (
                <tr key={e.executionArn}>
                  <td>
                    <Link to={paths.execution(e.executionArn)}>{e.name}</Link>
                  </td>
                  <td>
                    <ExecutionStatusPill status={e.status} />
                  </td>
                  <td>{formatTime(start)}</td>
                  <td>{start !== undefined ? formatDuration((stop ?? Date.now()) - start) : '—'}</td>
                  <td className="sw-row">
                    {e.status === 'RUNNING' ? (
                      <button type="button" className="sw-danger" onClick={() => void act(() => api.stopExecution(e.executionArn))}>
                        Stop
                      </button>
                    ) : null}
                    {e.status === 'FAILED' || e.status === 'TIMED_OUT' || e.status === 'ABORTED' ? (
                      <button type="button" onClick={() => void act(() => api.redriveExecution(e.executionArn))}>
                        Redrive
                      </button>
                    ) : null}
                    <button type="button" onClick={() => void act(() => startAgain(e))}>
                      Start again
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="sw-row" style={{ marginTop: 8 }}>
        <button type="button" disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!list.data?.nextToken} onClick={() => setTokens((t) => [...t, list.data?.nextToken])}>
          Older
        </button>
        <span className="sw-muted">Page {tokens.length}</span>
      </div>
    </div>
  );
}
