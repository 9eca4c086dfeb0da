/** The shape of one action handler: validated AWS request members in, response members out. */
import type { ActionInputs, ActionName, ActionOutput } from '@stepwise/protocol';
import type { ActionContext } from './context.js';

export type Handler<A extends ActionName> = (input: ActionInputs[A], ctx: ActionContext) => Promise<ActionOutput>;
export type Handlers<A extends ActionName> = { readonly [K in A]: Handler<K> };
