/**
 * Reading the server's mock configuration: the file named by SFN_MOCK_CONFIG, read once at
 * start, and the option object that plugs a test case into runInMemory. A missing or malformed
 * file is a MockConfigError naming it, so a server never starts with mocks silently off.
 */
import { readFile } from 'node:fs/promises';
import type { RunOptions } from '@stepwise/asl';
import { MockConfigError } from './mock-config-error.js';
import type { MockConfig } from './mock-config-types.js';
import { loadMockConfig, parseMockConfig } from './parse-mock-config.js';
import { selectTestCase } from './resolve-mock.js';
import { mockTaskHandler } from '../run/mock-task-handler.js';
import type { MockConfigFile } from './mock-config-types.js';

export async function readMockConfigFile(path: string): Promise<MockConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new MockConfigError(path, [{ pointer: '', message: `cannot read the mock configuration: ${(e as Error).message}` }]);
  }
  return loadMockConfig(text, path);
}

/** The configuration named by `SFN_MOCK_CONFIG` in an environment, or undefined when it names none. */
export async function mockConfigFromEnv(env: Readonly<Record<string, string | undefined>>): Promise<MockConfig | undefined> {
  const path = env['SFN_MOCK_CONFIG'];
  return path === undefined || path === '' ? undefined : readMockConfigFile(path);
}

/**
 * runInMemory options that run one test case of a mock configuration: mocked states answer from
 * it, the others fall through to the `handlers` given beside these options.
 * `runInMemory(definition, input, { ...withMocks(config, 'LambdaSQSIntegration', 'HappyPath'), handlers })`
 */
export function withMocks(config: MockConfig | MockConfigFile, stateMachineName: string, testCase: string): Pick<RunOptions, 'taskHandler' | 'stateMachineName'> {
  const parsed = 'responses' in config ? (config as MockConfig) : parseMockConfig(config);
  return { stateMachineName, taskHandler: mockTaskHandler({ mocks: selectTestCase(parsed, stateMachineName, testCase), failUnmocked: false }) };
}
