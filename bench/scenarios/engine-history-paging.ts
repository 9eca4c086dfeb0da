/**
 * engine-history-paging: GetExecutionHistory pages of 100 over an execution of 1,000+ events
 * (a 500-state Pass chain), forward and reverse: latency p50/p99 per page. Goal: p99 ≤ 5 ms.
 * History is a Redis list per execution; nextToken is the position (LRANGE, no scan).
 */
import { benchEngine, benchRedis, passChain, percentile } from './engine-common.js';

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url);
    const arn = await b.start(passChain(500), {}, 'long');
    await b.waitAll([arn], 60_000);
    const lat: number[] = [];
    let events = 0;
    for (let round = 0; round < 20; round++) {
      for (const reverseOrder of [false, true]) {
        let nextToken: string | undefined;
        do {
          const t0 = performance.now();
          const p = await b.engine.getExecutionHistory(arn, { maxResults: 100, reverseOrder, ...(nextToken !== undefined ? { nextToken } : {}) });
          lat.push(performance.now() - t0);
          if (round === 0 && !reverseOrder) events += p.items.length;
          nextToken = p.nextToken;
        } while (nextToken !== undefined);
      }
    }
    lat.sort((a, c) => a - c);
    await b.close();
    return [{ scenario: 'engine-history-paging', events, pages: lat.length, pageP50Ms: Number(percentile(lat, 50).toFixed(2)), pageP99Ms: Number(percentile(lat, 99).toFixed(2)), goal: 'p99 <= 5' }];
  } finally {
    await server.stop();
  }
}
