/**
 * Shared pieces of the engine scenarios: a Redis with AOF everysec (testkit), an engine with
 * in-process workers and timer loop, a bare BullMQ chain as the baseline, percentiles and
 * INFO commandstats deltas. No `run` export: bench/run.ts skips this file.
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { Queue, Worker, type Job } from 'bullmq';
import { startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { arns } from '@stepwise/protocol';
import { AUTO_PIPELINING, createEngine, IntegrationRegistry, startTimerLoop, startWorkers, systemClock, type DurableEngine, type TaskHandler } from '@stepwise/engine';

export const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

export interface BenchEngine {
  readonly engine: DurableEngine;
  readonly redis: Redis;
  readonly prefix: string;
  start(definition: object, input: unknown, name: string): Promise<string>;
  waitAll(arns: readonly string[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function benchRedis(): Promise<RedisServer> {
  return startRedis({ appendOnly: true, appendFsync: 'everysec', forceLocalProcess: true });
}

export async function benchEngine(url: string, opts: { handlers?: Record<string, TaskHandler>; concurrency?: number; timers?: boolean; workers?: boolean; autoPipelining?: boolean; runTimerStepsInline?: boolean } = {}): Promise<BenchEngine> {
  // autoPipelining: as the scheduler process opens its connection (engineFromConfig)
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...(opts.autoPipelining ? AUTO_PIPELINING : {}) });
  const prefix = uniquePrefix('bench');
  const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry({ handlers: opts.handlers ?? {} }), ...(opts.runTimerStepsInline === false ? { runTimerStepsInline: false } : {}) });
  const workers = opts.workers === false ? undefined : startWorkers(engine.core, { concurrency: opts.concurrency ?? 64 });
  // timers: false when a separate scheduler process fires them (as deployed)
  const timers = opts.timers === false ? undefined : startTimerLoop(engine.core);
  return {
    engine, redis, prefix,
    async start(definition, input, name) {
      const r = await engine.startExecution({ stateMachineArn: arns.stateMachine(SCOPE, 'bench'), stateMachineName: 'bench', definition: JSON.stringify(definition), type: 'STANDARD', input: JSON.stringify(input), name });
      return r.executionArn;
    },
    async waitAll(list, timeoutMs) {
      // Checks in start order and stops at the first one still running: cheap enough not to
      // compete with the engine for the CPU it measures.
      const end = Date.now() + timeoutMs;
      let i = 0;
      while (i < list.length) {
        const batch = list.slice(i, i + 100);
        const pipe = redis.pipeline();
        for (const a of batch) {
          const p = a.split(':');
          pipe.hget(`${prefix}:{${p[6]}.${p[7]}}:meta`, 'status');
        }
        const res = (await pipe.exec()) ?? [];
        const running = res.findIndex((r) => r[1] === 'RUNNING' || r[1] === null);
        if (running === -1) {
          i += batch.length;
          continue;
        }
        i += running;
        if (Date.now() > end) throw new Error(`${list.length - i} executions still running`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await timers?.stop();
      await workers?.close(true);
      await engine.close();
      redis.disconnect();
    },
  };
}

/** Wait lateness per execution: WaitStateExited − (WaitStateEntered + waitMs), sorted ascending. */
export async function waitLateness(b: BenchEngine, executions: readonly string[], waitMs: number): Promise<number[]> {
  const lateness: number[] = [];
  for (const arn of executions) {
    const h = await b.engine.getExecutionHistory(arn, { maxResults: 10 });
    const entered = h.items.find((e) => e.type === 'WaitStateEntered');
    const exited = h.items.find((e) => e.type === 'WaitStateExited');
    if (entered && exited) lateness.push(exited.timestamp - entered.timestamp - waitMs);
  }
  return lateness.sort((a, c) => a - c);
}

export function passChain(n: number): object {
  const States: Record<string, object> = {};
  for (let i = 0; i < n; i++) States[`S${i}`] = { Type: 'Pass', Result: i, ResultPath: '$.last', ...(i === n - 1 ? { End: true } : { Next: `S${i + 1}` }) };
  return { StartAt: 'S0', States };
}

export function taskChain(n: number, resource: string): object {
  const States: Record<string, object> = {};
  for (let i = 0; i < n; i++) States[`T${i}`] = { Type: 'Task', Resource: resource, ResultPath: '$.last', ...(i === n - 1 ? { End: true } : { Next: `T${i + 1}` }) };
  return { StartAt: 'T0', States };
}

/** A bare BullMQ chain: each job of a chain adds the next one, `length` jobs per chain. */
export async function bullmqChains(url: string, chains: number, length: number, concurrency = 64): Promise<{ jobs: number; ms: number }> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix('bull');
  // BullMQ does not close a connection it was given: closed below, or the process never exits
  const workerConnection = connection.duplicate();
  const queue = new Queue('chain', { connection, prefix });
  let done = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((r) => (resolveAll = r));
  const worker = new Worker('chain', async (job: Job<{ c: number; i: number; payload: unknown }>) => {
    const { c, i, payload } = job.data;
    if (i + 1 < length) await queue.add('step', { c, i: i + 1, payload }, { jobId: `${c}-${i + 1}`, removeOnComplete: true });
    else if (++done === chains) resolveAll();
  }, { connection: workerConnection, prefix, concurrency });
  const t0 = performance.now();
  await queue.addBulk(Array.from({ length: chains }, (_, c) => ({ name: 'step', data: { c, i: 0, payload: { a: 1 } }, opts: { jobId: `${c}-0`, removeOnComplete: true } })));
  await all;
  const ms = performance.now() - t0;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  workerConnection.disconnect();
  connection.disconnect();
  return { jobs: chains * length, ms };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Total calls from INFO commandstats. */
export async function commandCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const m of info.matchAll(/calls=(\d+)/g)) total += Number(m[1]);
  return total;
}

/**
 * CPU time (user + system, ms) another process has used so far, from /proc (Linux; undefined
 * elsewhere). USER_HZ is 100 on Linux: 10 ms resolution.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Redis's own CPU time so far (ms), from INFO cpu. */
export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const u = Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0);
  const s = Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
  return (u + s) * 1000;
}

export async function netBytes(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  const i = Number(/total_net_input_bytes:(\d+)/.exec(info)?.[1] ?? 0);
  const o = Number(/total_net_output_bytes:(\d+)/.exec(info)?.[1] ?? 0);
  return i + o;
}

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** The Redis server's user+sys CPU seconds so far (INFO cpu): a per-operation cost robust to other load. */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}
