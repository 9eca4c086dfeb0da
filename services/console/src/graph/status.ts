/**
 * What happened to a state in an execution, with the icon and words that say it, so that colour
 * is never the only signal.
 */
export type StateStatus = 'notReached' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'caught' | 'retried' | 'cancelled';

export const STATUS_TEXT: Record<StateStatus, { readonly icon: string; readonly label: string }> = {
  notReached: { icon: '○', label: 'Not reached' },
  running: { icon: '◔', label: 'Running' },
  waiting: { icon: '‖', label: 'Waiting' },
  succeeded: { icon: '✓', label: 'Succeeded' },
  failed: { icon: '✗', label: 'Failed' },
  caught: { icon: '↪', label: 'Caught error' },
  retried: { icon: '↻', label: 'Retried' },
  cancelled: { icon: '⊘', label: 'Cancelled' },
};
