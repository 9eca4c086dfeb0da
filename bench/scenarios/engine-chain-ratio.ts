/**
 * The measure shared by the engine's chain scenarios: a warm-up, then N executions of one
 * definition started at once and waited for, their transitions per second set beside a bare
 * BullMQ chain of as many jobs on the same Redis (AOF everysec), and the ratio against a goal.
 */
import type { TaskHandler } from '@stepwise/engine';
import { benchEngine, benchRedis, bullmqChains } from './engine-common.js';

export interface ChainRatioSpec {
  readonly scenario: string;
  readonly definition: object;
  readonly executions: number;
  readonly states: number;
  readonly warmup: number;
  readonly timeoutMs: number;
  readonly goal: string;
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
}

export async function chainRatio(spec: ChainRatioSpec): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url, spec.handlers ? { handlers: { ...spec.handlers } } : {});
    const start = (prefix: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => b.start(spec.definition, { i }, `${prefix}${i}`)));
    await b.waitAll(await start('w', spec.warmup), 30_000);
    const t0 = performance.now();
    await b.waitAll(await start('e', spec.executions), spec.timeoutMs);
    const ms = performance.now() - t0;
    await b.close();
    const base = await bullmqChains(server.url, spec.executions, spec.states);
    const transitions = spec.executions * spec.states;
    const engineTps = transitions / (ms / 1000);
    const bullTps = base.jobs / (base.ms / 1000);
    return [
      { scenario: spec.scenario, engine: 'stepwise', executions: spec.executions, transitions, ms: Math.round(ms), transitionsPerSecond: Math.round(engineTps) },
      { scenario: spec.scenario, engine: 'bullmq-chain', jobs: base.jobs, ms: Math.round(base.ms), jobsPerSecond: Math.round(bullTps) },
      { scenario: spec.scenario, ratio: Number((engineTps / bullTps).toFixed(2)), goal: spec.goal },
    ];
  } finally {
    await server.stop();
  }
}
