/**
 * What the api needs from the rest of the system, passed in by main.ts (or a test): the durable
 * engine, the registry, configuration, Redis (for /readyz), a logger and metrics. Nothing in the
 * app creates its own connections, so the same app runs in `npm run start:api`, in the all-in-one
 * process and inside tests.
 */
import type { Config } from '@stepwise/config';
import type { ExecutionEngine, Registry } from '@stepwise/engine';
import type { ActionInputs, ActionOutput } from '@stepwise/protocol';
import type { MockConfig } from '@stepwise/testing';

/** A finding of the ASL validator (libs/asl validateDefinition), in AWS's diagnostic shape. */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location: string;
}

/** The ASL checks the api runs on definitions (libs/asl): every finding, and AWS's InvalidDefinition message. */
export interface DefinitionValidator {
  validate(definition: unknown): readonly Diagnostic[];
  formatInvalid(diagnostics: readonly Diagnostic[]): string;
}

/** The subset of pino's logger the api uses (so tests can capture lines). */
export interface ApiLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: object): ApiLogger;
}

/** Api metrics (libs/observability declares them; a test may pass its own). */
export interface ApiMetrics {
  request(action: string, status: number, seconds: number): void;
  error(action: string, errorName: string): void;
  throttled(action: string): void;
  /** The Prometheus text exposition of the process, for GET /metrics. */
  exposition(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface AppDeps {
  readonly engine: ExecutionEngine;
  readonly registry: Registry;
  readonly config: Config;
  readonly definitions: DefinitionValidator;
  /** Answers PING for /readyz. */
  readonly ping: () => Promise<unknown>;
  readonly logger: ApiLogger;
  readonly metrics?: ApiMetrics;
  /** TestState (libs/testing's testState); the action answers an error saying so while it is absent. */
  readonly testState?: (input: ActionInputs['TestState']) => Promise<ActionOutput>;
  /**
   * The MockConfigFile of SFN_MOCK_CONFIG, loaded once at start: StartExecution with
   * `<arn>#<TestCase>` checks the test case against it (and is refused while it is absent).
   */
  readonly mockConfig?: MockConfig;
  /** The built console to serve on GET / (default: services/console/dist when it exists). */
  readonly consoleDir?: string;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Time control (fire-timer) on or off; default: on when STEPWISE_TIME_SCALE is not 1. A test whose engine has allowFireTimerNow sets it. */
  readonly timeControl?: boolean;
}
