import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestFile, loadTestText, TestFileError, MockConfigError, mockForAttempt } from '@stepwise/testing';

const examples = fileURLToPath(new URL('../../../examples/testing/', import.meta.url));

async function errorOf(p: Promise<unknown>): Promise<TestFileError | MockConfigError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TestFileError || e instanceof MockConfigError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('test files', () => {
  it('loads the walkthrough: definition and MockConfigFile by path, test cases selected, inline mocks', async () => {
    const suite = await loadTestFile(join(examples, 'LambdaSQSIntegration.test.yaml'));
    expect(suite.stateMachineName).toBe('LambdaSQSIntegration');
    expect(suite.cases.map((c) => c.name)).toHaveLength(4);
    expect(suite.cases[0]!.mocks!.testCaseName).toBe('HappyPath');
    expect(suite.cases[2]!.mocks!.states.has('SQSState')).toBe(false);
    const inline = suite.cases[3]!.mocks!;
    expect(mockForAttempt(inline, 'LambdaState', 3)).toMatchObject({ kind: 'throw', error: 'Lambda.ResourceNotReadyException' });
    expect(mockForAttempt(inline, 'LambdaState', 4).kind).toBe('exhausted');
    expect(suite.handlersFile).toMatch(/handlers\.mjs$/);
  });

  it('an inline definition and inline mocks in JSON', async () => {
    const suite = await loadTestText(
      JSON.stringify({
        stateMachine: { name: 'M', definition: { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'r', End: true } } } },
        mocks: { StateMachines: { M: { TestCases: { T: { A: 'R' } } } }, MockedResponses: { R: { '0': { Return: 1 } } } },
        cases: [{ name: 'one', testCase: 'T', mocks: { B: 'R' }, expect: { output: 1 } }],
      }),
      '/tmp/x.test.json',
    );
    expect([...suite.cases[0]!.mocks!.states.keys()]).toEqual(['A', 'B']);
    expect(suite.cases[0]!.input).toEqual({});
  });

  it('a misspelt expectation is an error with its pointer and line, not a check that never runs', async () => {
    const text = 'stateMachine: { definition: { StartAt: A, States: {} } }\ncases:\n  - name: one\n    expect:\n      ouput: 1\n';
    const e = await errorOf(loadTestText(text, 'a.test.yaml'));
    expect(e.issues[0]).toMatchObject({ pointer: '/cases/0/expect/ouput', line: 5 });
    expect(e.message).toContain("a.test.yaml:5:14 at /cases/0/expect/ouput: unknown expectation 'ouput'");
  });

  it('an unknown test case names the test file, the case and the mock configuration', async () => {
    const e = await errorOf(loadTestFile(join(writeTemp('stateMachine: ../../../examples/testing/LambdaSQSIntegration.asl.json'), 'x.test.yaml')));
    expect(e).toBeInstanceOf(TestFileError);
    expect(e.issues[0]!.pointer).toBe('/cases/0/testCase');
    expect(e.message).toContain("no test case 'SadPath' for the state machine 'LambdaSQSIntegration'");
    expect(e.message).toContain('MockConfigFile.json at /StateMachines/LambdaSQSIntegration/TestCases/SadPath');
  });

  it('an inline state mock naming an unknown response is refused', async () => {
    const e = await errorOf(
      loadTestText(
        JSON.stringify({
          stateMachine: { name: 'M', definition: {} },
          mocks: { StateMachines: {}, MockedResponses: {} },
          cases: [{ name: 'one', mocks: { A: 'Nope' }, expect: {} }],
        }),
        'b.test.json',
      ),
    );
    expect(e.issues[0]).toMatchObject({ pointer: '/cases/0/mocks/A' });
  });

  it('malformed inline attempts are reported at their pointer inside the case', async () => {
    const e = await errorOf(
      loadTestText(JSON.stringify({ stateMachine: { definition: {} }, cases: [{ name: 'one', mocks: { A: { '1': { Return: 1 } } }, expect: {} }] }), 'c.test.json'),
    );
    expect(e.issues[0]!.pointer).toBe('/cases/0/mocks/A/1');
  });

  it('structural problems are all listed', async () => {
    const e = await errorOf(loadTestText(JSON.stringify({ cases: [{ expect: { status: 'DONE', attempts: { A: -1 } } }, 3], extra: 1 }), 'd.test.json'));
    expect(e.issues.map((i) => i.pointer)).toEqual(['/extra', '', '/cases/0', '/cases/0/expect/status', '/cases/0/expect/attempts/A', '/cases/1']);
  });

  it('a missing definition file is an error at /stateMachine', async () => {
    const e = await errorOf(loadTestText('stateMachine: nowhere.asl.json\ncases: []\n', '/tmp/e.test.yaml'));
    expect(e.issues[0]).toMatchObject({ pointer: '/stateMachine', line: 1 });
  });
});

function writeTemp(stateMachineLine: string): string {
  // Paths in a test file are relative to it; this one lives in a temp folder, so it names the example by absolute path.
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-testfile-'));
  writeFileSync(
    join(dir, 'x.test.yaml'),
    `${stateMachineLine.replace('../../../examples/testing/', examples)}\nmocks: ${join(examples, 'MockConfigFile.json')}\ncases:\n  - name: sad\n    testCase: SadPath\n    expect: {}\n`,
  );
  return dir;
}
