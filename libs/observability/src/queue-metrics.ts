/**
 * Queue depth and oldest-job age per queue, read from BullMQ and published as gauges. Kept apart
 * from the queues themselves so observability needs no BullMQ import: any object with BullMQ's
 * `getJobCounts` and `getJobs` methods will do. The worker (or the scheduler leader) schedules it;
 * dashboards, alerts and the api's HPA read the gauges.
 */
import { processRegistry, type MetricsRegistry, type QueueJobStatus } from './metrics.js';

/** The part of a BullMQ `Queue` this module reads. */
export interface QueueLike {
  readonly name: string;
  getJobCounts(...types: QueueJobStatus[]): Promise<Record<string, number>>;
  getJobs(types: ('waiting' | 'prioritized')[], start?: number, end?: number, asc?: boolean): Promise<readonly ({ readonly timestamp: number } | undefined)[]>;
}

const STATUSES: readonly QueueJobStatus[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'];

/** Reads every queue once and sets `stepwise_queue_depth` and `stepwise_queue_oldest_job_age_seconds`. */
export async function collectQueueMetrics(
  queues: readonly QueueLike[],
  reg: MetricsRegistry = processRegistry,
  now: () => number = Date.now,
): Promise<void> {
  await Promise.all(
    queues.map(async (q) => {
      const counts = await q.getJobCounts(...STATUSES);
      for (const status of STATUSES) reg.metrics.queueDepth.set({ queue: q.name, status }, counts[status] ?? 0);
      const [oldest] = await q.getJobs(['waiting', 'prioritized'], 0, 0, true);
      const age = oldest ? Math.max(0, (now() - oldest.timestamp) / 1000) : 0;
      reg.metrics.queueOldestJobAge.set({ queue: q.name }, age);
    }),
  );
}

export interface QueueMetricsSchedule {
  /** Stops the collection; resolves once a collection in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Collects queue metrics every `intervalMs` (default 5 s) until stopped. Errors (Redis down) are
 * reported to `onError` and counted in `stepwise_redis_errors_total{command="queue_metrics"}`;
 * the next tick tries again.
 */
export function scheduleQueueMetrics(
  queues: readonly QueueLike[],
  opts: { readonly intervalMs?: number; readonly registry?: MetricsRegistry; readonly onError?: (err: unknown) => void } = {},
): QueueMetricsSchedule {
  const reg = opts.registry ?? processRegistry;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = () => {
    inFlight = collectQueueMetrics(queues, reg).catch((err: unknown) => {
      reg.metrics.redisErrors.inc({ command: 'queue_metrics' });
      opts.onError?.(err);
    });
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 5000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
