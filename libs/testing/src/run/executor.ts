/**
 * How a case is run. In memory (the default) or against a running Stepwise over the AWS protocol
 * (`--endpoint`); the runner, expectations, coverage and reporters do not know which.
 */
import type { LoadedCase, LoadedSuite } from '../test-file/load-test-file.js';
import type { RunObservation } from './observation.js';

export interface CaseExecutor {
  readonly name: string;
  /** Runs cases on a server (`--endpoint`): cases marked `memoryOnly` are skipped, with the reason. */
  readonly remote?: boolean;
  run(suite: LoadedSuite, testCase: LoadedCase): Promise<RunObservation>;
  /** Releases clients, servers, state machines it created. */
  close?(): Promise<void>;
}
