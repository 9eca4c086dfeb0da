/**
 * engine-wide-map: one execution whose inline Map runs 1,000 iterations at once (MaxConcurrency
 * 0), of a Pass state, then of a Task state answered at once by an in-process handler. Every iteration commits on the execution's one event counter, so
 * concurrent children conflict and re-run their pure step (ADR 0006): reported are wall time,
 * this process's CPU time, and the commits by outcome (committed vs conflict). Contention is the
 * conflict count per committed step; wall time is noisy on a shared machine, CPU time less so.
 */
import { metrics } from '@stepwise/observability';
import { benchEngine, benchRedis } from './engine-common.js';

const ITEMS = 1000;

const TASK = 'arn:aws:states:::lambda:invoke';
const map = (state: object) => ({
  StartAt: 'M',
  States: { M: { Type: 'Map', MaxConcurrency: 0, End: true, ItemProcessor: { StartAt: 'S', States: { S: { ...state, End: true } } } } },
});
const variants = { pass: map({ Type: 'Pass' }), task: map({ Type: 'Task', Resource: TASK, Parameters: { FunctionName: 'f', 'Payload.$': '$' } }) };

async function commits(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await metrics.stepCommits.get()).values) out[String(v.labels.status)] = v.value;
  return out;
}

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const b = await benchEngine(server.url, { concurrency: 64, handlers: { [TASK]: async (input) => input } });
    const rows: unknown[] = [];
    for (const [variant, def] of Object.entries(variants)) {
      await b.waitAll([await b.start(def, Array.from({ length: 50 }, (_, i) => i), `warm-${variant}`)], 60_000);
      for (let round = 0; round < 3; round++) {
        const before = await commits();
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await b.waitAll([await b.start(def, Array.from({ length: ITEMS }, (_, i) => i), `wide-${variant}-${round}`)], 120_000);
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const after = await commits();
        const committed = (after.committed ?? 0) - (before.committed ?? 0);
        const conflicts = (after.conflict ?? 0) - (before.conflict ?? 0);
        rows.push({
          scenario: 'engine-wide-map', variant, items: ITEMS, round, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
          committed, conflicts, conflictsPerCommit: Number((conflicts / Math.max(1, committed)).toFixed(2)),
        });
      }
    }
    await b.close();
    return rows;
  } finally {
    await server.stop();
  }
}
