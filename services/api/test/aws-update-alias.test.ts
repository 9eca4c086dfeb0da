// UpdateStateMachineAlias through the unmodified AWS SDK: a new routing configuration and
// description show in DescribeStateMachineAlias and route the next StartExecution; invalid
// routings and unknown aliases or versions are refused with AWS's errors.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const def = (n: number) => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { v: n }, End: true } } });
let h: Harness;
let smArn: string;
let v1: string;
let v2: string;
let aliasArn: string;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'));
  const c = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'routed', definition: def(1), roleArn: role, publish: true }));
  smArn = c.stateMachineArn!;
  v1 = c.stateMachineVersionArn!;
  v2 = (await h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: smArn, definition: def(2), publish: true }))).stateMachineVersionArn!;
  aliasArn = (await h.sfn.send(new sfn.CreateStateMachineAliasCommand({ name: 'live', description: 'first', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }))).stateMachineAliasArn!;
});
afterAll(async () => {
  await h.close();
});

const update = (input: Omit<sfn.UpdateStateMachineAliasCommandInput, 'stateMachineAliasArn'>, arn = aliasArn) => h.sfn.send(new sfn.UpdateStateMachineAliasCommand({ stateMachineAliasArn: arn, ...input }));
const describeAlias = () => h.sfn.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));

describe('UpdateStateMachineAlias over the AWS protocol', () => {
  it('changes the routing configuration, and StartExecution on the alias follows it', async () => {
    const before = await describeAlias();
    await new Promise((r) => setTimeout(r, 5));
    const u = await update({ routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] });
    expect(u.updateDate).toBeInstanceOf(Date);
    const after = await describeAlias();
    expect(after).toMatchObject({ stateMachineAliasArn: aliasArn, name: 'live', description: 'first', routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] });
    expect(after.creationDate?.getTime()).toBe(before.creationDate?.getTime());
    expect(after.updateDate!.getTime()).toBeGreaterThan(before.updateDate!.getTime());
    expect(after.updateDate?.getTime()).toBe(u.updateDate?.getTime());
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: aliasArn }));
    const d = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ stateMachineAliasArn: aliasArn, stateMachineVersionArn: v2 });
    // ListStateMachineAliases by version ARN follows the new routing too
    const byV1 = await h.sfn.send(new sfn.ListStateMachineAliasesCommand({ stateMachineArn: v1 }));
    expect(byV1.stateMachineAliases).toEqual([]);
    const byV2 = await h.sfn.send(new sfn.ListStateMachineAliasesCommand({ stateMachineArn: v2 }));
    expect(byV2.stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([aliasArn]);
  });

  it('splits traffic over two versions and changes the description alone', async () => {
    await update({ routingConfiguration: [{ stateMachineVersionArn: v1, weight: 30 }, { stateMachineVersionArn: v2, weight: 70 }] });
    await update({ description: 'canary' });
    const a = await describeAlias();
    expect(a.description).toBe('canary');
    // a description-only update keeps the routing
    expect(a.routingConfiguration).toEqual([{ stateMachineVersionArn: v1, weight: 30 }, { stateMachineVersionArn: v2, weight: 70 }]);
    // an empty description is a description: it replaces the previous one
    await update({ description: '' });
    expect((await describeAlias()).description ?? '').toBe('');
  });

  it('answers the same update again (idempotent)', async () => {
    const routingConfiguration = [{ stateMachineVersionArn: v1, weight: 100 }];
    await update({ routingConfiguration, description: 'same' });
    await update({ routingConfiguration, description: 'same' });
    expect(await describeAlias()).toMatchObject({ routingConfiguration, description: 'same' });
  });

  it('refuses invalid routing configurations with ValidationException and keeps the alias as it was', async () => {
    await update({ routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }], description: 'kept' });
    const cases: Array<[sfn.RoutingConfigurationListItem[], RegExp]> = [
      [[{ stateMachineVersionArn: v1, weight: 60 }, { stateMachineVersionArn: v2, weight: 30 }], /Sum of routing configuration weights must be equal to 100/],
      [[{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: v1, weight: 50 }], /distinct/],
      [[{ stateMachineVersionArn: v1, weight: 101 }], /weight/],
      [[], /routingConfiguration/],
      [[{ stateMachineVersionArn: v1, weight: 40 }, { stateMachineVersionArn: v2, weight: 30 }, { stateMachineVersionArn: `${smArn}:3`, weight: 30 }], /routingConfiguration/],
    ];
    for (const [routingConfiguration, message] of cases) {
      const e = await rejects(update({ routingConfiguration }));
      expect(e, JSON.stringify(routingConfiguration)).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(e.message).toMatch(message);
    }
    // neither a description nor a routing configuration
    expect(await rejects(update({}))).toMatchObject({ name: 'ValidationException', message: 'Either the description or the RoutingConfiguration must be specified', status: 400 });
    // a version of another state machine
    const other = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'other', definition: def(9), roleArn: role, publish: true }));
    expect(await rejects(update({ routingConfiguration: [{ stateMachineVersionArn: other.stateMachineVersionArn!, weight: 100 }] }))).toMatchObject({ name: 'ValidationException' });
    expect(await describeAlias()).toMatchObject({ description: 'kept', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] });
  });

  it('answers ResourceNotFound for an unknown version or alias, InvalidArn for an ARN that is no alias', async () => {
    expect(await rejects(update({ routingConfiguration: [{ stateMachineVersionArn: `${smArn}:99`, weight: 100 }] }))).toMatchObject({ name: 'ResourceNotFound', message: `Resource not found: '${smArn}:99'`, status: 400 });
    expect(await rejects(update({ description: 'x' }, `${smArn}:nope`))).toMatchObject({ name: 'ResourceNotFound', status: 400 });
    expect(await rejects(update({ description: 'x' }, 'arn:aws:states:us-east-1:123456789012:stateMachine:missing:live'))).toMatchObject({ name: 'ResourceNotFound' });
    expect(await rejects(update({ description: 'x' }, smArn))).toMatchObject({ name: 'InvalidArn', status: 400 });
    expect(await rejects(update({ description: 'x' }, v1))).toMatchObject({ name: 'InvalidArn' });
    expect(await rejects(update({ description: 'x' }, 'not-an-arn'))).toMatchObject({ name: 'InvalidArn' });
    // an alias ARN of another region of the same account is not this deployment's
    expect(await rejects(update({ description: 'x' }, aliasArn.replace('us-east-1', 'eu-west-1')))).toMatchObject({ name: 'ResourceNotFound' });
  });
});
