// The runner observes cases as they run (runInMemory's observer: no history built, nothing
// serialised, nothing parsed back); runObserved reads AWS's text history. Both must observe the
// same run, and coverage must mark the same states, Choice rules, Retry and Catch paths from
// either: on a machine made for it, and on every definition of the conformance corpus.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Json } from '@stepwise/asl';
import { coverageOf, inMemoryExecutor, recordRun, runObserved, type LoadedSuite, type MockTestCase, type RunObservation } from '@stepwise/testing';
import { parseMockConfig, selectTestCase } from '@stepwise/testing';

const definition: Json = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
        { Variable: '$.n', NumericGreaterThan: 0, Next: 'Work' },
      ],
      Default: 'Work',
    },
    Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      ResultPath: '$.work',
      Retry: [{ ErrorEquals: ['Slow'], MaxAttempts: 2, IntervalSeconds: 5 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
      Next: 'Done',
    },
    Recover: { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const mocks = (): MockTestCase =>
  selectTestCase(
    parseMockConfig({
      StateMachines: { M: { TestCases: { T: { Work: 'SlowThenBroken' } } } },
      MockedResponses: { SlowThenBroken: { '0': { Throw: { Error: 'Slow', Cause: 'wait' } }, '1': { Throw: { Error: 'Broken', Cause: 'no' } } } },
    }),
    'M',
    'T',
  );

function comparable(o: RunObservation): unknown {
  return {
    status: o.status,
    output: o.output,
    entered: o.entered,
    stateInputs: [...o.stateInputs],
    taskCalls: o.taskCalls,
    retries: o.retries,
    uncaught: o.uncaught,
    transitions: o.transitions.map(({ inputText, input, ...t }) => ({ ...t, input: input !== undefined ? input : inputText === undefined ? undefined : (JSON.parse(inputText) as Json) })),
  };
}

describe('observations from a history of values', () => {
  it('match the observation of the full history, and give the same coverage', async () => {
    const input = { n: 12, text: 'ü "q"' };
    const full = await runObserved(definition, input, { stateMachineName: 'M', mocks: mocks() });
    expect(full.result.events.length).toBeGreaterThan(10);
    expect(typeof full.result.events[0]?.['executionStartedEventDetails']?.['input']).toBe('string');
    const suite: LoadedSuite = { file: 'x', stateMachineName: 'M', definition, cases: [] };
    const light = await inMemoryExecutor().run(suite, { name: 'c', input, mocks: mocks(), expect: {}, skip: false, only: false });
    expect(light).not.toHaveProperty('result');
    expect(comparable(light)).toEqual(comparable(full));
    expect(full.entered).toEqual(['Check', 'Big', 'Work', 'Recover', 'Done']);
    expect(full.retries).toEqual([{ state: 'Work', error: 'Slow' }]);

    const a = coverageOf('M', definition);
    const b = coverageOf('M', definition);
    recordRun(a, full);
    recordRun(b, light);
    expect(b.items).toEqual(a.items);
    // the first Choice rule counts (n > 10), not the second one that leads to Work too
    expect(a.items.filter((i) => i.kind === 'choiceRule').map((i) => i.hits)).toEqual([1, 0, 0]);
    expect(a.items.find((i) => i.kind === 'retry')?.hits).toBe(1);
    expect(a.items.find((i) => i.kind === 'catch')?.hits).toBe(1);
  });
});

const CASES = fileURLToPath(new URL('../../../../shared/conformance/cases', import.meta.url));
const present = existsSync(CASES);

describe.skipIf(!present)('observed runs and their full histories (conformance corpus)', () => {
  it('give the same observation and the same coverage for every definition', async () => {
    const cases = readdirSync(CASES)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: f, ...(JSON.parse(readFileSync(`${CASES}/${f}`, 'utf8')) as { id: string; definition: Json; input: Json; mocks?: unknown; mockable?: boolean }) }));
    let mocked = 0;
    let entered = 0;
    for (const c of cases) {
      let testCase: MockTestCase | undefined;
      let name = 'M';
      if (c.mockable === true && c.mocks !== undefined) {
        const config = parseMockConfig(c.mocks, c.file);
        name = [...config.stateMachines.keys()][0] ?? name;
        testCase = selectTestCase(config, name, 'Recorded');
        mocked++;
      }
      const full = await runObserved(c.definition, c.input, { stateMachineName: name, ...(testCase ? { mocks: testCase } : {}) });
      const suite: LoadedSuite = { file: c.file, stateMachineName: name, definition: c.definition, cases: [] };
      const light = await inMemoryExecutor().run(suite, { name: c.id, input: c.input, ...(testCase ? { mocks: testCase } : {}), expect: {}, skip: false, only: false });
      expect(comparable(light), c.id).toEqual(comparable(full));
      expect({ error: light.error, cause: light.cause }, c.id).toEqual({ error: full.error, cause: full.cause });
      const a = coverageOf(name, c.definition);
      const b = coverageOf(name, c.definition);
      recordRun(a, full);
      recordRun(b, light);
      expect(b.items, c.id).toEqual(a.items);
      entered += light.entered.length;
    }
    expect(cases.length).toBeGreaterThan(300);
    expect(mocked).toBeGreaterThan(70);
    expect(entered).toBeGreaterThan(500);
  });
});
