// ListExecutions by mapRunArn, over the real engine with the unmodified AWS SDK: the child
// workflow executions of a Distributed Map's run, with statusFilter, redriveFilter and paging
// (after RedriveExecution redrove the failed item), AWS's validation errors, and the REST list.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
/** Item 1 fails until the execution is redriven; MaxConcurrency 1 leaves items 2 and 3 unstarted. */
const definition = JSON.stringify({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', MaxConcurrency: 1, End: true,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Read',
        States: {
          Read: { Type: 'Pass', Parameters: { 'item.$': '$', 'rc.$': '$$.Execution.RedriveCount' }, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Variable: '$.item', NumericEquals: 1, Next: 'F' }], Default: 'P' },
          // a redriven child continues at its failed state: this one fails only before the redrive
          F: { Type: 'Pass', Parameters: { 'v.$': "States.StringToJson(States.ArrayGetItem(States.Array('{', '1'), $$.Execution.RedriveCount))" }, End: true },
          P: { Type: 'Pass', End: true },
        },
      },
    },
  },
});

describe('ListExecutions by mapRunArn', () => {
  let h: Harness;
  let executionArn: string;
  let mapRunArn: string;

  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'dmap-children', definition, roleArn: role }));
    executionArn = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn!, input: '[0, 1, 2, 3]' }))).executionArn!;
    expect((await settled(h, executionArn)).status).toBe('FAILED');
    mapRunArn = (await h.sfn.send(new sfn.ListMapRunsCommand({ executionArn }))).mapRuns![0]!.mapRunArn!;
  });
  afterAll(async () => {
    await h.close();
  });

  const list = (input: Omit<sfn.ListExecutionsCommandInput, 'mapRunArn'> = {}) => h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn, ...input }));

  it('lists the started children of a failed run with their statuses', async () => {
    const r = await list();
    expect(r.executions?.map((e) => e.status)).toEqual(['SUCCEEDED', 'FAILED']);
    for (const e of r.executions ?? []) {
      expect(e.mapRunArn).toBe(mapRunArn);
      expect(e.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:dmap-children/M');
      expect(e.stopDate).toBeInstanceOf(Date);
    }
    expect((await list({ statusFilter: 'FAILED' })).executions).toHaveLength(1);
  });

  it('after a redrive: the failed child is REDRIVEN, the rest ran once, and pages follow nextToken', async () => {
    const { redriveDate } = await h.sfn.send(new sfn.RedriveExecutionCommand({ executionArn }));
    expect((await settled(h, executionArn)).status).toBe('SUCCEEDED');
    const all = (await list()).executions ?? [];
    expect(all.map((e) => [e.status, e.redriveCount])).toEqual([['SUCCEEDED', 0], ['SUCCEEDED', 1], ['SUCCEEDED', 0], ['SUCCEEDED', 0]]);
    const redriven = (await list({ redriveFilter: 'REDRIVEN' })).executions ?? [];
    expect(redriven.map((e) => e.executionArn)).toEqual([all[1]?.executionArn]);
    expect(redriven[0]?.redriveDate?.getTime()).toBe(redriveDate?.getTime());
    expect((await list({ redriveFilter: 'NOT_REDRIVEN' })).executions).toHaveLength(3);
    const run = await h.sfn.send(new sfn.DescribeMapRunCommand({ mapRunArn }));
    expect(run.redriveCount).toBe(1);
    expect(run.redriveDate?.getTime()).toBe(redriveDate?.getTime());
    expect(run.itemCounts?.succeeded).toBe(4);

    const first = await list({ maxResults: 3 });
    expect(first.executions).toHaveLength(3);
    const second = await list({ maxResults: 3, nextToken: first.nextToken! });
    expect(second.executions?.map((e) => e.executionArn)).toEqual([all[3]?.executionArn]);
    expect(second.nextToken).toBeUndefined();
  });

  it('answers AWS errors: both or neither ARN, an ARN that is no map run, an unknown map run', async () => {
    await expect(h.sfn.send(new sfn.ListExecutionsCommand({}))).rejects.toMatchObject({ name: 'ValidationException' });
    const sm = (await h.sfn.send(new sfn.ListStateMachinesCommand({}))).stateMachines![0]!.stateMachineArn!;
    await expect(h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn, stateMachineArn: sm }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn: executionArn }))).rejects.toMatchObject({ name: 'InvalidArn' });
    await expect(h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn: `${mapRunArn.slice(0, -4)}0000` }))).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('serves the REST list GET /v1/map-runs/{mapRunArn}/executions', async () => {
    const res = await fetch(`${h.url}/v1/map-runs/${encodeURIComponent(mapRunArn)}/executions?statusFilter=SUCCEEDED&maxResults=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { executions: Array<{ mapRunArn: string; status: string }>; nextToken?: string };
    expect(body.executions).toHaveLength(2);
    expect(body.executions.every((e) => e.mapRunArn === mapRunArn && e.status === 'SUCCEEDED')).toBe(true);
    expect(body.nextToken).toBeDefined();
  });
});
