/**
 * The approvals inbox page: tasks waiting for a person (the built-in approval step and every
 * other .waitForTaskToken task), refreshed every few seconds.
 */
import { api } from '../api/stepwise.js';
import { toMs } from '../api/responses.js';
import { useAsync, useNow } from '../app/use-async.js';
import { Problem } from '../app/Problem.js';
import { useState } from 'react';
import { Inbox, taskTitle, type InboxTask } from '../approvals/Inbox.js';
import { Link, paths } from '../app/router.js';

export function ApprovalsPage(): React.JSX.Element {
  const tasks = useAsync(() => api.listWaitingTasks(), [], 3000);
  const now = useNow(1000);
  const [done, setDone] = useState<{ readonly text: string; readonly executionArn: string } | undefined>();
  const items: InboxTask[] = (tasks.data?.tasks ?? [])
    .filter((t) => t.kind !== 'activity')
    .map((t) => ({ ...t, since: toMs(t.since) ?? 0, deadline: toMs(t.deadline) }));
  return (
    <section>
      <h2>Approvals</h2>
      <p className="sw-muted">Tasks that wait for a person, newest first. Approving or rejecting continues the execution at once.</p>
      {tasks.error ? <Problem error={tasks.error} retry={tasks.reload} /> : null}
      {done ? (
        <p className="sw-ok" role="status">
          <span aria-hidden="true">✓</span> {done.text} — <Link to={paths.execution(done.executionArn)}>see the execution</Link>
        </p>
      ) : null}
      {tasks.data ? (
        <Inbox
          tasks={items}
          now={now}
          onApprove={async (t, a) => {
            await api.approve(t.taskToken, a.comment, a.output);
            setDone({ text: `Approved: ${taskTitle(t)}`, executionArn: t.executionArn });
            tasks.reload();
          }}
          onReject={async (t, r) => {
            await api.reject(t.taskToken, r.error, r.cause);
            setDone({ text: `Rejected: ${taskTitle(t)}`, executionArn: t.executionArn });
            tasks.reload();
          }}
        />
      ) : (
        <p className="sw-muted">Loading…</p>
      )}
    </section>
  );
}
