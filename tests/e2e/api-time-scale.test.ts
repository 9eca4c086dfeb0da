// STEPWISE_TIME_SCALE end to end (issue 9 "Time control"): the built all-in-one process over a
// testkit Redis with STEPWISE_TIME_SCALE=3600 runs a one-hour Wait in about a second, says time
// control is on in GET /v1/settings, and fires a far longer Wait at once over REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import * as sfn from '@aws-sdk/client-sfn';
import { freePort, startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { servicesBuilt, startService, stopService, waitReady } from './support/service-process.js';

const role = 'arn:aws:iam::123456789012:role/e2e';

const machine = (seconds: number) => JSON.stringify({ StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: seconds, Next: 'Done' }, Done: { Type: 'Pass', Result: { slept: seconds }, End: true } } });

async function finished(c: sfn.SFNClient, executionArn: string, timeoutMs: number): Promise<sfn.DescribeExecutionCommandOutput> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const d = await c.send(new sfn.DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    if (Date.now() > until) throw new Error(`still RUNNING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!servicesBuilt('all-in-one'))('STEPWISE_TIME_SCALE=3600 in the all-in-one (npx tsc -b services/all-in-one first)', () => {
  let redis: RedisServer;
  let child: ChildProcess;
  let url: string;
  let client: sfn.SFNClient;

  beforeAll(async () => {
    redis = await startRedis();
    const port = await freePort();
    child = startService('all-in-one', { PORT: String(port), REDIS_URL: redis.url, STEPWISE_KEY_PREFIX: uniquePrefix('ts'), STEPWISE_TIME_SCALE: '3600' });
    url = `http://127.0.0.1:${port}`;
    await waitReady(url, child);
    client = new sfn.SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' }, disableHostPrefix: true, maxAttempts: 1 });
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await stopService(child);
    await redis?.stop();
  });

  it('says time control is on', async () => {
    expect(await (await fetch(`${url}/v1/settings`)).json()).toEqual({ timeControl: true, timeScale: 3600 });
  });

  it('finishes a one-hour Wait in about a second', async () => {
    const { stateMachineArn } = await client.send(new sfn.CreateStateMachineCommand({ name: 'hour', definition: machine(3600), roleArn: role }));
    const t0 = Date.now();
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const d = await finished(client, executionArn!, 15_000);
    const elapsed = Date.now() - t0;
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ slept: 3600 });
    // One hour at 3600× is 1 s: not sooner (the Wait is honoured), and not much later.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3_000);
    // The history keeps AWS's times: the Wait state lasted about a second of wall-clock time.
    const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    const entered = events!.find((e) => e.type === 'WaitStateEntered')!.timestamp!.getTime();
    const exited = events!.find((e) => e.type === 'WaitStateExited')!.timestamp!.getTime();
    expect(exited - entered).toBeGreaterThanOrEqual(950);
    expect(exited - entered).toBeLessThan(3_000);
    console.log(`one-hour Wait at STEPWISE_TIME_SCALE=3600: execution ${elapsed} ms, Wait state ${exited - entered} ms`);
  });

  it('fires a year-long Wait now over REST', async () => {
    const { stateMachineArn } = await client.send(new sfn.CreateStateMachineCommand({ name: 'year', definition: machine(31_536_000), roleArn: role }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const until = Date.now() + 10_000;
    for (;;) {
      const { events } = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
      if (events?.some((e) => e.type === 'WaitStateEntered')) break;
      if (Date.now() > until) throw new Error('never entered the Wait');
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await fetch(`${url}/v1/executions/${encodeURIComponent(executionArn!)}/fire-timer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ fired: true });
    const d = await finished(client, executionArn!, 5_000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ slept: 31_536_000 });
  });
});
