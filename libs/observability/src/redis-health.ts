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

/** Sets the gauge now and on every connection change of `client`; returns its current value. */
export function trackRedisConnection(client: RedisEventSource, reg: MetricsRegistry = processRegistry): number {
  const g = reg.metrics.redisConnected;
  const set = (up: boolean) => g.set(up ? 1 : 0);
  set(client.status === 'ready');
  client.on('ready', () => set(true));
  client.on('close', () => set(false));
  client.on('end', () => set(false));
  client.on('reconnecting', () => set(false));
  client.on('error', () => reg.metrics.redisErrors.inc({ command: 'connection' }));
  return client.status === 'ready' ? 1 : 0;
}
