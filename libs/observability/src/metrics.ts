/**
 * Every Prometheus metric of every Stepwise service, declared in one place: name, help, type and
 * labels. Dashboards (deploy/grafana), alert rules (deploy/prometheus) and the KEDA/HPA scalers
 * are written against these names, and tests/deploy checks that they query nothing else.
 *
 * Names follow AWS's CloudWatch metrics for Step Functions where one exists (ExecutionsStarted →
 * `stepwise_executions_started_total`, ExecutionTime → `stepwise_execution_time_seconds`, …);
 * times are in seconds as Prometheus expects (CloudWatch reports milliseconds).
 *
 * Labels are bounded: a state machine name, a state type, an api action, a queue, a status, an
 * activity name, an integration kind — never an execution id, ARN, job id or task token.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { setBuildInfo } from './build-info.js';

/** Buckets for latencies measured in milliseconds to seconds (dispatch, Redis, timers, requests). */
const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Buckets for executions and activities, which run from milliseconds to days. */
const LONG_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14400, 86400, 604800];

/** The label names used anywhere; listed so a label value can never be an id by accident. */
export const METRIC_LABELS = [
  'state_machine',
  'state_type',
  'status',
  'action',
  'error',
  'queue',
  'activity',
  'integration',
  'kind',
  'command',
  'client',
  'service',
  'version',
  'node',
] as const;
export type MetricLabel = (typeof METRIC_LABELS)[number];

/** Where a timer came from (timer lateness is reported per kind). */
export type TimerKind = 'wait' | 'retry' | 'task_timeout' | 'heartbeat_timeout' | 'execution_timeout' | 'schedule';
/** Task integration families (the Resource field, reduced to a bounded set). */
export type IntegrationKind = 'http' | 'lambda' | 'activity' | 'states' | 'bullmq' | 'approval' | 'callback' | 'handler';
/** BullMQ job counts reported as queue depth. */
export type QueueJobStatus = 'waiting' | 'active' | 'delayed' | 'prioritized' | 'waiting-children' | 'failed';
/** Terminal statuses of an execution, as DescribeExecution names them. */
export type ExecutionEndStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

function declare(registry: Registry) {
  const r = [registry];
  const counter = <L extends MetricLabel>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: r });
  const gauge = <L extends MetricLabel>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers: r });
  const histogram = <L extends MetricLabel>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers: r });

  return {
    // ---- Executions (AWS: ExecutionsStarted, ExecutionsSucceeded, ...; dimension StateMachineArn)
    executionsStarted: counter('stepwise_executions_started_total', 'Executions started (AWS ExecutionsStarted).', ['state_machine']),
    executionsSucceeded: counter('stepwise_executions_succeeded_total', 'Executions that succeeded (AWS ExecutionsSucceeded).', ['state_machine']),
    executionsFailed: counter('stepwise_executions_failed_total', 'Executions that failed (AWS ExecutionsFailed).', ['state_machine']),
    executionsAborted: counter('stepwise_executions_aborted_total', 'Executions stopped by StopExecution (AWS ExecutionsAborted).', ['state_machine']),
    executionsTimedOut: counter('stepwise_executions_timed_out_total', 'Executions that reached TimeoutSeconds (AWS ExecutionsTimedOut).', ['state_machine']),
    executionsThrottled: counter('stepwise_executions_throttled_total', 'StartExecution/StartSyncExecution requests refused by the rate limit, by state machine (AWS ExecutionThrottled).', ['state_machine']),
    executionsRedriven: counter('stepwise_executions_redriven_total', 'Executions redriven (AWS ExecutionsRedriven).', ['state_machine']),
    executionTime: histogram('stepwise_execution_time_seconds', 'Time from start to close of an execution (AWS ExecutionTime).', ['state_machine', 'status'], LONG_BUCKETS),

    // ---- Activities (AWS: ActivitiesScheduled, ..., ActivityScheduleTime, ActivityRunTime, ActivityTime)
    activitiesScheduled: counter('stepwise_activities_scheduled_total', 'Activity tasks scheduled (AWS ActivitiesScheduled).', ['activity']),
    activitiesStarted: counter('stepwise_activities_started_total', 'Activity tasks handed to a worker by GetActivityTask (AWS ActivitiesStarted).', ['activity']),
    activitiesSucceeded: counter('stepwise_activities_succeeded_total', 'Activity tasks that succeeded (AWS ActivitiesSucceeded).', ['activity']),
    activitiesFailed: counter('stepwise_activities_failed_total', 'Activity tasks that failed (AWS ActivitiesFailed).', ['activity']),
    activitiesTimedOut: counter('stepwise_activities_timed_out_total', 'Activity tasks that reached TimeoutSeconds (AWS ActivitiesTimedOut).', ['activity']),
    activitiesHeartbeatTimedOut: counter('stepwise_activities_heartbeat_timed_out_total', 'Activity tasks whose heartbeat timed out (AWS ActivitiesHeartbeatTimedOut).', ['activity']),
    activityScheduleTime: histogram('stepwise_activity_schedule_time_seconds', 'Time an activity task waited for a worker (AWS ActivityScheduleTime).', ['activity'], LONG_BUCKETS),
    activityRunTime: histogram('stepwise_activity_run_time_seconds', 'Time an activity ran once started (AWS ActivityRunTime).', ['activity'], LONG_BUCKETS),
    activityTime: histogram('stepwise_activity_time_seconds', 'Time from scheduling to completion of an activity (AWS ActivityTime).', ['activity'], LONG_BUCKETS),

    // ---- Service integrations (AWS: ServiceIntegrations*, LambdaFunctions* folded in as integration="lambda")
    serviceIntegrationsScheduled: counter('stepwise_service_integrations_scheduled_total', 'Task integrations scheduled (AWS ServiceIntegrationsScheduled).', ['integration']),
    serviceIntegrationsSucceeded: counter('stepwise_service_integrations_succeeded_total', 'Task integrations that succeeded (AWS ServiceIntegrationsSucceeded).', ['integration']),
    serviceIntegrationsFailed: counter('stepwise_service_integrations_failed_total', 'Task integrations that failed (AWS ServiceIntegrationsFailed).', ['integration']),
    serviceIntegrationsTimedOut: counter('stepwise_service_integrations_timed_out_total', 'Task integrations that timed out (AWS ServiceIntegrationsTimedOut).', ['integration']),
    serviceIntegrationTime: histogram('stepwise_service_integration_time_seconds', 'Time from scheduling to completion of a task integration (AWS ServiceIntegrationTime).', ['integration'], LONG_BUCKETS),

    // ---- The engine's own
    stateTransitions: counter('stepwise_state_transitions_total', 'States entered (one per StateEntered event).', ['state_machine', 'state_type']),
    stepCommits: counter('stepwise_step_commits_total', 'Atomic commits of a run-until-blocked step, by outcome (committed, stale, closed, missing).', ['status']),
    taskDispatchLatency: histogram('stepwise_task_dispatch_latency_seconds', 'Time from the commit that scheduled a task to its dispatch by a worker.', ['integration'], FAST_BUCKETS),
    timerLateness: histogram('stepwise_timer_lateness_seconds', 'How late a durable timer fired after its due time.', ['kind'], FAST_BUCKETS),
    timersPending: gauge('stepwise_timers_pending', 'Durable timers waiting for their due time (scheduler leader only).', []),
    queueDepth: gauge('stepwise_queue_depth', 'Jobs in a queue, by BullMQ status.', ['queue', 'status']),
    queueOldestJobAge: gauge('stepwise_queue_oldest_job_age_seconds', 'Age of the oldest waiting job in a queue (0 when empty).', ['queue']),
    jobsProcessed: counter('stepwise_jobs_processed_total', 'Queue jobs processed by a worker, by outcome (completed, failed, stale).', ['queue', 'status']),
    jobDuration: histogram('stepwise_job_duration_seconds', 'Time a worker spent on one queue job.', ['queue'], FAST_BUCKETS),
    jobRetries: counter('stepwise_job_retries_total', 'Queue jobs retried after an error.', ['queue']),
    jobStalls: counter('stepwise_job_stalls_total', 'Queue jobs found stalled (their worker died or blocked) and moved back.', ['queue']),
    outboxRelayed: counter('stepwise_outbox_relayed_total', 'Outbox entries turned into queue jobs, by who relayed them (worker, sweep).', ['kind']),
    redisCommandDuration: histogram('stepwise_redis_command_duration_seconds', 'Latency of Redis commands and engine scripts, by command or script name.', ['command'], FAST_BUCKETS),
    redisErrors: counter('stepwise_redis_errors_total', 'Redis commands or connections that failed.', ['command']),
    redisConnected: gauge('stepwise_redis_connected', 'Whether a Redis connection of this process is up (1) or not (0), by connection name.', ['client']),
    schedulerLeader: gauge('stepwise_scheduler_leader', 'Whether this scheduler holds the leader lease (1) or not (0).', []),

    // ---- API
    apiRequests: counter('stepwise_api_requests_total', 'API requests by action (AWS action or REST route) and HTTP status.', ['action', 'status']),
    apiErrors: counter('stepwise_api_errors_total', 'API requests answered with an error, by action and AWS error name (__type).', ['action', 'error']),
    apiThrottled: counter('stepwise_api_throttled_total', 'API requests refused by a rate limit, by action (AWS ThrottledEvents).', ['action']),
    apiRequestDuration: histogram('stepwise_api_request_duration_seconds', 'API request latency by action.', ['action'], FAST_BUCKETS),

    // ---- Process
    buildInfo: gauge('stepwise_build_info', 'Always 1; labels say which service runs, its version and the Node.js version.', ['service', 'version', 'node']),
  } as const;
}

/** The typed set of every Stepwise metric. */
export type StepwiseMetrics = ReturnType<typeof declare>;

export interface MetricsRegistry {
  readonly registry: Registry;
  readonly metrics: StepwiseMetrics;
}

export interface MetricsRegistryOptions {
  /** Node.js process metrics (CPU, memory, event loop lag, GC) as prom-client's defaults. Default true. */
  readonly processMetrics?: boolean;
  /** Sets `stepwise_build_info{service,version,node}` to 1. */
  readonly service?: string;
}

/** A fresh registry holding every Stepwise metric (tests, or a process that wants its own). */
export function createMetricsRegistry(opts: MetricsRegistryOptions = {}): MetricsRegistry {
  const registry = new Registry();
  const metrics = declare(registry);
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  if (opts.service !== undefined) setBuildInfo({ registry, metrics }, opts.service);
  return { registry, metrics };
}

/**
 * The registry shared by everything in this process, with process metrics (the all-in-one mode
 * runs api, scheduler and worker in one process: they share it and serve it on `/metrics`).
 */
export const processRegistry: MetricsRegistry = createMetricsRegistry();

/** Every metric on the process-wide registry: `metrics.executionsStarted.inc({ state_machine })`. */
export const metrics: StepwiseMetrics = processRegistry.metrics;


/** Marks this process as running `service` in `stepwise_build_info` (call once per service started). */
export function markService(service: string, reg: MetricsRegistry = processRegistry): void {
  setBuildInfo(reg, service);
}

/** Starts a timer for a histogram and returns a function that records the seconds elapsed. */
export function startTimer(): () => number {
  const t0 = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - t0) / 1e9;
}
