/**
 * `stepwise_redis_connected` follows a Redis client's connection events, so the "Redis
 * unreachable" alert and the workers dashboard see every process's view of Redis. Structural
 * typing keeps ioredis out of this package: an ioredis `Redis` (or BullMQ's connection) fits.
 */
import { processRegistry, type MetricsRegistry } from './metrics.js';

/** The part of an ioredis client this module reads. */
export interface RedisEventSource {
  readonly status: string;
  on(event: 'ready' | 'close' | 'end' | 'error' | 'reconnecting', listener: (...args: unknown[]) => void): unknown;
}

/**
 * Sets `stepwise_redis_connected{client=name}` now and on every connection change of `client`;
 * returns its current value. A process that never calls it exports no such series (so the alert
 * cannot fire for it by mistake, and the live Prometheus test notices the missing call).
 */
export function trackRedisConnection(client: RedisEventSource, name = 'main', reg: MetricsRegistry = processRegistry): number {
  const g = reg.metrics.redisConnected;
  const set = (up: boolean) => g.set({ client: name }, up ? 1 : 0);
  set(client.status === 'ready');
  client.on('ready', () => set(true));
  client.on('close', () => set(false));
  client.on('end', () => set(false));
  client.on('reconnecting', () => set(false));
  client.on('error', () => reg.metrics.redisErrors.inc({ command: 'connection' }));
  return client.status === 'ready' ? 1 : 0;
}
