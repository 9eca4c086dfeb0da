/**
 * engine-task-chain: transitions per second of a 10-Task chain served by an in-process handler
 * (each Task: commit, task job, dispatch, complete-task, advance job) against the bare BullMQ
 * 10-job chain on the same Redis (AOF everysec). Goal: ≥ 0.35×.
 */
import { benchEngine, benchRedis, bullmqChains, taskChain } from './engine-common.js';

const EXECUTIONS = 300;
const STATES = 10;

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url, { handlers: { 'bench:echo': async (x) => x } });
    const def = taskChain(STATES, 'bench:echo');
    await b.waitAll(await Promise.all(Array.from({ length: 20 }, (_, i) => b.start(def, { i }, `w${i}`))), 30_000);
    const t0 = performance.now();
    const started = await Promise.all(Array.from({ length: EXECUTIONS }, (_, i) => b.start(def, { i }, `e${i}`)));
    await b.waitAll(started, 180_000);
    const ms = performance.now() - t0;
    await b.close();
    const base = await bullmqChains(server.url, EXECUTIONS, STATES);
    const engineTps = (EXECUTIONS * STATES) / (ms / 1000);
    const bullTps = base.jobs / (base.ms / 1000);
    return [
      { scenario: 'engine-task-chain', engine: 'stepwise', executions: EXECUTIONS, transitions: EXECUTIONS * STATES, ms: Math.round(ms), transitionsPerSecond: Math.round(engineTps) },
      { scenario: 'engine-task-chain', engine: 'bullmq-chain', jobs: base.jobs, ms: Math.round(base.ms), jobsPerSecond: Math.round(bullTps) },
      { scenario: 'engine-task-chain', ratio: Number((engineTps / bullTps).toFixed(2)), goal: '>= 0.35' },
    ];
  } finally {
    await server.stop();
  }
}
