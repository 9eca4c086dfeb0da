/**
 * Runs test cases end to end against a running Stepwise (or any Step Functions endpoint) over the
 * AWS protocol: CreateStateMachine (or UpdateStateMachine when it exists), StartExecution of
 * `<stateMachineArn>#<testCase>` (the server holds the mock configuration, SFN_MOCK_CONFIG),
 * DescribeExecution until it ends, GetExecutionHistory for the observation.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import type { Json } from '@stepwise/asl';
import { observeHistory, type CaseExecutor, type LoadedCase, type LoadedSuite, type RunObservation } from '@stepwise/testing';

export interface EndpointOptions {
  readonly endpoint: string;
  readonly region?: string;
  readonly roleArn?: string;
  /** Longest wait for one execution to end (real timers at the server's time scale). */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

export function endpointExecutor(options: EndpointOptions): CaseExecutor {
  const client = new SFNClient({
    endpoint: options.endpoint,
    // A local endpoint has no `sync-` host for StartSyncExecution/TestState.
    disableHostPrefix: true,
    region: options.region ?? process.env['AWS_REGION'] ?? 'us-east-1',
    credentials: {
      accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? 'test',
      secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? 'test',
    },
  });
  const roleArn = options.roleArn ?? 'arn:aws:iam::123456789012:role/StepwiseTestRole';
  const machines = new Map<string, Promise<string>>();
  let counter = 0;

  async function machineArn(suite: LoadedSuite): Promise<string> {
    const key = `${suite.stateMachineName}\n${JSON.stringify(suite.definition)}`;
    const known = machines.get(key);
    if (known) return known;
    const creating = (async () => {
      const definition = JSON.stringify(suite.definition);
      try {
        const out = await client.send(new CreateStateMachineCommand({ name: suite.stateMachineName, definition, roleArn }));
        return out.stateMachineArn as string;
      } catch (e) {
        if ((e as { name?: string }).name !== 'StateMachineAlreadyExists') throw e;
        const arn = await findByName(client, suite.stateMachineName);
        await client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition, roleArn }));
        return arn;
      }
    })();
    machines.set(key, creating);
    return creating;
  }

  return {
    name: `endpoint ${options.endpoint}`,
    remote: true,
    async run(suite: LoadedSuite, testCase: LoadedCase): Promise<RunObservation> {
      if (testCase.mocks && testCase.mocks.source === suite.file) {
        throw new Error(
          `the case '${testCase.name}' has inline mocks; a server reads mocks only from its SFN_MOCK_CONFIG file: put them in a MockConfigFile test case`,
        );
      }
      const arn = await machineArn(suite);
      const started = performance.now();
      const name = `test-${Date.now().toString(36)}-${(counter++).toString(36)}`;
      const start = await client.send(
        new StartExecutionCommand({
          stateMachineArn: testCase.mocks ? `${arn}#${testCase.mocks.testCaseName}` : arn,
          name,
          input: JSON.stringify(testCase.input),
        }),
      );
      const executionArn = start.executionArn as string;
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      let described = await client.send(new DescribeExecutionCommand({ executionArn }));
      while (described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE') {
        if (Date.now() > deadline) throw new Error(`the execution ${executionArn} did not end within ${options.timeoutMs ?? 60_000} ms`);
        await new Promise((r) => setTimeout(r, options.pollMs ?? 50));
        described = await client.send(new DescribeExecutionCommand({ executionArn }));
      }
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      const seen = observeHistory(events.map((e) => ({ ...e, id: e.id ?? 0, previousEventId: e.previousEventId ?? 0, type: e.type ?? '' })));
      const status = described.status as RunObservation['status'];
      return {
        status,
        ...(described.output !== undefined ? { output: JSON.parse(described.output) as Json } : {}),
        ...(described.error !== undefined ? { error: described.error } : {}),
        ...(described.cause !== undefined ? { cause: described.cause } : {}),
        entered: seen.entered,
        stateInputs: seen.stateInputs,
        taskCalls: seen.taskCalls,
        transitions: seen.transitions,
        retries: seen.retries,
        uncaught: seen.uncaught,
        durationMs: performance.now() - started,
      };
    },
    close(): Promise<void> {
      client.destroy();
      return Promise.resolve();
    },
  };
}

async function findByName(client: SFNClient, name: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
    const hit = page.stateMachines?.find((m) => m.name === name);
    if (hit?.stateMachineArn) return hit.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new Error(`the state machine '${name}' exists but is not listed`);
}
