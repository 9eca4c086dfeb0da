/**
 * api-start-execution: StartExecution over the AWS protocol (express → validation → registry
 * lookup → engine commit + BullMQ add) while the workers drain, against a bare express + Redis
 * MULTI + BullMQ add handler on the same Redis (AOF everysec), in the same run. Maximum req/s
 * (closed loop, 64 in flight) and p50/p99 at 1,000 req/s (open loop); then the api with SigV4 on.
 * Goals: ≥ 0.5× the baseline's maximum, p99 ≤ 15 ms at 1,000 req/s; with SigV4 ≥ 0.35×.
 * The load generator shares the process (and the machine's cores) with the servers.
 */
import { benchRedis } from './engine-common.js';
import { ACCESS, apiStack, bareStack, closeAgent, fixedRate, maxRate, type Target } from './api-common.js';

const SECONDS = 4_000;
const DEF = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

async function createMachine(port: number, sign: boolean): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/state-machines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sign ? { authorization: 'Bearer bench-token' } : {}) },
    body: JSON.stringify({ name: 'bench', definition: DEF }),
  });
  return ((await res.json()) as { stateMachineArn: string }).stateMachineArn;
}

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  const out: unknown[] = [];
  try {
    const bare = await bareStack(server.url);
    const bareTarget: Target = { port: bare.port, action: 'StartExecution', body: (i) => JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench', name: `b${i}-${Math.random()}`, input: '{"n":1}' }) };
    await maxRate(bareTarget, 500);
    const bareMax = await maxRate(bareTarget, SECONDS);
    const bareAt1k = await fixedRate(bareTarget, 1000, SECONDS);
    await bare.close();
    out.push({ scenario: 'api-start-execution', engine: 'bare-express-multi-bullmq', maxPerSecond: bareMax.perSecond, errors: bareMax.errors, at1000: bareAt1k });

    for (const sign of [false, true]) {
      const api = await apiStack(server.url, sign ? { STEPWISE_AUTH: 'required', STEPWISE_ACCESS_KEYS: `${ACCESS.accessKeyId}:${ACCESS.secretAccessKey}`, STEPWISE_API_TOKENS: 'bench-token' } : {});
      const smArn = await createMachine(api.port, sign);
      const target: Target = { port: api.port, action: 'StartExecution', sign, body: (i) => JSON.stringify({ stateMachineArn: smArn, name: `e${i}-${Math.random().toString(36).slice(2)}`, input: '{"n":1}' }) };
      await maxRate(target, 500);
      const max = await maxRate(target, SECONDS);
      const at1k = await fixedRate(target, 1000, SECONDS);
      await api.close();
      const ratio = Number((max.perSecond / bareMax.perSecond).toFixed(2));
      out.push({ scenario: 'api-start-execution', engine: sign ? 'stepwise-sigv4' : 'stepwise', maxPerSecond: max.perSecond, errors: max.errors, at1000: at1k });
      out.push({ scenario: 'api-start-execution', ratio, goal: sign ? '>= 0.35' : '>= 0.5', p99At1000: at1k.p99, p99Goal: sign ? undefined : '<= 15 ms' });
    }
  } finally {
    closeAgent();
    await server.stop();
  }
  return out;
}
