/**
 * engine-timer-fire-cpu: what one fired Wait timer costs, robust to a busy machine (CPU time,
 * not latency). 1,000 executions with a 1-second Wait are started (no timer loop); once all are
 * due this process fires them as the scheduler's loop does (fireDueTimers) until every execution
 * has left its Wait and ended. Reported per fire: this process's CPU (user + system) and
 * Redis's (INFO cpu). Three ways:
 * - plain: the step a timer unblocks runs inline, on a plain connection (an in-process loop);
 * - auto-pipelining: inline, on the scheduler process's auto-pipelining connection;
 * - hand-off: the fired steps go to the advance queue and this process's workers (concurrency
 *   64) run them: the scheduler's share plus the workers' share, for comparison.
 * Each way fires a first, unmeasured round to warm the JIT.
 */
import { benchEngine, benchRedis, redisCpuMs, type BenchEngine } from './engine-common.js';
import { fireDueTimers } from '@stepwise/engine';

const N = Number(process.env.BENCH_WAIT_N ?? 1000);

async function fireRound(b: BenchEngine, name: string): Promise<{ fired: number; cpuUs: number; redisUs: number }> {
  const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
  const started: string[] = [];
  for (let i = 0; i < N; i += 100) started.push(...(await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, j) => b.start(def, {}, `${name}${i + j}`)))));
  await new Promise((r) => setTimeout(r, 1100));
  const redis0 = await redisCpuMs(b.redis);
  const cpu0 = process.cpuUsage();
  let fired = 0;
  for (;;) {
    const n = await fireDueTimers(b.engine.core, Date.now());
    if (n === 0) break;
    fired += n;
  }
  await b.waitAll(started, 60_000);
  const cpu = process.cpuUsage(cpu0);
  const redisMs = (await redisCpuMs(b.redis)) - redis0;
  return { fired, cpuUs: cpu.user + cpu.system, redisUs: redisMs * 1000 };
}

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const ways = [
      ['plain', await benchEngine(server.url, { timers: false, workers: false })],
      ['auto-pipelining (scheduler process)', await benchEngine(server.url, { timers: false, workers: false, autoPipelining: true })],
      ['hand-off to workers', await benchEngine(server.url, { timers: false, runTimerStepsInline: false })],
    ] as const;
    try {
      // All ways warm first, so none is measured on a colder JIT than another.
      for (const [, b] of ways) await fireRound(b, 'warm');
      const out: unknown[] = [];
      for (const [way, b] of ways) {
        const r = await fireRound(b, 'measured');
        out.push({ scenario: 'engine-timer-fire-cpu', way, fired: r.fired, cpuUsPerFire: Math.round(r.cpuUs / r.fired), redisCpuUsPerFire: Math.round(r.redisUs / r.fired) });
      }
      return out;
    } finally {
      for (const [, b] of ways) await b.close();
    }
  } finally {
    await server.stop();
  }
}
