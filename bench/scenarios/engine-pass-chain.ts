/**
 * engine-pass-chain: durable state transitions per second of a 10-state Pass chain (STANDARD,
 * full history, one commit per execution thanks to run-until-blocked) against a bare BullMQ
 * chain of 10 jobs on the same Redis (AOF everysec). Goal: ≥ 2×.
 */
import { benchEngine, benchRedis, bullmqChains, passChain } from './engine-common.js';

const EXECUTIONS = 1000;
const STATES = 10;

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url);
    const def = passChain(STATES);
    // warm-up
    await b.waitAll(await Promise.all(Array.from({ length: 50 }, (_, i) => b.start(def, { i }, `w${i}`))), 30_000);
    const t0 = performance.now();
    const started = await Promise.all(Array.from({ length: EXECUTIONS }, (_, i) => b.start(def, { i }, `e${i}`)));
    await b.waitAll(started, 120_000);
    const ms = performance.now() - t0;
    await b.close();
    const base = await bullmqChains(server.url, EXECUTIONS, STATES);
    const engineTps = (EXECUTIONS * STATES) / (ms / 1000);
    const bullTps = base.jobs / (base.ms / 1000);
    return [
      { scenario: 'engine-pass-chain', engine: 'stepwise', executions: EXECUTIONS, transitions: EXECUTIONS * STATES, ms: Math.round(ms), transitionsPerSecond: Math.round(engineTps) },
      { scenario: 'engine-pass-chain', engine: 'bullmq-chain', jobs: base.jobs, ms: Math.round(base.ms), jobsPerSecond: Math.round(bullTps) },
      { scenario: 'engine-pass-chain', ratio: Number((engineTps / bullTps).toFixed(2)), goal: '>= 2' },
    ];
  } finally {
    await server.stop();
  }
}
