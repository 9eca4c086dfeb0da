/**
 * The MockConfigFile of Step Functions Local, as AWS documents it ("Configuration file for mocked
 * service integrations"), and the checked, ready-to-query form we compile it into.
 */
import type { Json } from '@stepwise/asl';

/** The file as written: AWS's field names, unchanged. */
export interface MockConfigFile {
  readonly StateMachines: Readonly<Record<string, { readonly TestCases: Readonly<Record<string, Readonly<Record<string, string>>>> }>>;
  readonly MockedResponses: Readonly<Record<string, Readonly<Record<string, MockedAttemptFile>>>>;
}

export type MockedAttemptFile = { readonly Return: Json } | { readonly Throw: { readonly Error: string; readonly Cause: string } };

/** What one attempt of a mocked Task state does. */
export type MockedAttempt =
  | { readonly kind: 'return'; readonly value: Json }
  | { readonly kind: 'throw'; readonly error: string; readonly cause: string };

/** One entry of `MockedResponses`: its attempts in order, ranges expanded. */
export interface MockedResponse {
  readonly name: string;
  readonly attempts: readonly MockedAttempt[];
}

/** One test case of one state machine: state name → its mocked response. */
export interface MockTestCase {
  readonly stateMachineName: string;
  readonly testCaseName: string;
  readonly states: ReadonlyMap<string, MockedResponse>;
  /** The file the case comes from, for error messages. */
  readonly source: string;
}

/** A validated mock configuration. */
export interface MockConfig {
  readonly source: string;
  readonly stateMachines: ReadonlyMap<string, ReadonlyMap<string, MockTestCase>>;
  readonly responses: ReadonlyMap<string, MockedResponse>;
  /** The document as given, for tools that show or forward it. */
  readonly raw: MockConfigFile;
}
