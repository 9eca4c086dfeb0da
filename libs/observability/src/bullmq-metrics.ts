/**
 * One-line instrumentation of a BullMQ worker: `instrumentWorker(worker)` counts processed jobs
 * by outcome, their duration, retries and stalls, from the worker's own events. Structural types
 * keep BullMQ out of this package: a BullMQ `Worker` fits `WorkerEvents`.
 */
import { processRegistry, type MetricsRegistry } from './metrics.js';

/** The part of a BullMQ job the events carry that this module reads. */
export interface JobTiming {
  readonly processedOn?: number | undefined;
  readonly finishedOn?: number | undefined;
  readonly attemptsMade: number;
  readonly opts: { readonly attempts?: number | undefined };
}

/** The part of a BullMQ `Worker` this module uses. */
export interface WorkerEvents {
  readonly name: string;
  on(event: 'completed', listener: (job: JobTiming) => void): unknown;
  on(event: 'failed', listener: (job: JobTiming | undefined, error: Error) => void): unknown;
  on(event: 'stalled', listener: (jobId: string) => void): unknown;
}

// A failed attempt that BullMQ retries has no finishedOn: it ends now.
function seconds(job: JobTiming): number | undefined {
  return job.processedOn !== undefined ? Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000) : undefined;
}

/**
 * Records `stepwise_jobs_processed_total{queue,status}` (completed, failed), `stepwise_job_duration_seconds`,
 * `stepwise_job_retries_total` (a failed attempt that BullMQ will retry) and `stepwise_job_stalls_total`.
 * The queue label is the worker's queue name.
 */
export function instrumentWorker(worker: WorkerEvents, reg: MetricsRegistry = processRegistry): void {
  const m = reg.metrics;
  const queue = worker.name;
  worker.on('completed', (job) => {
    m.jobsProcessed.inc({ queue, status: 'completed' });
    const s = seconds(job);
    if (s !== undefined) m.jobDuration.observe({ queue }, s);
  });
  worker.on('failed', (job) => {
    m.jobsProcessed.inc({ queue, status: 'failed' });
    if (!job) return;
    const s = seconds(job);
    if (s !== undefined) m.jobDuration.observe({ queue }, s);
    if (job.attemptsMade < (job.opts.attempts ?? 1)) m.jobRetries.inc({ queue });
  });
  worker.on('stalled', () => m.jobStalls.inc({ queue }));
}

/**
 * Times one Redis command or engine script: `stepwise_redis_command_duration_seconds{command}`,
 * and `stepwise_redis_errors_total{command}` when it throws (the error is rethrown).
 */
export async function timeRedis<T>(command: string, fn: () => Promise<T>, reg: MetricsRegistry = processRegistry): Promise<T> {
  const t0 = process.hrtime.bigint();
  try {
    return await fn();
  } catch (err) {
    reg.metrics.redisErrors.inc({ command });
    throw err;
  } finally {
    reg.metrics.redisCommandDuration.observe({ command }, Number(process.hrtime.bigint() - t0) / 1e9);
  }
}

/** Records how late a durable timer fired: `stepwise_timer_lateness_seconds{kind}`. */
export function observeTimerFired(kind: string, dueMs: number, nowMs: number, reg: MetricsRegistry = processRegistry): void {
  reg.metrics.timerLateness.observe({ kind }, Math.max(0, (nowMs - dueMs) / 1000));
}
