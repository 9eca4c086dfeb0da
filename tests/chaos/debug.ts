/** On a failed chaos run: what a stuck execution's keys hold (frames, signals, outbox, timers). */
import type { Redis } from 'ioredis';

export async function dumpExecution(redis: Redis, prefix: string, executionArn: string): Promise<string> {
  const parts = executionArn.split(':');
  const id = `${parts[6]}.${parts[7]}`;
  const keys = await redis.keys(`${prefix}:{${id}}:*`);
  const out: string[] = [];
  for (const k of keys.sort()) {
    const t = await redis.type(k);
    const v = t === 'hash' ? await redis.hgetall(k) : t === 'list' ? await redis.lrange(k, -5, -1) : t === 'set' ? await redis.smembers(k) : t;
    out.push(`${k} (${t}): ${JSON.stringify(v).slice(0, 1500)}`);
  }
  const timers = await redis.zrange(`${prefix}:timers`, 0, -1);
  out.push(`timers for it: ${timers.filter((m) => m.startsWith(id)).join(', ')}`);
  const dirty = await redis.zrange(`${prefix}:dirty`, 0, -1);
  out.push(`dirty marks: ${dirty.filter((m) => m.startsWith(id)).join(', ')}`);
  return out.join('\n');
}
