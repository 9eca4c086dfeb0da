/**
 * A small in-memory ExecutionEngine for api tests while the durable engine is being built: it
 * keeps executions, history and waiting tasks in maps, honours idempotency by name and single-use
 * task tokens, and fails with the engine's AWS error names. It does not interpret ASL: an
 * execution whose definition has a `.waitForTaskToken` or activity Task waits for a token;
 * otherwise it succeeds at once with its input as output.
 */
import { randomUUID } from 'node:crypto';
import { EngineError, type ExecutionDescription, type ExecutionEngine, type StoredHistoryEvent, type WaitingTask } from '@stepwise/engine';

interface Exec {
  d: ExecutionDescription;
  events: StoredHistoryEvent[];
}

export class MemoryEngine implements ExecutionEngine {
  readonly executions = new Map<string, Exec>();
  readonly tasks = new Map<string, WaitingTask>();
  private readonly activityQueues = new Map<string, string[]>();

  private push(x: Exec, type: string, details: Record<string, unknown> = {}): void {
    const id = x.events.length + 1;
    x.events.push({ id, previousEventId: id - 1, type, timestamp: Date.now(), ...details });
  }

  private get(arn: string): Exec {
    const x = this.executions.get(arn);
    if (!x) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return x;
  }

  async startExecution(req: Parameters<ExecutionEngine['startExecution']>[0]) {
    const name = req.name ?? randomUUID();
    const executionArn = req.stateMachineArn.replace(':stateMachine:', req.type === 'EXPRESS' ? ':express:' : ':execution:') + `:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.d.input === req.input && existing.d.status === 'RUNNING') return { executionArn, startDate: existing.d.startDate };
      throw new EngineError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const x: Exec = {
      d: {
        executionArn, stateMachineArn: req.stateMachineArn, name, status: 'RUNNING', startDate: Date.now(), input: req.input, definition: req.definition,
        redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE',
        ...(req.stateMachineVersionArn ? { stateMachineVersionArn: req.stateMachineVersionArn } : {}),
        ...(req.stateMachineAliasArn ? { stateMachineAliasArn: req.stateMachineAliasArn } : {}),
        ...(req.traceHeader ? { traceHeader: req.traceHeader } : {}),
      },
      events: [],
    };
    this.executions.set(executionArn, x);
    this.push(x, 'ExecutionStarted', { executionStartedEventDetails: { input: req.input, roleArn: req.roleArn } });
    const resource = /"Resource"\s*:\s*"([^"]*(?:waitForTaskToken|:activity:)[^"]*)"/.exec(req.definition)?.[1];
    if (resource) {
      const taskToken = randomUUID();
      const kind = resource.includes(':activity:') ? 'activity' : resource.includes('approval') ? 'approval' : 'callback';
      this.tasks.set(taskToken, { taskToken, executionArn, stateName: 'Wait', resource, input: req.input, since: Date.now(), kind });
      if (kind === 'activity') this.activityQueues.set(resource, [...(this.activityQueues.get(resource) ?? []), taskToken]);
      this.push(x, 'TaskScheduled', { taskScheduledEventDetails: { resource, resourceType: 'states', region: 'us-east-1', parameters: req.input } });
    } else this.finish(x, 'SUCCEEDED', { output: req.input });
    return { executionArn, startDate: x.d.startDate };
  }

  private finish(x: Exec, status: ExecutionDescription['status'], r: { output?: string; error?: string; cause?: string }): void {
    x.d = { ...x.d, status, stopDate: Date.now(), ...r };
    const type = status === 'SUCCEEDED' ? 'ExecutionSucceeded' : status === 'ABORTED' ? 'ExecutionAborted' : 'ExecutionFailed';
    this.push(x, type, status === 'SUCCEEDED' ? { executionSucceededEventDetails: { output: r.output } } : { [`${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`]: { error: r.error, cause: r.cause } });
  }

  async startSyncExecution(req: Parameters<ExecutionEngine['startSyncExecution']>[0]) {
    const { executionArn, startDate } = await this.startExecution(req);
    const d = this.get(executionArn).d;
    return { executionArn, stateMachineArn: req.stateMachineArn, name: d.name, status: 'SUCCEEDED' as const, startDate, stopDate: d.stopDate ?? startDate, input: d.input, output: d.input, billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } };
  }

  async stopExecution(arn: string, error?: string, cause?: string) {
    const x = this.get(arn);
    if (x.d.status !== 'RUNNING') throw new EngineError('ValidationException', `Execution Already Stopped: '${arn}'`);
    this.finish(x, 'ABORTED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    return { stopDate: x.d.stopDate! };
  }

  async describeExecution(arn: string) {
    return this.get(arn).d;
  }

  async listExecutions(q: Parameters<ExecutionEngine['listExecutions']>[0]) {
    const all = [...this.executions.values()].map((x) => x.d).filter((d) => (q.stateMachineArn === undefined || d.stateMachineArn === q.stateMachineArn) && (q.statusFilter === undefined || d.status === q.statusFilter));
    const offset = q.nextToken !== undefined ? Number(q.nextToken) : 0;
    const max = q.maxResults ?? 100;
    const items = all.slice(offset, offset + max).map((d) => ({ executionArn: d.executionArn, stateMachineArn: d.stateMachineArn, name: d.name, status: d.status, startDate: d.startDate, redriveCount: 0, ...(d.stopDate !== undefined ? { stopDate: d.stopDate } : {}) }));
    return offset + max < all.length ? { items, nextToken: String(offset + max) } : { items };
  }

  async getExecutionHistory(arn: string, q: { maxResults?: number; nextToken?: string; reverseOrder?: boolean }) {
    const events = [...this.get(arn).events];
    if (q.reverseOrder) events.reverse();
    const offset = q.nextToken !== undefined ? Number(q.nextToken) : 0;
    const max = q.maxResults ?? 100;
    const items = events.slice(offset, offset + max);
    return offset + max < events.length ? { items, nextToken: String(offset + max) } : { items };
  }

  async redriveExecution(arn: string): Promise<{ redriveDate: number }> {
    throw new EngineError('ExecutionNotRedrivable', `Execution is RUNNING or SUCCEEDED and cannot be redriven: '${this.get(arn).d.executionArn}'`);
  }

  private takeTask(token: string): WaitingTask {
    const t = this.tasks.get(token);
    if (!t) throw new EngineError('TaskDoesNotExist', 'Task Does Not Exist');
    this.tasks.delete(token);
    return t;
  }

  async sendTaskSuccess(token: string, output: string) {
    const t = this.takeTask(token);
    this.finish(this.get(t.executionArn), 'SUCCEEDED', { output });
  }

  async sendTaskFailure(token: string, error?: string, cause?: string) {
    const t = this.takeTask(token);
    this.finish(this.get(t.executionArn), 'FAILED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
  }

  async sendTaskHeartbeat(token: string) {
    if (!this.tasks.has(token)) throw new EngineError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  async getActivityTask(activityArn: string, _worker: string | undefined, waitMs: number, signal?: AbortSignal) {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && !signal?.aborted) {
      const token = this.activityQueues.get(activityArn)?.shift();
      const t = token !== undefined ? this.tasks.get(token) : undefined;
      if (t) return { taskToken: t.taskToken, input: t.input };
      await new Promise((r) => setTimeout(r, 20));
    }
    return undefined;
  }

  async listWaitingTasks(q: Parameters<ExecutionEngine['listWaitingTasks']>[0]) {
    const items = [...this.tasks.values()].filter((t) => (q.executionArn === undefined || t.executionArn === q.executionArn) && (q.kind === undefined || t.kind === q.kind));
    return { items };
  }

  async describeMapRun(arn: string): Promise<never> {
    throw new EngineError('ResourceNotFound', `Resource not found: '${arn}'`);
  }

  async listMapRuns(arn: string) {
    this.get(arn);
    return { items: [] };
  }

  async updateMapRun(arn: string): Promise<void> {
    throw new EngineError('ResourceNotFound', `Resource not found: '${arn}'`);
  }

  async fireTimerNow(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}
}
