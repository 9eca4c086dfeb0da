// The public surface of @stepwise/testing, exported by name.
export type { MockConfig, MockConfigFile, MockedAttempt, MockedAttemptFile, MockedResponse, MockTestCase } from './mocks/mock-config-types.js';
export { MockConfigError, isMockConfigError, type MockConfigIssue } from './mocks/mock-config-error.js';
export { loadMockConfig, parseMockConfig } from './mocks/parse-mock-config.js';
export { selectTestCase, mockForAttempt, resolveMock, type MockResolution } from './mocks/resolve-mock.js';
export { parseAttemptRange, type AttemptRange } from './mocks/attempt-range.js';
export { locatePointer, pointerAppend, pointerTokens, type TextPosition } from './json-pointer.js';
