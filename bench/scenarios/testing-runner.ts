/**
 * testing-runner: test cases per second of the @stepwise/testing runner (load-free: the suite is
 * built in memory) on a 20-state machine whose 8 Lambda tasks are mocked per state and attempt,
 * expectations checked and coverage recorded, beside the same definition run by
 * aws-local-stepfunctions with local handlers returning the same responses, in the same process.
 * Goal: ≥10× aws-local-stepfunctions. Every case retries Charge once (a mocked throttling error,
 * then success): Stepwise skips the back-off on its virtual clock, the baseline is told to skip
 * it too (retryIntervalOverrides), so the comparison is of work, not of sleeping. Rounds alternate
 * the two and the best round of each counts, as in harness.ts.
 */
import { performance } from 'node:perf_hooks';
import type { Json } from '@stepwise/asl';
import { coverageOf, inMemoryExecutor, parseMockConfig, runSuite, selectTestCase, type LoadedSuite } from '@stepwise/testing';

interface Line {
  readonly scenario: 'testing-runner';
  readonly engine: string;
  readonly cases?: number;
  readonly ms?: number;
  readonly casesPerSecond?: number;
  readonly ratio?: number;
  readonly note?: string;
}

const TASKS = ['Validate', 'Price', 'Reserve', 'Charge', 'Ship', 'Notify', 'Audit', 'Close'];

/** 20 states: 8 mocked Lambda tasks, 3 Choices, 9 Pass states. */
export function definition(): Json {
  const task = (name: string, next: string): Json => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: name, 'Payload.$': '$' },
    ResultSelector: { 'ok.$': '$.Payload.ok', 'value.$': '$.Payload.value' },
    ResultPath: `$.results.${name}`,
    Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed', ResultPath: '$.error' }],
    Next: next,
  });
  const pass = (next: string, n: number): Json => ({ Type: 'Pass', Parameters: { 'order.$': '$.order', 'results.$': '$.results', step: n }, Next: next });
  const choice = (on: string, yes: string): Json => ({ Type: 'Choice', Choices: [{ Variable: `$.results.${on}.ok`, BooleanEquals: true, Next: yes }], Default: 'Failed' });
  return {
    StartAt: 'Start',
    States: {
      Start: pass('Validate', 0),
      Validate: task('Validate', 'IsValid'),
      IsValid: choice('Validate', 'Prepare'),
      Prepare: pass('Price', 1),
      Price: task('Price', 'AfterPrice'),
      AfterPrice: pass('Reserve', 2),
      Reserve: task('Reserve', 'IsReserved'),
      IsReserved: choice('Reserve', 'BeforeCharge'),
      BeforeCharge: pass('Charge', 3),
      Charge: task('Charge', 'IsCharged'),
      IsCharged: choice('Charge', 'BeforeShip'),
      BeforeShip: pass('Ship', 4),
      Ship: task('Ship', 'AfterShip'),
      AfterShip: pass('Notify', 5),
      Notify: task('Notify', 'AfterNotify'),
      AfterNotify: pass('Audit', 6),
      Audit: task('Audit', 'Close'),
      Close: { ...(task('Close', 'Done') as object), Next: 'Done' },
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail', Error: 'OrderFailed', Cause: 'a step failed' },
    },
  };
}

function response(name: string): Json {
  return { StatusCode: 200, Payload: { ok: true, value: `${name}-done` } };
}

function mockConfig(): unknown {
  const responses: Record<string, unknown> = {};
  const states: Record<string, string> = {};
  for (const t of TASKS) {
    responses[`${t}Ok`] = { '0': { Return: response(t) } };
    states[t] = `${t}Ok`;
  }
  responses['ChargeThrottledOnce'] = { '0': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } }, '1': { Return: response('Charge') } };
  states['Charge'] = 'ChargeThrottledOnce';
  return { StateMachines: { Orders: { TestCases: { HappyPath: states } } }, MockedResponses: responses };
}

/** Prepares the suite once; each call of the returned round runs every case and times it. */
async function stepwise(cases: number): Promise<() => Promise<{ ms: number; passed: number }>> {
  const def = definition();
  const mocks = selectTestCase(parseMockConfig(mockConfig()), 'Orders', 'HappyPath');
  const suite: LoadedSuite = {
    file: 'bench',
    stateMachineName: 'Orders',
    definition: def,
    cases: Array.from({ length: cases }, (_, i) => ({
      name: `case ${i}`,
      input: { order: { id: i }, results: {} },
      mocks,
      expect: { status: 'SUCCEEDED', outputIncludes: { results: { Close: { ok: true, value: 'Close-done' } } }, notVisited: ['Failed'], attempts: { Charge: 2 } },
      skip: false,
      only: false,
    })),
  };
  const executor = inMemoryExecutor();
  const coverage = coverageOf('Orders', def);
  await runSuite({ ...suite, cases: suite.cases.slice(0, 20) }, executor, coverage); // warm-up
  return async () => {
    const start = performance.now();
    const result = await runSuite(suite, executor, coverage);
    const ms = performance.now() - start;
    return { ms, passed: result.cases.filter((c) => c.status === 'passed').length };
  };
}

/**
 * aws-local-stepfunctions 3 requires Node ≥22: on Node 20 it loads, but every Task state fails
 * with "Promise.withResolvers is not a function". The bench adds that one standard function
 * (ES2024) when it is missing, so the baseline can run, and says so in its result line.
 */
function polyfillWithResolvers(): boolean {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') return false;
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
  return true;
}

/** Loads and warms the baseline; each call of the returned round runs `cases` executions and times them. */
async function baseline(cases: number, skipBackoff = true): Promise<(() => Promise<{ ms: number; passed: number; polyfilled: boolean }>) | string> {
  const polyfilled = polyfillWithResolvers();
  let mod: { StateMachine: new (def: unknown, opts?: unknown) => { run(input: unknown, opts?: unknown): { result: Promise<unknown> } } };
  try {
    mod = (await import('aws-local-stepfunctions')) as unknown as typeof mod;
  } catch (e) {
    return `aws-local-stepfunctions did not load on Node ${process.version}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const sm = new mod.StateMachine(definition(), { validationOptions: { checkPaths: false, checkArn: false } });
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const t of TASKS) handlers[t] = () => Promise.resolve(response(t));
  const once = async (i: number): Promise<boolean> => {
    let chargeAttempts = 0;
    const perRun = {
      ...handlers,
      Charge: () => (chargeAttempts++ === 0 ? Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'Lambda.TooManyRequestsException' })) : Promise.resolve(response('Charge'))),
    };
    const out = (await sm.run({ order: { id: i }, results: {} }, { overrides: { taskResourceLocalHandlers: perRun, ...(skipBackoff ? { retryIntervalOverrides: { Charge: 0 } } : {}) } }).result) as {
      results?: { Close?: { ok?: boolean } };
    };
    if (chargeAttempts !== 2) return false;
    return out.results?.Close?.ok === true;
  };
  for (let i = 0; i < (skipBackoff ? 20 : 1); i++) await once(i); // warm-up
  return async () => {
    const start = performance.now();
    let passed = 0;
    for (let i = 0; i < cases; i++) if (await once(i)) passed++;
    return { ms: performance.now() - start, passed, polyfilled };
  };
}

/** Rounds alternate the engines; the best round of each counts (the machine is shared and noisy), as in harness.ts. */
const ROUNDS = 5;

export async function run(): Promise<Line[]> {
  const lines: Line[] = [];
  const oursRound = await stepwise(2000);
  const theirsRound = await baseline(300);
  let ours = { ms: Infinity, passed: 2000 };
  let theirs = { ms: Infinity, passed: 300, polyfilled: false };
  for (let round = 0; round < ROUNDS; round++) {
    const o = await oursRound();
    if (o.passed !== 2000) return [{ scenario: 'testing-runner', engine: 'stepwise-testing', note: `only ${o.passed}/2000 cases passed` }];
    if (o.ms < ours.ms) ours = o;
    if (typeof theirsRound === 'string') continue;
    const t = await theirsRound();
    if (t.passed !== 300) return [{ scenario: 'testing-runner', engine: 'aws-local-stepfunctions', note: `only ${t.passed}/300 runs gave the expected output` }];
    if (t.ms < theirs.ms) theirs = t;
  }
  const oursRate = (2000 * 1000) / ours.ms;
  lines.push({ scenario: 'testing-runner', engine: 'stepwise-testing', cases: 2000, ms: Math.round(ours.ms), casesPerSecond: Math.round(oursRate) });
  if (typeof theirsRound === 'string') return [...lines, { scenario: 'testing-runner', engine: 'aws-local-stepfunctions', note: theirsRound }];
  const theirRate = (300 * 1000) / theirs.ms;
  lines.push({
    scenario: 'testing-runner',
    engine: 'aws-local-stepfunctions',
    cases: 300,
    ms: Math.round(theirs.ms),
    casesPerSecond: Math.round(theirRate),
    ...(theirs.polyfilled ? { note: `Node ${process.version}: Promise.withResolvers polyfilled (the package needs Node >=22)` } : {}),
  });
  lines.push({ scenario: 'testing-runner', engine: 'ratio', ratio: Number((oursRate / theirRate).toFixed(2)) });
  // The same baseline when it sleeps the 1 s back-off the definition asks for (Stepwise's virtual clock skips it by default).
  const sleepingRound = await baseline(3, false);
  const sleeping = typeof sleepingRound === 'string' ? sleepingRound : await sleepingRound();
  if (typeof sleeping !== 'string' && sleeping.passed === 3) {
    const rate = (3 * 1000) / sleeping.ms;
    lines.push({ scenario: 'testing-runner', engine: 'aws-local-stepfunctions (real back-offs)', cases: 3, ms: Math.round(sleeping.ms), casesPerSecond: Number(rate.toFixed(2)) });
    lines.push({ scenario: 'testing-runner', engine: 'ratio (real back-offs)', ratio: Math.round(oursRate / rate) });
  }
  return lines;
}
