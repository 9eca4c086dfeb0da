/**
 * `stepwise_timers_pending`: how many durable timers wait in the scheduler's sorted set (ZCARD).
 * The leader scheduler samples it periodically; a growing value with no lateness means load,
 * a growing value with lateness means the timer loop is behind.
 */
import type { EngineCore } from '../core.js';
import { metrics } from '@stepwise/observability';

/** Reads the timer set's size and sets the gauge; returns it. */
export async function sampleTimersPending(core: EngineCore): Promise<number> {
  const n = await core.redis.zcard(core.keys.timers());
  metrics.timersPending.set(n);
  return n;
}
