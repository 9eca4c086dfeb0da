import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '@stepwise/cli';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const examples = join(repo, 'examples/testing');

async function cli(args: string[], cwd = repo): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, color: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('stepwise run', () => {
  it('runs a definition with a MockConfigFile test case and prints the result as JSON', async () => {
    const r = await cli(['run', join(examples, 'LambdaSQSIntegration.asl.json'), '--mock-config', join(examples, 'MockConfigFile.json'), '--test-case', 'RetryPath', '--input', '{"a":1}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ status: 'SUCCEEDED', output: { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' } });
  });

  it('an unmocked state with no handler fails (exit 1) with the error and cause', async () => {
    const r = await cli(['run', join(examples, 'LambdaSQSIntegration.asl.json'), '--mock-config', join(examples, 'MockConfigFile.json'), '--test-case', 'HybridPath']);
    expect(r.code).toBe(1);
    const printed = JSON.parse(r.out);
    expect(printed.status).toBe('FAILED');
    expect(printed.error).toBe('States.TaskFailed');
  });

  it('--handlers serves unmocked resources; --input-file and --history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
    writeFileSync(join(dir, 'in.json'), '{"n": 2}');
    const r = await cli(['run', join(examples, 'LambdaSQSIntegration.asl.json'), '--mock-config', join(examples, 'MockConfigFile.json'), '--test-case', 'HybridPath', '--handlers', join(examples, 'handlers.mjs'), '--input-file', join(dir, 'in.json'), '--history']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out);
    expect(printed.output).toEqual({ MessageId: 'local-1', MD5OfMessageBody: 'local' });
    expect(printed.events[0].type).toBe('ExecutionStarted');
  });

  it('an unknown test case is an error naming the mock file and the pointer', async () => {
    const r = await cli(['run', join(examples, 'LambdaSQSIntegration.asl.json'), '--mock-config', join(examples, 'MockConfigFile.json'), '--test-case', 'Nope']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('MockConfigFile.json at /StateMachines/LambdaSQSIntegration/TestCases/Nope');
    expect(r.out).toBe('');
  });

  it('usage errors exit 2 with the help', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: stepwise run');
    expect((await cli(['run', 'x.json', '--mock-config', 'm.json'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('stepwise test', () => {
  it('runs the example folder, prints each case and coverage, writes coverage JSON and JUnit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
    const r = await cli(['test', examples, '--coverage-file', join(dir, 'cov.json'), '--reporter', 'junit', '--output-file', join(dir, 'junit.xml')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(' PASS  examples/testing/LambdaSQSIntegration.test.yaml (LambdaSQSIntegration)');
    expect(r.out).toContain('✓ retry path');
    expect(r.out).toMatch(/\| LambdaSQSIntegration \| 2\/2 \(100%\)/);
    const cov = JSON.parse(readFileSync(join(dir, 'cov.json'), 'utf8'));
    expect(cov.summaries[0].stateMachine).toBe('LambdaSQSIntegration');
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="stepwise" tests="4" failures="0" errors="0" skipped="0"');
  });

  it('a failing case exits 1 and prints the first difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
    writeFileSync(
      join(dir, 'wrong.test.yaml'),
      `stateMachine: ${join(examples, 'LambdaSQSIntegration.asl.json')}\nmocks: ${join(examples, 'MockConfigFile.json')}\ncases:\n  - name: wrong output\n    testCase: HappyPath\n    expect:\n      output: { MessageId: other, MD5OfMessageBody: 3bcb6e8e-7h85-4375-b0bc-1a59812c6e51 }\n`,
    );
    const r = await cli(['test', dir, '--coverage-file', 'none'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ wrong output');
    expect(r.out).toContain('output: output differs at $.MessageId: expected "other", got "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"');
    expect(r.out).toContain('Cases: 1 failed');
  });

  it('--coverage-threshold fails a run whose coverage is lower', async () => {
    const r = await cli(['test', examples, '--coverage-file', 'none', '--coverage-threshold', '100', '--filter', 'happy']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Coverage of LambdaSQSIntegration is 66.7%, under the threshold of 100%');
  });

  it('a malformed test file is reported with its line and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
    writeFileSync(join(dir, 'bad.test.json'), '{\n  "stateMachine": "x.asl.json",\n  "cases": [ { "name": "a", "expect": { "stauts": "SUCCEEDED" } } ]\n}\n');
    const r = await cli(['test', dir, '--coverage-file', 'none'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("bad.test.json:3:51 at /cases/0/expect/stauts: unknown expectation 'stauts'");
  });

  it('--watch runs, re-runs after a change, and stops on abort', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
    const file = join(dir, 'w.test.json');
    const write = (status: string) =>
      writeFileSync(file, JSON.stringify({ stateMachine: { name: 'W', definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }, cases: [{ name: 'pass', expect: { status } }] }));
    write('SUCCEEDED');
    const controller = new AbortController();
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, color: false, signal: controller.signal };
    const running = main(['test', dir, '--watch', '--coverage-file', 'none'], io);
    await until(() => err.includes('Watching for changes'));
    write('FAILED');
    await until(() => out.includes('✗ pass'));
    controller.abort();
    expect(await running).toBe(1);
    expect(out).toContain('✓ pass');
  });
});

describe('stepwise test --watch and referenced files', () => {
  it('re-runs when a mock configuration outside the watched folder changes', async () => {
    const testsDir = mkdtempSync(join(tmpdir(), 'stepwise-watch-tests-'));
    const mocksDir = mkdtempSync(join(tmpdir(), 'stepwise-watch-mocks-'));
    const mockFile = join(mocksDir, 'mocks.json');
    const writeMocks = (value: number) =>
      writeFileSync(mockFile, JSON.stringify({ StateMachines: { T: { TestCases: { C: { A: 'R' } } } }, MockedResponses: { R: { '0': { Return: value } } } }));
    writeMocks(1);
    writeFileSync(
      join(testsDir, 't.test.json'),
      JSON.stringify({ stateMachine: { name: 'T', definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } } }, mocks: mockFile, cases: [{ name: 'one', testCase: 'C', expect: { output: 1 } }] }),
    );
    const controller = new AbortController();
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: testsDir, color: false, signal: controller.signal };
    const running = main(['test', testsDir, '--watch', '--coverage-file', 'none'], io);
    await until(() => err.includes('Watching for changes'));
    expect(out).toContain('✓ one');
    writeMocks(2);
    await until(() => out.includes('✗ one'));
    controller.abort();
    expect(await running).toBe(1);
    expect(out).toContain('output differs at $: expected 1, got 2');
  });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
