/**
 * Executions by state machine and status (the api lists executions per state machine, as AWS's
 * ListExecutions does).
 */
import { api } from '../api/stepwise.js';
import { useAsync } from '../app/use-async.js';
import { navigate, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { ExecutionsList } from './ExecutionsList.js';

export function ExecutionsPage({ stateMachineArn, statusFilter }: { readonly stateMachineArn?: string | undefined; readonly statusFilter?: string | undefined }): React.JSX.Element {
  const machines = useAsync(() => api.listStateMachines(), []);
  const list = machines.data?.stateMachines ?? [];
  const chosen = stateMachineArn ?? list[0]?.stateMachineArn;
  return (
    <section>
      <h2>Executions</h2>
      {machines.error ? <Problem error={machines.error} retry={machines.reload} /> : null}
      <p>
        <label>
          State machine{' '}
          <select value={chosen ?? ''} aria-label="State machine" onChange={(e) => navigate(paths.executions(e.target.value), true)}>
            {stateMachineArn && !list.some((s) => s.stateMachineArn === stateMachineArn) ? <option value={stateMachineArn}>{stateMachineArn}</option> : null}
            {list.map((s) => (
              <option key={s.stateMachineArn} value={s.stateMachineArn}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </p>
      {chosen ? <ExecutionsList key={chosen} stateMachineArn={chosen} initialStatus={statusFilter} /> : machines.data ? <p className="sw-muted">No state machines yet.</p> : null}
    </section>
  );
}
