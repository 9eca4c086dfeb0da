import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';
import { DELETION_GRACE_MS, Registry, EngineError } from '@stepwise/engine';
import { uniquePrefix } from '@stepwise/testkit';

const scope = { region: 'us-east-1', accountId: '123456789012' };
const def = (x: string) => JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: x, End: true } } });
let redis: Redis;

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  await redis.quit();
});

/** A registry on a clock that moves 1 s per read; no deletion grace unless given. */
function registry(opts: { deletionGraceMs?: number; now?: () => number } = {}): Registry {
  let t = 1_700_000_000_000;
  let rev = 0;
  return new Registry({ redis, prefix: uniquePrefix('reg'), scope, now: opts.now ?? (() => (t += 1000)), newRevisionId: () => `rev-${++rev}`, deletionGraceMs: opts.deletionGraceMs ?? 0 });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('registry: state machines', () => {
  it('creates idempotently and refuses a different definition under the same name', async () => {
    const r = registry();
    const a = await r.createStateMachine({ name: 'm', definition: def('1'), roleArn: 'arn:aws:iam::123456789012:role/r', type: 'STANDARD', tags: { team: 'a' } });
    expect(a.record.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:m');
    const again = await r.createStateMachine({ name: 'm', definition: def('1'), roleArn: 'arn:aws:iam::123456789012:role/r', type: 'STANDARD' });
    expect(again.record.creationDate).toBe(a.record.creationDate);
    expect(await code(r.createStateMachine({ name: 'm', definition: def('2'), roleArn: 'arn:aws:iam::123456789012:role/r', type: 'STANDARD' }))).toBe('StateMachineAlreadyExists');
    expect(await r.getTags(a.record.arn)).toEqual({ team: 'a' });
  });

  it('updates with a new revision, publishes versions idempotently, never reuses numbers', async () => {
    const r = registry();
    const { record, version } = await r.createStateMachine({ name: 'm', definition: def('1'), roleArn: 'role', type: 'STANDARD', publish: true, versionDescription: 'first' });
    expect(version).toMatchObject({ version: 1, description: 'first', revisionId: record.revisionId });
    expect(await r.publishVersion('m')).toMatchObject({ version: 1 });
    const up = await r.updateStateMachine('m', { definition: def('2') });
    expect(up.record.revisionId).not.toBe(record.revisionId);
    expect(await code(r.publishVersion('m', record.revisionId))).toBe('ConflictException');
    const v2 = await r.publishVersion('m', up.record.revisionId, 'second');
    expect(v2).toMatchObject({ version: 2, definition: def('2') });
    await r.deleteVersion('m', 2);
    await r.updateStateMachine('m', { definition: def('3') });
    expect((await r.publishVersion('m')).version).toBe(3);
    expect((await r.listVersions('m')).map((v) => v.version)).toEqual([3, 1]);
  });

  it('aliases route to versions of the same machine and protect them from deletion', async () => {
    const r = registry();
    const { version } = await r.createStateMachine({ name: 'm', definition: def('1'), roleArn: 'role', type: 'STANDARD', publish: true });
    const v1 = version!.arn;
    await r.updateStateMachine('m', { definition: def('2') });
    const v2 = (await r.publishVersion('m')).arn;
    expect(await code(r.createAlias('m', 'prod', [{ stateMachineVersionArn: v1, weight: 50 }]))).toBe('ValidationException');
    expect(await code(r.createAlias('m', 'prod', [{ stateMachineVersionArn: `${v1.slice(0, -1)}9`, weight: 100 }]))).toBe('ResourceNotFound');
    const alias = await r.createAlias('m', 'prod', [{ stateMachineVersionArn: v1, weight: 90 }, { stateMachineVersionArn: v2, weight: 10 }], 'canary');
    expect(alias.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:m:prod');
    expect(await r.createAlias('m', 'prod', alias.routingConfiguration, 'canary')).toEqual(alias);
    expect(await code(r.createAlias('m', 'prod', [{ stateMachineVersionArn: v2, weight: 100 }]))).toBe('ConflictException');
    expect(await code(r.deleteVersion('m', 1))).toBe('ConflictException');
    await r.updateAlias('m', 'prod', { routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] });
    await r.deleteVersion('m', 1);
    expect(await r.getVersion('m', 1)).toBeUndefined();
    await r.deleteAlias('m', 'prod');
    expect(await code(r.deleteAlias('m', 'prod'))).toBe('ResourceNotFound');
  });

  it('pages by name and deletes everything of a machine', async () => {
    const r = registry();
    for (const n of ['c', 'a', 'b']) await r.createStateMachine({ name: n, definition: def(n), roleArn: 'role', type: 'EXPRESS', publish: true });
    const p1 = await r.listStateMachines(2);
    expect(p1.items.map((s) => s.name)).toEqual(['a', 'b']);
    const p2 = await r.listStateMachines(2, p1.cursor);
    expect(p2.items.map((s) => s.name)).toEqual(['c']);
    expect(p2.cursor).toBeUndefined();
    expect(await r.deleteStateMachine('b', async () => false)).toBeUndefined();
    expect(await r.getStateMachine('b')).toBeUndefined();
    expect(await r.listVersions('b')).toEqual([]);
    expect((await r.listStateMachines(10)).items.map((s) => s.name)).toEqual(['a', 'c']);
  });

  it('keeps a DELETING machine for the grace period even when nothing runs, so a start that resolved it just before is counted', async () => {
    let t = 1_700_000_000_000;
    const r = registry({ deletionGraceMs: DELETION_GRACE_MS, now: () => t });
    await r.createStateMachine({ name: 'g', definition: def('g'), roleArn: 'role', type: 'STANDARD' });
    // nothing runs yet; a start through a cached ACTIVE record lands during the grace period
    let running = false;
    let asked = 0;
    const since: Array<number | undefined> = [];
    const anyRunning = async (_arn: string, startedSince?: number) => {
      asked++;
      since.push(startedSince);
      return running;
    };
    const deletedAt = t;
    expect((await r.deleteStateMachine('g', anyRunning))?.status).toBe('DELETING');
    // the executions are marked at once, within the grace period too, all of them
    expect(asked).toBe(1);
    expect(since).toEqual([undefined]);
    t += DELETION_GRACE_MS - 1;
    running = true;
    expect((await r.settleDeletion('g', anyRunning))?.status).toBe('DELETING');
    // past the grace the running execution is seen, and the machine stays until it ends
    t += 2;
    expect((await r.settleDeletion('g', anyRunning))?.status).toBe('DELETING');
    running = false;
    expect(await r.settleDeletion('g', anyRunning)).toBeUndefined();
    // a settle re-marks only starts from a minute before the delete on (late starts elsewhere)
    expect(since.slice(1).every((s) => s === deletedAt - 60_000)).toBe(true);
    expect(since.length).toBeGreaterThan(1);
  });

  it('marks every execution again at each settle until a delete cut short has done its full pass', async () => {
    let t = 1_700_000_000_000;
    const r = registry({ deletionGraceMs: DELETION_GRACE_MS, now: () => t });
    await r.createStateMachine({ name: 'cut', definition: def('cut'), roleArn: 'role', type: 'STANDARD' });
    const since: Array<number | undefined> = [];
    const deletedAt = t;
    // the api replica's marking pass fails (Redis error, the process dies) after DELETING is committed
    await expect(r.deleteStateMachine('cut', async () => {
      throw new Error('connection lost');
    })).rejects.toThrow('connection lost');
    const running = async (_arn: string, startedSince?: number) => {
      since.push(startedSince);
      return true;
    };
    t += DELETION_GRACE_MS + 1;
    expect((await r.settleDeletion('cut', running))?.status).toBe('DELETING');
    expect((await r.settleDeletion('cut', running))?.status).toBe('DELETING');
    // the first settle marked all of them; from then on only the late starts
    expect(since).toEqual([undefined, deletedAt - 60_000]);
  });

  it('keeps a machine DELETING while an execution runs, without its versions and aliases; removes it once none runs', async () => {
    const r = registry();
    const { record, version } = await r.createStateMachine({ name: 'd', definition: def('d'), roleArn: 'role', type: 'STANDARD', publish: true, tags: { team: 'x' } });
    await r.createAlias('d', 'live', [{ stateMachineVersionArn: version!.arn, weight: 100 }]);
    let running = true;
    const asked: string[] = [];
    const anyRunning = async (arn: string) => {
      asked.push(arn);
      return running;
    };
    const deleting = await r.deleteStateMachine('d', anyRunning);
    expect(deleting?.status).toBe('DELETING');
    // marked at once, then asked again by the settle (no grace period here)
    expect(asked).toEqual([record.arn, record.arn]);
    expect((await r.getStateMachine('d'))?.status).toBe('DELETING');
    expect(await r.listVersions('d')).toEqual([]);
    expect(await r.listAliases('d')).toEqual([]);
    expect((await r.listStateMachines(10)).items.map((s) => s.name)).toContain('d');
    // A DELETING machine takes no changes, and its name is not free yet.
    await expect(r.updateStateMachine('d', { definition: def('e') })).rejects.toMatchObject({ code: 'StateMachineDeleting' });
    await expect(r.publishVersion('d')).rejects.toMatchObject({ code: 'StateMachineDeleting' });
    await expect(r.createStateMachine({ name: 'd', definition: def('d'), roleArn: 'role', type: 'STANDARD' })).rejects.toMatchObject({ code: 'StateMachineDeleting' });
    // Deleting again changes nothing while it runs.
    expect((await r.deleteStateMachine('d', anyRunning))?.status).toBe('DELETING');
    expect((await r.settleDeletion('d', anyRunning))?.status).toBe('DELETING');
    running = false;
    expect(await r.settleDeletion('d', anyRunning)).toBeUndefined();
    expect(await r.getStateMachine('d')).toBeUndefined();
    expect(await r.getTags(record.arn)).toEqual({});
    expect((await r.listStateMachines(10)).items.map((s) => s.name)).not.toContain('d');
    expect((await r.createStateMachine({ name: 'd', definition: def('d'), roleArn: 'role', type: 'STANDARD' })).record.status).toBeUndefined();
  });

  it('serialises concurrent publishes: each gets its own version number', async () => {
    const r = registry();
    await r.createStateMachine({ name: 'm', definition: def('0'), roleArn: 'role', type: 'STANDARD' });
    const results = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const { record } = await r.updateStateMachine('m', { definition: def(String(i + 1)), publish: true });
        return record.lastVersion;
      }),
    );
    expect(new Set(results).size).toBe(5);
    expect((await r.listVersions('m')).length).toBe(5);
  });
});

describe('registry: activities and tags', () => {
  it('creates activities idempotently, lists, tags and deletes', async () => {
    const r = registry();
    const a = await r.createActivity('work', { tags: { k: 'v' } });
    expect(await r.createActivity('work')).toEqual(a);
    await r.createActivity('other');
    expect((await r.listActivities(10)).items.map((x) => x.name)).toEqual(['other', 'work']);
    await r.tagResource(a.arn, { k: 'w', x: 'y' });
    expect(await r.getTags(a.arn)).toEqual({ k: 'w', x: 'y' });
    await r.untagResource(a.arn, ['k']);
    expect(await r.getTags(a.arn)).toEqual({ x: 'y' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, 'v']));
    expect(await code(r.tagResource(a.arn, many))).toBe('TooManyTags');
    await r.deleteActivity('work');
    expect(await r.getActivity('work')).toBeUndefined();
    expect(await r.getTags(a.arn)).toEqual({});
  });
});
