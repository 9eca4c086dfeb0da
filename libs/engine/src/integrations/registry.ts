/**
 * Routes a task's Resource to its integration: in-process handlers registered in code (by full
 * Resource or Lambda function name) first, then HTTP, Lambda, nested executions and BullMQ jobs.
 * Activities and the approval step are not dispatched (they wait for GetActivityTask or a person).
 */
import type { Redis } from 'ioredis';
import { httpInvoke } from './http-invoke.js';
import { lambdaFunction, lambdaInvoke, failedFrom, type LambdaRouting } from './lambda.js';
import { bullmqAddJob, BULLMQ_ADD_JOB } from './bullmq-job.js';
import type { Integration, TaskHandler, TaskOutcome, TaskRequest } from './types.js';

export interface IntegrationOptions {
  /** In-process handlers by Resource ARN (exact, without the pattern suffix) or Lambda function name. */
  readonly handlers?: ReadonlyMap<string, TaskHandler> | Readonly<Record<string, TaskHandler>>;
  /** STEPWISE_LAMBDA_ENDPOINTS, parsed: function name (or `*`) → URL. */
  readonly lambdaEndpoints?: Readonly<Record<string, string>>;
  /** Connection for the BullMQ integration (users' queues on the same Redis by default). */
  readonly bullmqConnection?: Redis;
  /**
   * Local testing: answers a task of an execution started with a mock test case (the testing
   * layer resolves its MockConfigFile here); undefined lets the real integration run.
   */
  readonly mocks?: (req: TaskRequest) => Promise<TaskOutcome | undefined> | TaskOutcome | undefined;
}

export type Log = (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;

export class IntegrationRegistry {
  readonly handlers: Map<string, TaskHandler>;
  readonly routing: LambdaRouting;
  /** Set by the engine: starts nested executions (`states:startExecution`). */
  nested: Integration | undefined;

  constructor(private readonly opts: IntegrationOptions = {}, private readonly log: Log = () => undefined) {
    this.handlers = opts.handlers instanceof Map ? new Map(opts.handlers) : new Map(Object.entries(opts.handlers ?? {}));
    this.routing = { endpoints: opts.lambdaEndpoints ?? {}, handlers: this.handlers };
  }

  register(resource: string, handler: TaskHandler): void {
    this.handlers.set(resource, handler);
  }

  async dispatch(req: TaskRequest): Promise<TaskOutcome> {
    if (req.mockTestCase !== undefined && this.opts.mocks) {
      const mocked = await this.opts.mocks(req);
      if (mocked !== undefined) return mocked;
    }
    const base = req.resource.replace(/\.(waitForTaskToken|sync:2|sync)$/, '');
    const handler = this.handlers.get(req.resource) ?? this.handlers.get(base);
    if (handler) {
      try {
        const output = await handler(req.input, { resource: req.resource, idempotencyKey: req.idempotencyKey, executionArn: req.executionArn, stateName: req.stateName, attempt: req.attempt, ...(req.taskToken !== undefined ? { taskToken: req.taskToken } : {}) });
        return req.pattern === 'waitForTaskToken' ? { kind: 'submitted', output } : { kind: 'succeeded', output };
      } catch (e) {
        return failedFrom(e);
      }
    }
    let out: TaskOutcome;
    if (/^arn:[^:]+:states:::http:invoke$/.test(base)) out = await httpInvoke(req, this.log);
    else if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(base)) out = await lambdaFunction(req, this.routing);
    else if (/^arn:[^:]+:states:::lambda:invoke$/.test(base)) out = await lambdaInvoke(req, this.routing);
    else if (/^arn:[^:]+:states:::states:startExecution$/.test(base) && this.nested) return this.nested(req);
    else if (base === BULLMQ_ADD_JOB) {
      if (!this.opts.bullmqConnection) return { kind: 'failed', error: 'States.Runtime', cause: 'The BullMQ integration has no Redis connection configured.' };
      out = await bullmqAddJob(req, this.opts.bullmqConnection);
    } else {
      return { kind: 'failed', error: 'States.Runtime', cause: `No integration serves the resource '${req.resource}'. Register a handler for it.` };
    }
    // waitForTaskToken: the call only hands the token out (its response is TaskSubmitted's output); the answer comes by SendTask*.
    if (req.pattern === 'waitForTaskToken' && out.kind === 'succeeded') return { kind: 'submitted', output: out.output };
    return out;
  }
}
