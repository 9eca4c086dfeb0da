/**
 * The typed library entry for vitest or jest users: run one case from code, with the same mocks
 * (a MockConfigFile object or text, a test case name, or per-state mocks) and expectations as a
 * test file, and get the observation and the failed expectations back; `expectCase` throws with
 * the readable report instead.
 */
import type { Json } from '@stepwise/asl';
import { checkExpectations, type ExpectationFailure } from '../expect/check-expectations.js';
import { inlineTestCase } from '../mocks/inline-mocks.js';
import type { MockConfig, MockConfigFile, MockTestCase } from '../mocks/mock-config-types.js';
import { parseMockConfig } from '../mocks/parse-mock-config.js';
import { selectTestCase } from '../mocks/resolve-mock.js';
import type { Expectations, InlineStateMock } from '../test-file/types.js';
import { runObserved } from './in-memory-executor.js';
import type { LocalHandlers } from './local-handlers.js';
import type { RunObservation } from './observation.js';

export interface CaseOptions {
  readonly definition: Json;
  /** The name mocks are looked up by; default 'StateMachine'. */
  readonly stateMachineName?: string;
  readonly input?: Json;
  readonly mockConfig?: MockConfig | MockConfigFile;
  readonly testCase?: string;
  readonly mocks?: Readonly<Record<string, InlineStateMock>>;
  readonly handlers?: LocalHandlers;
  readonly expect?: Expectations;
}

export interface CaseRun {
  readonly observation: RunObservation;
  readonly failures: ExpectationFailure[];
}

export async function runCase(options: CaseOptions): Promise<CaseRun> {
  const name = options.stateMachineName ?? 'StateMachine';
  const config = options.mockConfig === undefined ? undefined : 'responses' in options.mockConfig ? (options.mockConfig as MockConfig) : parseMockConfig(options.mockConfig);
  let mocks: MockTestCase | undefined = options.testCase !== undefined && config ? selectTestCase(config, name, options.testCase) : undefined;
  if (options.testCase !== undefined && !config) throw new Error(`testCase '${options.testCase}' needs a mockConfig`);
  if (options.mocks) mocks = inlineTestCase(mocks, options.mocks, config, { stateMachineName: name, testCaseName: options.testCase ?? 'inline', source: '<inline>', pointer: '/mocks' });
  const observation = await runObserved(options.definition, options.input ?? {}, {
    stateMachineName: name,
    ...(mocks ? { mocks } : {}),
    ...(options.handlers ? { handlers: options.handlers } : {}),
  });
  return { observation, failures: options.expect ? checkExpectations(options.expect, observation) : [] };
}

/** Runs a case and throws an Error listing every failed expectation (for test frameworks). */
export async function expectCase(options: CaseOptions & { readonly expect: Expectations }): Promise<RunObservation> {
  const { observation, failures } = await runCase(options);
  if (failures.length > 0) throw new Error(failures.map((f) => `${f.expectation}: ${f.message}`).join('\n'));
  return observation;
}
