/**
 * One execution, live: its status and payloads, stop / redrive / start-again, "Fire timer now"
 * (when time control is on and it waits on a timer), the tasks it waits for (approve from here or
 * the inbox), and the graph, history, timeline and Map runs, kept current by polling the history.
 */
import { useMemo, useState } from 'react';
import { api } from '../api/stepwise.js';
import { toMs } from '../api/responses.js';
import { useAsync, useNow } from '../app/use-async.js';
import { Link, navigate, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { ExecutionView } from '../execution/ExecutionView.js';
import { FireTimerButton } from '../execution/FireTimerButton.js';
import { useLiveHistory } from '../execution/use-live-history.js';
import { ExecutionStatusPill } from './ExecutionStatusPill.js';
import { formatDuration, formatTime } from '../util/format.js';
import { prettyJsonText } from '../util/json.js';
import type { HistoryEventLike } from '../execution/history-model.js';

export function ExecutionPage({ arn }: { readonly arn: string }): React.JSX.Element {
  const history = useLiveHistory(arn);
  const last = history.events[history.events.length - 1];
  // Describe again whenever the history grows, so the status and output follow the events.
  const exec = useAsync(() => api.describeExecution(arn), [arn, last?.id]);
  const def = useAsync(() => api.definitionForExecution(arn), [arn]);
  const tasks = useAsync(() => api.tasksOfExecution(arn), [arn, last?.id]);
  const settings = useAsync(() => api.settings(), []);
  const now = useNow(1000);
  const [problem, setProblem] = useState<Error | undefined>();
  const definition = useMemo((): unknown => {
    try {
      return def.data ? (JSON.parse(def.data.definition) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }, [def.data]);
  const act = async (f: () => Promise<unknown>): Promise<void> => {
    setProblem(undefined);
    try {
      await f();
      exec.reload();
    } catch (e) {
      setProblem(e instanceof Error ? e : new Error(String(e)));
    }
  };
  if (exec.error && !exec.data) return <Problem error={exec.error} retry={exec.reload} />;
  const d = exec.data;
  const start = toMs(d?.startDate);
  const stop = toMs(d?.stopDate);
  const waiting = tasks.data?.tasks ?? [];
  return (
    <section>
      <h2>{d?.name ?? arn.split(':').slice(-1)[0]}</h2>
      <div className="sw-panel">
        <div className="sw-row" style={{ justifyContent: 'space-between' }}>
          <div className="sw-row">
            {d ? <ExecutionStatusPill status={d.status} /> : null}
            <span className="sw-muted">
              {formatTime(start)} · {start !== undefined ? formatDuration((stop ?? now) - start) : ''}
              {d?.redriveCount ? ` · redriven ${d.redriveCount}×` : ''}
            </span>
          </div>
          <div className="sw-row">
            {d?.status === 'RUNNING' ? (
              <FireTimerButton timeControl={settings.data?.timeControl === true} events={history.events as readonly HistoryEventLike[]} onFire={() => api.fireTimer(arn)} />
            ) : null}
            {d?.status === 'RUNNING' ? (
              <button type="button" className="sw-danger" onClick={() => void act(() => api.stopExecution(arn))}>
                Stop
              </button>
            ) : null}
            {d && (d.status === 'FAILED' || d.status === 'TIMED_OUT' || d.status === 'ABORTED') ? (
              <button type="button" onClick={() => void act(() => api.redriveExecution(arn))}>
                Redrive
              </button>
            ) : null}
            {d ? (
              <button type="button" onClick={() => void act(async () => navigate(paths.execution((await api.startExecution(d.stateMachineArn, d.input ?? '{}')).executionArn)))}>
                Start again
              </button>
            ) : null}
          </div>
        </div>
        {d ? (
          <dl className="sw-dl" style={{ marginTop: 8 }}>
            <dt>Execution ARN</dt>
            <dd>{d.executionArn}</dd>
            <dt>State machine</dt>
            <dd>
              <Link to={paths.stateMachine(d.stateMachineArn)}>{d.stateMachineArn}</Link>
            </dd>
            {d.error !== undefined ? (
              <>
                <dt>Error</dt>
                <dd>{d.error}</dd>
                <dt>Cause</dt>
                <dd>{d.cause ?? ''}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {problem ? <Problem error={problem} /> : null}
      </div>
      {waiting.length > 0 ? (
        <div className="sw-panel" aria-label="Waiting for">
          <strong>
            <span aria-hidden="true">‖</span> Waiting for {waiting.length === 1 ? 'a task' : `${waiting.length} tasks`}:
          </strong>{' '}
          {waiting.map((t) => `${t.stateName} (${t.kind})`).join(', ')} — <Link to={paths.approvals()}>open the approvals inbox</Link>
        </div>
      ) : null}
      {history.error ? <Problem error={history.error} /> : null}
      {!history.complete ? <p className="sw-muted">Reading history… {history.events.length} events so far</p> : null}
      {def.error ? <Problem error={def.error} /> : null}
      {definition !== undefined ? <ExecutionView definition={definition} events={history.events as readonly HistoryEventLike[]} now={now} /> : null}
      <div className="sw-split" style={{ marginTop: 16 }}>
        <div>
          <h3>Input</h3>
          <pre className="sw-json">{d ? prettyJsonText(d.input) : ''}</pre>
        </div>
        <div>
          <h3>Output</h3>
          <pre className="sw-json">{d?.output !== undefined ? prettyJsonText(d.output) : '—'}</pre>
        </div>
      </div>
    </section>
  );
}
