/**
 * engine-start-cost: what one StartExecution costs the engine, in measures that other load on
 * the machine does not distort: this process's CPU per start, the Redis server's CPU per start,
 * Redis commands per start, and round trips per start (writes to the Redis socket), for a
 * one-state Pass machine whose first step runs inside the start. Plus the median latency of one
 * start at a time (a proxy of the round trips on its path). No workers run: none is needed.
 */
import { Redis } from 'ioredis';
import { arns } from '@stepwise/protocol';
import { createEngine, IntegrationRegistry, systemClock } from '@stepwise/engine';
import { uniquePrefix } from '@stepwise/testkit';
import { benchRedis, commandCalls, percentile, redisCpuSeconds, SCOPE } from './engine-common.js';

const STARTS = 2000;
const DEF = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const probe = new Redis(server.url);
  const prefix = uniquePrefix('bstart');
  const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry({}) });
  const smArn = arns.stateMachine(SCOPE, 'bench');
  const start = (name: string) => engine.startExecution({ stateMachineArn: smArn, stateMachineName: 'bench', definition: DEF, type: 'STANDARD', input: '{"n":1}', name });
  // Socket writes are round trips: ioredis writes each command or pipeline once.
  await redis.ping();
  let writes = 0;
  const stream = (redis as unknown as { stream: { write: (...a: unknown[]) => boolean } }).stream;
  const write = stream.write.bind(stream);
  stream.write = (...a: unknown[]) => {
    writes++;
    return write(...a);
  };
  const drained = async () => {
    while ((await probe.zcard(`${prefix}:dirty`)) > 0) await new Promise((r) => setTimeout(r, 5));
  };
  try {
    for (let i = 0; i < 300; i++) await start(`warm-${i}`);
    await drained();
    const latencies: number[] = [];
    const c0 = await commandCalls(probe);
    const r0 = await redisCpuSeconds(probe);
    const w0 = writes;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < STARTS; i++) {
      const t0 = performance.now();
      await start(`s-${i}`);
      latencies.push(performance.now() - t0);
    }
    await drained();
    const cpu = process.cpuUsage(cpu0);
    const w = writes - w0;
    const redisUs = ((await redisCpuSeconds(probe)) - r0) * 1e6;
    // The probe's own commands (INFO, ZCARD) are a handful; they are not subtracted.
    const commands = (await commandCalls(probe)) - c0;
    latencies.sort((a, b) => a - b);
    const status = (await engine.describeExecution(arns.execution(SCOPE, 'bench', `s-${STARTS - 1}`))).status;
    return [{
      scenario: 'engine-start-cost', workload: 'pass-1-state', starts: STARTS, lastStatus: status,
      cpuUsPerStart: Math.round((cpu.user + cpu.system) / STARTS), redisCpuUsPerStart: Math.round(redisUs / STARTS),
      commandsPerStart: Number((commands / STARTS).toFixed(2)), roundTripsPerStart: Number((w / STARTS).toFixed(2)),
      p50Ms: Number(percentile(latencies, 50).toFixed(3)), p99Ms: Number(percentile(latencies, 99).toFixed(3)),
    }];
  } finally {
    await engine.close();
    redis.disconnect();
    probe.disconnect();
    await server.stop();
  }
}
