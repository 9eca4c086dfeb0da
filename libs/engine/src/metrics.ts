/**
 * The engine's calls into @stepwise/observability's one metrics registry: executions started and
 * closed (AWS's names), states entered, step commits by outcome, timer lateness, jobs processed.
 * Label values are bounded: state machine name and state type, never an execution id.
 */
import { metrics, recordExecutionClosed } from '@stepwise/observability';
import type { StepResult } from '@stepwise/asl';

export function countStarted(stateMachine: string): void {
  metrics.executionsStarted.inc({ state_machine: stateMachine });
}

export function countClosed(stateMachine: string, status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED', startDate: number, now: number): void {
  recordExecutionClosed(stateMachine, status, (now - startDate) / 1000);
}

/** After a committed step: states entered, and the close of the execution when the root ended. */
export function countStep(stateMachine: string, frameId: string, result: StepResult, startDate: number, now: number): void {
  for (const e of result.events) {
    if (e.type.endsWith('StateEntered')) metrics.stateTransitions.inc({ state_machine: stateMachine, state_type: e.type.slice(0, -'StateEntered'.length) });
  }
  if (frameId !== 'root') return;
  const b = result.blocked;
  const status = b.kind === 'succeeded' ? 'SUCCEEDED' : b.kind === 'failed' ? 'FAILED' : b.kind === 'timedOut' ? 'TIMED_OUT' : b.kind === 'aborted' ? 'ABORTED' : undefined;
  if (status) countClosed(stateMachine, status, startDate, now);
}

export function countCommit(status: 'committed' | 'stale' | 'closed' | 'aborted' | 'conflict'): void {
  metrics.stepCommits.inc({ status });
}

export function observeTimerLateness(kind: string, ms: number): void {
  metrics.timerLateness.observe({ kind }, Math.max(0, ms) / 1000);
}

export function countJob(queue: string, status: string, seconds: number): void {
  metrics.jobsProcessed.inc({ queue, status });
  metrics.jobDuration.observe({ queue }, seconds);
}
