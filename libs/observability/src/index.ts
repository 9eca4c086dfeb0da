/**
 * @stepwise/observability: metrics, traces and logs for every service. This entry uses only
 * @opentelemetry/api, prom-client and pino; starting the OpenTelemetry SDK is the job of the
 * `@stepwise/observability/bootstrap` entry (services only).
 */
export {
  metrics,
  processRegistry,
  createMetricsRegistry,
  markService,
  startTimer,
  METRIC_LABELS,
} from './metrics.js';
export type {
  StepwiseMetrics,
  MetricsRegistry,
  MetricsRegistryOptions,
  MetricLabel,
  TimerKind,
  IntegrationKind,
  QueueJobStatus,
  ExecutionEndStatus,
} from './metrics.js';
export { recordExecutionClosed } from './execution-metrics.js';
export { createApiMetrics } from './api-metrics.js';
export type { ApiMetricsAdapter } from './api-metrics.js';
export { collectQueueMetrics, scheduleQueueMetrics } from './queue-metrics.js';
export { instrumentWorker, timeRedis, observeTimerFired } from './bullmq-metrics.js';
export type { WorkerEvents, JobTiming } from './bullmq-metrics.js';
export type { QueueLike, QueueMetricsSchedule } from './queue-metrics.js';
export { trackRedisConnection } from './redis-health.js';
export type { RedisEventSource } from './redis-health.js';
export { metricsHandler, startOpsServer } from './metrics-http.js';
export type { OpsServer, OpsServerOptions } from './metrics-http.js';
export { createLogger, childLogger } from './logger.js';
export type { Logger, LogFields, LoggerConfig, LogLevel } from './logger.js';
export { ATTR, SPAN } from './attributes.js';
export type { AttributeName } from './attributes.js';
export {
  injectTraceContext,
  extractTraceContext,
  currentTraceCarrier,
  parseTraceparent,
  formatTraceparent,
  traceIdOf,
} from './trace-context.js';
export type { TraceCarrier } from './trace-context.js';
export {
  tracer,
  TRACER_NAME,
  withSpan,
  withStateSpan,
  withTaskAttemptSpan,
  withJobSpan,
  startExecutionSpan,
  recordFailure,
  flushTraces,
  SpanKind,
  SpanStatusCode,
} from './tracing.js';
export { stopOnSignals } from './shutdown.js';
export type { StopOnSignalsOptions } from './shutdown.js';
export type { SpanOptions, ExecutionSpanInfo, StateSpanInfo, TaskAttemptSpanInfo, Span, Context } from './tracing.js';
