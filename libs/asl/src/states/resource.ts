/**
 * Reads a Task's Resource ARN: which family of history events it writes (Task*, Lambda*,
 * Activity*), the resourceType/resource pair AWS shows in TaskScheduled, and the integration
 * pattern from the suffix (.sync, .sync:2, .waitForTaskToken).
 */
import type { TaskPattern } from '../frame.js';

export interface ResourceInfo {
  readonly family: 'task' | 'lambda' | 'activity';
  readonly resourceType: string;
  readonly resource: string;
  readonly pattern: TaskPattern;
}

/** Parsed ARNs by text: a pure function of a definition's few Resource strings, asked on every Task step. */
const parsed = new Map<string, ResourceInfo>();

export function parseResource(arn: string): ResourceInfo {
  let info = parsed.get(arn);
  if (info === undefined) {
    info = Object.freeze(parseUncached(arn));
    if (parsed.size > 5000) parsed.clear();
    parsed.set(arn, info);
  }
  return info;
}

function parseUncached(arn: string): ResourceInfo {
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(arn)) {
    return { family: 'activity', resourceType: 'activity', resource: arn, pattern: 'requestResponse' };
  }
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(arn)) {
    return { family: 'lambda', resourceType: 'lambda', resource: arn, pattern: 'requestResponse' };
  }
  const pattern: TaskPattern = arn.endsWith('.waitForTaskToken')
    ? 'waitForTaskToken'
    : arn.endsWith('.sync:2')
      ? 'sync2'
      : arn.endsWith('.sync')
        ? 'sync'
        : 'requestResponse';
  const m = /^arn:[^:]+:states:[^:]*:[^:]*:(.+)$/.exec(arn);
  if (m?.[1] !== undefined) {
    const rest = m[1];
    const cut = rest.lastIndexOf(':', pattern === 'sync2' ? rest.length - 3 : rest.length);
    if (cut < 0) return { family: 'task', resourceType: rest.split('.')[0] ?? rest, resource: rest, pattern };
    return { family: 'task', resourceType: rest.slice(0, cut), resource: rest.slice(cut + 1), pattern };
  }
  return { family: 'task', resourceType: 'stepwise', resource: arn, pattern };
}
