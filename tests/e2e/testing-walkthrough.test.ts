// docs/testing.md, "On the server", as a test: the built all-in-one started with
// SFN_MOCK_CONFIG=examples/testing/MockConfigFile.json and a high STEPWISE_TIME_SCALE, and the
// built `stepwise test examples/testing --endpoint http://127.0.0.1:<port>` run against it, as a
// user runs them (`npx stepwise` is services/cli/bin/stepwise.js). Build first:
//   npx tsc -b services/all-in-one services/cli
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { repoRoot, servicesBuilt, startService, stopService, waitReady } from './support/service-process.js';

const root = repoRoot;
const cli = path.join(root, 'services/cli/bin/stepwise.js');
const built = servicesBuilt('all-in-one') && existsSync(path.join(root, 'services/cli/dist/main.js'));

/** Runs the stepwise command from the repository root, as `npx stepwise ...` does. */
function stepwise(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!built)('docs/testing.md on the server (npx tsc -b services/all-in-one services/cli first)', () => {
  let redis: RedisServer;
  let child: ChildProcess;
  let url: string;
  let tmp: string;

  beforeAll(async () => {
    redis = await startRedis();
    const port = await freePort();
    child = startService('all-in-one', {
      PORT: String(port),
      REDIS_URL: redis.url,
      STEPWISE_KEY_PREFIX: uniquePrefix('walk'),
      SFN_MOCK_CONFIG: 'examples/testing/MockConfigFile.json',
      STEPWISE_TIME_SCALE: '1000',
    });
    url = `http://127.0.0.1:${port}`;
    await waitReady(url, child);
    tmp = mkdtempSync(path.join(tmpdir(), 'stepwise-walkthrough-'));
  }, 60_000);

  afterAll(async () => {
    await stopService(child);
    await redis?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs examples/testing end to end: the file test cases pass, the memoryOnly cases are skipped with the reason', async () => {
    const t0 = Date.now();
    const r = await stepwise(['test', 'examples/testing', '--endpoint', url, '--coverage-file', path.join(tmp, 'coverage.json')]);
    const ms = Date.now() - t0;
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(' PASS  examples/testing/LambdaSQSIntegration.test.yaml (LambdaSQSIntegration)');
    expect(r.stdout).toMatch(/✓ happy path \(/);
    // RetryPath's back-offs (2 + 4 + 8 s) at STEPWISE_TIME_SCALE=1000 take milliseconds.
    expect(r.stdout).toMatch(/✓ retry path \(/);
    expect(r.stdout).toContain(`- hybrid path (SQSState runs on the local handler) (skipped: memoryOnly: runs in memory only, not on endpoint ${url})`);
    expect(r.stdout).toContain('- a Lambda that never gets ready fails the execution after the retries (skipped: memoryOnly');
    expect(r.stdout).toContain('Cases: 2 passed, 2 skipped (4 total, 1 file)');
    expect(r.stdout).toMatch(/\| LambdaSQSIntegration \| 2\/2 \(100%\) +\| - +\| 1\/1 \(100%\) \| - +\| 3\/3 \(100%\) \|/);
    expect(r.code).toBe(0);
    console.log(`stepwise test examples/testing --endpoint: ${ms} ms (process start included)`);
  }, 60_000);

  it('fails with exit status 1 and the first difference when the server disagrees with an expectation', async () => {
    writeFileSync(
      path.join(tmp, 'wrong.test.json'),
      JSON.stringify({
        stateMachine: { name: 'LambdaSQSIntegration', definition: path.join(root, 'examples/testing/LambdaSQSIntegration.asl.json') },
        mocks: path.join(root, 'examples/testing/MockConfigFile.json'),
        cases: [{ name: 'retry path, counted wrong', testCase: 'RetryPath', input: { greeting: 'hi' }, expect: { status: 'SUCCEEDED', attempts: { LambdaState: 3 } } }],
      }),
    );
    const r = await stepwise(['test', path.join(tmp, 'wrong.test.json'), '--endpoint', url, '--coverage-file', 'none']);
    expect(r.stdout).toContain('✗ retry path, counted wrong');
    expect(r.stdout).toContain("attempts.LambdaState: expected 3 attempts of 'LambdaState', got 4");
    expect(r.stdout).toContain('Cases: 1 failed (1 total, 1 file)');
    expect(r.code).toBe(1);
  }, 60_000);
});
