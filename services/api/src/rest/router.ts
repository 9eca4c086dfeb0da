/**
 * REST under /v1: the same actions as the AWS protocol, addressed by resource. Each route turns
 * path, query and body into the action's request members and calls invoke(), so semantics,
 * validation and errors are the AWS protocol's. A state machine or activity may be named by ARN
 * or by plain name; executions by ARN (URL-encoded or not). Timestamps are ISO 8601.
 * Waiting tasks (what an execution waits for from a person or worker) are REST-only reads.
 */
import { Router, type Request, type Response } from 'express';
import { ApiError, arns, toApiError, type ActionName, type ArnScope } from '@stepwise/protocol';
import type { RequestState } from '../request-state.js';
import { invoke, type InvokeOptions } from '../actions/invoke.js';
import { compact, executionInScope, pageSize } from '../actions/context.js';
import { parseJsonBody } from '../aws-json/router.js';
import { sendError } from '../middleware/respond.js';
import { fireTimer, settingsOf } from './time-control.js';
import { testStateMembers } from './test-state.js';

type Members = Record<string, unknown>;

function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? decodeURIComponent(v) : '';
}

const smArn = (s: ArnScope, v: string) => (v.startsWith('arn:') ? v : arns.stateMachine(s, v));
const activityArn = (s: ArnScope, v: string) => (v.startsWith('arn:') ? v : arns.activity(s, v));

/** Query strings are text: numbers and booleans are converted where the action expects them. */
function query(req: Request, ints: readonly string[] = [], bools: readonly string[] = []): Members {
  const out: Members = {};
  for (const [k, v] of Object.entries(req.query)) {
    if (typeof v !== 'string') continue;
    if (ints.includes(k)) out[k] = /^-?\d+$/.test(v) ? Number(v) : v;
    else if (bools.includes(k)) out[k] = v === 'true' ? true : v === 'false' ? false : v;
    else out[k] = v;
  }
  return out;
}

/** REST accepts execution input and task output as JSON values as well as JSON text. */
function jsonText(v: unknown): unknown {
  return v === undefined || typeof v === 'string' ? v : JSON.stringify(v);
}

function body(req: Request): Members {
  const b = parseJsonBody(req.body);
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new ApiError('SerializationException', 'The request body must be a JSON object.');
  return b as Members;
}

export function restRouter(opts: InvokeOptions): Router {
  const r = Router();

  const route = (method: 'get' | 'post' | 'patch' | 'delete', path: string, action: ActionName | string, build: (req: Request, s: ArnScope) => Members | Promise<Members>, run?: (m: Members, state: RequestState) => Promise<unknown>, status = 200) => {
    r[method](path, async (req: Request, res: Response) => {
      const state = res.locals.sw as RequestState;
      state.action = `rest:${action}`;
      try {
        const members = await build(req, state.context.scope);
        const out = run ? await run(members, state) : await invoke(action as ActionName, members, state.context, opts);
        if (!res.headersSent && !state.context.signal.aborted) res.status(status).json(out);
      } catch (e) {
        const err = toApiError(e);
        state.error = err.type;
        if (!res.headersSent) sendError(res, err, 'application/json');
      }
    });
  };

  // What this deployment allows (the console shows time control only when it is on).
  route('get', '/settings', 'GetSettings', () => ({}), (_m, state) => Promise.resolve(settingsOf(state.context.deps)));

  // State machines
  route('get', '/state-machines', 'ListStateMachines', (req) => query(req, ['maxResults']));
  route('post', '/state-machines', 'CreateStateMachine', (req) => {
    const b = body(req);
    return { ...b, definition: jsonText(b.definition), roleArn: b.roleArn ?? 'arn:aws:iam::000000000000:role/stepwise' };
  }, undefined, 201);
  route('post', '/state-machines/validate', 'ValidateStateMachineDefinition', (req) => {
    const b = body(req);
    return { ...b, definition: jsonText(b.definition) };
  });
  route('get', '/state-machines/:sm', 'DescribeStateMachine', (req, s) => ({ stateMachineArn: smArn(s, param(req, 'sm')) }));
  route('patch', '/state-machines/:sm', 'UpdateStateMachine', (req, s) => {
    const b = body(req);
    return compact({ ...b, definition: jsonText(b.definition), stateMachineArn: smArn(s, param(req, 'sm')) });
  });
  route('delete', '/state-machines/:sm', 'DeleteStateMachine', (req, s) => ({ stateMachineArn: smArn(s, param(req, 'sm')) }));
  route('get', '/state-machines/:sm/versions', 'ListStateMachineVersions', (req, s) => ({ ...query(req, ['maxResults']), stateMachineArn: smArn(s, param(req, 'sm')) }));
  route('post', '/state-machines/:sm/versions', 'PublishStateMachineVersion', (req, s) => ({ ...body(req), stateMachineArn: smArn(s, param(req, 'sm')) }), undefined, 201);
  route('get', '/state-machines/:sm/aliases', 'ListStateMachineAliases', (req, s) => ({ ...query(req, ['maxResults']), stateMachineArn: smArn(s, param(req, 'sm')) }));
  route('post', '/state-machines/:sm/aliases', 'CreateStateMachineAlias', (req) => body(req), undefined, 201);
  route('get', '/state-machines/:sm/aliases/:alias', 'DescribeStateMachineAlias', (req, s) => ({ stateMachineAliasArn: `${smArn(s, param(req, 'sm'))}:${param(req, 'alias')}` }));
  route('patch', '/state-machines/:sm/aliases/:alias', 'UpdateStateMachineAlias', (req, s) => ({ ...body(req), stateMachineAliasArn: `${smArn(s, param(req, 'sm'))}:${param(req, 'alias')}` }));
  route('delete', '/state-machines/:sm/aliases/:alias', 'DeleteStateMachineAlias', (req, s) => ({ stateMachineAliasArn: `${smArn(s, param(req, 'sm'))}:${param(req, 'alias')}` }));
  route('delete', '/state-machines/:sm/versions/:version', 'DeleteStateMachineVersion', (req, s) => ({ stateMachineVersionArn: `${smArn(s, param(req, 'sm'))}:${param(req, 'version')}` }));

  // Executions
  route('post', '/state-machines/:sm/executions', 'StartExecution', (req, s) => {
    const b = body(req);
    return compact({ ...b, input: jsonText(b.input), stateMachineArn: smArn(s, param(req, 'sm')) });
  }, undefined, 201);
  route('post', '/state-machines/:sm/sync-executions', 'StartSyncExecution', (req, s) => {
    const b = body(req);
    return compact({ ...b, input: jsonText(b.input), stateMachineArn: smArn(s, param(req, 'sm')) });
  });
  route('get', '/state-machines/:sm/executions', 'ListExecutions', (req, s) => ({ ...query(req, ['maxResults']), stateMachineArn: smArn(s, param(req, 'sm')) }));
  route('get', '/executions/:exec', 'DescribeExecution', (req) => ({ executionArn: param(req, 'exec') }));
  route('get', '/executions/:exec/history', 'GetExecutionHistory', (req) => ({ ...query(req, ['maxResults'], ['reverseOrder', 'includeExecutionData']), executionArn: param(req, 'exec') }));
  route('get', '/executions/:exec/state-machine', 'DescribeStateMachineForExecution', (req) => ({ executionArn: param(req, 'exec') }));
  route('post', '/executions/:exec/stop', 'StopExecution', (req) => ({ ...body(req), executionArn: param(req, 'exec') }));
  route('post', '/executions/:exec/redrive', 'RedriveExecution', (req) => ({ ...body(req), executionArn: param(req, 'exec') }));
  route('post', '/executions/:exec/fire-timer', 'FireTimer', (req) => ({ executionArn: param(req, 'exec') }), (m, state) => fireTimer(String(m.executionArn), state.context, opts));
  route('get', '/executions/:exec/map-runs', 'ListMapRuns', (req) => ({ ...query(req, ['maxResults']), executionArn: param(req, 'exec') }));

  // Waiting tasks: what an execution (or any execution) waits for from a person or a worker.
  const listTasks = async (m: Members, state: RequestState) => {
    const maxResults = typeof m.maxResults === 'number' ? m.maxResults : undefined;
    if (maxResults !== undefined && (maxResults < 1 || maxResults > 1000)) throw new ApiError('ValidationException', `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`);
    const kind = m.kind;
    if (kind !== undefined && kind !== 'activity' && kind !== 'callback' && kind !== 'approval') throw new ApiError('ValidationException', "kind must be one of: activity, callback, approval");
    const page = await state.context.deps.engine.listWaitingTasks(
      compact({
        executionArn: typeof m.executionArn === 'string' ? executionInScope(m.executionArn, state.context.scope) : undefined,
        activityArn: typeof m.activityArn === 'string' ? m.activityArn : undefined,
        kind,
        maxResults: pageSize(maxResults),
        nextToken: typeof m.nextToken === 'string' ? m.nextToken : undefined,
      }),
    );
    return compact({
      tasks: page.items.map((t) => compact({ ...t, since: new Date(t.since), deadline: t.deadline !== undefined ? new Date(t.deadline) : undefined })),
      nextToken: page.nextToken,
    });
  };
  route('get', '/executions/:exec/tasks', 'ListWaitingTasks', (req) => ({ ...query(req, ['maxResults']), executionArn: param(req, 'exec') }), listTasks);
  route('get', '/tasks', 'ListWaitingTasks', (req) => query(req, ['maxResults']), listTasks);
  route('post', '/tasks/approve', 'SendTaskSuccess', (req) => {
    const b = body(req);
    return { ...b, output: jsonText(b.output ?? {}) };
  });
  route('post', '/tasks/reject', 'SendTaskFailure', (req) => body(req));
  route('post', '/tasks/heartbeat', 'SendTaskHeartbeat', (req) => body(req));

  // Local testing: one state (or a state of a machine) run in isolation, as the AWS action.
  route('post', '/test-state', 'TestState', (req) => testStateMembers(body(req)));

  // Activities
  route('get', '/activities', 'ListActivities', (req) => query(req, ['maxResults']));
  route('post', '/activities', 'CreateActivity', (req) => body(req), undefined, 201);
  route('get', '/activities/:act', 'DescribeActivity', (req, s) => ({ activityArn: activityArn(s, param(req, 'act')) }));
  route('delete', '/activities/:act', 'DeleteActivity', (req, s) => ({ activityArn: activityArn(s, param(req, 'act')) }));
  route('get', '/activities/:act/task', 'GetActivityTask', (req, s) => ({ ...query(req), activityArn: activityArn(s, param(req, 'act')) }));

  // Map runs and tags
  route('get', '/map-runs/:run', 'DescribeMapRun', (req) => ({ mapRunArn: param(req, 'run') }));
  route('patch', '/map-runs/:run', 'UpdateMapRun', (req) => ({ ...body(req), mapRunArn: param(req, 'run') }));
  route('get', '/map-runs/:run/executions', 'ListExecutions', (req) => ({ ...query(req, ['maxResults']), mapRunArn: param(req, 'run') }));
  route('get', '/tags/:res', 'ListTagsForResource', (req) => ({ resourceArn: param(req, 'res') }));
  route('post', '/tags/:res', 'TagResource', (req) => ({ ...body(req), resourceArn: param(req, 'res') }));
  route('delete', '/tags/:res', 'UntagResource', (req) => {
    const keys = req.query.tagKeys;
    return { resourceArn: param(req, 'res'), tagKeys: typeof keys === 'string' ? keys.split(',') : [] };
  });

  r.use((req: Request, res: Response) => {
    (res.locals.sw as RequestState).action = 'rest:not-found';
    sendError(res, new ApiError('NotFoundException', `No route for ${req.method} ${req.baseUrl}${req.path}`), 'application/json');
  });
  return r;
}
