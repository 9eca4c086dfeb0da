/**
 * Chaos: worker processes are killed with SIGKILL at random moments (and restarted) while 200
 * executions of every kind run. Every execution must finish with the right output, and no
 * history may show a duplicate event or a gap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chaosStage, waitAllDoneOrDump, type ChaosStage } from './stage.js';
import { spawnService } from './processes.js';
import { activityWorker, cases, flakyServer, startAll, verify } from './workload.js';

let stage: ChaosStage;

beforeAll(async () => {
  stage = await chaosStage('chaos');
}, 240_000);

afterAll(async () => stage?.close());

it('every execution finishes correctly while workers are SIGKILLed at random', async () => {
  const { prefix, env, engine, procs } = stage;
  const http = await flakyServer();
  procs.push(spawnService('scheduler', env, 'scheduler-a'));
  for (let i = 0; i < 3; i++) procs.push(spawnService('worker', env, `worker-${i}`));
  const acts = activityWorker(engine);
  const list = cases(http.url, 200);
  // Start the executions in waves while the killing goes on, so every phase meets a kill.
  const starting = (async () => {
    const out: Awaited<ReturnType<typeof startAll>> = [];
    for (let i = 0; i < list.length; i += 25) {
      const wave = await startAll(engine, list.slice(i, i + 25), `${prefix}-${i}`);
      out.push(...wave);
      await new Promise((r) => setTimeout(r, 500));
    }
    return out;
  })();

  // Kill a random worker every 300-900 ms for 8 seconds, restarting it at once.
  const until = Date.now() + 8_000;
  let kills = 0;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 600));
    const workers = procs.filter((p) => p.name.startsWith('worker') && p.child.exitCode === null && p.child.signalCode === null);
    const victim = workers[Math.floor(Math.random() * workers.length)];
    if (!victim) continue;
    await victim.kill('SIGKILL');
    kills++;
    procs.push(spawnService('worker', env, victim.name));
  }
  expect(kills).toBeGreaterThan(5);
  const started = await starting;
  await waitAllDoneOrDump(stage, started, 45_000);
  await acts.stop();
  await http.close();
  expect(await verify(engine, started, http)).toEqual([]);
}, 120_000);
