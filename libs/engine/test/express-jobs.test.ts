// Asynchronous EXPRESS starts are queue jobs the workers run at least once: a start with no
// worker running waits as a job, a re-sent start adds one job, and a worker closed mid-run
// leaves its job to BullMQ's stalled-job check, so another worker runs the execution again.
// The runs are observed through their HTTP tasks on a local server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arns } from '@stepwise/protocol';
import { harness, SCOPE, until, type Harness } from './harness.js';
import { startWorkers, type EngineWorkers } from '../src/workers.js';

interface Hit {
  readonly path: string;
  readonly key: string;
  readonly body: { n: number; id?: string; start?: string };
}

let server: Server;
let base: string;
let hits: Hit[] = [];
/** /work requests whose input `n` is listed here are held open (a slow task in flight). */
const holdWork = new Set<number>();
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text || '{}') as Hit['body'];
      hits.push({ path: req.url ?? '', key: String(req.headers['idempotency-key']), body });
      if (req.url === '/work' && holdWork.delete(body.n)) {
        held.push(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ worked: body.n }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const http = (path: string, body: object) => ({ Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `${base}${path}`, Method: 'POST', RequestBody: body } });
const definition = () => JSON.stringify({
  StartAt: 'Work',
  States: {
    Work: { ...http('/work', { 'n.$': '$.n' }), Next: 'Done' },
    Done: { ...http('/done', { 'n.$': '$$.Execution.Input.n', 'id.$': '$$.Execution.Id', 'start.$': '$$.Execution.StartTime' }), End: true },
  },
});

function startExpress(h: Harness, machine: string, n: number, name?: string) {
  return h.engine.startExecution({
    stateMachineArn: arns.stateMachine(SCOPE, machine), stateMachineName: machine, definition: definition(), type: 'EXPRESS',
    input: JSON.stringify({ n }), ...(name !== undefined ? { name } : {}),
  });
}

const hitsOf = (path: string, n: number) => hits.filter((x) => x.path === path && x.body.n === n);
const doneOf = (n: number) => until(async () => hitsOf('/done', n)[0], 15_000);

describe('asynchronous EXPRESS starts', () => {
  let h: Harness;
  afterEach(async () => {
    for (const res of held.splice(0)) res.destroy();
    await h.close();
    hits = [];
  });

  it('answers executionArn and startDate and a worker runs the execution to its end', async () => {
    h = await harness({ timers: false });
    const before = Date.now();
    const r = await startExpress(h, 'xa', 1, 'first');
    expect(r.executionArn).toBe(arns.expressExecution(SCOPE, 'xa', 'first'));
    expect(r.startDate).toBeGreaterThanOrEqual(before);
    const done = await doneOf(1);
    expect(done.body).toEqual({ n: 1, id: r.executionArn, start: new Date(r.startDate).toISOString() });
    expect(hitsOf('/work', 1)).toHaveLength(1);
    // the job is completed (and removed) only after the run
    await until(async () => {
      const c = await h.engine.core.expressQueue.getJobCounts('wait', 'active', 'completed', 'failed');
      return Object.values(c).every((n) => n === 0) ? true : undefined;
    });
  });

  it('with no worker running, the start waits as a job that a worker started later runs', async () => {
    h = await harness({ workers: false, timers: false });
    const r = await startExpress(h, 'xb', 2);
    expect(await h.engine.core.expressQueue.getJobCounts('wait')).toEqual({ wait: 1 });
    await new Promise((res) => setTimeout(res, 300));
    expect(hits).toHaveLength(0);
    h.workers = startWorkers(h.engine.core, { concurrency: 2 });
    const done = await doneOf(2);
    expect(done.body.id).toBe(r.executionArn);
    // $$.Execution.StartTime is the startDate the start answered, not when a worker got to it
    expect(done.body.start).toBe(new Date(r.startDate).toISOString());
  });

  it('a second start with the same name is a run of its own, as AWS runs Express starts', async () => {
    h = await harness({ workers: false, timers: false });
    const a = await startExpress(h, 'xc', 3, 'same');
    const b = await startExpress(h, 'xc', 3, 'same');
    expect(b.executionArn).toBe(a.executionArn);
    expect(await h.engine.core.expressQueue.getJobCounts('wait')).toEqual({ wait: 2 });
    h.workers = startWorkers(h.engine.core, { concurrency: 2 });
    await until(async () => (hitsOf('/done', 3).length === 2 ? true : undefined));
    await until(async () => ((await h.engine.core.expressQueue.getJobCounts('wait', 'active')).active === 0 ? true : undefined));
    expect(hitsOf('/work', 3)).toHaveLength(2);
  });

  it('a worker closed mid-run leaves its job to the stalled-job check, and another worker runs the execution again', async () => {
    h = await harness({ workers: false, timers: false });
    holdWork.add(5);
    const first: EngineWorkers = startWorkers(h.engine.core, { concurrency: 1, lockDurationMs: 1000 });
    const r = await startExpress(h, 'xd', 5, 'killed');
    await until(async () => (held.length === 1 ? true : undefined));
    await first.close(true);
    expect(hitsOf('/done', 5)).toHaveLength(0);
    h.workers = startWorkers(h.engine.core, { concurrency: 1, lockDurationMs: 1000 });
    expect((await doneOf(5)).body.id).toBe(r.executionArn);
    const work = hitsOf('/work', 5);
    expect(work).toHaveLength(2);
    // the same execution, state and attempt: one idempotency key for both calls
    expect(work[1]?.key).toBe(work[0]?.key);
    expect(work[0]?.key.startsWith(`${r.executionArn}/Work/`)).toBe(true);
  });
});
