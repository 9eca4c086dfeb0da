// docs/testing.md's walkthrough as a test: AWS's LambdaSQSIntegration example (happy, retry and
// hybrid paths, plus a failing path) run from examples/testing in memory.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { inMemoryExecutor, runTestFiles, summarizeCoverage, succeeded } from '@stepwise/testing';

const examples = fileURLToPath(new URL('../../../examples/testing/', import.meta.url));

describe('the LambdaSQSIntegration walkthrough', () => {
  it('every case of the example passes in memory, and coverage sees the retry', async () => {
    const { suites, coverage } = await runTestFiles([join(examples, 'LambdaSQSIntegration.test.yaml')], inMemoryExecutor());
    const cases = suites[0]!.cases;
    expect(cases.map((c) => [c.name, c.status, c.error ?? c.failures.map((f) => f.message).join('; ')])).toEqual([
      ['happy path', 'passed', ''],
      ['retry path', 'passed', ''],
      ['hybrid path (SQSState runs on the local handler)', 'passed', ''],
      ['a Lambda that never gets ready fails the execution after the retries', 'passed', ''],
    ]);
    expect(succeeded(suites)).toBe(true);
    const summary = summarizeCoverage(coverage[0]!);
    expect(summary.states).toMatchObject({ covered: 2, total: 2 });
    expect(summary.retries).toMatchObject({ covered: 1, total: 1 });
  });

  it('the retry path consumes the attempts in order: 0, 1-2, 3', async () => {
    const { suites } = await runTestFiles([join(examples, 'LambdaSQSIntegration.test.yaml')], inMemoryExecutor(), { keepObservations: 'all' });
    const retry = suites[0]!.cases[1]!.observation!;
    expect(retry.taskCalls.filter((c) => c.stateName === 'LambdaState').map((c) => (c.outcome.ok ? 'ok' : c.outcome.error))).toEqual([
      'Lambda.ResourceNotReadyException',
      'Lambda.TimeoutException',
      'Lambda.TimeoutException',
      'ok',
    ]);
  });
});
