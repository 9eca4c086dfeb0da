/**
 * The Stepwise test file (JSON or YAML; schema in libs/testing/schema/stepwise-test.schema.json):
 * one state machine, its mocks, and cases with expectations. The same shapes are the typed API
 * for people who write their cases in vitest or jest.
 */
import type { Json } from '@stepwise/asl';
import type { MockConfigFile, MockedAttemptFile } from '../mocks/mock-config-types.js';

export type ExpectedStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Expectations {
  readonly status?: ExpectedStatus;
  /** The whole output, deep-equal (key order ignored). */
  readonly output?: Json;
  /** A subset the output must contain (objects recursively; arrays element by element). */
  readonly outputIncludes?: Json;
  readonly error?: string;
  /** The exact cause. */
  readonly cause?: string;
  /** Text the cause must contain. */
  readonly causeIncludes?: string;
  /** States that must be entered in this order (others may come between). */
  readonly visited?: readonly string[];
  /** The exact sequence of states entered. */
  readonly path?: readonly string[];
  /** States that must not be entered. */
  readonly notVisited?: readonly string[];
  /** Per state: a subset of the input of its first entry. */
  readonly stateInput?: Readonly<Record<string, Json>>;
  /** Per Task state: a subset of the parameters its first attempt received (after Parameters/Arguments). */
  readonly taskInput?: Readonly<Record<string, Json>>;
  /** Per Task state: how many attempts it made in the whole run (retries included). */
  readonly attempts?: Readonly<Record<string, number>>;
}

/** Inline mock of one state: the name of a MockedResponses entry, or its attempts. */
export type InlineStateMock = string | Readonly<Record<string, MockedAttemptFile>>;

export interface TestCaseSpec {
  readonly name: string;
  readonly input?: Json;
  /** A test case of the mock configuration (`StateMachines.<name>.TestCases.<testCase>`). */
  readonly testCase?: string;
  /** Per-state mocks for this case; applied over `testCase` when both are given. */
  readonly mocks?: Readonly<Record<string, InlineStateMock>>;
  readonly expect: Expectations;
  readonly skip?: boolean;
  readonly only?: boolean;
  /**
   * The case needs what only the in-memory runner has (local handlers for unmocked states, inline
   * mocks): `--endpoint` skips it and says why, instead of running it against a server that cannot.
   */
  readonly memoryOnly?: boolean;
}

export interface TestFileSpec {
  readonly $schema?: string;
  /** A path to the definition (relative to the test file), or `{ name?, definition }` with the definition inline or a path. */
  readonly stateMachine: string | { readonly name?: string; readonly definition: string | Json };
  /** A MockConfigFile: a path, or inline. */
  readonly mocks?: string | MockConfigFile;
  /** A module (relative path) whose default export maps state names or resource ARNs to local handlers, for states a case does not mock. */
  readonly handlers?: string;
  readonly cases: readonly TestCaseSpec[];
}
