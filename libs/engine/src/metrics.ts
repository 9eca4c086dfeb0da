/**
 * The engine's calls into @stepwise/observability's one metrics registry: executions started and
 * closed (AWS's names), states entered, step commits by outcome, timer lateness, jobs processed,
 * task dispatch latency, service integrations and outbox entries relayed.
 * Label values are bounded: state machine name and state type, never an execution id.
 */
import { metrics, recordExecutionClosed, type IntegrationKind } from '@stepwise/observability';
import type { StepResult } from '@stepwise/asl';
import { BULLMQ_ADD_JOB } from './integrations/bullmq-job.js';

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

export function countCommit(status: 'committed' | 'stale' | 'closed' | 'aborted' | 'conflict' | 'deleted'): void {
  metrics.stepCommits.inc({ status });
}

export function observeTimerLateness(kind: string, ms: number): void {
  metrics.timerLateness.observe({ kind }, Math.max(0, ms) / 1000);
}

export function countJob(queue: string, status: string, seconds: number): void {
  metrics.jobsProcessed.inc({ queue, status });
  metrics.jobDuration.observe({ queue }, seconds);
}

/** The bounded `integration` label of a task's Resource (what the dashboards group by). */
export function integrationOf(resource: string, handlers: ReadonlyMap<string, unknown>): IntegrationKind {
  const base = resource.replace(/\.(waitForTaskToken|sync:2|sync)$/, '');
  if (handlers.has(resource) || handlers.has(base)) return 'handler';
  if (/^arn:[^:]+:states:::http:invoke$/.test(base)) return 'http';
  if (/^arn:[^:]+:lambda:/.test(base) || /^arn:[^:]+:states:::lambda:invoke$/.test(base)) return 'lambda';
  if (/^arn:[^:]+:states:::states:startExecution$/.test(base)) return 'states';
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(base)) return 'activity';
  if (base === BULLMQ_ADD_JOB) return 'bullmq';
  return 'handler';
}

/**
 * A task job picked by a worker: `stepwise_task_dispatch_latency_seconds` (now − when the commit
 * scheduled it) and `stepwise_service_integrations_scheduled_total`.
 */
export function countTaskDispatched(integration: IntegrationKind, scheduledAt: number | undefined, now: number): void {
  if (scheduledAt !== undefined) metrics.taskDispatchLatency.observe({ integration }, Math.max(0, now - scheduledAt) / 1000);
  metrics.serviceIntegrationsScheduled.inc({ integration });
}

/** A task integration answered: succeeded or failed, and how long it took (AWS ServiceIntegrationTime). */
export function countTaskAnswered(integration: IntegrationKind, outcome: 'succeeded' | 'failed', seconds: number): void {
  if (outcome === 'succeeded') metrics.serviceIntegrationsSucceeded.inc({ integration });
  else metrics.serviceIntegrationsFailed.inc({ integration });
  metrics.serviceIntegrationTime.observe({ integration }, seconds);
}

/** Outbox entries relayed: `worker` right after a commit, `sweep` by the scheduler. */
export function countRelayed(kind: 'worker' | 'sweep', entries: number): void {
  if (entries > 0) metrics.outboxRelayed.inc({ kind }, entries);
}

/** The bounded `activity` label: the activity's name from its ARN (never the ARN or a token). */
export function activityName(resource: string): string | undefined {
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:activity:([^:]+)$/.exec(resource);
  return m?.[1];
}

/** An activity task queued for GetActivityTask (AWS ActivitiesScheduled). */
export function countActivityScheduled(activityArn: string): void {
  const activity = activityName(activityArn);
  if (activity !== undefined) metrics.activitiesScheduled.inc({ activity });
}

/** GetActivityTask handed a task out (AWS ActivitiesStarted, ActivityScheduleTime). */
export function countActivityStarted(activityArn: string, scheduledAt: number, now: number): void {
  const activity = activityName(activityArn);
  if (activity === undefined) return;
  metrics.activitiesStarted.inc({ activity });
  metrics.activityScheduleTime.observe({ activity }, Math.max(0, now - scheduledAt) / 1000);
}

/** SendTaskSuccess/Failure closed an activity task (AWS ActivitiesSucceeded/Failed, ActivityRunTime, ActivityTime). */
export function countActivityClosed(activityArn: string, outcome: 'succeeded' | 'failed', scheduledAt: number, startedAt: number | undefined, now: number): void {
  const activity = activityName(activityArn);
  if (activity === undefined) return;
  if (outcome === 'succeeded') metrics.activitiesSucceeded.inc({ activity });
  else metrics.activitiesFailed.inc({ activity });
  if (startedAt !== undefined) metrics.activityRunTime.observe({ activity }, Math.max(0, now - startedAt) / 1000);
  metrics.activityTime.observe({ activity }, Math.max(0, now - scheduledAt) / 1000);
}

/**
 * A task's TimeoutSeconds or HeartbeatSeconds fired: an activity counts as ActivitiesTimedOut or
 * ActivitiesHeartbeatTimedOut, any other task as ServiceIntegrationsTimedOut.
 */
export function countTaskTimedOut(resource: string, heartbeat: boolean, handlers: ReadonlyMap<string, unknown>): void {
  const activity = activityName(resource);
  if (activity !== undefined) {
    if (heartbeat) metrics.activitiesHeartbeatTimedOut.inc({ activity });
    else metrics.activitiesTimedOut.inc({ activity });
    return;
  }
  metrics.serviceIntegrationsTimedOut.inc({ integration: integrationOf(resource, handlers) });
}

/** RedriveExecution restarted an execution (AWS ExecutionsRedriven). */
export function countRedriven(stateMachine: string): void {
  metrics.executionsRedriven.inc({ state_machine: stateMachine });
}
