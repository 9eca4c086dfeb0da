/** registryResolver: a version ARN resolves to its version; an alias to its first routed version, carrying the alias ARN. */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';
import { uniquePrefix } from '@stepwise/testkit';
import { Registry } from '../src/registry/index.js';
import { registryResolver } from '../src/resolver.js';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const def = (x: string) => JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: x, End: true } } });
let redis: Redis;
beforeAll(() => { redis = new Redis(inject('redisUrl')); });
afterAll(async () => { await redis.quit(); });

describe('registryResolver', () => {
  it('resolves base, version and alias ARNs', async () => {
    const prefix = uniquePrefix('res');
    const reg = new Registry({ redis, prefix, scope });
    const role = 'arn:aws:iam::123456789012:role/r';
    const { record } = await reg.createStateMachine({ name: 'm', definition: def('1'), roleArn: role, type: 'STANDARD' });
    const v = await reg.publishVersion('m');
    const alias = await reg.createAlias('m', 'prod', [{ stateMachineVersionArn: v.arn, weight: 100 }]);
    const resolve = registryResolver(reg);
    const base = await resolve(record.arn);
    expect(base).toMatchObject({ stateMachineArn: record.arn, name: 'm' });
    expect(base).not.toHaveProperty('versionArn');
    const byVersion = await resolve(v.arn);
    expect(byVersion).toMatchObject({ stateMachineArn: record.arn, versionArn: v.arn });
    expect(byVersion).not.toHaveProperty('aliasArn');
    expect(await resolve(alias.arn)).toMatchObject({ stateMachineArn: record.arn, versionArn: v.arn, aliasArn: alias.arn });
    expect(await resolve(`${record.arn}:nope`)).toBeUndefined();
    await reg.deleteStateMachine('m', async () => true);
    await expect(resolve(record.arn)).rejects.toMatchObject({ code: 'StateMachineDeleting' });
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });
});
