/**
 * Nested executions started through a version or alias ARN are listed under that ARN (an alias
 * start also under the version it routed to), and their list items carry the qualified ARNs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { arns } from '@stepwise/protocol';
import { harness, SCOPE, type Harness } from './harness.js';

describe('nested executions by version and alias', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('ListExecutions by the version or alias ARN finds the child, with the ARNs on its item', async () => {
    h = await harness();
    const base = arns.stateMachine(SCOPE, 'kid');
    const v1 = `${base}:1`;
    const prod = `${base}:prod`;
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    h.machines.set(v1, { stateMachineArn: base, name: 'kid', type: 'STANDARD', definition, versionArn: v1 });
    h.machines.set(prod, { stateMachineArn: base, name: 'kid', type: 'STANDARD', definition, versionArn: v1, aliasArn: prod });
    const parent = (target: string) => ({ StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: target }, End: true } } });
    const byVersion = await h.start('pv', parent(v1));
    const byAlias = await h.start('pa', parent(prod));
    expect((await h.waitDone(byVersion)).status).toBe('SUCCEEDED');
    expect((await h.waitDone(byAlias)).status).toBe('SUCCEEDED');
    const childOf = async (p: string) => (JSON.parse((await h.engine.describeExecution(p)).output ?? '{}') as { ExecutionArn: string }).ExecutionArn;
    const cv = await childOf(byVersion);
    const ca = await childOf(byAlias);

    const underVersion = (await h.engine.listExecutions({ stateMachineArn: v1 })).items;
    expect(underVersion.map((i) => i.executionArn).sort()).toEqual([ca, cv].sort());
    const underAlias = (await h.engine.listExecutions({ stateMachineArn: prod })).items;
    expect(underAlias.map((i) => i.executionArn)).toEqual([ca]);
    expect(underAlias[0]).toMatchObject({ stateMachineArn: base, stateMachineVersionArn: v1, stateMachineAliasArn: prod, status: 'SUCCEEDED' });
    const underBase = (await h.engine.listExecutions({ stateMachineArn: base })).items;
    expect(underBase).toHaveLength(2);
    const vItem = underBase.find((i) => i.executionArn === cv);
    expect(vItem?.stateMachineVersionArn).toBe(v1);
    expect(vItem).not.toHaveProperty('stateMachineAliasArn');
    // the parents were started on the base ARN: no qualified fields
    const parentItem = (await h.engine.listExecutions({ stateMachineArn: arns.stateMachine(SCOPE, 'pv') })).items[0];
    expect(parentItem).not.toHaveProperty('stateMachineVersionArn');
    expect((await h.engine.describeExecution(ca)).stateMachineAliasArn).toBe(prod);
  });
});
