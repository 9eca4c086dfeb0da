/**
 * Activities (CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask)
 * and task tokens (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). GetActivityTask long
 * polls up to 60 seconds, as AWS, and stops waiting when the client disconnects.
 */
import { ApiError, activityNameOf, decodePageToken, encodePageToken } from '@stepwise/protocol';
import type { RegistryJson } from '@stepwise/engine';
import { checkName, date, inScope, invalidArn, pageSize, compact } from './context.js';
import { tagsOf } from './state-machines.js';
import type { Handlers } from './handler.js';

/** AWS answers GetActivityTask after at most 60 seconds without a task. */
export const ACTIVITY_POLL_MS = 60_000;

function activityName(arn: string): string {
  const name = activityNameOf(arn);
  if (name === undefined) throw invalidArn(arn);
  return name;
}

function activityDoesNotExist(arn: string): ApiError {
  return new ApiError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
}

export const activityTaskHandlers: Handlers<
  'CreateActivity' | 'DescribeActivity' | 'DeleteActivity' | 'ListActivities' | 'GetActivityTask' | 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat'
> = {
  async CreateActivity(input, { deps }) {
    checkName(input.name!, 'activity');
    const a = await deps.registry.createActivity(input.name!, {
      tags: tagsOf(input.tags),
      ...(input.encryptionConfiguration !== undefined ? { encryptionConfiguration: input.encryptionConfiguration as unknown as RegistryJson } : {}),
    });
    return { activityArn: a.arn, creationDate: date(a.creationDate) };
  },

  async DescribeActivity(input, { deps, scope }) {
    const name = activityName(input.activityArn!);
    const a = inScope(input.activityArn!, scope) ? await deps.registry.getActivity(name) : undefined;
    if (!a) throw activityDoesNotExist(input.activityArn!);
    return compact({ activityArn: a.arn, name: a.name, creationDate: date(a.creationDate), encryptionConfiguration: a.encryptionConfiguration });
  },

  async DeleteActivity(input, { deps, scope }) {
    const name = activityName(input.activityArn!);
    if (inScope(input.activityArn!, scope)) await deps.registry.deleteActivity(name);
    return {};
  },

  async ListActivities(input, { deps }) {
    const after = input.nextToken !== undefined ? decodePageToken('activities', input.nextToken) : undefined;
    const page = await deps.registry.listActivities(pageSize(input.maxResults), after);
    return compact({
      activities: page.items.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: date(a.creationDate) })),
      nextToken: page.cursor !== undefined ? encodePageToken('activities', page.cursor) : undefined,
    });
  },

  async GetActivityTask(input, { deps, scope, signal }) {
    const name = activityName(input.activityArn!);
    const a = inScope(input.activityArn!, scope) ? await deps.registry.getActivity(name) : undefined;
    if (!a) throw activityDoesNotExist(input.activityArn!);
    const task = await deps.engine.getActivityTask(a.arn, input.workerName, ACTIVITY_POLL_MS, signal);
    return task ? { taskToken: task.taskToken, input: task.input } : {};
  },

  async SendTaskSuccess(input, { deps }) {
    try {
      JSON.parse(input.output!);
    } catch (e) {
      throw new ApiError('InvalidOutput', `Invalid Output: '${e instanceof Error ? e.message : 'not JSON'}'`);
    }
    await deps.engine.sendTaskSuccess(input.taskToken!, input.output!);
    return {};
  },

  async SendTaskFailure(input, { deps }) {
    await deps.engine.sendTaskFailure(input.taskToken!, input.error, input.cause);
    return {};
  },

  async SendTaskHeartbeat(input, { deps }) {
    await deps.engine.sendTaskHeartbeat(input.taskToken!);
    return {};
  },
};
