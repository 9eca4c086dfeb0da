/**
 * State machines: list (paged by the api, 100 at a time) and search by name or ARN.
 */
import { useState } from 'react';
import { api } from '../api/stepwise.js';
import { toMs, type StateMachineListItem } from '../api/responses.js';
import { useAsync } from '../app/use-async.js';
import { Link, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { formatTime } from '../util/format.js';

export function StateMachinesPage(): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [more, setMore] = useState<StateMachineListItem[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const first = useAsync(async () => {
    const r = await api.listStateMachines();
    setMore([]);
    setNext(r.nextToken);
    return r.stateMachines ?? [];
  }, []);
  const all = [...(first.data ?? []), ...more];
  const q = query.trim().toLowerCase();
  const shown = q ? all.filter((s) => s.name.toLowerCase().includes(q) || s.stateMachineArn.toLowerCase().includes(q)) : all;
  return (
    <section>
      <div className="sw-row" style={{ justifyContent: 'space-between' }}>
        <h2>State machines</h2>
        <Link className="sw-button sw-primary" to={paths.newStateMachine()}>
          Create state machine
        </Link>
      </div>
      <p>
        <label>
          Search <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name or ARN" aria-label="Search state machines" />
        </label>
      </p>
      {first.error ? <Problem error={first.error} retry={first.reload} /> : null}
      {first.loading && !first.data ? <p className="sw-muted">Loading…</p> : null}
      {first.data ? (
        shown.length === 0 ? (
          <p className="sw-muted">{all.length === 0 ? 'No state machines yet.' : 'No state machine matches.'}</p>
        ) : (
          <table className="sw-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Created</th>
                <th>ARN</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.stateMachineArn}>
                  <td>
                    <Link to={paths.stateMachine(s.stateMachineArn)}>{s.name}</Link>
                  </td>
                  <td>{s.type}</td>
                  <td>{formatTime(toMs(s.creationDate))}</td>
                  <td className="sw-muted">{s.stateMachineArn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      {next ? (
        <p>
          <button
            type="button"
            onClick={() => {
              void api.listStateMachines(next).then((r) => {
                setMore((m) => [...m, ...(r.stateMachines ?? [])]);
                setNext(r.nextToken);
              });
            }}
          >
            Load more
          </button>
        </p>
      ) : null}
    </section>
  );
}
