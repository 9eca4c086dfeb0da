/**
 * A leader lease in Redis: the scheduler that holds it fires timers and sweeps; the others are
 * hot standbys that try to take it every third of the lease. No home-made consensus: one key
 * with an expiry, renewed by its holder (renew-lease.lua), released on shutdown.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { releaseLeaseScript, renewLeaseScript } from './scripts/scripts.js';

export interface LeaderLease {
  readonly holder: string;
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function startLeaderLease(redis: Redis, key: string, leaseMs: number, onChange?: (leader: boolean) => void): LeaderLease {
  const holder = randomUUID();
  let leader = false;
  let heldUntil = 0;
  let stopped = false;
  const tick = async () => {
    try {
      const started = Date.now();
      const held = await renewLeaseScript(redis, key, holder, leaseMs);
      if (held) heldUntil = started + leaseMs;
      const now = held && Date.now() < heldUntil;
      if (now !== leader) {
        leader = now;
        onChange?.(leader);
      }
    } catch {
      if (leader && Date.now() >= heldUntil) {
        leader = false;
        onChange?.(false);
      }
    }
  };
  const timer = setInterval(() => void tick(), Math.max(50, Math.floor(leaseMs / 3)));
  void tick();
  return {
    holder,
    // A lease we could not renew in time is not ours any more, whatever we last heard.
    isLeader: () => leader && Date.now() < heldUntil,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (leader) await releaseLeaseScript(redis, key, holder).catch(() => false);
      leader = false;
    },
  };
}
