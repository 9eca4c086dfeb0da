/**
 * Map runs (DescribeMapRun, ListMapRuns, UpdateMapRun), tags (TagResource, UntagResource,
 * ListTagsForResource) and TestState, which libs/testing answers through deps.testState.
 */
import { ApiError, activityNameOf, parseStateMachineRef } from '@stepwise/protocol';
import type { AppDeps } from '../deps.js';
import { compact, date, executionInScope, inScope, invalidArn, mapRunInScope, pageSize } from './context.js';
import { tagsOf } from './state-machines.js';
import type { Handlers } from './handler.js';
import type { ArnScope } from '@stepwise/protocol';

/** Only state machines and activities carry tags. */
async function taggable(deps: AppDeps, scope: ArnScope, arn: string): Promise<string> {
  const ref = parseStateMachineRef(arn);
  const activity = activityNameOf(arn);
  if (!ref && activity === undefined) throw invalidArn(arn);
  let exists = false;
  if (inScope(arn, scope)) {
    if (ref?.kind === 'stateMachine') exists = (await deps.registry.getStateMachine(ref.name)) !== undefined;
    else if (activity !== undefined) exists = (await deps.registry.getActivity(activity)) !== undefined;
  }
  if (!exists) throw new ApiError('ResourceNotFound', `Resource not found: '${arn}'`, { resourceName: arn });
  return arn;
}

export const mapRunTagHandlers: Handlers<'DescribeMapRun' | 'ListMapRuns' | 'UpdateMapRun' | 'TagResource' | 'UntagResource' | 'ListTagsForResource' | 'TestState'> = {
  async DescribeMapRun(input, { deps, scope }) {
    const m = await deps.engine.describeMapRun(mapRunInScope(input.mapRunArn!, scope));
    return compact({ ...m, startDate: date(m.startDate), stopDate: date(m.stopDate), redriveDate: date(m.redriveDate) });
  },

  async ListMapRuns(input, { deps, scope }) {
    const page = await deps.engine.listMapRuns(executionInScope(input.executionArn!, scope), compact({ maxResults: pageSize(input.maxResults), nextToken: input.nextToken }));
    return compact({ mapRuns: page.items.map((m) => compact({ ...m, startDate: date(m.startDate), stopDate: date(m.stopDate) })), nextToken: page.nextToken });
  },

  async UpdateMapRun(input, { deps, scope }) {
    if (input.maxConcurrency === undefined && input.toleratedFailureCount === undefined && input.toleratedFailurePercentage === undefined) {
      throw new ApiError('ValidationException', 'At least one of the parameters maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified');
    }
    await deps.engine.updateMapRun(mapRunInScope(input.mapRunArn!, scope), compact({ maxConcurrency: input.maxConcurrency, toleratedFailureCount: input.toleratedFailureCount, toleratedFailurePercentage: input.toleratedFailurePercentage }));
    return {};
  },

  async TagResource(input, { deps, scope }) {
    await deps.registry.tagResource(await taggable(deps, scope, input.resourceArn!), tagsOf(input.tags));
    return {};
  },

  async UntagResource(input, { deps, scope }) {
    await deps.registry.untagResource(await taggable(deps, scope, input.resourceArn!), input.tagKeys ?? []);
    return {};
  },

  async ListTagsForResource(input, { deps, scope }) {
    const tags = await deps.registry.getTags(await taggable(deps, scope, input.resourceArn!));
    return { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
  },

  async TestState(input, { deps }) {
    if (!deps.testState) throw new ApiError('ValidationException', 'TestState is not available: this api was started without the local-testing engine (libs/testing).');
    return deps.testState(input);
  },
};
