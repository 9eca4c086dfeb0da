/**
 * Activities, each with the tasks waiting for a worker to take them.
 */
import { api } from '../api/stepwise.js';
import { toMs } from '../api/responses.js';
import { useAsync, useNow } from '../app/use-async.js';
import { Link, paths } from '../app/router.js';
import { Problem } from '../app/Problem.js';
import { formatDuration, formatTime } from '../util/format.js';

export function ActivitiesPage(): React.JSX.Element {
  const activities = useAsync(() => api.listActivities(), [], 5000);
  const tasks = useAsync(() => api.listWaitingTasks({ kind: 'activity' }), [], 3000);
  const now = useNow(1000);
  const list = activities.data?.activities ?? [];
  const waiting = tasks.data?.tasks ?? [];
  return (
    <section>
      <h2>Activities</h2>
      {activities.error ? <Problem error={activities.error} retry={activities.reload} /> : null}
      {tasks.error ? <Problem error={tasks.error} retry={tasks.reload} /> : null}
      {activities.data && list.length === 0 ? <p className="sw-muted">No activities.</p> : null}
      {list.map((a) => {
        const mine = waiting.filter((t) => t.resource === a.activityArn);
        return (
          <div key={a.activityArn} className="sw-panel" aria-label={`Activity ${a.name}`}>
            <h3 style={{ margin: 0 }}>{a.name}</h3>
            <p className="sw-muted">
              {a.activityArn} · created {formatTime(toMs(a.creationDate))}
            </p>
            {mine.length === 0 ? (
              <p className="sw-muted">No task waiting for a worker.</p>
            ) : (
              <table className="sw-table">
                <thead>
                  <tr>
                    <th>Execution</th>
                    <th>State</th>
                    <th>Waiting for</th>
                    <th>Input</th>
                  </tr>
                </thead>
                <tbody>
                  {mine.map((t) => (
                    <tr key={t.taskToken}>
                      <td>
                        <Link to={paths.execution(t.executionArn)}>{t.executionArn.split(':').slice(-1)[0]}</Link>
                      </td>
                      <td>{t.stateName}</td>
                      <td>{formatDuration(now - (toMs(t.since) ?? now))}</td>
                      <td>
                        <code>{t.input.slice(0, 200)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </section>
  );
}
