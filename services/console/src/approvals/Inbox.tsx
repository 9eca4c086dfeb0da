/**
 * The approvals inbox: every task that waits for a person, newest first, with its title, details
 * (formatted JSON, as text), the execution it belongs to, how long it has waited and its deadline.
 * Approve sends an optional comment and output JSON; reject sends an error and a cause.
 */
import { useState } from 'react';
import { Link, paths } from '../app/router.js';
import { formatDuration, formatTime } from '../util/format.js';
import { isRecord } from '../util/json.js';

/** A waiting task as the inbox shows it (mapped from the REST type). */
export interface InboxTask {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  readonly resource: string;
  readonly kind: string;
  /** The task's Parameters/Arguments as JSON text. */
  readonly input: string;
  readonly since: number;
  readonly deadline?: number | undefined;
}

export interface ApproveInput {
  readonly comment?: string;
  readonly output?: unknown;
}

export interface RejectInput {
  readonly error?: string;
  readonly cause?: string;
}

export interface InboxProps {
  readonly tasks: readonly InboxTask[];
  readonly now: number;
  readonly onApprove: (task: InboxTask, input: ApproveInput) => Promise<void>;
  readonly onReject: (task: InboxTask, input: RejectInput) => Promise<void>;
}

function parseInput(text: string): { title?: string; details?: unknown; assignees?: string[] } {
  try {
    const v: unknown = JSON.parse(text);
    if (!isRecord(v)) return { details: v };
    const title = typeof v['Title'] === 'string' ? v['Title'] : undefined;
    const assignees = Array.isArray(v['Assignees']) ? v['Assignees'].map(String) : undefined;
    return { ...(title !== undefined ? { title } : {}), details: 'Details' in v ? v['Details'] : v, ...(assignees ? { assignees } : {}) };
  } catch {
    return { details: text };
  }
}

/** The title a person sees for a task: its Title parameter, or the state's name. */
export function taskTitle(task: InboxTask): string {
  return parseInput(task.input).title ?? task.stateName;
}

function executionName(arn: string): string {
  return arn.split(':').slice(-1)[0] ?? arn;
}

export function Inbox({ tasks, now, onApprove, onReject }: InboxProps): React.JSX.Element {
  const sorted = [...tasks].sort((a, b) => b.since - a.since);
  if (sorted.length === 0) return <p className="sw-muted">Nothing is waiting for a person.</p>;
  return (
    <ul className="sw-inbox" style={{ listStyle: 'none', padding: 0 }} aria-label="Waiting tasks">
      {sorted.map((t) => (
        <InboxItem key={t.taskToken} task={t} now={now} onApprove={onApprove} onReject={onReject} />
      ))}
    </ul>
  );
}

function InboxItem({ task, now, onApprove, onReject }: { readonly task: InboxTask; readonly now: number; readonly onApprove: InboxProps['onApprove']; readonly onReject: InboxProps['onReject'] }): React.JSX.Element {
  const parsed = parseInput(task.input);
  const title = parsed.title ?? task.stateName;
  const [mode, setMode] = useState<'idle' | 'approve' | 'reject'>('idle');
  const [comment, setComment] = useState('');
  const [output, setOutput] = useState('');
  const [error, setError] = useState('Rejected');
  const [cause, setCause] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  let outputValue: unknown;
  let outputError: string | undefined;
  if (output.trim() !== '') {
    try {
      outputValue = JSON.parse(output);
    } catch (e) {
      outputError = e instanceof Error ? e.message : 'Invalid JSON';
    }
  }
  const run = async (f: () => Promise<void>, what: string): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await f();
      setDone(what);
      setMode('idle');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const overdue = task.deadline !== undefined && task.deadline < now;
  return (
    <li className="sw-panel" aria-label={`Waiting task: ${title}`}>
      <div className="sw-row" style={{ justifyContent: 'space-between' }}>
        <h3 style={{ margin: 0, wordBreak: 'break-all' }}>{title}</h3>
        <span className="sw-pill">{task.kind === 'approval' ? 'Approval' : task.kind === 'activity' ? 'Activity' : 'Callback'}</span>
      </div>
      <dl className="sw-dl" style={{ marginTop: 8 }}>
        <dt>Execution</dt>
        <dd>
          <Link to={paths.execution(task.executionArn)}>{executionName(task.executionArn)}</Link> <span className="sw-muted">({task.stateName})</span>
        </dd>
        {task.kind !== 'approval' ? (
          <>
            <dt>Resource</dt>
            <dd>
              <code>{task.resource}</code>
            </dd>
          </>
        ) : null}
        <dt>Waiting for</dt>
        <dd>
          {formatDuration(now - task.since)} <span className="sw-muted">(since {formatTime(task.since)})</span>
        </dd>
        <dt>Deadline</dt>
        <dd>{task.deadline !== undefined ? `${formatTime(task.deadline)}${overdue ? ' (passed)' : ` (in ${formatDuration(task.deadline - now)})`}` : 'None'}</dd>
        {parsed.assignees ? (
          <>
            <dt>Assignees</dt>
            <dd>{parsed.assignees.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <h4>Details</h4>
      <pre className="sw-json">{typeof parsed.details === 'string' ? parsed.details : JSON.stringify(parsed.details, null, 2)}</pre>
      {done ? (
        <p className="sw-ok" role="status">
          <span aria-hidden="true">✓</span> {done}
        </p>
      ) : (
        <div className="sw-row">
          <button type="button" className="sw-primary" onClick={() => setMode('approve')} disabled={busy}>
            Approve…
          </button>
          <button type="button" className="sw-danger" onClick={() => setMode('reject')} disabled={busy}>
            Reject…
          </button>
        </div>
      )}
      {mode === 'approve' ? (
        <form
          className="sw-panel"
          style={{ marginTop: 8 }}
          aria-label={`Approve ${title}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (outputError) return;
            void run(() => onApprove(task, { ...(comment ? { comment } : {}), ...(outputValue !== undefined ? { output: outputValue } : {}) }), 'Approved');
          }}
        >
          <p>
            <label>
              Comment <input value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 360 }} />
            </label>
          </p>
          <p>
            <label style={{ alignItems: 'flex-start' }}>
              Output (JSON, optional) <textarea value={output} onChange={(e) => setOutput(e.target.value)} rows={4} cols={50} aria-invalid={outputError !== undefined} />
            </label>
          </p>
          {outputError ? <p className="sw-diag-error">✗ {outputError}</p> : null}
          <button type="submit" className="sw-primary" disabled={busy || outputError !== undefined}>
            Approve
          </button>{' '}
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : null}
      {mode === 'reject' ? (
        <form
          className="sw-panel"
          style={{ marginTop: 8 }}
          aria-label={`Reject ${title}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => onReject(task, { ...(error ? { error } : {}), ...(cause ? { cause } : {}) }), 'Rejected');
          }}
        >
          <p>
            <label>
              Error <input value={error} onChange={(e) => setError(e.target.value)} maxLength={256} />
            </label>
          </p>
          <p>
            <label>
              Cause <input value={cause} onChange={(e) => setCause(e.target.value)} style={{ width: 360 }} />
            </label>
          </p>
          <button type="submit" className="sw-danger" disabled={busy}>
            Reject
          </button>{' '}
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : null}
      {problem ? (
        <p className="sw-error-box" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
