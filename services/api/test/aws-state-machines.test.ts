// State machines, versions, aliases, activities and tags through the unmodified AWS SDK.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const def = (r: string) => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: r, End: true } } });
let h: Harness;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'));
});
afterAll(async () => {
  await h.close();
});

describe('state machines over the AWS protocol', () => {
  it('creates, describes, lists, updates and deletes', async () => {
    const created = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'orders', definition: def('a'), roleArn: role, tags: [{ key: 'team', value: 'ops' }] }));
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:orders');
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(created.creationDate!.getTime() - Date.now())).toBeLessThan(5000);

    const d = await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(d).toMatchObject({ name: 'orders', status: 'ACTIVE', type: 'STANDARD', definition: def('a'), roleArn: role, loggingConfiguration: { level: 'OFF', includeExecutionData: false } });
    expect(d.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const up = await h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: def('b'), tracingConfiguration: { enabled: true } }));
    expect(up.revisionId).not.toBe(d.revisionId);
    const d2 = await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(d2.definition).toBe(def('b'));
    expect(d2.tracingConfiguration).toEqual({ enabled: true });

    const tags = await h.sfn.send(new sfn.ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }));
    expect(tags.tags).toEqual([{ key: 'team', value: 'ops' }]);

    const list = await h.sfn.send(new sfn.ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((s) => s.name)).toContain('orders');

    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    const gone = await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })));
    expect(gone).toEqual({ name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${created.stateMachineArn}'`, status: 400 });
  });

  it('answers AWS errors: InvalidDefinition, InvalidName, InvalidArn, StateMachineAlreadyExists, ValidationException', async () => {
    const bad = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Next: 'Nowhere' } } });
    expect(await rejects(h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'bad', definition: bad, roleArn: role })))).toMatchObject({
      name: 'InvalidDefinition',
      message: "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/P/Next'",
      status: 400,
    });
    expect((await rejects(h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'a b', definition: def('x'), roleArn: role })))).name).toBe('InvalidName');
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })))).name).toBe('InvalidArn');
    await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'dup', definition: def('x'), roleArn: role }));
    const again = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'dup', definition: def('x'), roleArn: role }));
    expect(again.stateMachineArn).toMatch(/:dup$/);
    expect((await rejects(h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'dup', definition: def('y'), roleArn: role })))).name).toBe('StateMachineAlreadyExists');
    const v = await rejects(h.sfn.send(new sfn.ListStateMachinesCommand({ maxResults: 1001 })));
    expect(v.name).toBe('ValidationException');
    expect(v.message).toBe("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    expect((await rejects(h.sfn.send(new sfn.ListStateMachinesCommand({ nextToken: 'garbage' })))).name).toBe('InvalidToken');
  });

  it('pages ListStateMachines with opaque tokens', async () => {
    for (const n of ['pg1', 'pg2', 'pg3']) await h.sfn.send(new sfn.CreateStateMachineCommand({ name: n, definition: def(n), roleArn: role, type: 'EXPRESS' }));
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page: sfn.ListStateMachinesCommandOutput = await h.sfn.send(new sfn.ListStateMachinesCommand({ maxResults: 2, ...(token ? { nextToken: token } : {}) }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(2);
      names.push(...page.stateMachines!.map((s) => s.name!));
      token = page.nextToken;
    } while (token);
    expect(names.filter((n) => n.startsWith('pg'))).toEqual(['pg1', 'pg2', 'pg3']);
  });

  it('validates definitions', async () => {
    const ok = await h.sfn.send(new sfn.ValidateStateMachineDefinitionCommand({ definition: def('x') }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
    const fail = await h.sfn.send(new sfn.ValidateStateMachineDefinitionCommand({ definition: '{not json' }));
    expect(fail.result).toBe('FAIL');
    expect(fail.diagnostics?.[0]?.code).toBe('INVALID_JSON_DESCRIPTION');
  });

  it('publishes versions and routes aliases', async () => {
    const c = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'ver', definition: def('1'), roleArn: role, publish: true, versionDescription: 'v1' }));
    expect(c.stateMachineVersionArn).toBe(`${c.stateMachineArn}:1`);
    await h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: c.stateMachineArn, definition: def('2') }));
    const p = await h.sfn.send(new sfn.PublishStateMachineVersionCommand({ stateMachineArn: c.stateMachineArn, description: 'v2' }));
    expect(p.stateMachineVersionArn).toBe(`${c.stateMachineArn}:2`);
    const dv = await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: `${c.stateMachineArn}:1` }));
    expect(dv).toMatchObject({ stateMachineArn: `${c.stateMachineArn}:1`, definition: def('1'), description: 'v1' });
    const versions = await h.sfn.send(new sfn.ListStateMachineVersionsCommand({ stateMachineArn: c.stateMachineArn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${c.stateMachineArn}:2`, `${c.stateMachineArn}:1`]);

    const a = await h.sfn.send(new sfn.CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${c.stateMachineArn}:2`, weight: 100 }] }));
    expect(a.stateMachineAliasArn).toBe(`${c.stateMachineArn}:live`);
    const da = await h.sfn.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn: a.stateMachineAliasArn }));
    expect(da).toMatchObject({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: `${c.stateMachineArn}:2`, weight: 100 }] });
    const conflict = await rejects(h.sfn.send(new sfn.DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${c.stateMachineArn}:2` })));
    expect(conflict.name).toBe('ConflictException');

    const ex = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: a.stateMachineAliasArn, input: '{"n":1}' }));
    const de = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: ex.executionArn }));
    expect(de).toMatchObject({ stateMachineAliasArn: a.stateMachineAliasArn, stateMachineVersionArn: `${c.stateMachineArn}:2` });
    const forEx = await h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: ex.executionArn }));
    expect(forEx.definition).toBe(def('2'));

    const aliases = await h.sfn.send(new sfn.ListStateMachineAliasesCommand({ stateMachineArn: c.stateMachineArn }));
    expect(aliases.stateMachineAliases?.map((x) => x.stateMachineAliasArn)).toEqual([a.stateMachineAliasArn]);
    await h.sfn.send(new sfn.DeleteStateMachineAliasCommand({ stateMachineAliasArn: a.stateMachineAliasArn }));
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn: a.stateMachineAliasArn })))).name).toBe('ResourceNotFound');
  });

  it('manages activities and tags', async () => {
    const a = await h.sfn.send(new sfn.CreateActivityCommand({ name: 'review', tags: [{ key: 'k', value: 'v' }] }));
    expect(a.activityArn).toBe('arn:aws:states:us-east-1:123456789012:activity:review');
    expect((await h.sfn.send(new sfn.DescribeActivityCommand({ activityArn: a.activityArn }))).name).toBe('review');
    await h.sfn.send(new sfn.TagResourceCommand({ resourceArn: a.activityArn, tags: [{ key: 'x', value: 'y' }] }));
    await h.sfn.send(new sfn.UntagResourceCommand({ resourceArn: a.activityArn, tagKeys: ['k'] }));
    expect((await h.sfn.send(new sfn.ListTagsForResourceCommand({ resourceArn: a.activityArn }))).tags).toEqual([{ key: 'x', value: 'y' }]);
    expect((await h.sfn.send(new sfn.ListActivitiesCommand({}))).activities?.map((x) => x.name)).toContain('review');
    await h.sfn.send(new sfn.DeleteActivityCommand({ activityArn: a.activityArn }));
    expect((await rejects(h.sfn.send(new sfn.DescribeActivityCommand({ activityArn: a.activityArn })))).name).toBe('ActivityDoesNotExist');
    expect((await rejects(h.sfn.send(new sfn.ListTagsForResourceCommand({ resourceArn: a.activityArn })))).name).toBe('ResourceNotFound');
  });
});
