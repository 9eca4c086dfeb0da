/**
 * One function per REST call the console makes, named after the AWS action it runs.
 */
import { client, unwrap } from './client.js';
import type { ExecutionStatus, HistoryEventItem } from './responses.js';

const page = (nextToken?: string, maxResults?: number) => ({ ...(nextToken ? { nextToken } : {}), ...(maxResults ? { maxResults } : {}) });

export const api = {
  listStateMachines: (nextToken?: string) => unwrap(client.GET('/v1/state-machines', { params: { query: page(nextToken, 100) } })),
  describeStateMachine: (arn: string) => unwrap(client.GET('/v1/state-machines/{stateMachine}', { params: { path: { stateMachine: arn } } })),
  createStateMachine: (name: string, definition: string, type: 'STANDARD' | 'EXPRESS') =>
    unwrap(client.POST('/v1/state-machines', { body: { name, definition, type } })),
  updateStateMachine: (arn: string, definition: string) =>
    unwrap(client.PATCH('/v1/state-machines/{stateMachine}', { params: { path: { stateMachine: arn } }, body: { definition } })),
  listVersions: (arn: string) => unwrap(client.GET('/v1/state-machines/{stateMachine}/versions', { params: { path: { stateMachine: arn } } })),
  listAliases: (arn: string) => unwrap(client.GET('/v1/state-machines/{stateMachine}/aliases', { params: { path: { stateMachine: arn } } })),
  startExecution: (arn: string, input: string, name?: string) =>
    unwrap(client.POST('/v1/state-machines/{stateMachine}/executions', { params: { path: { stateMachine: arn } }, body: { input, ...(name ? { name } : {}) } })),
  listExecutions: (arn: string, statusFilter?: ExecutionStatus, nextToken?: string, maxResults = 25) =>
    unwrap(
      client.GET('/v1/state-machines/{stateMachine}/executions', { params: { path: { stateMachine: arn }, query: { ...page(nextToken, maxResults), ...(statusFilter ? { statusFilter } : {}) } } }),
    ),
  describeExecution: (arn: string) => unwrap(client.GET('/v1/executions/{executionArn}', { params: { path: { executionArn: arn } } })),
  definitionForExecution: (arn: string) => unwrap(client.GET('/v1/executions/{executionArn}/state-machine', { params: { path: { executionArn: arn } } })),
  history: (arn: string, opts: { nextToken?: string; maxResults?: number; reverseOrder?: boolean }) =>
    unwrap(
      client.GET('/v1/executions/{executionArn}/history', {
        params: { path: { executionArn: arn }, query: { ...page(opts.nextToken, opts.maxResults ?? 1000), ...(opts.reverseOrder ? { reverseOrder: true } : {}) } },
      }),
    ),
  stopExecution: (arn: string) => unwrap(client.POST('/v1/executions/{executionArn}/stop', { params: { path: { executionArn: arn } }, body: { cause: 'Stopped from the Stepwise console' } })),
  /** Time control (only when the api's settings say it is on): fire the execution's waiting timer now. */
  fireTimer: (arn: string) => unwrap(client.POST('/v1/executions/{executionArn}/fire-timer', { params: { path: { executionArn: arn } } })),
  settings: () => unwrap(client.GET('/v1/settings')),
  redriveExecution: (arn: string) => unwrap(client.POST('/v1/executions/{executionArn}/redrive', { params: { path: { executionArn: arn } }, body: {} })),
  listWaitingTasks: (q: { kind?: 'activity' | 'callback' | 'approval'; activityArn?: string; nextToken?: string } = {}) =>
    unwrap(client.GET('/v1/tasks', { params: { query: { ...page(q.nextToken, 1000), ...(q.kind ? { kind: q.kind } : {}), ...(q.activityArn ? { activityArn: q.activityArn } : {}) } } })),
  tasksOfExecution: (arn: string) => unwrap(client.GET('/v1/executions/{executionArn}/tasks', { params: { path: { executionArn: arn } } })),
  /** Approve: SendTaskSuccess with `{"approved": true, "comment": …, "output": …}`. */
  approve: (taskToken: string, comment?: string, output?: unknown) =>
    unwrap(client.POST('/v1/tasks/approve', { body: { taskToken, output: JSON.stringify({ approved: true, ...(comment !== undefined ? { comment } : {}), ...(output !== undefined ? { output } : {}) }) } })),
  /** Reject: SendTaskFailure with an error and cause. */
  reject: (taskToken: string, error?: string, cause?: string) =>
    unwrap(client.POST('/v1/tasks/reject', { body: { taskToken, ...(error ? { error } : {}), ...(cause ? { cause } : {}) } })),
  listActivities: (nextToken?: string) => unwrap(client.GET('/v1/activities', { params: { query: page(nextToken, 100) } })),
};

/** Every event of an execution, page by page (1,000 a page), oldest first. */
export async function* historyPages(arn: string): AsyncGenerator<HistoryEventItem[]> {
  let nextToken: string | undefined;
  do {
    const r = await api.history(arn, { ...(nextToken ? { nextToken } : {}) });
    yield r.events ?? [];
    nextToken = r.nextToken;
  } while (nextToken);
}

/** Events newer than `afterId`, read newest-first until the known part is reached. */
export async function newerEvents(arn: string, afterId: number): Promise<HistoryEventItem[]> {
  const out: HistoryEventItem[] = [];
  let nextToken: string | undefined;
  for (;;) {
    const r = await api.history(arn, { reverseOrder: true, maxResults: 200, ...(nextToken ? { nextToken } : {}) });
    const events = r.events ?? [];
    for (const e of events) if (e.id > afterId) out.push(e);
    const oldest = events[events.length - 1];
    if (!r.nextToken || !oldest || oldest.id <= afterId + 1) break;
    nextToken = r.nextToken;
  }
  return out.sort((a, b) => a.id - b.id);
}
