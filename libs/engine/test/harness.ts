/**
 * Test harness: an engine on the run-wide Redis with a unique key prefix, in-process workers
 * and (optionally) the timer loop, plus helpers to start executions and wait for their end.
 */
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { uniquePrefix } from '@stepwise/testkit';
import { arns } from '@stepwise/protocol';
import { createEngine, type DurableEngine } from '../src/engine.js';
import { IntegrationRegistry, type IntegrationOptions } from '../src/integrations/registry.js';
import { startWorkers, type EngineWorkers } from '../src/workers.js';
import { startTimerLoop, type TimerLoop } from '../src/timers/timer-loop.js';
import { systemClock, type Clock } from '../src/clock.js';
import { AUTO_PIPELINING } from '../src/from-config.js';
import type { ExecutionDescription, StoredHistoryEvent } from '../src/facade.js';
import type { ResolvedStateMachine } from '../src/engine.js';
import type { EngineOptions } from '../src/core.js';

export const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

export interface Harness {
  readonly engine: DurableEngine;
  readonly redis: Redis;
  readonly prefix: string;
  readonly machines: Map<string, ResolvedStateMachine>;
  workers?: EngineWorkers;
  timers?: TimerLoop;
  start(name: string, definition: object, input?: unknown, execName?: string): Promise<string>;
  waitDone(arn: string, timeoutMs?: number): Promise<ExecutionDescription>;
  history(arn: string): Promise<StoredHistoryEvent[]>;
  close(): Promise<void>;
}

export async function harness(opts: { clock?: Clock; timers?: boolean; workers?: boolean; integrations?: IntegrationOptions; timeScale?: number; inlineFirstStep?: boolean; autoPipelining?: boolean; limits?: EngineOptions['limits']; concurrency?: number } = {}): Promise<Harness> {
  // autoPipelining: the connection as the scheduler process opens it
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null, ...(opts.autoPipelining ? AUTO_PIPELINING : {}) });
  const prefix = uniquePrefix('eng');
  const machines = new Map<string, ResolvedStateMachine>();
  const engine = createEngine({
    redis, keyPrefix: prefix, clock: opts.clock ?? systemClock, scope: SCOPE, timeScale: opts.timeScale ?? 1, allowFireTimerNow: true,
    integrations: new IntegrationRegistry({ bullmqConnection: redis, ...opts.integrations }),
    resolveStateMachine: async (arn) => machines.get(arn),
    inlineFirstStep: opts.inlineFirstStep ?? true,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const h: Harness = {
    engine, redis, prefix, machines,
    async start(name, definition, input = {}, execName) {
      const smArn = arns.stateMachine(SCOPE, name);
      machines.set(smArn, { stateMachineArn: smArn, name, definition: JSON.stringify(definition), type: 'STANDARD' });
      const r = await engine.startExecution({
        stateMachineArn: smArn, stateMachineName: name, definition: JSON.stringify(definition), type: 'STANDARD', input: JSON.stringify(input),
        ...(execName !== undefined ? { name: execName } : {}),
      });
      return r.executionArn;
    },
    async waitDone(arn, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const d = await engine.describeExecution(arn);
        if (d.status !== 'RUNNING') return d;
        if (Date.now() > until) throw new Error(`execution still RUNNING after ${timeoutMs} ms: ${arn}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async history(arn) {
      const out: StoredHistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const p = await engine.getExecutionHistory(arn, { maxResults: 100, ...(nextToken !== undefined ? { nextToken } : {}) });
        out.push(...p.items);
        nextToken = p.nextToken;
      } while (nextToken !== undefined);
      return out;
    },
    async close() {
      await h.timers?.stop();
      await h.workers?.close(true);
      await engine.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
  if (opts.workers !== false) h.workers = startWorkers(engine.core, { concurrency: opts.concurrency ?? 8 });
  if (opts.timers !== false) h.timers = startTimerLoop(engine.core);
  return h;
}

/** Every history has ids 1..n in order and each previousEventId points to an earlier event. */
export function assertContiguous(events: readonly StoredHistoryEvent[]): void {
  events.forEach((e, i) => {
    if (e.id !== i + 1) throw new Error(`event #${i + 1} has id ${e.id}`);
    if (!(e.previousEventId >= 0 && e.previousEventId < e.id)) throw new Error(`event ${e.id} has previousEventId ${e.previousEventId}`);
  });
}

/** Polls `f` until it answers something other than undefined (every 10 ms, for `ms` at most). */
export async function until<T>(f: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Counts the commands sent on a connection (pipelined or not) by name while `fn` runs. */
export async function countCommands(redis: Redis, fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    const name = args[0].name.toLowerCase();
    counts[name] = (counts[name] ?? 0) + 1;
    return send(...args);
  }) as Redis['sendCommand'];
  try {
    await fn();
  } finally {
    redis.sendCommand = send;
  }
  return counts;
}
