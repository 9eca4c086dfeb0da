// UpdateMapRun through the unmodified AWS SDK on a running Distributed Map (its items wait, as no
// timer loop runs here): the new MaxConcurrency launches more items at once, and the new values
// show in DescribeMapRun; unknown runs and bad values are refused with AWS's errors.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const definition = JSON.stringify({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', End: true, MaxConcurrency: 1, ToleratedFailureCount: 0,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Hold',
        States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } },
      },
    },
  },
});
let h: Harness;
let executionArn: string;
let mapRunArn: string;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const describeRun = (arn = mapRunArn) => h.sfn.send(new sfn.DescribeMapRunCommand({ mapRunArn: arn }));
const updateRun = (input: Omit<sfn.UpdateMapRunCommandInput, 'mapRunArn'>, arn = mapRunArn) => h.sfn.send(new sfn.UpdateMapRunCommand({ mapRunArn: arn, ...input }));

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'));
  const { stateMachineArn } = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'held', definition, roleArn: role }));
  executionArn = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '[1, 2, 3, 4, 5]' }))).executionArn!;
  const runs = await until(() => h.sfn.send(new sfn.ListMapRunsCommand({ executionArn })), (r) => (r.mapRuns ?? []).length === 1, 'no map run');
  mapRunArn = runs.mapRuns![0]!.mapRunArn!;
});
afterAll(async () => {
  await h.close();
});

describe('UpdateMapRun over the AWS protocol', () => {
  it('raises MaxConcurrency on a running map run: more items start at once', async () => {
    const before = await until(describeRun, (d) => d.itemCounts?.running === 1, 'one item running');
    expect(before).toMatchObject({ status: 'RUNNING', maxConcurrency: 1, toleratedFailureCount: 0, itemCounts: { running: 1, pending: 4, total: 5 } });
    await updateRun({ maxConcurrency: 3 });
    const after = await until(describeRun, (d) => d.itemCounts?.running === 3, 'three items running');
    expect(after).toMatchObject({ status: 'RUNNING', maxConcurrency: 3, itemCounts: { running: 3, pending: 2, total: 5 } });
    const children = await h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn }));
    expect(children.executions?.map((e) => e.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('changes the tolerated failures alone, keeping MaxConcurrency', async () => {
    await updateRun({ toleratedFailureCount: 2 });
    expect(await describeRun()).toMatchObject({ maxConcurrency: 3, toleratedFailureCount: 2 });
    await updateRun({ toleratedFailurePercentage: 12.5 });
    expect(await describeRun()).toMatchObject({ maxConcurrency: 3, toleratedFailureCount: 2, toleratedFailurePercentage: 12.5 });
    await updateRun({ maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0 });
    // MaxConcurrency 0 is "no limit": every remaining item starts
    expect(await until(describeRun, (d) => d.itemCounts?.running === 5, 'all items running')).toMatchObject({ maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0, itemCounts: { pending: 0 } });
  });

  it('refuses bad values with ValidationException', async () => {
    const bad: Array<Omit<sfn.UpdateMapRunCommandInput, 'mapRunArn'>> = [{}, { maxConcurrency: -1 }, { toleratedFailureCount: -1 }, { toleratedFailurePercentage: -0.5 }, { toleratedFailurePercentage: 100.5 }];
    for (const input of bad) expect(await rejects(updateRun(input)), JSON.stringify(input)).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await describeRun()).toMatchObject({ status: 'RUNNING', maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0 });
  });

  it('answers ResourceNotFound for an unknown map run and InvalidArn for an ARN that is no map run', async () => {
    const unknownRun = mapRunArn.replace(/:[^:]+$/, ':00000000-0000-0000-0000-000000000000');
    expect(await rejects(updateRun({ maxConcurrency: 2 }, unknownRun))).toMatchObject({ name: 'ResourceNotFound', status: 400 });
    expect(await rejects(updateRun({ maxConcurrency: 2 }, 'arn:aws:states:us-east-1:123456789012:mapRun:nobody/none:1'))).toMatchObject({ name: 'ResourceNotFound' });
    expect(await rejects(describeRun(unknownRun))).toMatchObject({ name: 'ResourceNotFound' });
    // the same run named under another account is not this deployment's
    expect(await rejects(updateRun({ maxConcurrency: 2 }, mapRunArn.replace('123456789012', '210987654321')))).toMatchObject({ name: 'ResourceNotFound' });
    expect(await rejects(describeRun(mapRunArn.replace('us-east-1', 'eu-west-1')))).toMatchObject({ name: 'ResourceNotFound' });
    expect(await rejects(h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn: mapRunArn.replace('us-east-1', 'eu-west-1') })))).toMatchObject({ name: 'ResourceNotFound' });
    expect(await rejects(updateRun({ maxConcurrency: 2 }, executionArn))).toMatchObject({ name: 'InvalidArn', status: 400 });
    expect(await rejects(updateRun({ maxConcurrency: 2 }, 'not-an-arn'))).toMatchObject({ name: 'InvalidArn' });
  });

  it('describes the run as ended once its execution is stopped', async () => {
    await h.sfn.send(new sfn.StopExecutionCommand({ executionArn }));
    await settled(h, executionArn);
    const d = await describeRun();
    expect(d.status).toBe('ABORTED');
    expect(d.stopDate).toBeInstanceOf(Date);
  });
});
