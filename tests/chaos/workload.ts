/**
 * The chaos workload: small executions of every durable feature (Wait, Parallel, Map,
 * activities, HTTP tasks with retries), each with a known expected output, and the checks every
 * chaos test makes: right status and output, and the exact history its kind must leave (shapes.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arns } from '@stepwise/protocol';
import type { DurableEngine } from '@stepwise/engine';
import { HTTP_MAX_ATTEMPTS, MAP_ITEMS, MAP_MAX_CONCURRENCY, historyProblems, type CaseKind, type HistoryEvent, type Served } from './shapes.js';

export const SCOPE = { region: 'us-east-1', accountId: '123456789012' };
export const ACTIVITY = arns.activity(SCOPE, 'chaos');

export interface FlakyServer {
  readonly url: string;
  /** What the server answered the requests for input i (`/e?v=i`). */
  served(i: number): Served;
  close(): Promise<void>;
}

/** An HTTP server that fails every other request of a key with 503 (so retries happen). */
export async function flakyServer(): Promise<FlakyServer> {
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const key = String(req.url);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n % 2 === 1) {
      res.writeHead(503);
      res.end('try again');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ echo: new URL(req.url ?? '/', 'http://x').searchParams.get('v') }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: (i) => {
      const n = seen.get(`/e?v=${i}`) ?? 0;
      return { failed: Math.ceil(n / 2), succeeded: Math.floor(n / 2) };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface Case {
  readonly name: CaseKind;
  readonly definition: object;
  readonly input: object;
  readonly expected: unknown;
}

export function cases(httpUrl: string, n: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        out.push({ name: 'wait', input: { i }, expected: { i, done: true }, definition: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: true, ResultPath: '$.done', End: true } } } });
        break;
      case 1:
        out.push({
          name: 'parallel', input: { i }, expected: [{ i, a: 1 }, { i, b: 2 }],
          definition: { StartAt: 'Par', States: { Par: { Type: 'Parallel', End: true, Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 0, Next: 'A2' }, A2: { Type: 'Pass', Result: 1, ResultPath: '$.a', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 2, ResultPath: '$.b', End: true } } },
          ] } } },
        });
        break;
      case 2:
        out.push({
          name: 'map', input: { items: MAP_ITEMS }, expected: MAP_ITEMS.map((x) => ({ x })),
          definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: MAP_MAX_CONCURRENCY, End: true, ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', Parameters: { 'x.$': '$' }, End: true } } } } } },
        });
        break;
      case 3:
        out.push({ name: 'activity', input: { i }, expected: { worked: i }, definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: ACTIVITY, TimeoutSeconds: 120, End: true } } } });
        break;
      default:
        out.push({
          name: 'http', input: { i }, expected: { echo: String(i) },
          definition: { StartAt: 'H', States: { H: {
            Type: 'Task', Resource: 'arn:aws:states:::http:invoke',
            Parameters: { ApiEndpoint: `${httpUrl}/e`, Method: 'GET', QueryParameters: { 'v.$': 'States.Format(\'{}\', $.i)' } },
            ResultSelector: { 'echo.$': '$.ResponseBody.echo' },
            Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: HTTP_MAX_ATTEMPTS }],
            End: true,
          } } },
        });
    }
  }
  return out;
}

export async function startAll(engine: DurableEngine, list: readonly Case[], label: string): Promise<Array<{ arn: string; c: Case }>> {
  const started: Array<{ arn: string; c: Case }> = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as Case;
    const smName = `${label}-${c.name}`;
    const r = await engine.startExecution({
      stateMachineArn: arns.stateMachine(SCOPE, smName), stateMachineName: smName, definition: JSON.stringify(c.definition), type: 'STANDARD',
      name: `e${i}`, input: JSON.stringify(c.input),
    });
    started.push({ arn: r.executionArn, c });
  }
  return started;
}

/** Answers activity tasks until stopped (the activity worker of the workload). */
export function activityWorker(engine: DurableEngine): { stop(): Promise<void> } {
  const ac = new AbortController();
  const loop = (async () => {
    while (!ac.signal.aborted) {
      try {
        const t = await engine.getActivityTask(ACTIVITY, 'chaos', 1000, ac.signal);
        if (!t) continue;
        const input = JSON.parse(t.input) as { i: number };
        await engine.sendTaskSuccess(t.taskToken, JSON.stringify({ worked: input.i })).catch(() => undefined);
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();
  return {
    async stop() {
      ac.abort();
      await loop;
    },
  };
}

export async function waitAllDone(engine: DurableEngine, started: Array<{ arn: string }>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  const pending = new Set(started.map((s) => s.arn));
  while (pending.size > 0) {
    for (const arn of [...pending]) {
      const d = await engine.describeExecution(arn).catch(() => undefined);
      if (d && d.status !== 'RUNNING') pending.delete(arn);
    }
    if (pending.size === 0) return;
    if (Date.now() > end) throw new Error(`${pending.size} executions still RUNNING, e.g. ${[...pending][0]}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Status, output and history checks; returns a list of problems (empty when all hold). With the
 * flaky server, an HTTP history may show no more attempts than the server answered.
 */
export async function verify(engine: DurableEngine, started: Array<{ arn: string; c: Case }>, http?: Pick<FlakyServer, 'served'>): Promise<string[]> {
  const problems: string[] = [];
  for (const { arn, c } of started) {
    const d = await engine.describeExecution(arn);
    if (d.status !== 'SUCCEEDED') problems.push(`${arn}: ${d.status} ${d.error ?? ''} ${d.cause ?? ''}`);
    else if (JSON.stringify(JSON.parse(d.output ?? 'null')) !== JSON.stringify(c.expected)) problems.push(`${arn}: output ${d.output} != ${JSON.stringify(c.expected)}`);
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const p = await engine.getExecutionHistory(arn, { maxResults: 100, ...(nextToken !== undefined ? { nextToken } : {}) });
      events.push(...p.items);
      nextToken = p.nextToken;
    } while (nextToken !== undefined);
    const served = c.name === 'http' && http ? http.served((c.input as { i: number }).i) : undefined;
    for (const p of historyProblems(c.name, events, served)) problems.push(`${arn}: ${p}`);
  }
  return problems;
}
