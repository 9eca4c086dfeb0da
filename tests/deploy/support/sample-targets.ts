// Stand-in api, worker and scheduler for the live Prometheus test until the real services record
// every metric: three /metrics servers on loopback, each with its own registry from the one
// metrics module, fed by sample traffic that touches every metric the dashboards and alerts read.
// Job metrics come from a real instrumented BullMQ worker, queue gauges from real BullMQ queues,
// Redis timings and the connection gauge from a real ioredis connection.
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  collectQueueMetrics,
  createMetricsRegistry,
  instrumentWorker,
  observeTimerFired,
  timeRedis,
  recordExecutionClosed,
  startOpsServer,
  trackRedisConnection,
  type MetricsRegistry,
  type OpsServer,
} from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import type { ScrapeTarget } from './prometheus-server.js';

export interface Targets {
  readonly targets: ScrapeTarget[];
  /** One round of traffic (call it every few hundred ms while Prometheus scrapes). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const MACHINES = ['Orders', 'Billing'] as const;
const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail'] as const;

export async function startSampleTargets(redisUrl: string): Promise<Targets> {
  const regs: Record<'api' | 'worker' | 'scheduler', MetricsRegistry> = {
    api: createMetricsRegistry({ service: 'api' }),
    worker: createMetricsRegistry({ service: 'worker' }),
    scheduler: createMetricsRegistry({ service: 'scheduler' }),
  };
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  for (const r of Object.values(regs)) trackRedisConnection(connection, 'main', r);
  const prefix = uniquePrefix('promlive');
  const advance = new Queue('advance', { connection, prefix });
  const task = new Queue('task', { connection, prefix });
  // A real BullMQ worker on the advance queue, instrumented as the worker service does it: every
  // other job fails its first attempt and is retried.
  const attempts = new Map<string, number>();
  const consumer = new Worker(
    'advance',
    async (job: Job) => {
      const n = (attempts.get(job.id!) ?? 0) + 1;
      attempts.set(job.id!, n);
      await new Promise((r) => setTimeout(r, 5));
      if (job.name === 'flaky' && n === 1) throw new Error('first attempt fails');
    },
    { connection, prefix, concurrency: 2 },
  );
  instrumentWorker(consumer, regs.worker);
  const servers: OpsServer[] = [];
  for (const [service, reg] of Object.entries(regs)) {
    servers.push(await startOpsServer({ port: 0, host: '127.0.0.1', registry: reg.registry }));
    void service;
  }
  const targets = (['api', 'worker', 'scheduler'] as const).map((s, i) => ({ job: `stepwise-${s}`, port: servers[i]!.port }));
  let n = 0;

  async function tick(): Promise<void> {
    n++;
    const { api, worker, scheduler } = regs;
    for (const sm of MACHINES) {
      api.metrics.executionsStarted.inc({ state_machine: sm }, 3);
      api.metrics.apiRequests.inc({ action: 'StartExecution', status: '200' }, 3);
      api.metrics.apiRequestDuration.observe({ action: 'StartExecution' }, 0.004 + Math.random() * 0.01);
      for (const st of STATE_TYPES) worker.metrics.stateTransitions.inc({ state_machine: sm, state_type: st });
      recordExecutionClosed(sm, 'SUCCEEDED', 1 + Math.random(), worker);
      recordExecutionClosed(sm, 'FAILED', 0.5, worker);
      if (n % 3 === 0) recordExecutionClosed(sm, 'TIMED_OUT', 1, worker);
      if (n % 4 === 0) recordExecutionClosed(sm, 'ABORTED', 2, worker);
    }
    api.metrics.apiRequests.inc({ action: 'DescribeExecution', status: '400' });
    api.metrics.apiErrors.inc({ action: 'DescribeExecution', error: 'ExecutionDoesNotExist' });
    api.metrics.apiThrottled.inc({ action: 'StartExecution' });
    api.metrics.redisCommandDuration.observe({ command: 'start-execution' }, 0.001);
    worker.metrics.jobStalls.inc({ queue: 'advance' });
    worker.metrics.taskDispatchLatency.observe({ integration: 'http' }, 0.002 + Math.random() * 0.01);
    worker.metrics.serviceIntegrationsScheduled.inc({ integration: 'http' }, 2);
    worker.metrics.serviceIntegrationsSucceeded.inc({ integration: 'http' });
    worker.metrics.serviceIntegrationsFailed.inc({ integration: 'http' });
    worker.metrics.serviceIntegrationsTimedOut.inc({ integration: 'http' });
    worker.metrics.serviceIntegrationTime.observe({ integration: 'http' }, 0.05);
    worker.metrics.activitiesScheduled.inc({ activity: 'review' });
    worker.metrics.activityScheduleTime.observe({ activity: 'review' }, 0.2);
    worker.metrics.activityRunTime.observe({ activity: 'review' }, 0.4);
    worker.metrics.activitiesHeartbeatTimedOut.inc({ activity: 'review' });
    worker.metrics.stepCommits.inc({ status: 'committed' }, 5);
    worker.metrics.stepCommits.inc({ status: 'stale' });
    worker.metrics.outboxRelayed.inc({ kind: 'worker' }, 4);
    await timeRedis('ping', () => connection.ping(), worker);
    await timeRedis('bogus', () => connection.call('NOSUCHCOMMAND'), worker).catch(() => undefined);
    await advance.add('ok', { n });
    await advance.add('flaky', { n }, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    await task.add('t', { n }, { timestamp: Date.now() - 2000 });
    await collectQueueMetrics([advance, task], worker);
    scheduler.metrics.schedulerLeader.set(1);
    const due = Date.now() - Math.round(4 + Math.random() * 20);
    observeTimerFired('wait', due, Date.now(), scheduler);
    scheduler.metrics.timersPending.set(10 + (n % 5));
    scheduler.metrics.redisCommandDuration.observe({ command: 'fire-timer' }, 0.001);
  }

  return {
    targets,
    tick,
    async stop() {
      await consumer.close();
      await Promise.all(servers.map((s) => s.close()));
      await advance.obliterate({ force: true }).catch(() => undefined);
      await task.obliterate({ force: true }).catch(() => undefined);
      await advance.close();
      await task.close();
      connection.disconnect();
    },
  };
}
