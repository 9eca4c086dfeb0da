/**
 * One atomic change of the registry: every check (a hash field still holds the JSON we read, or
 * is still absent) and every write happen in one Lua script, so two api replicas racing on the
 * same state machine cannot both win. The caller reads, computes the new records, and commits
 * with the old values as the version check; a lost race answers `false` and the caller re-reads.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type CasOp =
  | { readonly op: 'expect'; readonly key: string; readonly field: string; readonly value: string | null }
  | { readonly op: 'hset'; readonly key: string; readonly field: string; readonly value: string }
  | { readonly op: 'hdel'; readonly key: string; readonly field: string }
  | { readonly op: 'zadd'; readonly key: string; readonly member: string }
  | { readonly op: 'zrem'; readonly key: string; readonly member: string }
  | { readonly op: 'del'; readonly key: string };

// KEYS: every key named by the ops. ARGV[1]: JSON array of ops with key indexes (1-based).
// Checks all `expect` ops first; on any mismatch returns 0 and writes nothing. Else applies the
// writes in order and returns 1.
const LUA = `
local ops = cjson.decode(ARGV[1])
for _, o in ipairs(ops) do
  if o[1] == 'expect' then
    local cur = redis.call('HGET', KEYS[o[2]], o[3])
    if o[4] == cjson.null then
      if cur then return 0 end
    elseif cur ~= o[4] then
      return 0
    end
  end
end
for _, o in ipairs(ops) do
  local k = KEYS[o[2]]
  if o[1] == 'hset' then redis.call('HSET', k, o[3], o[4])
  elseif o[1] == 'hdel' then redis.call('HDEL', k, o[3])
  elseif o[1] == 'zadd' then redis.call('ZADD', k, 0, o[3])
  elseif o[1] == 'zrem' then redis.call('ZREM', k, o[3])
  elseif o[1] == 'del' then redis.call('DEL', k)
  end
end
return 1
`;
const SHA = createHash('sha1').update(LUA).digest('hex');

/** Applies the ops atomically; false when an `expect` no longer holds (someone else changed it). */
export async function commitCas(redis: Redis, ops: readonly CasOp[]): Promise<boolean> {
  const keys: string[] = [];
  const index = (key: string) => {
    let i = keys.indexOf(key);
    if (i < 0) i = keys.push(key) - 1;
    return i + 1;
  };
  const encoded = ops.map((o) => {
    switch (o.op) {
      case 'expect':
        return ['expect', index(o.key), o.field, o.value];
      case 'hset':
        return ['hset', index(o.key), o.field, o.value];
      case 'hdel':
        return ['hdel', index(o.key), o.field];
      case 'zadd':
      case 'zrem':
        return [o.op, index(o.key), o.member];
      case 'del':
        return ['del', index(o.key)];
    }
  });
  const payload = JSON.stringify(encoded);
  let reply: unknown;
  try {
    reply = await redis.evalsha(SHA, keys.length, ...keys, payload);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes('NOSCRIPT')) throw e;
    reply = await redis.eval(LUA, keys.length, ...keys, payload);
  }
  return reply === 1;
}
