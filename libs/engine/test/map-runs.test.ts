import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness, until } from './harness.js';
import { APPROVAL_RESOURCE } from '../src/plan.js';

const distributed = (processor: object, max: number) => ({
  StartAt: 'M',
  States: { M: { Type: 'Map', MaxConcurrency: max, End: true, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor } } },
});

describe('map runs of Distributed Maps', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('ListMapRuns and DescribeMapRun show a finished run with its counts', async () => {
    h = await harness();
    const arn = await h.start('dmap', distributed({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, 2), [1, 2, 3, 4, 5, 6]);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual([1, 2, 3, 4, 5, 6]);
    const runs = await h.engine.listMapRuns(arn, {});
    expect(runs.items).toHaveLength(1);
    const run = await h.engine.describeMapRun(runs.items[0]?.mapRunArn ?? '');
    expect(run.status).toBe('SUCCEEDED');
    expect(run.itemCounts.succeeded).toBe(6);
    expect(run.itemCounts.total).toBe(6);
    expect(run.maxConcurrency).toBe(2);
    expect(run.mapRunArn).toMatch(/:mapRun:dmap\//);
  });

  it('UpdateMapRun raises MaxConcurrency of a running map run and launches more items', async () => {
    h = await harness();
    const arn = await h.start('dmap2', distributed({ StartAt: 'A', States: { A: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { 'i.$': '$' }, End: true } } }, 1), [1, 2, 3, 4]);
    const mapRunArn = await until(async () => (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn);
    await until(async () => ((await h.engine.listWaitingTasks({ executionArn: arn })).items.length === 1 ? true : undefined));
    expect((await h.engine.describeMapRun(mapRunArn)).itemCounts.running).toBe(1);
    await h.engine.updateMapRun(mapRunArn, { maxConcurrency: 3 });
    const waiting = await until(async () => {
      const p = await h.engine.listWaitingTasks({ executionArn: arn });
      return p.items.length === 3 ? p.items : undefined;
    });
    const desc = await h.engine.describeMapRun(mapRunArn);
    expect(desc.status).toBe('RUNNING');
    expect(desc.maxConcurrency).toBe(3);
    expect(desc.itemCounts.running).toBe(3);
    expect(desc.itemCounts.pending).toBe(1);
    for (const w of waiting) await h.engine.sendTaskSuccess(w.taskToken, '{}');
    const last = await until(async () => (await h.engine.listWaitingTasks({ executionArn: arn })).items[0]);
    await h.engine.sendTaskSuccess(last.taskToken, '{}');
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect((await h.engine.describeMapRun(mapRunArn)).status).toBe('SUCCEEDED');
    await expect(h.engine.describeMapRun(`${mapRunArn}x`)).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });
  it('UpdateMapRun of a stopped execution\'s run is a conflict and starts nothing', async () => {
    h = await harness();
    const arn = await h.start('dmap-stopped', distributed({ StartAt: 'A', States: { A: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { 'i.$': '$' }, End: true } } }, 1), [1, 2, 3, 4]);
    const mapRunArn = await until(async () => (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn);
    await until(async () => ((await h.engine.listWaitingTasks({ executionArn: arn })).items.length === 1 ? true : undefined));
    await h.engine.stopExecution(arn);
    await expect(h.engine.updateMapRun(mapRunArn, { maxConcurrency: 3 })).rejects.toMatchObject({ code: 'ConflictException' });
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.engine.listWaitingTasks({ executionArn: arn })).items).toEqual([]);
    expect((await h.engine.describeExecution(arn)).status).toBe('ABORTED');
  });

  it('ListExecutions by mapRunArn lists the run\'s child executions, with filters and paging; a stop aborts them', async () => {
    h = await harness();
    const arn = await h.start('dmaplist', distributed({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }, 0), [1, 2, 3]);
    const runArn = await until(async () => (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn);
    const running = await until(async () => {
      const p = await h.engine.listExecutions({ mapRunArn: runArn });
      return p.items.length === 3 ? p.items : undefined;
    });
    expect(running.map((e) => e.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(running[0]?.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:dmaplist\/M:[^:]+-0$/);
    expect(running[0]?.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:dmaplist/M');
    expect(running[0]?.mapRunArn).toBe(runArn);
    const first = await h.engine.listExecutions({ mapRunArn: runArn, maxResults: 2 });
    expect(first.items).toHaveLength(2);
    const second = await h.engine.listExecutions({ mapRunArn: runArn, maxResults: 2, ...(first.nextToken !== undefined ? { nextToken: first.nextToken } : {}) });
    expect(second.items.map((e) => e.executionArn)).toEqual([running[2]?.executionArn]);
    expect(second.nextToken).toBeUndefined();
    expect((await h.engine.listExecutions({ mapRunArn: runArn, statusFilter: 'SUCCEEDED' })).items).toHaveLength(0);
    expect((await h.engine.listExecutions({ mapRunArn: runArn, redriveFilter: 'REDRIVEN' })).items).toHaveLength(0);

    const { stopDate } = await h.engine.stopExecution(arn);
    const stopped = (await h.engine.listExecutions({ mapRunArn: runArn, statusFilter: 'ABORTED' })).items;
    expect(stopped).toHaveLength(3);
    expect(stopped.every((e) => e.stopDate === stopDate)).toBe(true);
    await expect(h.engine.listExecutions({ mapRunArn: `${runArn}x` })).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });
});
