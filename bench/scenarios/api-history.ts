/**
 * api-history: GetExecutionHistory over the AWS protocol of a 1,000-event execution (a Choice +
 * Pass loop run by the durable engine), read in pages of 100 following nextToken; p50/p99 per page
 * over 30 full reads, measured at a keep-alive node:http client. Goal: p99 ≤ 5 ms per page.
 */
import { benchRedis, percentile } from './engine-common.js';
import { apiStack, awsCall, closeAgent } from './api-common.js';

const READS = 30;

// Each loop turn enters and exits a Pass and a Choice (4 events); 249 turns + start/end ≈ 1,000 events.
const LOOP = JSON.stringify({
  StartAt: 'Inc',
  QueryLanguage: 'JSONPath',
  States: {
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'More' },
    More: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 249, Next: 'Inc' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

const aws = awsCall;

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  try {
    const api = await apiStack(server.url);
    try {
      const sm = await aws(api.port, 'CreateStateMachine', { name: 'loop', definition: LOOP, roleArn: 'arn:aws:iam::123456789012:role/bench' });
      const ex = await aws(api.port, 'StartExecution', { stateMachineArn: sm.stateMachineArn, input: '{"n":0}' });
      const deadline = Date.now() + 60_000;
      while ((await aws(api.port, 'DescribeExecution', { executionArn: ex.executionArn })).status === 'RUNNING') {
        if (Date.now() > deadline) throw new Error('the loop execution did not finish');
        await new Promise((r) => setTimeout(r, 20));
      }
      const page = new Array<number>();
      let events = 0;
      for (let r = 0; r < READS; r++) {
        let token: unknown;
        events = 0;
        do {
          const t0 = performance.now();
          const res = await aws(api.port, 'GetExecutionHistory', { executionArn: ex.executionArn, maxResults: 100, ...(token ? { nextToken: token } : {}) });
          page.push(performance.now() - t0);
          events += (res.events as unknown[]).length;
          token = res.nextToken;
        } while (token);
      }
      page.sort((a, b) => a - b);
      return [{ scenario: 'api-history', events, pages: page.length, pageSize: 100, p50: Number(percentile(page, 50).toFixed(2)), p99: Number(percentile(page, 99).toFixed(2)), goal: 'p99 <= 5 ms' }];
    } finally {
      await api.close();
    }
  } finally {
    closeAgent();
    await server.stop();
  }
}
