import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../src/app/router.js';

const sm = 'arn:aws:states:us-east-1:123456789012:stateMachine:pay/ments?x';
const ex = 'arn:aws:states:us-east-1:123456789012:execution:pay:run-1';

const route = (href: string) => {
  const u = new URL(href, 'http://console');
  return matchRoute(u.pathname, u.searchParams);
};

describe('deep links', () => {
  it('round-trip URL-encoded ARNs', () => {
    expect(paths.stateMachine(sm)).toBe(`/state-machines/${encodeURIComponent(sm)}`);
    expect(route(paths.stateMachine(sm))).toEqual({ page: 'stateMachine', arn: sm });
    expect(route(paths.editStateMachine(sm))).toEqual({ page: 'editStateMachine', arn: sm });
    expect(route(paths.execution(ex))).toEqual({ page: 'execution', arn: ex });
    expect(route(`${paths.executions(sm)}&statusFilter=FAILED`)).toEqual({ page: 'executions', stateMachineArn: sm, statusFilter: 'FAILED' });
  });

  it('names every page and nothing else', () => {
    expect(route('/')).toEqual({ page: 'stateMachines' });
    expect(route('/state-machines/')).toEqual({ page: 'stateMachines' });
    expect(route('/state-machines/new')).toEqual({ page: 'newStateMachine' });
    expect(route('/approvals')).toEqual({ page: 'approvals' });
    expect(route('/activities')).toEqual({ page: 'activities' });
    expect(route('/nope')).toEqual({ page: 'notFound' });
    expect(route('/executions/a/b')).toEqual({ page: 'notFound' });
  });
});
