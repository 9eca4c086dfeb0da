// ListExecutions by a version or alias ARN, over the real engine with the unmodified AWS SDK:
// AWS lists the executions started through that ARN (an alias start counts for the alias and
// the version it routed to; a version start for the version only; an unqualified start for
// neither), with statusFilter and paging.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const fail = JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } });

describe('ListExecutions by version or alias ARN', () => {
  let h: Harness;
  let smArn: string;
  let v1: string;
  let v2: string;
  let aliasArn: string;
  const started: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
    const created = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'versioned', definition: pass, roleArn: role, publish: true }));
    smArn = created.stateMachineArn!;
    v1 = created.stateMachineVersionArn!;
    v2 = (await h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: smArn, definition: fail, publish: true }))).stateMachineVersionArn!;
    aliasArn = (await h.sfn.send(new sfn.CreateStateMachineAliasCommand({ name: 'PROD', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }))).stateMachineAliasArn!;
    for (const [name, target] of [['plain', smArn], ['byV1', v1], ['byAlias', aliasArn], ['byV2', v2], ['byAlias2', aliasArn]] as const) {
      started[name] = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: target, name, input: '{}' }))).executionArn!;
      await settled(h, started[name]!);
      // Distinct start dates (milliseconds), so newest-first is one order.
      await new Promise((r) => setTimeout(r, 3));
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const names = (r: sfn.ListExecutionsCommandOutput) => r.executions?.map((e) => e.name);

  it('lists the executions of a version: started through it or through an alias that routed to it', async () => {
    const r = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v1 }));
    expect(names(r)).toEqual(['byAlias2', 'byAlias', 'byV1']);
    const byV1 = r.executions!.find((e) => e.name === 'byV1')!;
    expect(byV1.stateMachineArn).toBe(smArn);
    expect(byV1.stateMachineVersionArn).toBe(v1);
    expect(byV1.stateMachineAliasArn).toBeUndefined();
    expect(r.executions!.find((e) => e.name === 'byAlias')!.stateMachineAliasArn).toBe(aliasArn);
    expect(names(await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v2 })))).toEqual(['byV2']);
  });

  it('lists the executions of an alias only, and the base ARN still lists all', async () => {
    expect(names(await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: aliasArn })))).toEqual(['byAlias2', 'byAlias']);
    const all = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: smArn }));
    expect(names(all)?.sort()).toEqual(['byAlias', 'byAlias2', 'byV1', 'byV2', 'plain']);
    // Each item names the version or alias it was started through, whichever ARN lists it.
    const item = (n: string) => all.executions!.find((e) => e.name === n)!;
    expect([item('plain').stateMachineVersionArn, item('plain').stateMachineAliasArn]).toEqual([undefined, undefined]);
    expect([item('byV2').stateMachineVersionArn, item('byV2').stateMachineAliasArn]).toEqual([v2, undefined]);
    expect([item('byAlias').stateMachineVersionArn, item('byAlias').stateMachineAliasArn]).toEqual([v1, aliasArn]);
  });

  it('filters by status and pages with nextToken', async () => {
    expect(names(await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v2, statusFilter: 'FAILED' })))).toEqual(['byV2']);
    expect(names(await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v1, statusFilter: 'FAILED' })))).toEqual([]);
    const first = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v1, maxResults: 2 }));
    expect(names(first)).toEqual(['byAlias2', 'byAlias']);
    expect(first.nextToken).toBeDefined();
    const second = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v1, maxResults: 2, nextToken: first.nextToken! }));
    expect(names(second)).toEqual(['byV1']);
    await expect(h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: v1, nextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidToken' });
  });
});
