/**
 * StartExecution, StartSyncExecution, StopExecution, DescribeExecution,
 * DescribeStateMachineForExecution, ListExecutions, GetExecutionHistory, RedriveExecution:
 * AWS's checks, then the engine (which owns idempotency by name, history and paging tokens).
 */
import { ApiError, stateMachineArnOfExecution } from '@stepwise/protocol';
import type { StoredHistoryEvent } from '@stepwise/engine';
import { isMockConfigError, selectTestCase } from '@stepwise/testing';
import { checkName, compact, date, executionInScope, inScope, invalidArn, mapRunInScope, pageSize, smDoesNotExist, stateMachineRef } from './context.js';
import { resolveTarget } from './resolve.js';
import type { Handlers } from './handler.js';
import type { ActionContext } from './context.js';
import type { ActionInputs } from '@stepwise/protocol';

/**
 * DescribeStateMachineForExecution of a Distributed Map child execution: the map run's state
 * machine (`stateMachine:<name>/<label>`), whose definition is the Map's ItemProcessor, with the
 * parent machine's role and configuration.
 */
async function mapRunChildMachine(d: Awaited<ReturnType<ActionContext['deps']['engine']['describeExecution']>>, deps: ActionContext['deps']) {
  const path = d.stateMachineArn.slice(d.stateMachineArn.indexOf(':stateMachine:') + ':stateMachine:'.length);
  const slash = path.indexOf('/');
  const sm = await deps.registry.getStateMachine(path.slice(0, slash));
  return compact({
    stateMachineArn: d.stateMachineArn,
    name: path,
    definition: d.definition,
    roleArn: sm?.roleArn ?? '',
    updateDate: date(sm?.updateDate ?? d.startDate),
    loggingConfiguration: sm?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm?.tracingConfiguration ?? { enabled: false },
    mapRunArn: d.mapRunArn,
    label: path.slice(slash + 1),
    revisionId: sm?.revisionId,
  });
}

function checkInput(input: string | undefined): string {
  const text = input ?? '{}';
  try {
    JSON.parse(text);
  } catch (e) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${e instanceof Error ? e.message : 'not JSON'}'`);
  }
  return text;
}

/**
 * A `#TestCase` is checked before anything starts: against the loaded SFN_MOCK_CONFIG (the
 * MockConfigError's file and JSON pointer as the message), and refused when none is loaded, so a
 * test case never turns into a silent real run.
 */
function checkTestCase(deps: ActionContext['deps'], stateMachineName: string, testCase: string): void {
  if (deps.mockConfig === undefined) {
    throw new ApiError(
      'ValidationException',
      `The state machine ARN names the mock test case '${testCase}' (<stateMachineArn>#<TestCase>), but no mock configuration is loaded: start Stepwise with SFN_MOCK_CONFIG set to the path of a MockConfigFile to run test cases, or start the execution without '#${testCase}'.`,
    );
  }
  try {
    selectTestCase(deps.mockConfig, stateMachineName, testCase);
  } catch (e) {
    if (isMockConfigError(e)) throw new ApiError('ValidationException', e.message);
    throw e;
  }
}

async function startRequest(input: ActionInputs['StartExecution'], { deps, scope, traceHeader }: ActionContext) {
  // `<stateMachineArn>#<TestCase>` selects a mock test case (AWS Step Functions Local).
  const full = input.stateMachineArn!;
  const hash = full.indexOf('#');
  const arn = hash >= 0 ? full.slice(0, hash) : full;
  const mockTestCase = hash >= 0 ? full.slice(hash + 1) : undefined;
  const ref = stateMachineRef(arn);
  if (input.name !== undefined) checkName(input.name, 'execution');
  const text = checkInput(input.input);
  if (!inScope(ref.arn, scope)) throw smDoesNotExist(ref.arn);
  const target = await resolveTarget(deps, ref);
  if (mockTestCase !== undefined && mockTestCase !== '') checkTestCase(deps, target.stateMachineName, mockTestCase);
  return compact({
    ...target,
    name: input.name,
    input: text,
    // AWS takes the trace context from the request when the member is absent (X-Ray's header).
    traceHeader: input.traceHeader ?? traceHeader,
    mockTestCase: mockTestCase !== undefined && mockTestCase !== '' ? mockTestCase : undefined,
  });
}

function event(e: StoredHistoryEvent) {
  return { ...e, timestamp: date(e.timestamp) };
}

export const executionHandlers: Handlers<
  | 'StartExecution' | 'StartSyncExecution' | 'StopExecution' | 'DescribeExecution' | 'DescribeStateMachineForExecution'
  | 'ListExecutions' | 'GetExecutionHistory' | 'RedriveExecution'
> = {
  async StartExecution(input, ctx) {
    const req = await startRequest(input, ctx);
    const r = await ctx.deps.engine.startExecution(req);
    return { executionArn: r.executionArn, startDate: date(r.startDate) };
  },

  async StartSyncExecution(input, ctx) {
    const req = await startRequest(input, ctx);
    if (req.type !== 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    const r = await ctx.deps.engine.startSyncExecution(req);
    return compact({
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      startDate: date(r.startDate),
      stopDate: date(r.stopDate),
      status: r.status,
      error: r.error,
      cause: r.cause,
      input: r.input,
      inputDetails: { included: true },
      output: r.output,
      outputDetails: r.output !== undefined ? { included: true } : undefined,
      traceHeader: req.traceHeader,
      billingDetails: r.billingDetails,
    });
  },

  async StopExecution(input, { deps, scope }) {
    const arn = executionInScope(input.executionArn!, scope);
    const r = await deps.engine.stopExecution(arn, input.error, input.cause);
    return { stopDate: date(r.stopDate) };
  },

  async DescribeExecution(input, { deps, scope }) {
    const d = await deps.engine.describeExecution(executionInScope(input.executionArn!, scope));
    const data = input.includedData !== 'METADATA_ONLY';
    return compact({
      executionArn: d.executionArn,
      stateMachineArn: d.stateMachineArn,
      name: d.name,
      status: d.status,
      startDate: date(d.startDate),
      stopDate: date(d.stopDate),
      // includedData=METADATA_ONLY leaves the payloads out, as AWS does.
      input: data ? d.input : undefined,
      inputDetails: { included: data },
      output: data ? d.output : undefined,
      outputDetails: d.output !== undefined ? { included: data } : undefined,
      error: d.error,
      cause: d.cause,
      traceHeader: d.traceHeader,
      mapRunArn: d.mapRunArn,
      stateMachineVersionArn: d.stateMachineVersionArn,
      stateMachineAliasArn: d.stateMachineAliasArn,
      redriveCount: d.redriveCount,
      redriveDate: date(d.redriveDate),
      redriveStatus: d.redriveStatus,
      redriveStatusReason: d.redriveStatusReason,
    });
  },

  async DescribeStateMachineForExecution(input, { deps, scope }) {
    const d = await deps.engine.describeExecution(executionInScope(input.executionArn!, scope));
    if (d.mapRunArn !== undefined) return mapRunChildMachine(d, deps);
    const smArn = d.stateMachineVersionArn ?? d.stateMachineArn;
    const ref = stateMachineRef(d.stateMachineArn);
    const sm = await deps.registry.getStateMachine(ref.name);
    const v = d.stateMachineVersionArn !== undefined ? await deps.registry.getVersion(ref.name, Number(d.stateMachineVersionArn.slice(d.stateMachineVersionArn.lastIndexOf(':') + 1))) : undefined;
    const rec = v ?? sm;
    return compact({
      stateMachineArn: smArn,
      name: ref.name,
      definition: d.definition,
      roleArn: rec?.roleArn ?? '',
      updateDate: date(sm?.updateDate ?? d.startDate),
      loggingConfiguration: rec?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: rec?.tracingConfiguration ?? { enabled: false },
      encryptionConfiguration: rec?.encryptionConfiguration,
      mapRunArn: d.mapRunArn,
      revisionId: rec?.revisionId,
    });
  },

  async ListExecutions(input, { deps, scope }) {
    if (input.stateMachineArn === undefined && input.mapRunArn === undefined) {
      throw new ApiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
    }
    if (input.stateMachineArn !== undefined && input.mapRunArn !== undefined) {
      throw new ApiError('ValidationException', 'Cannot provide both a StateMachine ARN and a MapRun ARN');
    }
    if (input.stateMachineArn !== undefined) {
      const ref = stateMachineRef(input.stateMachineArn);
      const sm = inScope(ref.arn, scope) ? await deps.registry.getStateMachine(ref.name) : undefined;
      if (!sm) throw smDoesNotExist(ref.arn);
      if (sm.type === 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    } else mapRunInScope(input.mapRunArn!, scope);
    const page = await deps.engine.listExecutions(
      compact({
        stateMachineArn: input.stateMachineArn,
        mapRunArn: input.mapRunArn,
        statusFilter: input.statusFilter,
        redriveFilter: input.redriveFilter,
        maxResults: pageSize(input.maxResults),
        nextToken: input.nextToken,
      }),
    );
    return compact({
      executions: page.items.map((e) =>
        compact({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: date(e.startDate),
          stopDate: date(e.stopDate),
          stateMachineVersionArn: e.stateMachineVersionArn,
          stateMachineAliasArn: e.stateMachineAliasArn,
          redriveCount: e.redriveCount,
          redriveDate: date(e.redriveDate),
          mapRunArn: e.mapRunArn,
        }),
      ),
      nextToken: page.nextToken,
    });
  },

  async GetExecutionHistory(input, { deps, scope }) {
    const arn = executionInScope(input.executionArn!, scope);
    if (stateMachineArnOfExecution(arn) === undefined) throw invalidArn(arn);
    const page = await deps.engine.getExecutionHistory(
      arn,
      compact({ maxResults: pageSize(input.maxResults), nextToken: input.nextToken, reverseOrder: input.reverseOrder, includeExecutionData: input.includeExecutionData }),
    );
    return compact({ events: page.items.map(event), nextToken: page.nextToken });
  },

  async RedriveExecution(input, { deps, scope }) {
    const r = await deps.engine.redriveExecution(executionInScope(input.executionArn!, scope));
    return { redriveDate: date(r.redriveDate) };
  },
};
