// `stepwise test --endpoint`: the same test file run end to end against a running Stepwise
// (api + scheduler + worker in process, on the run-wide Redis) over the AWS protocol.
import { describe, expect, it, inject } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@stepwise/config';
import { createLogger } from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import { startAllInOne } from '@stepwise/all-in-one';
import { main, type CliIo } from '@stepwise/cli';
import { SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';

const definition = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }], Default: 'Small' },
    Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', Next: 'Pause' },
    Small: { Type: 'Pass', Result: 'small', ResultPath: '$.size', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 0, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

async function server() {
  const config = loadConfig({ STEPWISE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: inject('redisUrl'), PORT: '0', HOST: '127.0.0.1', STEPWISE_KEY_PREFIX: uniquePrefix('cli'), STEPWISE_LEADER_LEASE_MS: '500' });
  return startAllInOne(config, { logger: createLogger({ service: 'all-in-one', level: 'silent' }) });
}

describe('TestState over the AWS protocol', () => {
  it('the api answers TestState with @stepwise/testing: status, output, nextState, inspectionData, AWS errors', async () => {
    const app = await server();
    const client = new SFNClient({ endpoint: app.api.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, disableHostPrefix: true, maxAttempts: 1 });
    try {
      const state = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'f', 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 3 }],
        Next: 'After',
      };
      const ok = await client.send(new TestStateCommand({ definition: JSON.stringify(state), input: '{"a":1}', mock: { result: '{"StatusCode":200,"Payload":"p"}' }, inspectionLevel: 'DEBUG' }));
      expect(ok.status).toBe('SUCCEEDED');
      expect(ok.nextState).toBe('After');
      expect(JSON.parse(ok.output!)).toEqual({ StatusCode: 200, Payload: 'p' });
      expect(ok.inspectionData?.afterParameters).toBe('{"FunctionName":"f","Payload":{"a":1}}');
      const retriable = await client.send(new TestStateCommand({ definition: JSON.stringify(state), mock: { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'slow' } }, inspectionLevel: 'DEBUG' }));
      expect(retriable.status).toBe('RETRIABLE');
      expect(retriable.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 3 });
      await expect(client.send(new TestStateCommand({ definition: JSON.stringify({ Type: 'Pass', End: true }), mock: { result: '1' } }))).rejects.toMatchObject({ name: 'ValidationException' });
    } finally {
      client.destroy();
      await app.close();
    }
  });
});

describe('stepwise test --endpoint', () => {
  it('runs the cases over the AWS protocol, reads the history for expectations and coverage', async () => {
    const app = await server();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'stepwise-endpoint-'));
      writeFileSync(
        join(dir, 'route.test.json'),
        JSON.stringify({
          stateMachine: { name: `route-${Date.now()}`, definition },
          cases: [
            { name: 'big', input: { n: 11 }, expect: { status: 'SUCCEEDED', output: { n: 11, size: 'big' }, path: ['Route', 'Big', 'Pause', 'Done'], notVisited: ['Small'] } },
            { name: 'small (wrong on purpose)', input: { n: 1 }, expect: { outputIncludes: { size: 'big' } } },
          ],
        }),
      );
      let out = '';
      let err = '';
      const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, color: false };
      const code = await main(['test', dir, '--endpoint', app.api.url, '--coverage-file', join(dir, 'cov.json')], io);
      expect(err).toBe('');
      expect(out).toContain('✓ big');
      expect(out).toContain('✗ small (wrong on purpose)');
      expect(out).toContain('outputIncludes: output does not include the expected value: $.size: expected "big", got "small"');
      expect(out).toMatch(/\| route-\d+ +\| 5\/5 \(100%\) \| 2\/2 \(100%\)/);
      expect(code).toBe(1);
    } finally {
      await app.close();
    }
  });
});
