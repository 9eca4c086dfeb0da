/**
 * engine-wait-punctuality: 1,000 executions with a 1-second Wait; lateness = WaitStateExited
 * minus (WaitStateEntered + 1 s), p50/p99, beside BullMQ delayed jobs (delay 1 s) on the same
 * Redis (AOF everysec). Goal: p99 ≤ 20 ms. The scheduler's sorted set and precise loop (in this
 * process, on a plain connection) fire the timer and run the step it unblocks.
 */
import { Redis } from 'ioredis';
import { Queue, Worker, type Job } from 'bullmq';
import { uniquePrefix } from '@stepwise/testkit';
import { benchEngine, benchRedis, percentile } from './engine-common.js';

const N = Number(process.env.BENCH_WAIT_N ?? 1000);

async function bullmqDelayed(url: string): Promise<number[]> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix('bulld');
  // BullMQ does not close a connection it was given: closed below, or the process never exits
  const workerConnection = connection.duplicate();
  const queue = new Queue('delayed', { connection, prefix });
  const lateness: number[] = [];
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((r) => (resolveAll = r));
  const worker = new Worker('delayed', async (job: Job<{ due: number }>) => {
    lateness.push(Date.now() - job.data.due);
    if (lateness.length === N) resolveAll();
  }, { connection: workerConnection, prefix, concurrency: 64 });
  for (let i = 0; i < N; i += 100) {
    const now = Date.now();
    await queue.addBulk(Array.from({ length: Math.min(100, N - i) }, () => ({ name: 'd', data: { due: now + 1000 }, opts: { delay: 1000, removeOnComplete: true } })));
  }
  await all;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  workerConnection.disconnect();
  connection.disconnect();
  return lateness.sort((a, b) => a - b);
}

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url);
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
    const started: string[] = [];
    for (let i = 0; i < N; i += 100) started.push(...(await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, j) => b.start(def, {}, `e${i + j}`)))));
    await b.waitAll(started, 60_000);
    const lateness: number[] = [];
    for (const arn of started) {
      const h = await b.engine.getExecutionHistory(arn, { maxResults: 10 });
      const entered = h.items.find((e) => e.type === 'WaitStateEntered');
      const exited = h.items.find((e) => e.type === 'WaitStateExited');
      if (entered && exited) lateness.push(exited.timestamp - entered.timestamp - 1000);
    }
    lateness.sort((a, b2) => a - b2);
    await b.close();
    const bull = await bullmqDelayed(server.url);
    return [
      { scenario: 'engine-wait-punctuality', engine: 'stepwise', executions: lateness.length, latenessP50Ms: percentile(lateness, 50), latenessP99Ms: percentile(lateness, 99), latenessMaxMs: lateness.at(-1), goal: 'p99 <= 20' },
      { scenario: 'engine-wait-punctuality', engine: 'bullmq-delayed', jobs: bull.length, latenessP50Ms: percentile(bull, 50), latenessP99Ms: percentile(bull, 99), latenessMaxMs: bull.at(-1) },
    ];
  } finally {
    await server.stop();
  }
}
