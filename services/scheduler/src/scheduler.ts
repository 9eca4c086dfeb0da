/**
 * The scheduler process's body: a leader lease (active/standby); the leader runs the precise
 * timer loop (Waits, retries, task and execution timeouts, heartbeats) and the outbox sweep
 * (relays what a crash left between commit and relay). Health server as the worker's.
 */
import type { Config } from '@stepwise/config';
import { engineFromConfig, startLeaderLease, sampleTimersPending, startTimerLoop, type EngineDeps } from '@stepwise/engine';
import { createLogger, markService, metrics, startOpsServer, trackRedisConnection, type OpsServer } from '@stepwise/observability';

export interface SchedulerHandle {
  readonly port?: number;
  isLeader(): boolean;
  close(): Promise<void>;
}

export interface SchedulerOptions {
  /** How long an outbox may stay unrelayed before the sweep relays it (ms). */
  readonly sweepAfterMs?: number;
  readonly sweepEveryMs?: number;
}

export async function startScheduler(config: Config, deps: EngineDeps = {}, opts: SchedulerOptions = {}): Promise<SchedulerHandle> {
  const logger = createLogger({ service: 'scheduler', level: config.LOG_LEVEL });
  const log: NonNullable<EngineDeps['log']> = deps.log ?? ((level, msg, fields) => logger[level](fields ?? {}, msg));
  const { engine, redis } = engineFromConfig(config, { autoPipelining: true, ...deps, log });
  markService('scheduler');
  trackRedisConnection(redis, 'main');
  const core = engine.core;
  const lease = startLeaderLease(redis, core.keys.schedulerLease(), config.STEPWISE_LEADER_LEASE_MS, (leader) => {
    metrics.schedulerLeader.set(leader ? 1 : 0);
    logger.info({ leader }, leader ? 'leader lease taken' : 'leader lease lost');
  });
  const timers = startTimerLoop(core, { isLeader: () => lease.isLeader() });
  const sweepAfter = opts.sweepAfterMs ?? 2_000;
  const sweeper = setInterval(() => {
    if (!lease.isLeader()) return;
    core.relay.sweep(core.clock.now(), sweepAfter).catch((e: unknown) => log('warn', 'outbox sweep failed', { error: String(e) }));
    sampleTimersPending(core).catch((e: unknown) => log('warn', 'timers pending sample failed', { error: String(e) }));
  }, opts.sweepEveryMs ?? 1_000);
  let ops: OpsServer | undefined;
  if (config.PORT !== undefined) {
    ops = await startOpsServer({ port: config.PORT, host: config.HOST, ready: async () => (await redis.ping()) === 'PONG' });
  }
  logger.info({ prefix: config.STEPWISE_KEY_PREFIX, leaseMs: config.STEPWISE_LEADER_LEASE_MS }, 'scheduler started');
  return {
    ...(ops ? { port: ops.port } : {}),
    isLeader: () => lease.isLeader(),
    async close() {
      clearInterval(sweeper);
      await timers.stop();
      await lease.stop();
      await ops?.close();
      await engine.close();
      if (!deps.redis) redis.disconnect();
      logger.info('scheduler stopped');
    },
  };
}
