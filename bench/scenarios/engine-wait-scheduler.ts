/**
 * engine-wait-scheduler: engine-wait-punctuality with the scheduler as deployed, in its own
 * process (the built services/scheduler, `node services/scheduler/dist/main.js`, on the same
 * testkit Redis with AOF everysec), while this process starts the executions and runs the
 * workers. 1,000 executions with a 1-second Wait; lateness = WaitStateExited − (WaitStateEntered
 * + 1 s), p50/p99. Goal: p99 ≤ 20 ms. Builds the scheduler first (`tsc -b`, a no-op when built).
 * A first round of BENCH_WAIT_WARMUP (200) executions warms the scheduler and is not measured.
 * Also reported, being robust to a busy machine: the scheduler process's CPU time and Redis's
 * over the measured round, per 1,000 executions (Linux /proc and INFO cpu).
 * BENCH_SCHEDULER_NODE_ARGS passes node flags to the scheduler (e.g. `--cpu-prof`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEngine, benchRedis, percentile, processCpuMs, redisCpuMs, waitLateness } from './engine-common.js';

const N = Number(process.env.BENCH_WAIT_N ?? 1000);
const WARMUP = Number(process.env.BENCH_WAIT_WARMUP ?? 200);
const root = fileURLToPath(new URL('../../', import.meta.url));

export async function run(): Promise<unknown[]> {
  execFileSync('npx', ['tsc', '-b', 'services/scheduler'], { cwd: root, stdio: 'inherit' });
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url, { timers: false });
    const scheduler = spawn(process.execPath, [...(process.env.BENCH_SCHEDULER_NODE_ARGS ?? '').split(' ').filter(Boolean), 'services/scheduler/dist/main.js'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: server.url, STEPWISE_KEY_PREFIX: b.prefix, LOG_LEVEL: 'warn', STEPWISE_LEADER_LEASE_MS: '2000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<void>((r) => scheduler.once('exit', () => r()));
    try {
      const until = Date.now() + 10_000;
      while ((await b.redis.exists(`${b.prefix}:scheduler:leader`)) === 0) {
        if (Date.now() > until || scheduler.exitCode !== null) throw new Error('the scheduler did not take the leader lease');
        await new Promise((r) => setTimeout(r, 20));
      }
      const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
      // A deployed scheduler is long-running: warm it (JIT, compiled program, loaded scripts)
      // with a first round that is not measured.
      const warm = await Promise.all(Array.from({ length: WARMUP }, (_, i) => b.start(def, {}, `warm${i}`)));
      await b.waitAll(warm, 30_000);
      const cpu0 = processCpuMs(scheduler.pid ?? 0);
      const redisCpu0 = await redisCpuMs(b.redis);
      const started: string[] = [];
      for (let i = 0; i < N; i += 100) started.push(...(await Promise.all(Array.from({ length: Math.min(100, N - i) }, (_, j) => b.start(def, {}, `e${i + j}`)))));
      await b.waitAll(started, 60_000);
      const cpu1 = processCpuMs(scheduler.pid ?? 0);
      const redisCpu = (await redisCpuMs(b.redis)) - redisCpu0;
      const lateness = await waitLateness(b, started, 1000);
      return [{
        scenario: 'engine-wait-scheduler', engine: 'stepwise (scheduler process)', executions: lateness.length, warmup: WARMUP,
        latenessP50Ms: percentile(lateness, 50), latenessP99Ms: percentile(lateness, 99), latenessMaxMs: lateness.at(-1), goal: 'p99 <= 20',
        // robust to a busy machine: the scheduler's CPU (ms per 1,000 fired Waits, idle looks
        // included) and Redis's (starts, fires and steps: everything of the measured round)
        schedulerCpuMsPer1k: cpu0 !== undefined && cpu1 !== undefined ? Math.round(((cpu1 - cpu0) * 1000) / N) : null,
        redisCpuMsPer1k: Math.round((redisCpu * 1000) / N),
      }];
    } finally {
      scheduler.kill('SIGTERM');
      await exited;
      await b.close();
    }
  } finally {
    await server.stop();
  }
}
