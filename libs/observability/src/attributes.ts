/**
 * Span attribute names, in one place so the engine, the api and the tests agree. Stepwise's own
 * attributes live under `stepwise.`; standard ones (http.*, db.*) come from the instrumentations.
 */
export const ATTR = {
  EXECUTION_ARN: 'stepwise.execution.arn',
  EXECUTION_NAME: 'stepwise.execution.name',
  EXECUTION_STATUS: 'stepwise.execution.status',
  STATE_MACHINE_ARN: 'stepwise.state_machine.arn',
  STATE_MACHINE_NAME: 'stepwise.state_machine.name',
  STATE_MACHINE_TYPE: 'stepwise.state_machine.type',
  STATE_NAME: 'stepwise.state.name',
  STATE_TYPE: 'stepwise.state.type',
  TASK_RESOURCE: 'stepwise.task.resource',
  TASK_INTEGRATION: 'stepwise.task.integration',
  TASK_ATTEMPT: 'stepwise.task.attempt',
  JOB_ID: 'stepwise.job.id',
  QUEUE: 'stepwise.queue',
  VERSION: 'stepwise.version',
  ERROR: 'stepwise.error',
  CAUSE: 'stepwise.cause',
  API_ACTION: 'stepwise.api.action',
  REQUEST_ID: 'stepwise.request.id',
} as const;

export type AttributeName = (typeof ATTR)[keyof typeof ATTR];

/** Span names (the first word is the kind of work; dashboards and trace searches rely on it). */
export const SPAN = {
  execution: (stateMachineName: string) => `execution ${stateMachineName}`,
  state: (stateName: string) => `state ${stateName}`,
  taskAttempt: (integration: string, attempt: number) => `task ${integration} attempt ${attempt}`,
  job: (queue: string) => `job ${queue}`,
  apiAction: (action: string) => action,
} as const;
