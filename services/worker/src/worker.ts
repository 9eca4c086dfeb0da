/**
 * The worker process's body: an engine on Redis, BullMQ consumers of the advance, task and express queues
 * (STEPWISE_WORKER_CONCURRENCY each), and the health server (`/healthz`, `/readyz` = Redis
 * answers, `/metrics`), with the queue gauges refreshed every 5 s. `startWorker` is also what the all-in-one process calls.
 */
import type { Config } from '@stepwise/config';
import { engineFromConfig, startWorkers, type EngineDeps } from '@stepwise/engine';
import { createLogger, markService, scheduleQueueMetrics, startOpsServer, trackRedisConnection, type OpsServer } from '@stepwise/observability';

export interface WorkerHandle {
  /** The health server's port (when PORT was set). */
  readonly port?: number;
  /** Stops taking jobs, finishes the running ones (or releases them when `force`), closes connections. */
  close(force?: boolean): Promise<void>;
}

export async function startWorker(config: Config, deps: EngineDeps = {}): Promise<WorkerHandle> {
  const logger = createLogger({ service: 'worker', level: config.LOG_LEVEL });
  const log: NonNullable<EngineDeps['log']> = deps.log ?? ((level, msg, fields) => logger[level](fields ?? {}, msg));
  const { engine, redis } = engineFromConfig(config, { ...deps, log });
  markService('worker');
  trackRedisConnection(redis, 'main');
  const workers = startWorkers(engine.core, { concurrency: config.STEPWISE_WORKER_CONCURRENCY });
  // Queue depth and oldest-job age (dashboards, StepwiseQueueBacklogOld, StepwiseJobsStalling).
  const queueMetrics = scheduleQueueMetrics([engine.core.advanceQueue, engine.core.taskQueue, engine.core.expressQueue], {
    onError: (e) => log('warn', 'queue metrics failed', { error: String(e) }),
  });
  let ops: OpsServer | undefined;
  if (config.PORT !== undefined) {
    ops = await startOpsServer({
      port: config.PORT,
      host: config.HOST,
      ready: async () => (await redis.ping()) === 'PONG',
    });
  }
  logger.info({ concurrency: config.STEPWISE_WORKER_CONCURRENCY, prefix: config.STEPWISE_KEY_PREFIX }, 'worker started');
  return {
    ...(ops ? { port: ops.port } : {}),
    async close(force = false) {
      await workers.close(force);
      await queueMetrics.stop();
      await ops?.close();
      await engine.close();
      if (!deps.redis) redis.disconnect();
      logger.info('worker stopped');
    },
  };
}
