import { describe, expect, it } from 'vitest';
import { arns, parseArn, baseStateMachineArn, stateMachineArnOfExecution, isValidResourceName } from '../src/index.js';

const scope = { region: 'us-east-1', accountId: '123456789012' };

describe('ARNs', () => {
  it('builds AWS-shaped ARNs', () => {
    expect(arns.stateMachine(scope, 'Hello')).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Hello');
    expect(arns.execution(scope, 'Hello', 'run-1')).toBe('arn:aws:states:us-east-1:123456789012:execution:Hello:run-1');
    expect(arns.activity(scope, 'approve')).toBe('arn:aws:states:us-east-1:123456789012:activity:approve');
  });

  it('parses versions and aliases back to their state machine', () => {
    expect(baseStateMachineArn('arn:aws:states:us-east-1:123456789012:stateMachine:Hello:3')).toBe(arns.stateMachine(scope, 'Hello'));
    expect(baseStateMachineArn('arn:aws:states:us-east-1:123456789012:stateMachine:Hello:prod')).toBe(arns.stateMachine(scope, 'Hello'));
    expect(stateMachineArnOfExecution(arns.execution(scope, 'Hello', 'x'))).toBe(arns.stateMachine(scope, 'Hello'));
    expect(parseArn('not-an-arn')).toBeUndefined();
    expect(parseArn(arns.activity(scope, 'a'))?.resource).toBe('activity');
  });

  it('accepts AWS resource names only', () => {
    expect(isValidResourceName('ok_name-1')).toBe(true);
    expect(isValidResourceName('has space')).toBe(false);
    expect(isValidResourceName('x'.repeat(81))).toBe(false);
  });
});
