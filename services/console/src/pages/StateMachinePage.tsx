/**
 * One state machine: its definition drawn as a graph beside its JSON, versions and aliases, a
 * start-execution form and its executions.
 */
import { useMemo, useState } from 'react';
import { api } from '../api/stepwise.js';
import { toMs } from '../api/responses.js';
import { useAsync } from '../app/use-async.js';
import { Link, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { StateGraph } from '../graph/StateGraph.js';
import { ExecutionsList } from './ExecutionsList.js';
import { StartExecutionForm } from './StartExecutionForm.js';
import { formatTime } from '../util/format.js';
import { prettyJsonText } from '../util/json.js';

export function StateMachinePage({ arn }: { readonly arn: string }): React.JSX.Element {
  const sm = useAsync(() => api.describeStateMachine(arn), [arn]);
  const versions = useAsync(() => api.listVersions(arn), [arn]);
  const aliases = useAsync(() => api.listAliases(arn), [arn]);
  const [showStart, setShowStart] = useState(false);
  const definition = useMemo((): unknown => {
    try {
      return sm.data ? (JSON.parse(sm.data.definition) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }, [sm.data]);
  if (sm.error) return <Problem error={sm.error} retry={sm.reload} />;
  if (!sm.data) return <p className="sw-muted">Loading…</p>;
  const d = sm.data;
  return (
    <section>
      <h2>{d.name}</h2>
      <div className="sw-panel">
        <dl className="sw-dl">
          <dt>ARN</dt>
          <dd>{d.stateMachineArn}</dd>
          <dt>Type</dt>
          <dd>{d.type}</dd>
          <dt>Created</dt>
          <dd>{formatTime(toMs(d.creationDate))}</dd>
          {d.description ? (
            <>
              <dt>Description</dt>
              <dd>{d.description}</dd>
            </>
          ) : null}
        </dl>
        <div className="sw-row" style={{ marginTop: 8 }}>
          <button type="button" className="sw-primary" onClick={() => setShowStart((v) => !v)} aria-expanded={showStart}>
            Start execution
          </button>
          <Link className="sw-button" to={paths.editStateMachine(d.stateMachineArn)}>
            Edit
          </Link>
          <Link className="sw-button" to={paths.executions(d.stateMachineArn)}>
            All executions
          </Link>
        </div>
      </div>
      {showStart ? <StartExecutionForm stateMachineArn={d.stateMachineArn} /> : null}
      <div className="sw-split">
        <StateGraph definition={definition} height={560} />
        <div>
          <h3>Definition</h3>
          <pre className="sw-json" style={{ maxHeight: 520 }} aria-label="Definition JSON">
            {prettyJsonText(d.definition)}
          </pre>
        </div>
      </div>
      <div className="sw-split" style={{ marginTop: 16 }}>
        <div className="sw-panel">
          <h3>Versions</h3>
          {versions.error ? <Problem error={versions.error} /> : null}
          {versions.data && (versions.data.stateMachineVersions ?? []).length === 0 ? <p className="sw-muted">No published versions.</p> : null}
          <ul>
            {(versions.data?.stateMachineVersions ?? []).map((v) => (
              <li key={v.stateMachineVersionArn}>
                <Link to={paths.stateMachine(v.stateMachineVersionArn)}>{v.stateMachineVersionArn.split(':').slice(-1)[0]}</Link> <span className="sw-muted">{formatTime(toMs(v.creationDate))}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="sw-panel">
          <h3>Aliases</h3>
          {aliases.error ? <Problem error={aliases.error} /> : null}
          {aliases.data && (aliases.data.stateMachineAliases ?? []).length === 0 ? <p className="sw-muted">No aliases.</p> : null}
          <ul>
            {(aliases.data?.stateMachineAliases ?? []).map((a) => (
              <li key={a.stateMachineAliasArn}>
                {a.stateMachineAliasArn.split(':').slice(-1)[0]} <span className="sw-muted">{formatTime(toMs(a.creationDate))}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h3>Executions</h3>
      <ExecutionsList stateMachineArn={d.stateMachineArn} />
    </section>
  );
}
