// The AWS CLI (`aws stepfunctions ... --endpoint-url`) against the api, with SigV4 required:
// a second, independent client signing and parsing the protocol.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { execFile } from 'node:child_process';
import { startHarness, type Harness } from './support/harness.js';

function run(bin: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, [...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

// Debian's awscli v2 at /usr/bin/aws when it works (.ci/run installs it), else the `aws` on PATH
// (a v1 pyenv shim on some machines), else the suite is skipped with a message saying so.
async function pickCli(): Promise<{ bin: string; version: string } | undefined> {
  for (const bin of ['/usr/bin/aws', 'aws']) {
    const v = await run(bin, ['--version'], {});
    if (v.code === 0) return { bin, version: (v.stdout + v.stderr).trim() };
  }
  return undefined;
}
const cli = await pickCli();
if (cli) console.info(`[aws-cli.test] running ${cli.bin}: ${cli.version}`);
else console.warn('[aws-cli.test] skipped: no working `aws` (neither /usr/bin/aws nor one on PATH); .ci/run installs Debian\'s awscli');
let h: Harness;
const env = { AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'cli-secret', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };

describe.skipIf(cli === undefined)(`AWS CLI ${cli?.version ?? '(none found)'} at ${cli?.bin ?? '-'}`, () => {
  const bin = cli?.bin ?? 'aws';
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'), { STEPWISE_AUTH: 'required', STEPWISE_ACCESS_KEYS: 'AKIDCLI:cli-secret' });
  });
  afterAll(async () => {
    await h.close();
  });
  const sf = (...args: string[]) => run(bin, ['stepfunctions', ...args, '--endpoint-url', h.url, '--output', 'json'], env);

  it('creates a state machine, starts and describes an execution', async () => {
    const def = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const name = `cli-${Math.random().toString(36).slice(2, 8)}`;
    const created = await sf('create-state-machine', '--name', name, '--definition', def, '--role-arn', 'arn:aws:iam::123456789012:role/r');
    expect(created.stderr).toBe('');
    const smArn = (JSON.parse(created.stdout) as { stateMachineArn: string }).stateMachineArn;
    expect(smArn).toBe(`arn:aws:states:us-east-1:123456789012:stateMachine:${name}`);
    const started = await sf('start-execution', '--state-machine-arn', smArn, '--name', 'first', '--input', '{"hello":"cli"}');
    const execArn = (JSON.parse(started.stdout) as { executionArn: string }).executionArn;
    let described = { status: 'RUNNING', output: '' };
    for (let i = 0; i < 50 && described.status === 'RUNNING'; i++) {
      described = JSON.parse((await sf('describe-execution', '--execution-arn', execArn)).stdout) as { status: string; output: string };
      if (described.status === 'RUNNING') await new Promise((r) => setTimeout(r, 100));
    }
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"hello":"cli"}' });
  });

  it('prints AWS errors by name', async () => {
    const r = await sf('describe-state-machine', '--state-machine-arn', 'arn:aws:states:us-east-1:123456789012:stateMachine:nope');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('StateMachineDoesNotExist');
    const bad = await run(bin, ['stepfunctions', 'list-state-machines', '--endpoint-url', h.url], { ...env, AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(bad.stderr).toContain('InvalidSignatureException');
  });
});
