/**
 * The one call the engine makes when an execution closes: it bumps the AWS-named counter for the
 * status (ExecutionsSucceeded, ExecutionsFailed, ExecutionsTimedOut, ExecutionsAborted) and
 * observes ExecutionTime, so no caller can count one without the other.
 */
import { processRegistry, type ExecutionEndStatus, type MetricsRegistry } from './metrics.js';

export function recordExecutionClosed(
  stateMachine: string,
  status: ExecutionEndStatus,
  durationSeconds: number,
  reg: MetricsRegistry = processRegistry,
): void {
  const m = reg.metrics;
  const labels = { state_machine: stateMachine };
  switch (status) {
    case 'SUCCEEDED':
      m.executionsSucceeded.inc(labels);
      break;
    case 'FAILED':
      m.executionsFailed.inc(labels);
      break;
    case 'TIMED_OUT':
      m.executionsTimedOut.inc(labels);
      break;
    case 'ABORTED':
      m.executionsAborted.inc(labels);
      break;
  }
  m.executionTime.observe({ state_machine: stateMachine, status }, Math.max(0, durationSeconds));
}
