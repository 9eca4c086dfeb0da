// STEPWISE_AUTH=required: SigV4 from the unmodified AWS SDK, bearer tokens for REST.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'), { STEPWISE_AUTH: 'required', STEPWISE_ACCESS_KEYS: 'AKIDTEST:test-secret,AKIDOTHER:other', STEPWISE_API_TOKENS: 'tok-1,tok-2' });
});
afterAll(async () => {
  await h.close();
});

const client = (accessKeyId: string, secretAccessKey: string) =>
  new sfn.SFNClient({ endpoint: h.url, region: 'eu-west-1', credentials: { accessKeyId, secretAccessKey }, disableHostPrefix: true, maxAttempts: 1 });

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

describe('SigV4', () => {
  it('accepts requests signed with a configured key (any region in the scope)', async () => {
    const c = client('AKIDOTHER', 'other');
    const created = await c.send(new sfn.CreateActivityCommand({ name: 'signed' }));
    expect(created.activityArn).toMatch(/:activity:signed$/);
    const described = await c.send(new sfn.DescribeActivityCommand({ activityArn: created.activityArn }));
    expect(described.name).toBe('signed');
    c.destroy();
  });

  it('refuses a wrong secret, an unknown key and an unsigned request', async () => {
    const wrong = client('AKIDTEST', 'not-the-secret');
    expect(await errorName(wrong.send(new sfn.ListActivitiesCommand({})))).toBe('InvalidSignatureException');
    wrong.destroy();
    const unknown = client('AKIDNOPE', 'x');
    expect(await errorName(unknown.send(new sfn.ListActivitiesCommand({})))).toBe('UnrecognizedClientException');
    unknown.destroy();
    const res = await fetch(`${h.url}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.ListActivities', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('refuses a signature more than 15 minutes off the server clock', async () => {
    const skewed = await startHarness(inject('redisUrl'), { STEPWISE_AUTH: 'required', STEPWISE_ACCESS_KEYS: 'AKIDTEST:test-secret' }, { now: () => Date.now() + 20 * 60 * 1000 });
    try {
      await expect(skewed.sfn.send(new sfn.ListActivitiesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', message: expect.stringContaining('Signature expired') });
    } finally {
      await skewed.close();
    }
  });

  it('leaves health endpoints open', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

describe('bearer tokens on REST', () => {
  it('accepts a configured token and refuses others', async () => {
    const ok = await fetch(`${h.url}/v1/activities`, { headers: { authorization: 'Bearer tok-2' } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${h.url}/v1/activities`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { __type: string }).__type).toBe('UnrecognizedClientException');
    const none = await fetch(`${h.url}/v1/activities`);
    expect(((await none.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
  });
});
