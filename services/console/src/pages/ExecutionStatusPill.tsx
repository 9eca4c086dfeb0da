// An execution's status as a word with an icon, never colour alone.
const ICONS: Record<string, string> = { RUNNING: '◔', SUCCEEDED: '✓', FAILED: '✗', TIMED_OUT: '◷', ABORTED: '⊘', PENDING_REDRIVE: '↻' };

export function ExecutionStatusPill({ status }: { readonly status: string }): React.JSX.Element {
  return (
    <span className={`sw-pill sw-exec-${status}`} data-status={status}>
      <span aria-hidden="true">{ICONS[status] ?? '•'}</span> {status}
    </span>
  );
}
