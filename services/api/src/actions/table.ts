/**
 * The action table: every AWS Step Functions action name → its handler. Both routers (AWS JSON
 * on `POST /` and REST under /v1) call through here, so they share one implementation.
 */
import type { ActionName } from '@stepwise/protocol';
import { stateMachineHandlers } from './state-machines.js';
import { versionAliasHandlers } from './versions-aliases.js';
import { executionHandlers } from './executions.js';
import { activityTaskHandlers } from './activities-tasks.js';
import { mapRunTagHandlers } from './map-runs-tags.js';
import type { Handlers } from './handler.js';

export const actions: Handlers<ActionName> = {
  ...stateMachineHandlers,
  ...versionAliasHandlers,
  ...executionHandlers,
  ...activityTaskHandlers,
  ...mapRunTagHandlers,
};
