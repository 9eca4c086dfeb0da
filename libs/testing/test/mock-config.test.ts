import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadMockConfig, parseMockConfig, resolveMock, selectTestCase, mockForAttempt, MockConfigError } from '@stepwise/testing';

const fixture = fileURLToPath(new URL('./fixtures/lambda-sqs.mock-config.json', import.meta.url));
const text = readFileSync(fixture, 'utf8');

function errorOf(fn: () => unknown): MockConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MockConfigError) return e;
    throw e;
  }
  throw new Error('expected a MockConfigError');
}

describe('AWS MockConfigFile', () => {
  const config = loadMockConfig(text, 'MockConfigFile.json');

  it("reads AWS's own LambdaSQSIntegration example unchanged", () => {
    expect([...config.stateMachines.keys()]).toEqual(['LambdaSQSIntegration']);
    expect([...config.stateMachines.get('LambdaSQSIntegration')!.keys()]).toEqual(['HappyPath', 'RetryPath', 'HybridPath']);
    expect(config.responses.get('MockedLambdaRetry')!.attempts).toHaveLength(4);
  });

  it('answers attempt 0 with the Return of "0"', () => {
    expect(resolveMock(config, 'LambdaSQSIntegration', 'HappyPath', 'LambdaState', 0)).toEqual({
      kind: 'return',
      responseName: 'MockedLambdaSuccess',
      value: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } },
    });
  });

  it('each retry consumes the next attempt, ranges included', () => {
    const tc = selectTestCase(config, 'LambdaSQSIntegration', 'RetryPath');
    const seen = [0, 1, 2, 3].map((a) => {
      const r = mockForAttempt(tc, 'LambdaState', a);
      return r.kind === 'throw' ? r.error : r.kind;
    });
    expect(seen).toEqual(['Lambda.ResourceNotReadyException', 'Lambda.TimeoutException', 'Lambda.TimeoutException', 'return']);
  });

  it('an attempt past the last entry fails the state with States.Runtime, never a real call', () => {
    const r = resolveMock(config, 'LambdaSQSIntegration', 'RetryPath', 'LambdaState', 4);
    expect(r.kind).toBe('exhausted');
    if (r.kind !== 'exhausted') return;
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain("'MockedLambdaRetry'");
    expect(r.cause).toContain('attempt 4');
    expect(r.cause).toContain('/MockedResponses/MockedLambdaRetry');
  });

  it('a state the case does not name runs for real (hybrid path)', () => {
    expect(resolveMock(config, 'LambdaSQSIntegration', 'HybridPath', 'SQSState', 0)).toEqual({ kind: 'notMocked' });
  });

  it('an unknown test case is an error naming the file and the pointer', () => {
    const e = errorOf(() => resolveMock(config, 'LambdaSQSIntegration', 'SadPath', 'LambdaState', 0));
    expect(e.file).toBe('MockConfigFile.json');
    expect(e.issues[0]!.pointer).toBe('/StateMachines/LambdaSQSIntegration/TestCases/SadPath');
    expect(e.message).toContain("no test case 'SadPath'");
    expect(e.message).toContain("'HappyPath', 'RetryPath', 'HybridPath'");
  });

  it('an unknown state machine is an error naming the pointer', () => {
    const e = errorOf(() => selectTestCase(config, 'Other', 'HappyPath'));
    expect(e.issues[0]!.pointer).toBe('/StateMachines/Other');
  });
});

describe('malformed mock configurations', () => {
  it('a JSON syntax error names the file and the line', () => {
    const e = errorOf(() => loadMockConfig('{\n  "StateMachines": {,\n}', 'bad.json'));
    expect(e.file).toBe('bad.json');
    expect(e.issues[0]!.message).toMatch(/^not valid JSON/);
    expect(e.issues[0]!.line).toBe(2);
    expect(e.message).toContain('bad.json:2');
  });

  it('a test case naming an undefined response is an error at its pointer and line', () => {
    const bad = text.replace('"SQSState": "MockedSQSSuccess" },\n        "RetryPath"', '"SQSState": "MockedSQSSucess" },\n        "RetryPath"');
    const e = errorOf(() => loadMockConfig(bad, 'MockConfigFile.json'));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.pointer).toBe('/StateMachines/LambdaSQSIntegration/TestCases/HappyPath/SQSState');
    expect(e.issues[0]!.message).toBe("the mocked response 'MockedSQSSucess' is not defined in MockedResponses");
    expect(e.issues[0]!.line).toBe(5);
  });

  it('attempts must be numbered from 0 without gaps', () => {
    const e = errorOf(() =>
      parseMockConfig({ StateMachines: {}, MockedResponses: { R: { '0': { Return: 1 }, '2': { Return: 2 } } } }, 'm.json'),
    );
    expect(e.issues[0]).toMatchObject({ pointer: '/MockedResponses/R/2', message: expect.stringContaining('expected the next entry to start at attempt 1') });
  });

  it('overlapping ranges are refused', () => {
    const e = errorOf(() =>
      parseMockConfig({ StateMachines: {}, MockedResponses: { R: { '0-2': { Return: 1 }, '1': { Return: 2 } } } }),
    );
    expect(e.issues[0]!.message).toContain('overlap');
  });

  it('a key that is not an attempt number or range is refused', () => {
    const e = errorOf(() => parseMockConfig({ StateMachines: {}, MockedResponses: { R: { first: { Return: 1 } } } }));
    expect(e.issues[0]).toMatchObject({ pointer: '/MockedResponses/R/first' });
    const e2 = errorOf(() => parseMockConfig({ StateMachines: {}, MockedResponses: { R: { '3-1': { Return: 1 } } } }));
    expect(e2.issues[0]!.message).toContain('ends before it starts');
  });

  it('an attempt needs exactly one of Return or Throw, and Throw needs string Error and Cause', () => {
    const e = errorOf(() =>
      parseMockConfig({
        StateMachines: {},
        MockedResponses: {
          A: { '0': { Return: 1, Throw: { Error: 'E', Cause: 'C' } } },
          B: { '0': {} },
          C: { '0': { Throw: { Error: 'E' } } },
          D: { '0': { Throw: { Error: 'E', Cause: 3 } } },
          E: { '0': { Retrun: 1 } },
        },
      }),
    );
    expect(e.issues.map((i) => i.pointer)).toEqual([
      '/MockedResponses/A/0',
      '/MockedResponses/B/0',
      '/MockedResponses/C/0/Throw',
      '/MockedResponses/D/0/Throw/Cause',
      '/MockedResponses/E/0/Retrun',
    ]);
  });

  it('missing top-level fields, unknown fields and wrong shapes are all reported together', () => {
    const e = errorOf(() => parseMockConfig({ StateMachine: {}, MockedResponses: [] }, 'x.json'));
    expect(e.issues.map((i) => i.pointer)).toEqual(['/StateMachine', '/MockedResponses', '']);
    expect(e.message).toContain('3 problems');
  });

  it('a state machine without TestCases is refused', () => {
    const e = errorOf(() => parseMockConfig({ StateMachines: { M: { Cases: {} } }, MockedResponses: {} }));
    expect(e.issues.map((i) => i.pointer)).toEqual(['/StateMachines/M/Cases', '/StateMachines/M']);
  });

  it('a mocked response with no attempt is refused', () => {
    const e = errorOf(() => parseMockConfig({ StateMachines: {}, MockedResponses: { R: {} } }));
    expect(e.issues[0]!.message).toContain('defines no attempt');
  });

  it('names with / and ~ are escaped in pointers', () => {
    const e = errorOf(() => parseMockConfig({ StateMachines: { 'a/b': { TestCases: { 'c~d': { S: 'missing' } } } }, MockedResponses: {} }));
    expect(e.issues[0]!.pointer).toBe('/StateMachines/a~1b/TestCases/c~0d/S');
  });

  it('a YAML mock configuration is read by its file name', () => {
    const config = loadMockConfig('StateMachines:\n  M:\n    TestCases:\n      T: { S: R }\nMockedResponses:\n  R:\n    "0": { Return: { ok: true } }\n', 'm.yaml');
    expect(resolveMock(config, 'M', 'T', 'S', 0)).toMatchObject({ kind: 'return', value: { ok: true } });
  });
});

describe('the server and runInMemory read the same configuration', () => {
  it('SFN_MOCK_CONFIG names the file; a missing file is an error naming it', async () => {
    const { mockConfigFromEnv } = await import('@stepwise/testing');
    const config = await mockConfigFromEnv({ SFN_MOCK_CONFIG: fixture });
    expect(config?.stateMachines.has('LambdaSQSIntegration')).toBe(true);
    expect(await mockConfigFromEnv({})).toBeUndefined();
    await expect(mockConfigFromEnv({ SFN_MOCK_CONFIG: '/nowhere/MockConfigFile.json' })).rejects.toThrow(/\/nowhere\/MockConfigFile.json at \/: cannot read the mock configuration/);
  });

  it('withMocks plugs a test case into runInMemory; unmocked states fall through to its handlers', async () => {
    const { withMocks } = await import('@stepwise/testing');
    const { runInMemory } = await import('@stepwise/asl');
    const definition = JSON.parse(readFileSync(fileURLToPath(new URL('../../../examples/testing/LambdaSQSIntegration.asl.json', import.meta.url)), 'utf8'));
    const config = loadMockConfig(text, 'MockConfigFile.json');
    const result = await runInMemory(definition, {}, { ...withMocks(config, 'LambdaSQSIntegration', 'HybridPath'), handlers: { 'arn:aws:states:::sqs:sendMessage': () => ({ MessageId: 'm' }) } });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { MessageId: 'm' } });
    expect(() => withMocks(config, 'LambdaSQSIntegration', 'Nope')).toThrow(MockConfigError);
  });
});
