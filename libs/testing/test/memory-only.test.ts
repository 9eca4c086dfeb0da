// `memoryOnly` cases: run by the in-memory runner, skipped with the reason by an executor on a
// server (`stepwise test --endpoint`), and shown so by both reporters.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConsoleReport, formatJUnit, inMemoryExecutor, loadTestFile, loadTestText, runSuite, TestFileError, type CaseExecutor, type RunObservation } from '@stepwise/testing';

const examples = fileURLToPath(new URL('../../../examples/testing/', import.meta.url));

function recording(remote: boolean, ran: string[]): CaseExecutor {
  const observation: RunObservation = { status: 'SUCCEEDED', output: {}, entered: [], stateInputs: new Map(), taskCalls: [], transitions: [], retries: [], uncaught: [], durationMs: 0 } as unknown as RunObservation;
  return {
    name: 'endpoint http://127.0.0.1:1',
    ...(remote ? { remote: true } : {}),
    run(_suite, c) {
      ran.push(c.name);
      return Promise.resolve(observation);
    },
  };
}

describe('memoryOnly', () => {
  it('is loaded from the walkthrough file: the hybrid and inline-mock cases', async () => {
    const suite = await loadTestFile(join(examples, 'LambdaSQSIntegration.test.yaml'));
    expect(suite.cases.map((c) => c.memoryOnly)).toEqual([false, false, true, true]);
  });

  it('is skipped with the reason by a remote executor, and run by a local one', async () => {
    const suite = await loadTestText(JSON.stringify({ stateMachine: { name: 'm', definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }, cases: [{ name: 'anywhere', expect: {} }, { name: 'local', memoryOnly: true, expect: {} }] }), 'm.test.json');
    const ran: string[] = [];
    const remote = await runSuite(suite, recording(true, ran), undefined);
    expect(ran).toEqual(['anywhere']);
    expect(remote.cases.map((c) => [c.name, c.status, c.skipReason])).toEqual([
      ['anywhere', 'passed', undefined],
      ['local', 'skipped', 'memoryOnly: runs in memory only, not on endpoint http://127.0.0.1:1'],
    ]);
    expect(formatConsoleReport([remote])).toContain('   - local (skipped: memoryOnly: runs in memory only, not on endpoint http://127.0.0.1:1)');
    expect(formatJUnit([remote])).toContain('<skipped message="memoryOnly: runs in memory only, not on endpoint http://127.0.0.1:1"/>');

    const local = await runSuite(suite, inMemoryExecutor(), undefined);
    expect(local.cases.map((c) => c.status)).toEqual(['passed', 'passed']);
  });

  it('must be true or false', async () => {
    const e = await loadTestText('{"stateMachine":{"definition":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}},"cases":[{"name":"c","memoryOnly":"yes","expect":{}}]}', 'bad.test.json').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TestFileError);
    expect((e as Error).message).toContain('/cases/0/memoryOnly: memoryOnly is true or false');
  });
});
